//! The heads-up: the two sentences to send now, ready to copy; edit or
//! redraft them; send them from Rebound (`sending`) or mark them sent.

use super::page::{View, after, after_keeping};
use super::sending;
use crate::mistakes::heads_up::{HeadsUpBody, SentBody};
use crate::precondition::Expect;
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::{Form, given};
use crate::web::layout::{alert, csrf_field, version_field};
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;

pub fn section(v: &View) -> Markup {
    let h = &v.m.heads_up;
    html! {
        section.card #heads-up aria-labelledby="heads-up-title" {
            h2 #heads-up-title { "Heads-up" }
            @if h.sent_at.is_none() && v.owner {
                p.lead { "Send this now to the people affected and your manager. Edit it first if anything is off." }
            }
            (alert(v.problem_in("heads-up")))
            label for="heads-up-text" { "The message" }
            @if v.owner {
                form method="post" action=(v.action("heads-up")) {
                    (csrf_field(v.csrf))
                    // The version shown: a save over someone else's is refused.
                    (version_field("heads-up-version", v.m.version))
                    textarea.draft #heads-up-text name="text" rows="4" { (v.kept("heads-up", "text").unwrap_or(&h.text)) }
                    div.actions {
                        button type="button" data-copy="heads-up-text" hidden { "Copy heads-up" }
                        button.secondary type="submit" { "Save my edits" }
                    }
                }
            } @else {
                textarea.draft #heads-up-text readonly rows="4" { (h.text) }
            }
            @match h.sent_at {
                Some(at) => p.notice {
                    "Sent " (date(at, v.now))
                    @if let Some(to) = &h.sent_to { " to " (to) }
                    "."
                },
                None if v.owner => {
                    (sending::form(v))
                    form method="post" action=(v.action("heads-up/sent")) {
                        (csrf_field(v.csrf))
                        // Marked sent is about the text shown: not over a newer one.
                        (version_field("heads-up-sent-version", v.m.version))
                        label for="sent-to" { "Sent it yourself? To whom (optional)" }
                        input #sent-to type="text" name="to" placeholder="e.g. the finance leads and my manager";
                        button type="submit" { "I have sent it" }
                    }
                },
                None => p.muted { "Not sent yet." },
            }
            (sending::sent_list(v))
        }
    }
}

#[derive(Deserialize)]
pub struct EditForm {
    text: Option<String>,
    version: Option<String>,
}

pub async fn edit(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<EditForm>,
) -> WebResult<Response> {
    let text = f.text.unwrap_or_default();
    let body = HeadsUpBody {
        text: Some(text.clone()),
        doing: None,
    };
    let expect = Expect::from_form(f.version.as_deref());
    let outcome = crate::mistakes::heads_up::edit_heads_up(&state, &me.user, &id, &expect, body)
        .await
        .map(drop);
    let kept = vec![("text".to_string(), text)];
    after_keeping(&state, &me, &id, "heads-up", outcome, kept).await
}

#[derive(Deserialize)]
pub struct SentForm {
    to: Option<String>,
    version: Option<String>,
}

pub async fn sent(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<SentForm>,
) -> WebResult<Response> {
    let body = SentBody {
        at: None,
        to: given(f.to),
    };
    let expect = Expect::from_form(f.version.as_deref());
    let outcome = crate::mistakes::heads_up::mark_sent(&state, &me.user, &id, &expect, body)
        .await
        .map(drop);
    after(&state, &me, &id, "heads-up", outcome).await
}
