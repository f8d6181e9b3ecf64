#!/usr/bin/env python3
"""Validate diagnose.jsonl and lessons.jsonl (held-out batch 3)."""
import json, sys, collections, itertools

TRAPS = {"judgment", "expertise", "ego", "confidence"}
FAILS = {"information", "courage", "skill", "attention"}
VERDICTS = {"careful", "cautious", "vague"}
VOICES = {"engineering-ops", "sales-account", "creative-media", "science-lab",
          "manufacturing-trades", "public-sector-ngo", "founder-exec",
          "peer-observer", "mixed-register"}
errors = []

def load(path, keys):
    rows = []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        try:
            r = json.loads(line)
        except Exception as e:
            errors.append(f"{path}:{n}: invalid JSON ({e})"); continue
        if set(r) != keys:
            errors.append(f"{path}:{n}: keys {sorted(r)} != {sorted(keys)}")
        if r.get("batch") not in VOICES:
            errors.append(f"{path}:{n}: bad batch {r.get('batch')}")
        if not isinstance(r.get("text"), str) or len(r["text"].strip()) < 10:
            errors.append(f"{path}:{n}: empty/short text")
        rows.append(r)
    return rows

def check_common(rows, path, prefix, label_of):
    ids = [r["id"] for r in rows]
    if len(set(ids)) != len(ids): errors.append(f"{path}: duplicate ids")
    if ids != [f"{prefix}{i:03d}" for i in range(1, len(rows) + 1)]:
        errors.append(f"{path}: ids not sequential in file order")
    texts = [" ".join(r["text"].lower().split()) for r in rows]
    if len(set(texts)) != len(texts): errors.append(f"{path}: duplicate texts")
    labels = [label_of(r) for r in rows]
    # shuffled: not grouped by label; longest same-label run must be short and
    # label changes between neighbours must be near the random expectation
    runs = max(len(list(g)) for _, g in itertools.groupby(labels))
    changes = sum(a != b for a, b in zip(labels, labels[1:]))
    n_lab = len(set(labels))
    expected = (len(labels) - 1) * (1 - 1 / n_lab)
    if labels == sorted(labels) or runs > 6 or changes < 0.75 * expected:
        errors.append(f"{path}: looks unshuffled (longest run {runs}, changes {changes}, expected ~{expected:.0f})")
    return runs, changes, expected

d = load("diagnose.jsonl", {"id", "batch", "text", "trap", "failure_type"})
for r in d:
    if r.get("trap") not in TRAPS: errors.append(f"{r.get('id')}: bad trap {r.get('trap')}")
    if r.get("failure_type") not in FAILS: errors.append(f"{r.get('id')}: bad failure_type {r.get('failure_type')}")
l = load("lessons.jsonl", {"id", "batch", "text", "verdict"})
for r in l:
    if r.get("verdict") not in VERDICTS: errors.append(f"{r.get('id')}: bad verdict {r.get('verdict')}")

sd = check_common(d, "diagnose.jsonl", "h3-d-", lambda r: (r["trap"], r["failure_type"]))
sl = check_common(l, "lessons.jsonl", "h3-l-", lambda r: r["verdict"])
all_texts = [" ".join(r["text"].lower().split()) for r in d + l]
if len(set(all_texts)) != len(all_texts): errors.append("a text appears in both files")

cells = collections.Counter((r["trap"], r["failure_type"]) for r in d)
print(f"diagnose.jsonl: {len(d)} rows")
for t in sorted(TRAPS):
    print("  " + t.ljust(11) + " ".join(f"{f}={cells[(t, f)]:2d}" for f in sorted(FAILS)))
for t in TRAPS:
    for f in FAILS:
        if cells[(t, f)] < 15: errors.append(f"cell {t}/{f} has {cells[(t, f)]} < 15")
if len(d) != 240: errors.append(f"diagnose has {len(d)} rows, expected 240")
verd = collections.Counter(r["verdict"] for r in l)
print(f"lessons.jsonl: {len(l)} rows  " + " ".join(f"{k}={verd[k]}" for k in sorted(VERDICTS)))
for k in VERDICTS:
    if verd[k] < 40: errors.append(f"verdict {k} has {verd[k]} < 40")
if len(l) != 120: errors.append(f"lessons has {len(l)} rows, expected 120")
vc = collections.Counter(r["batch"] for r in d + l)
vd = collections.Counter(r["batch"] for r in d); vl = collections.Counter(r["batch"] for r in l)
print("voices (diagnose + lessons = total):")
for v in sorted(VOICES):
    print(f"  {v:22s} {vd[v]:3d} + {vl[v]:3d} = {vc[v]:3d}")
    if vc[v] == 0: errors.append(f"voice {v} unused")
print(f"shuffle check: diagnose longest run {sd[0]}, label changes {sd[1]} (random ~{sd[2]:.0f}); "
      f"lessons longest run {sl[0]}, changes {sl[1]} (random ~{sl[2]:.0f})")
if errors:
    print("FAIL"); [print("  " + e) for e in errors]; sys.exit(1)
print("OK: all checks passed")
