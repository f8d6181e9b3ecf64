use super::*;

/// The short table in the module docs, cell by cell, against [`TABLE`].
#[test]
fn the_documented_table_is_the_table() {
    let doc: [(Trigger, [u32; 6]); 17] = [
        (Trigger::Driver(Driver::Cognitive), [3, 2, 0, 0, 0, 1]),
        (Trigger::Driver(Driver::Social), [0, 3, 0, 1, 0, 2]),
        (Trigger::Driver(Driver::Environmental), [3, 0, 0, 0, 1, 0]),
        (Trigger::Driver(Driver::Process), [3, 0, 1, 0, 0, 0]),
        (Trigger::Driver(Driver::Workload), [0, 0, 0, 1, 3, 0]),
        (Trigger::Driver(Driver::Cultural), [0, 1, 0, 0, 0, 3]),
        (Trigger::Driver(Driver::SkillGap), [0, 0, 3, 2, 0, 0]),
        (Trigger::Sign(Sign::FewerVolunteers), [0, 2, 0, 0, 0, 1]),
        (Trigger::Sign(Sign::ExcessiveSignOff), [0, 0, 1, 0, 2, 0]),
        (Trigger::Sign(Sign::OverCaution), [0, 2, 0, 0, 1, 0]),
        (Trigger::Sign(Sign::SpeakingLess), [0, 0, 0, 1, 0, 1]),
        (Trigger::Sign(Sign::DefensiveTone), [2, 0, 0, 0, 0, 0]),
        (Trigger::Sign(Sign::LowRiskDrift), [0, 2, 0, 1, 0, 0]),
        (Trigger::Sign(Sign::MoreShadowing), [0, 0, 2, 3, 0, 0]),
        (Trigger::Sign(Sign::LessOwnership), [0, 1, 0, 2, 0, 0]),
        (Trigger::Sign(Sign::LeaderMicromanaging), [1, 0, 0, 0, 2, 0]),
        (Trigger::Sign(Sign::RepeatedRework), [1, 0, 3, 0, 0, 0]),
    ];
    let mut cells = 0;
    for (trigger, weights) in doc {
        for (to, want) in Move::ALL.into_iter().zip(weights) {
            let got: Vec<u32> = TABLE
                .iter()
                .filter(|r| r.trigger == trigger && r.to == to)
                .map(|r| r.weight)
                .collect();
            let want: Vec<u32> = if want == 0 { vec![] } else { vec![want] };
            assert_eq!(got, want, "{trigger:?} → {to:?}");
            cells += want.len();
        }
    }
    assert_eq!(cells, TABLE.len(), "every row is documented");
}

#[test]
fn every_driver_and_sign_points_somewhere_and_every_move_is_reachable() {
    for dr in Driver::ALL {
        assert!(
            TABLE.iter().any(|r| r.trigger == Trigger::Driver(*dr)),
            "{dr}"
        );
    }
    for sg in Sign::ALL {
        assert!(
            TABLE.iter().any(|r| r.trigger == Trigger::Sign(*sg)),
            "{sg}"
        );
    }
    for m in Move::ALL {
        assert!(TABLE.iter().any(|r| r.to == m), "{m}");
    }
    for r in TABLE {
        assert!((1..=3).contains(&r.weight));
        assert!(r.reason.ends_with('.'), "{}", r.reason);
    }
}

#[test]
fn with_nothing_recorded_only_the_debrief_is_suggested() {
    let got = rank(&[], &[], &[]);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, CalmDebrief);
    assert_eq!(got[0].reasons, [DEBRIEF_BASE_REASON]);
}

#[test]
fn a_skill_gap_puts_the_development_plan_first_with_its_reason() {
    let got = rank(&[Driver::SkillGap], &[], &[]);
    let order: Vec<Move> = got.iter().map(|s| s.to).collect();
    assert_eq!(order, [DevelopmentPlan, PairedWork, CalmDebrief]);
    assert_eq!(got[0].score, 9);
    assert!(got[0].reasons[0].contains("real gap"));
}

#[test]
fn signs_count_by_their_level_and_drivers_by_three() {
    // Social (win 3×3=9, recognition 2×3=6, paired 1×3=3); more
    // shadowing strongly (paired 3×3=9, dev plan 2×3=6); fewer
    // volunteers a little (win 2×1=2, recognition 1×1=1).
    let got = rank(
        &[Driver::Social],
        &[
            (Sign::MoreShadowing, 3),
            (Sign::FewerVolunteers, 1),
            (Sign::OverCaution, 0),
        ],
        &[],
    );
    let scored: Vec<(Move, u32)> = got.iter().map(|s| (s.to, s.score)).collect();
    assert_eq!(
        scored,
        [
            (PairedWork, 12),
            (SmallVisibleWin, 11),
            (PublicRecognition, 7),
            (DevelopmentPlan, 6),
            (CalmDebrief, 1),
        ]
    );
    // The strongest reason comes first.
    assert!(got[0].reasons[0].contains("shadow"));
    assert_eq!(got[0].reasons.len(), 2);
}

#[test]
fn adopted_moves_are_not_suggested_again() {
    let got = rank(&[Driver::Cognitive], &[], &[CalmDebrief]);
    assert!(got.iter().all(|s| s.to != CalmDebrief));
    assert_eq!(got[0].to, SmallVisibleWin);
}

#[test]
fn ties_keep_the_order_of_the_moves() {
    // Speaking less at level 2: paired work and recognition both 2.
    let got = rank(&[], &[(Sign::SpeakingLess, 2)], &[CalmDebrief]);
    let order: Vec<Move> = got.iter().map(|s| s.to).collect();
    assert_eq!(order, [PairedWork, PublicRecognition]);
}

#[test]
fn two_moves_complete_by_themselves_the_rest_by_hand() {
    for m in Move::ALL {
        let want = match m {
            CalmDebrief => Completion::DebriefWritten,
            DevelopmentPlan => Completion::DevelopmentPlanWritten,
            _ => Completion::MarkedDone,
        };
        assert_eq!(m.completion(), want);
        assert!(m.default_due_days() > 0);
        assert_eq!(m.as_str().parse::<Move>(), Ok(m));
    }
    assert!(SmallVisibleWin.default_due_days() <= 7, "within days");
}
