//! Settings: my profile (name, time zone, working hours), API tokens for
//! the command line (a new one is shown once), and where I am signed in
//! (this browser marked; any other can be ended); on a page of its own,
//! notifications and my teams' chat channels (`notifications.rs`). Every
//! read and change is the API's own operation.

use crate::auth::profile::{self, ProfileBody};
use crate::auth::session::end_session_of;
use crate::auth::tokens::{self, IssuedTokenView, NewTokenBody};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::form::Form;
use crate::web::me::Me;
use crate::web::respond::see_other;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;

mod export;
mod form;
mod hook_card;
mod notifications;
mod team_channels;
mod view;

pub use form::ProfileForm;
use view::render;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/settings", get(show))
        .route("/settings/profile", post(save_profile))
        .route("/settings/export", get(export::download))
        .route("/settings/tokens", post(create_token))
        .route("/settings/tokens/{id}/revoke", post(revoke_token))
        .route("/settings/sessions/{id}/end", post(end))
        .route("/settings/notifications", get(notifications::show))
        .route(
            "/settings/notifications/choices",
            post(notifications::save_choices),
        )
        .route(
            "/settings/notifications/webhook",
            post(notifications::save_webhook),
        )
        .route(
            "/settings/notifications/webhook/remove",
            post(notifications::remove_webhook),
        )
        .route(
            "/settings/notifications/teams/{team}/webhook",
            post(team_channels::save_webhook),
        )
        .route(
            "/settings/notifications/teams/{team}/webhook/remove",
            post(team_channels::remove_webhook),
        )
}

#[derive(Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

/// What the page shows besides the stored facts.
#[derive(Default)]
struct Extra {
    notice: Option<&'static str>,
    /// A refused form: which section, and why.
    problem: Option<(&'static str, String)>,
    profile: Option<ProfileForm>,
    issued: Option<IssuedTokenView>,
    token_name: String,
}

impl Extra {
    fn problem_in(&self, section: &str) -> Option<&str> {
        self.problem
            .as_ref()
            .filter(|(s, _)| *s == section)
            .map(|(_, m)| m.as_str())
    }

    fn refused(section: &'static str, message: String) -> Self {
        Extra {
            problem: Some((section, message)),
            ..Extra::default()
        }
    }
}

pub async fn show(
    State(state): State<AppState>,
    me: Me,
    Query(q): Query<Saved>,
) -> WebResult<Response> {
    let notice = match q.saved.as_deref() {
        Some("profile") => Some("Your profile is saved."),
        Some("revoked") => {
            Some("The token is revoked. Anything still using it is refused from now on.")
        }
        Some("ended") => Some("That session has ended. The browser will need to sign in again."),
        _ => None,
    };
    render(
        &state,
        &me,
        StatusCode::OK,
        Extra {
            notice,
            ..Extra::default()
        },
    )
    .await
}

pub async fn save_profile(
    State(state): State<AppState>,
    me: Me,
    Form(f): Form<ProfileForm>,
) -> WebResult<Response> {
    let refused = |message: String| Extra {
        profile: Some(f.clone()),
        ..Extra::refused("profile", message)
    };
    let working_hours = match f.working_hours() {
        Ok(w) => w,
        Err(message) => {
            let extra = refused(message);
            return render(&state, &me, StatusCode::UNPROCESSABLE_ENTITY, extra).await;
        }
    };
    let body = ProfileBody {
        display_name: f.display_name.clone(),
        time_zone: f.time_zone.trim().to_string(),
        working_hours,
    };
    match profile::save_profile(&state, &me.user, body).await {
        Ok(_) => Ok(see_other("/settings?saved=profile#profile")),
        Err(e) => {
            let e = WebError::from(e);
            render(&state, &me, e.status, refused(e.message)).await
        }
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    me: Me,
    Form(f): Form<TokenForm>,
) -> WebResult<Response> {
    let body = NewTokenBody {
        name: f.name.clone(),
    };
    match tokens::issue(&state, &me.user, body).await {
        // Shown on this response only: it is never stored or put in an address.
        Ok(issued) => {
            render(
                &state,
                &me,
                StatusCode::CREATED,
                Extra {
                    issued: Some(issued),
                    ..Extra::default()
                },
            )
            .await
        }
        Err(e) => {
            let e = WebError::from(e);
            let extra = Extra {
                token_name: f.name,
                ..Extra::refused("tokens", e.message)
            };
            render(&state, &me, e.status, extra).await
        }
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    tokens::revoke_token(&state, &me.user, &id).await?;
    Ok(see_other("/settings?saved=revoked#tokens"))
}

pub async fn end(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    end_session_of(&state, &me.user, &id).await?;
    Ok(see_other("/settings?saved=ended#sessions"))
}

#[cfg(test)]
mod tests {
    use super::form::{ProfileForm, hhmm, minute_of_day};
    use super::view::browser;

    #[test]
    fn times_of_day_read_as_minutes_and_midnight_ends_the_day() {
        assert_eq!(minute_of_day("09:30", false), Ok(570));
        assert_eq!(minute_of_day("00:00", false), Ok(0));
        assert_eq!(minute_of_day("00:00", true), Ok(1440));
        assert_eq!(minute_of_day("24:00", true), Ok(1440));
        assert!(minute_of_day("24:00", false).is_err());
        assert!(minute_of_day("9", false).is_err());
        assert!(minute_of_day("12:60", false).is_err());
        assert_eq!(hhmm(1440), "00:00");
        assert_eq!(hhmm(570), "09:30");
    }

    #[test]
    fn working_hours_are_all_or_nothing() {
        let empty = ProfileForm::default();
        assert_eq!(empty.working_hours(), Ok(None));
        let half = ProfileForm {
            mon: Some("on".into()),
            ..ProfileForm::default()
        };
        assert!(half.working_hours().is_err());
        let whole = ProfileForm {
            mon: Some("on".into()),
            start: "09:00".into(),
            end: "17:00".into(),
            ..ProfileForm::default()
        };
        let w = whole.working_hours().unwrap().unwrap();
        assert_eq!((w.start_minute(), w.end_minute()), (540, 1020));
        assert_eq!(w.days(), [true, false, false, false, false, false, false]);
    }

    #[test]
    fn browsers_get_plain_names() {
        assert_eq!(
            browser(Some(
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
            )),
            "Firefox on Linux"
        );
        assert_eq!(browser(None), "Unknown browser");
        assert_eq!(browser(Some("curl/8.0")), "curl/8.0");
    }
}
