#!/usr/bin/env bash
# The dashboard in a real browser: `striked sim` and the daemon on one accelerated paper day
# (150x from 10:00), then, once the day has traded, headless Chromium opens
# http://127.0.0.1:PORT/ and saves a screenshot and the page as it drew it under
# build/screenshots/. Checks: the page drew the state (the session, today's trades), the browser
# logged no script error, and the page names no address but the daemon's own. Meanwhile, from
# the open, dashboard_probe.py watches the live page over the DevTools protocol: the positions
# table draws a position with a mark and a P&L (screenshot dashboard_live.png), working orders
# show a ladder step, the event stream draws events as they are journaled, and nothing logs an
# error. The day's journal is left in build/browser/live-day. Installs chromium with apt-get
# when missing (as root); exits 0 with "SKIP: why" only when no browser can be had.
#   tests/browser/run_dashboard_check.sh STRIKED_BINARY
set -euo pipefail
[[ $# -eq 1 && -x $1 ]] || { echo "usage: $0 STRIKED_BINARY" >&2; exit 2; }
striked=$(realpath "$1")
repo=$(cd "$(dirname "$0")/../.." && pwd)
shots="$repo/build/screenshots"
mkdir -p "$shots"

if ! command -v chromium >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
      >/dev/null 2>&1 || true
  fi
  command -v chromium >/dev/null || { echo "SKIP: chromium is not installed and cannot be"; exit 0; }
fi

work=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; tail -n 30 "$work/daemon.log" >&2 || true; exit 1; }

# Slow enough that a browser started at the open is drawing the page before the first entry:
# the live probe must see a position open while it watches.
speed=150
anchor=$(($(date +%s%3N) + 2000))
start="2026-01-07T10:00:00+05:30"
"$striked" sim --config "$repo/sim.toml" --seed 7 --start "$start" --speed "$speed" \
  --anchor "$anchor" --https-port 0 --admin-port 0 --cert-out "$work/cert.pem" \
  --ready-file "$work/ready.json" >"$work/sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 200); do [[ -s $work/ready.json ]] && break; sleep 0.05; done
[[ -s $work/ready.json ]] || fail "the simulator did not start"
api=$(sed -n 's/.*"https_port":\([0-9]*\).*/\1/p' "$work/ready.json")

cat >"$work/config.toml" <<TOML
[daemon]
mode = "paper"
state_dir = "state"
log_dir = "log"
heartbeat_ms = 100
[broker]
base_url = "https://127.0.0.1:$api"
ca_file = "cert.pem"
client_public_ip = "127.0.0.1"
instruments_url = "https://127.0.0.1:$api/OpenAPI_File/files/OpenAPIScripMaster.json"
[feeds]
stream_url = "wss://127.0.0.1:$api/smart-stream"
order_url = "wss://127.0.0.1:$api/smart-order-update"
[status]
port = 0
TOML
export STRIKE_CLIENT_CODE=SIM001 STRIKE_PIN=1234 STRIKE_TOTP_SECRET=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ STRIKE_API_KEY=simkey01
"$striked" run --config "$work/config.toml" --start "$start" --speed "$speed" \
  --anchor "$anchor" 2>"$work/daemon.log" &
daemon_pid=$!
pids+=($daemon_pid)
port=""
for _ in $(seq 300); do
  port=$(sed -n 's|.*/metrics on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/daemon.log" | head -1)
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n $port ]] || fail "the daemon's status endpoint did not start"
url="http://127.0.0.1:$port/"

# Watch the live page from the open for the whole day (at most three real minutes): positions
# last a few seconds of real time at this speed, and a watch started after the screenshots
# below, on a slow machine, can begin after the day's last one has closed.
timeout 210 python3 "$repo/tests/browser/dashboard_probe.py" chromium "$url" 180 \
  "$shots/dashboard_live.png" >"$shots/dashboard_live.json" &
probe_pid=$!
pids+=($probe_pid)

