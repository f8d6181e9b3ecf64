//! Settings → Notifications: what reaches me, by kind and channel (one
//! checkbox each, one form, saved through the API's `choose`), and my own
//! chat webhook (shown redacted; a refused URL's sentence beside the field).
//! Every read and change is the API's own operation.

use crate::preferences::{ChoiceView, choices_of, choose};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult, sentence};
use crate::web::form::Form;
use crate::web::layout::{self, Nav, csrf_field};
use crate::web::me::Me;
use crate::web::respond::see_other;
use crate::web::widgets::date;
use crate::webhooks::{self, WebhookBody, WebhookView};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rebound_domain::delivery::{Channel, Preference};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

/// What the webhook form held (when refused: the URL is never shown again).
#[derive(Default, Clone, Deserialize)]
pub struct WebhookForm {
    #[serde(default)]
    url: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    label: String,
}

#[derive(Default)]
struct Extra {
    notice: Option<&'static str>,
    refused: Option<(WebhookForm, String)>,
}

/// The checkbox's form name for one kind by one channel.
fn field(c: &ChoiceView) -> String {
    format!("{}.{}", c.kind.as_str(), c.channel.as_str())
}

pub async fn show(
    State(state): State<AppState>,
    me: Me,
    Query(q): Query<Saved>,
) -> WebResult<Response> {
    let notice = match q.saved.as_deref() {
        Some("choices") => Some("Your choices are saved."),
        Some("webhook") => Some(
            "Your chat webhook is saved. Tick the kinds you want by chat above to start receiving them there.",
        ),
        Some("removed") => {
            Some("Your chat webhook is removed. Nothing is sent to chat from now on.")
        }
        _ => None,
    };
    let extra = Extra {
        notice,
        ..Extra::default()
    };
    render(&state, &me, StatusCode::OK, extra).await
}

/// One submit for every box: an unticked box is not sent, so each kind and
/// channel is on exactly when its box came back. Only what changed is
/// recorded, so untouched defaults stay defaults.
pub async fn save_choices(
    State(state): State<AppState>,
    me: Me,
    Form(f): Form<HashMap<String, String>>,
) -> WebResult<Response> {
    for c in choices_of(&state, &me.user).await? {
        let on = f.contains_key(&field(&c));
        if on != c.enabled {
            let choice = Preference {
                kind: c.kind,
                channel: c.channel,
                enabled: on,
            };
            choose(&state, &me.user.id, choice).await?;
        }
    }
    Ok(see_other("/settings/notifications?saved=choices#choices"))
}

pub async fn save_webhook(
    State(state): State<AppState>,
    me: Me,
    Form(f): Form<WebhookForm>,
) -> WebResult<Response> {
    let body = WebhookBody {
        url: f.url.clone(),
        format: f.format.clone(),
        label: Some(f.label.clone()),
    };
    match webhooks::set_mine(&state, &me.user, body).await {
        Ok(_) => Ok(see_other("/settings/notifications?saved=webhook#webhook")),
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            // Shown beside the URL field, so its sentence needs no "url:".
            let said = e.message.strip_prefix("url: ").unwrap_or(&e.message);
            let extra = Extra {
                refused: Some((f, sentence(said))),
                ..Extra::default()
            };
            render(&state, &me, e.status, extra).await
        }
        Err(e) => Err(WebError::from(e)),
    }
}

pub async fn remove_webhook(
    State(state): State<AppState>,
    me: Me,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    webhooks::remove_mine(&state, &me.user).await?;
    Ok(see_other("/settings/notifications?saved=removed#webhook"))
}

async fn render(
    state: &AppState,
    me: &Me,
    status: StatusCode,
    extra: Extra,
) -> WebResult<Response> {
    let choices = choices_of(state, &me.user).await?;
    let hook = webhooks::mine(state, &me.user).await?;
    let body = html! {
        h1 { "Notifications" }
        p { a href="/settings" { "← Settings" } }
        @if let Some(n) = extra.notice { p.notice role="status" { (n) } }
        (choices_section(me, &choices, hook.is_some()))
        (webhook_section(me, hook.as_ref(), extra.refused.as_ref(), state))
    };
    let page = layout::page(
        "Notifications",
        &Nav::Member {
            user: &me.user,
            csrf: &me.csrf,
            unread: me.unread,
        },
        body,
    );
    Ok((status, page).into_response())
}

