#!/usr/bin/env python3
"""Build diagnose.jsonl and lessons.jsonl from the hand-written source files.
Lines are shuffled with a fixed seed so line order and ids say nothing about labels."""
import glob, json, random, os
HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261206

def rows(path_glob, nfields):
    out = []
    for f in sorted(glob.glob(os.path.join(HERE, path_glob))):
        for line in open(f, encoding="utf-8"):
            line = line.rstrip("\n")
            if line.strip():
                out.append(line.split("|", nfields - 1))
    return out

rng = random.Random(SEED)
d = rows("diag_src_*.txt", 4)
rng.shuffle(d)
with open(os.path.join(HERE, "diagnose.jsonl"), "w", encoding="utf-8") as fh:
    for i, (trap, ft, batch, text) in enumerate(d, 1):
        fh.write(json.dumps({"id": f"h2-d-{i:03d}", "batch": batch, "text": text,
                             "trap": trap, "failure_type": ft}, ensure_ascii=False) + "\n")
l = rows("lessons_src.txt", 3)
rng.shuffle(l)
with open(os.path.join(HERE, "lessons.jsonl"), "w", encoding="utf-8") as fh:
    for i, (verdict, batch, text) in enumerate(l, 1):
        fh.write(json.dumps({"id": f"h2-l-{i:03d}", "batch": batch, "text": text,
                             "verdict": verdict}, ensure_ascii=False) + "\n")
print(len(d), len(l))
