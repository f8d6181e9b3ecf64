//! The vocabulary of a recovery plan (domain.md §6): the drivers that make
//! a visible failure hard to recover from, the pressure points that set it
//! off, and the ten signs a manager can observe at a one-on-one, each
//! scored 0–3.
//!
//! These are observations of behaviour at work, never judgements about a
//! person's health: the labels say what was seen, not what it means.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An unknown name for one of the enums below.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{input}': use {choices}")]
pub struct UnknownName {
    pub what: &'static str,
    pub input: String,
    pub choices: String,
}

macro_rules! named_enum {
    ($(#[$doc:meta])* $name:ident, $what:literal, { $($(#[$vdoc:meta])* $variant:ident => ($key:literal, $label:literal)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable name used in the API, storage and forms.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            /// Words for people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim().replace('-', "_");
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(&wanted))
                    .ok_or_else(|| UnknownName {
                        what: $what,
                        input: s.trim().to_string(),
                        choices: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    })
            }
        }
    };
}

named_enum!(
    /// What makes it hard to recover; often several, one dominant.
    Driver, "driver", {
        /// Reading the failure as internal, stable and global ("I am bad at this").
        Cognitive => ("cognitive", "Cognitive: reads the failure as who they are"),
        /// Reputation and fear of judgement.
        Social => ("social", "Social: worried about reputation and judgement"),
        /// A public, high-stakes failure with no debrief ritual.
        Environmental => ("environmental", "Environmental: public, high stakes, no debrief ritual"),
        /// Unclear feedback, an ambiguous cause.
        Process => ("process", "Process: unclear feedback or an ambiguous cause"),
        /// Pressure to perform again right away.
        Workload => ("workload", "Workload: pressure to perform again right away"),
        /// Risk-taking implicitly punished.
        Cultural => ("cultural", "Cultural: trying things feels punished here"),
        /// The failure exposed a real gap in skill.
        SkillGap => ("skill_gap", "Skill gap: the failure exposed something to learn"),
    }
);

named_enum!(
    /// What set the loss of confidence off.
    PressurePoint, "pressure point", {
        PublicMistake => ("public_mistake", "A public mistake in a high-visibility moment"),
        OutcomeOnlyFeedback => ("outcome_only_feedback", "Negative feedback on the outcome only, with no next steps"),
        CancelledProject => ("cancelled_project", "A project cancelled after heavy investment"),
        PeerComparison => ("peer_comparison", "Comparison with peers who succeeded"),
        TightTimelines => ("tight_timelines", "Tight timelines with no room to learn"),
        PublicReprimand => ("public_reprimand", "A reprimand in front of colleagues"),
        AmbiguousCause => ("ambiguous_cause", "An ambiguous cause"),
        RoleChange => ("role_change", "A sudden change in role or scope"),
    }
);

named_enum!(
    /// The ten signs a manager can observe, each scored at every check-in.
    Sign, "sign", {
        FewerVolunteers => ("fewer_volunteers", "Volunteers less for visible or stretch work"),
        ExcessiveSignOff => ("excessive_sign_off", "Seeks sign-off more than the work needs"),
        OverCaution => ("over_caution", "Over-cautious, waiting for perfect data"),
        SpeakingLess => ("speaking_less", "Speaks less in meetings"),
        DefensiveTone => ("defensive_tone", "Defensive or over-apologetic after small slips"),
        LowRiskDrift => ("low_risk_drift", "Drifts to low-risk, low-visibility tasks"),
        MoreShadowing => ("more_shadowing", "Asks for more mentoring or shadowing on similar tasks"),
        LessOwnership => ("less_ownership", "Takes less ownership of work near the failure"),
        LeaderMicromanaging => ("leader_micromanaging", "Leaders have started to micromanage their work"),
        RepeatedRework => ("repeated_rework", "Repeated rework despite guidance"),
    }
);

/// How strongly a sign showed since the last check-in.
pub const MAX_LEVEL: u8 = 3;

/// Words for each level, 0 to 3.
pub fn level_label(level: u8) -> &'static str {
    match level {
        0 => "not seen",
        1 => "a little",
        2 => "clearly",
        _ => "strongly",
    }
}

/// The signs that together mean someone is pulling back from work
/// (used by the escalation rule).
pub const WITHDRAWAL: [Sign; 4] = [
    Sign::FewerVolunteers,
    Sign::SpeakingLess,
    Sign::LowRiskDrift,
    Sign::LessOwnership,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_ten_signs_seven_drivers_and_eight_pressure_points() {
        assert_eq!(Sign::ALL.len(), 10);
        assert_eq!(Driver::ALL.len(), 7);
        assert_eq!(PressurePoint::ALL.len(), 8);
    }

    #[test]
    fn names_round_trip_and_forgive_case_and_dashes() {
        for s in Sign::ALL {
            assert_eq!(s.as_str().parse::<Sign>(), Ok(*s));
        }
        for d in Driver::ALL {
            assert_eq!(d.as_str().parse::<Driver>(), Ok(*d));
        }
        for p in PressurePoint::ALL {
            assert_eq!(p.as_str().parse::<PressurePoint>(), Ok(*p));
        }
        assert_eq!("Skill-Gap".parse::<Driver>(), Ok(Driver::SkillGap));
        let err = "lazy".parse::<Driver>().unwrap_err().to_string();
        assert!(
            err.starts_with("unknown driver 'lazy': use cognitive, social"),
            "{err}"
        );
    }

    #[test]
    fn serde_uses_the_stable_names() {
        assert_eq!(
            serde_json::to_string(&Sign::LeaderMicromanaging).unwrap(),
            "\"leader_micromanaging\""
        );
        assert_eq!(
            serde_json::from_str::<Driver>("\"skill_gap\"").unwrap(),
            Driver::SkillGap
        );
    }

    #[test]
    fn levels_have_words() {
        assert_eq!(
            (0..=MAX_LEVEL).map(level_label).collect::<Vec<_>>(),
            ["not seen", "a little", "clearly", "strongly"]
        );
    }
}
