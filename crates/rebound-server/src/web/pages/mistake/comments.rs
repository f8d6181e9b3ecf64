//! The conversation: comments and replies, oldest first, each with its
//! score; anyone who can read the record can comment, reply and upvote.
//! Bodies are Markdown, rendered only through `web::markdown`.

use super::page::{View, after_keeping};
use crate::sharing::comments::CommentBodyIn;
use crate::sharing::views::{AuthorKind, CommentView};
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::{Form, given};
use crate::web::layout::{alert, csrf_field};
use crate::web::markdown;
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use rebound_domain::CommentId;
use serde::Deserialize;

/// Replies nest this deep; deeper ones line up at the last level.
const MAX_DEPTH: usize = 3;

pub fn section(v: &View) -> Markup {
    html! {
        section.card #comments aria-labelledby="comments-title" {
            h2 #comments-title { "Comments" }
            (alert(v.problem_in("comments")))
            @if v.comments.is_empty() {
                p.muted { "No comments yet. Questions are welcome." }
            } @else {
                (thread(v, None, 0))
            }
            form method="post" action=(v.action("comments")) {
                (csrf_field(v.csrf))
                label for="comment-body" { "Add a comment" span.hint { "Ask a question or share what you know. Markdown works." } }
                textarea #comment-body name="body" rows="3" required maxlength="5000" {
                    @if v.kept("comments", "reply_to").is_none() { (v.kept("comments", "body").unwrap_or("")) }
                }
                button type="submit" { "Post the comment" }
            }
        }
    }
}

fn thread(v: &View, parent: Option<&CommentId>, depth: usize) -> Markup {
    let children: Vec<&CommentView> = v
        .comments
        .iter()
        .filter(|c| c.parent.as_ref() == parent)
        .collect();
    html! {
        @if !children.is_empty() {
            ul.plain.thread {
                @for c in children {
                    li { (comment(v, c, depth)) }
                }
            }
        }
    }
}

fn comment(v: &View, c: &CommentView, depth: usize) -> Markup {
    let id = c.id.as_str();
    let upvotes = if c.score == 1 { "upvote" } else { "upvotes" };
    html! {
        article.comment #{ "comment-" (id) } aria-labelledby={ "comment-by-" (id) } {
            p.comment-meta {
                strong #{ "comment-by-" (id) } { (c.author.name) }
                @if matches!(c.author.kind, AuthorKind::Guest) { " " span.pill { "guest" } }
                @if c.author.user.is_some() && c.author.user == v.m.owner { " " span.pill { "owner" } }
                @if c.mine { " " span.pill { "you" } }
                " · " (date(c.created_at, v.now))
                @if c.edited_at.is_some() { " · edited" }
            }
            @if matches!(c.author.kind, AuthorKind::Removed) {
                p.muted { "Removed: its author deleted their account." }
            } @else {
                div.prose { (markdown::render(&c.body)) }
            }
            div.comment-actions {
                span.score { (c.score) } " " (upvotes)
                // One's own comment has no upvote button: it is refused.
                @if !c.mine { form.inline method="post" action=(v.action(&format!("comments/{id}/vote"))) {
                    (csrf_field(v.csrf))
                    @if c.voted {
                        input type="hidden" name="up" value="false";
                        button.link type="submit" aria-pressed="true" { "Take back my upvote" }
                    } @else {
                        input type="hidden" name="up" value="true";
                        button.link type="submit" aria-pressed="false" { "Upvote" }
                    }
                } }
            }
            @let refused_reply = v.kept("comments", "reply_to") == Some(id);
            details.reply open[refused_reply] {
                summary { "Reply" span.sr-only { " to " (c.author.name) } }
                form method="post" action=(v.action("comments")) {
                    (csrf_field(v.csrf))
                    input type="hidden" name="reply_to" value=(id);
                    label for={ "reply-" (id) } { "Your reply to " (c.author.name) }
                    textarea id={ "reply-" (id) } name="body" rows="2" required maxlength="5000" {
                        @if refused_reply { (v.kept("comments", "body").unwrap_or("")) }
                    }
                    button.small type="submit" { "Post the reply" }
                }
            }
            @if depth < MAX_DEPTH {
                (thread(v, Some(&c.id), depth + 1))
            }
        }
        @if depth >= MAX_DEPTH {
            (thread(v, Some(&c.id), depth))
        }
    }
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    body: String,
    reply_to: Option<String>,
}

pub async fn post(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<CommentForm>,
) -> WebResult<Response> {
    let parent = given(f.reply_to);
    let mut kept = vec![("body".to_string(), f.body.clone())];
    kept.extend(parent.clone().map(|p| ("reply_to".to_string(), p)));
    let outcome = crate::sharing::comments::add(
        &state,
        &me.user,
        &id,
        CommentBodyIn {
            body: f.body,
            parent,
        },
    )
    .await
    .map(drop);
    after_keeping(&state, &me, &id, "comments", outcome, kept).await
}

#[derive(Deserialize)]
pub struct VoteForm {
    up: Option<String>,
}

pub async fn vote(
    State(state): State<AppState>,
    me: Me,
    Path((id, comment)): Path<(String, String)>,
    Form(f): Form<VoteForm>,
) -> WebResult<Response> {
    let up = f.up.as_deref() != Some("false");
    let outcome = crate::sharing::comments::upvote(&state, &me.user, &id, &comment, up)
        .await
        .map(drop);
    after_keeping(&state, &me, &id, "comments", outcome, Vec::new()).await
}
