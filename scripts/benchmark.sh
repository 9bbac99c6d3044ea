#!/usr/bin/env bash
# Benchmark (not a test): generates a metric-form results file of N rows (default 1,000,000;
# 50 regions × 8 sources × 12 months, repeated rows for the same month) in a temporary folder,
# runs `gutcheck report` on it end to end with a release build, and prints seconds, rows/s,
# MB/s and peak RSS, beside `wc -l` on the same file.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
scripts/ensure-deps.sh
swift build -c release --product gutcheck >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" "$rows" <<'PY'
import sys, random
out, n = sys.argv[1], int(sys.argv[2])
random.seed(1)
with open(f"{out}/plan.yaml", "w") as f:
    f.write("gutcheck: 1\ncompany: Bench\nfiscal_year: 2026\ncurrency: USD\nregions:\n")
    for r in range(50):
        f.write(f"  - id: r{r}\n    name: Region {r}\n    goals: {{ revenue: 8000000, profit: 1600000 }}\n    sources:\n")
        for s in range(8):
            f.write(f"      - {{ id: s{s}, name: Source {s}, revenue: 1000000 }}\n")
with open(f"{out}/results.csv", "w") as f:
    f.write("date,region,source,metric,value\n")
    metrics = ["revenue", "profit", "leads", "won_deals"]
    for i in range(n):
        r, s, m = i % 50, (i // 50) % 8, (i // 400) % 12
        f.write(f"{2025 + (m >= 6) if False else 2026}-{m % 6 + 1:02d}-{(i % 28) + 1:02d},r{r},s{s},{metrics[i % 4]},{random.randint(1, 999999)}.{random.randint(0, 9999):04d}\n")
PY
size=$(stat -c %s "$tmp/results.csv")
echo "file: $rows rows, $((size / 1000000)) MB"
/usr/bin/time -f "wc -l: %e s" wc -l "$tmp/results.csv" >/dev/null
/usr/bin/time -f "%e %M" -o "$tmp/time" .build/release/gutcheck report --plan "$tmp/plan.yaml" --results "$tmp/results.csv" --out "$tmp/out" --format json >/dev/null 2>&1
read -r seconds kb < "$tmp/time"
python3 -c "s=$seconds; print(f'gutcheck report: {s:.2f} s, {$rows/s:,.0f} rows/s, {$size/1e6/s:.1f} MB/s, peak RSS {$kb/1024:.0f} MB')"
