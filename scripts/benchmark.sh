#!/usr/bin/env bash
# Benchmark (not a test). For each row count given (default: 1,000,000 and 10,000,000) it
# generates a deterministic CRM deal export — close_date,region,source,amount,profit,stage,
# account_name; 50 regions × 8 sources; amounts with four decimals; account names with
# commas and quotes; won, lost and open stages; last year, this year and after the cut-off —
# in a temporary folder and, on the same page-cached file, times:
#   - `wc -l` (the floor: reading the bytes);
#   - DuckDB (Python package, 2 threads, installed with pip when missing) reading the CSV and
#     grouping it by region, source, month and stage — the peer a data team would reach for;
#   - `gutcheck check` (read and analyse, write nothing) and `gutcheck report --format json`
#     (the same plus 50 regions' analysis and summary.json), end to end, release build;
#   - `gutcheck report --format json,md` (Markdown for 50 regions too) and `gutcheck report`
#     with its default formats (Markdown, HTML and JSON).
# It prints seconds, rows/s, peak RSS and the ratios the targets are stated in:
# report ÷ DuckDB and report json ÷ check.
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
  timed() {  # label, command…: the median wall time of three runs (peak RSS from the first), in $seconds
    local label=$1; shift
    /usr/bin/time -f "%M" -o "$tmp/rss" "$@" >/dev/null 2>"$tmp/stderr" || { cat "$tmp/stderr"; exit 1; }
    local runs=()
    for _ in 1 2 3; do
      local start end
      start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
      runs+=("$(python3 -c "print($end - $start)")")
    done
    seconds=$(printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p)
    python3 -c "s=max($seconds,0.001); print(f'  {\"$label\":<28} {s:6.3f} s  {$rows/s/1e6:5.2f} M rows/s  peak RSS {$(cat "$tmp/rss")/1024:4.0f} MB')"
  }
  inputs=(--plan "$tmp/plan.yaml" --results "$csv")
  duck=""
  if python3 -c "import duckdb" 2>/dev/null || pip install -q duckdb >/dev/null 2>&1; then
    cat > "$tmp/duck.py" <<PY
import duckdb
con = duckdb.connect()
con.execute("SET threads = 2")
con.execute("""SELECT region, source, date_trunc('month', CAST(close_date AS DATE)) AS month, stage, count(*), sum(amount), sum(profit)
               FROM read_csv('$csv', header = true, types = {'close_date': 'VARCHAR', 'amount': 'DECIMAL(18,4)', 'profit': 'DECIMAL(18,4)'})
               GROUP BY ALL""").fetchall()
PY
    timed "DuckDB read and group" python3 "$tmp/duck.py"; duck=$seconds
  else
    echo "  DuckDB: not installed (pip install duckdb) — no ratio"
  fi
  timed "gutcheck check" $pin .build/release/gutcheck check "${inputs[@]}" --quiet; check=$seconds
  timed "gutcheck report (json)" $pin .build/release/gutcheck report "${inputs[@]}" --out "$tmp/out" --format json --force --quiet; json=$seconds
  timed "gutcheck report (json, md)" $pin .build/release/gutcheck report "${inputs[@]}" --out "$tmp/out" --format json,md --force --quiet
  timed "gutcheck report (md, html, json)" $pin .build/release/gutcheck report "${inputs[@]}" --out "$tmp/out" --force --quiet; all=$seconds
  python3 -c "
d, c, j, a = '$duck', $check, $json, $all
print(f'  ratios: report json ÷ check {j/max(c,0.001):.2f}' + (f', report json ÷ DuckDB {j/max(float(d),0.001):.2f}, report (all formats) ÷ DuckDB {a/max(float(d),0.001):.2f}' if d else ''))"
  rm -f "$csv"
done
