#!/usr/bin/env python3
"""Validate diagnose.jsonl and lessons.jsonl (batch 4 held-out set)."""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRAPS = ["confidence", "ego", "judgment", "expertise"]
FAILS = ["information", "courage", "skill", "attention"]
VERDICTS = ["careful", "cautious", "vague"]
VOICES = ["healthcare-clinic", "school-teaching", "hospitality-retail", "legal-compliance",
          "logistics-warehouse", "finance-banking", "government-it", "non-native-terse",
          "rambling-chat", "third-person-manager"]
errors = []


def err(msg):
    errors.append(msg)


def load(name, keys, id_re):
    rows = []
    for n, line in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), 1):
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            err(f"{name}:{n}: invalid JSON ({e})")
            continue
        if not isinstance(r, dict) or set(r) != set(keys):
            err(f"{name}:{n}: keys {sorted(r) if isinstance(r, dict) else type(r)} != {sorted(keys)}")
            continue
        if not re.fullmatch(id_re, r["id"]):
            err(f"{name}:{n}: bad id {r['id']!r}")
        if r["batch"] not in VOICES:
            err(f"{name}:{n}: bad batch {r['batch']!r}")
        if not isinstance(r["text"], str) or not r["text"].strip():
            err(f"{name}:{n}: empty text")
        rows.append(r)
    return rows


def runs(labels):
    return 1 + sum(a != b for a, b in zip(labels, labels[1:]))


def check_shuffled(name, labels, ids, prefix):
    # ids must be sequential in file order (assigned after shuffling)
    if ids != [f"{prefix}{i:03d}" for i in range(1, len(ids) + 1)]:
        err(f"{name}: ids are not sequential in file order")
    # label sequence must not be grouped: with k balanced classes a random order has
    # about n*(1-1/k) runs; sorted/grouped data has k runs. Require at least half.
    k = len(set(labels))
    expected = len(labels) * (1 - 1 / k)
    r = runs(labels)
    if r < expected / 2:
        err(f"{name}: labels look grouped ({r} runs, ~{expected:.0f} expected if shuffled)")
    # ids must not track labels: each label's ids should be spread over the whole range
    for lab in set(labels):
        pos = [i for i, x in enumerate(labels) if x == lab]
        if max(pos) - min(pos) < len(labels) / 2:
            err(f"{name}: label {lab} confined to a narrow id range")
    return r


def main():
    d = load("diagnose.jsonl", ["id", "batch", "text", "trap", "failure_type"], r"h4-d-\d{3}")
    l = load("lessons.jsonl", ["id", "batch", "text", "verdict"], r"h4-l-\d{3}")

    for r in d:
        if r["trap"] not in TRAPS:
            err(f"{r['id']}: bad trap {r['trap']!r}")
        if r["failure_type"] not in FAILS:
            err(f"{r['id']}: bad failure_type {r['failure_type']!r}")
    for r in l:
        if r["verdict"] not in VERDICTS:
            err(f"{r['id']}: bad verdict {r['verdict']!r}")

    if len(d) != 240:
        err(f"diagnose: {len(d)} rows, expected 240")
    if len(l) != 180:
        err(f"lessons: {len(l)} rows, expected 180")

    all_ids = [r["id"] for r in d + l]
    for x, c in Counter(all_ids).items():
        if c > 1:
            err(f"duplicate id {x}")
    norm = lambda t: " ".join(t.lower().split())
    for x, c in Counter(norm(r["text"]) for r in d + l).items():
        if c > 1:
            err(f"duplicate text (within or across files): {x[:60]!r}")

    cells = Counter((r["trap"], r["failure_type"]) for r in d)
    for t in TRAPS:
        for f in FAILS:
            if cells[(t, f)] != 15:
                err(f"cell {t}x{f}: {cells[(t, f)]} rows, expected 15")
    verdicts = Counter(r["verdict"] for r in l)
    for v in VERDICTS:
        if verdicts[v] != 60:
            err(f"verdict {v}: {verdicts[v]} rows, expected 60")

    vd = Counter(r["batch"] for r in d)
    vl = Counter(r["batch"] for r in l)
    for v in VOICES:
        if vd[v] != 24:
            err(f"diagnose voice {v}: {vd[v]} rows, expected 24")
        if vl[v] != 18:
            err(f"lessons voice {v}: {vl[v]} rows, expected 18")

    rd = check_shuffled("diagnose", [f"{r['trap']}/{r['failure_type']}" for r in d], [r["id"] for r in d], "h4-d-")
    rl = check_shuffled("lessons", [r["verdict"] for r in l], [r["id"] for r in l], "h4-l-")

    # report
    print("diagnose cells (trap x failure):")
    print("  " + " ".join(f"{f:>12}" for f in FAILS))
    for t in TRAPS:
        print(f"  {t:<11}" + " ".join(f"{cells[(t, f)]:>12}" for f in FAILS))
    print("lessons verdicts:", dict(verdicts))
    print("voices diagnose:", dict(vd))
    print("voices lessons: ", dict(vl))
    wl = lambda rows: [len(r["text"].split()) for r in rows]
    def stats(name, rows):
        w = sorted(wl(rows))
        return f"{name}: n={len(w)} min={w[0]} median={w[len(w)//2]} mean={sum(w)/len(w):.1f} max={w[-1]}"
    print("word counts:")
    for t in TRAPS:
        print("  trap " + stats(t, [r for r in d if r["trap"] == t]))
    for f in FAILS:
        print("  failure " + stats(f, [r for r in d if r["failure_type"] == f]))
    for v in VERDICTS:
        print("  verdict " + stats(v, [r for r in l if r["verdict"] == v]))
    print(f"label runs: diagnose {rd}, lessons {rl}")

    if errors:
        print(f"\n{len(errors)} ERROR(S):")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("\nOK: all checks passed")


if __name__ == "__main__":
    main()
