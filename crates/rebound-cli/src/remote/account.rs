//! Accounts on the server, for `rebound login|logout|whoami`: sign in with
//! the password just long enough to make an API token, revoke it, who am I.

use super::http::{Auth, Failure, Http};
use super::login_file::Login;
use crate::error::{CliError, Result};
use rebound_domain::User;
use reqwest::Method;
use reqwest::header::SET_COOKIE;
use serde::Deserialize;
use serde_json::json;

/// A new API token; `token` is shown by the server this once.
#[derive(Deserialize)]
pub struct Issued {
    pub id: String,
    pub token: String,
}

#[derive(Deserialize)]
struct SignedIn {
    user: User,
}

/// Signs in (`POST /api/v1/session`), makes an API token with the session
/// cookie (`POST /api/v1/me/tokens`), and signs the session out again. A
/// session that cannot be ended is reported as a warning on stderr.
pub async fn issue_token(
    server: &str,
    email: &str,
    password: &str,
    token_name: &str,
) -> Result<(User, Issued)> {
    let anonymous = Http::new(server, Auth::None)?;
    let body = json!({ "email": email, "password": password });
    let answer = anonymous
        .call(Method::POST, "/api/v1/session", Some(&body))
        .await
        .map_err(|f| match f {
            // "wrong email or password", in the server's words.
            Failure::Unauthorized(m) => CliError::Invalid(m),
            f => anonymous.fail(f),
        })?;
    let cookie = answer
        .headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .map(str::trim)
        .find(|c| c.split_once('=').is_some_and(|(_, v)| !v.is_empty()))
        .map(str::to_string)
        .ok_or_else(|| {
            CliError::Server(format!(
                "the server at {server} signed you in but sent no session cookie"
            ))
        })?;
    let user = serde_json::from_value::<SignedIn>(answer.body)
        .map_err(|_| {
            CliError::Server(format!(
                "the server at {server} answered the sign-in in a way this version of rebound cannot read"
            ))
        })?
        .user;
    let session = Http::new(server, Auth::Cookie(cookie))?;
    let made = session
        .call(
            Method::POST,
            "/api/v1/me/tokens",
            Some(&json!({ "name": token_name })),
        )
        .await;
    // The session was only needed to make the token: end it either way.
    if let Err(f) = session.call(Method::DELETE, "/api/v1/session", None).await {
        eprintln!(
            "warning: the sign-in session could not be ended: {}",
            session.fail(f)
        );
    }
    let issued = serde_json::from_value::<Issued>(made.map_err(|f| session.fail(f))?.body)
        .map_err(|_| {
            CliError::Server(format!(
                "the server at {server} made a token but its answer cannot be read"
            ))
        })?;
    Ok((user, issued))
}

/// What happened to a token at revocation.
pub enum Revoked {
    Now,
    /// It had already stopped working (revoked elsewhere, or the account disabled).
    Already,
}

/// Revokes the login's token on its server (`DELETE /api/v1/me/tokens/{id}`).
pub async fn revoke(login: &Login) -> Result<Revoked> {
    let http = Http::new(&login.server, Auth::Token(login.token.clone()))?;
    let path = format!("/api/v1/me/tokens/{}", login.token_id);
    match http.call(Method::DELETE, &path, None).await {
        Ok(_) => Ok(Revoked::Now),
        Err(Failure::Unauthorized(_) | Failure::NotFound(_)) => Ok(Revoked::Already),
        Err(f) => Err(http.fail(f)),
    }
}

/// Who the token belongs to (`GET /api/v1/me`).
pub async fn me(http: &Http) -> Result<User> {
    let answer = http.get("/api/v1/me").await.map_err(|f| http.fail(f))?;
    serde_json::from_value(answer.body).map_err(|_| {
        CliError::Server(format!(
            "the server at {} answered in a way this version of rebound cannot read",
            http.server()
        ))
    })
}
