//! `/reflect/{id}`: one step after another — the suggested trap and
//! failure type (or "we're not sure — choose"), the choice among the
//! explained cards, the specific error, the lesson with the check's
//! verdict, and the principle "I will not …"; each post runs through the
//! API's function and comes back to its step, or shows the reason there.

use crate::reflections::principles::{self as api_principles, NewPrincipleBody};
use crate::reflections::reflect::{self as api, ReflectionChange, ReflectionView};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::form::{Form, given};
use crate::web::layout::{self, alert, csrf_field};
use crate::web::me::Me;
use crate::web::pages::playbooks::links;
use crate::web::respond::see_other;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rebound_domain::{FailureType, LessonVerdict, Trap};
use serde::Deserialize;

/// Which step a refused post came from, its message, and what was typed.
#[derive(Default)]
struct Refused<'a> {
    step: &'a str,
    message: String,
    typed: String,
    /// A principle close to one already there: offer to add it anyway.
    near: bool,
}

pub(super) async fn show(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
) -> WebResult<Markup> {
    let v = api::get_for(&state, &me.user, &id).await?;
    Ok(page(&me, &v, &Refused::default()))
}

fn page(me: &Me, v: &ReflectionView, refused: &Refused) -> Markup {
    let r = &v.reflection;
    let base = format!("/reflect/{}", r.id);
    let error_for = |step: &str| (refused.step == step).then_some(refused.message.as_str());
    let typed_or = |step: &str, stored: Option<&str>| -> String {
        if refused.step == step {
            refused.typed.clone()
        } else {
            stored.unwrap_or("").to_string()
        }
    };
    let chosen_trap = r
        .trap
        .or(r.suggested.as_ref().filter(|s| !s.unsure).map(|s| s.trap));
    let chosen_failure = r.failure_type.or(r
        .suggested
        .as_ref()
        .filter(|s| !s.unsure)
        .map(|s| s.failure_type));
    let body = html! {
        section.card #what {
            h1 { "Reflect: " (v.subject) }
            p.hint { "Private: only you can see this reflection, whoever can see the mistake." }
            p { a href="/reflections" { "All your reflections" } }
            h2 { "What happened" }
            p { (r.account) }
        }
        section.card #diagnose {
            h2 { "1. The trap and the kind of error" }
            @match &r.suggested {
                Some(s) if !s.unsure => {
                    p {
                        "Suggested: the " strong { (s.trap.as_str()) } " trap, and a failure of "
                        strong { (s.failure_type.as_str()) } "."
                    }
                    @if !s.cues.is_empty() {
                        p.hint { "Because of: " @for (i, c) in s.cues.iter().enumerate() { @if i > 0 { ", " } q { (c) } } }
                    }
                    p.hint { "A suggestion, not a verdict: choose what fits." }
                }
                Some(s) => {
                    p { strong { "We're not sure." } " Choose the trap and the kind of error that fit best." }
                    @if !s.cues.is_empty() {
                        p.hint { "Words we noticed: " @for (i, c) in s.cues.iter().enumerate() { @if i > 0 { ", " } q { (c) } } }
                    }
                }
                None => { p { "Choose the trap and the kind of error that fit best." } }
            }
            (alert(error_for("choose")))
            form method="post" action={ (base) "/choose" } {
                (csrf_field(&me.csrf))
                fieldset.cards {
                    legend { "Which trap?" }
                    @for t in Trap::ALL {
                        label.check.card-choice {
                            input type="radio" name="trap" value=(t.as_str()) required checked[chosen_trap == Some(*t)];
                            span {
                                strong { (t.title()) } br;
                                (t.explanation()) br;
                                em { "For example: " (t.example()) }
                            }
                        }
                    }
                }
                fieldset.cards {
                    legend { "What kind of error?" }
                    @for f in FailureType::ALL {
                        label.check.card-choice {
                            input type="radio" name="failure_type" value=(f.as_str()) required checked[chosen_failure == Some(*f)];
                            span {
                                strong { (f.title()) } br;
                                (f.explanation()) br;
                                em { "For example: " (f.example()) } br;
                                "Correction: " (f.correction())
                            }
                        }
                    }
                }
                button type="submit" { @if r.trap.is_some() { "Change my choice" } @else { "Choose" } }
            }
            @if let (Some(t), Some(f)) = (r.trap, r.failure_type) {
                p #correction {
                    "You chose " strong { (t.as_str()) } " and " strong { (f.as_str()) } ". "
                    "The correction that fits: " (f.correction())
                }
                p.hint #read-more {
                    "Read more: "
                    @if let Some(h) = links::href(&format!("trap:{}", t.as_str())) { a href=(h) { "the " (t.as_str()) " trap" } }
                    " · "
                    @if let Some(h) = links::href(&format!("failure:{}", f.as_str())) { a href=(h) { "failures of " (f.as_str()) } }
                }
            }
        }
        @if r.trap.is_some() {
            section.card #error {
                h2 { "2. The specific error" }
                p.hint { "One sentence: the exact thing that went wrong, not \"I was a bad leader\"." }
                (alert(error_for("error")))
                form method="post" action={ (base) "/error" } {
                    (csrf_field(&me.csrf))
                    label for="specific_error" { "The specific error" }
                    input #specific_error type="text" name="specific_error" required maxlength="300"
                        value=(typed_or("error", r.specific_error.as_deref()));
                    button type="submit" { "Save" }
                }
            }
        }
        @if r.specific_error.is_some() {
            section.card #lesson {
                h2 { "3. The lesson" }
                p.hint { "Careful, not cautious: keep taking the risk, and name how you will prevent this error." }
                (alert(error_for("lesson")))
                @if let (Some(verdict), Some(prompt)) = (r.lesson_verdict, &v.lesson_prompt) {
                    div.verdict {
                        p { "The check says: " strong { (verdict.as_str()) } "." }
                        @if !r.lesson_reasons.is_empty() {
                            ul { @for reason in &r.lesson_reasons { li { (reason) } } }
                        }
                        p { (prompt) }
                        @if verdict != LessonVerdict::Careful {
                            p { strong { "Make it specific:" } " what exactly will you do differently next time, while still taking the risk?" }
                        }
                    }
                }
                form method="post" action={ (base) "/lesson" } {
                    (csrf_field(&me.csrf))
                    label for="lesson_text" { "The lesson" }
                    textarea #lesson_text name="lesson" rows="4" required maxlength="2000" { (typed_or("lesson", r.lesson.as_deref())) }
                    button type="submit" { @if r.lesson.is_some() { "Check again" } @else { "Check my lesson" } }
                }
            }
        }
        @if r.lesson.is_some() {
            section.card #principle {
                h2 { "4. The principle" }
                p.hint { "Turn the lesson into a principle for your Operating Manual: \"I will not …\" and the specific behaviour." }
                (alert(error_for("principle")))
                form method="post" action={ (base) "/principle" } {
                    (csrf_field(&me.csrf))
                    label for="principle_text" { "Principle" }
                    input #principle_text type="text" name="text" required maxlength="300"
                        value=(if refused.step == "principle" { refused.typed.clone() } else { "I will not ".to_string() });
                    @if refused.near {
                        label.check {
                            input type="checkbox" name="add_anyway" value="yes";
                            " Add it anyway: it is a different principle"
                        }
                    }
                    button type="submit" { "Add to my Operating Manual" }
                }
            }
        }
    };
    layout::page("Reflect", &me.nav(), body)
}

