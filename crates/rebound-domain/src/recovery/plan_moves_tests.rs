//! The plan's suggestions and the tasks that complete by the plan itself.

use super::moves::{DEBRIEF_FIRST, Reader};
use super::plan::*;
use super::plan_tests::{at, check_in, plan, signs};
use super::{Driver, Move, Sign};
use crate::id::RecoveryTaskId;

fn order(p: &RecoveryPlan, reader: Reader) -> Vec<Move> {
    p.suggestions_for(reader).iter().map(|s| s.to).collect()
}

fn debrief() -> DebriefNote {
    DebriefNote {
        what_happened: "The demo failed on stage.".into(),
        what_is_known: "The staging data was stale.".into(),
        technical_fix: "Refresh staging before demos.".into(),
        communication_change: "Say what is live and what is mocked.".into(),
    }
}

#[test]
fn suggestions_follow_the_plan_and_the_debrief_leads_until_written() {
    let mut p = plan();
    // Public mistake, social + skill gap: win 9+3, protect 6+6, dev plan 9,
    // paired 3+6, feedback 3; the debrief first; no recognition (social).
    assert_eq!(
        order(&p, Reader::Manager),
        [
            Move::CalmDebrief,
            Move::SmallVisibleWin,
            Move::ProtectFromBlame,
            Move::DevelopmentPlan,
            Move::PairedWork,
            Move::SpecificFeedback,
        ]
    );
    assert_eq!(p.suggestions()[0].reasons[0], DEBRIEF_FIRST.manager);
    let mut s = signs(0);
    s.iter_mut()
        .find(|x| x.sign == Sign::MoreShadowing)
        .unwrap()
        .level = 3;
    check_in(
        &mut p,
        7,
        NewCheckIn {
            signs: s,
            ..Default::default()
        },
    )
    .unwrap();
    p.write_debrief(debrief(), at(8)).unwrap();
    // Paired 9+9+3 now leads; the written debrief is left out.
    let now = order(&p, Reader::Manager);
    assert_eq!(now[0], Move::PairedWork);
    assert!(!now.contains(&Move::CalmDebrief));
}

#[test]
fn tracking_in_one_on_ones_completes_after_two_check_ins_since_adoption() {
    let mut p = plan();
    let quiet = || NewCheckIn {
        signs: signs(1),
        ..Default::default()
    };
    check_in(&mut p, 1, quiet()).unwrap();
    let id = RecoveryTaskId::from_random([4; 5]);
    let t = p
        .adopt(Move::TrackInOneOnOnes, None, id.clone(), at(2))
        .unwrap();
    assert_eq!(t.due, at(16));
    assert_eq!(
        t.completed_at, None,
        "a check-in before adoption does not count"
    );
    assert!(matches!(
        p.complete_task(&id, at(3)).unwrap_err(),
        RecoveryError::CompletesItself { .. }
    ));
    check_in(&mut p, 9, quiet()).unwrap();
    assert_eq!(p.tasks[0].completed_at, None, "one is not yet a rhythm");
    check_in(&mut p, 16, quiet()).unwrap();
    assert_eq!(p.tasks[0].completed_at, Some(at(16)));
}

#[test]
fn the_reports_list_never_reveals_what_only_the_manager_knows() {
    let mut p = plan();
    p.set_context(vec![], vec![Driver::Cultural]).unwrap();
    p.write_debrief(debrief(), at(1)).unwrap();
    for (day, level) in [(7, 2), (14, 1)] {
        check_in(
            &mut p,
            day,
            NewCheckIn {
                signs: signs(level),
                distress: day == 14,
                ..Default::default()
            },
        )
        .unwrap();
    }
    assert_eq!(p.trend(), super::Trend::Recovering);
    // The manager knows of the distress: no public recognition now.
    assert!(!order(&p, Reader::Manager).contains(&Move::PublicRecognition));
    // The report's list is ranked without it, so nothing is missing there
    // that could tell them; and it speaks to them.
    let theirs = p.suggestions_for(Reader::Report);
    assert!(theirs.iter().any(|s| s.to == Move::PublicRecognition));
    let words: Vec<&str> = theirs.iter().flat_map(|s| s.reasons.clone()).collect();
    assert!(words.iter().all(|r| !r.starts_with("They ")), "{words:?}");
    assert!(
        words.iter().any(|r| r.starts_with("You have been")),
        "{words:?}"
    );
}
