//! `rebound check|uncheck|move|close`.

use super::done;
use crate::args::JsonFlag;
use crate::context::Ctx;
use crate::error::{CliError, Result};
use rebound_domain::{Checkbox, State};

pub async fn check(ctx: &Ctx, id: &str, checkbox: &str, tick: bool, out: JsonFlag) -> Result<()> {
    let checkbox: Checkbox = checkbox.parse().map_err(CliError::invalid)?;
    let mut m = ctx.load(id).await?;
    if tick {
        m.tick(checkbox, &ctx.now)?;
    } else {
        m.untick(checkbox);
    }
    let m = ctx.save(&m, &[]).await?;
    let msg = format!(
        "{} {}",
        if tick { "Ticked" } else { "Unticked" },
        checkbox.label()
    );
    done(ctx, &m, out, &msg);
    Ok(())
}

pub async fn move_to(
    ctx: &Ctx,
    id: &str,
    state: &str,
    at: Option<String>,
    out: JsonFlag,
) -> Result<()> {
    let to: State = state
        .parse()
        .map_err(|e: rebound_domain::state::UnknownState| CliError::invalid(e.to_string()))?;
    let mut m = ctx.load(id).await?;
    let at = match at {
        Some(s) => ctx.past(&s)?,
        None => ctx.now.timestamp(),
    };
    let from = m.state;
    let changes = m.move_to(to, at)?;
    let m = ctx.save(&m, &changes).await?;
    let path: Vec<String> = std::iter::once(from.to_string())
        .chain(changes.iter().filter_map(|c| match c {
            rebound_domain::Change::Transitioned(t) => Some(t.to.to_string()),
            _ => None,
        }))
        .collect();
    done(ctx, &m, out, &format!("{}: {}", m.id, path.join(" → ")));
    Ok(())
}
