use super::*;
use crate::id::MistakeId;
use crate::mistake::{CommitRole, LinkedCommit, NewMistake, ProgressUpdate, TimelineEntry};
use crate::note::{FollowUpNote, Impact, PreventionItem, PreventionKind};
use crate::severity::Severity;
use crate::state::{Checkbox, State};

pub(super) fn now() -> Zoned {
    "2026-11-22T14:30:00[Europe/Paris]".parse().unwrap()
}

/// A fixture time: a bare clock (`14:05`) is on the test's day, before or
/// after its now (which `parse_any` alone would roll to tomorrow).
fn at(local: &str) -> Timestamp {
    let written = if local.contains('-') || local.contains(char::is_alphabetic) {
        local.to_string()
    } else {
        format!("2026-11-22 {local}")
    };
    crate::when::parse_any(&written, &now()).unwrap()
}

pub(super) fn barely_filled() -> Mistake {
    let input = NewMistake {
        title: "Deleted the staging bucket".into(),
        ..NewMistake::default()
    };
    Mistake::new(input, MistakeId::from_random([7, 7, 7, 7, 7]), &now()).unwrap()
}

pub(super) fn fully_filled() -> Mistake {
    let n = now();
    let input = NewMistake {
        title: "Sent the wrong dashboard version to finance".into(),
        affected: Some("the finance leads".into()),
        severity: Some(Severity::High),
        started_at: Some(at("13:20")),
        detected_at: Some(at("14:05")),
        doing: Some("rolling back the dashboard to v41".into()),
        ..NewMistake::default()
    };
    let mut m = Mistake::new(input, MistakeId::from_random([1, 2, 3, 4, 5]), &n).unwrap();
    m.mark_sent(at("14:09"), Some("Maria Lopez".into()), &n)
        .unwrap();
    let entry = |id, when: &str, text: &str, starred| TimelineEntry {
        id,
        at: at(when),
        text: text.into(),
        starred,
        recorded_at: at("14:15"),
        removed_at: None,
        earlier: Vec::new(),
    };
    m.timeline.push(entry(
        2,
        "14:05",
        "Maria asks why Q3 revenue dropped 3% overnight.",
        true,
    ));
    m.timeline.push(entry(
        1,
        "13:20",
        "Exported the Q3 dashboard from the v42 branch.",
        true,
    ));
    m.timeline.push(entry(
        3,
        "14:07",
        "Confirmed v42 sums refunds twice.",
        false,
    ));
    m.timeline_written_at = Some(at("14:15"));
    m.set_note(
        FollowUpNote {
            impact: Impact {
                who: Some("the finance leads".into()),
                how_many: Some("4 people".into()),
                since: Some(at("13:20")),
                what_wrong: Some("Q3 revenue read 3% low because refunds were counted twice.".into()),
            },
            containment: Some("Rolled the dashboard back to v41 at 14:12 and told the finance leads which numbers to ignore.".into()),
            fix: Some("Count each refund once in the export query and add a test with last quarter's refunds.".into()),
            fix_due: Some(at("16:00")),
            prevention: vec![
                PreventionItem { kind: PreventionKind::Preventive, text: "Export only from tagged releases, never from a branch.".into() },
                PreventionItem { kind: PreventionKind::Detective, text: "Alert when quarterly revenue moves more than 2% in a day".into() },
            ],
            owner: Some("me".into()),
        },
        &n,
    )
    .unwrap();
    m.link_commit(LinkedCommit {
        role: CommitRole::Hotfix,
        sha: Some("3f2a91c0d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9".into()),
        url: None,
        message: Some(
            "Count each refund once in the Q3 export\n\nv42 joined refunds twice.".into(),
        ),
        author: Some("Ada Lovelace".into()),
        committed_at: Some(at("14:25")),
        repo: None,
        linked_at: at("14:26"),
    });
    m.link_commit(LinkedCommit {
        role: CommitRole::Guardrail,
        sha: None,
        url: Some("https://git.example.com/finance/dashboards/-/commit/9b1e4d2a7c3f0e8d6b5a4c3e2f1d0c9b8a7e6f5d".into()),
        message: None,
        author: None,
        committed_at: None,
        repo: None,
        linked_at: at("14:26"),
    });
    m.move_to(State::Contained, at("14:12")).unwrap();
    m.tick(Checkbox::Impact, &n).unwrap();
    m.updates.push(ProgressUpdate {
        id: 1,
        at: at("14:12"),
        text: "Rolled back to v41; numbers are right again.".into(),
    });
    m.updates.push(ProgressUpdate {
        id: 2,
        at: at("14:28"),
        text: "Fix in review, on track for 16:00.".into(),
    });
    m
}

