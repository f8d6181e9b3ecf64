//! `rebound timeline add|star|unstar|edit|remove|list`. Edits keep the
//! earlier wording and removals keep the entry, struck: `list` shows both.

use super::{done, parse_id};
use crate::args::{JsonFlag, TimelineCommand};
use crate::backend::{Backend, NewEntry};
use crate::error::{CliError, Result};
use crate::input::read_stdin;
use crate::render::show::entry_line;
use rebound_domain::EntryEdit;
use rebound_domain::when::format_at;
use serde_json::json;

pub async fn run(b: &impl Backend, cmd: TimelineCommand) -> Result<()> {
    match cmd {
        TimelineCommand::Add {
            id,
            text,
            at,
            star,
            out,
        } => {
            let id = parse_id(&id)?;
            let text = if text == "-" {
                read_stdin("timeline entry")?
            } else {
                text
            };
            let entry = NewEntry {
                at: at.map(|s| b.past(&s)).transpose()?,
                text,
                starred: star,
            };
            let r = b.add_entry(&id, entry).await?;
            let newest = r.mistake.timeline.iter().max_by_key(|e| e.id);
            let msg = format!(
                "Added entry [{}] at {}",
                newest.map(|e| e.id).unwrap_or(0),
                format_at(newest.map(|e| e.at).unwrap_or(b.now().timestamp()), b.now())
            );
            done(&r, out, &msg);
            Ok(())
        }
        TimelineCommand::Star { id, entry, out } => star(b, &id, entry, true, out).await,
        TimelineCommand::Unstar { id, entry, out } => star(b, &id, entry, false, out).await,
        TimelineCommand::Edit {
            id,
            entry,
            text,
            at,
            star,
            unstar,
            out,
        } => {
            let text = match text.as_deref() {
                Some("-") => Some(read_stdin("timeline entry")?),
                _ => text,
            };
            let edit = EntryEdit {
                text,
                at: at.map(|s| b.past(&s)).transpose()?,
                starred: (star || unstar).then_some(star),
            };
            if edit == EntryEdit::default() {
                return Err(CliError::invalid(
                    "nothing to change: give --text, --at, --star or --unstar",
                ));
            }
            let r = b.edit_entry(&parse_id(&id)?, entry, edit).await?;
            let msg = match r.mistake.timeline.iter().find(|e| e.id == entry) {
                Some(e) if !e.earlier.is_empty() => format!(
                    "Saved entry [{entry}]; the earlier wording stays on the record.\n{}",
                    entry_line(e, b.now())
                ),
                Some(e) => format!("Saved entry [{entry}].\n{}", entry_line(e, b.now())),
                None => format!("Saved entry [{entry}]."),
            };
            done(&r, out, &msg);
            Ok(())
        }
        TimelineCommand::Remove { id, entry, out } => {
            let r = b.remove_entry(&parse_id(&id)?, entry).await?;
            let msg = format!(
                "Removed entry [{entry}] from the timeline. It stays on the record, struck through, and is left out of the write-up."
            );
            done(&r, out, &msg);
            Ok(())
        }
        TimelineCommand::List { id, out } => {
            let m = b.get(&parse_id(&id)?).await?.mistake;
            if out.json {
                println!(
                    "{}",
                    json!({ "id": m.id, "timeline": m.timeline_with_removed() })
                );
            } else if m.timeline.is_empty() {
                println!("The timeline is empty.");
            } else {
                for e in m.timeline_with_removed() {
                    println!("{}", entry_line(e, b.now()));
                }
            }
            Ok(())
        }
    }
}

async fn star(b: &impl Backend, id: &str, entry: i64, starred: bool, out: JsonFlag) -> Result<()> {
    let r = b.star_entry(&parse_id(id)?, entry, starred).await?;
    let msg = if starred {
        format!("Starred entry [{entry}]: it goes into the write-up")
    } else {
        format!("Unstarred entry [{entry}]")
    };
    done(&r, out, &msg);
    Ok(())
}
