//! A person's own patterns (`GET /api/v1/me/patterns`, the `/patterns`
//! page): gathered from their own records through the guard's personal
//! door, summarised by `rebound_domain::patterns`. There is no id in the
//! address: nobody can ask for anyone else's.

use crate::auth::CurrentUser;
use crate::error::{ApiResult, ErrorBody};
use crate::json::Json;
use crate::state::AppState;
use axum::extract::State;
use rebound_domain::User;
use rebound_domain::patterns::{self, Patterns};
use rebound_store::PrincipleFilter;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(mine))
}

/// `user`'s patterns, from their own records alone; every record read is
/// an audit event in their name.
pub(crate) async fn for_me(state: &AppState, user: &User) -> ApiResult<Patterns> {
    let now = state.clock.now_for(user);
    let mistakes = state.guard.own_mistakes(user).await?;
    let reflections = state.guard.reflections(user).await?;
    let principles = (state.guard)
        .principles(user, &PrincipleFilter::default())
        .await?;
    let wins = state.guard.wins(user).await?;
    Ok(patterns::for_person(
        &mistakes,
        &reflections,
        &principles,
        &wins,
        &now,
    ))
}

#[utoipa::path(get, path = "/api/v1/me/patterns", tag = "reflections",
    responses((status = 200, description = "Your patterns: medians of time to own and time to note, clocks met, updates kept on cadence, traps and failure types across your reflections, principles and wins by month (the last twelve, on your clock)", body = Patterns),
        (status = 401, body = ErrorBody)))]
pub async fn mine(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> ApiResult<Json<Patterns>> {
    Ok(Json(for_me(&state, &user).await?))
}