#[test]
fn markdown_of_a_full_record() {
    let md = markdown(&fully_filled(), &now());
    let expected = [
        "# Sent the wrong dashboard version to finance\n\n**Status:** contained · high severity · detected 2026-11-22 14:05 CET · undetected for 45 min · heads-up sent after 4 min\n",
        "## Heads-up\n\n> Heads-up: I sent the wrong dashboard version to finance; it was spotted at 14:05 and affects the finance leads. I'm rolling back the dashboard to v41 and will send an update by 15:05.\n\nSent 2026-11-22 14:09 CET to Maria Lopez.\n",
        "## Impact\n\n- **Who:** the finance leads\n- **How many:** 4 people\n- **Since:** 2026-11-22 13:20 CET\n- **What was wrong:** Q3 revenue read 3% low because refunds were counted twice.\n",
        "## Timeline\n\n- 2026-11-22 13:20 CET — Exported the Q3 dashboard from the v42 branch.\n- 2026-11-22 14:05 CET — Maria asks why Q3 revenue dropped 3% overnight.\n\n",
        "## Containment\n\nRolled the dashboard back to v41 at 14:12",
        "## Fix\n\nCount each refund once in the export query and add a test with last quarter's refunds.\n\n- **Ships:** 2026-11-22 16:00 CET\n- **Hotfix:** `3f2a91c` Count each refund once in the Q3 export — Ada Lovelace\n- **Rollback or guardrail:** <https://git.example.com/finance/dashboards/-/commit/9b1e4d2a7c3f0e8d6b5a4c3e2f1d0c9b8a7e6f5d>\n",
        "## Prevention\n\n- **Detective:** Alert when quarterly revenue moves more than 2% in a day\n- **Preventive:** Export only from tagged releases, never from a branch.\n",
        "## Owner\n\nI own the follow-up.\n",
        "## Next update\n\nBy 2026-11-22 15:28 CET.\n",
        "## Checkboxes\n\n- [x] Impact documented\n- [ ] Prevention defined\n",
        "## Progress updates\n\n- 2026-11-22 14:28 CET — Fix in review, on track for 16:00.\n- 2026-11-22 14:12 CET — Rolled back to v41; numbers are right again.\n",
    ];
    for part in expected {
        assert!(md.contains(part), "missing {part:?} in\n{md}");
    }
    assert!(
        !md.contains("Confirmed v42"),
        "unstarred entries are left out when some are starred"
    );
}

#[test]
fn markdown_of_a_bare_record_says_what_is_unknown() {
    let m = barely_filled();
    let md = markdown(&m, &now());
    for part in [
        "# Deleted the staging bucket\n\n**Status:** detected · medium severity · detected 2026-11-22 14:30 CET\n",
        "\n\nNot sent yet.\n",
        "- **Who:** not yet known\n- **How many:** not yet known\n",
        "## Containment\n\nNot yet known.\n",
        "## Fix\n\nNot yet known.\n",
        "## Prevention\n\nNot yet defined.\n",
        "## Next update\n\nBy 2026-11-22 18:30 CET.\n",
        "- [ ] Impact documented\n- [ ] Prevention defined\n",
    ] {
        assert!(md.contains(part), "missing {part:?} in\n{md}");
    }
    for absent in ["## Timeline", "## Progress updates", "Ships", "undetected"] {
        assert!(!md.contains(absent), "{absent} in\n{md}");
    }
    let mut all = m.clone();
    all.timeline.push(TimelineEntry {
        id: 1,
        at: at("14:10"),
        text: "Noticed.".into(),
        starred: false,
        recorded_at: at("14:10"),
        removed_at: None,
        earlier: Vec::new(),
    });
    assert!(markdown(&all, &now()).contains("## Timeline\n\n- 2026-11-22 14:10 CET — Noticed.\n"));
}

