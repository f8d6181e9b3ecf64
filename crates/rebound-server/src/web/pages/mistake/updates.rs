//! Progress updates: what has been said so far, when the next one is due,
//! and for the owner, posting one, choosing the cadence, or promising the
//! next update for a later time (a snooze).

use super::fields::local_time;
use super::page::{View, after, after_keeping};
use crate::error::ApiError;
use crate::mistakes::updates::{ScheduleBody, UpdateBody};
use crate::precondition::Expect;
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::Form;
use crate::web::layout::{alert, csrf_field, version_field};
use crate::web::me::Me;
use crate::web::widgets::{date, update_items, update_pill};
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use rebound_domain::Cadence;
use rebound_domain::when::format_duration;
use serde::Deserialize;

fn cadence_text(v: &View) -> String {
    match v.m.cadence {
        Cadence::None => "No regular updates.".into(),
        c => match c.interval(v.m.severity) {
            Some(d) => format!(
                "Every {}{}.",
                format_duration(d),
                if c == Cadence::Default {
                    format!(" (the usual for {} severity)", v.m.severity.as_str())
                } else {
                    String::new()
                }
            ),
            None => "No regular updates.".into(),
        },
    }
}

pub fn section(v: &View) -> Markup {
    let m = v.m;
    let clocks = m.clocks(v.now.timestamp());
    let (kind, minutes) = match m.cadence {
        Cadence::Default => ("default", String::new()),
        Cadence::Every(n) => ("every", n.to_string()),
        Cadence::None => ("none", String::new()),
    };
    html! {
        section.card #updates aria-labelledby="updates-title" {
            h2 #updates-title { "Updates" }
            p {
                strong { "Cadence: " } (cadence_text(v)) " "
                @if let Some(u) = &clocks.next_update { (update_pill(u, v.now)) }
            }
            @if v.owner {
                p.muted { "Short, regular news keeps trust, even when the news is \"still working on it\"." }
            }
            (alert(v.problem_in("updates")))
            @if m.updates.is_empty() {
                p.muted { "No updates yet." }
            } @else {
                (update_items(&m.updates, |at| date(at, v.now)))
                // Only the newest are read with the page (`RECENT_UPDATES`).
                @if let (true, Some(oldest)) = (m.older_updates > 0, m.updates.first()) {
                    p {
                        a href={ "/m/" (m.id) "/updates?before=" (oldest.id) } {
                            "Older updates (" (m.older_updates) ")"
                        }
                    }
                }
            }
            @if v.owner {
                form method="post" action=(v.action("updates")) {
                    (csrf_field(v.csrf))
                    label for="update-text" { "Post an update" span.hint { "Where things stand and what happens next. Markdown works." } }
                    textarea #update-text name="text" rows="3" required maxlength="20000" {
                        (v.kept("updates", "text").unwrap_or(""))
                    }
                    button type="submit" { "Post the update" }
                }
                div.schedule {
                    form method="post" action=(v.action("updates/schedule")) {
                        (csrf_field(v.csrf))
                        (version_field("cadence-version", m.version))
                        fieldset {
                            legend { "How often to post updates" }
                            label.check {
                                input type="radio" name="cadence" value="default" checked[kind == "default"];
                                span { "The usual for this severity" }
                            }
                            label.check {
                                input type="radio" name="cadence" value="every" checked[kind == "every"];
                                span { "Every so many minutes (set below)" }
                            }
                            label for="cadence-minutes" { "Minutes between updates" span.hint { "From 5 minutes to 30 days (43200)." } }
                            input #cadence-minutes type="number" name="minutes" min="5" max="43200" step="1" inputmode="numeric" value=(minutes);
                            label.check {
                                input type="radio" name="cadence" value="none" checked[kind == "none"];
                                span { "No regular updates" }
                            }
                        }
                        button.secondary type="submit" { "Save the cadence" }
                    }
                    form method="post" action=(v.action("updates/schedule")) {
                        (csrf_field(v.csrf))
                        (version_field("snooze-version", m.version))
                        label for="snooze-until" { "Promise the next update by" span.hint { "When there is nothing new yet, say when there will be." } }
                        input #snooze-until type="datetime-local" name="snooze_until" required;
                        button.secondary type="submit" { "Set the next update" }
                    }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct UpdateForm {
    #[serde(default)]
    text: String,
}

pub async fn post(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<UpdateForm>,
) -> WebResult<Response> {
    let kept = vec![("text".to_string(), f.text.clone())];
    let outcome = crate::mistakes::updates::post_update(
        &state,
        &me.user,
        &id,
        &crate::precondition::Expect::any(),
        UpdateBody { text: f.text },
    )
    .await
    .map(drop);
    after_keeping(&state, &me, &id, "updates", outcome, kept).await
}

#[derive(Deserialize)]
pub struct ScheduleForm {
    cadence: Option<String>,
    minutes: Option<String>,
    snooze_until: Option<String>,
    version: Option<String>,
}

fn schedule_body(f: &ScheduleForm, now: &jiff::Zoned) -> Result<ScheduleBody, ApiError> {
    let cadence = match f.cadence.as_deref().map(str::trim) {
        None | Some("") => None,
        Some("default") => Some(Cadence::Default),
        Some("none") => Some(Cadence::None),
        Some("every") => {
            let minutes = f
                .minutes
                .as_deref()
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .ok_or_else(|| ApiError::unprocessable("give the minutes between updates"))?
                .parse::<u32>()
                .map_err(|_| {
                    ApiError::unprocessable("the minutes between updates must be a whole number")
                })?;
            Some(Cadence::Every(minutes))
        }
        Some(other) => {
            return Err(ApiError::unprocessable(format!(
                "unknown cadence '{other}': choose one of the options"
            )));
        }
    };
    let snooze_until = local_time(f.snooze_until.as_deref(), now, "the next update time")?;
    if cadence.is_none() && snooze_until.is_none() {
        return Err(ApiError::unprocessable(
            "choose a cadence or a time for the next update",
        ));
    }
    Ok(ScheduleBody {
        cadence,
        snooze_until,
    })
}

pub async fn schedule(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<ScheduleForm>,
) -> WebResult<Response> {
    let now = state.clock.now_for(&me.user);
    let outcome = match schedule_body(&f, &now) {
        Ok(body) => crate::mistakes::updates::set_schedule(
            &state,
            &me.user,
            &id,
            &Expect::from_form(f.version.as_deref()),
            body,
        )
        .await
        .map(drop),
        Err(e) => Err(e),
    };
    after(&state, &me, &id, "updates", outcome).await
}
