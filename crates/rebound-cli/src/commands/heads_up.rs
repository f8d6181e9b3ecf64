//! `rebound heads-up show|edit|sent`.

use super::done;
use crate::args::HeadsUpCommand;
use crate::context::Ctx;
use crate::error::{CliError, Result};
use crate::input::{edit, read_stdin};
use rebound_domain::when::{format_at, format_duration};
use serde_json::json;
use std::time::Duration;

pub async fn run(ctx: &Ctx, cmd: HeadsUpCommand) -> Result<()> {
    match cmd {
        HeadsUpCommand::Show { id, out } => {
            let m = ctx.load(&id).await?;
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
            let mut m = ctx.load(&id).await?;
            if let Some(d) = doing {
                // Redrafting from the facts replaces any earlier hand edit.
                m.heads_up.edited = false;
                m.set_doing(&d, &ctx.now)?;
            } else {
                let new_text = match text {
                    Some(t) if t == "-" => read_stdin("heads-up")?,
                    Some(t) => t,
                    None if editor => edit(&m.heads_up.text, ".txt")?,
                    None => {
                        return Err(CliError::invalid(
                            "nothing to change: give --doing \"…\", --text \"…\" (\"-\" for stdin) or --editor",
                        ));
                    }
                };
                m.edit_heads_up(&new_text)?;
            }
            let m = ctx.save(&m, &[]).await?;
            done(ctx, &m, out, &m.heads_up.text);
            Ok(())
        }
        HeadsUpCommand::Sent { id, at, to, out } => {
            let mut m = ctx.load(&id).await?;
            let at = match at {
                Some(s) => ctx.past(&s)?,
                None => ctx.now.timestamp(),
            };
            let changes = m.mark_sent(at, to, &ctx.now)?;
            let m = ctx.save(&m, &changes).await?;
            let own = m.clocks(ctx.now.timestamp()).time_to_own_secs.unwrap_or(0);
            let msg = format!(
                "Heads-up marked sent at {} · time to own {} · state {}",
                format_at(at, &ctx.now),
                format_duration(Duration::from_secs(own)),
                m.state
            );
            done(ctx, &m, out, &msg);
            Ok(())
        }
    }
}
