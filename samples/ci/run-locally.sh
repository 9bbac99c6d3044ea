#!/usr/bin/env bash
# Runs the steps of samples/ci/gutcheck.yml here, on the Northwind sample, so the example
# workflow is tested (.ci/run calls it): install libcmark-dev, build, check with
# annotations, report with a job summary, "upload" the reports to a folder.
#   samples/ci/run-locally.sh [ARTIFACT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
artifact=${1:-$(mktemp -d)/gutcheck-report}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=samples/northwind
results=$(printf -- '--results %s ' $data/*.csv)

echo "== Install libcmark-dev"; scripts/ensure-deps.sh
echo "== Build"; swift build -c release --product gutcheck >/dev/null
echo "== Check"; .build/release/gutcheck check --plan $data/plan.yaml $results --format github
echo "== Report"
GITHUB_STEP_SUMMARY="$work/summary.md" .build/release/gutcheck report --plan $data/plan.yaml $results --out "$work/gutcheck-report"
echo "== Upload"; rm -rf "$artifact"; mkdir -p "$(dirname "$artifact")"; cp -r "$work/gutcheck-report" "$artifact"

size=$(stat -c %s "$work/summary.md")
grep -q "| 1 | Southeast |" "$work/summary.md" || { echo "job summary lacks the regions table" >&2; exit 1; }
[ "$size" -lt 1048576 ] || { echo "job summary is over 1 MiB" >&2; exit 1; }
echo "ok: reports in $artifact, job summary $size bytes"
