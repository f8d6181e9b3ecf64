#!/usr/bin/env python3
"""Validate Rebound held-out set 5 (diagnose.jsonl, lessons.jsonl).

Checks: valid JSON, exact keys and key order, label and voice values, unique
ids in the expected sequence, unique texts (normalised, within and across
files), the required counts (per cell, per verdict, per voice), that the rows
are shuffled relative to the sources, and that build.py is deterministic.
Prints length statistics per label and a surface-cue table.
Exits non-zero if any check fails.
"""
import collections
import importlib.util
import json
import os
import re
import statistics
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TRAPS = ["expertise", "judgment", "ego", "confidence"]
FAILS = ["information", "courage", "skill", "attention"]
VERDICTS = ["careful", "cautious", "vague"]
VOICES = ["agriculture-farming", "newsroom-journalism", "call-centre-support",
          "construction-site", "university-research", "charity-fundraising",
          "film-tv-production", "spoken-voice-note", "indian-english-office",
          "formal-report-third-person"]
D_KEYS = ["id", "batch", "text", "trap", "failure_type"]
L_KEYS = ["id", "batch", "text", "verdict"]

errors = []


def err(msg):
    errors.append(msg)


def norm(text):
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"[^a-z0-9\u00b5 ]+", " ", text)
    return " ".join(text.split())


def words(text):
    return len(text.split())


def load(name, keys, prefix):
    rows = []
    path = os.path.join(HERE, name)
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"{name}:{n}: invalid JSON ({e})")
                continue
            if list(row.keys()) != keys:
                err(f"{name}:{n}: keys {list(row.keys())} != {keys}")
            if json.dumps(row) + "\n" != line:
                err(f"{name}:{n}: not written with json.dumps default separators")
            rows.append(row)
    ids = [r.get("id") for r in rows]
    want = [f"{prefix}{i:03d}" for i in range(1, len(rows) + 1)]
    if ids != want:
        err(f"{name}: ids are not the sequence {want[0]}..{want[-1]}")
    if len(set(ids)) != len(ids):
        err(f"{name}: duplicate ids")
    for r in rows:
        t = r.get("text", "")
        if not isinstance(t, str) or not t.strip():
            err(f"{r.get('id')}: empty text")
        elif t != t.strip() or "\n" in t:
            err(f"{r.get('id')}: stray whitespace or newline in text")
        if r.get("batch") not in VOICES:
            err(f"{r.get('id')}: unknown voice {r.get('batch')!r}")
    return rows


def stats(values):
    v = sorted(values)
    q = statistics.quantiles(v, n=4)
    return (f"n={len(v):3d} min={v[0]:3d} q1={q[0]:5.1f} median={statistics.median(v):5.1f} "
            f"q3={q[2]:5.1f} max={v[-1]:3d} mean={statistics.mean(v):5.1f}")


def shuffled_check(name, rows, src_rows, key):
    """Rows must not follow source order, and labels must not come in blocks."""
    pos = {norm(t): i for i, (_, t, _) in enumerate(src_rows)}
    order = [pos.get(norm(r["text"]), -1) for r in rows]
    adjacent = sum(1 for a, b in zip(order, order[1:]) if b == a + 1)
    if adjacent > len(rows) * 0.05:
        err(f"{name}: {adjacent} rows follow their source neighbour; not shuffled")
    labels = [key(r) for r in rows]
    same = sum(1 for a, b in zip(labels, labels[1:]) if a == b)
    expected = (len(rows) - 1) / len(set(labels))
    longest = run = 1
    for a, b in zip(labels, labels[1:]):
        run = run + 1 if a == b else 1
        longest = max(longest, run)
    print(f"  {name}: adjacent-in-source pairs={adjacent}, same-label neighbours={same} "
          f"(about {expected:.0f} expected by chance), longest same-label run={longest}")
    if same > expected * 1.6 or longest > 8:
        err(f"{name}: labels look blocked, not shuffled")


