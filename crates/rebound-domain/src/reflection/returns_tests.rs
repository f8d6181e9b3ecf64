use super::*;
use crate::id::{PrincipleId, ReflectionId, UserId};
use jiff::Zoned;

/// A moment on a Paris calendar.
fn at(s: &str) -> Zoned {
    format!("{s}[Europe/Paris]").parse().unwrap()
}

fn principle(written: &str) -> Principle {
    Principle::new(
        PrincipleId::from_random([3; 5]),
        Some(UserId::from_random([9; 5])),
        "I will not promise a date before engineering has estimated the work",
        None,
        at(written).timestamp(),
    )
    .unwrap()
}

fn reflection(written: &str, lesson: Option<&str>) -> Reflection {
    let mut r = Reflection::new(
        ReflectionId::from_random([1; 5]),
        NewReflection {
            owner: Some(UserId::from_random([9; 5])),
            mistake: None,
            memory_title: Some("The launch date".into()),
            account: "I promised a date before engineering looked at it.".into(),
        },
        None,
        at(written).timestamp(),
    )
    .unwrap();
    if let Some(l) = lesson {
        let t = at(written).timestamp();
        r.set_lesson(l, LessonVerdict::Careful, vec![], t).unwrap();
    }
    r
}

fn careful(_: &str) -> (LessonVerdict, Vec<String>) {
    (LessonVerdict::Careful, vec![])
}

#[test]
fn a_lesson_is_back_after_a_calendar_month_then_after_a_year() {
    let p = principle("2026-01-31T10:00:00+01:00");
    assert_eq!(p.due_back(&at("2026-02-27T10:00:00+01:00")), None);
    // 31 January plus a month is the end of February on the calendar.
    assert_eq!(
        p.due_back(&at("2026-02-28T10:00:00+01:00")),
        Some(Moment::Month)
    );
    assert_eq!(
        p.due_back(&at("2027-01-30T10:00:00+01:00")),
        Some(Moment::Month)
    );
    assert_eq!(
        p.due_back(&at("2027-01-31T10:00:00+01:00")),
        Some(Moment::Year)
    );
}

#[test]
fn an_answer_puts_it_away_until_the_next_moment() {
    let mut p = principle("2026-01-10T10:00:00+01:00");
    let month = at("2026-02-12T09:00:00+01:00");
    assert_eq!(p.review(Review::Keep, &month), Ok(Moment::Month));
    assert_eq!(p.due_back(&month), None);
    assert_eq!(
        p.review(Review::Keep, &month),
        Err(ReflectionError::NotBack)
    );
    assert_eq!(p.due_back(&at("2026-12-31T09:00:00+01:00")), None);
    let year = at("2027-01-10T10:00:00+01:00");
    assert_eq!(p.due_back(&year), Some(Moment::Year));
    p.review(Review::Keep, &year).unwrap();
    assert_eq!(p.due_back(&at("2030-01-01T10:00:00+01:00")), None);
    assert_eq!(p.reviews.len(), 2);
    assert_eq!(p.reviews[1].moment, Moment::Year);
}

#[test]
fn first_seen_after_a_year_it_comes_back_once() {
    let mut p = principle("2025-01-10T10:00:00+01:00");
    let now = at("2026-03-01T10:00:00+01:00");
    assert_eq!(p.review(Review::Keep, &now), Ok(Moment::Year));
    assert_eq!(p.due_back(&now), None);
}

#[test]
fn revising_keeps_the_old_wording_and_retiring_ends_the_returns() {
    let mut p = principle("2026-01-10T10:00:00+01:00");
    let month = at("2026-02-10T10:00:00+01:00");
    let revise = Review::Revise {
        text: "I will not promise a date before the team has sized the work",
        note: Some("the team sizes, not one engineer"),
    };
    assert_eq!(p.review(revise, &month), Ok(Moment::Month));
    assert_eq!(p.history.len(), 2);
    assert_eq!(p.reviews[0].outcome, Outcome::Revised);
    assert_eq!(
        p.reviews[0].note.as_deref(),
        Some("the team sizes, not one engineer")
    );
    let year = at("2027-01-10T10:00:00+01:00");
    let bad = Review::Revise {
        text: "be careful",
        note: None,
    };
    assert_eq!(p.review(bad, &year), Err(ReflectionError::NotAPrinciple));
    assert_eq!(p.reviews.len(), 1, "a refused answer records nothing");
    assert_eq!(p.review(Review::Retire { reason: " " }, &year).ok(), None);
    p.review(
        Review::Retire {
            reason: "a team rule now",
        },
        &year,
    )
    .unwrap();
    assert_eq!(p.status, PrincipleStatus::Retired);
    assert_eq!(p.due_back(&at("2031-01-01T10:00:00+01:00")), None);
}

#[test]
fn a_reflection_comes_back_only_with_a_lesson_and_not_once_retired() {
    let none = reflection("2026-01-10T10:00:00+01:00", None);
    let later = at("2026-03-01T10:00:00+01:00");
    assert_eq!(none.due_back(&later), None);
    let mut r = reflection(
        "2026-01-10T10:00:00+01:00",
        Some("Check the estimate first."),
    );
    let revise = Review::Revise {
        text: "Ask for the estimate before I answer a customer.",
        note: None,
    };
    assert_eq!(r.review(revise, careful, &later), Ok(Moment::Month));
    assert_eq!(
        r.lesson.as_deref(),
        Some("Ask for the estimate before I answer a customer.")
    );
    let same = Review::Revise {
        text: "Ask for the estimate before I answer a customer.",
        note: None,
    };
    let year = at("2027-01-11T10:00:00+01:00");
    assert_eq!(
        r.review(same, careful, &year),
        Err(ReflectionError::Unchanged)
    );
    r.review(
        Review::Retire {
            reason: "we have a process",
        },
        careful,
        &year,
    )
    .unwrap();
    assert!(r.lesson_retired());
    assert_eq!(r.due_back(&at("2031-01-01T10:00:00+01:00")), None);
}

#[test]
fn the_principle_speaks_for_the_reflection_it_came_from() {
    let r = reflection(
        "2026-01-10T10:00:00+01:00",
        Some("Check the estimate first."),
    );
    let other = {
        let mut o = reflection("2026-01-05T10:00:00+01:00", Some("Write it down."));
        o.id = ReflectionId::from_random([2; 5]);
        o
    };
    let mut p = principle("2026-01-20T10:00:00+01:00");
    p.reflection = Some(r.id.clone());
    let now = at("2026-03-01T10:00:00+01:00");
    let reflections = [r, other];
    let back = returning(&reflections, std::slice::from_ref(&p), &now);
    assert_eq!(back.len(), 2);
    assert!(
        matches!(back[0], Returning::Lesson(l, Moment::Month) if l.id == ReflectionId::from_random([2; 5]))
    );
    assert!(matches!(back[1], Returning::Principle(..)));
}

#[test]
fn reviews_survive_a_round_trip_and_old_documents_read_without_them() {
    let mut p = principle("2026-01-10T10:00:00+01:00");
    p.review(Review::Keep, &at("2026-02-10T10:00:00+01:00"))
        .unwrap();
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(serde_json::from_str::<Principle>(&json).unwrap(), p);
    let mut old: serde_json::Value =
        serde_json::to_value(principle("2026-01-10T10:00:00+01:00")).unwrap();
    old.as_object_mut().unwrap().remove("reviews");
    assert!(
        serde_json::from_value::<Principle>(old)
            .unwrap()
            .reviews
            .is_empty()
    );
}
