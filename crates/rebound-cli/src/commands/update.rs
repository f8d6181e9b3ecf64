//! `rebound update ID [TEXT] [--cadence C] [--snooze D | --snooze-until WHEN]`.

use super::done;
use crate::args::UpdateArgs;
use crate::context::Ctx;
use crate::error::{CliError, Result};
use crate::input::read_stdin;
use rebound_domain::Cadence;
use rebound_domain::when::{format_clock, parse_duration};

pub async fn run(ctx: &Ctx, a: UpdateArgs) -> Result<()> {
    let mut m = ctx.load(&a.id).await?;
    if a.text.is_none() && a.cadence.is_none() && a.snooze.is_none() && a.snooze_until.is_none() {
        return Err(CliError::invalid(
            "nothing to do: give the update text (\"-\" for stdin), --cadence, --snooze or --snooze-until",
        ));
    }
    let mut changes = Vec::new();
    if let Some(c) = &a.cadence {
        m.set_cadence(parse_cadence(c)?);
    }
    if let Some(text) = a.text {
        let text = if text == "-" {
            read_stdin("update")?
        } else {
            text
        };
        changes.push(m.post_update(&text, &ctx.now)?);
    }
    if let Some(d) = &a.snooze {
        let from = m
            .next_update_due()
            .unwrap_or(ctx.now.timestamp())
            .max(ctx.now.timestamp());
        m.snooze_until(from + parse_duration(d)?, &ctx.now)?;
    }
    if let Some(w) = &a.snooze_until {
        let at = ctx.any_time(w)?;
        m.snooze_until(at, &ctx.now)?;
    }
    let m = ctx.save(&m, &changes).await?;
    let next = match m.next_update_due() {
        Some(due) => format!("next update due {}", format_clock(due, &ctx.now)),
        None if m.state.expects_updates() => "no further updates promised".to_string(),
        None => format!("no updates expected now that it is {}", m.state),
    };
    let first = if changes.is_empty() {
        "Saved"
    } else {
        "Update posted"
    };
    done(ctx, &m, a.out, &format!("{first}; {next}."));
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
