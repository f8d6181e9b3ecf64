//! The note as a short chat message in Slack's `mrkdwn`: `*bold*`, `>`
//! quotes, `•` bullets, links as `<url|text>`. Mattermost reads it too
//! (its `*…*` is italic rather than bold, and a Slack link shows as written).
//!
//! Short on purpose: the title and state, the heads-up, who is affected,
//! what contains and fixes it, the latest update and when the next is due;
//! the full note is the Markdown or HTML export. People's text is escaped as
//! Slack asks (`&`, `<`, `>`), so nothing they wrote becomes a link or a
//! `<!channel>` mention, and `@channel`-style group mentions are defused.

use super::{is_me, one_line, short_sha};
use crate::mistake::{CommitRole, Mistake};
use crate::when::format_at;
use jiff::Zoned;

/// A one-line field longer than this is cut, with "…".
const FIELD_CHARS: usize = 280;

/// The note as a Slack message.
pub fn chat(m: &Mistake, now: &Zoned) -> String {
    let mut lines = vec![format!(
        "*{}* — {}, {} severity",
        escape(&one_line(&m.title)),
        m.state.as_str(),
        m.severity
    )];
    for l in m.heads_up.text.lines().filter(|l| !l.trim().is_empty()) {
        lines.push(format!("> {}", escape(l.trim())));
    }

    let impact = &m.note.impact;
    let mut who: Vec<String> = [impact.who.as_deref(), impact.how_many.as_deref()]
        .into_iter()
        .flatten()
        .map(field)
        .collect();
    if let Some(since) = impact.since {
        who.push(format!("since {}", format_at(since, now)));
    }
    if !who.is_empty() {
        bullet(&mut lines, "Affected", &who.join(", "));
    }
    if let Some(w) = &impact.what_wrong {
        bullet(&mut lines, "What was wrong", &field(w));
    }
    if let Some(c) = &m.note.containment {
        bullet(&mut lines, "Containment", &field(c));
    }

    let mut fix = m.note.fix.as_deref().map(field).unwrap_or_default();
    let status = if m.fix_in_place() {
        Some("in place".to_string())
    } else {
        m.note
            .fix_due
            .map(|due| format!("ships by {}", format_at(due, now)))
    };
    if let Some(s) = status {
        fix = if fix.is_empty() {
            s
        } else {
            format!("{fix} ({s})")
        };
    }
    if let Some(c) = m.commit(CommitRole::Hotfix) {
        let sha = c.sha.as_deref().map(short_sha).unwrap_or("commit");
        let commit = match c.url.as_deref().filter(|u| is_web(u)) {
            Some(url) => format!("<{}|`{}`>", escape(url), escape(sha)),
            None => format!("`{}`", escape(sha)),
        };
        fix = if fix.is_empty() {
            commit
        } else {
            format!("{fix} {commit}")
        };
    }
    if !fix.is_empty() {
        bullet(&mut lines, "Fix", &fix);
    }

    if let Some(latest) = m.updates.iter().max_by_key(|u| (u.at, u.id)) {
        bullet(
            &mut lines,
            &format!("Latest update, {}", format_at(latest.at, now)),
            &field(&latest.text),
        );
    }
    match m.note.owner.as_deref() {
        Some(o) if is_me(o) => bullet(&mut lines, "Owner", "me"),
        Some(o) => bullet(&mut lines, "Owner", &field(o)),
        None => {}
    }
    if let Some(due) = m.next_update_due() {
        bullet(
            &mut lines,
            "Next update",
            &format!("by {}", format_at(due, now)),
        );
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Slack's three escapes (`&`, `<`, `>`), and group mentions defused:
/// pasted into a composer, or posted to Mattermost, `@channel`, `@here`,
/// `@all` and `@everyone` would ping everyone in the room, so they go in
/// backticks, as code, which neither pings from (an invisible joiner
/// would be printed as an escape by the CLI and confuse a reader).
pub fn escape(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped.as_str();
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let word = &after[..len];
        if ["channel", "here", "all", "everyone"]
            .iter()
            .any(|m| word.eq_ignore_ascii_case(m))
        {
            out.push_str(&format!("`@{word}`"));
            rest = &after[len..];
        } else {
            out.push('@');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn is_web(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(['|', '<', '>', ' '])
}

/// Someone's text on one line, escaped, cut to [`FIELD_CHARS`]; Markdown's
/// `**bold**` becomes Slack's `*bold*`.
fn field(text: &str) -> String {
    let line = one_line(text).replace("**", "*");
    let cut = if line.chars().count() > FIELD_CHARS {
        let mut s: String = line.chars().take(FIELD_CHARS - 1).collect();
        s.push('…');
        s
    } else {
        line
    };
    escape(&cut)
}

fn bullet(lines: &mut Vec<String>, label: &str, text: &str) {
    lines.push(format!("• *{label}:* {text}"));
}
