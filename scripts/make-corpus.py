#!/usr/bin/env python3
"""Writes the bad- and odd-input corpus under Tests/GutcheckCoreTests/Corpus.

Each results file is named PLAN--what.csv: PLAN picks the plan it is read with
(Corpus/results-plans/PLAN.yaml). What each file must give (errors with
file:line:column, or figures and notes) is asserted in CorpusTests.swift. The files are
committed; this script documents how the bytes were made and can re-make them.
"""
import os

root = os.path.join(os.path.dirname(__file__), "..", "Tests", "GutcheckCoreTests", "Corpus")
results = os.path.join(root, "results")
plans = os.path.join(root, "results-plans")
bad_plans = os.path.join(root, "plans")
for d in (results, plans, bad_plans):
    os.makedirs(d, exist_ok=True)

REGIONS = """regions:
  - id: northeast
    name: Northeast
    goals: { revenue: 1200, profit: 120 }
    sources:
      - { id: channel, name: Channel partners, revenue: 1000 }
      - { id: cafe, name: Café partners, revenue: 200 }
"""
HEAD = "gutcheck: 1\nfiscal_year: 2026\ncurrency: USD\n"
DEALS = """  deals:
    columns: {{ date: Close Date, region: Sales Region, source: Lead Source, amount: Amount, profit: Gross Margin, stage: Stage }}
    won: [Closed Won]
    lost: [Closed Lost]
    date_format: {fmt}
  aliases:
    region: {{ NE: northeast }}
"""
plan_texts = {
    "metric": "",
    "eur": "results:\n  numbers: { thousands: \",\", currency_symbols: true }\n",
    "dealsnowon": "results:\n  deals:\n    columns: { date: Close Date, region: Sales Region, source: Lead Source, amount: Amount, stage: Stage }\n    date_format: M/D/YYYY\n",
    "strict": "",
    "note": "results:\n  unknown: note\n",
    "utf16": "results:\n  encoding: utf-16\n",
    "lenient": "results:\n  numbers: { thousands: \",\", currency_symbols: true, negative_parentheses: true }\n",
    "semicolon": "results:\n  delimiter: \";\"\n  numbers: { decimal: \",\", thousands: \".\" }\n",
    "deals": "results:\n" + DEALS.format(fmt="M/D/YYYY"),
    "deals1252": "results:\n  encoding: windows-1252\n" + DEALS.format(fmt="M/D/YYYY"),
    "dealsdmy": "results:\n" + DEALS.format(fmt="D/M/YYYY"),
    "dealsiso": "results:\n" + DEALS.format(fmt="YYYY-MM-DDThh:mm:ssZ"),
}
for name, text in plan_texts.items():
    head = HEAD.replace("USD", "EUR") if name == "eur" else HEAD
    with open(os.path.join(plans, name + ".yaml"), "w") as f:
        f.write(head + text + REGIONS)

