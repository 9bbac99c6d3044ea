#!/usr/bin/env bash
# Runs the steps of samples/ci/gutcheck.yml here, on the Northwind sample, so the example
# workflow is tested (.ci/run calls it): install libcmark-dev, build, check with
# annotations, report with a job summary, "upload" the reports to a folder. Then the
# steps of samples/ci/gutcheck-matrix.yml: one report per shard of regions, merged with
# gutcheck rollup, which must equal the single run byte for byte.
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

echo "== Sharded: report per shard, then rollup"
for shard in "--region northeast --region southeast" "--region central --region west"; do
  # shellcheck disable=SC2086
  .build/release/gutcheck report --plan $data/plan.yaml $results $shard --out "$work/shards/$(echo $shard | tr -cd 'a-z')" --github-summary /dev/null
done
GITHUB_STEP_SUMMARY="$work/rollup-summary.md" .build/release/gutcheck rollup "$work"/shards/*/summary.json --out "$work/merged"
diff -r "$work/gutcheck-report" "$work/merged" || { echo "the rollup of the shards differs from the single run" >&2; exit 1; }
cmp "$work/summary.md" "$work/rollup-summary.md" || { echo "the rollup's job summary differs from the single run's" >&2; exit 1; }

size=$(stat -c %s "$work/summary.md")
grep -q "| 1 | Southeast |" "$work/summary.md" || { echo "job summary lacks the regions table" >&2; exit 1; }
[ "$size" -lt 1048576 ] || { echo "job summary is over 1 MiB" >&2; exit 1; }
echo "ok: reports in $artifact, job summary $size bytes"
