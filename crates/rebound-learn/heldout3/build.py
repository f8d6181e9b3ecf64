#!/usr/bin/env python3
"""Build diagnose.jsonl and lessons.jsonl from the label-sorted *_src.txt files.

Source format: '# trap=X failure=Y' or '# verdict=Z' header lines, then
'<voice> | <text>' lines; a literal backslash-n in a text becomes a newline.
Rows are shuffled with a fixed seed and ids are assigned AFTER shuffling.
"""
import glob, json, random

SEED = 20261207
VOICES = {
    "eng": "engineering-ops", "sales": "sales-account", "crea": "creative-media",
    "sci": "science-lab", "mfg": "manufacturing-trades", "pub": "public-sector-ngo",
    "fdr": "founder-exec", "peer": "peer-observer", "mix": "mixed-register",
}

def parse(paths):
    rows, labels = [], None
    for p in paths:
        for n, line in enumerate(open(p, encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("# "):
                labels = dict(kv.split("=", 1) for kv in line[2:].split())
                continue
            voice, text = line.split(" | ", 1)
            voice = voice.strip()
            assert voice in VOICES, (p, n, voice)
            assert labels, (p, n)
            rows.append({"batch": VOICES[voice], "text": text.replace("\\n", "\n").strip(), **labels})
    return rows

def write(rows, prefix, path, keys):
    rng = random.Random(SEED)
    rng.shuffle(rows)
    with open(path, "w", encoding="utf-8") as f:
        for i, r in enumerate(rows, 1):
            rec = {"id": f"{prefix}{i:03d}"}
            rec.update({k: r[k] for k in keys})
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} rows to {path}")

if __name__ == "__main__":
    d = parse(sorted(glob.glob("diagnose_src_*.txt")))
    for r in d:
        r["failure_type"] = r.pop("failure")
    write(d, "h3-d-", "diagnose.jsonl", ["batch", "text", "trap", "failure_type"])
    l = parse(["lessons_src.txt"])
    write(l, "h3-l-", "lessons.jsonl", ["batch", "text", "verdict"])
