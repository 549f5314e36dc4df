#!/usr/bin/env python3
"""Prints the SECURITY.md fuzzing table from fuzz/executions.tsv (written by fuzz/campaign.sh):
per target, the runs, the seconds and the executions summed, the crashes, and the builds the
runs used (AddressSanitizer or none; both with debug assertions)."""

import pathlib

TSV = pathlib.Path(__file__).resolve().parent / "executions.tsv"
GOAL = 10_000_000
totals = {}
for line in TSV.read_text().splitlines():
    if not line or line.startswith("#"):
        continue
    date, target, execs, seconds, crashes, sanitizer = line.split("\t")
    t = totals.setdefault(target, {"runs": 0, "seconds": 0, "execs": 0, "crashes": 0, "last": date, "builds": []})
    t["runs"] += 1
    t["seconds"] += int(seconds)
    t["execs"] += int(execs)
    t["crashes"] += int(crashes)
    t["last"] = max(t["last"], date)
    if sanitizer not in t["builds"]:
        t["builds"].append(sanitizer)
print("| target | runs | seconds | executions | ≥ 10 million | crashes | sanitizer | last run (UTC) |")
print("|---|---:|---:|---:|---|---:|---|---|")
for target, t in totals.items():
    reached = "yes" if t["execs"] >= GOAL else "no"
    builds = ", ".join(t["builds"])
    last = t["last"][:16].replace("T", " ")
    print(f"| `{target}` | {t['runs']} | {t['seconds']:,} | {t['execs']:,} | {reached} | {t['crashes']} | {builds} | {last} |")
