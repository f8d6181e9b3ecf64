//! A guest through a share link. `/s/{token}` only hands the token to a
//! short-lived cookie and moves on to `/s` (so it leaves the address bar at
//! once and nothing is stored on that GET). `/s` asks for a display name and
//! starts a guest session through the API's operation; from then on `/s`
//! shows what is shared (`shared.rs`) — the follow-up note, updates,
//! comments with replies and upvotes — and nothing else. Every read and
//! post is the guest API's own operation, so the guard decides from the
//! guest cookie; a dead link (unknown, expired or revoked) is one page, 404.

use super::handoff::{self, SHARE_LINK};
use crate::auth::cookie::GUEST;
use crate::auth::guest::{self as guests, GuestCookie, GuestSessionBody};
use crate::sharing::comments::CommentBodyIn;
use crate::sharing::guest as shared_with_guest;
use crate::state::AppState;
use crate::web::csrf;
use crate::web::error::{WebError, WebResult};
use crate::web::form::{Form, given};
use crate::web::layout::{self, Nav, alert, csrf_field};
use crate::web::respond::{form_again, page_with_cookie, see_other, see_other_setting};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use maud::{Markup, html};
use rebound_auth::token_hash;
use rebound_domain::TokenHash;
use rebound_store::GuestSession;
use serde::Deserialize;

mod older;
mod shared;

use shared::shared;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/s", get(show).post(start))
        .route("/s/updates", get(older::show))
        .route("/s/{token}", get(arrive))
        .route("/s/comments", post(comment))
        .route("/s/comments/{comment}/vote", post(vote))
        .route("/s/comments/{comment}/unvote", post(unvote))
        .route("/s/leave", post(leave))
}

/// The link itself: nothing is looked up or stored here.
pub async fn arrive(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    handoff::hand_off(&SHARE_LINK, &token, "/s", state.settings.secure_cookies)
}

#[derive(Deserialize)]
pub struct Shown {
    left: Option<String>,
}

/// The guest's live session, from the guest cookie.
async fn session(
    state: &AppState,
    headers: &HeaderMap,
) -> WebResult<Option<(TokenHash, GuestSession)>> {
    let Some(hash) = GUEST
        .read(headers, state.settings.secure_cookies)
        .map(|t| token_hash(&t))
    else {
        return Ok(None);
    };
    Ok(guests::live_session(state, &hash).await?.map(|s| (hash, s)))
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<Shown>,
) -> WebResult<Response> {
    let secure = state.settings.secure_cookies;
    if q.left.is_some() {
        return Ok(left_page());
    }
    let live = session(&state, &headers).await?;
    if let Some(token) = handoff::read(&SHARE_LINK, &headers, secure) {
        let link = match guests::live_link(&state, &token).await {
            Ok(link) => link,
            Err(e) if e.status == StatusCode::NOT_FOUND => return Ok(gone(secure)),
            Err(e) => return Err(e.into()),
        };
        match live {
            // Already in, through this very link: the token is no longer needed.
            Some((hash, s)) if s.link == link.id => {
                let mut out = shared(&state, &headers, hash, &s, None).await?;
                handoff::forget(&SHARE_LINK, &mut out, secure);
                return Ok(out);
            }
            _ => {
                let (token, cookie) = csrf::issue(&headers, secure);
                return Ok(page_with_cookie(
                    StatusCode::OK,
                    name_form(&token, "", None),
                    cookie,
                ));
            }
        }
    }
    match live {
        Some((hash, s)) => shared(&state, &headers, hash, &s, None).await,
        None => Ok(gone(secure)),
    }
}

#[derive(Deserialize)]
pub struct NameForm {
    #[serde(default)]
    display_name: String,
}

pub async fn start(
    State(state): State<AppState>,
    headers: HeaderMap,
    existing: GuestCookie,
    Form(f): Form<NameForm>,
) -> WebResult<Response> {
    let secure = state.settings.secure_cookies;
    let Some(token) = handoff::read(&SHARE_LINK, &headers, secure) else {
        return Ok(gone(secure));
    };
    let body = GuestSessionBody {
        token,
        display_name: f.display_name.clone(),
    };
    match guests::begin(&state, existing.0, body).await {
        Ok((_, cookie)) => {
            let mut out = see_other_setting("/s", cookie);
            handoff::forget(&SHARE_LINK, &mut out, secure);
            Ok(out)
        }
        Err(e) if e.status == StatusCode::NOT_FOUND => Ok(gone(secure)),
        Err(e) => Ok(form_again(&headers, secure, e, |token, message| {
            name_form(token, &f.display_name, Some(message))
        })),
    }
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    body: String,
    parent: Option<String>,
}

