//! `rebound preferences [set KIND CHANNEL on|off]` and `rebound webhook
//! set|show|remove [--team TEAM]`: what reaches you, your chat webhook and
//! a team's channel. Messages are sent by a team's server, so all are the
//! API's (`/api/v1/me/preferences`, `/api/v1/me/webhook`,
//! `/api/v1/teams/{id}/webhook`, the team named by id or name); locally
//! there is nothing to send, so they say so and fail. Input the server refuses (a
//! kind that cannot be turned off, a private URL) is the server's sentence,
//! in one line; a name that is no kind or channel is caught here first.

use crate::args::{JsonFlag, PreferencesArgs, PreferencesCommand, WebhookCommand};
use crate::error::{CliError, Result};
use crate::mode::Mode;
use crate::remote::http::{Auth, Http};
use rebound_domain::delivery::{Channel, MessageKind};
use reqwest::Method;
use serde_json::{Value, json};

fn server_only(what: &str) -> CliError {
    CliError::invalid(format!(
        "{what} live on your team's server, which sends the messages: sign in with `rebound login --server URL` first"
    ))
}

fn http(mode: Mode, what: &str) -> Result<Http> {
    match mode {
        Mode::Remote { server, token } => Http::new(&server, Auth::Token(token)),
        Mode::Local => Err(server_only(what)),
    }
}

async fn call(http: &Http, method: Method, path: &str, body: Option<&Value>) -> Result<Value> {
    http.call(method, path, body)
        .await
        .map(|a| a.body)
        .map_err(|f| http.fail(f))
}

pub async fn preferences(mode: Mode, a: PreferencesArgs) -> Result<()> {
    let http = http(mode, "notification preferences")?;
    let Some(PreferencesCommand::Set {
        kind,
        channel,
        state,
        out,
    }) = a.command
    else {
        let v = call(&http, Method::GET, "/api/v1/me/preferences", None).await?;
        return print_choices(&v, a.out);
    };
    let enabled = match state.trim() {
        "on" => true,
        "off" => false,
        other => {
            return Err(CliError::invalid(format!(
                "'{other}' is neither on nor off: say `on` or `off`"
            )));
        }
    };
    let (kind, channel) = (kind.trim(), channel.trim());
    known(kind, channel)?;
    let body = json!({"kind": kind, "channel": channel, "enabled": enabled});
    let v = call(&http, Method::PUT, "/api/v1/me/preferences", Some(&body)).await?;
    if out.json {
        println!("{v}");
    } else {
        let state = if enabled { "on" } else { "off" };
        println!("{kind} by {channel}: {state}.");
    }
    Ok(())
}

