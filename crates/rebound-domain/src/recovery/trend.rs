//! The trend of a plan across check-ins, by one documented rule.
//!
//! Each check-in's **total** is the sum of its ten sign levels (0–30;
//! lower is better). The latest total is compared with a **baseline**: the
//! mean of the totals of the (up to) two check-ins before it.
//!
//! | condition (in this order)                               | trend       |
//! | ------------------------------------------------------- | ----------- |
//! | fewer than two check-ins                                | too early   |
//! | latest − baseline ≥ 2                                   | worsening   |
//! | latest − baseline ≤ −2, or the latest total is 2 or less | recovering  |
//! | otherwise                                               | stalled     |
//!
//! Two points is a real change on a 30-point scale (one sign moving from
//! "a little" to "strongly", or two signs by one step each), while one
//! point either way is read as noise. Averaging two earlier check-ins keeps
//! one unusual week from deciding the trend alone. A plan whose signs have
//! almost gone is recovering even when nothing moves any more.
//!
//! The person the plan supports reads the same trend in their own words
//! (`describe_for(Reader::Report)`, `word_to_you`): calm, and never an alarm.

use super::moves::Reader;
use super::plan::CheckIn;
use serde::{Deserialize, Serialize};

/// A change of at least this many points counts.
pub const THRESHOLD: f64 = 2.0;
/// At or below this total the signs have almost gone.
pub const NEARLY_CLEAR: u32 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Trend {
    TooEarly,
    Recovering,
    Stalled,
    Worsening,
}

impl Trend {
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::TooEarly => "too_early",
            Trend::Recovering => "recovering",
            Trend::Stalled => "stalled",
            Trend::Worsening => "worsening",
        }
    }

    /// A calm sentence for people.
    pub fn describe(self) -> &'static str {
        match self {
            Trend::TooEarly => "Two check-ins are needed before a trend shows.",
            Trend::Recovering => "Recovering: the signs are easing.",
            Trend::Stalled => {
                "Stalled: the signs are about where they were. Worth trying a different move."
            }
            Trend::Worsening => {
                "Worsening: the signs are stronger than at the last check-ins. Worth talking about what has changed."
            }
        }
    }

    /// The sentence for `reader`.
    pub fn describe_for(self, reader: Reader) -> &'static str {
        match reader {
            Reader::Manager => self.describe(),
            Reader::Report => self.describe_to_you(),
        }
    }

    /// The same, said to the person the plan supports.
    pub fn describe_to_you(self) -> &'static str {
        match self {
            Trend::TooEarly => "A trend shows after two check-ins.",
            Trend::Recovering => {
                "Things are easing: the signs are lighter than at your last check-ins."
            }
            Trend::Stalled => {
                "Things are about where they were, which is common for a while. Your next one-on-one is a good place to talk about what would help."
            }
            Trend::Worsening => {
                "The latest check-in found things harder than before. That happens on the way back; it is worth talking through together at your next one-on-one."
            }
        }
    }

    /// A word or two for the person's own view.
    pub fn word_to_you(self) -> &'static str {
        match self {
            Trend::TooEarly => "Too early to tell",
            Trend::Recovering => "Easing",
            Trend::Stalled => "About the same",
            Trend::Worsening => "Harder lately",
        }
    }
}

/// The rule from the module docs, over check-ins oldest first.
pub fn of(check_ins: &[CheckIn]) -> Trend {
    let totals: Vec<u32> = check_ins.iter().map(CheckIn::total).collect();
    of_totals(&totals)
}

/// The same rule over the totals alone.
pub fn of_totals(totals: &[u32]) -> Trend {
    let Some((&latest, before)) = totals.split_last() else {
        return Trend::TooEarly;
    };
    if before.is_empty() {
        return Trend::TooEarly;
    }
    let window = &before[before.len().saturating_sub(2)..];
    let baseline = window.iter().map(|t| f64::from(*t)).sum::<f64>() / window.len() as f64;
    let delta = f64::from(latest) - baseline;
    if delta >= THRESHOLD {
        Trend::Worsening
    } else if delta <= -THRESHOLD || latest <= NEARLY_CLEAR {
        Trend::Recovering
    } else {
        Trend::Stalled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reports_words_are_calm_and_speak_to_them() {
        for t in [
            Trend::TooEarly,
            Trend::Recovering,
            Trend::Stalled,
            Trend::Worsening,
        ] {
            let words = format!("{} {}", t.word_to_you(), t.describe_to_you());
            assert!(!words.to_lowercase().contains("worsening"), "{words}");
            assert!(!words.contains("They "), "{words}");
            assert_eq!(t.describe_for(Reader::Manager), t.describe());
            assert_eq!(t.describe_for(Reader::Report), t.describe_to_you());
        }
        assert!(
            Trend::Worsening
                .describe_to_you()
                .contains("your next one-on-one")
        );
    }

    #[test]
    fn one_check_in_is_too_early() {
        assert_eq!(of_totals(&[]), Trend::TooEarly);
        assert_eq!(of_totals(&[12]), Trend::TooEarly);
    }

    #[test]
    fn a_drop_of_two_is_recovering_and_of_one_is_stalled() {
        assert_eq!(of_totals(&[12, 10]), Trend::Recovering);
        assert_eq!(of_totals(&[12, 11]), Trend::Stalled);
        assert_eq!(of_totals(&[12, 12]), Trend::Stalled);
    }

    #[test]
    fn a_rise_of_two_is_worsening_and_of_one_is_stalled() {
        assert_eq!(of_totals(&[10, 12]), Trend::Worsening);
        assert_eq!(of_totals(&[10, 11]), Trend::Stalled);
    }

    #[test]
    fn the_baseline_is_the_mean_of_the_two_before_the_latest() {
        // Baseline (14 + 10) / 2 = 12: 10 is a drop of 2.
        assert_eq!(of_totals(&[30, 14, 10, 10]), Trend::Recovering);
        // Baseline (10 + 12) / 2 = 11: 12 is a rise of only 1.
        assert_eq!(of_totals(&[20, 10, 12, 12]), Trend::Stalled);
        // The oldest check-in no longer counts: (8 + 8) / 2 = 8, 10 is +2.
        assert_eq!(of_totals(&[30, 8, 8, 10]), Trend::Worsening);
    }

    #[test]
    fn signs_almost_gone_is_recovering_even_when_flat_but_not_when_rising() {
        assert_eq!(of_totals(&[2, 2]), Trend::Recovering);
        assert_eq!(of_totals(&[0, 0]), Trend::Recovering);
        assert_eq!(of_totals(&[0, 2]), Trend::Worsening);
        assert_eq!(of_totals(&[3, 3]), Trend::Stalled);
    }
}
