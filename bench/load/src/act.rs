//! What a simulated person does: signs in once, then, after each think time,
//! one action drawn from the mix (issue 20: about 70 % reading, 20 % posting
//! updates and comments, 10 % new mistakes and check-ins).

use crate::setup::{PASSWORD, Person};
use crate::stats;
use goose::prelude::*;
use rand::Rng;
use rand::seq::IndexedRandom;
use serde_json::{Value, json};
use std::sync::OnceLock;
use std::time::Instant;

pub static ROSTER: OnceLock<Vec<Person>> = OnceLock::new();
/// How many people the run starts (goose's --users), to know when all signed in.
pub static PEOPLE: OnceLock<usize> = OnceLock::new();

/// The mix, in percent of actions; the kinds of request are named as the
/// report shows them.
const MIX: [(u32, &str); 9] = [
    (20, "GET /api/v1/mistakes/{id}"),
    (15, "GET /api/v1/mistakes"),
    (15, "GET / (home page)"),
    (20, "GET /m/{id} (mistake page)"),
    (10, "POST /api/v1/mistakes/{id}/updates"),
    (10, "POST /api/v1/mistakes/{id}/comments"),
    // A manager's 10 % are check-ins on their plan; everyone else's, new mistakes.
    (10, "POST /api/v1/mistakes"),
    (0, "POST /api/v1/plans/{id}/check-ins"),
    (0, "POST /api/v1/session (sign in)"),
];

#[derive(Clone)]
struct Me {
    /// Sent as X-Forwarded-For: each person comes from their own address,
    /// as people do (the server trusts the load's loopback as a proxy), so
    /// sign-in throttling counts per person, not for all 2,000 at once.
    from: String,
    person: Person,
}

fn custom(e: impl std::fmt::Display) -> Box<TransactionError> {
    Box::new(TransactionError::Custom(e.to_string()))
}

/// One request, timed to the end of its body, recorded under `name`.
async fn call(
    user: &mut GooseUser,
    name: &'static str,
    path: &str,
    body: Option<Value>,
) -> Result<Value, Box<TransactionError>> {
    let from = user
        .get_session_data::<Me>()
        .map(|m| m.from.clone())
        .unwrap_or_default();
    let method = if body.is_some() {
        GooseMethod::Post
    } else {
        GooseMethod::Get
    };
    let mut rb = user
        .get_request_builder(&method, path)?
        .header("x-forwarded-for", from);
    if let Some(b) = &body {
        rb = rb.json(b);
    }
    let req = GooseRequest::builder()
        .name(name)
        .set_request_builder(rb)
        .build();
    let at = Instant::now();
    let answer = match user.request(req).await {
        Ok(a) => a,
        Err(e) => {
            stats::record(name, at, 0);
            return Err(e);
        }
    };
    let (status, text) = match answer.response {
        Ok(r) => {
            let status = r.status().as_u16();
            match r.text().await {
                Ok(t) => (status, t),
                Err(_) => (0, String::new()),
            }
        }
        Err(_) => (0, String::new()),
    };
    stats::record(name, at, status);
    if !(200..400).contains(&status) {
        return Err(custom(format!("{name}: {status}")));
    }
    Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Signs in as the person this simulated user plays (goose's on_start).
pub async fn sign_in(user: &mut GooseUser) -> TransactionResult {
    let roster = ROSTER.get().expect("the roster is loaded");
    let i = user.weighted_users_index % roster.len();
    let from = format!("10.{}.{}.{}", i >> 16 & 255, i >> 8 & 255, i & 255);
    user.set_session_data(Me {
        from,
        person: roster[i].clone(),
    });
    let body = json!({"email": roster[i].email, "password": PASSWORD});
    // The server hashes a few passwords at once and says 503 beyond its
    // queue: a person who is told so tries again a second later, until in
    // (at 20 sign-ins a second on a busy machine, some are told so 20 times).
    let mut tries = 0;
    loop {
        match call(user, MIX[8].1, "/api/v1/session", Some(body.clone())).await {
            Ok(_) => break,
            // Five minutes of refusals is a failure, not a queue.
            Err(e) if tries >= 300 => return Err(e),
            Err(_) => tries += 1,
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
    stats::signed_in(*PEOPLE.get().expect("the number of people"));
    Ok(())
}

fn pick(ids: &[String]) -> String {
    ids.choose(&mut rand::rng()).cloned().unwrap_or_default()
}

/// One action of the mix.
pub async fn act(user: &mut GooseUser) -> TransactionResult {
    let me = user.get_session_data_unchecked::<Me>().clone();
    let p = &me.person;
    let mut roll = rand::rng().random_range(0..100);
    let mut kind = 0;
    while roll >= MIX[kind].0 {
        roll -= MIX[kind].0;
        kind += 1;
    }
    // Reads are of teammates' mistakes mostly, and now and then one's own.
    let read = || {
        if rand::rng().random_bool(0.75) {
            pick(&p.team)
        } else {
            pick(&p.own)
        }
    };
    let name = MIX[kind].1;
    match kind {
        0 => call(user, name, &format!("/api/v1/mistakes/{}", read()), None).await?,
        1 => call(user, name, "/api/v1/mistakes", None).await?,
        2 => call(user, name, "/", None).await?,
        3 => call(user, name, &format!("/m/{}", read()), None).await?,
        4 => {
            let body = json!({"text": "Rolled back the export; checking the other reports now."});
            call(
                user,
                name,
                &format!("/api/v1/mistakes/{}/updates", pick(&p.own)),
                Some(body),
            )
            .await?
        }
        5 => {
            let body =
                json!({"body": "Thanks for the heads-up: I checked ours and they are fine."});
            call(
                user,
                name,
                &format!("/api/v1/mistakes/{}/comments", pick(&p.team)),
                Some(body),
            )
            .await?
        }
        _ => match &p.plan {
            Some(plan) => {
                let signs: Vec<Value> = SIGNS
                    .iter()
                    .map(|s| json!({"sign": s, "level": 1}))
                    .collect();
                let body = json!({"signs": signs, "covered": [], "new_topics": []});
                call(
                    user,
                    MIX[7].1,
                    &format!("/api/v1/plans/{plan}/check-ins"),
                    Some(body),
                )
                .await?
            }
            None => {
                let body = json!({"title": "Sent the weekly summary to the wrong list", "affected": "the support team", "visibility": "team"});
                let made = call(user, name, "/api/v1/mistakes", Some(body)).await?;
                if let (Some(id), Some(me)) =
                    (made["id"].as_str(), user.get_session_data_mut::<Me>())
                {
                    me.person.own.push(id.to_owned());
                }
                Value::Null
            }
        },
    };
    Ok(())
}

const SIGNS: [&str; 10] = [
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
