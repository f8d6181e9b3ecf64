//! `rebound edit ID`: correct the facts or change who may read it; the
//! heads-up is redrafted unless it was edited by hand.

use super::{done, parse_choice, parse_id};
use crate::args::EditArgs;
use crate::backend::Backend;
use crate::error::{CliError, Result};
use crate::input::text_arg;
use rebound_domain::{Revision, Severity, Visibility};

pub async fn run(b: &impl Backend, a: EditArgs) -> Result<()> {
    let id = parse_id(&a.id)?;
    let mut used_stdin = false;
    let revision = Revision {
        title: a.title,
        what: text_arg(a.what, "description", &mut used_stdin)?,
        affected: a.affected,
        severity: parse_choice::<Severity>(a.severity)?,
        started_at: a.started_at.as_deref().map(|s| b.past(s)).transpose()?,
        detected_at: a.detected_at.as_deref().map(|s| b.past(s)).transpose()?,
        visibility: parse_choice::<Visibility>(a.visibility)?,
    };
    if revision.is_empty() {
        return Err(CliError::invalid(
            "nothing to change: give --title, --what, --affected, --severity, --detected-at, --started-at or --visibility",
        ));
    }
    let r = b.revise(&id, revision).await?;
    let msg = if r.mistake.heads_up.edited {
        "Saved. The heads-up was edited by hand, so it was left as it is.".to_string()
    } else {
        format!(
            "Saved. The heads-up now reads:\n{}",
            r.mistake.heads_up.text
        )
    };
    done(&r, a.out, &msg);
    Ok(())
}