fn channel_name(c: Channel) -> &'static str {
    match c {
        Channel::Email => "Email",
        Channel::Chat => "Chat",
    }
}

fn choices_section(me: &Me, choices: &[ChoiceView], has_hook: bool) -> Markup {
    // Rows in the order the API lists them: each kind, then its channels.
    let mut kinds: Vec<&ChoiceView> = Vec::new();
    for c in choices {
        if !kinds.iter().any(|k| k.kind == c.kind) {
            kinds.push(c);
        }
    }
    html! {
        section.card #choices aria-labelledby="choices-h" {
            h2 #choices-h { "What reaches you" }
            p.muted #choices-hint {
                "Heads-ups you send yourself always go. Chat is off until you turn it on"
                @if !has_hook { ", and needs your chat webhook below" }
                "."
            }
            form method="post" action="/settings/notifications/choices" {
                (csrf_field(&me.csrf))
                table aria-describedby="choices-hint" {
                    thead {
                        tr {
                            th scope="col" { "Kind" }
                            @for ch in Channel::ALL { th scope="col" { (channel_name(ch)) } }
                        }
                    }
                    tbody {
                        @for k in &kinds {
                            tr {
                                th scope="row" { (k.label) }
                                @for c in choices.iter().filter(|c| c.kind == k.kind) {
                                    td {
                                        label.check {
                                            input type="checkbox" name=(field(c)) checked[c.enabled];
                                            span.sr-only { (k.label) " by " (channel_name(c.channel).to_lowercase()) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                button type="submit" { "Save choices" }
            }
        }
    }
}

fn webhook_section(
    me: &Me,
    hook: Option<&WebhookView>,
    refused: Option<&(WebhookForm, String)>,
    state: &AppState,
) -> Markup {
    let now = state.clock.now_for(&me.user);
    let typed = refused.map(|(f, _)| f.clone()).unwrap_or_default();
    let problem = refused.map(|(_, m)| m.as_str());
    let format = if typed.format.is_empty() {
        hook.map(|h| h.format.clone())
            .unwrap_or_else(|| "slack".into())
    } else {
        typed.format.clone()
    };
    html! {
        section.card #webhook aria-labelledby="webhook-h" {
            h2 #webhook-h { "Your chat webhook" }
            p.muted { "An incoming-webhook URL from Slack or Mattermost: messages for you are posted there. It works like a password, so it is never shown again in full." }
            @if let Some(h) = hook {
                p {
                    "Posting to " code { (h.url) } " (" (h.format) ")"
                    @if !h.label.is_empty() { ", “" (h.label) "”" }
                    ", set " (date(h.created_at, &now)) "."
                }
                form.actions method="post" action="/settings/notifications/webhook/remove" {
                    (csrf_field(&me.csrf))
                    button.danger.small type="submit" { "Remove webhook" }
                }
            }
            form method="post" action="/settings/notifications/webhook" novalidate {
                (csrf_field(&me.csrf))
                label for="webhook-url" { @if hook.is_some() { "Replace with URL" } @else { "Webhook URL" } }
                span.hint #url-hint { "Starts with https://. Copy it from your chat's incoming-webhook settings." }
                @if let Some(m) = problem { p.alert #url-problem role="alert" { (m) } }
                input #webhook-url type="url" name="url" required autocomplete="off" spellcheck="false"
                    aria-invalid=[problem.map(|_| "true")]
                    aria-describedby=(if problem.is_some() { "url-hint url-problem" } else { "url-hint" })
                    // A refused URL is not typed back: it may be a live secret.
                    ;
                fieldset {
                    legend { "Format" }
                    @for (value, name) in [("slack", "Slack"), ("mattermost", "Mattermost")] {
                        label.check {
                            input type="radio" name="format" value=(value) checked[format == value];
                            span { (name) }
                        }
                    }
                }
                label for="webhook-label" { "Label (optional)" }
                input #webhook-label type="text" name="label" maxlength="80" value=(typed.label);
                button type="submit" { @if hook.is_some() { "Replace webhook" } @else { "Add webhook" } }
            }
        }
    }
}
