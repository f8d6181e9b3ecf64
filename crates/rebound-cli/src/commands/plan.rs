//! `rebound plan …`: recovery plans, which live on a team's server (they
//! need the manager relation, which a personal database does not have).
//! Each subcommand is one API call; the server's guard decides, so the
//! report reads, the manager writes, anyone else gets "no such plan".

use crate::args::{JsonFlag, PlanCommand, PlanOpenArgs};
use crate::error::{CliError, Result};
use crate::mode::Mode;
use crate::remote::http::{Auth, Http};
use rebound_domain::recovery::{EndReason, Trend};
use reqwest::Method;
use serde_json::{Value, json};

pub async fn run(mode: Mode, c: PlanCommand) -> Result<()> {
    let Mode::Remote { server, token } = mode else {
        return Err(CliError::invalid(
            "recovery plans live on your team's server: sign in with `rebound login --server URL` first",
        ));
    };
    let http = Http::new(&server, Auth::Token(token))?;
    match c {
        PlanCommand::List { out } => list(&http, out).await,
        PlanCommand::Show { id, out } => {
            let v = call(
                &http,
                Method::GET,
                &format!("/api/v1/plans/{}", seg(&id)?),
                None,
            )
            .await?;
            print_plan(&v, out);
            Ok(())
        }
        PlanCommand::Open(a) => open(&http, a).await,
        PlanCommand::CheckIn(a) => super::plan_check_in::check_in(&http, a).await,
        PlanCommand::Adopt { id, to, due, out } => {
            // Read here, in the person's time zone, as every typed time is.
            let due = due
                .map(|d| rebound_domain::when::parse_any(&d, &jiff::Zoned::now()))
                .transpose()?;
            let body = json!({"move": to.trim(), "due": due});
            let v = call(
                &http,
                Method::POST,
                &format!("/api/v1/plans/{}/tasks", seg(&id)?),
                Some(&body),
            )
            .await?;
            print_plan(&v, out);
            Ok(())
        }
        PlanCommand::Done { id, task, out } => {
            let plan = format!("/api/v1/plans/{}", seg(&id)?);
            let path = format!("{plan}/tasks/{}/complete", seg(&task)?);
            // Applied only to the plan as read (If-Match): a change of the
            // plan since is refused (412), never overwritten.
            let read = call(&http, Method::GET, &plan, None).await?;
            let version = read["plan"]["version"].as_i64();
            let v = http
                .call_at(Method::POST, &path, Some(&json!({})), version)
                .await
                .map(|a| a.body)
                .map_err(|f| http.fail(f))?;
            print_plan(&v, out);
            Ok(())
        }
        PlanCommand::End { id, reason, out } => {
            let reason = reason
                .map(|r| r.parse::<EndReason>())
                .transpose()
                .map_err(|e| CliError::invalid(format!("--reason: {e}")))?;
            let body = json!({"reason": reason.map(EndReason::as_str)});
            let path = format!("/api/v1/plans/{}/end", seg(&id)?);
            let v = call(&http, Method::POST, &path, Some(&body)).await?;
            print_plan(&v, out);
            Ok(())
        }
    }
}

/// An id as a path segment: ids are short letters and digits; anything
/// else names nothing.
pub(super) fn seg(id: &str) -> Result<String> {
    let id = id.trim();
    if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()) {
        Ok(id.to_string())
    } else {
        Err(CliError::invalid(format!(
            "'{id}' is not an id (ids are 8 characters such as 7kq3x9mz)"
        )))
    }
}

pub(super) async fn call(
    http: &Http,
    method: Method,
    path: &str,
    body: Option<&Value>,
) -> Result<Value> {
    http.call(method, path, body)
        .await
        .map(|a| a.body)
        .map_err(|f| http.fail(f))
}

