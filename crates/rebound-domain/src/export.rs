//! Exports: the note a person would really send, as Markdown or as a
//! plain-text email, and the whole record as JSON.
//!
//! Nothing here invents facts: a section with nothing in it is left out, or
//! says plainly that it is not yet known.

use crate::clocks::Clocks;
use crate::mistake::{CommitRole, LinkedCommit, Mistake};
use crate::note::{NoteSection, PreventionKind};
use crate::state::{Checkbox, State};
use crate::when::{format_at, format_duration};
use jiff::{Timestamp, Zoned};
use serde::Serialize;
use std::fmt;
use std::time::Duration;

/// Plain-text lines are wrapped at this width.
pub const EMAIL_WIDTH: usize = 72;

const NOT_YET_KNOWN: &str = "not yet known";

/// A plain-text email, ready to paste or send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Email {
    pub subject: String,
    pub body: String,
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Subject: {}\n\n{}", self.subject, self.body)
    }
}

/// The whole record with what is derived from it at `now`: what `show
/// --json` prints and what the API returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MistakeView {
    #[serde(flatten)]
    pub mistake: Mistake,
    pub clocks: Clocks,
    pub next_update_due: Option<Timestamp>,
    /// Note sections still empty.
    pub note_missing: Vec<NoteSection>,
}

pub fn view(m: &Mistake, now: &Zoned) -> MistakeView {
    into_view(m.clone(), now)
}

/// [`view`] of a mistake the caller no longer needs, without copying it.
pub fn into_view(m: Mistake, now: &Zoned) -> MistakeView {
    MistakeView {
        clocks: m.clocks(now.timestamp()),
        next_update_due: m.next_update_due(),
        note_missing: m.note.missing(),
        mistake: m,
    }
}

/// The whole record as structured data, as `show --json` prints it.
pub fn json(m: &Mistake, now: &Zoned) -> serde_json::Value {
    serde_json::to_value(view(m, now)).expect("a mistake is plain data and always serializes")
}

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
    format!("**Status:** {}", parts.join(" · "))
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

// ------------------------------------------------------------------ Email

/// The note as a plain-text email to the manager and the people affected.
pub fn email(m: &Mistake, now: &Zoned) -> Email {
    let prefix = match m.state {
        State::Detected | State::Owned => "Heads-up",
        State::Contained => "Contained",
        State::Fixed => "Fixed",
        State::Reviewed | State::Closed => "Follow-up",
    };
    let subject = format!("{prefix}: {}", one_line(&m.title));
    let mut body = Body::default();
    body.paragraph("Hi,");
    body.paragraph(&m.heads_up.text);

    if let Some(latest) = m.updates.iter().max_by_key(|u| (u.at, u.id)) {
        body.paragraph(&format!(
            "Latest update ({}): {}",
            email_time(latest.at, now),
            latest.text
        ));
    }

    let impact = &m.note.impact;
    let mut who = impact.who.as_deref().map(one_line).unwrap_or_default();
    if let Some(n) = impact.how_many.as_deref().map(one_line) {
        who = if who.is_empty() {
            format!("{n} people or items")
        } else {
            format!("{who} ({n})")
        };
    }
    if let Some(since) = impact.since {
        let since = format!("since {}", email_time(since, now));
        who = if who.is_empty() {
            format!("visible {since}")
        } else {
            format!("{who}, {since}")
        };
    }
    match (who.is_empty(), impact.what_wrong.as_deref()) {
        (true, None) => body.paragraph(
            "I'm still establishing the full impact and will share it as soon as I have it.",
        ),
        (empty_who, what_wrong) => {
            if !empty_who {
                body.paragraph(&sentence(&format!("Who is affected: {who}")));
            }
            if let Some(w) = what_wrong {
                body.paragraph(&sentence(&format!("What was wrong: {w}")));
            }
        }
    }

    if let Some(containment) = &m.note.containment {
        body.paragraph(&sentence(&format!("What I've done so far: {containment}")));
    }

    body.paragraph(&fix_email(m, now));
    let commits: Vec<String> = [CommitRole::Hotfix, CommitRole::Guardrail]
        .into_iter()
        .filter_map(|role| {
            m.commit(role)
                .map(|c| format!("{}: {}", capitalise(role.label()), commit_plain(c)))
        })
        .collect();
    if !commits.is_empty() {
        body.paragraph(&commits.join("\n"));
    }

    if m.note.prevention.is_empty() {
        if m.state < State::Reviewed {
            body.paragraph("I'll follow up with the steps that keep this from happening again.");
        }
    } else {
        body.paragraph("To keep it from happening again:");
        for kind in PreventionKind::ALL {
            for p in m.note.prevention.iter().filter(|p| p.kind == kind) {
                body.bullet(&format!(
                    "{} ({})",
                    p.text.trim_end_matches('.'),
                    purpose(kind)
                ));
            }
        }
    }

    let mut closing = Vec::new();
    if let Some(owner) = m.note.owner.as_deref().map(one_line) {
        closing.push(if is_me(&owner) {
            "I own the follow-up.".to_string()
        } else {
            format!("{owner} owns the follow-up.")
        });
    }
    if let Some(due) = m.next_update_due() {
        closing.push(format!(
            "I'll send the next update by {}.",
            email_time(due, now)
        ));
    }
    if !closing.is_empty() {
        body.paragraph(&closing.join(" "));
    }
    Email {
        subject,
        body: body.finish(),
    }
}

