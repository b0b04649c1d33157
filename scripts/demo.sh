#!/usr/bin/env bash
# The main job: one trading day, accelerated, against the built-in Angel One simulator with
# paper money. Installs what is missing, builds, starts `striked sim` and the daemon on the same
# scaled market clock, prints a status line as the day goes, and ends with the end-of-day exit
# and a summary of trades and net P&L. The journal it leaves (var/state/events.jsonl) is the
# proof; the previous run's is kept in var/state.previous.
#   scripts/demo.sh [--speed N] [--date YYYY-MM-DD] [--seed N]
set -euo pipefail
cd "$(dirname "$0")/.."

speed=300
day=2026-01-07
seed=7
while [[ $# -gt 0 ]]; do
  case $1 in
    --speed) speed=$2; shift 2 ;;
    --date) day=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "usage: scripts/demo.sh [--speed N] [--date YYYY-MM-DD] [--seed N]" >&2; exit 2 ;;
  esac
done

scripts/install-deps.sh
echo "building striked ..." >&2
scripts/build.sh release striked >/dev/null
bin=build/release/daemon/striked

mkdir -p var
if [[ -d var/state ]]; then rm -rf var/state.previous; mv var/state var/state.previous; fi
rm -rf var/sim && mkdir -p var/sim

# Both processes read the same market clock: --start falls at the wall-clock instant --anchor.
anchor=$(( $(date +%s%3N) + 2000 ))
start="${day}T09:00:00+05:30"
"$bin" sim --config sim.toml --seed "$seed" --start "$start" --speed "$speed" --anchor "$anchor" \
  --ready-file var/sim/ready.json >var/sim/sim.log 2>&1 &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null || true' EXIT
for _ in $(seq 200); do
  [[ -s var/sim/ready.json ]] && break
  kill -0 "$sim_pid" 2>/dev/null || { cat var/sim/sim.log >&2; exit 1; }
  sleep 0.05
done
[[ -s var/sim/ready.json ]] || { echo "the simulator did not start" >&2; exit 1; }

# The simulator's demo account (not a secret: it exists only in the simulator).
export STRIKE_CLIENT_CODE=SIM001 STRIKE_PIN=1234 STRIKE_TOTP_SECRET=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ STRIKE_API_KEY=simkey01
echo "trading ${day} at ${speed}x (paper money); the log is var/log/striked.log" >&2
"$bin" run --config config.toml --start "$start" --speed "$speed" --anchor "$anchor" \
  --status --exit-after-close 2>>var/demo-stderr.log