def main():
    d = load("diagnose.jsonl", D_KEYS, "h5-d-")
    l = load("lessons.jsonl", L_KEYS, "h5-l-")

    for r in d:
        if r.get("trap") not in TRAPS:
            err(f"{r['id']}: bad trap {r.get('trap')!r}")
        if r.get("failure_type") not in FAILS:
            err(f"{r['id']}: bad failure_type {r.get('failure_type')!r}")
    for r in l:
        if r.get("verdict") not in VERDICTS:
            err(f"{r['id']}: bad verdict {r.get('verdict')!r}")

    # uniqueness of normalised text, within and across files
    seen = {}
    for r in d + l:
        k = norm(r["text"])
        if k in seen:
            err(f"{r['id']}: text duplicates {seen[k]}")
        seen[k] = r["id"]

    # counts
    if len(d) != 240:
        err(f"diagnose: {len(d)} rows, want 240")
    if len(l) != 240:
        err(f"lessons: {len(l)} rows, want 240")
    cells = collections.Counter((r["trap"], r["failure_type"]) for r in d)
    for t in TRAPS:
        for f in FAILS:
            if cells[(t, f)] != 15:
                err(f"cell {t} x {f}: {cells[(t, f)]}, want 15")
    verd = collections.Counter(r["verdict"] for r in l)
    for v in VERDICTS:
        if verd[v] != 80:
            err(f"verdict {v}: {verd[v]}, want 80")
    for voice in VOICES:
        vd = [r for r in d if r["batch"] == voice]
        vl = [r for r in l if r["batch"] == voice]
        if len(vd) != 24:
            err(f"{voice}: {len(vd)} accounts, want 24")
        if len(vl) != 24:
            err(f"{voice}: {len(vl)} lessons, want 24")
        for t in TRAPS:
            n = sum(r["trap"] == t for r in vd)
            if n != 6:
                err(f"{voice}: {n} accounts with trap {t}, want 6")
        for f in FAILS:
            n = sum(r["failure_type"] == f for r in vd)
            if n != 6:
                err(f"{voice}: {n} accounts with failure {f}, want 6")
        for v in VERDICTS:
            n = sum(r["verdict"] == v for r in vl)
            if n != 8:
                err(f"{voice}: {n} lessons with verdict {v}, want 8")

    # determinism and agreement with the sources
    spec = importlib.util.spec_from_file_location("build", os.path.join(HERE, "build.py"))
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    with tempfile.TemporaryDirectory() as tmp:
        build.build(outdir=tmp)
        for name in ("diagnose.jsonl", "lessons.jsonl"):
            with open(os.path.join(tmp, name), "rb") as a, open(os.path.join(HERE, name), "rb") as b:
                if a.read() != b.read():
                    err(f"{name}: differs from a fresh build (stale or non-deterministic)")
    dsrc = build.parse(os.path.join(HERE, "diagnose_src.txt"), "d")
    lsrc = build.parse(os.path.join(HERE, "lessons_src.txt"), "l")

    print("Shuffle")
    shuffled_check("diagnose (cell)", d, dsrc, lambda r: (r["trap"], r["failure_type"]))
    shuffled_check("diagnose (voice)", d, dsrc, lambda r: r["batch"])
    shuffled_check("lessons (verdict)", l, lsrc, lambda r: r["verdict"])
    shuffled_check("lessons (voice)", l, lsrc, lambda r: r["batch"])

    # lengths
    print("\nLengths in words, accounts")
    print(f"  {'all':12s} {stats([words(r['text']) for r in d])}")
    for t in TRAPS:
        print(f"  {t:12s} {stats([words(r['text']) for r in d if r['trap'] == t])}")
    for f in FAILS:
        print(f"  {f:12s} {stats([words(r['text']) for r in d if r['failure_type'] == f])}")
    print("\nMedian words per cell (rows: trap, columns: failure type)")
    print("  " + " " * 12 + "".join(f"{f:>13s}" for f in FAILS))
    for t in TRAPS:
        meds = [statistics.median([words(r["text"]) for r in d
                                   if r["trap"] == t and r["failure_type"] == f]) for f in FAILS]
        print(f"  {t:12s}" + "".join(f"{m:13.1f}" for m in meds))
    print("\nLengths in words, lessons")
    print(f"  {'all':12s} {stats([words(r['text']) for r in l])}")
    for v in VERDICTS:
        print(f"  {v:12s} {stats([words(r['text']) for r in l if r['verdict'] == v])}")
    print("\nLengths in words per voice (accounts | lessons)")
    for voice in VOICES:
        a = statistics.median([words(r["text"]) for r in d if r["batch"] == voice])
        b = statistics.median([words(r["text"]) for r in l if r["batch"] == voice])
        print(f"  {voice:28s} median {a:5.1f} | {b:5.1f}")

    # surface cues
    cues = {"I will not": r"\bi will not\b", "never": r"\bnever\b", "next time": r"\bnext time\b",
            "check": r"\bcheck", "ask": r"\bask", "stop": r"\bstop"}
    print("\nLessons containing each cue, per verdict")
    print("  " + " " * 12 + "".join(f"{c:>12s}" for c in cues))
    for v in VERDICTS:
        rows = [r["text"].lower() for r in l if r["verdict"] == v]
        print(f"  {v:12s}" + "".join(f"{sum(bool(re.search(p, t)) for t in rows):12d}"
                                     for p in cues.values()))
        for c, p in cues.items():
            if not any(re.search(p, t) for t in rows):
                err(f"cue {c!r} never appears under verdict {v}")
    dcues = {"knew": r"\bknew\b", "should have asked": r"\bshould have asked\b"}
    print("\nAccounts containing each cue, per failure type")
    print("  " + " " * 12 + "".join(f"{c:>20s}" for c in dcues))
    for f in FAILS:
        rows = [r["text"].lower() for r in d if r["failure_type"] == f]
        print(f"  {f:12s}" + "".join(f"{sum(bool(re.search(p, t)) for t in rows):20d}"
                                     for p in dcues.values()))
    for c, p in dcues.items():
        n = sum(any(re.search(p, r["text"].lower()) for r in d if r["failure_type"] == f)
                for f in FAILS)
        if n < 2:
            err(f"cue {c!r} appears under only {n} failure type(s)")

    print()
    if errors:
        for e in errors:
            print("ERROR:", e)
        print(f"{len(errors)} error(s)")
        sys.exit(1)
    print(f"OK: {len(d)} accounts, {len(l)} lessons, all checks passed")


if __name__ == "__main__":
    main()
