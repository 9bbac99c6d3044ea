#!/usr/bin/env bash
# Prints the board packets through headless Chromium and checks every page as a director
# would leaf through it (scripts/check-pages.sh): the Northwind sample on A4 and Letter, the
# Salesforce sample on Letter, and the long-words fixture (long names and answers everywhere)
# on Letter. Installs chromium and poppler-utils when missing (apt-get; sudo when not root);
# where they cannot be installed it says so and skips, so CI without a browser still runs.
#   scripts/check-packets.sh [OUT_DIR]     (default: a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing ${missing[*]}" >&2
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; } \
     || ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
    echo "NOTICE: packet page check skipped: could not install ${missing[*]} (apt-get install chromium poppler-utils)" >&2
    exit 0
  fi
fi
bin=${GUTCHECK_BIN:-.build/debug/gutcheck}
[ -n "${GUTCHECK_BIN:-}" ] || { scripts/ensure-deps.sh; swift build --product gutcheck >/dev/null; }
nw=(--plan samples/northwind/plan.yaml --results samples/northwind/results-2022-2024.csv --results samples/northwind/results-2025.csv --results samples/northwind/results-2026.csv)
sf=(--plan samples/salesforce/plan.yaml --results samples/salesforce/opportunities.csv --results samples/salesforce/leads.csv
    --previous-results samples/salesforce/opportunities-2026-06-30.csv --previous-as-of 2026-06-30)
long=(--plan Tests/GutcheckCommandsTests/Fixtures/long-words/plan.yaml --results samples/northwind/results-2026.csv)
status=0
check() {  # name, regions, paper, inputs…
  local name=$1 regions=$2 paper=$3; shift 3
  "$bin" report "$@" --format packet --paper "$paper" --pdf --quiet --out "$out/$name-$paper"
  scripts/check-pages.sh "$out/$name-$paper/board-packet.pdf" --regions "$regions" || status=1
}
check northwind 4 a4 "${nw[@]}"
check northwind 4 letter "${nw[@]}"
check salesforce 2 letter "${sf[@]}"
check long-words 4 letter "${long[@]}"
exit $status
