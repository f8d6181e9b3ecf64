use super::*;
use crate::id::MistakeId;
use crate::mistake::NewMistake;
use crate::severity::{Cadence, Severity};
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
    crate::when::parse_any(&written, &now()).unwrap()
}

fn mistake(input: NewMistake) -> Mistake {
    Mistake::new(input, MistakeId::from_random([1, 2, 3, 4, 5]), &now()).unwrap()
}

fn dashboard(doing: Option<&str>) -> NewMistake {
    NewMistake {
        title: "Sent the wrong dashboard version to finance".into(),
        affected: Some("the finance team".into()),
        detected_at: Some(at("14:05")),
        doing: doing.map(Into::into),
        ..NewMistake::default()
    }
}

#[test]
fn dashboard_with_doing() {
    let m = mistake(dashboard(Some("rolling back the dashboard to v41")));
    let d = draft(&m, &now());
    assert_eq!(
        d.text,
        "I sent the wrong dashboard version to finance; it was spotted at 14:05 and affects \
         the finance team. I'm rolling back the dashboard to v41 and will send an update by 18:05."
    );
    assert!(d.missing.is_empty());
    assert_eq!(m.heads_up.text, d.text);
}

#[test]
fn dashboard_without_doing_is_generic_and_asks_for_it() {
    let m = mistake(dashboard(None));
    let d = draft(&m, &now());
    assert_eq!(
        d.text,
        "I sent the wrong dashboard version to finance; it was spotted at 14:05 and affects \
         the finance team. I'm working on a fix now and will send an update by 18:05."
    );
    assert_eq!(d.missing, vec![Missing::Doing]);
}

#[test]
fn every_way_of_saying_doing_reads_as_one_sentence() {
    let cases = [
        (
            "rolling back the dashboard",
            "I'm rolling back the dashboard and will send an update by 18:05.",
        ),
        (
            "I'm rolling back the dashboard",
            "I'm rolling back the dashboard and will send an update by 18:05.",
        ),
        (
            "I am rolling back the dashboard.",
            "I'm rolling back the dashboard and will send an update by 18:05.",
        ),
        (
            "Rolling back the dashboard…",
            "I'm rolling back the dashboard and will send an update by 18:05.",
        ),
        (
            "i’m rolling back the dashboard",
            "I'm rolling back the dashboard and will send an update by 18:05.",
        ),
        (
            "Roll back the dashboard to v41",
            "I'll roll back the dashboard to v41, then send an update by 18:05.",
        ),
        (
            "I'll roll back the dashboard",
            "I'll roll back the dashboard, then send an update by 18:05.",
        ),
        (
            "I have paused the export",
            "I have paused the export, and I'll send an update by 18:05.",
        ),
        (
            "Rollback to v41",
            "My next step: rollback to v41; I'll send an update by 18:05.",
        ),
    ];
    for (doing, expected) in cases {
        let m = mistake(dashboard(Some(doing)));
        let text = draft(&m, &now()).text;
        let second = text.split_once(". ").map(|(_, s)| s).unwrap();
        assert_eq!(second, expected, "doing = {doing:?}");
    }
}

#[test]
fn noun_phrase_titles_and_proper_nouns() {
    let m = mistake(NewMistake {
        title: "wrong prices in the Monday newsletter".into(),
        affected: Some("EU subscribers".into()),
        detected_at: Some(at("09:10")),
        severity: Some(Severity::Low),
        doing: Some("drafting a correction email".into()),
        ..NewMistake::default()
    });
    assert_eq!(
        m.heads_up.text,
        "I made a mistake: wrong prices in the Monday newsletter; it was spotted at 09:10 and \
         affects EU subscribers. I'm drafting a correction email and will send an update by 09:10 tomorrow."
    );
    let stripe = mistake(NewMistake {
        title: "Stripe webhooks pointed at staging".into(),
        detected_at: Some(at("14:25")),
        ..NewMistake::default()
    });
    assert!(
        stripe
            .heads_up
            .text
            .starts_with("I made a mistake: Stripe webhooks pointed at staging; ")
    );
}

