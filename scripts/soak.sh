#!/usr/bin/env bash
# The soak: trading days against the simulator, one after another, with faults injected and the
# daemon killed with SIGKILL at random moments; after every kill and at every day's end the
# simulator's books are held to the journal (tests/e2e/e2e_soak_test.cpp). CI runs 20 kills.
#   scripts/soak.sh [--kills N] [--seed S] [--speed X] [--keep DIR] [--log FILE]
# A failing day's state directory and the simulator's books are kept in DIR (build/soak/failed).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: scripts/soak.sh [--kills N] [--seed S] [--speed X] [--keep DIR] [--log FILE]" >&2
  exit 2
}
kills=20 seed=1 speed=200 keep=build/soak/failed log=
while (($#)); do
  [[ $# -ge 2 ]] || usage
  case $1 in
    --kills) kills=$2 ;;
    --seed) seed=$2 ;;
    --speed) speed=$2 ;;
    --keep) keep=$2 ;;
    --log) log=$2 ;;
    *) usage ;;
  esac
  shift 2
done
log=${log:-build/soak/soak-$kills-kills-seed-$seed.log}
mkdir -p "$(dirname "$log")" "$keep"
keep=$(realpath "$keep")

scripts/build.sh release striked e2e_tests >/dev/null

started=$(date +%s)
set +e
STRIKE_SOAK_KILLS=$kills STRIKE_SOAK_SEED=$seed STRIKE_SOAK_SPEED=$speed STRIKE_SOAK_KEEP=$keep \
  build/release/tests/e2e_tests -tc="soak: *" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
took=$(($(date +%s) - started))

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "soak: $kills kills, seed $seed, ${speed}x: $(grep '^soak: done:' "$log" | sed 's/^soak: done: //')"
printf 'soak: wall time %dm%02ds on %s cores (%s); log %s\n' $((took / 60)) $((took % 60)) \
  "$(nproc)" "$cpu" "$log"
if ((status != 0)); then
  echo "soak: FAILED (exit $status); failing days are kept in $keep" >&2
fi
exit "$status"
