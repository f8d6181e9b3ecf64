//! Settings → Notifications: what reaches me, by kind and channel (one
//! checkbox each, one form, saved through the API's `choose`), my own chat
//! webhook, and the channel of each team I am in (`team_channels.rs`), each
//! a card (`hook_card.rs`). Every read and change is the API's own operation.

use super::hook_card::{Card, Refused, WebhookForm, card};
use super::team_channels;
use crate::preferences::{ChoiceView, choices_of, choose};
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::Form;
use crate::web::layout::{self, Nav, csrf_field};
use crate::web::me::Me;
use crate::web::respond::see_other;
use crate::webhooks;
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

#[derive(Default)]
pub(super) struct Extra {
    pub notice: Option<&'static str>,
    /// A refused webhook form: the team's id (`None`: mine), what it held, why.
    pub refused: Option<(Option<String>, Refused)>,
}

impl Extra {
    /// The refused form of the card for `team` (`None`: mine), if any.
    pub fn refused_in(&self, team: Option<&str>) -> Option<&Refused> {
        self.refused
            .as_ref()
            .filter(|(t, _)| t.as_deref() == team)
            .map(|(_, r)| r)
    }
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
        Some("team-webhook") => {
            Some("The team's chat webhook is saved. Heads-ups sent to the team are posted there.")
        }
        Some("team-removed") => {
            Some("The team's chat webhook is removed. Nothing is posted to that channel now.")
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
    match webhooks::set_mine(&state, &me.user, f.body()).await {
        Ok(_) => Ok(see_other("/settings/notifications?saved=webhook#webhook")),
        Err(e) => {
            let (status, refused) = f.refused(e)?;
            let extra = Extra {
                refused: Some((None, refused)),
                ..Extra::default()
            };
            render(&state, &me, status, extra).await
        }
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

pub(super) async fn render(
    state: &AppState,
    me: &Me,
    status: StatusCode,
    extra: Extra,
) -> WebResult<Response> {
    let choices = choices_of(state, &me.user).await?;
    let hook = webhooks::mine(state, &me.user).await?;
    let teams = webhooks::my_teams_hooks(state, &me.user).await?;
    let now = state.clock.now_for(&me.user);
    let mine = Card {
        anchor: "webhook".into(),
        action: "/settings/notifications/webhook".into(),
        heading: "Your chat webhook".into(),
        intro:
            "An incoming-webhook URL from Slack or Mattermost: messages for you are posted there."
                .into(),
        hook: hook.as_ref(),
        refused: extra.refused_in(None),
    };
    let body = html! {
        h1 { "Notifications" }
        p { a href="/settings" { "← Settings" } }
        @if let Some(n) = extra.notice { p.notice role="status" { (n) } }
        (choices_section(me, &choices, hook.is_some()))
        (card(me, mine, &now))
        (team_channels::section(me, &teams, &extra, &now))
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