async fn list(http: &Http, out: JsonFlag) -> Result<()> {
    let v = call(http, Method::GET, "/api/v1/plans", None).await?;
    if out.json {
        println!("{v}");
        return Ok(());
    }
    let managing = v["managing"].as_array().cloned().unwrap_or_default();
    let about_me = v["about_me"].as_array().cloned().unwrap_or_default();
    if managing.is_empty() && about_me.is_empty() {
        println!("No recovery plans.");
        return Ok(());
    }
    for p in &managing {
        println!(
            "{}  with {}  {}  {} check-in(s), {} open task(s){}{}",
            s(&p["id"]),
            s(&p["report_name"]),
            s(&p["trend"]).replace('_', " "),
            p["check_ins"],
            p["open_tasks"],
            ended(p),
            if p["escalation"] == json!(true) {
                "  — more support suggested"
            } else {
                ""
            }
        );
    }
    for p in &about_me {
        // Their own plan in their own calm words, never "worsening".
        let trend = serde_json::from_value::<Trend>(p["trend"].clone())
            .map_or_else(|_| s(&p["trend"]), |t| t.word_to_you().to_lowercase());
        println!("{}  about you  {trend}{}", s(&p["id"]), ended(p));
    }
    Ok(())
}

/// "  ended" for an ended plan's line in the list.
fn ended(p: &Value) -> &'static str {
    if p["ended_at"].is_string() {
        "  ended"
    } else {
        ""
    }
}

pub(super) fn s(v: &Value) -> String {
    v.as_str().unwrap_or("").to_string()
}

async fn open(http: &Http, a: PlanOpenArgs) -> Result<()> {
    // An id, an email or a name, among the people who report to me.
    let report = super::reports::resolve(http, &a.report).await?;
    let body = json!({
        "report": report,
        "mistake": a.mistake,
        "drivers": a.drivers.iter().map(|d| d.trim().replace('-', "_")).collect::<Vec<_>>(),
        "pressure_points": a.pressure_points.iter().map(|p| p.trim().replace('-', "_")).collect::<Vec<_>>(),
        "topics": a.topics,
    });
    let v = call(http, Method::POST, "/api/v1/plans", Some(&body)).await?;
    print_plan(&v, a.out);
    Ok(())
}

pub(super) fn print_plan(v: &Value, out: JsonFlag) {
    if out.json {
        println!("{v}");
        return;
    }
    let p = &v["plan"];
    let manager = v["role"] == "manager";
    if manager {
        println!(
            "Recovery plan {} with {}",
            s(&p["id"]),
            s(&v["report_name"])
        );
    } else {
        println!("Your recovery plan {}", s(&p["id"]));
    }
    if p["ended"].is_object() {
        let why = p["ended"]["reason"].as_str().map(|r| format!(" ({r})"));
        println!(
            "Ended on {}{}.",
            s(&p["ended"]["at"]),
            why.unwrap_or_default()
        );
    }
    println!("Trend: {}", s(&v["trend"]["description"]));
    if let Some(totals) = v["trend"]["totals"].as_array().filter(|t| !t.is_empty()) {
        let t: Vec<String> = totals.iter().map(|x| x.to_string()).collect();
        println!(
            "Totals of the ten signs at each check-in (0–30): {}",
            t.join(", ")
        );
    }
    if let Some(topics) = p["topics"].as_array().filter(|t| !t.is_empty()) {
        println!("Topics for the next one-on-one:");
        for t in topics {
            println!("  - {}", s(t));
        }
    }
    if let Some(sugg) = v["suggestions"].as_array().filter(|t| !t.is_empty()) {
        println!(
            "{}",
            if manager {
                "Suggested moves:"
            } else {
                "What could help next:"
            }
        );
        for m in sugg {
            println!("  {}  (score {})", s(&m["move"]), m["score"]);
            if let Some(r) = m["reasons"].get(0) {
                println!("      {}", s(r));
            }
        }
    }
    if let Some(tasks) = p["tasks"].as_array().filter(|t| !t.is_empty()) {
        println!("Tasks:");
        for t in tasks {
            let state = if t["completed_at"].is_string() {
                "done"
            } else {
                "open"
            };
            println!(
                "  {}  {}  due {}  {state}",
                s(&t["id"]),
                s(&t["move"]),
                s(&t["due"])
            );
        }
    }
    if let Some(e) = v.get("escalation").filter(|e| e.is_object()) {
        println!();
        println!("It may be time for more support.");
        for c in e["explained"].as_array().into_iter().flatten() {
            println!("  - {}", s(c));
        }
        println!("{}", s(&e["suggestion"]));
        println!("Words you could use:");
        for w in e["words"].as_array().into_iter().flatten() {
            println!("  “{}”", s(w));
        }
    }
}
