//! `rebound plan check-in`: the ten signs, starting from the last
//! check-in's levels (`--same` for all of them, or `--sign` only for what
//! changed), dated now or when the one-on-one was (`--at yesterday 16:00`).

use super::plan::{call, print_plan, s, seg};
use crate::args::PlanCheckInArgs;
use crate::error::{CliError, Result};
use crate::remote::http::Http;
use rebound_domain::recovery::Sign;
use reqwest::Method;
use serde_json::{Value, json};

/// `NAME=LEVEL` or `NAME=LEVEL:NOTE` into a sign score.
fn sign_arg(arg: &str) -> Result<Value> {
    let (name, rest) = arg.split_once('=').ok_or_else(|| {
        CliError::invalid(format!(
            "--sign {arg}: write it as NAME=LEVEL, such as speaking_less=2"
        ))
    })?;
    let sign: Sign = name
        .parse()
        .map_err(|e: rebound_domain::recovery::signs::UnknownName| {
            CliError::invalid(e.to_string())
        })?;
    let (level, note) = match rest.split_once(':') {
        Some((l, n)) => (l, Some(n.trim())),
        None => (rest, None),
    };
    let level: u8 = level
        .trim()
        .parse()
        .ok()
        .filter(|l| *l <= 3)
        .ok_or_else(|| {
            CliError::invalid(format!(
                "--sign {arg}: the level is 0 (not seen) to 3 (strongly)"
            ))
        })?;
    Ok(json!({"sign": sign.as_str(), "level": level, "note": note.filter(|n| !n.is_empty())}))
}

pub(super) async fn check_in(http: &Http, a: PlanCheckInArgs) -> Result<()> {
    let id = seg(&a.id)?;
    let mut signs: Vec<Value> = a.signs.iter().map(|x| sign_arg(x)).collect::<Result<_>>()?;
    let given = |signs: &[Value], sign: &Sign| signs.iter().any(|v| v["sign"] == sign.as_str());
    // Read here, in the person's time zone, as every typed time is.
    let at =
        a.at.as_deref()
            .map(|t| rebound_domain::when::parse_past(t, &jiff::Zoned::now()))
            .transpose()?;
    let mut kept = None;
    if let Some(rest) = a.rest {
        if rest > 3 {
            return Err(CliError::invalid(
                "--rest: the level is 0 (not seen) to 3 (strongly)",
            ));
        }
        for sign in Sign::ALL {
            if !given(&signs, sign) {
                signs.push(json!({"sign": sign.as_str(), "level": rest}));
            }
        }
    } else if a.same || Sign::ALL.iter().any(|x| !given(&signs, x)) {
        // The signs not given keep the last check-in's level: for one
        // dated in the past, the last one before it (check-ins are in
        // date order), if there is one.
        let plan = call(http, Method::GET, &format!("/api/v1/plans/{id}"), None).await?;
        let dated = |c: &Value| {
            c["at"]
                .as_str()
                .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        };
        let last = plan["plan"]["check_ins"].as_array().and_then(|c| {
            let before =
                at.and_then(|at| c.iter().rev().find(|c| dated(c).is_some_and(|t| t <= at)));
            before.or(c.last())
        });
        let last = last.cloned();
        match last {
            Some(last) => {
                let mut names = Vec::new();
                for sign in Sign::ALL {
                    let before = last["signs"]
                        .as_array()
                        .and_then(|l| l.iter().find(|x| x["sign"] == sign.as_str()));
                    if let Some(before) = before.filter(|_| !given(&signs, sign)) {
                        signs.push(json!({"sign": sign.as_str(), "level": before["level"]}));
                        names.push(sign.label());
                    }
                }
                kept = Some((s(&last["at"]), names));
            }
            None if a.same => {
                return Err(CliError::invalid(
                    "there is no earlier check-in to start from: score the signs with --sign NAME=LEVEL (or --rest LEVEL for the others)",
                ));
            }
            None => {}
        }
    }
    let body = json!({
        "signs": signs,
        "covered": a.covered,
        "new_topics": a.topics,
        "distress": a.distress,
        "safety_impact": a.safety_impact,
        "private_note": a.private_note,
        "at": at,
    });
    let path = format!("/api/v1/plans/{id}/check-ins");
    let v = call(http, Method::POST, &path, Some(&body)).await?;
    if let Some((when, names)) = kept.filter(|(_, n)| !n.is_empty()) {
        let when = when
            .parse::<jiff::Timestamp>()
            .map(|t| rebound_domain::when::format_clock(t, &jiff::Zoned::now()))
            .unwrap_or(when);
        let line = if names.len() == Sign::ALL.len() {
            format!("All ten signs as at the last check-in ({when}).")
        } else {
            format!("As at the last check-in ({when}): {}.", names.join("; "))
        };
        // With --json, standard output stays one JSON document.
        if a.out.json {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
    }
    print_plan(&v, a.out);
    Ok(())
}
