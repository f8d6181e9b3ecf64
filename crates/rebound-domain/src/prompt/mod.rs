//! A prompt a day: the year of weekday reflection prompts in
//! `prompts/prompts.toml` (52 themed weeks of five, compiled in, parsed
//! once), and which one belongs to a date.
//!
//! The weekdays cycle through the 260 prompts in order, from Monday
//! 2024-01-01 ([`EPOCH`], prompt 1 of week 1), and start again after the
//! last: each Monday opens a prompt week, so a week's five prompts share
//! its theme. A Saturday or Sunday has no prompt of its own: Friday's
//! stays until Monday (every door shows it, and an answer written then
//! answers Friday's). Everyone gets the same prompt on a day, so a team
//! can talk about it.

#[cfg(test)]
mod tests;

use jiff::civil::{Date, Weekday, date};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The Monday the cycle counts from: prompt 1 of week 1.
pub const EPOCH: Date = date(2024, 1, 1);
/// Prompts a week: Monday to Friday.
pub const PER_WEEK: usize = 5;

const SOURCE: &str = include_str!("../../prompts/prompts.toml");

/// One day's prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Prompt {
    /// The prompt week, 1 to 52.
    pub week: u8,
    pub theme: &'static str,
    pub text: &'static str,
    /// The weekday it is for (a weekend shows Friday's).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-11"))]
    pub date: Date,
    /// Its place in the week, 1 (Monday) to 5 (Friday).
    pub day: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    week: Vec<Week>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Week {
    number: u8,
    theme: String,
    prompts: Vec<String>,
}

/// Every week's theme and prompts, in order; a malformed file is empty
/// here and fails `tests::the_year_parses`.
fn weeks() -> &'static [(u8, &'static str, Vec<&'static str>)] {
    static WEEKS: OnceLock<Vec<(u8, &'static str, Vec<&'static str>)>> = OnceLock::new();
    WEEKS.get_or_init(|| {
        let Ok(file) = toml::from_str::<File>(SOURCE) else {
            return Vec::new();
        };
        let ok = !file.week.is_empty()
            && file
                .week
                .iter()
                .enumerate()
                .all(|(i, w)| usize::from(w.number) == i + 1 && w.prompts.len() == PER_WEEK);
        if !ok {
            return Vec::new();
        }
        // Parsed once for the life of the process: leaking keeps `Prompt`
        // a plain `Copy` value with `'static` text.
        file.week
            .into_iter()
            .map(|w| {
                let theme: &'static str = Box::leak(w.theme.into_boxed_str());
                let prompts = w
                    .prompts
                    .into_iter()
                    .map(|p| &*Box::leak(p.into_boxed_str()))
                    .collect();
                (w.number, theme, prompts)
            })
            .collect()
    })
}

/// How many prompts the year holds (260 when the file is whole).
pub fn count() -> usize {
    weeks().len() * PER_WEEK
}

/// Every prompt in order, as the weekdays from [`EPOCH`] meet them.
pub fn all() -> impl Iterator<Item = (u8, &'static str, &'static str)> {
    weeks()
        .iter()
        .flat_map(|(n, theme, ps)| ps.iter().map(move |p| (*n, *theme, *p)))
}

/// The weekday whose prompt `day` shows: itself, or the Friday before a
/// Saturday or Sunday.
pub fn prompt_day(day: Date) -> Date {
    let back = match day.weekday() {
        Weekday::Saturday => 1,
        Weekday::Sunday => 2,
        _ => 0,
    };
    day.checked_sub(jiff::Span::new().days(back)).unwrap_or(day)
}

/// The prompt for `day` (in the person's own calendar). `None` only if the
/// compiled-in file were malformed, which a test rules out.
pub fn prompt_for(day: Date) -> Option<Prompt> {
    let weeks = weeks();
    if weeks.is_empty() {
        return None;
    }
    let shown = prompt_day(day);
    let days = i64::from((shown - EPOCH).get_days());
    let weekday = i64::from(shown.weekday().to_monday_zero_offset());
    let per_week = PER_WEEK as i64;
    let n = (days.div_euclid(7) * per_week + weekday).rem_euclid(weeks.len() as i64 * per_week);
    let (week, theme, prompts) = &weeks[usize::try_from(n / per_week).ok()?];
    let at = usize::try_from(n % per_week).ok()?;
    Some(Prompt {
        week: *week,
        theme,
        text: prompts[at],
        date: shown,
        day: u8::try_from(at + 1).ok()?,
    })
}
