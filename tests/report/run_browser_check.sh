#!/usr/bin/env bash
# Opens a backtest's `striked report` page in headless Chromium from disk (file://, no network)
# and checks that a screenshot of it was taken and is not blank: the page renders as a browser
# sees it, charts included. Exits 0 with "SKIP: why" when no Chromium is installed
# (`apt-get install -y chromium`). The screenshot stays in build/screenshots/.
#   tests/report/run_browser_check.sh STRIKED_BINARY
set -euo pipefail
[[ $# -eq 1 && -x $1 ]] || { echo "usage: $0 STRIKED_BINARY" >&2; exit 2; }
striked=$(realpath "$1")
repo=$(cd "$(dirname "$0")/../.." && pwd)
browser=$(command -v chromium || command -v chromium-browser || true)
[[ -n $browser ]] || { echo "SKIP: no chromium on PATH"; exit 0; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$striked" backtest --config "$repo/config.toml" --from 2026-01-05 --to 2026-01-09 \
  --synthetic 7 --out "$work/bt" --quiet >/dev/null
"$striked" report "$work/bt" >/dev/null

shots=$repo/build/screenshots
mkdir -p "$shots"
png=$shots/report-backtest.png
rm -f "$png"
# A private profile: the browser writes nothing to the user's home.
timeout 120 "$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$work/profile" --no-first-run --disable-extensions \
  --screenshot="$png" --window-size=1400,2400 "file://$work/bt/report.html" \
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
echo "OK: $png"
