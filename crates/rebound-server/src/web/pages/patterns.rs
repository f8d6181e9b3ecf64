//! Your patterns (`/patterns`), yours alone: the same figures as
//! `GET /api/v1/me/patterns` (the page calls `patterns::for_me`), each
//! chart drawn by `web::charts` with its numbers in a table beside it.

use crate::state::AppState;
use crate::web::charts::{self, Bar, month_names, short_span, span};
use crate::web::error::WebResult;
use crate::web::layout;
use crate::web::me::Me;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use maud::{Markup, html};
use rebound_domain::patterns::{ClockTally, LabelCount, Patterns, recurring};

pub fn router() -> Router<AppState> {
    Router::new().route("/patterns", get(page))
}

fn or_none(secs: Option<u64>) -> String {
    secs.map(span).unwrap_or_else(|| "—".into())
}

/// The values of a chart, listed for its description.
fn listed(bars: &[Bar]) -> String {
    let each: Vec<String> = bars
        .iter()
        .map(|b| match b.value {
            Some(_) => format!("{} {}", b.label, b.shown),
            None => format!("{} none", b.label),
        })
        .collect();
    each.join(", ")
}

fn label_bars(counts: &[LabelCount]) -> Vec<Bar> {
    counts
        .iter()
        .map(|c| Bar {
            label: c.label.clone(),
            value: Some(u64::from(c.count)),
            shown: c.count.to_string(),
        })
        .collect()
}

pub async fn page(State(state): State<AppState>, me: Me) -> WebResult<Markup> {
    let p = crate::patterns::for_me(&state, &me.user).await?;
    let body = html! {
        section.card {
            h1 { "Your patterns" }
            p.lead { "How you own, note and learn from your mistakes over time. Only you can see this page." }
            p { a href="/reflections" { "Your reflections" } " · " a href="/manual" { "Operating Manual" } " · " a href="/recovery" { "Wins and self-care" } }
        }
        (owning(&p))
        (clocks(&p))
        (labels(&p))
        (principles(&p))
        (wins(&p))
    };
    Ok(layout::page("Your patterns", &me.nav(), body))
}

fn owning(p: &Patterns) -> Markup {
    let bars: Vec<Bar> = (p.time_to_own.by_month.iter())
        .map(|m| Bar {
            label: month_names(&m.month).0,
            value: m.median_secs,
            shown: m.median_secs.map(short_span).unwrap_or_default(),
        })
        .collect();
    let desc = format!(
        "Median time from detection to the heads-up sent, by month, oldest first: {}.",
        listed(&bars)
    );
    html! {
        section.card aria-labelledby="owning" {
            h2 #owning { "Owning it and writing the note" }
            p {
                "Over " (p.mistakes) " mistakes: a median of " strong #own-median { (or_none(p.time_to_own.median_secs)) }
                " to send the heads-up (" (p.time_to_own.count) " sent), and " strong #note-median { (or_none(p.time_to_note.median_secs)) }
                " to write the note (" (p.time_to_note.count) " written)."
            }
            div.figures {
                figure.chart { (charts::bars("own-chart", "Median time to own, by month", &desc, &bars)) }
                table #own-table {
                    caption { "By the month each mistake was detected" }
                    thead { tr { th scope="col" { "Month" } th scope="col" { "Owned" } th scope="col" { "Median time to own" } th scope="col" { "Median time to note" } } }
                    tbody {
                        @for (own, note) in p.time_to_own.by_month.iter().zip(&p.time_to_note.by_month) {
                            tr { th scope="row" { (month_names(&own.month).1) } td { (own.count) } td { (or_none(own.median_secs)) } td { (or_none(note.median_secs)) } }
                        }
                    }
                }
            }
        }
    }
}

fn clock_row(name: &str, t: &ClockTally) -> Markup {
    html! { tr { th scope="row" { (name) } td { (t.met) } td { (t.missed) } td { (t.running) } } }
}

