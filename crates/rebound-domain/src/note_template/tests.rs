use super::*;
use crate::id::MistakeId;
use crate::mistake::{Mistake, NewMistake};
use crate::note::{FollowUpNote, Impact, PreventionItem, PreventionKind};
use proptest::prelude::*;

fn now() -> Zoned {
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
    parse_any(&written, &now()).unwrap()
}

fn mistake(note: FollowUpNote) -> Mistake {
    let input = NewMistake {
        title: "Sent the wrong dashboard version to finance".into(),
        ..NewMistake::default()
    };
    let mut m = Mistake::new(input, MistakeId::from_random([9, 9, 9, 9, 9]), &now()).unwrap();
    m.note = note;
    m
}

fn full_note() -> FollowUpNote {
    FollowUpNote {
        impact: Impact {
            who: Some("the finance leads".into()),
            how_many: Some("4 people".into()),
            since: Some(at("2026-11-22 13:20")),
            what_wrong: Some("Q3 revenue read 3% low:\nrefunds were summed twice.".into()),
        },
        containment: Some(
            "Rolled the dashboard back to v41.\n\n# not a heading\nTold Maria in #finance.".into(),
        ),
        fix: Some("Sum refunds once in the export query.".into()),
        fix_due: Some(at("2026-11-22 16:00")),
        prevention: vec![
            PreventionItem {
                kind: PreventionKind::Detective,
                text: "Alert when Q3 revenue moves >2% in a day".into(),
            },
            PreventionItem {
                kind: PreventionKind::Preventive,
                text: "Test the export against last quarter's totals".into(),
            },
        ],
        owner: Some("Ada".into()),
    }
}

#[test]
fn renders_a_readable_template() {
    let text = render(&mistake(full_note()), &now());
    let expected_parts = [
        "# Sent the wrong dashboard version to finance\n",
        "## Impact\n<!-- ",
        "Who: the finance leads\nHow many: 4 people\nSince: 2026-11-22 13:20 CET\nWhat was wrong: Q3 revenue read 3% low:\n  refunds were summed twice.\n",
        "## Containment\n<!-- ",
        "Rolled the dashboard back to v41.\n\n\\# not a heading\nTold Maria in #finance.\n",
        "Sum refunds once in the export query.\nShips: 2026-11-22 16:00 CET\n",
        "- [detective] Alert when Q3 revenue moves >2% in a day\n- [preventive] Test the export",
        "## Owner\n<!-- Who sees the follow-up through. -->\nAda\n",
    ];
    for part in expected_parts {
        assert!(text.contains(part), "missing {part:?} in\n{text}");
    }
    assert_eq!(parse(&text, &now()).unwrap(), full_note());
}

#[test]
fn an_untouched_empty_template_is_an_empty_note() {
    let text = render(&mistake(FollowUpNote::default()), &now());
    assert!(
        text.contains("Who:\nHow many:\nSince:\nWhat was wrong:\n"),
        "{text}"
    );
    assert!(
        text.contains("- [detective]\n- [preventive]\n- [corrective]\n"),
        "{text}"
    );
    assert_eq!(parse(&text, &now()).unwrap(), FollowUpNote::default());
}

#[test]
fn hand_edits_are_read_generously() {
    let text = "# whatever\n\n## impact\nwho:   EU customers  \nSince: 40m ago\nwhat was wrong:\n  prices\n  were doubled\n\n\
                ## Fix\r\nShips: in 2h\r\n<!-- a comment\nover lines -->\nRe-run the price job.\n\n## Prevention\n\n* [Corrective] re-send the newsletter\n- \n";
    let note = parse(text, &now()).unwrap();
    assert_eq!(note.impact.who.as_deref(), Some("EU customers"));
    assert_eq!(note.impact.since, Some(at("13:50")));
    assert_eq!(
        note.impact.what_wrong.as_deref(),
        Some("prices\nwere doubled")
    );
    assert_eq!(note.fix.as_deref(), Some("Re-run the price job."));
    assert_eq!(note.fix_due, Some(at("16:30")));
    assert_eq!(
        note.prevention,
        vec![PreventionItem {
            kind: PreventionKind::Corrective,
            text: "re-send the newsletter".into()
        }]
    );
    assert_eq!(note.containment, None);
}

#[test]
fn seconds_and_repeated_hours_read_back_exactly() {
    let n = now();
    let odd = "2026-11-22T12:20:07.25Z".parse::<Timestamp>().unwrap();
    assert_eq!(format_time(odd, &n), "2026-11-22 13:20:07.25 CET");
    // 02:30 happens twice in Paris on 2026-10-25.
    let first = "2026-10-25T00:30:00Z".parse::<Timestamp>().unwrap();
    let second = "2026-10-25T01:30:00Z".parse::<Timestamp>().unwrap();
    assert_eq!(format_time(first, &n), "2026-10-25 02:30 CEST");
    assert_eq!(format_time(second, &n), "2026-10-25 02:30 CET");
    for t in [odd, first, second] {
        assert_eq!(read_time(&format_time(t, &n), false, &n), Ok(t));
    }
    assert_eq!(
        read_time("2026-11-22 12:00 UTC", false, &n),
        Ok(at("13:00"))
    );
    assert_eq!(
        read_time("2026-11-22 13:00 +01:00", false, &n),
        Ok(at("13:00"))
    );
}

