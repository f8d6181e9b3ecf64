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
mod tests {
    use super::*;
    use crate::id::MistakeId;
    use crate::mistake::{NewMistake, ProgressUpdate, TimelineEntry};
    use crate::note::{FollowUpNote, Impact, PreventionItem};
    use crate::severity::Severity;

    fn now() -> Zoned {
        "2026-11-22T14:30:00[Europe/Paris]".parse().unwrap()
    }

    fn at(local: &str) -> Timestamp {
        crate::when::parse_any(local, &now()).unwrap()
    }

    fn barely_filled() -> Mistake {
        let input = NewMistake {
            title: "Deleted the staging bucket".into(),
            ..NewMistake::default()
        };
        Mistake::new(input, MistakeId::from_random([7, 7, 7, 7, 7]), &now()).unwrap()
    }

    fn fully_filled() -> Mistake {
        let n = now();
        let input = NewMistake {
            title: "Sent the wrong dashboard version to finance".into(),
            affected: Some("the finance leads".into()),
            severity: Some(Severity::High),
            started_at: Some(at("13:20")),
            detected_at: Some(at("14:05")),
            doing: Some("rolling back the dashboard to v41".into()),
            ..NewMistake::default()
        };
        let mut m = Mistake::new(input, MistakeId::from_random([1, 2, 3, 4, 5]), &n).unwrap();
        m.mark_sent(at("14:09"), Some("Maria Lopez".into()), &n)
            .unwrap();
        let entry = |id, when: &str, text: &str, starred| TimelineEntry {
            id,
            at: at(when),
            text: text.into(),
            starred,
            recorded_at: at("14:15"),
        };
        m.timeline.push(entry(
            2,
            "14:05",
            "Maria asks why Q3 revenue dropped 3% overnight.",
            true,
        ));
        m.timeline.push(entry(
            1,
            "13:20",
            "Exported the Q3 dashboard from the v42 branch.",
            true,
        ));
        m.timeline.push(entry(
            3,
            "14:07",
            "Confirmed v42 sums refunds twice.",
            false,
        ));
        m.timeline_written_at = Some(at("14:15"));
        m.set_note(
            FollowUpNote {
                impact: Impact {
                    who: Some("the finance leads".into()),
                    how_many: Some("4 people".into()),
                    since: Some(at("13:20")),
                    what_wrong: Some("Q3 revenue read 3% low because refunds were counted twice.".into()),
                },
                containment: Some("Rolled the dashboard back to v41 at 14:12 and told the finance leads which numbers to ignore.".into()),
                fix: Some("Count each refund once in the export query and add a test with last quarter's refunds.".into()),
                fix_due: Some(at("16:00")),
                prevention: vec![
                    PreventionItem { kind: PreventionKind::Preventive, text: "Export only from tagged releases, never from a branch.".into() },
                    PreventionItem { kind: PreventionKind::Detective, text: "Alert when quarterly revenue moves more than 2% in a day".into() },
                ],
                owner: Some("me".into()),
            },
            &n,
        )
        .unwrap();
        m.link_commit(LinkedCommit {
            role: CommitRole::Hotfix,
            sha: Some("3f2a91c0d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9".into()),
            url: None,
            message: Some(
                "Count each refund once in the Q3 export\n\nv42 joined refunds twice.".into(),
            ),
            author: Some("Ada Lovelace".into()),
            committed_at: Some(at("14:25")),
            repo: None,
            linked_at: at("14:26"),
        });
        m.link_commit(LinkedCommit {
            role: CommitRole::Guardrail,
            sha: None,
            url: Some("https://git.example.com/finance/dashboards/-/commit/9b1e4d2a7c3f0e8d6b5a4c3e2f1d0c9b8a7e6f5d".into()),
            message: None,
            author: None,
            committed_at: None,
            repo: None,
            linked_at: at("14:26"),
        });
        m.move_to(State::Contained, at("14:12")).unwrap();
        m.tick(Checkbox::Impact, &n).unwrap();
        m.updates.push(ProgressUpdate {
            id: 1,
            at: at("14:12"),
            text: "Rolled back to v41; numbers are right again.".into(),
        });
        m.updates.push(ProgressUpdate {
            id: 2,
            at: at("14:28"),
            text: "Fix in review, on track for 16:00.".into(),
        });
        m
    }

