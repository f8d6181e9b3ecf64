//! Who this is shared with: named stakeholders (and whether each has
//! acknowledged the note), others who acknowledged, and the wider list of
//! people affected. The owner names and removes stakeholders and keeps the
//! affected list; anyone else reading it can acknowledge.

use super::page::{View, after};
use crate::mistakes::facts::PatchBody;
use crate::precondition::Expect;
use crate::sharing::stakeholders::AffectedBody;
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::Form;
use crate::web::layout::{alert, csrf_field, version_field};
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use rebound_domain::Visibility;
use serde::Deserialize;

/// Whether the person looking is a named stakeholder.
fn named(v: &View) -> bool {
    v.stakeholders.iter().any(|s| s.user == v.me.id)
}

/// At the top of the page, for a named stakeholder: the one thing asked of
/// them, above the fold on a phone. Once done, a short line says so.
pub fn banner(v: &View) -> Markup {
    let Some(me) = v.stakeholders.iter().find(|s| s.user == v.me.id) else {
        return html! {};
    };
    html! {
        @match me.acknowledged_at {
            Some(at) => p.notice.acknowledged #acknowledge { "You acknowledged this note " (date(at, v.now)) "." },
            None => section.ask #acknowledge aria-labelledby="ask-title" {
                h2 #ask-title { "You were asked to read this" }
                (alert(v.problem_in("acknowledge")))
                form method="post" action=(v.action("acknowledge")) {
                    (csrf_field(v.csrf))
                    p { "When you have read the note, let the owner know." }
                    button type="submit" { "Acknowledge" }
                }
            },
        }
    }
}

pub fn section(v: &View) -> Markup {
    let mine = v
        .acknowledgements
        .iter()
        .find(|a| a.user == v.me.id)
        .map(|a| a.at);
    let others: Vec<_> = v
        .acknowledgements
        .iter()
        .filter(|a| !v.stakeholders.iter().any(|s| s.user == a.user))
        .collect();
    let waiting = v
        .stakeholders
        .iter()
        .filter(|s| s.acknowledged_at.is_none())
        .count();
    let candidates: Vec<_> = v
        .people
        .iter()
        .filter(|u| !v.stakeholders.iter().any(|s| s.user == u.id))
        .collect();
    html! {
        section.card #people aria-labelledby="people-title" {
            h2 #people-title { "People" }
            (alert(v.problem_in("people")))
            // A named stakeholder acknowledges in the banner at the top.
            @if !v.owner && !named(v) {
                div.acknowledge #acknowledge {
                    (alert(v.problem_in("acknowledge")))
                    @match mine {
                        Some(at) => p.notice { "You acknowledged this note " (date(at, v.now)) "." },
                        None => form method="post" action=(v.action("acknowledge")) {
                            (csrf_field(v.csrf))
                            p { "Let the owner know you have read the note." }
                            button type="submit" { "Acknowledge" }
                        },
                    }
                }
            }
            h3 #stakeholders-title { "Stakeholders" }
            @if v.owner && v.m.visibility < Visibility::Stakeholders {
                p.advice { "This record is visible to " (visibility_words(v.m.visibility)) ", so stakeholders you name cannot open it yet." }
            }
            @if v.stakeholders.is_empty() {
                p.muted { "Nobody is named yet." }
            } @else {
                @if v.owner {
                    p.muted { (v.stakeholders.len() - waiting) " of " (v.stakeholders.len()) " acknowledged." }
                }
                ul.plain.items aria-labelledby="stakeholders-title" {
                    @for s in &v.stakeholders {
                        li.row {
                            span.person { (s.display_name.as_str()) }
                            @match s.acknowledged_at {
                                Some(at) => span.ack.yes { span aria-hidden="true" { "✓ " } "Acknowledged " (date(at, v.now)) },
                                None => span.ack.no { span aria-hidden="true" { "… " } "Not acknowledged yet" },
                            }
                            @if v.owner {
                                form.inline method="post" action=(v.action(&format!("stakeholders/{}/remove", s.user))) {
                                    (csrf_field(v.csrf))
                                    button.link type="submit" { "Remove " span.sr-only { (s.display_name.as_str()) " as a stakeholder" } }
                                }
                            }
                        }
                    }
                }
            }
            @if v.owner {
                @if v.people.is_empty() {
                    p.muted { "Nobody else has an account here yet, so there is nobody to name." }
                } @else if candidates.is_empty() {
                    p.muted { "Everyone with an account here is already named." }
                } @else {
                    form method="post" action=(v.action("stakeholders")) {
                        (csrf_field(v.csrf))
                        label for="stakeholder" { "Name a stakeholder" span.hint { "They are told in Rebound and can read the note, updates and comments." } }
                        select #stakeholder name="user" required {
                            option value="" { "Choose someone" }
                            @for u in &candidates {
                                option value=(u.id) { (u.display_name.as_str()) " (" (u.email.as_str()) ")" }
                            }
                        }
                        button.secondary type="submit" { "Add as stakeholder" }
                    }
                }
            }
            @if !others.is_empty() {
                h3 { "Others who acknowledged" }
                ul.plain {
                    @for a in &others {
                        li { (a.display_name.as_str()) " · " (date(a.at, v.now)) }
                    }
                }
            }
            @if v.owner {
                form.visibility method="post" action=(v.action("visibility")) {
                    (csrf_field(v.csrf))
                    (version_field("visibility-version", v.m.version))
                    fieldset {
                        legend { "Who can open this record" }
                        @for choice in Visibility::ALL {
                            label.check {
                                input type="radio" name="visibility" value=(choice.as_str()) checked[choice == v.m.visibility];
                                span { (visibility_choice(choice)) }
                            }
                        }
                    }
                    button.secondary type="submit" { "Save who can see it" }
                }
            }
            h3 #affected-title { "Also affected" }
            @if v.affected.is_empty() {
                p.muted { "Nobody else listed." }
            } @else {
                ul aria-labelledby="affected-title" {
                    @for a in &v.affected { li { (a) } }
                }
            }
            @if v.owner {
                form method="post" action=(v.action("affected")) {
                    (csrf_field(v.csrf))
                    label for="affected-list" { "People or teams affected" span.hint { "One per line: names, teams or email addresses. They have no access through this list." } }
                    textarea #affected-list name="affected" rows="3" { (v.affected.join("\n")) }
                    button.secondary type="submit" { "Save the list" }
                }
            }
        }
    }
}

