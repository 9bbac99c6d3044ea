#!/usr/bin/env bash
# Runs the steps of gutcheck's action (action.yml → scripts/action.sh) as samples/ci/gutcheck.yml
# uses them, on the Northwind sample, so the action and the example workflows are tested
# (.ci/run calls this): build, check with annotations, report with a job summary, "upload"
# the reports to a folder. Then samples/ci/gutcheck-matrix.yml: the action once per shard of
# regions (no job summary), merged with gutcheck rollup, which must equal the single run
# byte for byte, job summary included.
#   samples/ci/run-locally.sh [ARTIFACT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
artifact=${1:-$(mktemp -d)/gutcheck-report}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export INPUT_PLAN=samples/northwind/plan.yaml
export INPUT_RESULTS="samples/northwind/results-2022-2024.csv
samples/northwind/results-2025.csv
samples/northwind/results-2026.csv"

echo "== Build"; scripts/action.sh build
echo "== Check"; scripts/action.sh check
echo "== Report"
GITHUB_STEP_SUMMARY="$work/summary.md" INPUT_OUT="$work/gutcheck-report" scripts/action.sh report
echo "== Upload"; rm -rf "$artifact"; mkdir -p "$(dirname "$artifact")"; cp -r "$work/gutcheck-report" "$artifact"

echo "== Sharded: the action per shard, then rollup"
for shard in "northeast southeast" "central west"; do
  INPUT_REGIONS="$shard" INPUT_OUT="$work/shards/${shard// /-}" INPUT_JOB_SUMMARY=false \
    GITHUB_STEP_SUMMARY="$work/should-stay-empty.md" scripts/action.sh report
done
[ ! -s "$work/should-stay-empty.md" ] || { echo "a shard wrote a job summary" >&2; exit 1; }
GITHUB_STEP_SUMMARY="$work/rollup-summary.md" .build/release/gutcheck rollup "$work"/shards/*/summary.json --out "$work/merged"
diff -r "$work/gutcheck-report" "$work/merged" || { echo "the rollup of the shards differs from the single run" >&2; exit 1; }
cmp "$work/summary.md" "$work/rollup-summary.md" || { echo "the rollup's job summary differs from the single run's" >&2; exit 1; }

size=$(stat -c %s "$work/summary.md")
grep -q "| 1 | Southeast |" "$work/summary.md" || { echo "job summary lacks the regions table" >&2; exit 1; }
[ "$size" -lt 1048576 ] || { echo "job summary is over 1 MiB" >&2; exit 1; }
# The action's inputs are what its steps read.
for input in plan results out regions fail-on format job-summary; do
  grep -q "^  $input:" action.yml || { echo "action.yml lacks the input $input" >&2; exit 1; }
done
echo "ok: reports in $artifact, job summary $size bytes"
