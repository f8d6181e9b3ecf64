//! People, for admins: everyone with their role, manager and whether they
//! are disabled; inviting by link (the link is shown once); setting a
//! manager; disabling and enabling; teams and who is in them. Anyone else
//! gets the 404 page. Every read and change is the API's own operation.

use crate::people::invitations::{InvitationLink, InviteBody, invite_someone};
use crate::people::teams::{self, MemberBody, TeamBody};
use crate::people::users::{self, ManagerBody};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::form::{Form, given};
use crate::web::me::Me;
use crate::web::respond::see_other;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use rebound_domain::{Role, TeamId, UserId};
use serde::Deserialize;

mod view;

use view::render;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/people", get(show))
        .route("/people/invite", post(send_invite))
        .route("/people/teams", post(create_team))
        .route("/people/teams/{team}/members", post(add_member))
        .route(
            "/people/teams/{team}/members/{user}/remove",
            post(remove_member),
        )
        .route("/people/{id}/manager", post(set_manager))
        .route("/people/{id}/disable", post(disable))
        .route("/people/{id}/enable", post(enable))
}

#[derive(Deserialize, Default, Clone)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    role: Option<String>,
    manager: Option<String>,
    team: Option<String>,
}

/// What the page shows besides the stored facts.
#[derive(Default)]
struct Extra {
    /// A refused form: which section, and why.
    problem: Option<(String, String)>,
    invite: InviteForm,
    /// A fresh invitation, shown this once.
    issued: Option<(String, InvitationLink)>,
}

impl Extra {
    fn problem_in(&self, section: &str) -> Option<&str> {
        self.problem
            .as_ref()
            .filter(|(s, _)| s == section)
            .map(|(_, m)| m.as_str())
    }

    fn refused(section: impl Into<String>, e: impl Into<WebError>) -> (StatusCode, Extra) {
        let e = e.into();
        (
            e.status,
            Extra {
                problem: Some((section.into(), e.message)),
                ..Extra::default()
            },
        )
    }
}

pub async fn show(State(state): State<AppState>, me: Me) -> WebResult<Response> {
    me.admin_only()?;
    render(
        &state,
        &me,
        &HeaderMap::new(),
        StatusCode::OK,
        Extra::default(),
    )
    .await
}

fn parse_user(s: Option<&str>) -> Result<Option<UserId>, WebError> {
    given(s.map(str::to_string))
        .map(|s| UserId::parse(&s))
        .transpose()
        .map_err(|_| unprocessable("Choose someone from the list."))
}

fn unprocessable(message: &str) -> WebError {
    WebError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
}

pub async fn send_invite(
    State(state): State<AppState>,
    me: Me,
    headers: HeaderMap,
    Form(f): Form<InviteForm>,
) -> WebResult<Response> {
    me.admin_only()?;
    let parsed = (|| -> Result<InviteBody, WebError> {
        Ok(InviteBody {
            email: f.email.clone(),
            role: given(f.role.clone())
                .map(|r| r.parse::<Role>())
                .transpose()
                .map_err(|_| unprocessable("Choose a role from the list."))?,
            manager: parse_user(f.manager.as_deref())?,
            team: given(f.team.clone())
                .map(|t| TeamId::parse(&t))
                .transpose()
                .map_err(|_| unprocessable("Choose a team from the list."))?,
        })
    })();
    let result = match parsed {
        Ok(body) => invite_someone(&state, &me.user, body)
            .await
            .map_err(WebError::from),
        Err(e) => Err(e),
    };
    match result {
        // Shown on this response only: never stored, never in an address.
        Ok(link) => {
            let extra = Extra {
                issued: Some((f.email.trim().to_string(), link)),
                ..Extra::default()
            };
            render(&state, &me, &headers, StatusCode::CREATED, extra).await
        }
        Err(e) => {
            let (status, mut extra) = Extra::refused("invite", e);
            extra.invite = f;
            render(&state, &me, &headers, status, extra).await
        }
    }
}

#[derive(Deserialize)]
pub struct ManagerForm {
    manager: Option<String>,
}

pub async fn set_manager(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<ManagerForm>,
) -> WebResult<Response> {
    me.admin_only()?;
    let section = format!("person-{id}");
    let result = match parse_user(f.manager.as_deref()) {
        Ok(manager) => users::assign_manager(&state, &me.user, &id, ManagerBody { manager })
            .await
            .map(|()| StatusCode::NO_CONTENT)
            .map_err(WebError::from),
        Err(e) => Err(e),
    };
    after(&state, &me, result, section).await
}

pub async fn disable(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    me.admin_only()?;
    let result = users::set_enabled(&state, &me.user, &id, false)
        .await
        .map(|()| StatusCode::NO_CONTENT)
        .map_err(WebError::from);
    after(&state, &me, result, format!("person-{id}")).await
}

pub async fn enable(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    me.admin_only()?;
    let result = users::set_enabled(&state, &me.user, &id, true)
        .await
        .map(|()| StatusCode::NO_CONTENT)
        .map_err(WebError::from);
    after(&state, &me, result, format!("person-{id}")).await
}

#[derive(Deserialize)]
pub struct TeamForm {
    #[serde(default)]
    name: String,
}

pub async fn create_team(
    State(state): State<AppState>,
    me: Me,
    Form(f): Form<TeamForm>,
) -> WebResult<Response> {
    me.admin_only()?;
    let result = teams::new_team(&state, &me.user, TeamBody { name: f.name })
        .await
        .map(|_| StatusCode::CREATED)
        .map_err(WebError::from);
    after(&state, &me, result, "teams".into()).await
}

#[derive(Deserialize)]
pub struct MemberForm {
    user: Option<String>,
}

pub async fn add_member(
    State(state): State<AppState>,
    me: Me,
    Path(team): Path<String>,
    Form(f): Form<MemberForm>,
) -> WebResult<Response> {
    me.admin_only()?;
    let section = format!("team-{team}");
    let result = match parse_user(f.user.as_deref()) {
        Ok(Some(user)) => teams::join_team(&state, &me.user, &team, MemberBody { user })
            .await
            .map(|()| StatusCode::NO_CONTENT)
            .map_err(WebError::from),
        Ok(None) => Err(unprocessable("Choose someone to add.")),
        Err(e) => Err(e),
    };
    after(&state, &me, result, section).await
}

pub async fn remove_member(
    State(state): State<AppState>,
    me: Me,
    Path((team, user)): Path<(String, String)>,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    me.admin_only()?;
    let section = format!("team-{team}");
    let result = teams::leave_team(&state, &me.user, &team, &user)
        .await
        .map(|()| StatusCode::NO_CONTENT)
        .map_err(WebError::from);
    after(&state, &me, result, section).await
}

/// Back to the section after a change; a refusal shows the page with the
/// reason there.
async fn after(
    state: &AppState,
    me: &Me,
    result: Result<StatusCode, WebError>,
    section: String,
) -> WebResult<Response> {
    match result {
        Ok(_) => Ok(see_other(&format!("/people#{section}"))),
        Err(e) => {
            let (status, extra) = Extra::refused(section, e);
            render(state, me, &HeaderMap::new(), status, extra).await
        }
    }
}
