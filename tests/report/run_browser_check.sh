#!/usr/bin/env bash
# Opens `striked report` pages in headless Chromium from disk (file://, name lookups refused)
# and checks each as a browser sees it: a synthetic year's backtest, a single day (its session
# chart), a week compared with a day (--compare), a paper day of the live daemon compared with
# the backtest of that day (when tests/browser/run_dashboard_check.sh has left one in
# build/browser/live-day), an optimisation and a walk-forward. For each page:
#  - every sortable table heading is clicked and every chart chooser set to each choice, and the
#    console stays silent (no error, no failed request);
#  - the page loaded no resource from anywhere but itself;
#  - its screenshot is not blank.
# Exits 0 with "SKIP: why" when no Chromium is installed (`apt-get install -y chromium`). The
# screenshots stay in build/screenshots/report-*.png.
#   tests/report/run_browser_check.sh STRIKED_BINARY
set -euo pipefail
[[ $# -eq 1 && -x $1 ]] || { echo "usage: $0 STRIKED_BINARY" >&2; exit 2; }
striked=$(realpath "$1")
repo=$(cd "$(dirname "$0")/../.." && pwd)
browser=$(command -v chromium || command -v chromium-browser || true)
[[ -n $browser ]] || { echo "SKIP: no chromium on PATH"; exit 0; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
backtest() {  # FROM TO OUT
  "$striked" backtest --config "$repo/config.toml" --from "$1" --to "$2" --synthetic 7 \
    --out "$3" --quiet >/dev/null
}
optimize() {  # TO OUT [OPTION...]
  local to=$1 out=$2
  shift 2
  "$striked" optimize --config "$repo/config.toml" --sweep "$repo/bench/optimize_sweep.toml" \
    --from 2026-01-05 --to "$to" --synthetic 3 --step 60 --strikes 1 --quiet --out "$out" \
    "$@" >/dev/null
}
backtest 2026-01-05 2026-01-09 "$work/bt"
backtest 2026-01-07 2026-01-07 "$work/day"
optimize 2026-01-16 "$work/opt" --pbo-blocks 4
optimize 2026-01-23 "$work/wf" --walk-forward 6:3
"$striked" report "$work/bt" >/dev/null
"$striked" report "$work/day" >/dev/null
"$striked" report "$work/bt" --compare "$work/day" --out "$work/compare.html" >/dev/null
# A year of minute equity: the page must stay quick to draw and to sort.
backtest 2025-02-03 2026-01-30 "$work/year"
"$striked" report "$work/year" >/dev/null
live=$repo/build/browser/live-day
if [[ -s $live/events.jsonl ]]; then
  "$striked" report "$live" --compare "$work/day" --out "$work/live-compare.html" >/dev/null
fi
"$striked" report "$work/opt" >/dev/null
"$striked" report "$work/wf" >/dev/null

shots=$repo/build/screenshots
mkdir -p "$shots"

# Run after the page's own script: uses every control the page has, then lists what it loaded.
exercise='<script>
window.addEventListener("load",function(){
 var headings=0;
 document.querySelectorAll("table.sortable th").forEach(function(th){
  th.click();th.click();headings++;});
 document.querySelectorAll("select.chooser").forEach(function(s){
  for(var i=0;i<s.options.length;i++){
   s.selectedIndex=i;s.dispatchEvent(new Event("change"));
   var shown=document.querySelectorAll("[data-group=\""+s.dataset.group+"\"]:not([hidden])");
   if(shown.length!==1||shown[0].dataset.choice!==s.value)
    console.error("choosing "+s.value+" shows "+shown.length+" charts");}});
 performance.getEntriesByType("resource").forEach(function(r){
  console.log("CHECK-RESOURCE "+r.name);});
 console.log("CHECK-DONE "+headings+" headings");});
</script>'

# A private profile: the browser writes nothing to the user's home; no name resolves, so a
# request for anything outside the page fails loudly on the console.
chromium_run() {
  timeout 120 "$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$work/profile" --no-first-run --disable-extensions \
    --host-resolver-rules="MAP * ~NOTFOUND" "$@"
}

check_page() {  # NAME HTML
  local name=$1 page=$2 png=$shots/report-$1.png
  local harness=$work/$name-check.html
  python3 - "$page" "$harness" "$exercise" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
at = page.rindex("</body>")
open(sys.argv[2], "w", encoding="utf-8").write(page[:at] + sys.argv[3] + page[at:])
PY
  chromium_run --enable-logging=stderr --log-level=0 --virtual-time-budget=5000 --dump-dom \
    "file://$harness" >"$work/$name.dom" 2>"$work/$name.log" ||
    { cat "$work/$name.log" >&2; exit 1; }
  grep -q "CHECK-DONE" "$work/$name.log" ||
    { echo "FAIL: $name: the check's script did not run" >&2; cat "$work/$name.log" >&2; exit 1; }
  if grep "CONSOLE" "$work/$name.log" | grep -v "CHECK-" >&2; then
    echo "FAIL: $name: the console reported the lines above" >&2
    exit 1
  fi
  if grep -o "CHECK-RESOURCE [^\"]*" "$work/$name.log" | grep -v "CHECK-RESOURCE file://" >&2
  then
    echo "FAIL: $name: the page loaded the resources above" >&2
    exit 1
  fi
  rm -f "$png"
  chromium_run --screenshot="$png" --window-size=1400,2400 "file://$page" \
    >"$work/chromium.log" 2>&1 || { cat "$work/chromium.log" >&2; exit 1; }
  [[ -s $png ]] || { echo "FAIL: no screenshot at $png" >&2; exit 1; }
  # Not blank: a white page's pixels are one colour; the report's text and charts are many.
  python3 - "$png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
at, idat, size = 8, b"", None
while at < len(data):
    n, kind = struct.unpack(">I4s", data[at:at + 8])
    body = data[at + 8:at + 8 + n]
    if kind == b"IHDR":
        size = struct.unpack(">II", body[:8])
    if kind == b"IDAT":
        idat += body
    at += 12 + n
pixels = zlib.decompress(idat)
colours = len(set(pixels))
print(f"screenshot {size[0]}x{size[1]}, {len(data)} bytes, {colours} distinct byte values")
if colours < 32:
    sys.exit("FAIL: the screenshot is blank")
PY
  echo "OK: $name: $(grep -o 'CHECK-DONE [0-9]* headings' "$work/$name.log" | cut -d' ' -f2-)" \
    "clicked, console silent, nothing loaded from outside; $png"
}

check_page backtest "$work/bt/report.html"
check_page year "$work/year/report.html"
if [[ -f $work/live-compare.html ]]; then
  check_page live-compare "$work/live-compare.html"
else
  echo "note: no live day in $live (run tests/browser/run_dashboard_check.sh first): not compared"
fi
check_page day "$work/day/report.html"
check_page compare "$work/compare.html"
check_page optimize "$work/opt/report.html"
check_page walk-forward "$work/wf/report.html"
