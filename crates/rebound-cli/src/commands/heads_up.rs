//! `rebound heads-up show|edit|sent|send`. `send` goes through a server
//! only: it is the server that sends the mail.

use super::{done, parse_id};
use crate::args::{HeadsUpCommand, HeadsUpSendArgs};
use crate::backend::{Backend, HeadsUpChange, Record};
use crate::error::{CliError, Result};
use crate::input::{edit, read_stdin};
use crate::mode::Mode;
use crate::progress::Progress;
use crate::remote::Remote;
use crate::remote::sending::{Messages, SentMessage};
use rebound_domain::MistakeId;
use rebound_domain::when::{format_at, format_duration};
use serde_json::json;
use std::time::{Duration, Instant};

/// How long `--wait` watches the messages go out.
const WAIT: Duration = Duration::from_secs(30);
/// How often it asks the server meanwhile.
const POLL: Duration = Duration::from_millis(500);

pub async fn run(b: &impl Backend, cmd: HeadsUpCommand) -> Result<()> {
    match cmd {
        HeadsUpCommand::Show { id, out } => {
            let m = b.get(&parse_id(&id)?).await?.mistake;
            if out.json {
                println!("{}", json!({ "id": m.id, "heads_up": m.heads_up }));
            } else {
                println!("{}", m.heads_up.text);
            }
            Ok(())
        }
        HeadsUpCommand::Edit {
            id,
            doing,
            text,
            editor,
            out,
        } => {
            let id = parse_id(&id)?;
            let change = match (doing, text) {
                (Some(d), _) => HeadsUpChange::Doing(d),
                (None, Some(t)) if t == "-" => HeadsUpChange::Text(read_stdin("heads-up")?),
                (None, Some(t)) => HeadsUpChange::Text(t),
                (None, None) if editor => {
                    let current = b.get(&id).await?.mistake.heads_up.text;
                    HeadsUpChange::Text(edit(&current, ".txt")?)
                }
                (None, None) => {
                    return Err(CliError::invalid(
                        "nothing to change: give --doing \"…\", --text \"…\" (\"-\" for stdin) or --editor",
                    ));
                }
            };
            let r = b.edit_heads_up(&id, change).await?;
            done(&r, out, &r.mistake.heads_up.text);
            Ok(())
        }
        HeadsUpCommand::Sent { id, at, to, out } => {
            let id = parse_id(&id)?;
            let at = at.map(|s| b.past(&s)).transpose()?;
            let r = b.mark_sent(&id, at, to).await?;
            done(&r, out, &marked_sent(b, &r));
            Ok(())
        }
        HeadsUpCommand::Send(_) => unreachable!("handled by `commands::run`: a server only"),
    }
}

/// "Heads-up marked sent at … · time to own … · state …".
fn marked_sent(b: &impl Backend, r: &Record) -> String {
    let m = &r.mistake;
    let sent = m.heads_up.sent_at.unwrap_or(b.now().timestamp());
    let own = m.clocks(b.now().timestamp()).time_to_own_secs.unwrap_or(0);
    format!(
        "Heads-up marked sent at {} · time to own {} · state {}",
        format_at(sent, b.now()),
        format_duration(Duration::from_secs(own)),
        m.state
    )
}