#[test]
fn i_titles_irregular_verbs_and_high_severity() {
    let m = mistake(NewMistake {
        title: "I forgot to renew the TLS certificate".into(),
        affected: Some("Customers of api.example.com".into()),
        detected_at: Some(at("yesterday 23:50")),
        severity: Some(Severity::High),
        doing: Some("renewing it by hand".into()),
        ..NewMistake::default()
    });
    assert_eq!(
        m.heads_up.text,
        "Heads-up: I forgot to renew the TLS certificate; it was spotted at 23:50 yesterday and \
         affects customers of api.example.com. I'm renewing it by hand and will send an update by 15:30."
    );
    let bucket = mistake(NewMistake {
        title: "Accidentally deleted the staging bucket!".into(),
        detected_at: Some(at("14:20")),
        severity: Some(Severity::Critical),
        ..NewMistake::default()
    });
    assert_eq!(
        bucket.heads_up.text,
        "Urgent heads-up: I accidentally deleted the staging bucket; it was spotted at 14:20. \
         I'm working on a fix now and will send an update by 14:50."
    );
    let prices = mistake(NewMistake {
        title: "Wrong prices in the Monday newsletter".into(),
        detected_at: Some(at("14:20")),
        severity: Some(Severity::High),
        ..NewMistake::default()
    });
    assert!(prices.heads_up.text.starts_with(
        "Heads-up on a mistake of mine: wrong prices in the Monday newsletter; it was spotted at 14:20."
    ));
}

#[test]
fn the_fuller_account_wins_over_the_title() {
    let m = mistake(NewMistake {
        title: "Dashboard v42 to finance".into(),
        what: Some(
            "exported the Q3 dashboard from the v42 branch, which counts refunds twice".into(),
        ),
        affected: Some("The finance leads".into()),
        detected_at: Some(at("2026-11-20 10:15")),
        doing: Some("re-exporting from v41".into()),
        ..NewMistake::default()
    });
    assert_eq!(
        m.heads_up.text,
        "I exported the Q3 dashboard from the v42 branch, which counts refunds twice; it was \
         spotted at 10:15 on Fri 20 Nov and affects the finance leads. I'm re-exporting from v41 \
         and will send an update by 18:30."
    );
}

#[test]
fn a_long_or_several_sentence_account_still_makes_two_sentences() {
    for what in [
        "I ran the cleanup script against staging instead of my sandbox. The nightly tests \
         now fail and two teams are blocked.",
        "I published v42 of the revenue dashboard which counted refunds twice and the finance \
         leads used it in the board pack this morning, and then it got forwarded to the \
         regional directors who replied to all",
        &"very ".repeat(60),
    ] {
        let m = mistake(NewMistake {
            title: "Sent the wrong dashboard version to finance".into(),
            what: Some(what.into()),
            affected: Some("the finance leads".into()),
            detected_at: Some(at("14:20")),
            doing: Some("re-sending v41".into()),
            ..NewMistake::default()
        });
        let text = &m.heads_up.text;
        let sentences = text.matches(". ").count() + usize::from(text.ends_with('.'));
        assert_eq!(sentences, 2, "{text}");
        assert!(
            text.split(". ").next().unwrap().split_whitespace().count() <= 40,
            "the first one reads at a glance: {text}"
        );
    }
}

#[test]
fn adjectives_ending_in_ed_are_not_verbs() {
    let outdated = mistake(NewMistake {
        title: "Outdated prices on the EU site".into(),
        ..NewMistake::default()
    });
    assert!(
        outdated
            .heads_up
            .text
            .starts_with("I made a mistake: outdated prices on the EU site; ")
    );
    let failed = mistake(NewMistake {
        title: "Failed to send the payroll file".into(),
        ..NewMistake::default()
    });
    assert!(
        failed
            .heads_up
            .text
            .starts_with("I failed to send the payroll file; ")
    );
    let resent = mistake(NewMistake {
        title: "Re-sent last week's invoices".into(),
        ..NewMistake::default()
    });
    assert!(
        resent
            .heads_up
            .text
            .starts_with("I re-sent last week's invoices; ")
    );
}

