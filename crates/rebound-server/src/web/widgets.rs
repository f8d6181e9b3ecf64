//! Small pieces shared by pages: dates, state and clock badges.

use jiff::{Timestamp, Zoned};
use maud::{Markup, html};
use rebound_domain::clocks::{TargetClock, TargetStatus, UpdateClock};
use rebound_domain::when::format_duration;
use std::time::Duration;

/// A full date in the reader's time zone, machine-readable too.
pub fn date(at: Timestamp, now: &Zoned) -> Markup {
    let z = at.to_zoned(now.time_zone().clone());
    html! {
        time datetime=(at.to_string()) { (z.strftime("%a %-d %b %Y, %H:%M %Z").to_string()) }
    }
}

pub fn state_pill(state: rebound_domain::State) -> Markup {
    let class = match state {
        rebound_domain::State::Closed => "pill good",
        _ => "pill",
    };
    html! { span class=(class) { (state.as_str()) } }
}

fn mins(secs: u64) -> String {
    format_duration(Duration::from_secs(secs))
}

/// A 15- or 30-minute target: counting down (live with JavaScript), met,
/// or missed — a miss stays visible.
pub fn target_pill(what: &str, c: &TargetClock) -> Markup {
    match c.status {
        TargetStatus::Running { left_secs } => html! {
            span.pill.warn { (what) ": "
                time data-deadline=(c.due.to_string()) datetime=(c.due.to_string()) { (mins(left_secs)) " left" } }
        },
        TargetStatus::Overdue { late_by_secs } => html! {
            span.pill.bad { (what) ": " (mins(late_by_secs)) " over" }
        },
        TargetStatus::Met { after_secs } => html! {
            span.pill.good { (what) " in " (mins(after_secs)) }
        },
        TargetStatus::Missed { after_secs, .. } => html! {
            span.pill.warn { (what) " in " (mins(after_secs)) " (target missed)" }
        },
    }
}

pub fn update_pill(u: &UpdateClock, now: &Zoned) -> Markup {
    html! {
        @if u.overdue {
            span.pill.bad { "Update overdue by " (mins(u.secs)) }
        } @else {
            span.pill { "Next update " (date(u.due, now)) }
        }
    }
}

/// Progress updates (held oldest first) as a list, newest first, each
/// with its date as the page shows dates.
pub fn update_items(
    updates: &[rebound_domain::ProgressUpdate],
    date: impl Fn(Timestamp) -> Markup,
) -> Markup {
    html! {
        ol.plain.items.updates {
            @for u in updates.iter().rev() {
                li {
                    p.muted.small { (date(u.at)) }
                    div.prose { (crate::web::markdown::render(&u.text)) }
                }
            }
        }
    }
}

/// One page of progress updates, newest first, and the link to the page of
/// older ones when any remain (`older` is its address without the cursor):
/// a member's and a guest's pages, each with its own way of showing a date.
pub fn update_page(
    page: &crate::mistakes::older::UpdatePageView,
    date: impl Fn(Timestamp) -> Markup,
    older: &str,
) -> Markup {
    html! {
        section.card aria-label="Progress updates, newest first" {
            @if page.updates.is_empty() {
                p.muted { "No updates here." }
            } @else {
                (update_items(&page.updates, date))
            }
            @if let Some(next) = page.next_before {
                p { a href={ (older) "?before=" (next) } { "Older updates" } }
            }
        }
    }
}
