//! Keep showing up, on the owner's mistake page: log a visible win after
//! this mistake, see the wins logged for it, and where the self-care reset
//! plan stands. Personal records, so only the owner ever gets this section
//! (`page.rs` reads them only for the owner); the post goes through the
//! API's `add_win_for`, which accepts only a mistake of the signed-in
//! person's own, and answers anyone else with a 404.

use super::page::{View, after_keeping};
use crate::reflections::showing_up::{self, NewWinBody};
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::Form;
use crate::web::layout::{alert, csrf_field};
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use rebound_domain::reflection::MAX_WIN;
use serde::Deserialize;

pub fn section(v: &View) -> Markup {
    let id = v.m.id.as_str();
    let plan = v.self_care.as_ref();
    let plan_here = plan.filter(|p| p.mistake.as_ref() == Some(&v.m.id));
    html! {
        section.card #keep-showing-up aria-labelledby="keep-showing-up-title" {
            h2 #keep-showing-up-title { "Keep showing up" }
            p.hint { "Private to you: your manager, stakeholders and anyone else who can see this mistake never see this section." }
            p { "Visible, good work after a mistake is what people remember. Log each win as it happens." }
            (alert(v.problem_in("keep-showing-up")))
            form method="post" action=(v.action("wins")) {
                (csrf_field(v.csrf))
                label for="win-text" { "A visible win since this mistake" }
                input #win-text type="text" name="text" required maxlength=(MAX_WIN)
                    value=(v.kept("keep-showing-up", "text").unwrap_or(""));
                button type="submit" { "Log the win" }
            }
            h3 { "Wins after this mistake" }
            @if v.wins.is_empty() {
                p.muted { "None logged yet." }
            } @else {
                ul {
                    @for w in &v.wins {
                        li { (w.win.text) " — " (date(w.win.at, v.now)) }
                    }
                }
            }
            h3 { "Self-care reset plan" }
            @if let Some(p) = plan_here {
                p { "Your plan follows this mistake:" }
                @if p.items.is_empty() {
                    p.muted { "Nothing in it yet." }
                } @else {
                    ul { @for item in &p.items { li { (item) } } }
                }
                p { a href={ "/recovery?mistake=" (id) "#self-care" } { "Change your self-care plan" } }
            } @else {
                p {
                    @if plan.is_some() { "Your self-care plan is not tied to this mistake. " } @else { "No self-care plan yet. " }
                    a href={ "/recovery?mistake=" (id) "#self-care" } { "Make a self-care plan after this mistake" }
                }
            }
            p { a href={ "/recovery?mistake=" (id) } { "All your wins and self-care" } }
        }
    }
}

#[derive(Deserialize)]
pub struct WinForm {
    #[serde(default)]
    text: String,
}

pub async fn add_win(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<WinForm>,
) -> WebResult<Response> {
    let body = NewWinBody {
        text: f.text.clone(),
        mistake: Some(id.clone()),
    };
    let outcome = showing_up::add_win_for(&state, &me.user, body)
        .await
        .map(drop);
    after_keeping(
        &state,
        &me,
        &id,
        "keep-showing-up",
        outcome,
        vec![("text".into(), f.text)],
    )
    .await
}
