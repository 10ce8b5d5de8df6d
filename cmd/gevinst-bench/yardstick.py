#!/usr/bin/python3
"""The pandas + openpyxl yardstick of `make bench` (issue 15).

The simpler job a user might script instead of gevinst: read the two
canonical CSVs, attribute staff minutes (SPEC §3 rules 1-3), group by
(org, service, channel, month) and write one sheet and one chart.

    yardstick.py SUBMISSIONS.csv TIME.csv OUT.xlsx

1. case-linked: a time row whose case_id matches a submission's
   (org, case_id) goes to that submission's (service, channel, month of
   received_at); several submissions sharing a case split it equally;
2. pooled with channel: otherwise, a row with service and channel goes to
   (org, service, channel, month of work_date);
3. pooled without channel: otherwise, a row with a service only is spread
   over that (org, service, month)'s channels in proportion to their
   submission counts (no submissions that month: unattributed).

The sheet has one row per (org, service, channel, month) with
submissions, staff minutes and minutes per submission (empty when there
are no submissions); the chart is staff minutes per submission by month.
The last line printed is JSON with the timings, for the benchmark.

A yardstick, not a part of gevinst: it needs Debian's python3-pandas and
python3-openpyxl, which gevinst does not.
"""

import json
import sys
import time

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference

KEYS = ["org", "service", "channel", "month"]


def main(subs_path, time_path, out_path):
    t0 = time.perf_counter()
    subs = pd.read_csv(
        subs_path,
        dtype={"org": str, "submission_id": str, "service": str, "channel": str, "case_id": str},
        usecols=["org", "service", "channel", "received_at", "case_id"],
    )
    subs["month"] = pd.to_datetime(subs["received_at"], format="%Y-%m-%d %H:%M:%S").dt.to_period("M")
    tm = pd.read_csv(
        time_path,
        dtype={"org": str, "case_id": str, "service": str, "channel": str, "minutes": float},
        usecols=["org", "work_date", "minutes", "case_id", "service", "channel"],
    )
    tm["month"] = pd.to_datetime(tm["work_date"], format="%Y-%m-%d").dt.to_period("M")
    t1 = time.perf_counter()

    # Submissions per cell.
    counts = subs.groupby(KEYS).size().rename("submissions")

    # 1. Case-linked, split equally among the submissions sharing a case.
    cases = subs.loc[subs["case_id"].notna(), ["org", "case_id", "service", "channel", "month"]]
    cases = cases.assign(sharing=cases.groupby(["org", "case_id"])["case_id"].transform("size"))
    linked = tm.loc[tm["case_id"].notna(), ["org", "case_id", "minutes"]].merge(cases, on=["org", "case_id"])
    linked["minutes"] = linked["minutes"] / linked["sharing"]
    case_minutes = linked.groupby(KEYS)["minutes"].sum()

    keys = cases[["org", "case_id"]].drop_duplicates().assign(matched=True)
    tm = tm.merge(keys, on=["org", "case_id"], how="left")
    rest = tm[tm["matched"].isna() & tm["service"].notna()]

    # 2. Pooled with channel.
    pooled = rest[rest["channel"].notna()].groupby(KEYS)["minutes"].sum()

    # 3. Pooled without channel, spread by the month's submission counts.
    spread = rest[rest["channel"].isna()].groupby(["org", "service", "month"])["minutes"].sum().rename("pool")
    mix = counts.reset_index()
    mix["share"] = mix["submissions"] / mix.groupby(["org", "service", "month"])["submissions"].transform("sum")
    mix = mix.merge(spread.reset_index(), on=["org", "service", "month"])
    spread_minutes = (mix["pool"] * mix["share"]).groupby([mix[k] for k in KEYS]).sum()

    table = pd.concat(
        [counts, case_minutes.rename("case"), pooled.rename("pooled"), spread_minutes.rename("spread")], axis=1
    )
    table["submissions"] = table["submissions"].fillna(0).astype("int64")
    table["staff_minutes"] = table[["case", "pooled", "spread"]].sum(axis=1)
    table["minutes_per_submission"] = table["staff_minutes"] / table["submissions"].where(table["submissions"] > 0)
    table = table[["submissions", "staff_minutes", "minutes_per_submission"]].sort_index().reset_index()
    table["month"] = table["month"].astype(str)
    t2 = time.perf_counter()

    wb = Workbook()
    ws = wb.active
    ws.title = "minutes"
    ws.append(["org", "service", "channel", "month", "submissions", "staff_minutes", "minutes_per_submission"])
    for row in table.itertuples(index=False):
        mps = None if pd.isna(row.minutes_per_submission) else float(row.minutes_per_submission)
        ws.append([row.org, row.service, row.channel, row.month, int(row.submissions), float(row.staff_minutes), mps])
    # The chart's data: minutes per submission of each month, all cells.
    monthly = table.groupby("month")[["submissions", "staff_minutes"]].sum()
    monthly = (monthly["staff_minutes"] / monthly["submissions"].where(monthly["submissions"] > 0)).reset_index()
    ws["I1"], ws["J1"] = "month", "minutes per submission"
    for i, (month, mps) in enumerate(monthly.itertuples(index=False), start=2):
        ws.cell(row=i, column=9, value=month)
        ws.cell(row=i, column=10, value=None if pd.isna(mps) else float(mps))
    chart = LineChart()
    chart.title = "Staff minutes per submission"
    chart.add_data(Reference(ws, min_col=10, min_row=1, max_row=len(monthly) + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=9, min_row=2, max_row=len(monthly) + 1))
    ws.add_chart(chart, "L2")
    wb.save(out_path)
    t3 = time.perf_counter()
    print(json.dumps({"rows": float(len(table)), "read_s": t1 - t0, "attribute_s": t2 - t1, "write_s": t3 - t2}))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: yardstick.py SUBMISSIONS.csv TIME.csv OUT.xlsx")
    main(*sys.argv[1:])
