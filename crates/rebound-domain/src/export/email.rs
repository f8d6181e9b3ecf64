//! The note as a plain-text email.

use super::{EMAIL_WIDTH, capitalise, first_line, is_me, one_line, sentence, short_sha};
use crate::mistake::{CommitRole, LinkedCommit, Mistake};
use crate::note::PreventionKind;
use crate::state::State;
use jiff::{Timestamp, Zoned};
use serde::Serialize;
use std::fmt;

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
    let in_place = m.fix_in_place();
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
