#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang-14 with ASan and UBSan, apart from the GCC build)
# and runs each over its seed corpus for a bounded time. Fails on any crash, leak, sanitizer
# report or timeout. New inputs libFuzzer finds go to a temporary directory, not the repo.
#   scripts/fuzz.sh [seconds per target, default 25]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-25}
dir=build/fuzz
if [[ ! -f $dir/build.ninja ]]; then
  cmake -S fuzz -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
fi
cmake --build "$dir" --parallel "$(nproc)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
rm -rf "$dir/crashes" && mkdir -p "$dir/crashes"  # this run's crashing inputs only
for target in tick_parser order_update; do
  echo "== fuzz: $target (${seconds}s)"
  mkdir -p "$work/$target"
  status=0
  "$dir/${target}_fuzz" "$work/$target" "fuzz/corpus/$target" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 -artifact_prefix="$dir/crashes/$target-" \
    >"$work/$target.log" 2>&1 || status=$?
  if ((status != 0)); then
    # The whole report: the sanitizer's stack and the input that caused it.
    grep -v '^#[0-9]* *\(NEW\|REDUCE\|pulse\|INITED\|READ\)' "$work/$target.log" | tail -n 80
    ls "$dir/crashes/$target"-* 2>/dev/null | sed 's/^/input kept in /'
    exit "$status"
  fi
  tail -n 6 "$work/$target.log"
done
echo "== fuzz: clean"
