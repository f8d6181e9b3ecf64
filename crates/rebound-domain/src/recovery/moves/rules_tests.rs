//! One test per rule of [`RULES`], the essay's scenario (domain.md §6),
//! and how the table's points add up.

use super::*;
use crate::recovery::signs::{Driver, PressurePoint, Sign};
use crate::recovery::trend::Trend;
use Move::*;

fn order(input: &Input) -> Vec<Move> {
    rank(input, Reader::Manager).iter().map(|s| s.to).collect()
}

fn suggests(input: &Input, m: Move) -> bool {
    order(input).contains(&m)
}

/// The essay: a client demo fails in front of the client; the analyst who
/// led it stops proposing ideas.
const ESSAY_PRESSURE: [PressurePoint; 1] = [PressurePoint::PublicMistake];
const ESSAY_SIGNS: [(Sign, u8); 3] = [
    (Sign::SpeakingLess, 3),
    (Sign::LowRiskDrift, 2),
    (Sign::ExcessiveSignOff, 2),
];

fn essay() -> Input<'static> {
    Input {
        pressure_points: &ESSAY_PRESSURE,
        signs: &ESSAY_SIGNS,
        ..Input::default()
    }
}

/// Everything in favour of public recognition: a cultural driver, and the
/// signs easing.
const CULTURAL: [Driver; 1] = [Driver::Cultural];
fn recognition_due() -> Input<'static> {
    Input {
        drivers: &CULTURAL,
        debrief_written: true,
        trend: Trend::Recovering,
        ..Input::default()
    }
}

#[test]
fn the_essays_scenario_debrief_then_a_task_to_own_then_co_presenting() {
    let got = rank(&essay(), Reader::Manager);
    let top: Vec<Move> = got.iter().take(3).map(|s| s.to).collect();
    assert_eq!(top, [CalmDebrief, SmallVisibleWin, PairedWork]);
    assert_eq!(got[0].reasons[0], DEBRIEF_FIRST.manager);
    assert!(got[1].reasons[0].contains("low-visibility work"));
    assert!(got[2].reasons[0].contains("Co-presenting"));
    assert!(!suggests(&essay(), PublicRecognition), "too early");
}

#[test]
fn rule_debrief_first_while_no_note_is_written() {
    // Shadowing strongly and a skill gap point elsewhere; the debrief still leads.
    let signs = [(Sign::MoreShadowing, 3)];
    let input = Input {
        drivers: &[Driver::SkillGap],
        signs: &signs,
        ..Input::default()
    };
    let got = rank(&input, Reader::Manager);
    assert_eq!(got[0].to, CalmDebrief);
    assert_eq!(got[0].score, 0, "nothing in the table points to it here");
    assert_eq!(got[0].reasons, [DEBRIEF_FIRST.manager]);
    assert_eq!(got[1].to, DevelopmentPlan);
    let theirs = rank(&input, Reader::Report);
    assert_eq!(theirs[0].reasons, [DEBRIEF_FIRST.report]);
}

#[test]
fn rule_debrief_left_out_once_the_note_is_written() {
    let written = Input {
        debrief_written: true,
        ..essay()
    };
    assert!(!suggests(&written, CalmDebrief));
    assert_eq!(order(&written)[..2], [SmallVisibleWin, PairedWork]);
    assert!(
        order(&Input {
            debrief_written: true,
            ..Input::default()
        })
        .is_empty()
    );
}

#[test]
fn rule_public_recognition_waits_until_the_trend_is_recovering() {
    assert!(suggests(&recognition_due(), PublicRecognition));
    for trend in [Trend::TooEarly, Trend::Stalled, Trend::Worsening] {
        let input = Input {
            trend,
            ..recognition_due()
        };
        assert!(!suggests(&input, PublicRecognition), "{trend:?}");
    }
}

#[test]
fn rule_public_recognition_never_while_distress_is_recorded() {
    let input = Input {
        distress: true,
        ..recognition_due()
    };
    assert!(!suggests(&input, PublicRecognition));
    assert!(suggests(&input, MicroExperiments), "only recognition goes");
}

#[test]
fn rule_public_recognition_never_while_the_social_driver_dominates() {
    let drivers = [Driver::Cultural, Driver::Social];
    let input = Input {
        drivers: &drivers,
        ..recognition_due()
    };
    assert!(!suggests(&input, PublicRecognition));
}

#[test]
fn rule_public_recognition_never_while_escalation_is_suggested() {
    let input = Input {
        escalation: true,
        ..recognition_due()
    };
    assert!(!suggests(&input, PublicRecognition));
}

