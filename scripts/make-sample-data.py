#!/usr/bin/env python3
"""Generates the sample results for samples/northwind (deterministic: fixed seed).

The story: Northeast is at risk with a failing canary (conversion down, bigger deals),
Southeast is ahead, Central is clearly behind after its channel collapsed in spring,
West is roughly on plan. A full prior fiscal year (2025) is included for seasonal
forecasts and year-over-year shifts, plus a few July rows after the cut-off, and the
revenue of 2022–2024, on which the forecast methods are tested (SPEC §13.1).
"""
import random
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

random.seed(20260630)
OUT = Path(__file__).resolve().parent.parent / "samples" / "northwind"

# region: (phasing, {source: (annual revenue plan, margin, monthly performance factors Jan..Jun)},
#          conversion (plan, actual), deal size (plan, actual))
REGIONS = {
    "northeast": ([6, 7, 9, 8, 8, 9, 7, 7, 9, 9, 10, 11], {
        "new-logos": (3000000, 0.15, [0.78, 0.74, 0.72, 0.70, 0.72, 0.71]),
        "existing": (7000000, 0.22, [1.02, 1.05, 1.03, 1.04, 1.03, 1.04]),
        "channel": (2000000, 0.18, [0.95, 0.92, 0.90, 0.80, 0.78, 0.76]),
    }, (0.12, 0.107), (40000, 44200)),
    "southeast": ([8] * 12, {
        "new-logos": (2500000, 0.17, [1.05, 1.10, 1.12, 1.15, 1.18, 1.20]),
        "existing": (5000000, 0.24, [1.03, 1.04, 1.06, 1.05, 1.07, 1.08]),
        "online": (1500000, 0.30, [1.00, 1.02, 1.10, 1.22, 1.30, 1.38]),
    }, (0.10, 0.108), (25000, 25600)),
    "central": ([7, 7, 8, 8, 9, 9, 8, 8, 9, 9, 9, 9], {
        "new-logos": (1800000, 0.14, [0.85, 0.83, 0.80, 0.82, 0.80, 0.79]),
        "existing": (4200000, 0.21, [0.92, 0.90, 0.91, 0.89, 0.90, 0.88]),
        "channel": (1500000, 0.16, [0.95, 0.93, 0.90, 0.45, 0.40, 0.38]),
        "government": (500000, 0.12, [0.50, 0.60, 0.55, 0.70, 0.65, 0.60]),
    }, (0.11, 0.094), (32000, 30500)),
    "west": ([7, 7, 8, 8, 8, 9, 8, 8, 9, 9, 9, 10], {
        "new-logos": (2400000, 0.16, [0.96, 0.98, 1.00, 1.01, 0.99, 1.02]),
        "existing": (5200000, 0.23, [1.01, 1.02, 1.00, 1.03, 1.02, 1.01]),
        "channel": (1600000, 0.17, [0.97, 0.98, 1.02, 1.00, 0.99, 1.01]),
        "online": (800000, 0.28, [1.00, 1.05, 0.98, 1.02, 1.04, 1.03]),
    }, (0.12, 0.121), (36000, 36400)),
}

CENT = Decimal("0.01")


def money(x: float) -> Decimal:
    return Decimal(str(round(x, 4))).quantize(CENT, rounding=ROUND_HALF_UP)


