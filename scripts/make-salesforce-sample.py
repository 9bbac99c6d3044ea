#!/usr/bin/env python3
"""Writes samples/salesforce: a Salesforce-style opportunity export for Contoso Analytics
(generated, deterministic) and a metric-form leads file, both read through the plan's
`results:` block (samples/salesforce/plan.yaml, hand-written).

The export is what a "formatted" Salesforce report looks like when saved as CSV from
Excel on Windows: Windows-1252, CRLF, M/D/YYYY dates, "$12,500.00" amounts, account
names with commas and quotes, every stage, and the report footer at the end.
"""
import datetime
import os
import random

out = os.path.join(os.path.dirname(__file__), "..", "samples", "salesforce")
os.makedirs(out, exist_ok=True)
rng = random.Random(2026)

regions = {"EMEA": 1.02, "AMER": 0.86}  # this year's performance against last year's pace
sources = {
    "Web": ("web", 0.30, 18000),
    "Partner Referral": ("partners", 0.20, 42000),
    "Outbound": ("outbound", 0.35, 31000),
    "Trade Show": ("events", 0.15, 25000),
}
accounts = ["Müller Feinmechanik GmbH", "Société Lumière, S.A.", "Ørsted Analytics A/S", 'The "Blue Door" Company',
            "Acme Widgets, Inc.", "Northwind Traders", "Fabrikam, Ltd.", "Adventure Works", "Tailspin Toys",
            "Wingtip Partners, LLC", "Coho Winery", "Proseware, Inc.", "Lucerne Publishing", "Litware Inc.",
            "Café Açaí Ltda.", "Hörnbach & Söhne KG"]
# Each region's sellers (the plan's team: lists their quotas); a deal's owner follows its row.
owners = {"EMEA": ["Tom Becker", "Anna Schulz", "Luc Fontaine"], "AMER": ["Diego Alvarez", "Grace Kim", "Marcus Hill"]}
# Why lost deals were lost, drawn from a stream of their own so every other field stays as it was.
loss_reasons = [("Price", 5), ("Chose a competitor", 4), ("No decision", 3), ("Timing", 2), ("Missing features", 1)]
reasons = random.Random(11)
open_stages = ["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review"]

