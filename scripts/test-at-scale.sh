#!/usr/bin/env bash
# Tests docs/at-scale.md's path from a warehouse: the metric-form SQL on that page, run by
# DuckDB (Python package) over the benchmark's deal export (200,000 rows), piped into
# `gutcheck report --results -`, must give the same summary.json figures — revenue, profit,
# sources, coverage, growth, margin, forecasts but the pipeline's — as reading the export.
# Installs duckdb with pip when missing; skips with a notice when it cannot.
#   scripts/test-at-scale.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-200000}
if ! python3 -c "import duckdb" 2>/dev/null; then
  pip install -q duckdb >/dev/null 2>&1 || pip install -q --break-system-packages duckdb >/dev/null 2>&1 || true
  if ! python3 -c "import duckdb" 2>/dev/null; then
    echo "NOTICE: at-scale check skipped: could not install DuckDB's Python package (pip install duckdb)" >&2
    exit 0
  fi
fi
bin=${GUTCHECK_BIN:-.build/debug/gutcheck}
[ -n "${GUTCHECK_BIN:-}" ] || { scripts/ensure-deps.sh; swift build --product gutcheck >/dev/null; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/make-deal-export.py "$tmp" "$rows"
python3 - "$tmp/deals-$rows.csv" > "$tmp/metric.csv" <<'PY'
import re, sys, duckdb
doc = open("docs/at-scale.md").read()
sql = re.search(r"```sql\n(.*?)```", doc, re.S).group(1)
for key, value in {"$FILE": sys.argv[1], "$FIRST_DAY": "2025-01-01", "$CUT_OFF": "2026-06-30", "$YEAR_END": "2026-12-31"}.items():
    sql = sql.replace(key, value)
con = duckdb.connect()
con.execute("SET threads = 2")
print("date,region,source,metric,value")
for row in con.execute(sql).fetchall():
    print(",".join(str(v) for v in row))
PY
"$bin" report --plan "$tmp/plan.yaml" --results - --out "$tmp/metric" --format json --quiet < "$tmp/metric.csv"
"$bin" report --plan "$tmp/plan.yaml" --results "$tmp/deals-$rows.csv" --out "$tmp/deals" --format json --quiet
python3 - "$tmp/deals/summary.json" "$tmp/metric/summary.json" "$(wc -l < "$tmp/metric.csv")" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
keys = ["goal", "plan_to_date", "actual_to_date", "attainment", "gap", "status", "required_monthly_rest_of_year",
        "monthly_rate_so_far", "prior_year", "prior_year_same_part", "monthly"]
board = ["open_pipeline", "pipeline_coverage", "growth", "goal_implied_growth", "margin_to_date", "planned_margin"]
def figure(f):
    out = {k: f.get(k) for k in keys}
    out["forecast"] = {k: f["forecast"].get(k) for k in ("run_rate", "pace", "seasonal", "call")}
    return out
def view(block):
    v = {m: figure(block[m]) for m in ("revenue", "profit")}
    v.update({k: block.get(k) for k in board})
    v["sources"] = [(s.get("id") or s.get("name"), figure(s["revenue"])) for s in block["sources"]]
    return v
checked = 0
for x, y, name in [(a["totals"], b["totals"], "totals")] + [(r, s, r["id"]) for r, s in zip(a["regions"], b["regions"])]:
    if view(x) != view(y):
        for k in view(x):
            if view(x)[k] != view(y)[k]:
                print(f"{name}.{k} differs:\n  deal export {view(x)[k]}\n  metric form {view(y)[k]}")
                break
        sys.exit(1)
    checked += 1
print(f"at scale: DuckDB's metric form ({sys.argv[3].strip()} lines) gives the deal export's figures for the totals and {checked - 1} regions")
PY