#[test]
fn no_update_promised_when_none_is_expected() {
    let mut m = mistake(dashboard(Some("rolling back the dashboard to v41")));
    m.set_cadence(Cadence::None);
    m.redraft(&now());
    assert!(
        m.heads_up
            .text
            .ends_with(" I'm rolling back the dashboard to v41."),
        "{}",
        m.heads_up.text
    );
    m.heads_up.doing = None;
    m.redraft(&now());
    assert!(
        m.heads_up.text.ends_with(" I'm working on a fix now."),
        "{}",
        m.heads_up.text
    );
}

#[test]
fn a_past_due_time_is_replaced_by_one_cadence_from_now() {
    let m = mistake(NewMistake {
        title: "Sent the wrong dashboard version to finance".into(),
        detected_at: Some(at("2026-11-20 10:15")),
        severity: Some(Severity::High),
        ..NewMistake::default()
    });
    assert!(
        m.heads_up.text.ends_with("will send an update by 15:30."),
        "{}",
        m.heads_up.text
    );
}

fn words() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "Sent",
        "deleted",
        "Broke",
        "wrong",
        "Wrong",
        "prices",
        "the",
        "EU",
        "Q3",
        "Stripe",
        "dashboard",
        "I",
        "I'm",
        "forgot",
        "Outdated",
        "failed",
        "to",
        "finance",
        "v42",
        "Accidentally",
        "newsletter",
        "rolling",
        "back",
        "Roll",
        "Rollback",
        "we",
        "My",
        "i’m",
        "am",
        "will",
        "I'll",
        "api.example.com",
        "re-sent",
        "twice",
        "a",
        "Failed",
    ])
    .prop_map(str::to_string)
}

fn phrase() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(words(), 1..8),
        prop::sample::select(vec!["", ".", "!", " ", "…", "...", "\n"]),
    )
        .prop_map(|(w, end)| format!("{}{end}", w.join(" ")))
}

proptest! {
    #[test]
    fn drafts_are_always_clean_prose(
        title in phrase(),
        what in prop::option::of(phrase()),
        affected in prop::option::of(phrase()),
        doing in prop::option::of(phrase()),
        severity in prop::sample::select(Severity::ALL.to_vec()),
        cadence in prop::sample::select(vec![Cadence::Default, Cadence::None, Cadence::Every(45)]),
        minutes_ago in 0i64..5000,
    ) {
        let detected = now().timestamp() - jiff::SignedDuration::from_mins(minutes_ago);
        let mut m = mistake(NewMistake {
            title, what, affected, doing: doing.clone(),
            severity: Some(severity), detected_at: Some(detected), ..NewMistake::default()
        });
        m.set_cadence(cadence);
        let d = draft(&m, &now());
        let second = what_i_am_doing(&m, &now());
        // Never a doubled subject the person did not type themselves.
        let typed = doing.as_deref().unwrap_or("").to_lowercase().replace('’', "'");
        for twice in ["i'm i'm", "i'm i am", "i'm i'll", "i'll i'm", "i'll i'll"] {
            if !typed.contains(twice) {
                prop_assert!(!second.to_lowercase().contains(twice), "{:?} from {:?}", second, doing);
            }
        }
        for bad in ["[", "<", "TODO", "None", "  ", " .", "..", ";.", ":.", ": ;", ",."] {
            prop_assert!(!d.text.contains(bad), "{bad:?} in {:?}", d.text);
        }
        prop_assert!(d.text.ends_with('.'), "{:?}", d.text);
        prop_assert!(d.text.chars().next().is_some_and(char::is_uppercase), "{:?}", d.text);
        prop_assert_eq!(d.missing.contains(&Missing::Doing), m.heads_up.doing.is_none());
    }
}

#[test]
fn a_fresh_promise_is_to_the_next_five_minutes() {
    // Detected hours ago, no update yet: the promise counts from now,
    // 14:32 + 1 h, and reads as a person would say it.
    let now: Zoned = "2026-11-22T14:32:10[Europe/Paris]".parse().unwrap();
    let m = Mistake::new(
        NewMistake {
            title: "Broke the build".into(),
            severity: Some(Severity::High),
            detected_at: Some(at("09:00")),
            ..NewMistake::default()
        },
        MistakeId::from_random([1, 2, 3, 4, 6]),
        &now,
    )
    .unwrap();
    assert!(
        m.heads_up.text.ends_with("by 15:35."),
        "{}",
        m.heads_up.text
    );
}
