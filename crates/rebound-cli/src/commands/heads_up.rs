//! `rebound heads-up show|edit|sent`.

use super::{done, parse_id};
use crate::args::HeadsUpCommand;
use crate::backend::{Backend, HeadsUpChange};
use crate::error::{CliError, Result};
use crate::input::{edit, read_stdin};
use rebound_domain::when::{format_at, format_duration};
use serde_json::json;
use std::time::Duration;

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
            let m = &r.mistake;
            let sent = m.heads_up.sent_at.or(at).unwrap_or(b.now().timestamp());
            let own = m.clocks(b.now().timestamp()).time_to_own_secs.unwrap_or(0);
            let msg = format!(
                "Heads-up marked sent at {} · time to own {} · state {}",
                format_at(sent, b.now()),
                format_duration(Duration::from_secs(own)),
                m.state
            );
            done(&r, out, &msg);
            Ok(())
        }
    }
}
