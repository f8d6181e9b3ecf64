use super::*;
use crate::id::{MistakeId, PrincipleId, ReflectionId, UserId, WinId};
use jiff::Timestamp;

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn now() -> Timestamp {
    at("2026-05-01T09:00:00Z")
}

fn memory() -> NewReflection {
    NewReflection {
        owner: Some(UserId::from_random([9; 5])),
        mistake: None,
        memory_title: Some("The launch date I promised".into()),
        account: "I promised the customer a date before engineering looked at it.".into(),
    }
}

fn suggestion() -> Suggestion {
    Suggestion {
        trap: Trap::Expertise,
        failure_type: FailureType::Information,
        confidence: 0.7,
        cues: vec!["promised".into()],
        unsure: false,
    }
}

fn reflection() -> Reflection {
    Reflection::new(
        ReflectionId::from_random([1; 5]),
        memory(),
        Some(suggestion()),
        now(),
    )
    .unwrap()
}

#[test]
fn labels_parse_forgivingly_and_serialize_lowercase() {
    assert_eq!(" Ego ".parse::<Trap>().unwrap(), Trap::Ego);
    assert_eq!(
        "ATTENTION".parse::<FailureType>().unwrap(),
        FailureType::Attention
    );
    let err = "luck".parse::<Trap>().unwrap_err().to_string();
    assert!(
        err.contains("judgment, expertise, ego or confidence"),
        "{err}"
    );
    assert_eq!(
        serde_json::to_string(&Trap::Judgment).unwrap(),
        "\"judgment\""
    );
    assert_eq!(
        serde_json::to_string(&FailureType::Courage).unwrap(),
        "\"courage\""
    );
}

#[test]
fn every_label_has_an_explanation_example_and_correction_of_one_sentence() {
    let sentences = |s: &str| {
        assert!(s.ends_with('.'), "{s}");
        one_sentence(s).unwrap_or_else(|_| panic!("not one sentence: {s}"));
    };
    for t in Trap::ALL {
        sentences(t.explanation());
        sentences(t.example());
    }
    for f in FailureType::ALL {
        sentences(f.explanation());
        sentences(f.example());
        sentences(f.correction());
    }
}

#[test]
fn a_reflection_is_about_a_mistake_or_a_titled_memory_never_both_or_neither() {
    let mut both = memory();
    both.mistake = Some(MistakeId::from_random([2; 5]));
    let id = ReflectionId::from_random([1; 5]);
    assert_eq!(
        Reflection::new(id.clone(), both, None, now()).unwrap_err(),
        ReflectionError::MistakeAndTitle
    );
    let mut neither = memory();
    neither.memory_title = Some("   ".into());
    assert_eq!(
        Reflection::new(id.clone(), neither, None, now()).unwrap_err(),
        ReflectionError::NoSubject
    );
    let mut empty = memory();
    empty.account = " ".into();
    assert!(matches!(
        Reflection::new(id, empty, None, now()),
        Err(ReflectionError::Empty { .. })
    ));
}

#[test]
fn choosing_returns_feedback_that_says_whether_the_suggestion_was_corrected() {
    let mut r = reflection();
    let later = at("2026-05-01T09:10:00Z");
    let same = r
        .choose(Trap::Expertise, FailureType::Information, later)
        .unwrap();
    assert!(!same.corrected());
    let fb = r
        .choose(Trap::Ego, FailureType::Information, later)
        .unwrap();
    assert!(fb.corrected());
    assert_eq!(fb.text, r.account);
    assert_eq!(fb.suggested_trap, Trap::Expertise);
    assert_eq!(fb.chosen_trap, Trap::Ego);
    assert_eq!(r.trap, Some(Trap::Ego));
    assert_eq!(r.updated_at, later);
    assert_eq!(r.correction(), Some(FailureType::Information.correction()));

    let mut without =
        Reflection::new(ReflectionId::from_random([3; 5]), memory(), None, now()).unwrap();
    assert!(
        without
            .choose(Trap::Ego, FailureType::Skill, now())
            .is_none()
    );
}

