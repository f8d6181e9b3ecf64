//! `rebound timeline add|star|unstar|list`.

use super::{done, parse_id};
use crate::args::{JsonFlag, TimelineCommand};
use crate::backend::{Backend, NewEntry};
use crate::error::Result;
use crate::input::read_stdin;
use crate::render::show::entry_line;
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
        TimelineCommand::List { id, out } => {
            let m = b.get(&parse_id(&id)?).await?.mistake;
            if out.json {
                println!("{}", json!({ "id": m.id, "timeline": m.timeline_sorted() }));
            } else if m.timeline.is_empty() {
                println!("The timeline is empty.");
            } else {
                for e in m.timeline_sorted() {
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
