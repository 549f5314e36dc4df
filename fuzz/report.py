#!/usr/bin/env python3
"""Prints the SECURITY.md fuzzing table from fuzz/executions.tsv (written by fuzz/campaign.sh):
per target, the runs, the seconds and the executions summed, and the crashes."""

import pathlib

TSV = pathlib.Path(__file__).resolve().parent / "executions.tsv"
totals = {}
for line in TSV.read_text().splitlines():
    if not line or line.startswith("#"):
        continue
    date, target, execs, seconds, crashes = line.split("\t")
    t = totals.setdefault(target, [0, 0, 0, 0, date, date])
    t[0] += 1
    t[1] += int(seconds)
    t[2] += int(execs)
    t[3] += int(crashes)
    t[4], t[5] = min(t[4], date), max(t[5], date)
print("| target | runs | seconds | executions | crashes | last run (UTC) |")
print("|---|---:|---:|---:|---:|---|")
for target, (runs, seconds, execs, crashes, first, last) in totals.items():
    print(f"| `{target}` | {runs} | {seconds} | {execs:,} | {crashes} | {last[:16].replace('T', ' ')} |")