fn fix_email(m: &Mistake, now: &Zoned) -> String {
    let in_place = m.state >= State::Fixed;
    let when = match m.note.fix_due {
        _ if in_place => "It is in place now.".to_string(),
        Some(due) if due > now.timestamp() => {
            format!("It is scheduled to ship by {}.", email_time(due, now))
        }
        Some(due) => format!(
            "It was due to ship by {} and is not in place yet.",
            email_time(due, now)
        ),
        None => "I'll confirm when it ships.".to_string(),
    };
    match &m.note.fix {
        Some(fix) => format!("{} {when}", sentence(&format!("The fix: {fix}"))),
        None if in_place => "The fix is in place now.".to_string(),
        None => match m.note.fix_due {
            Some(due) if due > now.timestamp() => {
                format!("The fix is scheduled to ship by {}.", email_time(due, now))
            }
            _ => "I'm still working out the fix and will say when it ships.".to_string(),
        },
    }
}

fn commit_plain(c: &LinkedCommit) -> String {
    let mut parts = Vec::new();
    if let Some(sha) = &c.sha {
        parts.push(short_sha(sha).to_string());
    }
    if let Some(subject) = c.message.as_deref().and_then(first_line) {
        parts.push(format!("\"{subject}\""));
    }
    if let Some(author) = &c.author {
        parts.push(format!("({author})"));
    }
    if let Some(url) = &c.url {
        parts.push(url.clone());
    }
    if parts.is_empty() {
        "linked".to_string()
    } else {
        parts.join(" ")
    }
}

fn purpose(kind: PreventionKind) -> &'static str {
    match kind {
        PreventionKind::Detective => "to catch it sooner",
        PreventionKind::Preventive => "to stop it happening",
        PreventionKind::Corrective => "to repair what this one left behind",
    }
}

/// "13:20 CET" today, otherwise "Sat 21 Nov 13:20 CET".
fn email_time(at: Timestamp, now: &Zoned) -> String {
    let z = at.to_zoned(now.time_zone().clone());
    if z.date() == now.date() {
        z.strftime("%H:%M %Z").to_string()
    } else if z.year() == now.year() {
        z.strftime("%a %-d %b %H:%M %Z").to_string()
    } else {
        z.strftime("%a %-d %b %Y %H:%M %Z").to_string()
    }
}

/// Plain-text body: paragraphs separated by blank lines, wrapped.
#[derive(Default)]
struct Body {
    lines: Vec<String>,
}

impl Body {
    fn paragraph(&mut self, text: &str) {
        if !self.lines.is_empty() && self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
        for line in text.lines() {
            if line.trim().is_empty() {
                if self.lines.last().is_some_and(|l| !l.is_empty()) {
                    self.lines.push(String::new());
                }
            } else {
                self.lines.extend(wrap(line, "", ""));
            }
        }
    }

    fn bullet(&mut self, text: &str) {
        for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
            self.lines
                .extend(wrap(line, if i == 0 { "- " } else { "  " }, "  "));
        }
    }

    fn finish(mut self) -> String {
        while self.lines.last().is_some_and(String::is_empty) {
            self.lines.pop();
        }
        let mut body = self.lines.join("\n");
        body.push('\n');
        body
    }
}

/// Greedy word wrap at [`EMAIL_WIDTH`]; a word longer than a line (a URL)
/// stands alone on its line rather than being broken.
pub fn wrap(text: &str, first_prefix: &str, rest_prefix: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = first_prefix.to_string();
    let mut has_word = false;
    for word in text.split_whitespace() {
        let fits = current.chars().count() + 1 + word.chars().count() <= EMAIL_WIDTH;
        if has_word && !fits {
            lines.push(std::mem::replace(&mut current, rest_prefix.to_string()));
            has_word = false;
        }
        if has_word {
            current.push(' ');
        }
        current.push_str(word);
        has_word = true;
    }
    if has_word {
        lines.push(current);
    }
    lines
}

// ---------------------------------------------------------------- helpers

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An owner written as "me", "I" or "myself".
fn is_me(owner: &str) -> bool {
    ["me", "i", "myself"].contains(&owner.trim().to_lowercase().as_str())
}

fn first_line(text: &str) -> Option<&str> {
    text.lines().map(str::trim).find(|l| !l.is_empty())
}

fn short_sha(sha: &str) -> &str {
    sha.get(..7).unwrap_or(sha)
}

/// Ends the text with a full stop unless it already ends a sentence.
fn sentence(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
#[path = "export_tests.rs"]
mod tests;