/// A refused comment: where to show the reason, and the words to keep.
pub struct Draft {
    parent: Option<String>,
    body: String,
    message: String,
}

pub async fn comment(
    State(state): State<AppState>,
    headers: HeaderMap,
    GuestCookie(cookie): GuestCookie,
    Form(f): Form<CommentForm>,
) -> WebResult<Response> {
    let secure = state.settings.secure_cookies;
    let parent = given(f.parent.clone());
    let body = CommentBodyIn {
        body: f.body.clone(),
        parent: parent.clone(),
    };
    match shared_with_guest::add_comment(&state, cookie.as_ref(), body).await {
        Ok(c) => Ok(see_other(&format!("/s#comment-{}", c.id))),
        Err(e) if e.status == StatusCode::NOT_FOUND => Ok(gone(secure)),
        Err(e) => {
            let Some((hash, s)) = session(&state, &headers).await? else {
                return Ok(gone(secure));
            };
            let e = WebError::from(e);
            let draft = Draft {
                parent,
                body: f.body,
                message: e.message,
            };
            let mut out = shared(&state, &headers, hash, &s, Some(&draft)).await?;
            *out.status_mut() = e.status;
            Ok(out)
        }
    }
}

pub async fn vote(
    State(state): State<AppState>,
    GuestCookie(cookie): GuestCookie,
    Path(comment): Path<String>,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    let secure = state.settings.secure_cookies;
    back_to_comment(
        shared_with_guest::upvote(&state, cookie.as_ref(), &comment, true).await,
        secure,
    )
}

/// Takes back this guest's upvote.
pub async fn unvote(
    State(state): State<AppState>,
    GuestCookie(cookie): GuestCookie,
    Path(comment): Path<String>,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    let secure = state.settings.secure_cookies;
    back_to_comment(
        shared_with_guest::upvote(&state, cookie.as_ref(), &comment, false).await,
        secure,
    )
}

fn back_to_comment(
    result: crate::error::ApiResult<crate::sharing::views::VoteView>,
    secure: bool,
) -> WebResult<Response> {
    match result {
        Ok(v) => Ok(see_other(&format!("/s#comment-{}", v.comment))),
        Err(e) if e.status == StatusCode::NOT_FOUND => Ok(gone(secure)),
        Err(e) => Err(e.into()),
    }
}

pub async fn leave(
    State(state): State<AppState>,
    GuestCookie(cookie): GuestCookie,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    let clear = guests::end(&state, cookie.as_ref()).await?;
    let mut out = see_other_setting("/s?left=1", clear);
    handoff::forget(&SHARE_LINK, &mut out, state.settings.secure_cookies);
    Ok(out)
}

/// Unknown, expired or revoked: the same words and status for each.
fn gone(secure: bool) -> Response {
    let body = html! {
        section.card.narrow {
            h1 { "This link no longer works" }
            p { "Shared links stop working when they run out or when the person who shared them withdraws them. It may also have been copied only in part." }
            p { "If you still want to follow along, ask the person who sent it for a new link." }
        }
    };
    let mut out = page_with_cookie(
        StatusCode::NOT_FOUND,
        layout::page("Link no longer works", &Nav::Plain, body),
        None,
    );
    handoff::forget(&SHARE_LINK, &mut out, secure);
    out
}

fn left_page() -> Response {
    let body = html! {
        section.card.narrow {
            h1 { "You have left" }
            p { "This browser no longer has access to the shared record. Your comments and upvotes stay where they are." }
            p.muted { "To come back, open the link you were sent again." }
        }
    };
    page_with_cookie(
        StatusCode::OK,
        layout::page("You have left", &Nav::Plain, body),
        None,
    )
}

fn name_form(csrf: &str, name: &str, error: Option<&str>) -> Markup {
    let body = html! {
        section.card.narrow {
            h1 { "Someone shared a record with you" }
            p.lead { "Tell us what to call you, and you can read the follow-up note and its updates, and join the conversation." }
            (alert(error))
            form method="post" action="/s" {
                (csrf_field(csrf))
                label for="display_name" { "Your name" }
                span.hint #name-hint { "Shown beside your comments. No account or email needed." }
                input #display_name type="text" name="display_name" autocomplete="name" required maxlength="80" aria-describedby="name-hint" value=(name);
                button type="submit" { "Continue" }
            }
        }
    };
    layout::page("Shared with you", &Nav::Plain, body)
}
