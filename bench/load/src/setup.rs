//! Makes the company the load runs against, through the API as people would:
//! the first-run admin, teams of ten (a manager and nine members who report
//! to them), everyone joining by invitation, three mistakes each (two shared
//! with the team, one with the manager), and one recovery plan per manager.
//! Writes the roster the simulated people read.

use reqwest::{Client, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

pub const PASSWORD: &str = "a load-test password, long enough";
const TEAM: usize = 10;
/// Requests at once while setting up: accepting an invitation hashes a
/// password, and the server queues only a few dozen hashes.
const AT_ONCE: usize = 8;

#[derive(Serialize, Deserialize, Clone, Default)]
pub struct Person {
    pub email: String,
    /// Their own mistakes (they post updates on these).
    pub own: Vec<String>,
    /// Mistakes their teammates share with the team (they read and comment).
    pub team: Vec<String>,
    /// For a manager: the recovery plan they check in on.
    pub plan: Option<String>,
}

type Res<T> = Result<T, String>;

async fn send(c: &Client, base: &str, path: &str, body: Value, want: StatusCode) -> Res<Value> {
    let r = c.post(format!("{base}{path}")).json(&body).send().await;
    let r = r.map_err(|e| format!("POST {path}: {e}"))?;
    let status = r.status();
    let text = r.text().await.unwrap_or_default();
    if status != want {
        return Err(format!("POST {path}: {status}: {text}"));
    }
    serde_json::from_str(&text).map_err(|e| format!("POST {path}: {e}"))
}

fn id(v: &Value) -> Res<String> {
    v["id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("no id in {v}"))
}

fn cookie_client() -> Client {
    Client::builder()
        .cookie_store(true)
        .build()
        .expect("an HTTP client")
}

/// Invites person `i` and has them join; returns their client (signed in) and id.
async fn join(
    admin: &Client,
    base: &str,
    i: usize,
    manager: Option<String>,
    team: &str,
) -> Res<(Client, String)> {
    let role = if manager.is_none() {
        "manager"
    } else {
        "member"
    };
    let email = format!("person{i}@example.com");
    let invite = json!({"email": email, "role": role, "manager": manager, "team": team});
    let inv = send(
        admin,
        base,
        "/api/v1/invitations",
        invite,
        StatusCode::CREATED,
    )
    .await?;
    let me = cookie_client();
    let accept =
        json!({"token": inv["token"], "display_name": format!("Person {i}"), "password": PASSWORD});
    let joined = send(
        &me,
        base,
        "/api/v1/invitations/accept",
        accept,
        StatusCode::CREATED,
    )
    .await?;
    let uid = joined["user"]["id"]
        .as_str()
        .ok_or("no user id after joining")?
        .to_owned();
    Ok((me, uid))
}

/// Runs `f` for 0..n, at most AT_ONCE at a time, in order of i.
async fn each<T: Send + 'static, F, Fut>(n: usize, f: F) -> Res<Vec<T>>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = Res<T>> + Send + 'static,
{
    let gate = Arc::new(Semaphore::new(AT_ONCE));
    let mut set = JoinSet::new();
    for i in 0..n {
        let permit = gate.clone().acquire_owned().await.unwrap();
        let fut = f(i);
        set.spawn(async move {
            let r = fut.await;
            drop(permit);
            (i, r)
        });
    }
    let mut out: Vec<Option<T>> = (0..n).map(|_| None).collect();
    while let Some(done) = set.join_next().await {
        let (i, r) = done.map_err(|e| e.to_string())?;
        out[i] = Some(r?);
    }
    Ok(out.into_iter().map(Option::unwrap).collect())
}

pub async fn run(base: &str, people: usize, out: &str) -> Res<()> {
    let base = base.trim_end_matches('/').to_owned();
    let admin = cookie_client();
    let setup =
        json!({"email": "admin@example.com", "display_name": "Admin", "password": PASSWORD});
    send(&admin, &base, "/api/v1/setup", setup, StatusCode::CREATED).await?;
    let teams = people.div_ceil(TEAM);
    let (a, b) = (admin.clone(), base.clone());
    let team_ids = each(teams, move |t| {
        let (a, b) = (a.clone(), b.clone());
        async move {
            id(&send(
                &a,
                &b,
                "/api/v1/teams",
                json!({"name": format!("Team {t}")}),
                StatusCode::CREATED,
            )
            .await?)
        }
    })
    .await?;
    eprintln!("rebound-load: {teams} teams; inviting {people} people");
    // Managers first: their reports name them.
    let (a, b, ts) = (admin.clone(), base.clone(), team_ids.clone());
    let managers = each(teams, move |t| {
        let (a, b, team) = (a.clone(), b.clone(), ts[t].clone());
        async move { join(&a, &b, t * TEAM, None, &team).await }
    })
    .await?;
    let (a, b, ts, ms) = (
        admin.clone(),
        base.clone(),
        team_ids.clone(),
        managers.clone(),
    );
    let members = each(people - teams, move |k| {
        let i = k / (TEAM - 1) * TEAM + k % (TEAM - 1) + 1;
        let (a, b, team, boss) = (
            a.clone(),
            b.clone(),
            ts[i / TEAM].clone(),
            ms[i / TEAM].1.clone(),
        );
        async move { join(&a, &b, i, Some(boss), &team).await }
    })
    .await?;
    let mut all: Vec<(Client, String)> = Vec::with_capacity(people);
    let (mut m, mut r) = (managers.into_iter(), members.into_iter());
    for i in 0..people {
        all.push(if i % TEAM == 0 { m.next() } else { r.next() }.expect("everyone joined"));
    }
    eprintln!("rebound-load: everyone joined; recording three mistakes each");
    let (b, everyone) = (base.clone(), Arc::new(all));
    let e2 = everyone.clone();
    let mistakes = each(people, move |i| {
        let (b, e) = (b.clone(), e2.clone());
        async move {
            let mut own = Vec::new();
            for (n, vis) in ["team", "team", "manager"].iter().enumerate() {
                let body = json!({"title": format!("Person {i}'s mistake {n}: the report went out with last month's figures"),
                    "affected": "the finance leads", "visibility": vis});
                own.push(id(&send(&e[i].0, &b, "/api/v1/mistakes", body, StatusCode::CREATED).await?)?);
            }
            Ok(own)
        }
    })
    .await?;
    let (b, e3) = (base.clone(), everyone.clone());
    let plans = each(teams, move |t| {
        let (b, e) = (b.clone(), e3.clone());
        async move {
            let Some(report) = e.get(t * TEAM + 1) else {
                return Ok(None);
            };
            let body = json!({"report": report.1, "topics": ["How the last release went"]});
            Ok(Some(id(&send(
                &e[t * TEAM].0,
                &b,
                "/api/v1/plans",
                body,
                StatusCode::CREATED,
            )
            .await?["plan"])?))
        }
    })
    .await?;
    let roster: Vec<Person> = (0..people)
        .map(|i| {
            let t = i / TEAM;
            let mates = (t * TEAM..((t + 1) * TEAM).min(people)).filter(|&j| j != i);
            Person {
                email: format!("person{i}@example.com"),
                own: mistakes[i].clone(),
                team: mates.flat_map(|j| mistakes[j][..2].to_vec()).collect(),
                plan: if i % TEAM == 0 {
                    plans[t].clone()
                } else {
                    None
                },
            }
        })
        .collect();
    let text = serde_json::to_string(&roster).map_err(|e| e.to_string())?;
    std::fs::write(out, text).map_err(|e| format!("cannot write {out}: {e}"))?;
    eprintln!(
        "rebound-load: {people} people, {} mistakes, {} plans; roster in {out}",
        people * 3,
        plans.iter().flatten().count()
    );
    Ok(())
}
