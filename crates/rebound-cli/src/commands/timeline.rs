//! `rebound timeline add|star|unstar|list`.

use super::done;
use crate::args::TimelineCommand;
use crate::context::Ctx;
use crate::error::Result;
use crate::input::read_stdin;
use crate::render::show::entry_line;
use rebound_domain::when::format_at;
use serde_json::json;

pub async fn run(ctx: &Ctx, cmd: TimelineCommand) -> Result<()> {
    match cmd {
        TimelineCommand::Add {
            id,
            text,
            at,
            star,
            out,
        } => {
            let mut m = ctx.load(&id).await?;
            let text = if text == "-" {
                read_stdin("timeline entry")?
            } else {
                text
            };
            let at = match at {
                Some(s) => ctx.past(&s)?,
                None => ctx.now.timestamp(),
            };
            let change = m.add_timeline_entry(at, &text, star, &ctx.now)?;
            let m = ctx.save(&m, &[change]).await?;
            let newest = m
                .timeline
                .iter()
                .max_by_key(|e| e.id)
                .map(|e| e.id)
                .unwrap_or(0);
            let msg = format!("Added entry [{newest}] at {}", format_at(at, &ctx.now));
            done(ctx, &m, out, &msg);
            Ok(())
        }
        TimelineCommand::Star { id, entry, out } => star(ctx, &id, entry, true, out).await,
        TimelineCommand::Unstar { id, entry, out } => star(ctx, &id, entry, false, out).await,
        TimelineCommand::List { id, out } => {
            let m = ctx.load(&id).await?;
            if out.json {
                println!("{}", json!({ "id": m.id, "timeline": m.timeline_sorted() }));
            } else if m.timeline.is_empty() {
                println!("The timeline is empty.");
            } else {
                for e in m.timeline_sorted() {
                    println!("{}", entry_line(e, &ctx.now));
                }
            }
            Ok(())
        }
    }
}

async fn star(
    ctx: &Ctx,
    id: &str,
    entry: i64,
    starred: bool,
    out: crate::args::JsonFlag,
) -> Result<()> {
    let mut m = ctx.load(id).await?;
    let change = m.star_entry(entry, starred)?;
    let m = ctx.save(&m, &[change]).await?;
    let msg = if starred {
        format!("Starred entry [{entry}]: it goes into the write-up")
    } else {
        format!("Unstarred entry [{entry}]")
    };
    done(ctx, &m, out, &msg);
    Ok(())
}
