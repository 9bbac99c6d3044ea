#!/usr/bin/env python3
"""Writes a deterministic CRM deal export and a plan that maps it, for the benchmark.

usage: make-deal-export.py OUT_DIR ROWS

OUT_DIR/plan.yaml          50 regions x 8 sources, results.deals mapping the columns
OUT_DIR/deals-ROWS.csv     close_date,region,source,amount,profit,stage,account_name

Rows cover the prior fiscal year, this year to the cut-off and after it; stages are
won, lost and open; amounts carry four decimals; account names hold commas and quotes.
"""
import sys

out, n = sys.argv[1], int(sys.argv[2])

with open(f"{out}/plan.yaml", "w") as f:
    f.write("gutcheck: 1\ncompany: Bench\nfiscal_year: 2026\ncurrency: USD\n")
    f.write("results:\n  deals:\n    columns: { date: close_date, region: region, source: source, amount: amount, profit: profit, stage: stage }\n")
    f.write("    won: [Closed Won]\n    lost: [Closed Lost]\n")
    f.write("regions:\n")
    for r in range(50):
        f.write(f"  - id: r{r}\n    name: Region {r}\n    goals: {{ revenue: 80000000, profit: 16000000 }}\n    sources:\n")
        for s in range(8):
            f.write(f"      - {{ id: s{s}, name: Source {s}, revenue: 10000000 }}\n")

regions = [f"Region {r}" for r in range(50)]
sources = [f"Source {s}" for s in range(8)]
stages = ["Closed Won", "Closed Won", "Closed Lost", "Negotiation", "Closed Won", "Proposal", "Closed Lost", "Closed Won"]
accounts = [f'"Account {a}, Inc."' if a % 3 else f'"The ""Best"" Co {a}"' for a in range(997)]
# Months from the prior year's January to this year's December (the cut-off is June 30).
dates = [f"{2025 + m // 12}-{m % 12 + 1:02d}-{d:02d}" for m in range(24) for d in range(1, 29)]

with open(f"{out}/deals-{n}.csv", "w", newline="") as f:
    f.write("close_date,region,source,amount,profit,stage,account_name\r\n")
    batch = []
    x = 12345
    for i in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        amount = x % 9_999_999
        batch.append(f"{dates[x % 672]},{regions[i % 50]},{sources[(i // 50) % 8]},"
                     f"{amount // 100}.{amount % 100:02d}{x % 100:02d},{amount // 400}.{x % 100:02d},"
                     f"{stages[(x >> 8) % 8]},{accounts[i % 997]}\r\n")
        if len(batch) == 100_000:
            f.write("".join(batch))
            batch.clear()
    f.write("".join(batch))