fn clocks(p: &Patterns) -> Markup {
    let u = &p.updates;
    let bars = vec![
        Bar {
            label: "timeline met".into(),
            value: Some(p.timeline_clock.met.into()),
            shown: p.timeline_clock.met.to_string(),
        },
        Bar {
            label: "missed".into(),
            value: Some(p.timeline_clock.missed.into()),
            shown: p.timeline_clock.missed.to_string(),
        },
        Bar {
            label: "note met".into(),
            value: Some(p.note_clock.met.into()),
            shown: p.note_clock.met.to_string(),
        },
        Bar {
            label: "missed".into(),
            value: Some(p.note_clock.missed.into()),
            shown: p.note_clock.missed.to_string(),
        },
    ];
    let desc = format!(
        "The 15-minute timeline clock met {} times and missed {}; the 30-minute note clock met {} times and missed {}.",
        p.timeline_clock.met, p.timeline_clock.missed, p.note_clock.met, p.note_clock.missed
    );
    html! {
        section.card aria-labelledby="clocks" {
            h2 #clocks { "The first thirty minutes, and updates" }
            div.figures {
                figure.chart { (charts::bars("clock-chart", "Clocks met and missed", &desc, &bars)) }
                table #clock-table {
                    caption { "A clock still running counts as neither yet" }
                    thead { tr { th scope="col" { "Clock" } th scope="col" { "Met" } th scope="col" { "Missed" } th scope="col" { "Running" } } }
                    tbody {
                        (clock_row("Timeline within 15 minutes", &p.timeline_clock))
                        (clock_row("Note within 30 minutes", &p.note_clock))
                    }
                }
            }
            p #updates {
                "Updates on cadence: " strong { (u.on_cadence) } "; late: " strong { (u.late) }
                "; overdue now: " strong { (u.overdue_now) } ". An update is on cadence when it came within one cadence interval of the news before it."
            }
        }
    }
}

fn label_table(id: &str, caption: &str, counts: &[LabelCount]) -> Markup {
    html! {
        table id=(id) {
            caption { (caption) }
            thead { tr { th scope="col" { "Name" } th scope="col" { "Reflections" } } }
            tbody { @for c in counts { tr { th scope="row" { (c.label) } td { (c.count) } } } }
        }
    }
}

fn labels(p: &Patterns) -> Markup {
    let again: Vec<&str> = recurring(&p.traps)
        .into_iter()
        .chain(recurring(&p.failure_types))
        .map(|c| c.label.as_str())
        .collect();
    let traps = label_bars(&p.traps);
    let types = label_bars(&p.failure_types);
    let trap_desc = format!("Reflections naming each trap: {}.", listed(&traps));
    let type_desc = format!("Reflections naming each failure type: {}.", listed(&types));
    html! {
        section.card aria-labelledby="labels" {
            h2 #labels { "Traps and failure types" }
            p {
                "Across " (p.reflections) " reflections. "
                @if again.is_empty() { "Nothing has come back twice yet." }
                @else { "Coming back: " strong #recurring { (again.join(", ")) } "." }
            }
            div.figures {
                figure.chart { (charts::bars("trap-chart", "Traps", &trap_desc, &traps)) }
                (label_table("trap-table", "Reflections naming each trap", &p.traps))
                figure.chart { (charts::bars("type-chart", "Failure types", &type_desc, &types)) }
                (label_table("type-table", "Reflections naming each failure type", &p.failure_types))
            }
        }
    }
}

fn principles(p: &Patterns) -> Markup {
    let t = &p.principles;
    let bars: Vec<Bar> = (t.by_month.iter())
        .map(|m| {
            let all = m.added + m.revised + m.retired;
            Bar {
                label: month_names(&m.month).0,
                value: (all > 0).then_some(all.into()),
                shown: all.to_string(),
            }
        })
        .collect();
    let desc = format!(
        "Principles added, revised or retired, by month: {}.",
        listed(&bars)
    );
    html! {
        section.card aria-labelledby="principles" {
            h2 #principles { "Principles" }
            p #principle-totals { (t.added) " added, " (t.revised) " revisions, " (t.retired) " retired; " (t.active) " you live by now." }
            div.figures {
                figure.chart { (charts::bars("principle-chart", "Principle changes, by month", &desc, &bars)) }
                table #principle-table {
                    caption { "Principles by month" }
                    thead { tr { th scope="col" { "Month" } th scope="col" { "Added" } th scope="col" { "Revised" } th scope="col" { "Retired" } } }
                    tbody {
                        @for m in &t.by_month {
                            tr { th scope="row" { (month_names(&m.month).1) } td { (m.added) } td { (m.revised) } td { (m.retired) } }
                        }
                    }
                }
            }
        }
    }
}

fn wins(p: &Patterns) -> Markup {
    let bars: Vec<Bar> = (p.wins.by_month.iter())
        .map(|m| Bar {
            label: month_names(&m.month).0,
            value: (m.count > 0).then_some(m.count.into()),
            shown: m.count.to_string(),
        })
        .collect();
    let desc = format!("Wins logged, by month: {}.", listed(&bars));
    html! {
        section.card aria-labelledby="wins" {
            h2 #wins { "Wins" }
            p { strong #win-total { (p.wins.total) } " wins logged." }
            div.figures {
                figure.chart { (charts::bars("win-chart", "Wins, by month", &desc, &bars)) }
                table #win-table {
                    caption { "Wins by month" }
                    thead { tr { th scope="col" { "Month" } th scope="col" { "Wins" } } }
                    tbody { @for m in &p.wins.by_month { tr { th scope="row" { (month_names(&m.month).1) } td { (m.count) } } } }
                }
            }
        }
    }
}
