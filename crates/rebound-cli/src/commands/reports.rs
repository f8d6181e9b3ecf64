//! `rebound reports`: the people who report to me, with their open plan
//! and its next check-in; and finding one of them by id, email or name for
//! `rebound plan open --report`. Remote only, as plans are.

use crate::args::JsonFlag;
use crate::error::{CliError, Result};
use crate::mode::Mode;
use crate::remote::http::{Auth, Http};
use reqwest::Method;
use serde_json::Value;

pub async fn run(mode: Mode, out: JsonFlag) -> Result<()> {
    let Mode::Remote { server, token } = mode else {
        return Err(CliError::invalid(
            "your reports are on your team's server: sign in with `rebound login --server URL` first",
        ));
    };
    let http = Http::new(&server, Auth::Token(token))?;
    let v = fetch(&http).await?;
    if out.json {
        println!("{v}");
        return Ok(());
    }
    let reports = v["reports"].as_array().cloned().unwrap_or_default();
    if reports.is_empty() {
        println!("Nobody reports to you on this server.");
        return Ok(());
    }
    let now = jiff::Zoned::now();
    for r in &reports {
        let plan = match r["open_plan"].as_str() {
            Some(id) => {
                let next = r["next_check_in"]
                    .as_str()
                    .and_then(|t| t.parse::<jiff::Timestamp>().ok())
                    .map(|t| {
                        format!(
                            ", next check-in {}",
                            rebound_domain::when::format_clock(t, &now)
                        )
                    });
                format!("plan {id}{}", next.unwrap_or_default())
            }
            None => "no open plan".to_string(),
        };
        println!(
            "{}  {}  {}  {plan}",
            s(&r["id"]),
            s(&r["name"]),
            s(&r["email"])
        );
    }
    Ok(())
}

async fn fetch(http: &Http) -> Result<Value> {
    http.call(Method::GET, "/api/v1/me/reports", None)
        .await
        .map(|a| a.body)
        .map_err(|f| http.fail(f))
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or("").to_string()
}

/// The id of the one report `given` names: their id, their email, or
/// their name (whole, or a part of it, ignoring case). Several people
/// answering to a name are listed and none is chosen.
pub async fn resolve(http: &Http, given: &str) -> Result<String> {
    let v = fetch(http).await?;
    let reports = v["reports"].as_array().cloned().unwrap_or_default();
    pick(&reports, given)
}

fn pick(reports: &[Value], given: &str) -> Result<String> {
    let want = given.trim();
    let lower = want.to_lowercase();
    let exact = |key: &str| -> Vec<&Value> {
        reports
            .iter()
            .filter(|r| s(&r[key]).to_lowercase() == lower)
            .collect()
    };
    let mut found = exact("id");
    if found.is_empty() {
        found = exact("email");
    }
    if found.is_empty() {
        found = exact("name");
    }
    if found.is_empty() && !lower.is_empty() {
        found = reports
            .iter()
            .filter(|r| s(&r["name"]).to_lowercase().contains(&lower))
            .collect();
    }
    match found.as_slice() {
        [one] => Ok(s(&one["id"])),
        [] => Err(CliError::Missing(format!(
            "nobody who reports to you has the id, email or name '{want}'; `rebound reports` lists them"
        ))),
        several => {
            let names: Vec<String> = several
                .iter()
                .map(|r| format!("{} <{}> {}", s(&r["name"]), s(&r["email"]), s(&r["id"])))
                .collect();
            Err(CliError::invalid(format!(
                "'{want}' could be {}; give their email or id instead",
                names.join(", or ")
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_report_is_found_by_id_email_or_name_and_a_shared_name_is_refused() {
        let reports = [
            json!({"id": "aaaaaaaa", "name": "Sam Lee", "email": "sam@example.com"}),
            json!({"id": "bbbbbbbb", "name": "Sam Ortiz", "email": "ortiz@example.com"}),
            json!({"id": "cccccccc", "name": "Remi", "email": "remi@example.com"}),
        ];
        assert_eq!(pick(&reports, "bbbbbbbb").unwrap(), "bbbbbbbb");
        assert_eq!(pick(&reports, " SAM@example.com ").unwrap(), "aaaaaaaa");
        assert_eq!(pick(&reports, "remi").unwrap(), "cccccccc");
        assert_eq!(pick(&reports, "ortiz").unwrap(), "bbbbbbbb");
        let e = pick(&reports, "sam").unwrap_err();
        assert_eq!(e.exit_code(), 1);
        let line = e.to_string();
        assert!(
            line.contains("Sam Lee <sam@example.com> aaaaaaaa"),
            "{line}"
        );
        assert!(line.contains("Sam Ortiz"), "{line}");
        assert!(!line.contains('\n'));
        let e = pick(&reports, "zoe").unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(e.to_string().contains("reports to you"), "{e}");
    }
}