/// `rebound heads-up send ID --to EMAIL …`: the server queues one email per
/// address and marks the heads-up sent in one change; `--wait` then
/// watches them go out.
pub async fn send(mode: Mode, a: HeadsUpSendArgs) -> Result<()> {
    let id = parse_id(&a.id)?;
    let Mode::Remote { server, token } = mode else {
        // Nothing is read or changed: this machine has no mail server.
        return Err(CliError::invalid(format!(
            "sending the heads-up needs your team's Rebound server (`rebound serve` with smtp_url and mail_from set): sign in with `rebound login --server URL` or pass --server URL; or send it yourself and run `rebound heads-up sent {id}`"
        )));
    };
    let remote = Remote::new(&server, token)?;
    // Sent only over the mistake as read: a change since is refused (412).
    let read = remote.get(&id).await?;
    let r = remote
        .send_heads_up(&id, &a.to, read.mistake.version)
        .await?;
    if !a.out.json {
        // The server's own list: checked, without repeats.
        let sent_to = r.mistake.heads_up.sent_to.clone().unwrap_or_default();
        for to in sent_to.split(", ").filter(|s| !s.is_empty()) {
            println!("Queued to {to}");
        }
        println!("{}", marked_sent(&remote, &r));
    }
    if !a.wait {
        if a.out.json {
            println!("{}", r.json);
        }
        return Ok(());
    }
    let outcome = wait(&remote, &id, !a.out.json).await;
    if a.out.json {
        let messages = outcome.as_ref().map_or(&json!(null), |m| &m.json);
        println!("{}", json!({ "mistake": r.json, "messages": messages }));
    }
    verdict(&outcome?.messages)
}

/// Polls until every heads-up message is delivered or failed, or `WAIT`
/// passes; prints each outcome as it lands when `print`.
async fn wait(remote: &Remote, id: &MistakeId, print: bool) -> Result<Messages> {
    let start = Instant::now();
    let mut told: Vec<String> = Vec::new();
    let waiting = Progress::spinner("Waiting for the heads-up to go out…");
    loop {
        let mut m = remote.messages(id).await?;
        m.messages.retain(|s| s.kind == "heads_up");
        for s in m.messages.iter().filter(|s| s.is_done()) {
            if print && !told.contains(&s.to) {
                waiting.suspend(|| println!("{}", outcome(s)));
                told.push(s.to.clone());
            }
        }
        let left = m.messages.iter().filter(|s| !s.is_done()).count();
        waiting.message(&format!(
            "Waiting for {left} message(s) to go out ({}s)…",
            start.elapsed().as_secs()
        ));
        if m.messages.iter().all(SentMessage::is_done) || start.elapsed() >= WAIT {
            waiting.clear();
            if print {
                for s in m.messages.iter().filter(|s| !s.is_done()) {
                    println!("{}", outcome(s));
                }
            }
            return Ok(m);
        }
        tokio::time::sleep(POLL).await;
    }
}

/// One line per message: how it went, and why when it did not.
fn outcome(s: &SentMessage) -> String {
    let why = s.error.as_deref().unwrap_or("no reason given");
    match s.state.as_str() {
        "delivered" => format!("Delivered to {}", s.to),
        "failed" => format!("Failed to send to {}: {why}", s.to),
        "cancelled" => format!("Cancelled for {}: {why}", s.to),
        _ if s.attempts == 0 => format!("Still waiting to send to {}", s.to),
        _ => format!(
            "Not delivered yet to {} after {} attempt(s), still retrying: {why}",
            s.to, s.attempts
        ),
    }
}

/// Success only when every message was delivered; otherwise the first
/// failure's reason in one line (exit 1), or that some are still going
/// (exit 4: the mail server may be out of reach for now).
fn verdict(messages: &[SentMessage]) -> Result<()> {
    let not = |state: &str| messages.iter().filter(|s| s.state == state).count();
    if let Some(s) = messages
        .iter()
        .find(|s| s.is_done() && s.state != "delivered")
    {
        let more = not("failed") + not("cancelled") - 1;
        let more = if more > 0 {
            format!(" (and {more} more)")
        } else {
            String::new()
        };
        return Err(CliError::invalid(format!(
            "the heads-up was not delivered to {}{more}: {}",
            s.to,
            s.error.as_deref().unwrap_or("no reason given")
        )));
    }
    let pending = not("pending");
    if pending > 0 {
        return Err(CliError::Server(format!(
            "{pending} message(s) not delivered within {} seconds: the server keeps retrying, and the mistake's page shows how it goes",
            WAIT.as_secs()
        )));
    }
    Ok(())
}
