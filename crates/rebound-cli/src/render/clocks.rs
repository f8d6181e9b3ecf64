//! Words for the clocks: time left, how late, and misses that stay missed.

use jiff::Zoned;
use rebound_domain::when::{format_clock, format_duration};
use rebound_domain::{Mistake, TargetClock, TargetStatus, UpdateClock};
use std::time::Duration;

fn dur(secs: u64) -> String {
    format_duration(Duration::from_secs(secs))
}

/// One target clock, e.g. "due 14:20, 12 min left" or "missed: written 22 min after detection, 7 min late".
pub fn target(clock: &TargetClock, done_word: &str, now: &Zoned) -> String {
    match clock.status {
        TargetStatus::Met { after_secs } => {
            format!("{done_word} {} after detection ✓", dur(after_secs))
        }
        TargetStatus::Missed {
            after_secs,
            late_by_secs,
        } => format!(
            "missed: {done_word} {} after detection, {} late",
            dur(after_secs),
            dur(late_by_secs)
        ),
        TargetStatus::Running { left_secs } => {
            format!(
                "due {}, {} left",
                format_clock(clock.due, now),
                dur(left_secs)
            )
        }
        TargetStatus::Overdue { late_by_secs } => {
            format!(
                "LATE by {} (was due {})",
                dur(late_by_secs),
                format_clock(clock.due, now)
            )
        }
    }
}

pub fn update(clock: &UpdateClock, now: &Zoned) -> String {
    if clock.overdue {
        format!(
            "OVERDUE by {} (was due {})",
            dur(clock.secs),
            format_clock(clock.due, now)
        )
    } else {
        format!(
            "due {}, {} left",
            format_clock(clock.due, now),
            dur(clock.secs)
        )
    }
}

/// The clocks in one line, for after `oops`.
pub fn clock_summary(m: &Mistake, now: &Zoned) -> String {
    let c = m.clocks(now.timestamp());
    let mut parts = vec![
        format!("Timeline (15 min): {}", target(&c.timeline, "written", now)),
        format!("note (30 min): {}", target(&c.note, "written", now)),
    ];
    if let Some(u) = &c.next_update {
        parts.push(format!("next update {}", update(u, now)));
    }
    parts.join(" · ")
}