fn err(text: &str) -> TemplateError {
    parse(text, &now()).unwrap_err()
}

#[test]
fn each_error_names_its_line() {
    let e = err("# t\n## Impact\nWho: me\n## Lessons\n");
    assert_eq!(
        e,
        TemplateError::UnknownSection {
            line: 4,
            heading: "## Lessons".into()
        }
    );
    assert!(
        e.to_string()
            .starts_with("line 4: unknown section heading '## Lessons'"),
        "{e}"
    );

    let e = err("## Prevention\n- [preventive] add a check\n- [foo] something\n");
    assert_eq!(
        e,
        TemplateError::UnknownPreventionKind {
            line: 3,
            kind: "foo".into()
        }
    );
    assert!(e.to_string().contains("'[foo]'"), "{e}");

    let e = err("## Prevention\n- add a check\n");
    assert_eq!(e, TemplateError::BulletWithoutType { line: 2 });

    let e = err("## Prevention\nadd a check\n");
    assert_eq!(e, TemplateError::NotABullet { line: 2 });

    let e = err("## Impact\nSince: soon\n");
    assert!(
        matches!(
            &e,
            TemplateError::UnreadableTime {
                line: 2,
                field: "Since",
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .starts_with("line 2: Since: cannot read 'soon' as a time"),
        "{e}"
    );

    let e = err("## Fix\nShips: 2026-11-22 16:00 PST\n");
    assert!(
        e.to_string()
            .contains("'PST' is not an abbreviation of Europe/Paris"),
        "{e}"
    );

    let e = err("## Impact\nWho: me\nwho: you\n");
    assert_eq!(
        e,
        TemplateError::DuplicateField {
            line: 3,
            field: "Who"
        }
    );

    let e = err("## Impact\nthe finance team\n");
    assert_eq!(e, TemplateError::UnknownField { line: 2 });

    let e = err("stray words\n## Fix\n");
    assert_eq!(e, TemplateError::TextBeforeSection { line: 1 });

    let e = err("## Fix\n## Owner\n## fix\n");
    assert_eq!(
        e,
        TemplateError::DuplicateSection {
            line: 3,
            section: "Fix"
        }
    );

    let e = err("## Fix\nShips: 16:00\nShips: 17:00\n");
    assert_eq!(e, TemplateError::DuplicateShips { line: 3 });

    let e = err("## Fix\n<!-- never closed\nRoll back\n");
    assert_eq!(e, TemplateError::UnclosedComment { line: 2 });

    let e = err("## Fix\n# Title again\n");
    assert!(matches!(e, TemplateError::UnknownSection { line: 2, .. }));
}

/// Text without blank edges, made of lines that look like structure.
fn text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "[a-zA-Z0-9 #:\\-\\[\\]<>!\\\\*]{0,24}",
        Just("## Impact".to_string()),
        Just("# Title".to_string()),
        Just("Who: me".to_string()),
        Just("ships: 16:00".to_string()),
        Just("<!-- note -->".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("- [detective] x".to_string()),
        Just("\\escaped".to_string()),
        Just("  indented: yes".to_string()),
        Just(String::new()),
    ];
    prop::collection::vec(line, 1..5)
        .prop_map(|lines| lines.join("\n").trim().to_string())
        .prop_filter("non-empty", |t| !t.is_empty())
}

fn time() -> impl Strategy<Value = Timestamp> {
    (
        0i64..4_102_444_800,
        prop_oneof![Just(0i32), 0i32..1_000_000_000],
        any::<bool>(),
    )
        .prop_map(|(secs, nanos, whole)| {
            let secs = if whole { secs - secs % 60 } else { secs };
            Timestamp::new(secs, if whole { 0 } else { nanos }).unwrap()
        })
}

fn note() -> impl Strategy<Value = FollowUpNote> {
    let o = || prop::option::of(text());
    let item = (prop::sample::select(PreventionKind::ALL.to_vec()), text())
        .prop_map(|(kind, text)| PreventionItem { kind, text });
    (
        (o(), o(), prop::option::of(time()), o()),
        o(),
        o(),
        prop::option::of(time()),
        prop::collection::vec(item, 0..4),
        o(),
    )
        .prop_map(
            |((who, how_many, since, what_wrong), containment, fix, fix_due, prevention, owner)| {
                FollowUpNote {
                    impact: Impact {
                        who,
                        how_many,
                        since,
                        what_wrong,
                    },
                    containment,
                    fix,
                    fix_due,
                    prevention,
                    owner,
                }
            },
        )
}

fn zone() -> impl Strategy<Value = Zoned> {
    prop::sample::select(vec![
        "2026-11-22T14:30:00[Europe/Paris]",
        "2026-03-08T01:30:00[America/New_York]",
        "2026-11-22T14:30:00[Asia/Kolkata]",
        "2026-11-22T14:30:00[Australia/Lord_Howe]",
        "2026-11-22T14:30:00[UTC]",
    ])
    .prop_map(|z| z.parse().unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn every_note_round_trips(note in note(), now in zone()) {
        let m = mistake(note.clone());
        let text = render(&m, &now);
        prop_assert_eq!(parse(&text, &now), Ok(note), "{}", text);
    }
}
