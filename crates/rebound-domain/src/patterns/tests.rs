//! The person's patterns, rule by rule.

use super::*;
use crate::id::{MistakeId, PrincipleId, ReflectionId, WinId};
use crate::mistake::{NewMistake, ProgressUpdate};
use crate::reflection::{PrincipleRevision, PrincipleStatus};
use crate::severity::{Cadence, Severity};
use jiff::ToSpan as _;

fn now() -> Zoned {
    "2026-11-22T14:30:00[Europe/Paris]".parse().unwrap()
}

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn mistake(i: u8, detected: &str) -> Mistake {
    let input = NewMistake {
        title: format!("Mistake {i}"),
        detected_at: Some(at(detected)),
        ..NewMistake::default()
    };
    Mistake::new(input, MistakeId::from_random([i; 5]), &now()).unwrap()
}

fn plus(t: Timestamp, minutes: i64) -> Timestamp {
    t + minutes.minutes()
}

fn reflection(i: u8, trap: Option<Trap>, ft: Option<FailureType>) -> Reflection {
    Reflection {
        id: ReflectionId::from_random([i; 5]),
        owner: None,
        mistake: None,
        memory_title: Some("an older memory".into()),
        account: "what happened".into(),
        trap,
        failure_type: ft,
        specific_error: None,
        lesson: None,
        lesson_verdict: None,
        lesson_reasons: vec![],
        suggested: None,
        created_at: at("2026-10-01T09:00Z"),
        updated_at: at("2026-10-01T09:00Z"),
        reviews: vec![],
    }
}

fn principle(i: u8, created: &str, revised: &[&str], retired: Option<&str>) -> Principle {
    let mut history = vec![PrincipleRevision {
        text: "I will not guess".into(),
        at: at(created),
        note: None,
    }];
    history.extend(revised.iter().map(|r| PrincipleRevision {
        text: "I will not guess a date".into(),
        at: at(r),
        note: Some("sharper".into()),
    }));
    Principle {
        id: PrincipleId::from_random([i; 5]),
        owner: None,
        text: "I will not guess".into(),
        reflection: None,
        mistake: None,
        status: if retired.is_some() {
            PrincipleStatus::Retired
        } else {
            PrincipleStatus::Active
        },
        retired_at: retired.map(at),
        retired_reason: None,
        created_at: at(created),
        updated_at: at(created),
        history,
        reviews: vec![],
    }
}

#[test]
fn time_to_own_and_note_are_medians_by_month_of_detection() {
    let mut a = mistake(1, "2026-11-02T10:00Z");
    a.heads_up.sent_at = Some(plus(a.detected_at, 10));
    a.note_written_at = Some(plus(a.detected_at, 20));
    let mut b = mistake(2, "2026-11-05T10:00Z");
    b.heads_up.sent_at = Some(plus(b.detected_at, 30));
    let mut c = mistake(3, "2026-10-05T10:00Z");
    c.heads_up.sent_at = Some(plus(c.detected_at, 600));
    let d = mistake(4, "2026-10-06T10:00Z"); // never owned
    let p = for_person(&[a, b, c, d], &[], &[], &[], &now());
    assert_eq!(p.mistakes, 4);
    assert_eq!(p.time_to_own.count, 3);
    assert_eq!(p.time_to_own.median_secs, Some(30 * 60));
    let nov = p.time_to_own.by_month.last().unwrap();
    assert_eq!((nov.month.as_str(), nov.count), ("2026-11", 2));
    assert_eq!(nov.median_secs, Some(20 * 60));
    let oct = &p.time_to_own.by_month[10];
    assert_eq!(
        (oct.month.as_str(), oct.count, oct.median_secs),
        ("2026-10", 1, Some(36_000))
    );
    assert_eq!(p.time_to_own.by_month[0].median_secs, None);
    assert_eq!(p.time_to_note.count, 1);
    assert_eq!(p.time_to_note.median_secs, Some(20 * 60));
}

#[test]
fn a_clock_is_met_as_the_mistakes_own_clock_says() {
    let mut met = mistake(1, "2026-11-20T10:00Z");
    met.timeline_written_at = Some(plus(met.detected_at, 15));
    met.note_written_at = Some(plus(met.detected_at, 30));
    let mut late = mistake(2, "2026-11-20T10:00Z");
    late.timeline_written_at = Some(plus(late.detected_at, 16));
    // Never written and long past: overdue, so missed.
    let running = mistake(3, "2026-11-22T13:25Z"); // 5 minutes ago
    let p = for_person(&[met, late, running], &[], &[], &[], &now());
    assert_eq!(
        p.timeline_clock,
        ClockTally {
            met: 1,
            missed: 1,
            running: 1
        }
    );
    assert_eq!(
        p.note_clock,
        ClockTally {
            met: 1,
            missed: 1,
            running: 1
        }
    );
}