#[test]
fn email_of_a_full_record_reads_like_a_message() {
    let e = email(&fully_filled(), &now());
    assert_eq!(
        e.subject,
        "Contained: Sent the wrong dashboard version to finance"
    );
    let expected = "Hi,

Heads-up: I sent the wrong dashboard version to finance; it was spotted
at 14:05 and affects the finance leads. I'm rolling back the dashboard
to v41 and will send an update by 15:05.

Latest update (14:28 CET): Fix in review, on track for 16:00.

Who is affected: the finance leads (4 people), since 13:20 CET.

What was wrong: Q3 revenue read 3% low because refunds were counted
twice.

What I've done so far: Rolled the dashboard back to v41 at 14:12 and
told the finance leads which numbers to ignore.

The fix: Count each refund once in the export query and add a test with
last quarter's refunds. It is scheduled to ship by 16:00 CET.

Hotfix: 3f2a91c \"Count each refund once in the Q3 export\" (Ada Lovelace)
Rollback or guardrail:
https://git.example.com/finance/dashboards/-/commit/9b1e4d2a7c3f0e8d6b5a4c3e2f1d0c9b8a7e6f5d

To keep it from happening again:
- Alert when quarterly revenue moves more than 2% in a day (to catch it
  sooner)
- Export only from tagged releases, never from a branch (to stop it
  happening)

I own the follow-up. I'll send the next update by 15:28 CET.
";
    assert_eq!(e.body, expected, "\n{}", e.body);
    assert!(
        e.to_string().starts_with(
            "Subject: Contained: Sent the wrong dashboard version to finance\n\nHi,\n"
        )
    );
    for forbidden in ["**", "`", "##", "[x]", "<http"] {
        assert!(!e.body.contains(forbidden), "{forbidden}");
    }
}

#[test]
fn email_of_a_bare_record_stays_truthful() {
    let e = email(&barely_filled(), &now());
    assert_eq!(e.subject, "Heads-up: Deleted the staging bucket");
    let expected = "Hi,

I deleted the staging bucket; it was spotted at 14:30. I'm working on a
fix now and will send an update by 18:30.

I'm still establishing the full impact and will share it as soon as I
have it.

I'm still working out the fix and will say when it ships.

I'll follow up with the steps that keep this from happening again.

I'll send the next update by 18:30 CET.
";
    assert_eq!(e.body, expected, "\n{}", e.body);
}

#[test]
fn email_lines_fit_in_72_columns() {
    for m in [fully_filled(), barely_filled()] {
        let e = email(&m, &now());
        for line in e.body.lines() {
            let single_word = line
                .trim_start_matches(['-', ' '])
                .split_whitespace()
                .count()
                <= 1;
            assert!(
                line.chars().count() <= EMAIL_WIDTH || single_word,
                "{line:?}"
            );
        }
    }
    let long = "word ".repeat(40) + "https://example.com/" + &"x".repeat(80) + " end";
    for line in wrap(&long, "- ", "  ") {
        assert!(
            line.chars().count() <= EMAIL_WIDTH || !line.trim().contains(' '),
            "{line:?}"
        );
    }
}

#[test]
fn json_is_the_whole_record_with_clocks() {
    let m = fully_filled();
    let v = json(&m, &now());
    assert_eq!(v["id"], m.id.as_str());
    assert_eq!(v["state"], "contained");
    assert_eq!(v["severity"], "high");
    assert_eq!(v["note"]["impact"]["who"], "the finance leads");
    assert_eq!(v["clocks"]["timeline"]["status"], "met");
    assert_eq!(v["clocks"]["time_to_own_secs"], 240);
    assert_eq!(v["next_update_due"], "2026-11-22T14:28:00Z");
    assert_eq!(v["note_missing"], serde_json::json!([]));
    let bare = json(&barely_filled(), &now());
    assert_eq!(bare["note_missing"][0], "impact_who");
    assert_eq!(bare["clocks"]["time_to_own_secs"], serde_json::Value::Null);
}
