//! The whole mistake as text, in the order a person works through it.

use super::clocks::{target, update};
use jiff::Zoned;
use rebound_domain::when::{format_at, format_duration};
use rebound_domain::{CommitRole, Mistake, TimelineEntry};
use std::fmt::Write as _;
use std::time::Duration;

pub fn mistake(m: &Mistake, now: &Zoned) -> String {
    let mut s = String::new();
    let at = |t| format_at(t, now);
    let dur = |secs| format_duration(Duration::from_secs(secs));
    let c = m.clocks(now.timestamp());

    let _ = writeln!(s, "{}  {}", m.id, m.title);
    let since = m
        .transitions
        .last()
        .map(|t| format!(" since {}", at(t.at)))
        .unwrap_or_default();
    let _ = writeln!(
        s,
        "State       {}{since} · severity {}",
        m.state, m.severity
    );
    let _ = writeln!(s, "Detected    {}", at(m.detected_at));
    if let (Some(started), Some(undetected)) = (m.started_at, c.time_undetected_secs) {
        let _ = writeln!(
            s,
            "Started     {} (undetected for {})",
            at(started),
            dur(undetected)
        );
    }
    // Corrections keep what the times said before, as an edited entry does.
    for c in &m.time_corrections {
        let before = c.earlier.map_or_else(|| "not known".to_string(), at);
        let _ = writeln!(
            s,
            "Corrected   {} {before} → {}, on {}",
            c.field.as_str(),
            at(c.later),
            at(c.corrected_at)
        );
    }
    if let Some(a) = &m.affected {
        let _ = writeln!(s, "Affected    {a}");
    }
    if let Some(w) = &m.what {
        let _ = writeln!(s, "What        {w}");
    }

    let _ = writeln!(s, "\nHeads-up");
    match (m.heads_up.sent_at, c.time_to_own_secs) {
        (Some(sent), Some(own)) => {
            let to = m
                .heads_up
                .sent_to
                .as_deref()
                .map(|t| format!(" to {t}"))
                .unwrap_or_default();
            let _ = writeln!(s, "  sent {}{to} · time to own {}", at(sent), dur(own));
        }
        _ => {
            let _ = writeln!(
                s,
                "  not sent yet — send it, then `rebound heads-up sent {}`",
                m.id
            );
        }
    }
    let _ = writeln!(s, "  {}", m.heads_up.text);

    let _ = writeln!(s, "\nClocks");
    let _ = writeln!(
        s,
        "  Timeline (15 min)  {}",
        target(&c.timeline, "written", now)
    );
    let _ = writeln!(
        s,
        "  Note (30 min)      {}",
        target(&c.note, "written", now)
    );
    match &c.next_update {
        Some(u) => {
            let _ = writeln!(s, "  Next update        {}", update(u, now));
        }
        None if m.state.expects_updates() => {
            let _ = writeln!(s, "  Next update        none promised (cadence: none)");
        }
        None => {}
    }

    let _ = writeln!(s, "\nTimeline");
    if m.timeline.is_empty() {
        let _ = writeln!(
            s,
            "  (empty) add: rebound timeline add {} \"what happened\" --at 14:05",
            m.id
        );
    }
    for e in m.timeline_with_removed() {
        let _ = writeln!(s, "{}", entry_line(e, now));
    }

    let missing = m.note.missing();
    let heading = if missing.is_empty() {
        "Follow-up note".to_string()
    } else {
        let labels: Vec<&str> = missing.iter().map(|n| n.label()).collect();
        format!("Follow-up note (missing: {})", labels.join(", "))
    };
    let _ = writeln!(s, "\n{heading}");
    let n = &m.note;
    let field = |s: &mut String, label: &str, v: Option<String>| {
        if let Some(v) = v {
            let _ = writeln!(s, "  {label:<15}{}", v.replace('\n', "\n                 "));
        }
    };
    field(&mut s, "Who", n.impact.who.clone());
    field(&mut s, "How many", n.impact.how_many.clone());
    field(&mut s, "Since", n.impact.since.map(at));
    field(&mut s, "What was wrong", n.impact.what_wrong.clone());
    field(&mut s, "Containment", n.containment.clone());
    field(&mut s, "Fix", n.fix.clone());
    field(&mut s, "Fix ships", n.fix_due.map(at));
    for p in &n.prevention {
        let _ = writeln!(s, "  {:<15}[{}] {}", "Prevention", p.kind, p.text);
    }
    field(&mut s, "Owner", n.owner.clone());

    let _ = writeln!(s, "\nCommits");
    for role in [CommitRole::Hotfix, CommitRole::Guardrail] {
        let line = match m.commit(role) {
            Some(cm) => {
                let sha = cm
                    .sha
                    .as_deref()
                    .map(|x| &x[..x.len().min(10)])
                    .unwrap_or("");
                let msg = cm
                    .message
                    .as_deref()
                    .and_then(|x| x.lines().next())
                    .unwrap_or("");
                let mut line = format!("{sha} {msg}").trim().to_string();
                if let Some(a) = &cm.author {
                    let _ = write!(line, " — {a}");
                }
                if let Some(t) = cm.committed_at {
                    let _ = write!(line, ", {}", at(t));
                }
                if let Some(u) = &cm.url {
                    let _ = write!(line, " {u}");
                }
                line
            }
            None => format!(
                "not linked: rebound commit {} {} SHA --repo PATH",
                m.id,
                role.as_str()
            ),
        };
        let _ = writeln!(s, "  {:<22}{line}", role.label());
    }

    let _ = writeln!(s, "\nCheckboxes");
    let tick = |t: Option<jiff::Timestamp>| if t.is_some() { "[x]" } else { "[ ]" };
    let _ = writeln!(s, "  {} impact documented", tick(m.impact_checked_at));
    let _ = writeln!(s, "  {} prevention defined", tick(m.prevention_checked_at));

    let cadence = match m.cadence.interval(m.severity) {
        Some(d) => format!("every {}", format_duration(d)),
        None => "none".to_string(),
    };
    let default = if m.cadence == rebound_domain::Cadence::Default {
        format!(", the default for {} severity", m.severity)
    } else {
        String::new()
    };
    let _ = writeln!(s, "\nUpdates (cadence: {cadence}{default})");
    let mut updates: Vec<_> = m.updates.iter().collect();
    updates.sort_by_key(|u| std::cmp::Reverse((u.at, u.id)));
    if updates.is_empty() {
        let _ = writeln!(s, "  none posted yet");
    }
    for u in updates {
        let _ = writeln!(s, "  {}  {}", at(u.at), u.text);
    }
    if m.older_updates > 0 {
        let (n, id) = (m.older_updates, &m.id);
        let _ = writeln!(
            s,
            "  … and {n} older {} (`rebound updates {id} --all`)",
            if n == 1 { "update" } else { "updates" }
        );
    }

    if !m.transitions.is_empty() {
        let _ = writeln!(s, "\nHistory");
        for t in &m.transitions {
            let _ = writeln!(s, "  {}  {} → {}", at(t.at), t.from, t.to);
        }
    }
    s
}

/// One entry, its id first (what `timeline edit|remove` take); a removed
/// one says so, and an edited one shows what it said before.
pub fn entry_line(e: &TimelineEntry, now: &Zoned) -> String {
    let star = if e.starred && !e.is_removed() {
        "★"
    } else {
        " "
    };
    let mut line = format!("  [{}] {star} {}  {}", e.id, format_at(e.at, now), e.text);
    if let Some(removed) = e.removed_at {
        let _ = write!(line, "  (removed {})", format_at(removed, now));
    }
    for old in &e.earlier {
        let _ = write!(
            line,
            "\n        edited {}; before: {}  {}",
            format_at(old.replaced_at, now),
            format_at(old.at, now),
            old.text
        );
    }
    line
}
