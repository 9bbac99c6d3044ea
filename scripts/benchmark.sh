#!/usr/bin/env bash
# Benchmark (not a test). For each row count given (default: 1,000,000 and 10,000,000) it
# generates a deterministic CRM deal export — close_date,region,source,amount,profit,stage,
# account_name; 50 regions × 8 sources; amounts with four decimals; account names with
# commas and quotes; won, lost and open stages; last year, this year and after the cut-off —
# in a temporary folder, runs `gutcheck report` on it end to end with a release build, and
# prints seconds, rows/s, MB/s and peak RSS, beside `wc -l` on the same file.
#
#   scripts/benchmark.sh                 # 1M and 10M rows
#   scripts/benchmark.sh 2000000         # one size
#   BENCH_THREADS=1 scripts/benchmark.sh # (informational) taskset to one core
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
scripts/ensure-deps.sh
command -v /usr/bin/time >/dev/null || { ${SUDO:-$( [ "$(id -u)" = 0 ] || echo sudo )} apt-get install -y -qq time >/dev/null; }
swift build -c release --product gutcheck >/dev/null
tmp=${BENCH_DIR:-$(mktemp -d)}
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$tmp"' EXIT
pin=""
[ "${BENCH_THREADS:-}" = 1 ] && pin="taskset -c 0"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $(date -u +%F)"
for rows in "${sizes[@]}"; do
  python3 scripts/make-deal-export.py "$tmp" "$rows"
  csv="$tmp/deals-$rows.csv"
  size=$(stat -c %s "$csv")
  echo "file: $rows rows, $((size / 1000000)) MB"
  cat "$csv" >/dev/null  # warm the page cache for both programs alike
  /usr/bin/time -f "  wc -l: %e s, peak RSS %M KB" wc -l "$csv" >/dev/null
  /usr/bin/time -f "%e %M" -o "$tmp/time" $pin .build/release/gutcheck report --plan "$tmp/plan.yaml" --results "$csv" \
    --out "$tmp/out" --format json,md --force >/dev/null 2>"$tmp/stderr" || { cat "$tmp/stderr"; exit 1; }
  read -r seconds kb < "$tmp/time"
  python3 -c "s=max($seconds,0.01); print(f'  gutcheck report: {s:.2f} s, {$rows/s:,.0f} rows/s, {$size/1e6/s:.0f} MB/s, peak RSS {$kb/1024:.0f} MB')"
  rm -f "$csv"
done
