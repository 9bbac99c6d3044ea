#!/usr/bin/env bash
# Looks at the output as a person would: renders the Northwind sample's index, one region
# and the board packet in headless Chromium to PNG (screen) and PDF (print), and turns each
# PDF into PNG pages with pdftoppm, plus a contact sheet of the packet when python3-PIL is
# there; checks the packets' pages with scripts/check-packets.sh (exit 1 when one fails).
# Look at every page before calling a rendering change done.
#   scripts/look.sh [OUT_DIR] [REGION]     (default /tmp/gutcheck-look, northeast)
# Installs chromium and poppler-utils when missing (apt-get; sudo when not root).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/gutcheck-look}
region=${2:-northeast}
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
scripts/ensure-deps.sh
swift build --product gutcheck >/dev/null
rm -rf "$out"; mkdir -p "$out"
for paper in a4 letter; do
  .build/debug/gutcheck report --plan samples/northwind/plan.yaml \
    --results samples/northwind/results-2022-2024.csv --results samples/northwind/results-2025.csv --results samples/northwind/results-2026.csv \
    --format md,html,json,packet --paper $paper --pdf --pdf-regions --quiet --out "$out/report-$paper"
done
.build/debug/gutcheck report --plan samples/salesforce/plan.yaml \
  --results samples/salesforce/opportunities.csv --results samples/salesforce/leads.csv \
  --previous-results samples/salesforce/opportunities-2026-06-30.csv --previous-as-of 2026-06-30 \
  --format packet --paper letter --pdf --quiet --out "$out/salesforce"
report="$out/report-a4"
sandbox=(); [ "$(id -u)" -ne 0 ] || sandbox=(--no-sandbox)
shoot() {  # html file, png, height
  chromium --headless "${sandbox[@]}" --disable-gpu --hide-scrollbars --window-size=1100,"$3" \
    --screenshot="$2" "file://$(realpath "$1")" >/dev/null 2>&1
}
shoot "$report/index.html" "$out/index.png" 3000
shoot "$report/regions/$region.html" "$out/$region.png" 6000
shoot "$report/board-packet.html" "$out/board-packet-screen.png" 4000
for paper in a4 letter; do
  pdftoppm -r 60 -png "$out/report-$paper/board-packet.pdf" "$out/packet-$paper"
  echo "packet ($paper): $(pdfinfo "$out/report-$paper/board-packet.pdf" | awk '/^Pages:/ {print $2}') pages"
done
pdftoppm -r 60 -png "$out/salesforce/board-packet.pdf" "$out/salesforce-packet"
pdftoppm -r 60 -png "$report/regions/$region.pdf" "$out/$region-page"
# No near-empty page, and one page per region (SPEC §12.1), on these and the long-words fixture.
pages_ok=0
scripts/check-packets.sh "$out/checked" || pages_ok=1
if python3 -c 'import PIL' 2>/dev/null; then
  python3 - "$out" <<'PY'
import glob, sys
from PIL import Image
out = sys.argv[1]
pages = [Image.open(f) for f in sorted(glob.glob(f"{out}/packet-a4-*.png"))]
w, h = pages[0].size
cols = 6
sheet = Image.new("RGB", (w * cols, h * ((len(pages) + cols - 1) // cols)), "white")
for i, page in enumerate(pages):
    sheet.paste(page, ((i % cols) * w, (i // cols) * h))
sheet.save(f"{out}/packet-a4-sheet.png")
PY
fi
echo "look at: $out (index.png, $region.png, board-packet-screen.png, packet-a4-*.png, packet-letter-*.png, salesforce-packet-*.png, $region-page-*.png)"
exit $pages_ok
