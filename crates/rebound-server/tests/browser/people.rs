//! The people a browser test needs before its first click: the admin made
//! by setup, colleagues invited and accepted over the API, and signing in
//! through the sign-in page.

use crate::harness::{Browser, Env, PASSWORD};
use reqwest::Method;
use serde_json::{Value, json};

/// The ten signs of a check-in, by the keys forms and the API use.
pub const SIGNS: [&str; 10] = [
    "fewer_volunteers",
    "excessive_sign_off",
    "over_caution",
    "speaking_less",
    "defensive_tone",
    "low_risk_drift",
    "more_shadowing",
    "less_ownership",
    "leader_micromanaging",
    "repeated_rework",
];

/// Sets up Ada as the admin; her API token.
pub async fn admin(env: &Env) -> String {
    let setup = env
        .http
        .post(format!("{}/api/v1/setup", env.base))
        .json(
            &json!({"email": "ada@example.com", "display_name": "Ada Admin", "password": PASSWORD}),
        )
        .send()
        .await
        .unwrap();
    assert!(setup.status().is_success(), "setup: {}", setup.status());
    env.api_token("ada@example.com").await
}

/// Invites `name` and accepts; their email and id.
pub async fn join(
    env: &Env,
    admin: &str,
    name: &str,
    role: &str,
    manager: Option<&str>,
) -> (String, String) {
    let email = format!("{}@example.com", name.to_lowercase());
    let invite = env
        .api(
            Method::POST,
            "/api/v1/invitations",
            admin,
            json!({"email": email, "role": role, "manager": manager}),
        )
        .await;
    let accepted: Value = env
        .http
        .post(format!("{}/api/v1/invitations/accept", env.base))
        .json(&json!({"token": invite["token"], "display_name": name, "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (email, accepted["user"]["id"].as_str().unwrap().to_string())
}

/// Signs in through the page, as a person would.
pub async fn sign_in(b: &Browser, email: &str) {
    b.open("/signin").await;
    b.fill("#email", email).await;
    b.fill("#password", PASSWORD).await;
    b.submit("Sign in", None).await;
}
