#!/usr/bin/env python3
"""Validate the held-out batch 2 files. Exit code 0 = pass."""
import json, os, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))
TRAPS = {"judgment", "expertise", "ego", "confidence"}
FTYPES = {"information", "courage", "skill", "attention"}
VERDICTS = {"careful", "cautious", "vague"}
BATCHES = {"healthcare", "logistics", "hospitality", "education", "legal-finance",
           "second-language", "chat-terse", "third-person-hr", "long-rambling"}
errors = []

def load(name, keys):
    recs = []
    with open(os.path.join(HERE, name), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{name}:{n}: bad JSON: {e}"); continue
            if set(r) != keys:
                errors.append(f"{name}:{n}: keys {sorted(r)} != {sorted(keys)}")
            recs.append(r)
    return recs

def words(t): return len(t.split())

d = load("diagnose.jsonl", {"id", "batch", "text", "trap", "failure_type"})
l = load("lessons.jsonl", {"id", "batch", "text", "verdict"})
for name, recs, prefix in (("diagnose", d, "h2-d-"), ("lessons", l, "h2-l-")):
    ids = [r.get("id") for r in recs]
    if len(ids) != len(set(ids)): errors.append(f"{name}: duplicate ids")
    texts = [r.get("text", "").strip().lower() for r in recs]
    if len(texts) != len(set(texts)): errors.append(f"{name}: duplicate texts")
    for r in recs:
        if not str(r.get("id", "")).startswith(prefix): errors.append(f"{name}: bad id {r.get('id')}")
        if r.get("batch") not in BATCHES: errors.append(f"{name} {r.get('id')}: bad batch {r.get('batch')}")
        if not r.get("text", "").strip(): errors.append(f"{name} {r.get('id')}: empty text")
        if r.get("batch") == "long-rambling" and not (90 <= words(r["text"]) <= 160):
            errors.append(f"{name} {r['id']}: long-rambling has {words(r['text'])} words (need 90-160)")
if len(d) != 240: errors.append(f"diagnose: {len(d)} lines, expected 240")
if len(l) != 120: errors.append(f"lessons: {len(l)} lines, expected 120")
cells = collections.Counter()
for r in d:
    if r.get("trap") not in TRAPS: errors.append(f"{r['id']}: bad trap {r.get('trap')}")
    if r.get("failure_type") not in FTYPES: errors.append(f"{r['id']}: bad failure_type {r.get('failure_type')}")
    cells[(r.get("trap"), r.get("failure_type"))] += 1
for t in sorted(TRAPS):
    for f in sorted(FTYPES):
        if cells[(t, f)] < 10: errors.append(f"cell {t} x {f}: {cells[(t, f)]} < 10")
vc = collections.Counter(r.get("verdict") for r in l)
for v in VERDICTS:
    if not 35 <= vc[v] <= 45: errors.append(f"verdict {v}: {vc[v]} not about 40")
for name, recs in (("diagnose", d), ("lessons", l)):
    bc = collections.Counter(r["batch"] for r in recs)
    exp = len(recs) / len(BATCHES)
    for b in BATCHES:
        if abs(bc[b] - exp) > 0.25 * exp: errors.append(f"{name}: batch {b} has {bc[b]}, expected about {exp:.0f}")
# line order should not track labels: longest run of identical trap should be short
run = best = 1
for a, b in zip(d, d[1:]):
    run = run + 1 if a["trap"] == b["trap"] else 1; best = max(best, run)
if best > 8: errors.append(f"diagnose: run of {best} identical traps; shuffle looks missing")

print("diagnose cells:")
for t in sorted(TRAPS):
    print("  " + t.ljust(11) + " ".join(f"{f}={cells[(t, f)]}" for f in sorted(FTYPES)))
print("diagnose traps:", dict(collections.Counter(r["trap"] for r in d)))
print("diagnose failure types:", dict(collections.Counter(r["failure_type"] for r in d)))
print("diagnose batches:", dict(sorted(collections.Counter(r["batch"] for r in d).items())))
print("lesson verdicts:", dict(vc))
print("lesson batches:", dict(sorted(collections.Counter(r["batch"] for r in l).items())))
lr = [words(r["text"]) for r in d + l if r["batch"] == "long-rambling"]
print(f"long-rambling word counts: min {min(lr)} max {max(lr)} n {len(lr)}")
if errors:
    print("FAIL"); [print("  " + e) for e in errors]; sys.exit(1)
print("PASS")