/// Names the server knows, checked here only so a typo is a sentence
/// rather than the JSON reader's; which kinds may be turned off is still
/// the server's to say.
fn known(kind: &str, channel: &str) -> Result<()> {
    if MessageKind::parse(kind).is_none() {
        let names: Vec<&str> = MessageKind::CHOSEN.iter().map(|k| k.as_str()).collect();
        return Err(CliError::invalid(format!(
            "kind: '{kind}' is not a kind of message; choose one of {}",
            names.join(", ")
        )));
    }
    if Channel::parse(channel).is_none() {
        return Err(CliError::invalid(format!(
            "channel: '{channel}' is not a channel; choose email or chat"
        )));
    }
    Ok(())
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn print_choices(v: &Value, out: JsonFlag) -> Result<()> {
    if out.json {
        println!("{v}");
        return Ok(());
    }
    let rows = v.as_array().cloned().unwrap_or_default();
    let width = rows
        .iter()
        .map(|r| s(&r["kind"]).len())
        .max()
        .unwrap_or(4)
        .max(4);
    println!("{:width$}  {:7}  {:3}  {}", "KIND", "CHANNEL", "", "");
    for r in &rows {
        println!(
            "{:width$}  {:7}  {:3}  {}  ({})",
            s(&r["kind"]),
            s(&r["channel"]),
            if r["enabled"] == json!(true) {
                "on"
            } else {
                "off"
            },
            if r["default"] == json!(true) {
                "default"
            } else {
                "chosen"
            },
            s(&r["label"]),
        );
    }
    Ok(())
}

pub async fn webhook(mode: Mode, c: WebhookCommand) -> Result<()> {
    let http = http(mode, "chat webhooks")?;
    let team = match &c {
        WebhookCommand::Set { team, .. }
        | WebhookCommand::Show { team, .. }
        | WebhookCommand::Remove { team } => team.clone(),
    };
    let team = team.as_deref();
    let (path, name) = match team {
        None => ("/api/v1/me/webhook".to_owned(), String::new()),
        Some(t) => {
            let (id, name) = find_team(&http, t).await?;
            (format!("/api/v1/teams/{id}/webhook"), name)
        }
    };
    let whose = match team {
        None => "Chat webhook".to_owned(),
        Some(_) => format!("Chat webhook of team {name}"),
    };
    let path = path.as_str();
    match c {
        WebhookCommand::Set {
            url,
            format,
            label,
            out,
            ..
        } => {
            let url = if url.trim() == "-" {
                read_stdin_line()?
            } else {
                url
            };
            let body = json!({"url": url.trim(), "format": format.trim(), "label": label});
            let v = call(&http, Method::PUT, path, Some(&body)).await?;
            if out.json {
                println!("{v}");
            } else if team.is_some() {
                println!(
                    "{whose} set: {} ({}). Heads-ups sent to @{name} are posted there.",
                    s(&v["url"]),
                    s(&v["format"])
                );
            } else {
                println!(
                    "{whose} set: {} ({}). Turn kinds on with `rebound preferences set KIND chat on`.",
                    s(&v["url"]),
                    s(&v["format"])
                );
            }
            Ok(())
        }
        WebhookCommand::Show { out, .. } => {
            let v = call(&http, Method::GET, path, None).await?;
            let hook = &v["webhook"];
            if out.json {
                println!("{hook}");
            } else if hook.is_null() {
                let team_flag = team.map(|t| format!(" --team {t}")).unwrap_or_default();
                println!(
                    "No chat webhook. Add one with `rebound webhook set URL --format slack{team_flag}`."
                );
            } else {
                let label = s(&hook["label"]);
                println!(
                    "{} ({}){}",
                    s(&hook["url"]),
                    s(&hook["format"]),
                    if label.is_empty() {
                        String::new()
                    } else {
                        format!("  {label}")
                    }
                );
            }
            Ok(())
        }
        WebhookCommand::Remove { .. } => {
            http.call(Method::DELETE, path, None)
                .await
                .map_err(|f| http.fail(f))?;
            if team.is_some() {
                println!("{whose} removed: nothing is posted to that channel from now on.");
            } else {
                println!("{whose} removed: nothing is sent to chat from now on.");
            }
            Ok(())
        }
    }
}

/// The id and name of the team `given` names: its id, or its name in any
/// case. Whether you may change its channel is the server's to say.
async fn find_team(http: &Http, given: &str) -> Result<(String, String)> {
    let given = given.trim();
    let v = call(http, Method::GET, "/api/v1/teams", None).await?;
    let teams = v["teams"].as_array().cloned().unwrap_or_default();
    let found = teams
        .iter()
        .find(|t| s(&t["id"]) == given)
        .or_else(|| {
            teams
                .iter()
                .find(|t| s(&t["name"]).to_lowercase() == given.to_lowercase())
        })
        .ok_or_else(|| CliError::Missing(format!("team: no team has the id or name '{given}'")))?;
    Ok((s(&found["id"]).to_owned(), s(&found["name"]).to_owned()))
}

fn read_stdin_line() -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|_| CliError::invalid("could not read the webhook URL from standard input"))?;
    Ok(line.trim().to_owned())
}
