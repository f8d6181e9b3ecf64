//! The ranking: the table's points, then the rules that weigh what the
//! table cannot (the debrief's place, when public recognition may help).

use super::table::{Trigger, rows};
use super::{Move, Reader, Suggestion, Words};
use crate::recovery::signs::{Driver, PressurePoint, Sign};
use crate::recovery::trend::Trend;

/// What the ranking looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input<'a> {
    pub drivers: &'a [Driver],
    pub pressure_points: &'a [PressurePoint],
    /// The latest check-in's levels, 0–3.
    pub signs: &'a [(Sign, u8)],
    /// Moves already adopted (open or done).
    pub adopted: &'a [Move],
    /// The debrief note is written (it has all four parts or none).
    pub debrief_written: bool,
    pub trend: Trend,
    /// The latest check-in records distress (the manager's knowledge only).
    pub distress: bool,
    /// The escalation criteria hold (the manager's knowledge only).
    pub escalation: bool,
}

impl Default for Input<'_> {
    fn default() -> Self {
        Input {
            drivers: &[],
            pressure_points: &[],
            signs: &[],
            adopted: &[],
            debrief_written: false,
            trend: Trend::TooEarly,
            distress: false,
            escalation: false,
        }
    }
}

/// When a rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    NoDebriefNote,
    DebriefNoteWritten,
    NotRecovering,
    Distress,
    DriverRecorded(Driver),
    EscalationSuggested,
}

impl When {
    pub fn holds(self, input: &Input) -> bool {
        match self {
            When::NoDebriefNote => !input.debrief_written,
            When::DebriefNoteWritten => input.debrief_written,
            When::NotRecovering => input.trend != Trend::Recovering,
            When::Distress => input.distress,
            When::DriverRecorded(d) => input.drivers.contains(&d),
            When::EscalationSuggested => input.escalation,
        }
    }
}

/// What a rule does to its move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Suggested first, with this reason before the table's.
    First(Words),
    /// Not suggested.
    LeftOut,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub when: When,
    pub to: Move,
    pub then: Then,
}

/// Why the debrief comes first while it has not been held.
pub const DEBRIEF_FIRST: Words = Words {
    manager: "No debrief has been held yet: after a visible failure, a calm, private look at the facts comes before anything else.",
    report: "There has not been a debrief yet: after a visible failure, a calm, private look at the facts comes before anything else.",
};

/// The rules (see the module docs).
pub const RULES: [Rule; 6] = [
    Rule {
        when: When::NoDebriefNote,
        to: Move::CalmDebrief,
        then: Then::First(DEBRIEF_FIRST),
    },
    Rule {
        when: When::DebriefNoteWritten,
        to: Move::CalmDebrief,
        then: Then::LeftOut,
    },
    Rule {
        when: When::NotRecovering,
        to: Move::PublicRecognition,
        then: Then::LeftOut,
    },
    Rule {
        when: When::Distress,
        to: Move::PublicRecognition,
        then: Then::LeftOut,
    },
    Rule {
        when: When::DriverRecorded(Driver::Social),
        to: Move::PublicRecognition,
        then: Then::LeftOut,
    },
    Rule {
        when: When::EscalationSuggested,
        to: Move::PublicRecognition,
        then: Then::LeftOut,
    },
];

/// Points for one row of the table.
fn points(trigger: Trigger, weight: u32, input: &Input) -> u32 {
    match trigger {
        Trigger::Driver(d) => u32::from(input.drivers.contains(&d)) * weight * 3,
        Trigger::Pressure(p) => u32::from(input.pressure_points.contains(&p)) * weight * 3,
        Trigger::Sign(sg) => input
            .signs
            .iter()
            .find(|(s, _)| *s == sg)
            .map_or(0, |(_, level)| weight * u32::from(*level)),
    }
}

/// Ranks the moves for `input`, the reasons in `reader`'s words (see the
/// module docs).
pub fn rank(input: &Input, reader: Reader) -> Vec<Suggestion> {
    let applying: Vec<&Rule> = RULES.iter().filter(|r| r.when.holds(input)).collect();
    // (place: the first rule that put it first, else after all of them; suggestion)
    let mut out: Vec<(usize, Suggestion)> = Vec::new();
    for to in Move::ALL {
        let mine = || applying.iter().filter(|r| r.to == to);
        if input.adopted.contains(&to) || mine().any(|r| r.then == Then::LeftOut) {
            continue;
        }
        let mut contributions: Vec<(u32, &'static str)> = rows()
            .filter(|row| row.to == to)
            .map(|row| {
                let p = points(row.trigger, row.weight, input);
                (p, row.reason.for_reader(reader))
            })
            .filter(|(p, _)| *p > 0)
            .collect();
        // Stable: equal contributions keep the table's order.
        contributions.sort_by_key(|c| std::cmp::Reverse(c.0));
        let score: u32 = contributions.iter().map(|c| c.0).sum();
        let first = mine().find_map(|r| match r.then {
            Then::First(why) => Some(why.for_reader(reader)),
            Then::LeftOut => None,
        });
        let mut reasons: Vec<&'static str> = first.into_iter().collect();
        reasons.extend(contributions.into_iter().map(|c| c.1));
        let place = match first {
            Some(_) => RULES
                .iter()
                .position(|r| r.to == to && matches!(r.then, Then::First(_)))
                .unwrap_or(0),
            None => RULES.len(),
        };
        if score > 0 || first.is_some() {
            out.push((place, Suggestion { to, score, reasons }));
        }
    }
    // Stable: ties keep the order of `Move::ALL`.
    out.sort_by_key(|(place, s)| (*place, std::cmp::Reverse(s.score)));
    out.into_iter().map(|(_, s)| s).collect()
}