/// Each rule, cell by cell: it changes its move only while it holds.
#[test]
fn every_rule_acts_only_while_it_holds() {
    for rule in RULES {
        let base = Input {
            debrief_written: rule.when != When::DebriefNoteWritten,
            ..recognition_due()
        };
        let holding = match rule.when {
            When::NoDebriefNote => Input {
                debrief_written: false,
                ..base
            },
            When::DebriefNoteWritten => Input {
                debrief_written: true,
                ..base
            },
            When::NotRecovering => Input {
                trend: Trend::Stalled,
                ..base
            },
            When::Distress => Input {
                distress: true,
                ..base
            },
            When::DriverRecorded(d) => Input {
                drivers: if d == Driver::Social {
                    &[Driver::Cultural, Driver::Social]
                } else {
                    &CULTURAL
                },
                ..base
            },
            When::EscalationSuggested => Input {
                escalation: true,
                ..base
            },
        };
        assert!(rule.when.holds(&holding), "{rule:?}");
        match rule.then {
            Then::First(_) => assert_eq!(order(&holding)[0], rule.to, "{rule:?}"),
            Then::LeftOut => assert!(!suggests(&holding, rule.to), "{rule:?}"),
        }
    }
}

#[test]
fn protecting_from_blame_ranks_high_after_a_public_mistake_or_reprimand() {
    // The essay: right after its three moves.
    assert_eq!(order(&essay())[3], ProtectFromBlame);
    // Social driver and a reprimand in front of colleagues: right after the debrief.
    let drivers = [Driver::Social];
    let pressure = [PressurePoint::PublicReprimand];
    let reprimand = Input {
        drivers: &drivers,
        pressure_points: &pressure,
        ..Input::default()
    };
    let got = order(&reprimand);
    assert_eq!(got[..3], [CalmDebrief, ProtectFromBlame, SmallVisibleWin]);
    assert!(!got.contains(&PublicRecognition));
    // Without a public moment it is not pressed.
    let private = Input {
        signs: &ESSAY_SIGNS,
        ..Input::default()
    };
    assert!(!suggests(&private, ProtectFromBlame));
}

#[test]
fn with_the_social_driver_recognition_stays_out_even_when_recovering_and_escalating() {
    let drivers = [Driver::Social];
    let pressure = [PressurePoint::PublicReprimand];
    for escalation in [false, true] {
        let input = Input {
            drivers: &drivers,
            pressure_points: &pressure,
            trend: Trend::Recovering,
            escalation,
            debrief_written: true,
            ..Input::default()
        };
        assert_eq!(order(&input)[0], ProtectFromBlame);
        assert!(!suggests(&input, PublicRecognition));
    }
}

#[test]
fn with_nothing_recorded_only_the_debrief_is_suggested() {
    let got = rank(&Input::default(), Reader::Manager);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, CalmDebrief);
}

#[test]
fn signs_count_by_their_level_drivers_and_pressure_points_by_three() {
    // Skill gap (dev plan 3×3=9, paired 2×3=6, feedback 1×3=3); a role
    // change (goals 2×3=6, dev plan 1×3=3, track 1×3=3); more shadowing
    // strongly (paired 3×3=9, dev plan 2×3=6); over-caution not seen.
    let signs = [(Sign::MoreShadowing, 3), (Sign::OverCaution, 0)];
    let input = Input {
        drivers: &[Driver::SkillGap],
        pressure_points: &[PressurePoint::RoleChange],
        signs: &signs,
        debrief_written: true,
        ..Input::default()
    };
    let got = rank(&input, Reader::Manager);
    let scored: Vec<(Move, u32)> = got.iter().map(|s| (s.to, s.score)).collect();
    assert_eq!(
        scored,
        [
            (DevelopmentPlan, 18),
            (PairedWork, 15),
            (RecalibratedGoals, 6),
            (SpecificFeedback, 3),
            (TrackInOneOnOnes, 3),
        ]
    );
    // The strongest reason comes first.
    assert!(got[0].reasons[0].contains("real gap"));
    assert_eq!(got[0].reasons.len(), 3);
}

#[test]
fn adopted_moves_are_not_suggested_again() {
    let adopted = [CalmDebrief, SmallVisibleWin];
    let input = Input {
        adopted: &adopted,
        ..essay()
    };
    assert_eq!(order(&input)[..2], [PairedWork, ProtectFromBlame]);
}

#[test]
fn ties_keep_the_order_of_the_moves() {
    // Sign-off at level 2: goals and feedback both 4, in the order of ALL.
    let signs = [(Sign::ExcessiveSignOff, 2)];
    let input = Input {
        signs: &signs,
        debrief_written: true,
        ..Input::default()
    };
    assert_eq!(
        order(&input),
        [RecalibratedGoals, SpecificFeedback, DevelopmentPlan]
    );
}

#[test]
fn the_report_reads_the_same_ranking_in_their_own_words() {
    let managers = rank(&essay(), Reader::Manager);
    let theirs = rank(&essay(), Reader::Report);
    assert_eq!(
        managers.iter().map(|s| (s.to, s.score)).collect::<Vec<_>>(),
        theirs.iter().map(|s| (s.to, s.score)).collect::<Vec<_>>()
    );
    let reasons: Vec<&str> = theirs.iter().flat_map(|s| s.reasons.clone()).collect();
    assert!(reasons.contains(
        &"You have been seeking sign-off often: agreed milestones with set checkpoints make the extra asking unnecessary."
    ));
    assert!(reasons.iter().all(|r| !r.starts_with("They ")));
}