def month_date(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-01"


# Marketing's inquiries (the top of the funnel), appended after the CRM rows from their own
# random stream, so the rows above stay as they were. Northeast turns fewer inquiries into
# leads than planned (its plan declares the funnel inquiries → leads → opportunities → won).
INQUIRY_TO_LEAD = {"northeast": 0.25, "southeast": 0.31, "central": 0.30, "west": 0.30}


def main() -> None:
    current, prior = ["date,region,source,metric,value"], ["date,region,source,metric,value"]
    inquiries = []
    marketing = random.Random(2026)
    for region, (phasing, sources, (c_plan, c_act), (d_plan, d_act)) in REGIONS.items():
        total = sum(phasing)
        for source, (annual, margin, factors) in sources.items():
            for m in range(12):
                planned = annual * phasing[m] / total
                # Last year: the same shape, about 8 % smaller, with noise.
                py = money(planned / 1.08 * random.uniform(0.94, 1.06))
                prior.append(f"{month_date(2025, m + 1)},{region},{source},revenue,{py}")
                prior.append(f"{month_date(2025, m + 1)},{region},{source},profit,{money(float(py) * margin)}")
                if m >= 6:
                    continue
                rev = money(planned * factors[m] * random.uniform(0.98, 1.02))
                won = max(1, round(float(rev) / (d_act * random.uniform(0.95, 1.05))))
                leads = max(won, round(won / (c_act * random.uniform(0.96, 1.04))))
                opportunities = round(leads * 0.35)
                date = month_date(2026, m + 1)
                if region == "southeast" and source == "existing" and m == 2:
                    # An order booked in two parts: two rows for the same month.
                    first = money(float(rev) * 0.6)
                    current.append(f"{date},{region},{source},revenue,{first}")
                    current.append(f"2026-03-18,{region},{source},revenue,{rev - first}")
                else:
                    current.append(f"{date},{region},{source},revenue,{rev}")
                current.append(f"{date},{region},{source},profit,{money(float(rev) * margin * random.uniform(0.9, 1.05))}")
                current.append(f"{date},{region},{source},leads,{leads}")
                current.append(f"{date},{region},{source},opportunities,{opportunities}")
                current.append(f"{date},{region},{source},won_deals,{won}")
                asked = round(leads / (INQUIRY_TO_LEAD[region] * marketing.uniform(0.97, 1.03)))
                inquiries.append(f"{date},{region},{source},inquiries,{asked}")
            pipeline = money(annual * 0.35 * random.uniform(0.8, 1.2))
            current.append(f"2026-06-30,{region},{source},pipeline,{pipeline}")
            # Early July bookings, after the cut-off: ignored and counted.
            if source == "existing":
                current.append(f"2026-07-01,{region},{source},revenue,{money(annual / 14)}")
    # Northeast's quarterly business reviews with its top accounts (its relationships goal).
    for m, held in enumerate([4, 6, 7, 3, 6, 5]):
        inquiries.append(f"{month_date(2026, m + 1)},northeast,existing,qbrs_held,{held}")
    (OUT / "results-2026.csv").write_text("\n".join(current + inquiries) + "\n")
    second_half(OUT / "results-2026-h2.csv")
    (OUT / "results-2025.csv").write_text("\n".join(prior) + "\n")
    earlier_years(OUT / "results-2022-2024.csv")


def earlier_years(path: Path) -> None:
    """Revenue of 2022–2024 from a random stream of its own: each year about 8 % below the
    next, on the plan's shape tilted by up to ±15 % towards one half of the year (a region's
    year is never quite the plan's shape), with monthly noise."""
    rng = random.Random(2022)
    rows = ["date,region,source,metric,value"]
    for year in (2022, 2023, 2024):
        for region, (phasing, sources, _, _) in REGIONS.items():
            total = sum(phasing)
            tilt = rng.uniform(-0.15, 0.15)
            for source, (annual, _, _) in sources.items():
                for m in range(12):
                    planned = annual * phasing[m] / total / 1.08 ** (2026 - year)
                    half = 1 - tilt / 2 if m < 6 else 1 + tilt / 2
                    rows.append(f"{month_date(year, m + 1)},{region},{source},revenue,{money(planned * half * rng.uniform(0.93, 1.07))}")
    path.write_text("\n".join(rows) + "\n")


def second_half(path: Path) -> None:
    """July and August, for the revised plan's report (plan-revised.yaml, as of 31 August):
    each source carries on at about its June pace, from a random stream of its own."""
    rng = random.Random(2027)
    rows = ["date,region,source,metric,value"]
    for region, (phasing, sources, (c_plan, c_act), (d_plan, d_act)) in REGIONS.items():
        total = sum(phasing)
        for source, (annual, margin, factors) in sources.items():
            for m in (6, 7):
                planned = annual * phasing[m] / total
                rev = money(planned * factors[5] * rng.uniform(0.97, 1.04))
                won = max(1, round(float(rev) / (d_act * rng.uniform(0.95, 1.05))))
                leads = max(won, round(won / (c_act * rng.uniform(0.96, 1.04))))
                date = month_date(2026, m + 1)
                if m == 6 and source == "existing":
                    date = "2026-07-15"  # after the early-July bookings in results-2026.csv
                rows.append(f"{date},{region},{source},revenue,{rev}")
                rows.append(f"{date},{region},{source},profit,{money(float(rev) * margin * rng.uniform(0.9, 1.05))}")
                rows.append(f"{date},{region},{source},leads,{leads}")
                rows.append(f"{date},{region},{source},opportunities,{round(leads * 0.35)}")
                rows.append(f"{date},{region},{source},won_deals,{won}")
                rows.append(f"{date},{region},{source},inquiries,{round(leads / (INQUIRY_TO_LEAD[region] * rng.uniform(0.97, 1.03)))}")
    path.write_text("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
