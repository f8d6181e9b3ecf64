//! "A lesson is back" on Home: each principle or lesson that returns a
//! month and a year after it was written, with the mistake it came from,
//! and the three answers in one step each (keep, reword, retire), posted
//! through the API's own operations (`reflections::returns`).

use crate::reflections::returns::{
    self as api, LessonBack, LessonKind, LessonReviewBody, ReviewAction,
};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::form::{Form, given};
use crate::web::layout::{alert, csrf_field};
use crate::web::me::Me;
use crate::web::respond::see_other;
use crate::web::widgets::date;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use jiff::Zoned;
use maud::{Markup, html};
use rebound_domain::reflection::Moment;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/lessons/{kind}/{id}", post(answer))
}

/// An answer that was refused: which lesson, and why.
pub struct Refused {
    pub id: String,
    pub message: String,
}

/// The section for Home; nothing when no lesson is back.
pub async fn section(state: &AppState, me: &Me, refused: Option<&Refused>) -> WebResult<Markup> {
    let back = api::due_for(state, &me.user).await?;
    let now = state.clock.now_for(&me.user);
    Ok(html! {
        @if !back.is_empty() {
            h2 #lessons-title { "A lesson is back" }
            section.card aria-labelledby="lessons-title" {
                p.muted { "You wrote these a while ago. Does each still hold? One answer puts it away until the next time it comes back." }
                ul.plain.items {
                    @for l in &back {
                        li #{ "lesson-" (l.id) } { (lesson(l, me, &now, refused.filter(|r| r.id == l.id))) }
                    }
                }
            }
        }
    })
}

fn kind_path(k: LessonKind) -> &'static str {
    match k {
        LessonKind::Principle => "principle",
        LessonKind::Lesson => "lesson",
    }
}

fn lesson(l: &LessonBack, me: &Me, now: &Zoned, refused: Option<&Refused>) -> Markup {
    let action = format!("/lessons/{}/{}", kind_path(l.kind), l.id);
    let when = match l.moment {
        Moment::Month => "A month on",
        Moment::Year => "A year on",
    };
    html! {
        blockquote { (l.text) }
        p.small.muted {
            (when) ": written " (date(l.written_at, now))
            @if let Some(from) = &l.came_from {
                " after "
                @if let Some(m) = &l.mistake { a href={ "/m/" (m) } { (from) } } @else { (from) }
            }
        }
        (alert(refused.map(|r| r.message.as_str())))
        form.inline method="post" action=(action) {
            (csrf_field(&me.csrf))
            input type="hidden" name="action" value="keep";
            button type="submit" { "It still holds" }
        }
        details open[refused.is_some()] {
            summary { "Reword or retire it" }
            form method="post" action=(action) {
                (csrf_field(&me.csrf))
                input type="hidden" name="action" value="revise";
                label for={ "text-" (l.id) } { "New wording" }
                textarea id={ "text-" (l.id) } name="text" required rows="2" { (l.text) }
                label for={ "note-" (l.id) } { "What changed (optional)" }
                input id={ "note-" (l.id) } type="text" name="note" maxlength="500";
                button type="submit" { "Reword" }
            }
            form method="post" action=(action) {
                (csrf_field(&me.csrf))
                input type="hidden" name="action" value="retire";
                label for={ "reason-" (l.id) } { "Why it no longer holds" }
                input id={ "reason-" (l.id) } type="text" name="reason" required maxlength="500";
                button.secondary type="submit" { "Retire" }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct AnswerForm {
    action: ReviewAction,
    text: Option<String>,
    note: Option<String>,
    reason: Option<String>,
}

pub async fn answer(
    State(state): State<AppState>,
    me: Me,
    Path((kind, id)): Path<(String, String)>,
    Form(f): Form<AnswerForm>,
) -> WebResult<Response> {
    let body = LessonReviewBody {
        action: f.action,
        text: given(f.text),
        note: given(f.note),
        reason: given(f.reason),
    };
    let done = match kind.as_str() {
        "principle" => api::review_principle_for(&state, &me.user, &id, &body)
            .await
            .map(drop),
        "lesson" => api::review_lesson_for(&state, &me.user, &id, &body)
            .await
            .map(drop),
        _ => return Err(WebError::new(StatusCode::NOT_FOUND, "No such page.")),
    };
    match done {
        Ok(()) => Ok(see_other("/#lessons-title")),
        Err(e) => {
            let e = WebError::from(e);
            if e.status == StatusCode::NOT_FOUND {
                return Err(e);
            }
            let refused = Refused {
                id,
                message: e.message.clone(),
            };
            let page = super::home::home_page(&state, &me, Some(&refused)).await?;
            Ok((e.status, page).into_response())
        }
    }
}