fn visibility_choice(v: Visibility) -> &'static str {
    match v {
        Visibility::Private => "Only me",
        Visibility::Manager => "Me and my manager",
        Visibility::Stakeholders => "Me, my manager and the stakeholders named here",
        Visibility::Team => "Everyone on my teams",
    }
}

fn visibility_words(v: Visibility) -> &'static str {
    match v {
        Visibility::Private => "you only",
        Visibility::Manager => "you and your manager",
        Visibility::Stakeholders => "you, your manager and the stakeholders",
        Visibility::Team => "your team",
    }
}

#[derive(Deserialize)]
pub struct VisibilityForm {
    #[serde(default)]
    visibility: String,
    version: Option<String>,
}

pub async fn visibility(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<VisibilityForm>,
) -> WebResult<Response> {
    let outcome = match f.visibility.parse::<Visibility>() {
        Ok(visibility) => crate::mistakes::facts::revise(
            &state,
            &me.user,
            &id,
            &Expect::from_form(f.version.as_deref()),
            PatchBody {
                title: None,
                what: None,
                affected: None,
                severity: None,
                detected_at: None,
                started_at: None,
                visibility: Some(visibility),
            },
        )
        .await
        .map(drop),
        Err(e) => Err(crate::error::ApiError::unprocessable(e.to_string())),
    };
    after(&state, &me, &id, "people", outcome).await
}

#[derive(Deserialize)]
pub struct AddForm {
    #[serde(default)]
    user: String,
}

pub async fn add(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<AddForm>,
) -> WebResult<Response> {
    let outcome = if f.user.trim().is_empty() {
        Err(crate::error::ApiError::unprocessable(
            "choose someone to name as a stakeholder",
        ))
    } else {
        crate::sharing::stakeholders::name(&state, &me.user, &id, f.user.trim())
            .await
            .map(drop)
    };
    after(&state, &me, &id, "people", outcome).await
}

pub async fn remove(
    State(state): State<AppState>,
    me: Me,
    Path((id, user)): Path<(String, String)>,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    let outcome = crate::sharing::stakeholders::unname(&state, &me.user, &id, &user)
        .await
        .map(drop);
    after(&state, &me, &id, "people", outcome).await
}

#[derive(Deserialize)]
pub struct AffectedForm {
    #[serde(default)]
    affected: String,
}

pub async fn affected(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<AffectedForm>,
) -> WebResult<Response> {
    let list = f.affected.lines().map(str::to_string).collect();
    let outcome = crate::sharing::stakeholders::replace_affected(
        &state,
        &me.user,
        &id,
        AffectedBody { affected: list },
    )
    .await
    .map(drop);
    after(&state, &me, &id, "people", outcome).await
}

pub async fn acknowledge(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    let outcome = crate::sharing::acknowledgements::acknowledge(&state, &me.user, &id)
        .await
        .map(drop);
    after(&state, &me, &id, "acknowledge", outcome).await
}