M = "date,region,source,metric,value\n"
D = "Close Date,Sales Region,Lead Source,Amount,Gross Margin,Stage,Account Name\n"
files = {
    # Encodings
    "metric--bom-crlf.csv": ("\ufeff" + M + "2026-01-05,northeast,channel,revenue,10\n2026-02-05,northeast,channel,revenue,5\n").replace("\n", "\r\n").encode(),
    "metric--utf16-with-bom.csv": ("\ufeff" + M + "2026-01-05,northeast,channel,revenue,10\n").encode("utf-16-le"),
    "metric--utf16-without-bom.csv": (M + "2026-01-05,northeast,channel,revenue,10\n").encode("utf-16-le"),
    "utf16--utf16-le.csv": b"\xff\xfe" + (M + "2026-01-05,Northeast,Café partners,revenue,10\n2026-01-06,northeast,channel,revenue,2.5\n").encode("utf-16-le"),
    "utf16--utf16-be.csv": b"\xfe\xff" + (M + "2026-01-05,Northeast,Café partners,revenue,10\n").encode("utf-16-be"),
    "utf16--utf8-file.csv": (M + "2026-01-05,northeast,channel,revenue,10\n").encode(),
    "metric--windows-1252.csv": (M + "2026-01-05,northeast,Café partners,revenue,10\n").encode("cp1252"),
    "deals1252--windows-1252.csv": (D + "1/5/2026,Northeast,Café partners,100.5,10,Closed Won,“Smart” quotes Ltd\r\n").encode("cp1252"),
    "deals1252--undefined-byte.csv": (D + "1/5/2026,Northeast,channel,100,10,Closed Won,Acme").encode("cp1252") + b"\x81\n",
    "deals1252--utf8-bom-wins.csv": ("\ufeff" + D + "1/5/2026,Northeast,Café partners,100,10,Closed Won,Acme\n").encode(),
    "metric--mojibake.csv": (M + "2026-01-05,northeast,CafÃ© partners,revenue,10\n").encode(),
    "metric--nul-byte.csv": (M + "2026-01-05,north").encode() + b"\x00" + b"east,channel,revenue,10\n",
    "metric--xlsx-renamed.csv": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",
    "metric--xls-renamed.csv": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32,
    # Structure
    "metric--unbalanced-quote.csv": (M + "2026-01-05,northeast,channel,revenue,10\n2026-01-06,\"northeast,channel,revenue,10\n2026-01-07,northeast,channel,revenue,10\n").encode(),
    "metric--text-after-quote.csv": (M + "2026-01-05,\"northeast\"x,channel,revenue,10\n").encode(),
    "metric--stray-quote.csv": (M + "2026-01-05,north\"east,channel,revenue,10\n").encode(),
    "metric--too-many-fields.csv": (M + "2026-01-05,northeast,channel,revenue,10,extra\n").encode(),
    "metric--too-few-fields.csv": (M + "2026-01-05,northeast,channel,revenue\n").encode(),
    "metric--duplicate-column.csv": ("date,region,source,metric,value,Region\n2026-01-05,northeast,channel,revenue,10,x\n").encode(),
    "metric--missing-column.csv": ("date,region,source,metric\n2026-01-05,northeast,channel,revenue\n").encode(),
    "metric--repeated-header.csv": (M + "2026-01-05,northeast,channel,revenue,10\n" + M + "2026-02-05,northeast,channel,revenue,5\n").encode(),
    "metric--concatenated-with-bom.csv": ("\ufeff" + M + "2026-01-05,northeast,channel,revenue,10\n" + "\ufeff" + M + "2026-02-05,northeast,channel,revenue,5\n").encode(),
    "metric--trailing-empty-rows.csv": (M + "2026-01-05,northeast,channel,revenue,10\n,,,,\n,,,,\n\n").encode(),
    "metric--empty.csv": b"",
    "metric--header-only.csv": M.encode(),
    "metric--lone-cr.csv": (M + "2026-01-05,northeast,channel,revenue,10\n2026-01-06,northeast,channel,revenue,1\n").replace("\n", "\r").encode(),
    "metric--quoted-newline.csv": ("date,region,source,metric,value,comment\n2026-01-05,northeast,channel,revenue,10,\"two\nlines\"\n2026-01-06,northeast,channel,revenue,ten,ok\n").encode(),
    "deals--salesforce-footer.csv": (D + "1/5/2026,Northeast,channel,100,10,Closed Won,\"Acme, Inc.\"\n\n\"Grand Totals (1 records)\",,,,\"100.00\"\n\n\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n\"Confidential Information - Do Not Distribute\"\n\"Generated By:  Dana Whitfield  7/1/2026, 9:14 AM\"\n\"Northwind Instruments\"\n").encode(),
    "strict--footer.csv": (M + "2026-01-05,northeast,channel,revenue,10\n\nCopyright (c) 2026 Example Corp\n").encode(),
    "semicolon--decimal-comma.csv": ("date;region;source;metric;value\n2026-01-05;northeast;channel;revenue;1.234,50\n2026-01-06;northeast;channel;revenue;-0,5\n").encode(),
    # Numbers
    "metric--currency-symbol.csv": (M + "2026-01-05,northeast,channel,revenue,$1234.50\n").encode(),
    "lenient--currency-thousands-parentheses.csv": (M + "2026-01-05,northeast,channel,revenue,\"$1,234.50\"\n2026-01-06,northeast,channel,revenue,(200.25)\n2026-01-07,northeast,channel,revenue,USD 99\n2026-01-08,northeast,channel,revenue,-$0.25\n").encode(),
    "lenient--bad-grouping.csv": (M + "2026-01-05,northeast,channel,revenue,\"1,23,456\"\n2026-01-06,northeast,channel,revenue,€5\n").encode(),
    "metric--thousands-separator.csv": (M + "2026-01-05,northeast,channel,revenue,\"1,234\"\n").encode(),
    "metric--parentheses-negative.csv": (M + "2026-01-05,northeast,channel,revenue,(12.50)\n").encode(),
    "metric--percent.csv": (M + "2026-01-05,northeast,channel,revenue,12%\n").encode(),
    "metric--nan-inf.csv": (M + "2026-01-05,northeast,channel,revenue,NaN\n2026-01-06,northeast,channel,revenue,Infinity\n").encode(),
    "metric--empty-value.csv": (M + "2026-01-05,northeast,channel,revenue,\n").encode(),
    "metric--overflow.csv": (M + "2026-01-05,northeast,channel,revenue,123456789012345678901234567890\n").encode(),
    "metric--exponent.csv": (M + "2026-01-05,northeast,channel,revenue,1e6\n").encode(),
    "metric--many-decimals.csv": (M + "2026-01-05,northeast,channel,revenue,0.1234567890123\n2026-01-06,northeast,channel,revenue,0.0000000000007\n2026-01-07,northeast,channel,revenue,1.0001\n").encode(),
    # Dates
    "deals--us-dates.csv": (D + "1/5/2026,Northeast,channel,100.1234,10.5,Closed Won,Acme\n12/31/2025,Northeast,channel,50,5,Closed Won,Acme\n6/30/2026,NE,Café partners,25,2,closed won ,Acme\n7/1/2026,Northeast,channel,999,9,Closed Won,Acme\n2/2/2026,Northeast,channel,70,,Closed Lost,Acme\n9/3/2026,Northeast,channel,80,,Negotiation,Acme\n3/3/2026,Northeast,channel,40,,Negotiation,Acme\n2/1/2027,Northeast,channel,60,,Negotiation,Acme\n").encode(),
    "deals--day-first.csv": (D + "13/01/2026,Northeast,channel,100,10,Closed Won,Acme\n").encode(),
    "dealsdmy--day-first.csv": (D + "13/01/2026,Northeast,channel,100,10,Closed Won,Acme\n1/2/2026,Northeast,channel,1,1,Closed Won,Acme\n").encode(),
    "deals--mixed-dates.csv": (D + "1/5/2026,Northeast,channel,100,10,Closed Won,Acme\n2026-01-06,Northeast,channel,100,10,Closed Won,Acme\n").encode(),
    "deals--excel-serial.csv": (D + "46027,Northeast,channel,100,10,Closed Won,Acme\n").encode(),
    "metric--impossible-date.csv": (M + "2026-02-29,northeast,channel,revenue,10\n2026-13-01,northeast,channel,revenue,10\n").encode(),
    "dealsiso--time-zones.csv": (D + "2026-06-30T23:30:00-05:00,Northeast,channel,100,10,Closed Won,Acme\n2026-07-01T00:30:00+02:00,Northeast,channel,7,1,Closed Won,Acme\n2026-01-01T00:00:00Z,Northeast,channel,1,0,Closed Won,Acme\n2026-01-02,Northeast,channel,2,0,Closed Won,Acme\n").encode(),
    "deals--time-of-day.csv": (D + "1/5/2026 10:00,Northeast,channel,100,10,Closed Won,Acme\n").encode(),
    # Injection
    "metric--formula.csv": (M + "2026-01-05,northeast,channel,revenue,=SUM(A1:A9)\n2026-01-05,=cmd|' /C calc'!A0,channel,revenue,1\n").encode(),
    "note--html-and-markdown-names.csv": (M + "2026-01-05,<script>alert(1)</script>,channel,revenue,1\n2026-01-05,northeast,**bold** [x](javascript:alert(1)),revenue,1\n2026-01-05,northeast,channel,revenue,3\n").encode(),
    # Semantics
    "metric--unknown-region.csv": (M + "2026-01-05,northest,channel,revenue,10\n").encode(),
    "metric--unknown-source.csv": (M + "2026-01-05,northeast,chanel,revenue,10\n").encode(),
    "metric--identical-rows.csv": (M + "2026-01-05,northeast,channel,revenue,10\n2026-01-05,northeast,channel,revenue,10\n").encode(),
    "strict--identical-rows.csv": (M + "2026-01-05,northeast,channel,revenue,10\n2026-01-05,northeast,channel,revenue,10\n").encode(),
    "deals--stage-spelling.csv": (D + "1/5/2026,Northeast,channel,100,10,CLOSED WON,Acme\n1/6/2026,Northeast,channel,50,5,Closed-Won,Acme\n1/7/2026,Northeast,channel,20,2,Closed Lost,Acme\n").encode(),
    "deals--won-without-amount.csv": (D + "1/5/2026,Northeast,channel,,10,Closed Won,Acme\n").encode(),
    # SPEC §10: inputs that would make a report meaningless, and messages safe to print
    "metric--huge-field.csv": (M + "2026-01-05," + "x" * (1 << 20) + ",channel,revenue,10\n2026-01-06,northeast,channel,revenue,1\n").encode(),
    "metric--control-date.csv": (M + "2026-01-0\x1b5,northeast,channel,revenue,10\n2026-01-06,northeast,channel,revenue,1\n").encode(),
    "metric--control-region.csv": (M + "2026-01-05,north\x1b[2Jeast,channel,revenue,10\n2026-01-06,northeast,channel,revenue,1\n").encode(),
    "metric--control-source.csv": (M + "2026-01-05,northeast,chan\x07nel,revenue,10\n2026-01-06,northeast,channel,revenue,1\n").encode(),
    "metric--control-metric.csv": (M + "2026-01-05,northeast,channel,reve\x1bnue,10\n2026-01-06,northeast,channel,revenue,1\n").encode(),
    "metric--control-value.csv": (M + "2026-01-05,northeast,channel,revenue,1\x1b0\n2026-01-06,northeast,channel,revenue,1\n").encode(),
    "deals--control-stage.csv": (D + "1/5/2026,Northeast,channel,100,10,Closed Won,Acme\n9/5/2026,Northeast,channel,50,,Neg\x1botiation,Acme\n").encode(),
    "deals--header-only.csv": D.encode(),
    "metric--year-before.csv": (M + "2025-01-05,northeast,channel,revenue,10\n2025-11-30,northeast,channel,revenue,1\n").encode(),
    "metric--year-after.csv": (M + "2027-02-05,northeast,channel,revenue,10\n2027-03-01,northeast,channel,revenue,1\n").encode(),
    "metric--after-cut-off-only.csv": (M + "2026-09-05,northeast,channel,revenue,10\n2026-10-01,northeast,channel,revenue,1\n").encode(),
    "deals--every-date-iso.csv": (D + "".join(f"2026-01-{d:02d},Northeast,channel,{d},1,Closed Won,Acme\n" for d in range(1, 26))).encode(),
    "metric--every-value-thousands.csv": (M + "".join(f"2026-01-{d:02d},northeast,channel,revenue,\"1,{d:03d}\"\n" for d in range(1, 13))).encode(),
    "eur--foreign-currency.csv": (M + "2026-01-05,northeast,channel,revenue,\"$1,200.50\"\n2026-01-06,northeast,channel,revenue,\"€1,000\"\n").encode(),
    "dealsnowon--no-won-list.csv": ("Close Date,Sales Region,Lead Source,Amount,Stage\n" + "1/5/2026,Northeast,channel,100,Won\n" * 3 + "1/6/2026,Northeast,channel,50,Lost\n" + "9/6/2026,Northeast,channel,70,Proposal\n").encode(),
    "deals--no-stage-matches.csv": (D + "1/5/2026,Northeast,channel,100,10,Won,Acme\n1/6/2026,Northeast,channel,50,,Lost,Acme\n").encode(),
    "deals--open-without-date-or-amount.csv": (D + "1/5/2026,Northeast,channel,100,10,Closed Won,Acme\n,Northeast,channel,70,,Prospecting,Acme\n9/9/2026,Northeast,channel,,,Proposal,Acme\n,Northeast,channel,,,Proposal,Acme\n").encode(),
    # Found by fuzzing: errors past the shown limit counted alike on one thread and two.
    "metric--errors-across-split.csv": open(os.path.join(results, "metric--errors-across-split.csv"), "rb").read(),
    "metric--footer-across-split.csv": open(os.path.join(os.path.dirname(__file__), "..", "..", "shared", "fuzz-findings", "results-two-threads-differ.bin"), "rb").read()[1:]
        if os.path.exists(os.path.join(os.path.dirname(__file__), "..", "..", "shared", "fuzz-findings", "results-two-threads-differ.bin"))
        else open(os.path.join(results, "metric--footer-across-split.csv"), "rb").read(),
}
for name, data in files.items():
    with open(os.path.join(results, name), "wb") as f:
        f.write(data)

