//! What leaders may see about a group (`GET /api/v1/insights`, the
//! `/insights` page): aggregates only, by the rules of
//! `rebound_domain::insights` — who may ask for which view, the minimum
//! group of five enabled accounts, and the differencing rule over the
//! asker's views and every group shown before (kept by `InsightStore`, so
//! a view before and after a change cannot be subtracted either). A
//! withheld view answers 200 with the reason in words and no figures; a
//! team the asker may not see, or one that does not exist, is a 404.

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::json::{Json, Query};
use crate::state::AppState;
use axum::extract::State;
use rebound_domain::insights::{self, GroupFigures, MIN_GROUP, Scope, WITHHELD_WORDS, Withheld};
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
    /// `too_few` (under five people) or `too_close` (beside the views you
    /// may ask for, or the groups shown before, it would single out one to
    /// four people).
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

/// Every view `user` may ask for with its group, in the order the rule
/// decides them: the organisation and the teams (administrators), then
/// their own reports.
async fn views_for(state: &AppState, user: &User) -> ApiResult<Vec<(Scope, BTreeSet<UserId>)>> {
    let accounts = state.guard.accounts();
    let mut views = Vec::new();
    if user.role == Role::Admin {
        views.push((Scope::Organisation, enabled(accounts.list_users().await?)));
        for t in accounts.list_teams().await? {
            views.push((
                Scope::Team(t.id.clone()),
                enabled(accounts.members(&t.id).await?),
            ));
        }
    }
    views.push((
        Scope::Reports,
        enabled(accounts.reports_of(&user.id).await?),
    ));
    Ok(views)
}

/// Whether the view at `at` among `views` shows figures: too few people,
/// or too close by the differencing rule to the groups shown before (to
/// anyone) and the views before it. Shown, its group is recorded as shown,
/// in the same decision.
async fn verdict(
    state: &AppState,
    views: &[(Scope, BTreeSet<UserId>)],
    at: usize,
) -> ApiResult<Option<Withheld>> {
    let group = &views[at].1;
    if group.len() < MIN_GROUP {
        return Ok(Some(Withheld::TooFew));
    }
    let groups: Vec<BTreeSet<UserId>> = views.iter().map(|(_, g)| g.clone()).collect();
    let may_show = move |shown: &[BTreeSet<UserId>]| insights::decide(shown, &groups)[at].is_none();
    let shown = (state.guard.insight_groups())
        .show_group_if(group, state.clock.now(), &may_show)
        .await?;
    Ok((!shown).then_some(Withheld::TooClose))
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
    let (name, team) = match &scope {
        Scope::Organisation => ("organisation", None),
        Scope::Reports => ("reports", None),
        Scope::Team(id) => {
            let t = match state.guard.accounts().team(id).await {
                Ok(t) => t,
                Err(StoreError::TeamNotFound(_)) => return Err(ApiError::not_found()),
                Err(e) => return Err(e.into()),
            };
            let team = TeamName {
                id: t.id.to_string(),
                name: t.name.to_string(),
            };
            ("team", Some(team))
        }
    };
    let views = views_for(state, user).await?;
    // A team removed since it was read above is no longer one to show.
    let at = (views.iter().position(|(s, _)| *s == scope)).ok_or_else(ApiError::not_found)?;
    if let Some(w) = verdict(state, &views, at).await? {
        return Ok(InsightsView {
            scope: name,
            team,
            withheld: Some(WITHHELD_WORDS),
            withheld_reason: Some(w.as_str()),
            people: None,
            figures: None,
        });
    }
    let members: Vec<UserId> = views[at].1.iter().cloned().collect();
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
    responses((status = 200, description = "A group's figures, or why they are withheld (fewer than five people, or beside the other views you may ask for and the groups shown before it would single out one to four people, as after one person joined or left). No parameter: the organisation (administrators)", body = InsightsView),
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
