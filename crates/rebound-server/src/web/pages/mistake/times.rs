//! When it started and when it was noticed, in the record's head: the
//! clocks derived from them (time undetected, time to own), and for the
//! owner a small form to correct either. The correction is the facts
//! operation the API's PATCH runs, so the heads-up is redrafted (unless
//! edited by hand), the change is audited like every other edit, and each
//! corrected time keeps its earlier value, listed under "Times corrected".

use super::fields::{written_time, written_value};
use super::page::{View, after_keeping};
use crate::mistakes::facts::PatchBody;
use crate::precondition::Expect;
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::Form;
use crate::web::layout::{alert, csrf_field, version_field};
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use rebound_domain::when::format_duration;
use serde::Deserialize;
use std::time::Duration;

pub fn facts(v: &View) -> Markup {
    let m = v.m;
    let clocks = m.clocks(v.now.timestamp());
    let dur = |secs: u64| format_duration(Duration::from_secs(secs));
    let problem = v.problem_in("times");
    let kept = |field: &str, saved| {
        v.kept("times", field)
            .map_or_else(|| written_value(saved, v.now), str::to_string)
    };
    html! {
        @if let (Some(started), Some(undetected)) = (m.started_at, clocks.time_undetected_secs) {
            p.muted { "Started " (date(started, v.now)) " · undetected for " (dur(undetected)) }
        }
        @if let Some(own) = clocks.time_to_own_secs {
            p.muted { "Time to own: " (dur(own)) }
        }
        @if !m.time_corrections.is_empty() {
            details.earlier #times-history {
                summary { "Times corrected (" (m.time_corrections.len()) ")" }
                ol.plain {
                    @for c in &m.time_corrections {
                        li {
                            (capital(c.field.label())) ": "
                            @if let Some(before) = c.earlier { (date(before, v.now)) } @else { "not known" }
                            " → " (date(c.later, v.now))
                            span.muted { " (corrected " (date(c.corrected_at, v.now)) ")" }
                        }
                    }
                }
            }
        }
        @if v.owner {
            details #times open[problem.is_some()] {
                summary { "Correct when it started or was noticed" }
                (alert(problem))
                form method="post" action=(v.action("times")) {
                    (csrf_field(v.csrf))
                    (version_field("times-version", m.version))
                    label for="times-noticed" { "When you noticed" }
                    input #times-noticed type="text" name="noticed" autocomplete="off" maxlength="100"
                        aria-describedby="times-hint" value=(kept("noticed", Some(m.detected_at)));
                    input type="hidden" name="noticed_shown" value=(written_value(Some(m.detected_at), v.now));
                    label for="times-started" { "When it started" }
                    input #times-started type="text" name="started" autocomplete="off" maxlength="100"
                        aria-describedby="times-hint" value=(kept("started", m.started_at));
                    input type="hidden" name="started_shown" value=(written_value(m.started_at, v.now));
                    p.hint #times-hint { "You can write 9:40, yesterday at 17:45 or an hour ago, in your time zone. An empty field is left as it is. The clocks and the heads-up draft follow the new times." }
                    button type="submit" { "Save the times" }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct TimesForm {
    noticed: Option<String>,
    started: Option<String>,
    /// What each field showed: one sent back as shown is not a correction
    /// (the field holds the minute, the record the millisecond).
    noticed_shown: Option<String>,
    started_shown: Option<String>,
    version: Option<String>,
}

/// `typed`, unless it is what the field showed.
fn changed<'a>(typed: Option<&'a str>, shown: Option<&str>) -> Option<&'a str> {
    typed.filter(|t| Some(t.trim()) != shown.map(str::trim))
}

/// "when it started" → "When it started".
fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub async fn correct(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<TimesForm>,
) -> WebResult<Response> {
    let now = state.clock.now_for(&me.user);
    let kept = vec![
        ("noticed".to_string(), f.noticed.clone().unwrap_or_default()),
        ("started".to_string(), f.started.clone().unwrap_or_default()),
    ];
    let noticed = changed(f.noticed.as_deref(), f.noticed_shown.as_deref());
    let started = changed(f.started.as_deref(), f.started_shown.as_deref());
    let times = written_time(noticed, &now, "when you noticed")
        .and_then(|noticed| Ok((noticed, written_time(started, &now, "when it started")?)));
    let outcome = match times {
        Ok((detected_at, started_at)) => crate::mistakes::facts::revise(
            &state,
            &me.user,
            &id,
            &Expect::from_form(f.version.as_deref()),
            PatchBody {
                detected_at,
                started_at,
                ..PatchBody::default()
            },
        )
        .await
        .map(drop),
        Err(e) => Err(e),
    };
    after_keeping(&state, &me, &id, "times", outcome, kept).await
}
