//! `rebound update ID [TEXT] [--cadence C] [--snooze D | --snooze-until WHEN]`.

use super::{done, parse_id};
use crate::args::UpdateArgs;
use crate::backend::{Backend, Snooze, UpdatePlan};
use crate::error::{CliError, Result};
use crate::input::read_stdin;
use rebound_domain::Cadence;
use rebound_domain::when::{format_clock, parse_duration};

pub async fn run(b: &impl Backend, a: UpdateArgs) -> Result<()> {
    let id = parse_id(&a.id)?;
    if a.text.is_none() && a.cadence.is_none() && a.snooze.is_none() && a.snooze_until.is_none() {
        return Err(CliError::invalid(
            "nothing to do: give the update text (\"-\" for stdin), --cadence, --snooze or --snooze-until",
        ));
    }
    let cadence = a.cadence.as_deref().map(parse_cadence).transpose()?;
    let text = match a.text {
        Some(t) if t == "-" => Some(read_stdin("update")?),
        other => other,
    };
    let snooze = match (&a.snooze, &a.snooze_until) {
        (Some(d), _) => Some(Snooze::For(parse_duration(d)?)),
        (None, Some(w)) => Some(Snooze::Until(b.any_time(w)?)),
        (None, None) => None,
    };
    let posted = text.is_some();
    let r = b
        .update(
            &id,
            UpdatePlan {
                cadence,
                text,
                snooze,
            },
        )
        .await?;
    let m = &r.mistake;
    let next = match m.next_update_due() {
        Some(due) => format!("next update due {}", format_clock(due, b.now())),
        None if m.state.expects_updates() => "no further updates promised".to_string(),
        None => format!("no updates expected now that it is {}", m.state),
    };
    let first = if posted { "Update posted" } else { "Saved" };
    done(&r, a.out, &format!("{first}; {next}."));
    Ok(())
}

fn parse_cadence(s: &str) -> Result<Cadence> {
    match s.trim().to_ascii_lowercase().as_str() {
        "none" | "off" => Ok(Cadence::None),
        "default" => Ok(Cadence::Default),
        other => {
            let d = parse_duration(other).map_err(|_| {
                CliError::invalid(format!(
                    "cannot read cadence '{s}': use e.g. 30m, 2h, 1d, default or none"
                ))
            })?;
            let minutes = u32::try_from(d.as_secs() / 60).unwrap_or(u32::MAX);
            if minutes < 5 {
                return Err(CliError::invalid("the cadence must be at least 5 minutes"));
            }
            Ok(Cadence::Every(minutes))
        }
    }
}
