#!/usr/bin/env python3
"""Build diagnose.jsonl and lessons.jsonl from the hand-written source files.

Source format: lines starting with '#' are comments, except header lines
'# trap=X failure=Y' (diagnose) or '# verdict=V' (lessons), which set the
labels for the lines that follow. Every other non-empty line is
'voice | text'. Records are shuffled with a fixed seed and ids are assigned
after shuffling, so ids carry no label information.
"""
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED_DIAGNOSE = 20261207
SEED_LESSONS = 71206202

HEADER = re.compile(r"^#\s*((?:\w+=\w+\s*)+)$")


def parse(path):
    labels, rows = None, []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            m = HEADER.match(line)
            if m:
                labels = dict(kv.split("=") for kv in m.group(1).split())
            continue
        if labels is None:
            raise SystemExit(f"{path.name}:{n}: text before any label header")
        voice, sep, text = line.partition(" | ")
        if not sep or not text.strip():
            raise SystemExit(f"{path.name}:{n}: expected 'voice | text'")
        rows.append({"batch": voice.strip(), "text": text.strip(), **labels})
    return rows


def write(rows, seed, prefix, keys, out):
    rows = list(rows)
    random.Random(seed).shuffle(rows)
    with open(HERE / out, "w", encoding="utf-8") as f:
        for i, r in enumerate(rows, 1):
            rec = {"id": f"{prefix}{i:03d}", "batch": r["batch"], "text": r["text"]}
            for src, dst in keys:
                rec[dst] = r[src]
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {out}: {len(rows)} rows")


def main():
    d = parse(HERE / "diagnose_src.txt")
    write(d, SEED_DIAGNOSE, "h4-d-", [("trap", "trap"), ("failure", "failure_type")], "diagnose.jsonl")
    l = parse(HERE / "lessons_src.txt")
    write(l, SEED_LESSONS, "h4-l-", [("verdict", "verdict")], "lessons.jsonl")


if __name__ == "__main__":
    main()