# Wait (at most two real minutes) for a trade, so the page has one to show.
trades=0
for _ in $(seq 240); do
  trades=$(curl -fsS "${url}api/state" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["state"]["today"]["trades"])' || echo 0)
  [[ $trades -gt 0 ]] && break
  sleep 0.5
done
[[ $trades -gt 0 ]] || fail "no trade was made to show"

# --timeout, not a virtual time budget: the page's event stream never finishes loading, and
# virtual time waits for the network to be idle.
browse() {
  timeout 90 chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --disable-background-networking --disable-component-update \
    --enable-logging=stderr --v=0 --window-size=1400,1100 --timeout=4000 "$@" \
    "$url" 2>>"$work/browser.log" || fail "the browser did not finish"
}
browse --screenshot="$shots/dashboard.png" >/dev/null
browse --dump-dom >"$shots/dashboard.html"
[[ -s $shots/dashboard.png ]] || fail "no screenshot"
grep -q 'id="phase">open' "$shots/dashboard.html" || fail "the page does not show the session open"
grep -qE 'id="today">2026-01-07: [1-9][0-9]* trades' "$shots/dashboard.html" ||
  fail "the page does not show today's trades"
grep -q 'id="health" class="good">healthy' "$shots/dashboard.html" || fail "the page shows no health"
if grep -E 'CONSOLE|Uncaught|ERR_' "$work/browser.log" | grep -v 'dbus\|GPU\|gpu'; then
  fail "the browser logged errors (above)"
fi
# Every address the page names is its own: nothing outside is asked for.
if grep -oE '(src|href)="[^"]*"|https?://[^" ]*' "$shots/dashboard.html" | grep -v "127.0.0.1:$port"; then
  fail "the page refers to another address (above)"
fi

# The live page's watch began with the day; it ends at its first position and a streamed event.
wait "$probe_pid" || fail "the live page probe failed"
python3 - "$shots/dashboard_live.json" <<'PY' || fail "the live page is not as it should be"
import json, re, sys
seen = json.load(open(sys.argv[1]))
money = re.compile(r"^-?\u20b9\d+\.\d\d$")
problems = ["the page logged: " + e for e in seen["errors"]]
if not seen["positions"]:
    problems.append("the positions table never drew an open position")
for row in seen["positions"]:
    text = [cell["text"] for cell in row]
    # symbol, qty, avg, mark, at, P&L, stop, target, opened
    if len(row) != 9 or not all(money.match(text[i]) for i in (2, 3, 5)):
        problems.append("a position row without an average, a mark and a P&L: %s" % text)
    elif text[4] in ("", "at cost"):
        problems.append("a position valued without a quote: %s" % text)
    elif text[5].lstrip("-\u20b9") != "0.00" and not {"good", "bad"} & set(row[5]["cls"].split()):
        problems.append("a P&L not coloured: %s" % row[5])
for row in seen["orders"]:
    if len(row) != 8 or not row[6]["text"].isdigit():
        problems.append("a working order without its ladder step: %s" % [c["text"] for c in row])
if not seen["first_events"] or not seen["later_event"]:
    problems.append("the event stream drew %d events, and none after" % len(seen["first_events"]))
print("\n".join(problems), file=sys.stderr)
print("live page: %d position rows, %d order rows, events streamed (%s)" % (
    len(seen["positions"]), len(seen["orders"]), seen["later_event"][:60]))
sys.exit(1 if problems else 0)
PY
# The paper day, stopped cleanly (flat), is the live journal tests/report/run_browser_check.sh
# compares with a backtest of the same day.
kill -TERM "$daemon_pid"
wait "$daemon_pid" || fail "the daemon did not stop cleanly"
rm -rf "$repo/build/browser/live-day"
mkdir -p "$repo/build/browser"
cp -r "$work/state" "$repo/build/browser/live-day"
echo "dashboard check: PASS (trades and an open position shown, events streamed;" \
  "screenshots $shots/dashboard.png, $shots/dashboard_live.png)"
