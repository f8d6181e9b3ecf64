//! The heads-up sent from Rebound: the form that emails it (which also
//! marks it sent), and, for the sender, how each message went.

use super::page::{View, after_keeping};
use crate::delivery::SentView;
use crate::mistakes::heads_up::SendBody;
use crate::precondition::Expect;
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::Form;
use crate::web::layout::{csrf_field, version_field};
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;

/// The "Send it from Rebound" form, for the owner before it is sent; with
/// email not set up, one quiet line instead (nothing is wrong).
pub fn form(v: &View) -> Markup {
    html! {
        @if v.mail {
            form.send-heads-up method="post" action=(v.action("heads-up/send")) {
                (csrf_field(v.csrf))
                // Sent as the text shown: not over a newer one.
                (version_field("heads-up-send-version", v.m.version))
                label for="send-to" {
                    "Send it from Rebound to"
                    span.hint {
                        "One or more email addresses, separated by commas or new lines. "
                        "Each gets its own email; replies come to you. This marks it sent."
                    }
                }
                // Other people's addresses: an email keyboard, no autofill of one's own.
                textarea #send-to name="to" rows="2" inputmode="email" autocomplete="off" spellcheck="false" {
                    (v.kept("heads-up", "to").unwrap_or(""))
                }
                button type="submit" { "Send it from Rebound" }
            }
        } @else {
            p.muted { "Sending it from Rebound by email is off on this server; its operator can set it up (smtp_url)." }
        }
    }
}

/// What the signed-in person sent from Rebound about this mistake, one
/// line per address (`v.sent` is only ever theirs; empty for anyone else).
pub fn sent_list(v: &View) -> Markup {
    html! {
        @if !v.sent.is_empty() {
            h3 #heads-up-sent-title { "Sent from Rebound" }
            ul.sent-list aria-labelledby="heads-up-sent-title" {
                @for s in &v.sent {
                    li { span.address { (s.to) } " — " (how_it_went(s, v)) }
                }
            }
        }
    }
}

/// A message's state in words, with when and why where there is one.
fn how_it_went(s: &SentView, v: &View) -> Markup {
    let why = s.error.as_deref();
    html! {
        @match (s.state.as_str(), s.done_at) {
            ("delivered", Some(at)) => { "Delivered " (date(at, v.now)) }
            ("delivered", None) => { "Delivered" }
            ("pending", _) if s.attempts == 0 => { "Waiting to send (queued " (date(s.queued_at, v.now)) ")" }
            ("pending", _) => { "Waiting to try again" @if let Some(e) = why { " — " (e) } }
            ("failed", at) => { "Failed" @if let Some(at) = at { " " (date(at, v.now)) } @if let Some(e) = why { " — " (e) } }
            ("cancelled", at) => { "Cancelled" @if let Some(at) = at { " " (date(at, v.now)) } @if let Some(e) = why { " — " (e) } }
            (other, _) => { (other) }
        }
    }
}

/// The addresses as typed: split on commas and line breaks, blanks dropped.
/// The operation checks each one and says which is wrong.
fn addresses(typed: &str) -> Vec<String> {
    typed
        .split([',', '\n', '\r'])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

#[derive(Deserialize)]
pub struct SendForm {
    to: Option<String>,
    version: Option<String>,
}

pub async fn send(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<SendForm>,
) -> WebResult<Response> {
    let typed = f.to.unwrap_or_default();
    let body = SendBody {
        to: addresses(&typed),
    };
    let expect = Expect::from_form(f.version.as_deref());
    let outcome = crate::mistakes::heads_up::send_heads_up(&state, &me.user, &id, &expect, body)
        .await
        .map(drop);
    let kept = vec![("to".to_string(), typed)];
    after_keeping(&state, &me, &id, "heads-up", outcome, kept).await
}

#[cfg(test)]
mod tests {
    use super::addresses;

    #[test]
    fn addresses_split_on_commas_and_lines() {
        assert_eq!(
            addresses(" a@x.example,b@x.example\r\n\n c@x.example ,, "),
            ["a@x.example", "b@x.example", "c@x.example"]
        );
        assert!(addresses(" ,\n").is_empty());
    }
}
