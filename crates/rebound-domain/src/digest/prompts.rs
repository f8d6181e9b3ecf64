//! One question a week, ours, the same for everyone who gets it: about
//! lessons that make people careful rather than cautious, and coming back
//! stronger. Never anything the person wrote.

use crate::id::UserId;
use jiff::civil::{Date, date};

pub const PROMPTS: [&str; 8] = [
    "Which risk from a past mistake would you take again, and what would you put in place first this time?",
    "Think of a lesson you wrote down. Is it still about one specific error, or has it grown into a reason not to try?",
    "Where have you held back since a mistake? What would a careful way of going ahead look like?",
    "Which step would have caught your last mistake sooner, and is it in place now?",
    "Which decision are you waiting on more information for, and how much would be enough to act?",
    "What is one small piece of good work you can finish and show this week?",
    "Who helped you recover from a setback, and whom could you help the same way?",
    "What do you know now that you did not know before your last mistake, and where can it help this week?",
];

/// The question for `user` in the week starting `monday`: a step through
/// [`PROMPTS`] each week, from a place that depends on the person, so one
/// team does not all get the same question on the same day.
pub fn prompt_for_week(user: &UserId, monday: Date) -> &'static str {
    // Weeks counted from a Monday; days of the week fall in the same week.
    let days = monday.duration_since(date(1970, 1, 5)).as_secs() / 86_400;
    let week = days.div_euclid(7);
    let len = PROMPTS.len() as i64;
    let at = (week.rem_euclid(len) + i64::from(offset(user)) % len) % len;
    PROMPTS[usize::try_from(at).unwrap_or(0)]
}

/// FNV-1a over the id: stable across builds and platforms, unlike std's
/// hasher, so a person's rotation never jumps after an upgrade.
fn offset(user: &UserId) -> u32 {
    user.as_str().bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}
