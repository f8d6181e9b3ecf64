//! `rebound note ID`: fill the follow-up note from flags, stdin or $EDITOR.
//! The note is worked out here from the current one and saved whole.

use super::{done, parse_id};
use crate::args::NoteArgs;
use crate::backend::Backend;
use crate::context::plain;
use crate::error::{CliError, Result};
use crate::input::{edit, interactive, read_stdin, text_arg};
use jiff::Zoned;
use rebound_domain::note::clean;
use rebound_domain::note_template;
use rebound_domain::{FollowUpNote, Mistake, PreventionItem, PreventionKind};

pub async fn run(b: &impl Backend, a: NoteArgs) -> Result<()> {
    let id = parse_id(&a.id)?;
    let m = b.get(&id).await?.mistake;
    if a.template {
        print!("{}", note_template::render(&m, b.now()));
        return Ok(());
    }
    let has_fields = a.who.is_some()
        || a.how_many.is_some()
        || a.since.is_some()
        || a.what_wrong.is_some()
        || a.containment.is_some()
        || a.fix.is_some()
        || a.fix_due.is_some()
        || !a.detective.is_empty()
        || !a.preventive.is_empty()
        || !a.corrective.is_empty()
        || a.clear_prevention
        || a.owner.is_some()
        || a.next_update.is_some();
    let note = if a.stdin {
        parse(&m, &read_stdin("note (Markdown)")?, b.now())?
    } else if a.editor || (!has_fields && interactive()) {
        let text = edit(&note_template::render(&m, b.now()), ".md")?;
        parse(&m, &text, b.now())?
    } else if has_fields {
        from_flags(&m, &a, b)?
    } else {
        return Err(CliError::invalid(
            "nothing to change: give section flags (--who, --what-wrong, --containment, --fix, --fix-due, --preventive, --owner, …), --stdin or --editor; --template prints the note",
        ));
    };
    let was_written = m.note_written_at.is_some();
    let next_update = a
        .next_update
        .as_deref()
        .map(|s| b.any_time(s))
        .transpose()?;
    let r = b.set_note(&id, (note, m.version), next_update).await?;
    let note = &r.mistake.note;
    let missing: Vec<&str> = note.missing().iter().map(|s| s.label()).collect();
    let msg = if missing.is_empty() {
        if was_written {
            "Note saved."
        } else {
            "Note complete: the 30-minute clock has stopped."
        }
        .to_string()
    } else {
        let flags: Vec<&str> = note.missing().iter().map(|s| s.flag()).collect();
        format!(
            "Note saved. Still missing: {} ({}).",
            missing.join(", "),
            flags.join(", ")
        )
    };
    done(&r, a.out, &msg);
    Ok(())
}

fn from_flags(m: &Mistake, a: &NoteArgs, b: &impl Backend) -> Result<FollowUpNote> {
    let mut note = m.note.clone();
    let mut used_stdin = false;
    let mut set = |slot: &mut Option<String>, value: &Option<String>, what: &str| -> Result<()> {
        if let Some(v) = text_arg(value.clone(), what, &mut used_stdin)? {
            *slot = clean(v);
        }
        Ok(())
    };
    set(&mut note.impact.who, &a.who, "who was affected")?;
    set(&mut note.impact.how_many, &a.how_many, "how many")?;
    set(&mut note.impact.what_wrong, &a.what_wrong, "what was wrong")?;
    set(&mut note.containment, &a.containment, "containment")?;
    set(&mut note.fix, &a.fix, "fix")?;
    set(&mut note.owner, &a.owner, "owner")?;
    if let Some(s) = &a.since {
        note.impact.since = Some(b.past(s)?);
    }
    if let Some(s) = &a.fix_due {
        note.fix_due = Some(b.any_time(s)?);
    }
    if a.clear_prevention {
        note.prevention.clear();
    }
    for (kind, items) in [
        (PreventionKind::Detective, &a.detective),
        (PreventionKind::Preventive, &a.preventive),
        (PreventionKind::Corrective, &a.corrective),
    ] {
        for text in items {
            let text = clean(text)
                .ok_or_else(|| CliError::invalid(format!("the {kind} prevention item is empty")))?;
            note.prevention.push(PreventionItem { kind, text });
        }
    }
    Ok(note)
}

/// Parses the Markdown note. On a mistake in it, the text is kept in a file
/// so an edit session is never lost.
fn parse(m: &Mistake, text: &str, now: &Zoned) -> Result<FollowUpNote> {
    note_template::parse(text, now).map_err(|e| {
        let keep = std::env::temp_dir().join(format!("rebound-note-{}.md", m.id));
        let kept = match std::fs::write(&keep, text) {
            Ok(()) => format!(
                "; your text is kept in {} (fix it and pass it with --stdin)",
                keep.display()
            ),
            Err(err) => format!("; your text could not be kept: {}", plain(&err)),
        };
        CliError::invalid(format!("the note was not saved: {e}{kept}"))
    })
}
