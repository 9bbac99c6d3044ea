#!/usr/bin/env bash
# The steps of gutcheck's GitHub Action (action.yml), one per verb, so the action and
# samples/ci/run-locally.sh (which CI runs) execute the same commands. Inputs come as the
# action passes them, in INPUT_* variables:
#   INPUT_PLAN      the plan (YAML)
#   INPUT_RESULTS   results files: paths or globs, separated by spaces or new lines
#   INPUT_OUT       the report folder (default gutcheck-report)
#   INPUT_REGIONS   region ids for this job, separated by spaces (a shard); empty: all
#   INPUT_FAIL_ON   off_track or at_risk: fail the job when a region is at that status or worse
#   INPUT_FORMAT    report formats (default md,html,json)
#   INPUT_JOB_SUMMARY  false: no job summary (a shard's; the roll-up job writes it)
#   GUTCHECK_HOME   gutcheck's source (the action's path); its build goes to .build there
#
#   scripts/action.sh build | check | report
set -euo pipefail
home=${GUTCHECK_HOME:-$(cd "$(dirname "$0")/.." && pwd)}
bin="$home/.build/release/gutcheck"
results=()
for pattern in ${INPUT_RESULTS:-}; do
  # A glob that matches nothing stays as written, so the error names it.
  for f in $pattern; do results+=(--results "$f"); done
done
regions=()
for r in ${INPUT_REGIONS:-}; do regions+=(--region "$r"); done
case ${1:-} in
  build)
    "$home/scripts/ensure-deps.sh"
    swift build -c release --product gutcheck --package-path "$home" >/dev/null
    echo "built $bin" ;;
  check)
    # GitHub annotations on the plan's and results' lines.
    "$bin" check --plan "$INPUT_PLAN" "${results[@]}" "${regions[@]}" --format github ;;
  report)
    gate=()
    [ -z "${INPUT_FAIL_ON:-}" ] || gate=(--fail-on "$INPUT_FAIL_ON")
    summary=()
    [ "${INPUT_JOB_SUMMARY:-true}" != false ] || summary=(--github-summary /dev/null)
    "$bin" report --plan "$INPUT_PLAN" "${results[@]}" "${regions[@]}" --out "${INPUT_OUT:-gutcheck-report}" \
      --format "${INPUT_FORMAT:-md,html,json}" --force "${summary[@]}" "${gate[@]}" ;;
  *)
    echo "usage: scripts/action.sh build|check|report" >&2
    exit 2 ;;
esac
