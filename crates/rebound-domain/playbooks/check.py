#!/usr/bin/env python3
"""Check the playbooks and the prompts before committing.

Run from anywhere: python3 crates/rebound-domain/playbooks/check.py
Exits non-zero, listing every problem, if anything is off.

The real keys below are copied from the code; if an identifier changes
there, change it here too:
  drivers, pressure points, signs  src/recovery/signs.rs (as_str keys)
  moves                            src/recovery/moves/catalogue.rs
  traps, failure types             src/reflection/labels.rs
  escalation                       src/recovery/escalation.rs
"""
import difflib
import itertools
import re
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROMPTS = HERE.parent / "prompts" / "prompts.toml"

DRIVERS = ["cognitive", "social", "environmental", "process", "workload",
           "cultural", "skill_gap"]
PRESSURES = ["public_mistake", "outcome_only_feedback", "cancelled_project",
             "peer_comparison", "tight_timelines", "public_reprimand",
             "ambiguous_cause", "role_change"]
SIGNS = ["fewer_volunteers", "excessive_sign_off", "over_caution",
         "speaking_less", "defensive_tone", "low_risk_drift", "more_shadowing",
         "less_ownership", "leader_micromanaging", "repeated_rework"]
MOVES = ["calm_debrief", "separate_person_from_event", "small_visible_win",
         "development_plan", "paired_work", "share_own_failures",
         "protect_from_blame", "recalibrated_goals", "specific_feedback",
         "micro_experiments", "public_recognition", "track_in_one_on_ones"]
TRAPS = ["judgment", "expertise", "ego", "confidence"]
FAILURES = ["information", "courage", "skill", "attention"]

REAL = ({f"driver:{k}" for k in DRIVERS} | {f"pressure:{k}" for k in PRESSURES}
        | {f"sign:{k}" for k in SIGNS} | {f"move:{k}" for k in MOVES}
        | {f"trap:{k}" for k in TRAPS} | {f"failure:{k}" for k in FAILURES}
        | {"escalation"})
# Everything except moves must be reached by at least one playbook.
MUST_COVER = REAL - {f"move:{k}" for k in MOVES}

KINDS = {"core": (350, 900), "practice": (350, 900),
         "neighbour": (250, 600), "related": (250, 600)}
EXPECTED_COUNTS = {"core": 1, "neighbour": 6, "related": 7}
REQUIRED_PRACTICE = {"four-traps", "failure-types", "careful-not-cautious",
                     "first-thirty-minutes", "four-steps-back",
                     "beyond-a-quick-fix"}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FIELDS = {"slug", "title", "kind", "summary", "about"}

problems = []


def problem(msg):
    problems.append(msg)


def check_playbooks():
    covered = set()
    kinds = {}
    words = {}
    files = sorted(p for p in HERE.glob("*.md") if p.name != "README.md")
    for path in files:
        text = path.read_text(encoding="utf-8")
        m = re.match(r"\A\+\+\+\n(.*?)\n\+\+\+\n(.*)\Z", text, re.S)
        if not m:
            problem(f"{path.name}: no +++ front matter at the top")
            continue
        try:
            meta = tomllib.loads(m.group(1))
        except tomllib.TOMLDecodeError as e:
            problem(f"{path.name}: front matter is not TOML: {e}")
            continue
        body = m.group(2)
        if set(meta) != FIELDS:
            problem(f"{path.name}: fields {sorted(meta)}, want {sorted(FIELDS)}")
        slug = meta.get("slug", "")
        if not SLUG.match(slug) or path.stem != slug:
            problem(f"{path.name}: slug '{slug}' must be lowercase-hyphenated and equal the file name")
        kind = meta.get("kind")
        if kind not in KINDS:
            problem(f"{path.name}: kind '{kind}' is not one of {sorted(KINDS)}")
            continue
        kinds.setdefault(kind, []).append(slug)
        summary = meta.get("summary", "")
        if not summary or len(summary) >= 160:
            problem(f"{path.name}: summary must be non-empty and under 160 characters ({len(summary)})")
        if not meta.get("title"):
            problem(f"{path.name}: empty title")
        about = meta.get("about", [])
        if not isinstance(about, list) or not about:
            problem(f"{path.name}: about must be a non-empty list")
            about = []
        for key in about:
            if key not in REAL:
                problem(f"{path.name}: about key '{key}' is not a real key")
        if len(set(about)) != len(about):
            problem(f"{path.name}: about repeats a key")
        covered |= set(about)
        n = len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’.-]*", body))
        words[slug] = n
        lo, hi = KINDS[kind]
        if not lo <= n <= hi:
            problem(f"{path.name}: {n} words, want {lo}–{hi} for {kind}")
        if re.search(r"</?[a-zA-Z][^>]*>", body):
            problem(f"{path.name}: contains HTML")
        if re.search(r"https?://|www\.|\]\(", body):
            problem(f"{path.name}: contains a link")
        if not re.search(r"^## ", body, re.M):
            problem(f"{path.name}: no ## headings")
    for kind, want in EXPECTED_COUNTS.items():
        got = len(kinds.get(kind, []))
        if got != want:
            problem(f"{want} {kind} playbook(s) expected, found {got}")
    if "confidence-after-failure" not in kinds.get("core", []):
        problem("the core playbook must be confidence-after-failure")
    missing = REQUIRED_PRACTICE - set(kinds.get("practice", []))
    if missing:
        problem(f"practice playbooks missing: {sorted(missing)}")
    uncovered = MUST_COVER - covered
    if uncovered:
        problem(f"keys no playbook is about: {sorted(uncovered)}")
    return words


def norm(s):
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def check_prompts():
    try:
        data = tomllib.loads(PROMPTS.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        problem(f"prompts.toml: {e}")
        return 0
    weeks = data.get("week", [])
    if [w.get("number") for w in weeks] != list(range(1, 53)):
        problem("prompts.toml: want weeks numbered 1 to 52, in order")
    seen = {}
    total = 0
    all_prompts = []
    for w in weeks:
        n = w.get("number")
        if not w.get("theme"):
            problem(f"prompts.toml: week {n} has no theme")
        prompts = w.get("prompts", [])
        if len(prompts) != 5:
            problem(f"prompts.toml: week {n} has {len(prompts)} prompts, want 5")
        for p in prompts:
            total += 1
            key = norm(p)
            if key in seen:
                problem(f"prompts.toml: week {n} repeats a prompt from week {seen[key]}: {p!r}")
            seen.setdefault(key, n)
            if len(p) > 300:
                problem(f"prompts.toml: week {n} prompt too long ({len(p)} chars): {p[:60]!r}")
            sentences = len(re.findall(r"[.?!](\s|$)", p))
            if not 1 <= sentences <= 2:
                problem(f"prompts.toml: week {n} prompt has {sentences} sentences, want 1 or 2: {p[:60]!r}")
            all_prompts.append((n, p))
    # No two alike: flag pairs that are nearly the same text, too.
    for (a, p), (b, q) in itertools.combinations(all_prompts, 2):
        if difflib.SequenceMatcher(None, norm(p), norm(q)).ratio() >= 0.8:
            problem(f"prompts.toml: weeks {a} and {b} have near-identical prompts: {p[:50]!r} / {q[:50]!r}")
    return total


def main():
    words = check_playbooks()
    total = check_prompts()
    for slug, n in sorted(words.items()):
        print(f"{n:5d}  {slug}")
    print(f"{sum(words.values()):5d}  words in {len(words)} playbooks; {total} prompts")
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
