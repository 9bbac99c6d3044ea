#!/usr/bin/env bash
# The output folder's promises a unit test cannot make (docs/output-folder.md): writers in
# different PID namespaces (containers sharing a volume, as CI runners do) write one --out at
# once and every run succeeds with one whole report and no staging folder left; a mount point
# as --out is written and rewritten. Needs root (unshare --pid, mount); skipped otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${GUTCHECK:-.build/debug/gutcheck}
work=$(mktemp -d)
trap 'umount "$work/mnt" 2>/dev/null; rm -rf "$work"' EXIT
if ! unshare --pid --fork true 2>/dev/null; then
  echo "test-output-folder: unshare --pid is not allowed here; skipped"
  exit 0
fi
args=(report --plan samples/northwind/plan.yaml --results samples/northwind/results-2022-2024.csv --results samples/northwind/results-2025.csv
      --results samples/northwind/results-2026.csv --out "$work/out" --quiet)
pids=()
for _ in $(seq 1 12); do unshare --pid --fork "$bin" "${args[@]}" & pids+=($!); done
for pid in "${pids[@]}"; do wait "$pid" || { echo "test-output-folder: a writer failed"; exit 1; }; done
"$bin" "${args[@]/$work\/out/$work/single}"
if ! diff -r "$work/out" "$work/single" >/dev/null; then
  echo "test-output-folder: the concurrent output differs from a single run's"; exit 1
fi
left=$(find "$work" -maxdepth 1 -name '*gutcheck-*' | wc -l)
[ "$left" -eq 0 ] || { echo "test-output-folder: $left staging folders left behind"; exit 1; }
echo "test-output-folder: 12 writers in their own PID namespaces, one whole report"
mkdir "$work/mnt"
if mount -t tmpfs gutcheck-test "$work/mnt" 2>/dev/null; then
  "$bin" "${args[@]/$work\/out/$work/mnt}"
  "$bin" "${args[@]/$work\/out/$work/mnt}"
  diff -r "$work/mnt" "$work/single" >/dev/null || { echo "test-output-folder: the mount point's report differs"; exit 1; }
  echo "test-output-folder: a mount point as --out, written twice"
else
  echo "test-output-folder: mount is not allowed here; the mount point case skipped"
fi
