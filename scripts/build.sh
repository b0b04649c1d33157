#!/usr/bin/env bash
# Configures and builds one configuration: release (default), debug or asan.
#   scripts/build.sh [release|debug|asan] [ninja targets...]
set -euo pipefail
cd "$(dirname "$0")/.."

kind=${1:-release}
shift || true
case $kind in
  release) dir=build/release; opts=(-DCMAKE_BUILD_TYPE=Release) ;;
  debug)   dir=build/debug;   opts=(-DCMAKE_BUILD_TYPE=Debug) ;;
  # -Og: the sanitizers' reports keep their lines, and Beast's coroutines compile in a quarter
  # of the time -O2 takes under instrumentation.
  asan)    dir=build/asan;    opts=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-Og -g1" -DSTRIKE_SANITIZE=ON -DSTRIKE_BENCH=OFF) ;;
  *) echo "build.sh: unknown configuration '$kind' (release, debug, asan)" >&2; exit 2 ;;
esac

# Warnings are errors in every configuration we build and test.
if [[ ! -f $dir/build.ninja ]]; then
  cmake -S . -B "$dir" -G Ninja -DSTRIKE_WERROR=ON "${opts[@]}" >/dev/null
fi
jobs=$(nproc)
cmake --build "$dir" --parallel "$jobs" -- "$@"
