//! Settings → Notifications, the channel of each team I am in: its chat
//! webhook shown redacted, set (refused in the API's words) and removed,
//! through the API's own `set_team` / `remove_team`, so anyone not in the
//! team (and not an admin) gets the 404 page, as from the API.

use super::hook_card::{Card, WebhookForm, card};
use super::notifications::{Extra, render};
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::Form;
use crate::web::me::Me;
use crate::web::respond::see_other;
use crate::webhooks::{self, WebhookView};
use axum::extract::{Path, State};
use axum::response::Response;
use jiff::Zoned;
use maud::{Markup, html};
use rebound_domain::Team;

fn action(team: &str) -> String {
    format!("/settings/notifications/teams/{team}/webhook")
}

fn saved(team: &str, what: &str) -> Response {
    see_other(&format!("/settings/notifications?saved={what}#team-{team}"))
}

pub async fn save_webhook(
    State(state): State<AppState>,
    me: Me,
    Path(team): Path<String>,
    Form(f): Form<WebhookForm>,
) -> WebResult<Response> {
    match webhooks::set_team(&state, &me.user, &team, f.body()).await {
        Ok(_) => Ok(saved(&team, "team-webhook")),
        Err(e) => {
            let (status, refused) = f.refused(e)?;
            let extra = Extra {
                refused: Some((Some(team), refused)),
                ..Extra::default()
            };
            render(&state, &me, status, extra).await
        }
    }
}

pub async fn remove_webhook(
    State(state): State<AppState>,
    me: Me,
    Path(team): Path<String>,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    webhooks::remove_team(&state, &me.user, &team).await?;
    Ok(saved(&team, "team-removed"))
}

/// One card per team I am in; nothing when I am in none.
pub fn section(
    me: &Me,
    teams: &[(Team, Option<WebhookView>)],
    extra: &Extra,
    now: &Zoned,
) -> Markup {
    html! {
        @for (team, hook) in teams {
            (card(me, Card {
                anchor: format!("team-{}", team.id),
                action: action(team.id.as_str()),
                heading: format!("Team channel: {}", team.name),
                intro: format!(
                    "Where heads-ups sent to @{} are posted: an incoming-webhook URL from Slack or Mattermost. Anyone in the team can change it.",
                    team.name
                ),
                hook: hook.as_ref(),
                refused: extra.refused_in(Some(team.id.as_str())),
            }, now))
        }
    }
}