#[test]
fn the_specific_error_is_one_short_sentence() {
    let mut r = reflection();
    r.set_specific_error(
        "I committed to a date (e.g. the 3rd) without asking engineering.",
        now(),
    )
    .unwrap();
    for bad in [
        "",
        "I promised a date. Then I hid it.",
        "Line one\nline two",
        "I forgot! Nobody noticed.",
    ] {
        assert!(r.set_specific_error(bad, now()).is_err(), "{bad}");
    }
    let long = "a".repeat(MAX_SPECIFIC_ERROR + 1);
    assert!(matches!(
        r.set_specific_error(&long, now()),
        Err(ReflectionError::TooLong { .. })
    ));
    assert!(
        r.specific_error
            .as_deref()
            .unwrap()
            .starts_with("I committed")
    );
}

#[test]
fn the_lesson_keeps_its_verdict_and_reasons() {
    let mut r = reflection();
    assert!(!r.is_complete());
    r.choose(Trap::Expertise, FailureType::Information, now());
    r.set_specific_error("I promised a date alone.", now())
        .unwrap();
    r.set_lesson(
        "I will take fewer risks.",
        LessonVerdict::Cautious,
        vec!["retreats".into()],
        now(),
    )
    .unwrap();
    assert!(r.is_complete());
    assert!(r.lesson_verdict.unwrap().needs_rewrite());
    assert!(!LessonVerdict::Careful.needs_rewrite());
    assert!(
        r.set_lesson(" ", LessonVerdict::Vague, vec![], now())
            .is_err()
    );
}

#[test]
fn principles_start_with_i_will_not() {
    assert_eq!(
        principle_text("  i WILL not   promise dates\nalone ").unwrap(),
        "I will not promise dates alone"
    );
    assert_eq!(
        principle_text("I won't skip the review").unwrap(),
        "I will not skip the review"
    );
    for bad in [
        "",
        "Always ask engineering",
        "I will not",
        "I will not !!",
        "I will nothing more",
    ] {
        assert!(principle_text(bad).is_err(), "{bad}");
    }
}

#[test]
fn revising_keeps_every_wording_and_retiring_keeps_the_reason() {
    let mut r = reflection();
    r.mistake = Some(MistakeId::from_random([4; 5]));
    let mut p = Principle::new(
        PrincipleId::from_random([5; 5]),
        r.owner.clone(),
        "I will not promise dates alone",
        Some(&r),
        now(),
    )
    .unwrap();
    assert_eq!(p.reflection.as_ref(), Some(&r.id));
    assert_eq!(p.mistake, r.mistake);
    assert_eq!(p.history.len(), 1);
    assert_eq!(
        p.revise("I will not promise dates alone", None, now()),
        Err(ReflectionError::Unchanged)
    );
    let later = at("2026-05-02T09:00:00Z");
    p.revise(
        "I will not promise a date before engineering has estimated",
        Some("sharper"),
        later,
    )
    .unwrap();
    assert_eq!(p.history.len(), 2);
    assert_eq!(p.history[0].text, "I will not promise dates alone");
    assert_eq!(p.history[1].note.as_deref(), Some("sharper"));
    assert_eq!(p.text, p.history[1].text);
    assert!(p.matches("ENGINEERING"));

    assert!(p.retire("  ", later).is_err());
    p.retire("now a team rule", later).unwrap();
    assert_eq!(p.status, PrincipleStatus::Retired);
    assert_eq!(p.retired_at, Some(later));
    assert_eq!(
        p.retire("again", later),
        Err(ReflectionError::AlreadyRetired)
    );
    assert_eq!(
        p.revise("I will not do x y z", None, later),
        Err(ReflectionError::Retired)
    );
    assert_eq!(p.history.len(), 2);
}

