#!/usr/bin/env bash
# The official Angel One JavaScript SDK's WebSocket V2 parser and `striked feed` decode the same
# `striked sim` SmartStream frames to the same values. The SDK (npm smartapi-javascript@1.0.27,
# installed into a temporary directory) connects to the simulator's /smart-stream with only the
# URL changed and records its ticks in LTP, Quote and SnapQuote modes; meanwhile `striked feed`
# runs once per mode; compare_ticks.js matches ticks by (mode, token, exchange time) and compares
# every field. Needs node and npm. Not part of CI (it needs the npm registry).
# Usage: tests/sim/sdk/run_js_ws_check.sh path/to/striked [seconds per striked feed run, default 8]
set -euo pipefail
striked=$(cd "$(dirname "${1:?usage: run_js_ws_check.sh path/to/striked}")" && pwd)/$(basename "$1")
per_mode=${2:-8}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
sim_pid=""
trap 'if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund smartapi-javascript@1.0.27 >/dev/null)
"$striked" sim --https-port 0 --admin-port 0 --cert-out "$work/cert.pem" --ready-file "$work/ready.json" \
  --start 2026-01-05T10:00:00+05:30 >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 100); do [ -f "$work/ready.json" ] && break; sleep 0.1; done
read -r https_port admin_port < <(node -e 'const r=require(process.argv[1]);console.log(r.https_port,r.admin_port)' "$work/ready.json")
# NIFTY 50 in LTP mode, two NIFTY options (the first listed CE and PE rows) in Quote and SnapQuote.
read -r quote_token snap_token < <(curl -s --cacert "$work/cert.pem" \
  "https://127.0.0.1:$https_port/OpenAPI_File/files/OpenAPIScripMaster.json" |
  node -e 'let b="";process.stdin.on("data",d=>b+=d).on("end",()=>{const r=JSON.parse(b).filter(x=>x.exch_seg==="NFO"&&x.name==="NIFTY");
    console.log(r.find(x=>x.symbol.endsWith("CE")).token, r.find(x=>x.symbol.endsWith("PE")).token)})')
cat >"$work/config.toml" <<TOML
[daemon]
state_dir = "state"
log_dir = "log"
[broker]
base_url = "https://127.0.0.1:$https_port"
ca_file = "cert.pem"
instruments_url = "https://127.0.0.1:$https_port/OpenAPI_File/files/OpenAPIScripMaster.json"
[feeds]
stream_url = "wss://127.0.0.1:$https_port/smart-stream"
order_url = "wss://127.0.0.1:$https_port/smart-order-update"
TOML
cp "$here/smartapi_ws_check.js" "$here/compare_ticks.js" "$work/"
cd "$work"
sdk_seconds=$((3 * per_mode + 6))
NODE_EXTRA_CA_CERTS="$work/cert.pem" node smartapi_ws_check.js "$https_port" "$admin_port" "$sdk_seconds" sdk.jsonl \
  99926000 "$quote_token" "$snap_token" &
sdk_pid=$!
# One login per second per client code: let the SDK's go first.
for _ in $(seq 1 100); do [ -f sdk.jsonl.ready ] && break; sleep 0.1; done
export STRIKE_CLIENT_CODE=SIM001 STRIKE_PIN=1234 STRIKE_TOTP_SECRET=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ STRIKE_API_KEY=simkey01
"$striked" feed --config config.toml --tokens NSE:99926000 --mode ltp --for "${per_mode}s" >striked-ltp.jsonl 2>striked.err
"$striked" feed --config config.toml --tokens "NFO:$quote_token" --mode quote --for "${per_mode}s" >striked-quote.jsonl 2>>striked.err
"$striked" feed --config config.toml --tokens "NFO:$snap_token" --mode snap --for "${per_mode}s" >striked-snap.jsonl 2>>striked.err
wait "$sdk_pid"
echo "striked feed: $(cat striked-*.jsonl | wc -l) ticks decoded"
node compare_ticks.js sdk.jsonl striked-ltp.jsonl striked-quote.jsonl striked-snap.jsonl
