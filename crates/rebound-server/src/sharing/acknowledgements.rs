//! Acknowledging the note: once per person, timestamped; the owner sees
//! who has and who has not.

use crate::auth::CurrentUser;
use crate::error::{ApiResult, ErrorBody};
use crate::json::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::Timestamp;
use rebound_domain::access::{Action, Part};
use rebound_domain::{Mistake, User, UserId};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct Acknowledged {
    /// The first time you acknowledged; acknowledging again keeps it.
    pub acknowledged_at: Timestamp,
}

#[utoipa::path(post, path = "/api/v1/mistakes/{id}/acknowledgements", tag = "sharing",
    params(("id" = String, Path, description = "Mistake id")),
    responses((status = 201, description = "Acknowledged", body = Acknowledged),
        (status = 200, description = "Already acknowledged: nothing changed", body = Acknowledged),
        (status = 404, description = "No such mistake you may read (the owner does not acknowledge their own)", body = ErrorBody)))]
pub async fn post(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<Acknowledged>)> {
    let (at, first) = acknowledge(&state, &user, &id).await?;
    let status = if first {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(Acknowledged {
            acknowledged_at: at,
        }),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AckView {
    #[schema(value_type = String)]
    pub user: UserId,
    pub display_name: String,
    /// Null: not yet.
    pub acknowledged_at: Option<Timestamp>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AckList {
    /// Every stakeholder, acknowledged or not.
    pub stakeholders: Vec<AckView>,
    /// Other readers who acknowledged.
    pub others: Vec<AckView>,
    /// How many acknowledged, stakeholders or not.
    pub acknowledged: usize,
}

#[utoipa::path(get, path = "/api/v1/mistakes/{id}/acknowledgements", tag = "sharing",
    params(("id" = String, Path, description = "Mistake id")),
    responses((status = 200, description = "Who has and who has not acknowledged", body = AckList),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<AckList>> {
    Ok(Json(acknowledgements_of(&state, &user, &id).await?))
}

/// Who has and who has not acknowledged mistake `id`.
pub async fn acknowledgements_of(state: &AppState, user: &User, id: &str) -> ApiResult<AckList> {
    let g = state
        .guard
        .open(user, id, Part::Acknowledgements, Action::Read)
        .await?;
    let acks = g.acknowledgements().await?;
    let stakeholders: Vec<AckView> = g
        .stakeholders()
        .await?
        .into_iter()
        .map(|s| AckView {
            user: s.user,
            display_name: s.display_name.to_string(),
            acknowledged_at: s.acknowledged_at,
        })
        .collect();
    let others = acks
        .iter()
        .filter(|a| !stakeholders.iter().any(|s| s.user == a.user))
        .map(|a| AckView {
            user: a.user.clone(),
            display_name: a.display_name.to_string(),
            acknowledged_at: Some(a.at),
        })
        .collect();
    Ok(AckList {
        stakeholders,
        others,
        acknowledged: acks.len(),
    })
}

/// Acknowledges mistake `id`: the stored time, and whether this recorded it.
pub async fn acknowledge(state: &AppState, user: &User, id: &str) -> ApiResult<(Timestamp, bool)> {
    let g = state
        .guard
        .open(user, id, Part::Acknowledgements, Action::Create)
        .await?;
    g.acknowledge(state.clock.now_for(user).timestamp()).await
}

/// Of `others` (mistakes `user` may read), those where they are a named
/// stakeholder who has not acknowledged yet. Only the ones they hold a stake
/// in are opened (Home lists every open mistake of a person's circle; opening
/// each was five statements a mistake).
pub async fn awaiting(
    state: &AppState,
    user: &User,
    others: Vec<Mistake>,
) -> ApiResult<Vec<Mistake>> {
    let stakes = state.guard.stakes_of(user).await?;
    let mut out = Vec::new();
    for m in others.into_iter().filter(|m| stakes.contains(&m.id)) {
        let g = state
            .guard
            .open(user, m.id.as_str(), Part::Acknowledgements, Action::Read)
            .await?;
        let waiting = g
            .stakeholders()
            .await?
            .iter()
            .any(|s| s.user == user.id && s.acknowledged_at.is_none());
        if waiting {
            out.push(m);
        }
    }
    Ok(out)
}