#[test]
fn wins_and_self_care_plans_are_checked() {
    assert!(Win::new(WinId::from_random([6; 5]), None, None, "  ", now()).is_err());
    let w = Win::new(
        WinId::from_random([6; 5]),
        None,
        None,
        " Shipped the fix ",
        now(),
    )
    .unwrap();
    assert_eq!(w.text, "Shipped the fix");

    let plan = SelfCarePlan::new(
        None,
        None,
        &[
            "A walk outside".into(),
            " ".into(),
            "a walk outside".into(),
            "Call my sister".into(),
        ],
        now(),
    )
    .unwrap();
    assert_eq!(plan.items, ["A walk outside", "Call my sister"]);
    let many: Vec<String> = (0..=MAX_SELF_CARE_ITEMS)
        .map(|i| format!("item {i}"))
        .collect();
    assert!(SelfCarePlan::new(None, None, &many, now()).is_err());
}

#[test]
fn a_principle_cannot_say_i_will_not_twice() {
    for bad in [
        "I will not I will not promote on technical skill alone",
        "I won't I will not skip the review",
        "I will not — I won't skip the review",
        "I will not i wont skip the review",
    ] {
        assert_eq!(
            principle_text(bad),
            Err(ReflectionError::RepeatedOpening),
            "{bad}"
        );
    }
    assert!(principle_text("I will not invite only the loudest voices").is_ok());
}

#[test]
fn the_same_or_a_near_principle_is_found_among_the_active_ones() {
    use super::{Similar, similar};
    let at: jiff::Timestamp = "2026-03-01T10:00:00Z".parse().unwrap();
    let p = |n: u8, t: &str| {
        Principle::new(PrincipleId::from_random([n; 5]), None, t, None, at).unwrap()
    };
    let mut retired = p(3, "I will not merge on Fridays without a reviewer");
    retired.retire("a team rule now", at).unwrap();
    let all = [
        p(1, "I will not promote on technical skill alone"),
        p(
            2,
            "I will not promise a date before engineering has estimated the work",
        ),
        retired,
    ];
    let text = |t: &str| principle_text(t).unwrap();
    assert!(matches!(
        similar(&text("i will not  promote on technical skill alone"), &all),
        Some(Similar::Same(q)) if q.id == all[0].id
    ));
    assert!(matches!(
        similar(&text("I won't promote anyone on technical skills alone"), &all),
        Some(Similar::Near(q)) if q.id == all[0].id
    ));
    assert!(matches!(
        similar(&text("I will not promise a date before engineering estimates the work"), &all),
        Some(Similar::Near(q)) if q.id == all[1].id
    ));
    assert_eq!(
        similar(&text("I will not promise a date to sales"), &all),
        None
    );
    assert_eq!(
        similar(
            &text("I will not merge on Fridays without a reviewer"),
            &all
        ),
        None,
        "a retired principle may be taken up again"
    );
    let near = similar(
        &text("I will not promote anyone on technical skills alone"),
        &all,
    )
    .unwrap();
    assert!(near.refusal(true).is_none());
    assert!(matches!(
        near.refusal(false),
        Some(ReflectionError::NearPrinciple { .. })
    ));
}

#[test]
fn reflecting_again_on_a_mistake_finds_the_reflection_started_on_it() {
    use super::latest_on;
    let m = MistakeId::from_random([4; 5]);
    let mut older = reflection();
    older.mistake = Some(m.clone());
    let mut newer = older.clone();
    newer.id = ReflectionId::from_random([8; 5]);
    newer.updated_at = "2030-01-01T00:00:00Z".parse().unwrap();
    let other = reflection();
    let all = [older, newer.clone(), other];
    assert_eq!(latest_on(&all, &m).map(|r| &r.id), Some(&newer.id));
    assert!(latest_on(&all, &MistakeId::from_random([9; 5])).is_none());
}
