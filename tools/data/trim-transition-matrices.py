#!/usr/bin/env python3
"""Trims the DfE KS2->KS4 transition matrices (GCSE 9-1, 2024) to what default targets need.

Keeps the all-pupils rows (breakdown_topic = Total) and, per KS2 scaled-score group and subject, the pupil counts
per grade and the row total. Percentages are dropped because Core recomputes them exactly from the counts.

Usage: tools/data/trim-transition-matrices.py ../shared/data/dfe_ks2_to_ks4_transition_matrices_2024_gcse_9to1.csv \
         > src/ProgressFunctions.Core/Progress/DefaultTargets/Data/ks2_to_ks4_transition_matrices_2024_gcse_totals.csv
"""
import csv
import sys

COLUMNS = ["ks2_scaled_score_group", "subject", "num_U"] + [f"num_{g}" for g in range(1, 10)] + ["num_X", "all_grades"]

with open(sys.argv[1], newline="", encoding="utf-8-sig") as source:
    rows = [r for r in csv.DictReader(source) if r["breakdown_topic"] == "Total" and r["breakdown"] == "Total"]

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(COLUMNS)
for row in rows:
    values = [row[c] for c in COLUMNS]
    if any("," in v or '"' in v for v in values):
        sys.exit(f"unexpected comma or quote in {values}")
    out.writerow(values)
