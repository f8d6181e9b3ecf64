//! The follow-up note: impact (who, how many, since when, what was wrong),
//! containment, the fix and when it ships, prevention, who owns the
//! follow-up, and when the next update is due. Text is Markdown, rendered
//! only through `web::markdown`. The owner edits it in one form.

use super::fields::{local_time, local_value};
use super::page::{View, after_keeping};
use crate::error::ApiError;
use crate::precondition::Expect;
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::{Form, given};
use crate::web::layout::{alert, csrf_field, version_field};
use crate::web::markdown;
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use rebound_domain::note::{FollowUpNote, Impact, PreventionItem, PreventionKind};
use std::collections::HashMap;

/// Empty rows offered for new prevention items.
const NEW_PREVENTION_ROWS: usize = 2;
/// More rows than this in one post are ignored.
const MAX_PREVENTION_ROWS: usize = 50;

fn text(value: &Option<String>) -> Markup {
    html! {
        @match value {
            Some(t) => div.prose { (markdown::render(t)) },
            None => p.muted.missing { "Not written yet" },
        }
    }
}

fn kind_label(k: PreventionKind) -> &'static str {
    match k {
        PreventionKind::Detective => "Detective: finds it sooner next time",
        PreventionKind::Preventive => "Preventive: stops it happening",
        PreventionKind::Corrective => "Corrective: repairs what this one left behind",
    }
}

pub fn section(v: &View) -> Markup {
    let n = &v.m.note;
    let missing = n.missing();
    let next_update = v.m.clocks(v.now.timestamp()).next_update;
    html! {
        section.card #note aria-labelledby="note-title" {
            h2 #note-title { "Follow-up note" }
            @if missing.is_empty() {
                p.notice { "Every section is written." }
            } @else if v.owner {
                p.lead { "What your manager and the people affected need to know. Plain facts are enough; you can change any of it later." }
                p.muted { "Still to write: " (missing.iter().map(|s| s.label()).collect::<Vec<_>>().join(", ")) "." }
            }
            (alert(v.problem_in("note")))
            div.note-view {
                h3 { "Impact" }
                dl.facts {
                    dt { "Who was affected" } dd { (text(&n.impact.who)) }
                    dt { "How many" } dd { (text(&n.impact.how_many)) }
                    dt { "Since" } dd {
                        @match n.impact.since {
                            Some(at) => (date(at, v.now)),
                            None => span.muted { "Not given" },
                        }
                    }
                    dt { "What was wrong" } dd { (text(&n.impact.what_wrong)) }
                }
                h3 { "Containment" }
                (text(&n.containment))
                h3 { "The fix" }
                (text(&n.fix))
                p {
                    strong { "Ships: " }
                    @match n.fix_due {
                        Some(at) => (date(at, v.now)),
                        None => span.muted { "no date yet" },
                    }
                }
                h3 { "Prevention" }
                @if n.prevention.is_empty() {
                    p.muted.missing { "Not written yet" }
                } @else {
                    ul.prevention {
                        @for item in &n.prevention {
                            li {
                                span.pill { (item.kind.as_str()) }
                                div.prose { (markdown::render(&item.text)) }
                            }
                        }
                    }
                }
                h3 { "Owner of the follow-up" }
                (text(&n.owner))
                h3 { "Next update" }
                p {
                    @match &next_update {
                        Some(u) => { "Due " (date(u.due, v.now)) @if u.overdue { " (overdue)" } ". " }
                        None => "No further updates are expected. ",
                    }
                    @if v.owner { a href="#updates" { "Change the schedule" } }
                }
            }
            @if v.owner { (form(v)) }
        }
    }
}

