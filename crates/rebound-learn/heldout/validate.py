import json, re, collections, sys
ok = True
def load(p):
    rows = []
    for n, line in enumerate(open(p, encoding="utf-8"), 1):
        try: rows.append(json.loads(line))
        except Exception as e: print(p, n, "bad JSON", e); globals()["ok"] = False
    return rows
TRAPS = {"judgment", "expertise", "ego", "confidence"}
FTS = {"information", "courage", "skill", "attention"}
VERD = {"careful", "cautious", "vague"}
BATCH = {"ops-terse", "rambling", "third-person-manager", "non-native", "exec", "trades-public", "chat"}
d = load("diagnose.jsonl"); l = load("lessons.jsonl")
def check(rows, keys, labels, prefix):
    global ok
    ids = [r.get("id") for r in rows]
    if len(ids) != len(set(ids)): print("duplicate ids in", prefix); ok = False
    for r in rows:
        if set(r) != set(keys): print("keys", r.get("id"), sorted(r)); ok = False
        if not re.fullmatch(prefix + r"\d{3}", r.get("id", "")): print("id format", r.get("id")); ok = False
        if r.get("batch") not in BATCH: print("batch", r["id"], r.get("batch")); ok = False
        if not r.get("text", "").strip(): print("empty text", r["id"]); ok = False
        for k, allowed in labels.items():
            if r.get(k) not in allowed: print("label", r["id"], k, r.get(k)); ok = False
        if r.get("batch") == "rambling":
            w = len(r["text"].split())
            if not 80 <= w <= 150: print("rambling length", r["id"], w); ok = False
check(d, ["id", "batch", "text", "trap", "failure_type"], {"trap": TRAPS, "failure_type": FTS}, "h-d")
check(l, ["id", "batch", "text", "verdict"], {"verdict": VERD}, "h-l")
for r in d:
    n = len([s for s in re.split(r"(?<=[.!?])\s+", r["text"]) if s.strip()])
    if not 1 <= n <= 6: print("sentences", r["id"], n); ok = False
# texts unique
for rows in (d, l):
    t = [r["text"] for r in rows]
    if len(t) != len(set(t)): print("duplicate text"); ok = False
tc = collections.Counter(r["trap"] for r in d)
cell = collections.Counter((r["trap"], r["failure_type"]) for r in d)
vc = collections.Counter(r["verdict"] for r in l)
if len(d) != 200 or any(tc[t] != 50 for t in TRAPS): print("trap counts", tc); ok = False
if any(cell[(t, f)] < 6 for t in TRAPS for f in FTS): print("cell < 6", cell); ok = False
if len(l) != 120 or any(vc[v] != 40 for v in VERD): print("verdict counts", vc); ok = False
print("diagnose:", len(d), dict(tc))
print("failure_type:", dict(collections.Counter(r["failure_type"] for r in d)))
for t in sorted(TRAPS): print("  ", t, {f: cell[(t, f)] for f in sorted(FTS)})
print("diagnose batches:", dict(sorted(collections.Counter(r["batch"] for r in d).items())))
print("lessons:", len(l), dict(vc))
print("lessons batches:", dict(sorted(collections.Counter(r["batch"] for r in l).items())))
print("batch x verdict:", {b: {v: sum(1 for r in l if r["batch"] == b and r["verdict"] == v) for v in sorted(VERD)} for b in sorted(BATCH)})
print("I will not ... lessons:", dict(collections.Counter(r["verdict"] for r in l if re.search(r"\bi will not\b", r["text"], re.I))))
print("VALID" if ok else "INVALID")
sys.exit(0 if ok else 1)