    #[test]
    fn markdown_of_a_full_record() {
        let md = markdown(&fully_filled(), &now());
        let expected = [
            "# Sent the wrong dashboard version to finance\n\n**Status:** contained · high severity · detected 2026-11-22 14:05 CET · undetected for 45 min · heads-up sent after 4 min\n",
            "## Heads-up\n\n> Heads-up: I sent the wrong dashboard version to finance; it was spotted at 14:05 and affects the finance leads. I'm rolling back the dashboard to v41 and will send an update by 15:05.\n\nSent 2026-11-22 14:09 CET to Maria Lopez.\n",
            "## Impact\n\n- **Who:** the finance leads\n- **How many:** 4 people\n- **Since:** 2026-11-22 13:20 CET\n- **What was wrong:** Q3 revenue read 3% low because refunds were counted twice.\n",
            "## Timeline\n\n- 2026-11-22 13:20 CET — Exported the Q3 dashboard from the v42 branch.\n- 2026-11-22 14:05 CET — Maria asks why Q3 revenue dropped 3% overnight.\n\n",
            "## Containment\n\nRolled the dashboard back to v41 at 14:12",
            "## Fix\n\nCount each refund once in the export query and add a test with last quarter's refunds.\n\n- **Ships:** 2026-11-22 16:00 CET\n- **Hotfix:** `3f2a91c` Count each refund once in the Q3 export — Ada Lovelace\n- **Rollback or guardrail:** <https://git.example.com/finance/dashboards/-/commit/9b1e4d2a7c3f0e8d6b5a4c3e2f1d0c9b8a7e6f5d>\n",
            "## Prevention\n\n- **Detective:** Alert when quarterly revenue moves more than 2% in a day\n- **Preventive:** Export only from tagged releases, never from a branch.\n",
            "## Owner\n\nI own the follow-up.\n",
            "## Next update\n\nBy 2026-11-22 15:28 CET.\n",
            "## Checkboxes\n\n- [x] Impact documented\n- [ ] Prevention defined\n",
            "## Progress updates\n\n- 2026-11-22 14:28 CET — Fix in review, on track for 16:00.\n- 2026-11-22 14:12 CET — Rolled back to v41; numbers are right again.\n",
        ];
        for part in expected {
            assert!(md.contains(part), "missing {part:?} in\n{md}");
        }
        assert!(
            !md.contains("Confirmed v42"),
            "unstarred entries are left out when some are starred"
        );
    }

    #[test]
    fn markdown_of_a_bare_record_says_what_is_unknown() {
        let m = barely_filled();
        let md = markdown(&m, &now());
        for part in [
            "# Deleted the staging bucket\n\n**Status:** detected · medium severity · detected 2026-11-22 14:30 CET\n",
            "\n\nNot sent yet.\n",
            "- **Who:** not yet known\n- **How many:** not yet known\n",
            "## Containment\n\nNot yet known.\n",
            "## Fix\n\nNot yet known.\n",
            "## Prevention\n\nNot yet defined.\n",
            "## Next update\n\nBy 2026-11-22 18:30 CET.\n",
            "- [ ] Impact documented\n- [ ] Prevention defined\n",
        ] {
            assert!(md.contains(part), "missing {part:?} in\n{md}");
        }
        for absent in ["## Timeline", "## Progress updates", "Ships", "undetected"] {
            assert!(!md.contains(absent), "{absent} in\n{md}");
        }
        let mut all = m.clone();
        all.timeline.push(TimelineEntry {
            id: 1,
            at: at("14:10"),
            text: "Noticed.".into(),
            starred: false,
            recorded_at: at("14:10"),
        });
        assert!(
            markdown(&all, &now()).contains("## Timeline\n\n- 2026-11-22 14:10 CET — Noticed.\n")
        );
    }

