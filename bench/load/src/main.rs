//! `rebound-load`: a realistic load on `rebound serve` (issue 20), on goose.
//!
//!   rebound-load setup URL PEOPLE ROSTER   make the company through the API
//!   LOAD_ROSTER=ROSTER [LOAD_THINK_MS=2000-8000] rebound-load --host URL --users N \
//!       --increase-rate R --run-time 5m [other goose flags]
//!
//! The second form is goose's own command line; after goose's report it
//! prints p50/p95/p99, req/s and errors per kind of request over the steady
//! part, and exits 1 if any request failed there. `scripts/bench-load` runs both.

mod act;
use act::{act, sign_in};
mod setup;
mod stats;

use goose::prelude::*;
use std::time::{Duration, Instant};

fn think() -> Result<(Duration, Duration), String> {
    let text = std::env::var("LOAD_THINK_MS").unwrap_or_else(|_| "2000-8000".into());
    let bad =
        || format!("LOAD_THINK_MS must be MIN-MAX in milliseconds, e.g. 2000-8000, not {text:?}");
    let (a, b) = text.split_once('-').ok_or_else(bad)?;
    let (a, b): (u64, u64) = (
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    );
    if a > b {
        return Err(bad());
    }
    Ok((Duration::from_millis(a), Duration::from_millis(b)))
}

fn users_flag() -> Option<usize> {
    let args: Vec<String> = std::env::args().collect();
    let at = args.iter().position(|a| a == "--users" || a == "-u")?;
    args.get(at + 1)?.parse().ok()
}

async fn attack() -> Result<usize, String> {
    let path = std::env::var("LOAD_ROSTER")
        .map_err(|_| "set LOAD_ROSTER to the file `setup` wrote".to_owned())?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let roster: Vec<setup::Person> =
        serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    let people = users_flag().ok_or("give the number of people as --users N")?;
    if roster.len() < people {
        return Err(format!(
            "{path} has {} people, fewer than --users {people}",
            roster.len()
        ));
    }
    act::ROSTER.set(roster).ok();
    act::PEOPLE.set(people).ok();
    let (min, max) = think()?;
    let mut person = scenario!("Person")
        .register_transaction(transaction!(sign_in).set_on_start())
        .register_transaction(transaction!(act));
    if !max.is_zero() {
        person = person.set_wait_time(min, max).map_err(|e| e.to_string())?;
    }
    let goose = GooseAttack::initialize().map_err(|e| e.to_string())?;
    goose
        .register_scenario(person)
        .execute()
        .await
        .map_err(|e| e.to_string())?;
    Ok(stats::report(Instant::now()))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let result = if args.get(1).map(String::as_str) == Some("setup") {
        match (
            args.get(2),
            args.get(3).and_then(|n| n.parse().ok()),
            args.get(4),
        ) {
            (Some(url), Some(n), Some(out)) => setup::run(url, n, out).await.map(|()| 0),
            _ => Err("usage: rebound-load setup URL PEOPLE ROSTER".to_owned()),
        }
    } else {
        attack().await
    };
    match result {
        Ok(0) => {}
        Ok(_) => std::process::exit(1),
        Err(e) => {
            eprintln!("rebound-load: {e}");
            std::process::exit(2);
        }
    }
}
