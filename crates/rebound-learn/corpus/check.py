#!/usr/bin/env python3
"""Sanity checks for the labelled corpus: JSON shape, label values, unique ids,
counts per class, duplicate / near-duplicate texts, and no 6-word sequence
shared with the published development sets."""
import collections, json, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = Path("/work/shared/eval")
TRAPS = {"judgment", "expertise", "ego", "confidence"}
FAILS = {"information", "courage", "skill", "attention"}
REASONS = {
    "careful": {"names_the_error", "concrete_correction", "keeps_taking_the_risk"},
    "cautious": {"avoids_the_risk", "defers_to_others", "waits_for_certainty", "hands_it_off"},
    "vague": {"about_character", "global_rule", "no_action", "no_specific_error"},
}
errors = []

def words(t):
    return re.findall(r"[a-z0-9']+", t.lower())

def grams(t, n):
    w = words(t)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}

def load(p):
    out = []
    for n, line in enumerate(open(p, encoding="utf-8"), 1):
        try:
            out.append(json.loads(line))
        except Exception as e:
            errors.append(f"{p.name}:{n}: bad JSON: {e}")
    return out

d = load(HERE / "diagnose.jsonl")
l = load(HERE / "lessons.jsonl")
for name, rows, keys in (("diagnose", d, {"id", "trap", "failure_type", "text"}),
                         ("lessons", l, {"id", "verdict", "reasons", "text"})):
    ids = collections.Counter(r.get("id") for r in rows)
    for i, c in ids.items():
        if c > 1:
            errors.append(f"{name}: duplicate id {i}")
    for r in rows:
        # Retired held-out sets (ids h-, h2-, h3-) carry no reasons.
        want = keys - {"reasons"} if r.get("id", "").startswith("h") else keys
        # A batch by a writer of its own names them (`writers.rs`).
        if set(r) - {"writer"} != want:
            errors.append(f"{name} {r.get('id')}: keys {sorted(r)}")
        if not r.get("text", "").strip():
            errors.append(f"{name} {r.get('id')}: empty text")
for r in d:
    if r["trap"] not in TRAPS or r["failure_type"] not in FAILS:
        errors.append(f"diagnose {r['id']}: bad label")
for r in l:
    v = r["verdict"]
    if v not in REASONS:
        errors.append(f"lessons {r['id']}: bad verdict {v}")
    elif r["id"].startswith("h"):
        pass
    elif not r["reasons"] or not set(r["reasons"]) <= REASONS[v]:
        errors.append(f"lessons {r['id']}: reasons {r['reasons']} not valid for {v}")

# duplicates and near-duplicates inside the corpus (word 4-gram Jaccard)
allrows = [("d", r) for r in d] + [("l", r) for r in l]
norm = collections.Counter(" ".join(words(r["text"])) for _, r in allrows)
for t, c in norm.items():
    if c > 1:
        errors.append(f"duplicate text: {t[:60]}")
g4 = [(r["id"], grams(r["text"], 4)) for _, r in allrows]
near = 0
for i in range(len(g4)):
    a_id, a = g4[i]
    if len(a) < 3:
        continue
    for j in range(i + 1, len(g4)):
        b_id, b = g4[j]
        if len(b) < 3:
            continue
        inter = len(a & b)
        if inter and inter / min(len(a), len(b)) >= 0.5:
            near += 1
            # A retired held-out set was written apart from the corpus: its
            # near-duplicates show what other writers say too, not copying.
            if a_id.startswith("h") or b_id.startswith("h"):
                print(f"  note: near-duplicate across writers: {a_id} ~ {b_id}")
            else:
                errors.append(f"near-duplicate: {a_id} ~ {b_id}")

# no shared 6-word sequence with the development sets
if DEV.exists():
    dev6 = set()
    for f in ("diagnose_dev.jsonl", "lessons_dev.jsonl"):
        for line in open(DEV / f, encoding="utf-8"):
            dev6 |= grams(json.loads(line)["text"], 6)
    for _, r in allrows:
        shared = grams(r["text"], 6) & dev6
        if shared:
            errors.append(f"{r['id']}: shares with dev set: {' '.join(next(iter(shared)))}")

print("diagnose:", len(d))
for k, v in sorted(collections.Counter((r["trap"], r["failure_type"]) for r in d).items()):
    print(f"  {k[0]:<10} {k[1]:<12} {v}")
print("  by trap:", dict(sorted(collections.Counter(r["trap"] for r in d).items())))
print("  by failure_type:", dict(sorted(collections.Counter(r["failure_type"] for r in d).items())))
print("lessons:", len(l), dict(sorted(collections.Counter(r["verdict"] for r in l).items())))
print("  reasons:", dict(sorted(collections.Counter(x for r in l for x in r.get("reasons", [])).items())))
lens = sorted(len(words(r["text"])) for _, r in allrows)
print("  words per text: min", lens[0], "median", lens[len(lens) // 2], "max", lens[-1])
for e in errors:
    print("ERROR", e)
sys.exit(1 if errors else 0)
