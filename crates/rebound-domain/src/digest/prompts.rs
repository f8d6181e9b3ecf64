//! The digest's question: that Monday's prompt from the year of prompts
//! ([`crate::prompt`]), with the week's theme. Ours, the same for everyone
//! that week, never anything the person wrote.

use crate::prompt::{Prompt, prompt_for};
use jiff::civil::Date;

/// The prompt for the week starting `monday` (any day of the week gives
/// that week's Monday prompt).
pub fn prompt_for_week(monday: Date) -> Option<Prompt> {
    let back = i64::from(monday.weekday().to_monday_zero_offset());
    let monday = monday
        .checked_sub(jiff::Span::new().days(back))
        .unwrap_or(monday);
    prompt_for(monday)
}

/// The digest's line for it: the question, then the week's theme.
pub fn prompt_line(p: &Prompt) -> String {
    format!("{} (This week's theme: {}.)", p.text, p.theme)
}
