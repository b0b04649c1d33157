#!/usr/bin/env bash
# Runs the official Angel One JavaScript SDK against `striked sim`: login with TOTP, place,
# modify, details, cancel, order book, trade book, positions, funds, candles, quote, logout.
# Needs node and npm (the SDK is installed from the npm registry into a temporary directory).
# Usage: tests/sim/sdk/run_js_sdk_check.sh path/to/striked
set -euo pipefail
striked=${1:?usage: run_js_sdk_check.sh path/to/striked}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund smartapi-javascript@1.0.27 >/dev/null)
"$striked" sim --https-port 0 --admin-port 0 --cert-out "$work/cert.pem" --ready-file "$work/ready.json" \
  --start 2026-01-05T10:00:00+05:30 >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 100); do [ -f "$work/ready.json" ] && break; sleep 0.1; done
read -r https_port admin_port < <(node -e 'const r=require(process.argv[1]);console.log(r.https_port,r.admin_port)' "$work/ready.json")
cp "$here/smartapi_js_check.js" "$work/"
cd "$work" && NODE_EXTRA_CA_CERTS="$work/cert.pem" node smartapi_js_check.js "$https_port" "$admin_port"
