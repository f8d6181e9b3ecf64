//! What each person receives, by kind and channel: read and changed by
//! them (`/api/v1/me/preferences`, the settings page, the CLI), or turned
//! off without signing in by the signed link in a message (one-click
//! unsubscribe, RFC 8058). The defaults are the domain's
//! (`MessageKind::on_by_default`); only choices are stored.

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::Json;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use rebound_deliver::link::{self, LinkError};
use rebound_domain::audit::{ReachChange, Whose};
use rebound_domain::delivery::{Channel, MessageKind, Preference, wanted};
use rebound_domain::reminder::Snooze;
use rebound_domain::{User, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, set))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChoiceView {
    pub kind: MessageKind,
    /// What it is, in words.
    pub label: String,
    pub channel: Channel,
    /// Whether it is sent to you by this channel.
    pub enabled: bool,
    /// Whether that is the default (you never changed it).
    pub default: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceBody {
    /// One of the kinds `GET` lists (`stakeholder_note`, `update`, …).
    #[schema(max_length = 32)]
    pub kind: String,
    /// `email` or `chat`.
    #[schema(max_length = 8)]
    pub channel: String,
    pub enabled: bool,
}

impl ChoiceBody {
    /// The choice, or a sentence naming the field and what it may be.
    fn choice(&self) -> ApiResult<Preference> {
        let names = |all: Vec<&str>| all.join(", ");
        let kind = MessageKind::parse(&self.kind).ok_or_else(|| {
            ApiError::unprocessable(format!(
                "kind: '{}' is not one of {}",
                self.kind,
                names(MessageKind::CHOSEN.iter().map(|k| k.as_str()).collect())
            ))
        })?;
        let channel = Channel::parse(&self.channel).ok_or_else(|| {
            ApiError::unprocessable(format!("channel: '{}' is not email or chat", self.channel))
        })?;
        Ok(Preference {
            kind,
            channel,
            enabled: self.enabled,
        })
    }
}

#[utoipa::path(get, path = "/api/v1/me/preferences", tag = "accounts",
    responses((status = 200, description = "Every kind you may choose, by channel", body = [ChoiceView]),
        (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<Vec<ChoiceView>>> {
    Ok(Json(choices_of(&state, &user).await?))
}

#[utoipa::path(put, path = "/api/v1/me/preferences", tag = "accounts", request_body = ChoiceBody,
    responses((status = 200, description = "Every choice, as now", body = [ChoiceView]),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(b): Json<ChoiceBody>,
) -> ApiResult<Json<Vec<ChoiceView>>> {
    choose(&state, &user.id, b.choice()?).await?;
    Ok(Json(choices_of(&state, &user).await?))
}

/// Every kind a person may choose, by channel, as it stands for `user`.
pub async fn choices_of(state: &AppState, user: &User) -> ApiResult<Vec<ChoiceView>> {
    let chosen = state.guard.outbox().preferences(&user.id).await?;
    let mut out = Vec::new();
    for kind in MessageKind::CHOSEN {
        for channel in Channel::ALL {
            let enabled = wanted(&chosen, kind, channel);
            let default = !chosen
                .iter()
                .any(|p| p.kind == kind && p.channel == channel);
            let label = kind.label().to_owned();
            out.push(ChoiceView {
                kind,
                label,
                channel,
                enabled,
                default,
            });
        }
    }
    Ok(out)
}

/// Records `user`'s choice; a direct send cannot be turned off.
pub async fn choose(state: &AppState, user: &UserId, choice: Preference) -> ApiResult<()> {
    if !MessageKind::CHOSEN.contains(&choice.kind) {
        return Err(ApiError::unprocessable(format!(
            "kind: {} is sent only when you ask for it, so there is nothing to turn off",
            choice.kind.as_str()
        )));
    }
    Ok(record_choice(state, user, choice).await?)
}

/// Stores `user`'s choice with its audit event (acted by `user`: through
/// their session or a link signed for them), in one transaction.
async fn record_choice(
    state: &AppState,
    user: &UserId,
    choice: Preference,
) -> Result<(), rebound_store::StoreError> {
    let sink = state.guard.audit_sink();
    let event = sink.reach_event(user, Whose::Person(user), ReachChange::Preferences);
    let now = state.clock.now();
    let write = state.guard.outbox().set_preference(user, choice, now);
    sink.carrying(vec![event], write).await
}

/// What a signed link in a message does, for whom.
pub enum Signed {
    /// Stop sending `kind` to `user` by email.
    Unsubscribe { user: UserId, kind: MessageKind },
    /// `user` (the owner) puts off or stops update reminders on `mistake`.
    Snooze {
        user: UserId,
        mistake: String,
        snooze: Snooze,
    },
    /// `user` (a stakeholder) acknowledges they have read `mistake`'s note.
    Acknowledge { user: UserId, mistake: String },
}

impl Signed {
    /// What following it does, in words.
    pub fn says(&self) -> String {
        match self {
            Signed::Unsubscribe { kind, .. } => {
                format!(
                    "No more emails of this kind: {}.",
                    kind.label().to_lowercase()
                )
            }
            Signed::Snooze { snooze, .. } => format!("{}.", snooze.timeline_text()),
            Signed::Acknowledge { .. } => {
                "You have read the note: the owner will see your acknowledgement.".into()
            }
        }
    }
}

/// Reads a signed link: a 404 for one that is not ours, was changed, or is
/// for nothing we know; a 410 once it has expired.
pub async fn read_link(state: &AppState, token: &str) -> ApiResult<Signed> {
    let key = state.link_key().await?;
    let now = state.clock.now().as_millisecond();
    let claims = link::verify(&key, token, now).map_err(|e| match e {
        LinkError::Expired => ApiError::new(
            StatusCode::GONE,
            "expired",
            "this link has expired: sign in to Rebound to change this",
        ),
        LinkError::Malformed | LinkError::BadSignature => ApiError::not_found(),
    })?;
    let user = UserId::parse(&claims.user).map_err(|_| ApiError::not_found())?;
    let kind = claims.kind.as_deref().unwrap_or_default();
    match (claims.purpose.as_str(), claims.mistake) {
        ("unsubscribe", None) => match MessageKind::parse(kind) {
            Some(kind) if MessageKind::CHOSEN.contains(&kind) => {
                Ok(Signed::Unsubscribe { user, kind })
            }
            _ => Err(ApiError::not_found()),
        },
        ("acknowledge", Some(mistake)) => Ok(Signed::Acknowledge { user, mistake }),
        ("snooze", Some(mistake)) => match Snooze::parse(kind) {
            Some(snooze) => Ok(Signed::Snooze {
                user,
                mistake,
                snooze,
            }),
            None => Err(ApiError::not_found()),
        },
        _ => Err(ApiError::not_found()),
    }
}

/// Does what a signed link says (again changes nothing more: unsubscribing
/// twice is still off; a snooze is recorded again, from now).
pub async fn follow(state: &AppState, token: &str) -> ApiResult<Signed> {
    let signed = read_link(state, token).await?;
    match &signed {
        Signed::Unsubscribe { user, kind } => {
            let off = Preference {
                kind: *kind,
                channel: Channel::Email,
                enabled: false,
            };
            match record_choice(state, user, off).await {
                // The account is gone: nothing is sent to it anyway.
                Ok(()) | Err(rebound_store::StoreError::UserNotFound(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        // Acting as the person it was signed for, through the policy: a
        // mistake no longer theirs to act on (or an account disabled) is a
        // 404 like any other.
        Signed::Snooze {
            user,
            mistake,
            snooze,
        } => {
            let owner = signed_for(state, user).await?;
            crate::mistakes::updates::snooze_reminders(state, &owner, mistake, *snooze).await?;
        }
        Signed::Acknowledge { user, mistake } => {
            let reader = signed_for(state, user).await?;
            crate::sharing::acknowledgements::acknowledge(state, &reader, mistake).await?;
        }
    }
    Ok(signed)
}

/// The enabled account a signed link acts for.
async fn signed_for(state: &AppState, user: &UserId) -> ApiResult<User> {
    match state.guard.accounts().user(user).await {
        Ok(u) if !u.is_disabled() => Ok(u),
        _ => Err(ApiError::not_found()),
    }
}