# Fiscal years start in February: FY2026 runs 2026-02 .. 2027-01, the cut-off is 2026-07-31.
months = [(2025 + (m + 1) // 12, (m + 1) % 12 + 1) for m in range(24)]  # 2025-02 .. 2027-01
seasonal = [0.7, 0.8, 1.0, 0.9, 0.9, 1.1, 0.8, 0.8, 1.0, 1.1, 1.3, 1.6]


def money(x, region="AMER"):
    # EMEA sells in euros (the plan's fx: converts them for the roll-up).
    return f"{'€' if region == 'EMEA' else '$'}{x:,.2f}"


rows = []
leads = []
for region, pace in regions.items():
    for lead_source, (sid, share, deal) in sources.items():
        for i, (y, mth) in enumerate(months):
            this_year = i >= 12
            if this_year and (y, mth) > (2026, 7):
                # After the cut-off: only open pipeline (expected close dates).
                for _ in range(rng.randint(2, 5)):
                    rows.append((y, mth, rng.randint(1, 28), rng.choice(open_stages), deal * rng.uniform(0.6, 1.6), region, lead_source))
                continue
            factor = seasonal[i % 12] * (pace if this_year else 1.0)
            if region == "AMER" and sid == "partners" and this_year and i % 12 >= 3:
                factor *= 0.45  # a partner program that stopped producing in May
            won = max(1, round(6 * share * 4 * factor + rng.uniform(-1, 1)))
            lost = max(0, round(won * 0.8 + rng.uniform(-1, 1)))
            for _ in range(won):
                rows.append((y, mth, rng.randint(1, 28), "Closed Won", deal * rng.uniform(0.7, 1.3), region, lead_source))
            for _ in range(lost):
                rows.append((y, mth, rng.randint(1, 28), "Closed Lost", deal * rng.uniform(0.7, 1.3), region, lead_source))
            leads.append((y, mth, region.lower(), sid, round((won + lost) * rng.uniform(3.2, 4.0))))

# Open deals whose close date passed before the cut-off and nobody moved (stale, SPEC §15.2),
# from a stream of their own so every other row stays as it was.
stale = random.Random(23)
for region in regions:
    for _ in range(stale.randint(4, 9)):
        lead_source = stale.choice(list(sources))
        rows.append((2026, stale.choice([5, 6, 7]), stale.randint(1, 28), stale.choice(open_stages),
                     sources[lead_source][2] * stale.uniform(0.6, 1.6), region, lead_source))

rows.sort()
# Deals pushed past the fiscal year's end since the earlier snapshot (SPEC §15.3): after
# the sort, from a stream of their own, so every other row keeps its number and fields.
pushed = random.Random(37)
for region in regions:
    for _ in range(pushed.randint(2, 4)):
        lead_source = pushed.choice(list(sources))
        rows.append((2027, pushed.choice([2, 3]), pushed.randint(1, 28), pushed.choice(open_stages),
                     sources[lead_source][2] * pushed.uniform(0.6, 1.6), region, lead_source))
# When each deal was created: 20–200 days before it closes, open deals no later than the cut-off.
created = random.Random(17)
cut_off = datetime.date(2026, 7, 31)
# Salesforce's forecast category: closed deals Closed or Omitted; an open deal's follows its
# stage, a seller moving one in five up or down a category (a stream of its own).
forecasting = random.Random(29)
by_stage = {"Prospecting": 2, "Qualification": 2, "Proposal/Price Quote": 1, "Negotiation/Review": 0}
category_names = ["Commit", "Best Case", "Pipeline", "Omitted"]


def category(stage):
    if stage == "Closed Won":
        return "Closed"
    if stage == "Closed Lost":
        return "Omitted"
    c = by_stage[stage]
    if forecasting.random() < 0.2:
        c = min(3, max(0, c + forecasting.choice([-1, 1])))
    return category_names[c]


# The same export as it stood on 30 June (the earlier snapshot, SPEC §15.3), drawn from a
# stream of its own: deals created since are not in it, July's won and lost deals were
# still open, some deals have since changed amount or close date, a few were deleted.
earlier = random.Random(41)
earlier_cut_off = datetime.date(2026, 6, 30)
earlier_lines = []


def earlier_row(fields, close, stage, amount, made):
    """The deal's row on 30 June, or None when it did not exist yet."""
    if made > earlier_cut_off:
        return None
    closed = stage in ("Closed Won", "Closed Lost")
    if closed and close <= earlier_cut_off:
        return fields
    if close.year == 2027 and close.month >= 2:
        # Pushed out since: on 30 June it was expected this autumn.
        close = datetime.date(2026, earlier.choice([9, 10, 11, 12]), earlier.randint(1, 28))
    elif not closed and close > cut_off and earlier.random() < 0.1:
        # Pulled in since: on 30 June it was expected after the year's end.
        close = datetime.date(2027, earlier.choice([3, 4]), earlier.randint(1, 28))
    if closed or earlier.random() < 0.2:
        stage = earlier.choice(open_stages[1:] if closed else open_stages)
    if earlier.random() < 0.25:
        amount *= earlier.uniform(0.85, 1.15)
    row = list(fields)
    row[4], row[5] = f"{close.month}/{close.day}/{close.year}", stage
    row[6] = {"Negotiation/Review": "Commit", "Proposal/Price Quote": "Best Case"}.get(stage, "Pipeline")
    row[7], row[8], row[9] = "", f'"{money(amount, row[10])}"', ""
    return row


lines = ["Opportunity Name,Account Name,Opportunity Owner,Created Date,Close Date,Stage,Forecast Category,Loss Reason,Amount,Gross Margin,Sales Region,Lead Source"]
for n, (y, mth, d, stage, amount, region, lead_source) in enumerate(rows, 1):
    made = datetime.date(y, mth, d) - datetime.timedelta(days=created.randint(20, 200))
    if stage not in ("Closed Won", "Closed Lost"):
        made = min(made, cut_off - datetime.timedelta(days=created.randint(0, 30)))
    if y == 2027 and mth >= 2:
        made = min(made, earlier_cut_off - datetime.timedelta(days=30))  # pushed out: in the earlier snapshot
    account = accounts[n % len(accounts)]
    margin = amount * rng.uniform(0.18, 0.32) if stage == "Closed Won" else 0
    q = '"' + account.replace('"', '""') + '"'
    fields = [
        f'"{account.split(",")[0].replace(chr(34), "")} - Renewal {n}"' if n % 3 == 0 else f"Opportunity {n}",
        q, owners[region][n % 3], f"{made.month}/{made.day}/{made.year}", f"{mth}/{d}/{y}", stage, category(stage),
        reasons.choices([r for r, _ in loss_reasons], [w for _, w in loss_reasons])[0] if stage == "Closed Lost" else "",
        f'"{money(amount, region)}"', f'"{money(margin, region)}"' if margin else "", region, lead_source,
    ]
    lines.append(",".join(fields))
    before = earlier_row(fields, datetime.date(y, mth, d), stage, amount, made)
    if before:
        earlier_lines.append(",".join(before))
# Deals open on 30 June that were deleted since.
for region in regions:
    for k in range(earlier.randint(1, 3)):
        close = datetime.date(2026, earlier.choice([9, 10, 11]), earlier.randint(1, 28))
        lead_source = earlier.choice(list(sources))
        earlier_lines.append(",".join([f"Opportunity {9000 + len(earlier_lines)}", '"Adventure Works"', owners[region][k % 3], "4/2/2026",
                                       f"{close.month}/{close.day}/{close.year}", "Qualification", "Pipeline", "",
                                       f'"{money(sources[lead_source][2] * earlier.uniform(0.6, 1.6), region)}"', "", region, lead_source]))
lines += [
    "",
    '"Grand Totals (%d records)",,,,,,,,"%s"' % (len(rows), money(sum(r[4] for r in rows))),
    "",
    '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
    '"Confidential Information - Do Not Distribute"',
    '"Generated By:  Ines Moreau  8/3/2026 9:12 AM"',
    '"Contoso Analytics"',
]
with open(os.path.join(out, "opportunities.csv"), "wb") as f:
    f.write(("\r\n".join(lines) + "\r\n").encode("cp1252"))

earlier_lines = [lines[0]] + earlier_lines + ["", '"Grand Totals (%d records)",,,,,,,,' % (len(earlier_lines)), "",
                                             '"Generated By:  Ines Moreau  7/1/2026 8:40 AM"']
with open(os.path.join(out, "opportunities-2026-06-30.csv"), "wb") as f:
    f.write(("\r\n".join(earlier_lines) + "\r\n").encode("cp1252"))

with open(os.path.join(out, "leads.csv"), "w", newline="") as f:
    f.write("date,region,source,metric,value\r\n")
    for y, mth, region, sid, n in leads:
        f.write(f"{y}-{mth:02d}-01,{region},{sid},leads,{n}\r\n")
print(f"{len(rows)} opportunities, {len(leads)} lead rows")
