use super::*;
use crate::id::MistakeId;
use crate::mistake::NewMistake;

fn dashboard() -> Mistake {
    let now: jiff::Zoned = "2026-11-22T14:30:00[Europe/Paris]".parse().unwrap();
    let input = NewMistake {
        title: "Sent the wrong dashboard version to finance".into(),
        what: Some(
            "Exported the Q3 dashboard from the v42 branch, which counts refunds twice".into(),
        ),
        affected: Some("the finance leads".into()),
        ..NewMistake::default()
    };
    Mistake::new(input, MistakeId::from_random([3, 1, 4, 1, 5]), &now).unwrap()
}

#[test]
fn good_messages_pass() {
    let m = dashboard();
    for good in [
        "Roll back finance dashboard to v41 because v42 summed refunds twice",
        "Sum each refund once in the Q3 export query",
        "Pin the export to v41\n\nThe v42 branch counted refunds twice in revenue.",
        "Revert 3f2a91c: stop reporting revenue twice when a refund exists",
    ] {
        assert_eq!(check_message(good, &m), vec![], "{good}");
    }
}

#[test]
fn placeholders_are_caught_whatever_the_case_or_punctuation() {
    let m = dashboard();
    for bad in [
        "fix",
        "WIP",
        "Update.",
        "  changes ",
        "temp!",
        "oops...",
        "Minor",
        "hotfix",
        "Fixed it!",
        "misc",
        "",
    ] {
        let w = check_message(bad, &m);
        assert_eq!(
            w,
            vec![CommitWarning::Placeholder {
                message: bad.trim().to_string()
            }],
            "{bad:?}"
        );
    }
    let text = check_message("Fixed it!", &m)[0].to_string();
    assert!(
        text.starts_with("\"Fixed it!\" is a placeholder: say what the commit changes and why"),
        "{text}"
    );
}

#[test]
fn an_empty_message_says_so() {
    let w = check_message("  \n ", &dashboard());
    assert_eq!(
        w,
        vec![CommitWarning::Placeholder {
            message: String::new()
        }]
    );
    assert!(
        w[0].to_string()
            .starts_with("the message is empty: say what the commit changes and why")
    );
}

#[test]
fn short_subjects_without_a_body_are_too_short() {
    let m = dashboard();
    assert_eq!(
        check_message("Roll back dashboard", &m),
        vec![CommitWarning::TooShort { words: 3 }]
    );
    let text = CommitWarning::TooShort { words: 3 }.to_string();
    assert_eq!(
        text,
        "the subject has only 3 words and there is no body: say what changed and why in at least 5 words, or add a body"
    );
    // A body makes up for a terse subject; a sign-off does not.
    assert_eq!(
        check_message("Roll back dashboard\n\nv42 summed refunds twice.", &m),
        vec![]
    );
    assert_eq!(
        check_message(
            "Roll back dashboard\n\nSigned-off-by: Ada <ada@example.com>",
            &m
        ),
        vec![CommitWarning::TooShort { words: 3 }]
    );
}

#[test]
fn messages_unrelated_to_the_mistake_say_so() {
    let m = dashboard();
    let w = check_message("Bump the build image to 1.94 for the runners", &m);
    assert_eq!(w.len(), 1);
    assert_eq!(
        w[0].to_string(),
        "the message does not say what broke: name it (e.g. \"dashboard\", \"version\", \"finance\") or give the reason with \"because …\""
    );
    // A cause is enough even without a shared word.
    assert_eq!(
        check_message("Bump the build image to 1.94 because 1.93 miscompiles", &m),
        vec![]
    );
}

#[test]
fn both_warnings_can_apply() {
    let m = dashboard();
    let w = check_message("Tidy imports", &m);
    assert!(
        matches!(
            w.as_slice(),
            [
                CommitWarning::TooShort { words: 2 },
                CommitWarning::NoContext { .. }
            ]
        ),
        "{w:?}"
    );
}

#[test]
fn warnings_serialize_with_a_snake_case_kind() {
    let v = serde_json::to_value(CommitWarning::TooShort { words: 2 }).unwrap();
    assert_eq!(v, serde_json::json!({"kind": "too_short", "words": 2}));
    let v = serde_json::to_value(CommitWarning::NoContext {
        suggestions: vec![],
    })
    .unwrap();
    assert_eq!(v["kind"], "no_context");
}

#[test]
fn stems_meet() {
    assert_eq!(stem("refunds"), stem("refund"));
    assert_eq!(stem("summed"), stem("sum"));
    assert_eq!(stem("rolling"), stem("roll"));
    assert_eq!(stem("dashboards"), stem("dashboard"));
    assert_eq!(stem("prices"), stem("price"));
    assert_eq!(stem("deleted"), stem("delete"));
}
