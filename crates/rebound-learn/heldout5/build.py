#!/usr/bin/env python3
"""Build Rebound held-out set 5 from the hand-written sources.

Reads diagnose_src.txt and lessons_src.txt (in this directory), shuffles each
set with a fixed seed, assigns ids after shuffling, and writes diagnose.jsonl
and lessons.jsonl. Deterministic: the same sources always give the same bytes.

Source format:
    # trap=<trap> failure=<failure>      (diagnose_src.txt)
    # verdict=<verdict>                  (lessons_src.txt)
    <voice> | <text>
Other lines starting with '#' are comments; blank lines are ignored.
"""
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_DIAGNOSE = 5_240_001
SEED_LESSONS = 5_240_002

D_HEADER = re.compile(r"^#\s*trap=(\S+)\s+failure=(\S+)\s*$")
L_HEADER = re.compile(r"^#\s*verdict=(\S+)\s*$")


def parse(path, kind):
    """Return a list of (voice, text, labels) in source order."""
    rows = []
    labels = None
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                m = (D_HEADER if kind == "d" else L_HEADER).match(line)
                if m:
                    labels = m.groups()
                continue
            if labels is None:
                sys.exit(f"{path}:{n}: text before any label header")
            if " | " not in line:
                sys.exit(f"{path}:{n}: expected 'voice | text'")
            voice, text = line.split(" | ", 1)
            rows.append((voice.strip(), text.strip(), labels))
    return rows


def build(outdir=HERE, srcdir=HERE):
    drows = parse(os.path.join(srcdir, "diagnose_src.txt"), "d")
    lrows = parse(os.path.join(srcdir, "lessons_src.txt"), "l")

    random.Random(SEED_DIAGNOSE).shuffle(drows)
    random.Random(SEED_LESSONS).shuffle(lrows)

    with open(os.path.join(outdir, "diagnose.jsonl"), "w", encoding="utf-8") as f:
        for i, (voice, text, (trap, failure)) in enumerate(drows, 1):
            row = {"id": f"h5-d-{i:03d}", "batch": voice, "text": text,
                   "trap": trap, "failure_type": failure}
            f.write(json.dumps(row) + "\n")

    with open(os.path.join(outdir, "lessons.jsonl"), "w", encoding="utf-8") as f:
        for i, (voice, text, (verdict,)) in enumerate(lrows, 1):
            row = {"id": f"h5-l-{i:03d}", "batch": voice, "text": text,
                   "verdict": verdict}
            f.write(json.dumps(row) + "\n")
    return len(drows), len(lrows)


if __name__ == "__main__":
    nd, nl = build()
    print(f"wrote diagnose.jsonl ({nd} rows) and lessons.jsonl ({nl} rows)")
