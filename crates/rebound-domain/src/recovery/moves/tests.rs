use super::*;
use crate::recovery::signs::{Driver, PressurePoint, Sign};
use Move::*;

fn trigger_named(name: &str) -> Trigger {
    if let Ok(d) = name.parse::<Driver>() {
        Trigger::Driver(d)
    } else if let Ok(p) = name.parse::<PressurePoint>() {
        Trigger::Pressure(p)
    } else {
        Trigger::Sign(
            name.parse::<Sign>()
                .expect("a driver, pressure point or sign"),
        )
    }
}

/// The short table in the module docs, read back from the source, cell by
/// cell, against [`TABLE`].
#[test]
fn the_documented_table_is_the_table() {
    let doc = include_str!("mod.rs");
    let start = doc
        .find("//! | driver, pressure point or sign |")
        .expect("the table");
    let mut cells = 0;
    let mut lines = 0;
    for line in doc[start..].lines().skip(2) {
        let Some(body) = line.strip_prefix("//! | ") else {
            break;
        };
        let parts: Vec<&str> = body.trim_end_matches(" |").split(" | ").collect();
        assert_eq!(parts.len(), 13, "{line}");
        let trigger = trigger_named(parts[0].trim());
        for (to, cell) in Move::ALL.into_iter().zip(&parts[1..]) {
            let got: Vec<u32> = rows()
                .filter(|r| r.trigger == trigger && r.to == to)
                .map(|r| r.weight)
                .collect();
            let want: Vec<u32> = match cell.trim() {
                "" => vec![],
                w => vec![w.parse().unwrap()],
            };
            assert_eq!(got, want, "{trigger:?} → {to:?}");
            cells += want.len();
        }
        lines += 1;
    }
    let triggers = Driver::ALL.len() + PressurePoint::ALL.len() + Sign::ALL.len();
    assert_eq!(lines, triggers, "one documented line per trigger");
    assert_eq!(cells, rows().count(), "every row is documented");
}

#[test]
fn the_documented_rules_are_as_many_as_the_rules() {
    let doc = include_str!("mod.rs");
    let start = doc.find("//! | rule ").expect("the rules table");
    let documented = doc[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with("//! | "))
        .count();
    assert_eq!(documented, RULES.len());
}

#[test]
fn every_trigger_points_somewhere_and_every_move_is_reachable() {
    for dr in Driver::ALL {
        assert!(rows().any(|r| r.trigger == Trigger::Driver(*dr)), "{dr}");
    }
    for p in PressurePoint::ALL {
        assert!(rows().any(|r| r.trigger == Trigger::Pressure(*p)), "{p}");
    }
    for sg in Sign::ALL {
        assert!(rows().any(|r| r.trigger == Trigger::Sign(*sg)), "{sg}");
    }
    for m in Move::ALL {
        assert!(rows().any(|r| r.to == m), "{m}");
    }
    for (i, r) in rows().enumerate() {
        assert!((1..=3).contains(&r.weight));
        assert!(
            !rows()
                .take(i)
                .any(|o| o.trigger == r.trigger && o.to == r.to),
            "{r:?} twice"
        );
    }
}

/// The report's words speak to them, never about them.
fn to_you(text: &str) {
    for about in [
        "They ",
        " them ",
        " them.",
        " them,",
        "theirs",
        "their work",
    ] {
        assert!(!text.contains(about), "'{about}' in: {text}");
    }
}

#[test]
fn every_reason_has_both_voices_and_the_reports_speaks_to_them() {
    let mut all = vec![DEBRIEF_FIRST];
    all.extend(rows().map(|r| r.reason));
    for w in all {
        for text in [w.manager, w.report] {
            assert!(text.ends_with('.'), "{text}");
            assert!(text.chars().count() < 200, "{text}");
        }
        to_you(w.report);
        assert_eq!(w.for_reader(Reader::Manager), w.manager);
        assert_eq!(w.for_reader(Reader::Report), w.report);
    }
}

#[test]
fn twelve_moves_each_with_its_words_due_date_and_stable_name() {
    assert_eq!(Move::ALL.len(), 12);
    for (i, m) in Move::ALL.into_iter().enumerate() {
        assert_eq!(m as usize, i, "ALL is in the declared order");
        let serde = serde_json::to_string(&m).unwrap();
        assert_eq!(
            serde,
            format!("\"{}\"", m.as_str()),
            "the card is the variant's"
        );
        assert_eq!(m.as_str().parse::<Move>(), Ok(m));
        assert_eq!(serde_json::from_str::<Move>(&serde).unwrap(), m);
        assert!(m.default_due_days() > 0);
        for reader in [Reader::Manager, Reader::Report] {
            assert!(!m.label_for(reader).ends_with('.'));
            assert!(m.how_for(reader).ends_with('.'));
        }
        to_you(m.label_for(Reader::Report));
        to_you(m.how_for(Reader::Report));
        assert_eq!(m.label(), m.label_for(Reader::Manager));
        assert_eq!(m.how(), m.how_for(Reader::Manager));
    }
    assert!(SmallVisibleWin.default_due_days() <= 7, "within days");
    assert_eq!(
        "Protect-From-Blame".parse::<Move>(),
        Ok(ProtectFromBlame),
        "case and dashes are forgiven"
    );
}

#[test]
fn the_six_names_already_stored_in_plans_still_read() {
    for (name, m) in [
        ("calm_debrief", CalmDebrief),
        ("small_visible_win", SmallVisibleWin),
        ("development_plan", DevelopmentPlan),
        ("paired_work", PairedWork),
        ("recalibrated_goals", RecalibratedGoals),
        ("public_recognition", PublicRecognition),
    ] {
        assert_eq!(
            serde_json::from_str::<Move>(&format!("\"{name}\"")).unwrap(),
            m
        );
    }
}

#[test]
fn three_moves_complete_by_themselves_the_rest_by_hand() {
    for m in Move::ALL {
        let want = match m {
            CalmDebrief => Completion::DebriefWritten,
            DevelopmentPlan => Completion::DevelopmentPlanWritten,
            TrackInOneOnOnes => Completion::CheckInsRecorded,
            _ => Completion::MarkedDone,
        };
        assert_eq!(m.completion(), want, "{m}");
    }
}
