//! The follow-up note as Markdown.

use super::{NOT_YET_KNOWN, capitalise, first_line, is_me, one_line, short_sha};
use crate::clocks::Clocks;
use crate::mistake::{CommitRole, LinkedCommit, Mistake};
use crate::note::PreventionKind;
use crate::state::Checkbox;
use crate::when::{format_at, format_duration};
use jiff::Zoned;
use std::time::Duration;

// ---------------------------------------------------------------- Markdown

/// The follow-up note as Markdown.
pub fn markdown(m: &Mistake, now: &Zoned) -> String {
    let clocks = m.clocks(now.timestamp());
    let mut out = format!(
        "# {}\n\n{}\n",
        one_line(&m.title),
        status_line(m, &clocks, now)
    );

    let mut heads_up = quote(&m.heads_up.text);
    heads_up.push_str(&match (m.heads_up.sent_at, m.heads_up.sent_to.as_deref()) {
        (Some(at), Some(to)) => format!("\n\nSent {} to {}.", format_at(at, now), one_line(to)),
        (Some(at), None) => format!("\n\nSent {}.", format_at(at, now)),
        (None, _) => "\n\nNot sent yet.".to_string(),
    });
    section(&mut out, "Heads-up", &heads_up);

    let impact = &m.note.impact;
    let since = impact.since.map(|t| format_at(t, now));
    let rows = [
        ("Who", impact.who.as_deref()),
        ("How many", impact.how_many.as_deref()),
        ("Since", since.as_deref()),
        ("What was wrong", impact.what_wrong.as_deref()),
    ];
    let impact_lines: Vec<String> = rows
        .iter()
        .map(|(k, v)| item(&format!("**{k}:** {}", v.unwrap_or(NOT_YET_KNOWN))))
        .collect();
    section(&mut out, "Impact", &impact_lines.join("\n"));

    let entries = m.timeline_sorted();
    let any_starred = entries.iter().any(|e| e.starred);
    let timeline: Vec<String> = entries
        .iter()
        .filter(|e| !any_starred || e.starred)
        .map(|e| item(&format!("{} — {}", format_at(e.at, now), e.text)))
        .collect();
    if !timeline.is_empty() {
        section(&mut out, "Timeline", &timeline.join("\n"));
    }

    section(
        &mut out,
        "Containment",
        m.note.containment.as_deref().unwrap_or("Not yet known."),
    );
    section(&mut out, "Fix", &fix_markdown(m, now));

    let prevention: Vec<String> = PreventionKind::ALL
        .into_iter()
        .flat_map(|kind| m.note.prevention.iter().filter(move |p| p.kind == kind))
        .map(|p| item(&format!("**{}:** {}", capitalise(p.kind.as_str()), p.text)))
        .collect();
    let prevention = if prevention.is_empty() {
        "Not yet defined.".to_string()
    } else {
        prevention.join("\n")
    };
    section(&mut out, "Prevention", &prevention);

    let owner = match m.note.owner.as_deref() {
        Some(o) if is_me(o) => "I own the follow-up.",
        Some(o) => o,
        None => "Not yet known.",
    };
    section(&mut out, "Owner", owner);

    if let Some(due) = m.next_update_due() {
        let late = match clocks.next_update {
            Some(c) if c.overdue => format!(
                " (overdue by {})",
                format_duration(Duration::from_secs(c.secs))
            ),
            _ => String::new(),
        };
        section(
            &mut out,
            "Next update",
            &format!("By {}{late}.", format_at(due, now)),
        );
    }

    let boxes: Vec<String> = [
        (Checkbox::Impact, m.impact_checked_at),
        (Checkbox::Prevention, m.prevention_checked_at),
    ]
    .into_iter()
    .map(|(b, at)| {
        format!(
            "- [{}] {}",
            if at.is_some() { "x" } else { " " },
            capitalise(b.label())
        )
    })
    .collect();
    section(&mut out, "Checkboxes", &boxes.join("\n"));

    let mut updates: Vec<_> = m.updates.iter().collect();
    updates.sort_by_key(|u| std::cmp::Reverse((u.at, u.id)));
    let updates: Vec<String> = updates
        .iter()
        .map(|u| item(&format!("{} — {}", format_at(u.at, now), u.text)))
        .collect();
    if !updates.is_empty() {
        section(&mut out, "Progress updates", &updates.join("\n"));
    }
    out
}

fn status_line(m: &Mistake, clocks: &Clocks, now: &Zoned) -> String {
    format!("**Status:** {}", status_parts(m, clocks, now).join(" · "))
}

/// State, severity, when it was detected and the clocks that have stopped.
pub(super) fn status_parts(m: &Mistake, clocks: &Clocks, now: &Zoned) -> Vec<String> {
    let mut parts = vec![
        m.state.as_str().to_string(),
        format!("{} severity", m.severity),
        format!("detected {}", format_at(m.detected_at, now)),
    ];
    if let Some(secs) = clocks.time_undetected_secs {
        parts.push(format!(
            "undetected for {}",
            format_duration(Duration::from_secs(secs))
        ));
    }
    if let Some(secs) = clocks.time_to_own_secs {
        parts.push(format!(
            "heads-up sent after {}",
            format_duration(Duration::from_secs(secs))
        ));
    }
    parts
}

fn fix_markdown(m: &Mistake, now: &Zoned) -> String {
    let mut lines = Vec::new();
    if let Some(due) = m.note.fix_due {
        lines.push(item(&format!("**Ships:** {}", format_at(due, now))));
    }
    for role in [CommitRole::Hotfix, CommitRole::Guardrail] {
        if let Some(c) = m.commit(role) {
            lines.push(item(&format!(
                "**{}:** {}",
                capitalise(role.label()),
                commit_markdown(c)
            )));
        }
    }
    match (m.note.fix.as_deref(), lines.is_empty()) {
        (Some(fix), true) => fix.to_string(),
        (Some(fix), false) => format!("{fix}\n\n{}", lines.join("\n")),
        (None, true) => "Not yet known.".to_string(),
        (None, false) => lines.join("\n"),
    }
}

fn commit_markdown(c: &LinkedCommit) -> String {
    let mut parts = Vec::new();
    if let Some(sha) = &c.sha {
        parts.push(format!("`{}`", short_sha(sha)));
    }
    if let Some(subject) = c.message.as_deref().and_then(first_line) {
        parts.push(subject.to_string());
    }
    let mut text = parts.join(" ");
    if let Some(author) = &c.author {
        text.push_str(&format!(" — {author}"));
    }
    if let Some(url) = &c.url {
        text.push_str(&if text.is_empty() {
            format!("<{url}>")
        } else {
            format!(" (<{url}>)")
        });
    }
    if text.is_empty() {
        "linked".to_string()
    } else {
        text
    }
}

fn section(out: &mut String, heading: &str, body: &str) {
    out.push_str(&format!("\n## {heading}\n\n{}\n", body.trim_end()));
}

/// A list item; further lines of the text are indented under it.
fn item(text: &str) -> String {
    format!("- {}", text.replace('\n', "\n  "))
}

fn quote(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