# Bad plans: each must end in errors with positions, never a crash.
bad = {
    "tabs.yaml": HEAD + "regions:\n\t- id: x\n",
    "eleven-phasing.yaml": HEAD + "regions:\n  - id: x\n    name: X\n    goals: { revenue: 1, profit: 1 }\n    phasing: [1,1,1,1,1,1,1,1,1,1,1]\n",
    "bad-delimiter.yaml": HEAD + "results: { delimiter: \"|\" }\n" + REGIONS,
    "same-separators.yaml": HEAD + "results: { numbers: { decimal: \",\", thousands: \",\" } }\n" + REGIONS,
    "deals-missing-amount.yaml": HEAD + "results:\n  deals:\n    columns: { date: d, region: r }\n" + REGIONS,
    "bad-date-format.yaml": HEAD + "results:\n  deals:\n    columns: { date: d, region: r, amount: a }\n    date_format: DD.MM.YYYY\n" + REGIONS,
    "alias-to-nowhere.yaml": HEAD + "results:\n  aliases:\n    region: { NE: north-east }\n" + REGIONS,
    "billion-laughs.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
}
for name, text in bad.items():
    with open(os.path.join(bad_plans, name), "w") as f:
        f.write(text)
print(f"{len(files)} results files, {len(plan_texts)} plans, {len(bad)} bad plans")