    #[test]
    fn email_of_a_full_record_reads_like_a_message() {
        let e = email(&fully_filled(), &now());
        assert_eq!(
            e.subject,
            "Contained: Sent the wrong dashboard version to finance"
        );
        let expected = "Hi,

Heads-up: I sent the wrong dashboard version to finance; it was spotted
at 14:05 and affects the finance leads. I'm rolling back the dashboard
to v41 and will send an update by 15:05.

Latest update (14:28 CET): Fix in review, on track for 16:00.

Who is affected: the finance leads (4 people), since 13:20 CET.

What was wrong: Q3 revenue read 3% low because refunds were counted
twice.

What I've done so far: Rolled the dashboard back to v41 at 14:12 and
told the finance leads which numbers to ignore.

The fix: Count each refund once in the export query and add a test with
last quarter's refunds. It is scheduled to ship by 16:00 CET.

Hotfix: 3f2a91c \"Count each refund once in the Q3 export\" (Ada Lovelace)
Rollback or guardrail:
https://git.example.com/finance/dashboards/-/commit/9b1e4d2a7c3f0e8d6b5a4c3e2f1d0c9b8a7e6f5d

To keep it from happening again:
- Alert when quarterly revenue moves more than 2% in a day (to catch it
  sooner)
- Export only from tagged releases, never from a branch (to stop it
  happening)

I own the follow-up. I'll send the next update by 15:28 CET.
";
        assert_eq!(e.body, expected, "\n{}", e.body);
        assert!(e.to_string().starts_with(
            "Subject: Contained: Sent the wrong dashboard version to finance\n\nHi,\n"
        ));
        for forbidden in ["**", "`", "##", "[x]", "<http"] {
            assert!(!e.body.contains(forbidden), "{forbidden}");
        }
    }

    #[test]
    fn email_of_a_bare_record_stays_truthful() {
        let e = email(&barely_filled(), &now());
        assert_eq!(e.subject, "Heads-up: Deleted the staging bucket");
        let expected = "Hi,

I deleted the staging bucket; it was spotted at 14:30. I'm working on a
fix now and will send an update by 18:30.

I'm still establishing the full impact and will share it as soon as I
have it.

I'm still working out the fix and will say when it ships.

I'll follow up with the steps that keep this from happening again.

I'll send the next update by 18:30 CET.
";
        assert_eq!(e.body, expected, "\n{}", e.body);
    }

    #[test]
    fn email_lines_fit_in_72_columns() {
        for m in [fully_filled(), barely_filled()] {
            let e = email(&m, &now());
            for line in e.body.lines() {
                let single_word = line
                    .trim_start_matches(['-', ' '])
                    .split_whitespace()
                    .count()
                    <= 1;
                assert!(
                    line.chars().count() <= EMAIL_WIDTH || single_word,
                    "{line:?}"
                );
            }
        }
        let long = "word ".repeat(40) + "https://example.com/" + &"x".repeat(80) + " end";
        for line in wrap(&long, "- ", "  ") {
            assert!(
                line.chars().count() <= EMAIL_WIDTH || !line.trim().contains(' '),
                "{line:?}"
            );
        }
    }

    #[test]
    fn json_is_the_whole_record_with_clocks() {
        let m = fully_filled();
        let v = json(&m, &now());
        assert_eq!(v["id"], m.id.as_str());
        assert_eq!(v["state"], "contained");
        assert_eq!(v["severity"], "high");
        assert_eq!(v["note"]["impact"]["who"], "the finance leads");
        assert_eq!(v["clocks"]["timeline"]["status"], "met");
        assert_eq!(v["clocks"]["time_to_own_secs"], 240);
        assert_eq!(v["next_update_due"], "2026-11-22T14:28:00Z");
        assert_eq!(v["note_missing"], serde_json::json!([]));
        let bare = json(&barely_filled(), &now());
        assert_eq!(bare["note_missing"][0], "impact_who");
        assert_eq!(bare["clocks"]["time_to_own_secs"], serde_json::Value::Null);
    }
}
