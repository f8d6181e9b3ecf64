use super::*;
use crate::id::{MistakeId, RecoveryPlanId};
use crate::recovery::moves::Move;
use crate::state::{Checkbox, State};
use jiff::Timestamp;
use jiff::civil::date;
use jiff::tz::TimeZone;

fn at(s: &str) -> Zoned {
    s.parse().unwrap()
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// Monday 7 December 2026, 08:00 in Paris: when the digest goes.
fn monday() -> Zoned {
    at("2026-12-07T08:00[Europe/Paris]")
}

fn mid(n: u8) -> MistakeId {
    MistakeId::from_random([n; 5])
}

fn full_items() -> DigestItems {
    DigestItems {
        open_follow_ups: vec![FollowUp {
            mistake: mid(1),
            title: "Refunds counted twice".into(),
            state: State::Contained,
            unticked: vec![Checkbox::Prevention],
        }],
        overdue_updates: vec![
            OverdueUpdate {
                mistake: mid(2),
                title: "Cache flushed in production".into(),
                due: ts("2026-12-04T15:30:00Z"),
            },
            OverdueUpdate {
                mistake: mid(1),
                title: "Refunds counted twice".into(),
                due: ts("2025-12-30T09:00:00Z"),
            },
        ],
        missing_acks: vec![AwaitingAck {
            mistake: mid(3),
            title: "Wrong price list sent".into(),
            owner_name: "Ana Ruiz".into(),
            shared_at: ts("2026-12-07T06:30:00Z"),
        }],
        check_ins_this_week: vec![CheckInDue {
            plan: RecoveryPlanId::from_random([3; 5]),
            report_name: "Sam Park".into(),
            at: ts("2026-12-09T14:00:00Z"),
        }],
        next_steps: vec![NextStep {
            plan: RecoveryPlanId::from_random([3; 5]),
            report_name: "Sam Park".into(),
            step: Move::SmallVisibleWin,
            due: ts("2026-12-05T09:00:00Z"),
        }],
        lessons_back: Vec::new(),
        prompt: prompt_for_week(date(2026, 12, 7)),
    }
}

#[test]
fn composing_lists_each_kind_with_links_and_local_times() {
    let text = compose(&full_items(), "Maya", &monday());
    assert_eq!(
        text.subject,
        "Your Monday note: 2 overdue updates, 1 note to acknowledge, 1 open follow-up, \
         1 check-in and 1 next step"
    );
    assert!(text.opening.contains("Maya"));
    let headings: Vec<_> = text.sections.iter().map(|s| s.heading).collect();
    assert_eq!(
        headings,
        [
            "Updates people are waiting for",
            "Notes waiting for your acknowledgement",
            "Open follow-ups",
            "Check-ins this week",
            "Next steps in recovery plans",
            "A question for this week",
        ]
    );
    let lines = |i: usize| -> Vec<(&str, Option<&str>)> {
        text.sections[i]
            .lines
            .iter()
            .map(|l| (l.text.as_str(), l.link_path.as_deref()))
            .collect()
    };
    let (m1, m2, m3) = (mid(1), mid(2), mid(3));
    // Oldest first; last year's date shows its year, this year's does not.
    assert_eq!(
        lines(0),
        [
            (
                "“Refunds counted twice”: the update was due Tue 30 Dec 2025, 10:00",
                Some(format!("/m/{m1}#updates").as_str())
            ),
            (
                "“Cache flushed in production”: the update was due Fri 4 Dec, 16:30",
                Some(format!("/m/{m2}#updates").as_str())
            ),
        ]
    );
    assert_eq!(
        lines(1),
        [(
            "“Wrong price list sent” from Ana Ruiz, shared today, 07:30",
            Some(format!("/m/{m3}").as_str())
        )]
    );
    assert_eq!(
        lines(2),
        [(
            "“Refunds counted twice”: contained; still to do: define prevention",
            Some(format!("/m/{m1}").as_str())
        )]
    );
    let plan = RecoveryPlanId::from_random([3; 5]);
    assert_eq!(
        lines(3),
        [(
            "With Sam Park, Wed 9 Dec, 15:00",
            Some(format!("/plans/{plan}").as_str())
        )]
    );
    assert_eq!(
        lines(4)[0].0,
        "Sam Park: Set up one small visible win within days, was due Sat 5 Dec, 10:00"
    );
    let p = prompt_for_week(date(2026, 12, 7)).unwrap();
    assert_eq!(lines(5), [(prompt_line(&p).as_str(), None)]);
    assert!(lines(5)[0].0.starts_with(p.text) && lines(5)[0].0.contains(p.theme));
    assert!(!text.closing.is_empty());
}

#[test]
fn times_follow_the_persons_zone() {
    let tokyo = monday()
        .timestamp()
        .to_zoned(TimeZone::get("Asia/Tokyo").unwrap());
    let text = compose(&full_items(), "Maya", &tokyo);
    assert_eq!(
        text.sections[3].lines[0].text,
        "With Sam Park, Wed 9 Dec, 23:00"
    );
}

#[test]
fn a_long_section_ends_in_a_count_of_the_rest() {
    let items = DigestItems {
        open_follow_ups: (0..25)
            .map(|n| FollowUp {
                mistake: mid(n),
                title: format!("Mistake {n}"),
                state: State::Owned,
                unticked: vec![],
            })
            .collect(),
        ..DigestItems::default()
    };
    let text = compose(&items, "Maya", &monday());
    assert_eq!(text.subject, "Your Monday note: 25 open follow-ups");
    let lines = &text.sections[0].lines;
    assert_eq!(lines.len(), MAX_LINES);
    assert_eq!(lines[0].text, "“Mistake 0”: owned");
    let last = lines.last().unwrap();
    assert_eq!(last.text, "and 16 more");
    assert_eq!(last.link_path.as_deref(), Some("/"));
    assert_eq!(text.sections.len(), 1, "no prompt, no empty sections");
}

#[test]
fn the_only_quoted_text_is_a_title() {
    // Whatever the items hold, the text is made of titles, names, states,
    // times and our own words: walk every string and check no field but
    // those could have put it there.
    let items = full_items();
    let text = compose(&items, "Maya", &monday());
    let mut allowed: Vec<String> = vec!["Maya".into()];
    allowed.extend(items.open_follow_ups.iter().map(|f| f.title.clone()));
    allowed.extend(items.overdue_updates.iter().map(|u| u.title.clone()));
    allowed.extend(items.missing_acks.iter().map(|a| a.title.clone()));
    for line in text.sections.iter().flat_map(|s| &s.lines) {
        if let Some(quoted) = line.text.split('“').nth(1) {
            let title = quoted.split('”').next().unwrap();
            assert!(allowed.iter().any(|a| a == title), "{title}");
        }
    }
    let p = items.prompt.unwrap();
    assert!(crate::prompt::all().any(|(_, _, text)| text == p.text));
}

#[test]
fn lessons_back_are_news_named_by_their_mistake_never_quoted() {
    let now: Zoned = "2026-12-07T08:00:00[Europe/Paris]".parse().unwrap();
    let from = |title: &str| LessonBack {
        mistake: Some((crate::id::MistakeId::from_random([7; 5]), title.to_string())),
    };
    let items = DigestItems {
        lessons_back: vec![from("The quote I sent"), LessonBack::default()],
        ..DigestItems::default()
    };
    assert!(!items.is_empty(), "a lesson back is worth a Monday note");
    let text = compose(&items, "Ana", &now);
    assert_eq!(text.subject, "Your Monday note: 2 lessons back");
    assert_eq!(text.sections.len(), 1);
    let lines = &text.sections[0].lines;
    assert_eq!(
        lines[0].text,
        "A lesson from \u{201c}The quote I sent\u{201d} is back: does it still hold?"
    );
    assert_eq!(
        lines[1].text,
        "A lesson you wrote a while ago is back: does it still hold?"
    );
    assert!(
        lines
            .iter()
            .all(|l| l.link_path.as_deref() == Some("/#lessons-title"))
    );
    let one = DigestItems {
        lessons_back: vec![from("x")],
        ..DigestItems::default()
    };
    assert_eq!(
        compose(&one, "Ana", &now).subject,
        "Your Monday note: 1 lesson back"
    );
}
