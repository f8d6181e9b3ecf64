//! Progress updates, their cadence and snoozing.

use super::change;
use crate::auth::CurrentUser;
use crate::clock::ms;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::Json;
use crate::json::Path;
use crate::precondition::{Expect, IfMatch, Kind, Tagged};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::Timestamp;
use rebound_domain::access::{Action, Part};
use rebound_domain::export::MistakeView;
use rebound_domain::{Cadence, User};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateBody {
    pub text: String,
}

#[utoipa::path(post, path = "/api/v1/mistakes/{id}/updates", tag = "updates",
    params(("id" = String, Path, description = "Mistake id")), request_body = UpdateBody,
    responses((status = 201, body = MistakeView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn post(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<UpdateBody>,
) -> ApiResult<(StatusCode, Tagged<MistakeView>)> {
    let view = post_update(&state, &user, &id, &expect, b).await?;
    Ok((StatusCode::CREATED, Tagged(view.mistake.version, view)))
}

/// Posts a progress update (the stakeholders who may read it hear of it).
pub async fn post_update(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    b: UpdateBody,
) -> ApiResult<MistakeView> {
    let how = (Part::Updates, Action::Create);
    change(state, user, id, how, (Kind::Addition, expect), |m, now| {
        Ok(vec![m.post_update(&b.text, now)?])
    })
    .await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleBody {
    pub cadence: Option<Cadence>,
    /// Promise the next update at this time.
    #[serde(default, deserialize_with = "rebound_domain::when::sent_time")]
    pub snooze_until: Option<Timestamp>,
}

#[utoipa::path(put, path = "/api/v1/mistakes/{id}/schedule", tag = "updates",
    params(("id" = String, Path, description = "Mistake id")), request_body = ScheduleBody,
    responses((status = 200, body = MistakeView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn schedule(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
    IfMatch(expect): IfMatch,
    Json(b): Json<ScheduleBody>,
) -> ApiResult<Tagged<MistakeView>> {
    let view = set_schedule(&state, &user, &id, &expect, b).await?;
    Ok(Tagged(view.mistake.version, view))
}

/// Sets the update cadence and/or snoozes the next update.
pub async fn set_schedule(
    state: &AppState,
    user: &User,
    id: &str,
    expect: &Expect,
    b: ScheduleBody,
) -> ApiResult<MistakeView> {
    if let Some(Cadence::Every(minutes)) = b.cadence
        && !(5..=60 * 24 * 30).contains(&minutes)
    {
        return Err(ApiError::unprocessable(
            "the cadence must be between 5 minutes and 30 days",
        ));
    }
    let how = (Part::Updates, Action::Change);
    change(state, user, id, how, (Kind::Edit, expect), |m, now| {
        if let Some(c) = b.cadence {
            m.set_cadence(c);
        }
        if let Some(until) = b.snooze_until {
            m.snooze_until(ms(until), now)?;
        }
        Ok(Vec::new())
    })
    .await
}

/// What the owner chose from a reminder's signed link: no reminder for an
/// hour or until their next working morning (a promise of the next
/// update), or none for this mistake (no regular updates expected); either
/// way recorded on its timeline. Applied to the fresh record, whatever
/// changed since the reminder went.
pub async fn snooze_reminders(
    state: &AppState,
    user: &User,
    id: &str,
    snooze: rebound_domain::reminder::Snooze,
) -> ApiResult<MistakeView> {
    use rebound_domain::reminder::{Snooze, snoozed_until};
    let how = (Part::Updates, Action::Change);
    change(
        state,
        user,
        id,
        how,
        (Kind::Addition, &Expect::any()),
        |m, now| {
            match snoozed_until(snooze, now, user.working_hours.as_ref()) {
                Some(until) => m.snooze_until(ms(until.timestamp()), now)?,
                None => {
                    debug_assert_eq!(snooze, Snooze::Never);
                    m.set_cadence(Cadence::None);
                    m.next_update_at = None;
                }
            }
            let at = now.timestamp();
            Ok(vec![m.add_timeline_entry(
                at,
                snooze.timeline_text(),
                false,
                now,
            )?])
        },
    )
    .await
}