fn form(v: &View) -> Markup {
    let n = &v.m.note;
    // After a refused save, what was typed; otherwise the note as stored.
    let refused = v.problem_in("note").is_some();
    let field = |name: &str, stored: Option<&str>| -> String {
        if refused {
            v.kept("note", name).unwrap_or("").to_string()
        } else {
            stored.unwrap_or("").to_string()
        }
    };
    let s = |name: &str, o: &Option<String>| field(name, o.as_deref());
    let rows = (n.prevention.len() + NEW_PREVENTION_ROWS).min(MAX_PREVENTION_ROWS);
    html! {
        details.edit open[!n.is_complete() || v.problem_in("note").is_some()] {
            summary { "Edit the note" }
            form method="post" action=(v.action("note")) {
                (csrf_field(v.csrf))
                // The version this form shows: a save over someone else's
                // is refused (412) and shown again with what was typed.
                (version_field("note-version", v.m.version))
                p.hint { "You can use Markdown: *emphasis*, lists, links." }
                fieldset {
                    legend { "Impact" }
                    label for="note-who" { "Who was affected" span.hint { "For example: the finance leads, EU customers." } }
                    input #note-who type="text" name="who" value=(s("who", &n.impact.who));
                    label for="note-how-many" { "How many" span.hint { "In your own words: about 40, three teams." } }
                    input #note-how-many type="text" name="how_many" value=(s("how_many", &n.impact.how_many));
                    label for="note-since" { "Since when" }
                    input #note-since type="datetime-local" name="since" value=(field("since", Some(&local_value(n.impact.since, v.now))));
                    label for="note-what-wrong" { "What was wrong" }
                    textarea #note-what-wrong name="what_wrong" rows="3" { (s("what_wrong", &n.impact.what_wrong)) }
                }
                label for="note-containment" { "Containment" span.hint { "What was done to stop it spreading." } }
                textarea #note-containment name="containment" rows="3" { (s("containment", &n.containment)) }
                label for="note-fix" { "The fix" span.hint { "The real repair, not the stopgap." } }
                textarea #note-fix name="fix" rows="3" { (s("fix", &n.fix)) }
                label for="note-fix-due" { "When the fix ships" }
                input #note-fix-due type="datetime-local" name="fix_due" value=(field("fix_due", Some(&local_value(n.fix_due, v.now))));
                fieldset {
                    legend { "Prevention" }
                    p.hint { "What makes this less likely, or caught sooner, next time. Clear a line to remove it." }
                    @for i in 0..rows {
                        @let item = n.prevention.get(i);
                        div.prevention-row {
                            label for={ "note-pk-" (i) } { "Kind of item " (i + 1) }
                            @let kind = field(&format!("prevention_kind_{i}"), item.map(|p| p.kind.as_str()));
                            select id={ "note-pk-" (i) } name={ "prevention_kind_" (i) } {
                                @for k in PreventionKind::ALL {
                                    option value=(k.as_str()) selected[kind == k.as_str() || (kind.is_empty() && k == PreventionKind::Preventive)] { (kind_label(k)) }
                                }
                            }
                            label for={ "note-pt-" (i) } { "Prevention item " (i + 1) }
                            textarea id={ "note-pt-" (i) } name={ "prevention_text_" (i) } rows="2" {
                                (field(&format!("prevention_text_{i}"), item.map(|p| p.text.as_str())))
                            }
                        }
                    }
                }
                label for="note-owner" { "Who owns the follow-up" }
                input #note-owner type="text" name="owner" value=(s("owner", &n.owner));
                button type="submit" { "Save the note" }
            }
        }
    }
}

/// The form as the API's note body.
fn parse(f: &HashMap<String, String>, now: &jiff::Zoned) -> Result<FollowUpNote, ApiError> {
    let field = |k: &str| given(f.get(k).cloned());
    let mut prevention = Vec::new();
    for i in 0..MAX_PREVENTION_ROWS {
        let Some(text) = field(&format!("prevention_text_{i}")) else {
            continue;
        };
        let kind = match field(&format!("prevention_kind_{i}")) {
            Some(k) => k
                .parse::<PreventionKind>()
                .map_err(|e| ApiError::unprocessable(e.to_string()))?,
            None => PreventionKind::Preventive,
        };
        prevention.push(PreventionItem { kind, text });
    }
    Ok(FollowUpNote {
        impact: Impact {
            who: field("who"),
            how_many: field("how_many"),
            since: local_time(f.get("since").map(String::as_str), now, "'since'")?,
            what_wrong: field("what_wrong"),
        },
        containment: field("containment"),
        fix: field("fix"),
        fix_due: local_time(
            f.get("fix_due").map(String::as_str),
            now,
            "when the fix ships",
        )?,
        prevention,
        owner: field("owner"),
    })
}

pub async fn put(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> WebResult<Response> {
    let now = state.clock.now_for(&me.user);
    let kept: Vec<(String, String)> = f
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "csrf" | "version"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let outcome = match parse(&f, &now) {
        Ok(note) => {
            let expect = Expect::from_form(f.get("version").map(String::as_str));
            crate::mistakes::note::save_note(&state, &me.user, &id, &expect, note)
                .await
                .map(drop)
        }
        Err(e) => Err(e),
    };
    after_keeping(&state, &me, &id, "note", outcome, kept).await
}
