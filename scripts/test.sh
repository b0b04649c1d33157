#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the release build with warnings as
# errors, then the same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

run_suite() {
  local kind=$1 e2e_jobs=$2 started=$SECONDS
  echo "== $kind: build"
  scripts/build.sh "$kind"
  echo "== $kind: built in $((SECONDS - started)) s; test"
  started=$SECONDS
  # The e2e tests mostly wait on the market's scaled clock: they run three at a time, after the
  # CPU-bound tests (whose load would stall that market), and those labelled "alone" by themselves.
  (cd "build/$kind" &&
    ctest --output-on-failure --timeout 600 -j "$(nproc)" -E '^e2e:' &&
    ctest --output-on-failure --timeout 600 -j "$e2e_jobs" -R '^e2e:' -LE alone &&
    ctest --output-on-failure --timeout 600 -L alone)
  echo "== $kind: tested in $((SECONDS - started)) s"
}

# The e2e tests include the soak (tests/e2e/e2e_soak_test.cpp): 20 kill -9s under injected faults,
# 6 under the sanitizers; scripts/soak.sh runs it at any size.
run_suite release 3
scripts/check-systemd.sh build/release/daemon/striked  # the unit (systemd-analyze), its timeouts, logrotate
# The official Angel One JS SDK (from the npm registry) against the simulator: REST and WebSocket.
if command -v node >/dev/null && command -v npm >/dev/null; then
  echo "== official SDK against the simulator"
  tests/sim/sdk/run_js_sdk_check.sh build/release/daemon/striked
  tests/sim/sdk/run_js_ws_check.sh build/release/daemon/striked
else
  echo "== official SDK check skipped: node and npm are not installed"
fi
# The dashboard and the reports in headless Chromium (screenshots kept in build/screenshots).
echo "== dashboard and report in a browser"
tests/browser/run_dashboard_check.sh build/release/daemon/striked
tests/report/run_browser_check.sh build/release/daemon/striked
# A sweep split into shards on a real single-node Slurm (a job array and an afterok merge).
echo "== optimize on Slurm"
tests/slurm/run_slurm_check.sh build/release/daemon/striked
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_suite asan 2
scripts/fuzz.sh 25  # the feed parsers under libFuzzer (clang-14, ASan+UBSan), 25 s each
echo "== all tests passed in $SECONDS s"
