#!/usr/bin/env bash
# Renders the sample reports into samples/*/report (committed, so readers see the output
# on GitHub). With --check, renders to a temporary folder and fails if the committed
# reports differ: CI uses that to catch stale samples.
#   samples/northwind   metric-form results for two fiscal years
#   samples/northwind/report-revised  the same with the revision agreed after the mid-year
#                       review (plan-revised.yaml), read on 31 August with July and August
#   samples/salesforce  a Salesforce opportunity export (Windows-1252, M/D/YYYY, "$1,234.00",
#                       report footer) plus a leads file, read through the plan's results: block,
#                       with the export's 30 June snapshot for the pipeline's movement since, and
#                       every table as CSV (tables/)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
bin=${GUTCHECK_BIN:-.build/debug/gutcheck}
[ -n "${GUTCHECK_BIN:-}" ] || swift build --product gutcheck >/dev/null
render() {  # sample, output folder
  case $1 in
    northwind) "$bin" report --plan samples/northwind/plan.yaml \
        --results samples/northwind/results-2022-2024.csv --results samples/northwind/results-2025.csv --results samples/northwind/results-2026.csv \
        --format md,html,json,packet --out "$2" 2>/dev/null ;;
    northwind-revised) "$bin" report --plan samples/northwind/plan-revised.yaml \
        --results samples/northwind/results-2022-2024.csv --results samples/northwind/results-2025.csv --results samples/northwind/results-2026.csv \
        --results samples/northwind/results-2026-h2.csv --as-of 2026-08-31 \
        --format md,html,json --out "$2" 2>/dev/null ;;
    salesforce) "$bin" report --plan samples/salesforce/plan.yaml \
        --results samples/salesforce/opportunities.csv --results samples/salesforce/leads.csv \
        --previous-results samples/salesforce/opportunities-2026-06-30.csv --previous-as-of 2026-06-30 \
        --format md,html,json,packet,csv --paper letter --out "$2" 2>/dev/null ;;
  esac
}
# The revised plan's report sits beside the original's, so the two views read side by side.
folder() { case $1 in northwind-revised) echo samples/northwind/report-revised ;; *) echo "samples/$1/report" ;; esac; }
status=0
for sample in northwind northwind-revised salesforce; do
  if [ "${1:-}" = "--check" ]; then
    tmp=$(mktemp -d)
    render $sample "$tmp/report" >/dev/null
    if ! diff -r "$(folder $sample)" "$tmp/report"; then
      echo "$(folder $sample) is stale: run scripts/render-samples.sh and commit the result" >&2
      status=1
    fi
    rm -rf "$tmp"
  else
    render $sample "$(folder $sample)"
  fi
done
[ "${1:-}" != "--check" ] || [ $status != 0 ] || echo "sample reports are current"
exit $status
