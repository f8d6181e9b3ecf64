//! `rebound check|uncheck|move|close`.

use super::{done, parse_id};
use crate::args::JsonFlag;
use crate::backend::Backend;
use crate::error::{CliError, Result};
use rebound_domain::{Checkbox, State};

pub async fn check(
    b: &impl Backend,
    id: &str,
    checkbox: &str,
    tick: bool,
    out: JsonFlag,
) -> Result<()> {
    let checkbox: Checkbox = checkbox.parse().map_err(CliError::invalid)?;
    let r = b.set_check(&parse_id(id)?, checkbox, tick).await?;
    let msg = format!(
        "{} {}",
        if tick { "Ticked" } else { "Unticked" },
        checkbox.label()
    );
    done(&r, out, &msg);
    Ok(())
}

pub async fn move_to(
    b: &impl Backend,
    id: &str,
    state: &str,
    at: Option<String>,
    out: JsonFlag,
) -> Result<()> {
    let to: State = state
        .parse()
        .map_err(|e: rebound_domain::state::UnknownState| CliError::invalid(e.to_string()))?;
    let id = parse_id(id)?;
    let at = at.map(|s| b.past(&s)).transpose()?;
    let before = b.get(&id).await?.mistake;
    let r = b.move_to(&id, to, at).await?;
    // The states passed through: every transition this move appended.
    let path: Vec<String> = std::iter::once(before.state.to_string())
        .chain(
            r.mistake
                .transitions
                .iter()
                .skip(before.transitions.len())
                .map(|t| t.to.to_string()),
        )
        .collect();
    done(&r, out, &format!("{}: {}", r.mistake.id, path.join(" → ")));
    Ok(())
}