#[test]
fn an_update_is_on_cadence_within_one_interval_of_the_news_before_it() {
    // High severity: every hour by default.
    let mut m = mistake(1, "2026-11-22T08:00Z");
    m.severity = Severity::High;
    m.heads_up.sent_at = Some(plus(m.detected_at, 10));
    let sent = m.heads_up.sent_at.unwrap();
    m.updates = [60, 150, 200]
        .iter()
        .enumerate()
        .map(|(i, min)| ProgressUpdate {
            id: i as i64,
            at: plus(sent, *min),
            text: "news".into(),
        })
        .collect();
    // 60 after the heads-up: on time; 90 after that: late; 50 after: on time.
    // The last news was at 11:30Z; at 13:30Z the next is overdue.
    let t = updates(std::slice::from_ref(&m), now().timestamp());
    assert_eq!(
        t,
        UpdateTally {
            on_cadence: 2,
            late: 1,
            overdue_now: 1
        }
    );
    // No cadence, nothing to keep (and nothing overdue).
    m.cadence = Cadence::None;
    let t = updates(&[m], now().timestamp());
    assert_eq!(t, UpdateTally::default());
}

#[test]
fn no_heads_up_counts_from_detection() {
    let mut m = mistake(1, "2026-11-22T12:00Z");
    m.severity = Severity::Critical; // every 30 minutes
    m.updates = vec![ProgressUpdate {
        id: 1,
        at: plus(m.detected_at, 31),
        text: "news".into(),
    }];
    assert_eq!(updates(&[m], at("2026-11-22T12:40Z")).late, 1);
}

#[test]
fn traps_and_failure_types_are_counted_and_recurring_from_two() {
    let rs = [
        reflection(1, Some(Trap::Ego), Some(FailureType::Courage)),
        reflection(2, Some(Trap::Ego), Some(FailureType::Skill)),
        reflection(3, Some(Trap::Judgment), None),
        reflection(4, None, None),
    ];
    let p = for_person(&[], &rs, &[], &[], &now());
    assert_eq!(p.reflections, 4);
    let names: Vec<&str> = p.traps.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(names, ["judgment", "expertise", "ego", "confidence"]);
    let counts: Vec<u32> = p.traps.iter().map(|c| c.count).collect();
    assert_eq!(counts, [1, 0, 2, 0]);
    let again: Vec<&str> = recurring(&p.traps)
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(again, ["ego"]);
    assert!(recurring(&p.failure_types).is_empty());
    assert_eq!(p.failure_types.iter().map(|c| c.count).sum::<u32>(), 2);
}

#[test]
fn principles_added_revised_and_retired_by_month() {
    let ps = [
        principle(
            1,
            "2026-09-03T09:00Z",
            &["2026-10-01T09:00Z", "2026-11-01T09:00Z"],
            None,
        ),
        principle(2, "2026-11-03T09:00Z", &[], Some("2026-11-10T09:00Z")),
        principle(3, "2024-01-03T09:00Z", &[], None), // before the window
    ];
    let t = principles(&ps, &now());
    assert_eq!((t.added, t.revised, t.retired, t.active), (3, 2, 1, 2));
    let nov = t.by_month.last().unwrap();
    assert_eq!((nov.added, nov.revised, nov.retired), (1, 1, 1));
    let sep = &t.by_month[9];
    assert_eq!((sep.month.as_str(), sep.added), ("2026-09", 1));
    let in_window: u32 = t.by_month.iter().map(|m| m.added).sum();
    assert_eq!(in_window, 2, "the 2024 one counts in the total only");
}

#[test]
fn wins_by_month() {
    let w = |i: u8, when: &str| Win {
        id: WinId::from_random([i; 5]),
        owner: None,
        mistake: None,
        text: "shipped it".into(),
        at: at(when),
    };
    let t = wins(
        &[
            w(1, "2026-11-02T09:00Z"),
            w(2, "2026-11-03T09:00Z"),
            w(3, "2026-08-01T09:00Z"),
        ],
        &now(),
    );
    assert_eq!(t.total, 3);
    assert_eq!(t.by_month.last().unwrap().count, 2);
    assert_eq!(t.by_month[8].count, 1);
}

#[test]
fn nothing_yet_is_zeros_and_no_medians() {
    let p = for_person(&[], &[], &[], &[], &now());
    assert_eq!(p.time_to_own.median_secs, None);
    assert_eq!(p.time_to_own.by_month.len(), stats::MONTHS);
    assert_eq!(p.wins.total, 0);
    assert_eq!(p.timeline_clock, ClockTally::default());
}
