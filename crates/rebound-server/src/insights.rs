//! What leaders may see about a group (`GET /api/v1/insights`, the
//! `/insights` page): aggregates only, by the rules of
//! `rebound_domain::insights` — who may ask for which view, the minimum
//! group of five enabled accounts, and no two views the asker may request
//! differing by one to four people. A withheld view answers 200 with the
//! reason in words and no figures; a team the asker may not see, or one
//! that does not exist, is a 404.

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Query};
use crate::state::AppState;
use axum::extract::State;
use rebound_domain::insights::{self, GroupFigures, MIN_GROUP, Scope, WITHHELD_WORDS};
use rebound_domain::{Role, TeamId, User, UserId};
use rebound_store::StoreError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get))
}

#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InsightsQuery {
    /// A team's id (administrators only).
    #[param(max_length = 8)]
    pub team: Option<String>,
    /// `me`: your direct reports.
    #[param(max_length = 2)]
    pub reports: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InsightsView {
    /// `organisation`, `team` or `reports`.
    pub scope: &'static str,
    /// The team's id and name, for a team.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<TeamName>,
    /// Why there are no figures, in words; absent when there are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<&'static str>,
    /// `too_few` (under five people) or `too_close` (another view you may
    /// ask for differs from this one by one to four people).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld_reason: Option<&'static str>,
    /// How many people the figures are over (enabled accounts), when shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub people: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures: Option<GroupFigures>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TeamName {
    pub id: String,
    pub name: String,
}

/// Which view the query names; malformed input is a 400 in words.
fn scope_of(q: &InsightsQuery) -> ApiResult<Scope> {
    match (q.team.as_deref(), q.reports.as_deref()) {
        (Some(_), Some(_)) => Err(ApiError::invalid(
            "ask for one group at a time: a team (team=ID) or your reports (reports=me), not both",
        )),
        (Some(t), None) => TeamId::parse(t.trim()).map(Scope::Team).map_err(|_| {
            ApiError::invalid(
                "`team` is not a team id: give the 8-character id of a team, or leave it out for the organisation",
            )
        }),
        (None, Some(r)) if r.trim() == "me" => Ok(Scope::Reports),
        (None, Some(_)) => Err(ApiError::invalid(
            "`reports` takes only `me` (your direct reports)",
        )),
        (None, None) => Ok(Scope::Organisation),
    }
}

fn enabled(people: Vec<User>) -> BTreeSet<UserId> {
    people
        .into_iter()
        .filter(|u| !u.is_disabled())
        .map(|u| u.id)
        .collect()
}

/// The group of every view `user` may ask for, the asked one included.
async fn views_for(state: &AppState, user: &User) -> ApiResult<Vec<BTreeSet<UserId>>> {
    let accounts = state.guard.accounts();
    let mut views = vec![enabled(accounts.reports_of(&user.id).await?)];
    if user.role == Role::Admin {
        views.push(enabled(accounts.list_users().await?));
        for t in accounts.list_teams().await? {
            views.push(enabled(accounts.members(&t.id).await?));
        }
    }
    Ok(views)
}

/// The view `q` names, as `user` may see it.
pub(crate) async fn view_for(
    state: &AppState,
    user: &User,
    q: &InsightsQuery,
) -> ApiResult<InsightsView> {
    let scope = scope_of(q)?;
    if !insights::may_ask(user.role, &scope) {
        return Err(ApiError::not_found());
    }
    let accounts = state.guard.accounts();
    let (name, team, group) = match &scope {
        Scope::Organisation => ("organisation", None, enabled(accounts.list_users().await?)),
        Scope::Reports => (
            "reports",
            None,
            enabled(accounts.reports_of(&user.id).await?),
        ),
        Scope::Team(id) => {
            let t = match accounts.team(id).await {
                Ok(t) => t,
                Err(StoreError::TeamNotFound(_)) => return Err(ApiError::not_found()),
                Err(e) => return Err(e.into()),
            };
            let members = enabled(accounts.members(id).await?);
            let team = TeamName {
                id: t.id.to_string(),
                name: t.name.to_string(),
            };
            ("team", Some(team), members)
        }
    };
    let others = views_for(state, user).await?;
    if let Some(w) = insights::withheld(&group, &others) {
        return Ok(InsightsView {
            scope: name,
            team,
            withheld: Some(WITHHELD_WORDS),
            withheld_reason: Some(w.as_str()),
            people: None,
            figures: None,
        });
    }
    debug_assert!(group.len() >= MIN_GROUP);
    let members: Vec<UserId> = group.into_iter().collect();
    let resource_id = match (&scope, &team) {
        (_, Some(t)) => t.id.clone(),
        (Scope::Reports, _) => user.id.to_string(),
        _ => "all".to_string(),
    };
    let figures = (state.guard)
        .group_figures(user, (name, &resource_id), &members)
        .await?;
    Ok(InsightsView {
        scope: name,
        team,
        withheld: None,
        withheld_reason: None,
        people: Some(u32::try_from(members.len()).unwrap_or(u32::MAX)),
        figures: Some(figures),
    })
}

/// The views `user` may pick from on the page: (label, query).
pub(crate) async fn choices_for(
    state: &AppState,
    user: &User,
) -> ApiResult<Vec<(String, InsightsQuery)>> {
    let mut out = Vec::new();
    let accounts = state.guard.accounts();
    if !accounts.reports_of(&user.id).await?.is_empty() {
        out.push((
            "My reports".to_string(),
            InsightsQuery {
                reports: Some("me".into()),
                ..InsightsQuery::default()
            },
        ));
    }
    if user.role == Role::Admin {
        out.push(("The organisation".to_string(), InsightsQuery::default()));
        for t in accounts.list_teams().await? {
            out.push((
                format!("Team {}", t.name),
                InsightsQuery {
                    team: Some(t.id.to_string()),
                    ..InsightsQuery::default()
                },
            ));
        }
    }
    Ok(out)
}

#[utoipa::path(get, path = "/api/v1/insights", tag = "people", params(InsightsQuery),
    responses((status = 200, description = "A group's figures, or why they are withheld (fewer than five people, or another view you may ask for differs from this one by one to four people). No parameter: the organisation (administrators)", body = InsightsView),
        (status = 400, description = "`team` is not a team id, `reports` is not `me`, or both are given", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 404, description = "No such team, or not one you may see (teams and the organisation are for administrators)", body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(q): Query<InsightsQuery>,
) -> ApiResult<Json<InsightsView>> {
    Ok(Json(view_for(&state, &user, &q).await?))
}