/// Runs a step through the API; back to its section, or the page again
/// with the reason beside the step and what was typed.
async fn step(
    state: &AppState,
    me: &Me,
    id: &str,
    name: &str,
    typed: String,
    change: ReflectionChange,
) -> WebResult<Response> {
    match api::change_for(state, &me.user, id, change).await {
        Ok(v) => Ok(see_other(&format!(
            "/reflect/{}#{}",
            v.reflection.id,
            anchor(name)
        ))),
        Err(e) if e.status == StatusCode::NOT_FOUND => Err(WebError::not_found()),
        Err(e) => {
            let e = WebError::from(e);
            let v = api::get_for(state, &me.user, id).await?;
            let refused = Refused {
                step: name,
                message: e.message,
                typed,
                near: false,
            };
            Ok((e.status, page(me, &v, &refused)).into_response())
        }
    }
}

fn anchor(step: &str) -> &'static str {
    match step {
        "choose" => "correction",
        "error" => "lesson",
        "lesson" => "lesson",
        _ => "principle",
    }
}

#[derive(Deserialize)]
pub struct ChooseForm {
    trap: Option<String>,
    failure_type: Option<String>,
}

pub(super) async fn choose(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<ChooseForm>,
) -> WebResult<Response> {
    let trap = given(f.trap).and_then(|t| t.parse::<Trap>().ok());
    let failure = given(f.failure_type).and_then(|t| t.parse::<FailureType>().ok());
    let change = ReflectionChange {
        trap,
        failure_type: failure,
        ..ReflectionChange::default()
    };
    if trap.is_none() || failure.is_none() {
        let v = api::get_for(&state, &me.user, &id).await?;
        let refused = Refused {
            step: "choose",
            message: "Choose one trap and one kind of error.".into(),
            typed: String::new(),
            near: false,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&me, &v, &refused)).into_response());
    }
    step(&state, &me, &id, "choose", String::new(), change).await
}

#[derive(Deserialize)]
pub struct ErrorForm {
    #[serde(default)]
    specific_error: String,
}

pub(super) async fn specific_error(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<ErrorForm>,
) -> WebResult<Response> {
    let change = ReflectionChange {
        specific_error: Some(f.specific_error.clone()),
        ..ReflectionChange::default()
    };
    step(&state, &me, &id, "error", f.specific_error, change).await
}

#[derive(Deserialize)]
pub struct LessonForm {
    #[serde(default)]
    lesson: String,
}

pub(super) async fn lesson(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<LessonForm>,
) -> WebResult<Response> {
    let change = ReflectionChange {
        lesson: Some(f.lesson.clone()),
        ..ReflectionChange::default()
    };
    step(&state, &me, &id, "lesson", f.lesson, change).await
}

#[derive(Deserialize)]
pub struct PrincipleForm {
    #[serde(default)]
    text: String,
    add_anyway: Option<String>,
}

pub(super) async fn principle(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<PrincipleForm>,
) -> WebResult<Response> {
    let v = api::get_for(&state, &me.user, &id).await?;
    let body = NewPrincipleBody {
        text: f.text.clone(),
        reflection: Some(v.reflection.id.to_string()),
        add_anyway: given(f.add_anyway).is_some(),
    };
    match api_principles::create_for(&state, &me.user, body).await {
        Ok(p) => Ok(see_other(&format!("/manual#p-{}", p.principle.id))),
        Err(e) => {
            let near = e.code == crate::reflections::NEAR_PRINCIPLE;
            let e = WebError::from(e);
            let refused = Refused {
                step: "principle",
                message: e.message,
                typed: f.text,
                near,
            };
            Ok((e.status, page(&me, &v, &refused)).into_response())
        }
    }
}
