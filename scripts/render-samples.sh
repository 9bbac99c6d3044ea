#!/usr/bin/env bash
# Renders the sample reports into samples/northwind/report (committed, so readers see the
# output on GitHub). With --check, renders to a temporary folder and fails if the committed
# reports differ: CI uses that to catch stale samples.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
bin=${GUTCHECK_BIN:-.build/debug/gutcheck}
[ -n "${GUTCHECK_BIN:-}" ] || swift build --product gutcheck >/dev/null
render() {
  "$bin" report --plan samples/northwind/plan.yaml \
    --results samples/northwind/results-2025.csv --results samples/northwind/results-2026.csv \
    --out "$1" 2>/dev/null
}
if [ "${1:-}" = "--check" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  render "$tmp/report" >/dev/null
  if ! diff -r samples/northwind/report "$tmp/report"; then
    echo "samples/northwind/report is stale: run scripts/render-samples.sh and commit the result" >&2
    exit 1
  fi
  echo "sample reports are current"
else
  render samples/northwind/report
fi
