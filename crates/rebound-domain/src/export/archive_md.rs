//! The archive's Markdown files, for people: times in the person's zone,
//! people's own words quoted as they wrote them. A section with nothing in
//! it is `None` (no file).

use super::archive::{Archive, ArchivedComment, OwnedMistake};
use super::{markdown, one_line};
use crate::recovery::PrivateNote;
use crate::{Principle, PrincipleStatus, Reflection, SelfCarePlan, Win};
use jiff::{Timestamp, Zoned};

pub(super) fn when(at: Timestamp, now: &Zoned) -> String {
    crate::when::format_at(at, now)
}

fn quote(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| {
            if l.is_empty() {
                ">".into()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn comment(out: &mut String, c: &ArchivedComment, now: &Zoned) {
    let reply = if c.parent.is_some() { ", a reply" } else { "" };
    let edited = c
        .edited_at
        .map(|e| format!(", edited {}", when(e, now)))
        .unwrap_or_default();
    out.push_str(&format!(
        "**{}**, {}{reply}{edited} ({} upvotes):\n\n{}\n\n",
        c.author_name,
        when(c.created_at, now),
        c.score,
        quote(&c.body)
    ));
}

/// The mistake's own Markdown export, then what is around it.
pub(super) fn mistake(m: &OwnedMistake, now: &Zoned) -> String {
    let mut out = markdown(&m.record.mistake, now);
    if !m.comments.is_empty() {
        out.push_str("\n## Comments\n\n");
        for c in &m.comments {
            comment(&mut out, c, now);
        }
    }
    if !m.stakeholders.is_empty() {
        out.push_str("\n## Stakeholders\n\n");
        for s in &m.stakeholders {
            let ack = match s.acknowledged_at {
                Some(at) => format!("acknowledged {}", when(at, now)),
                None => "not acknowledged".into(),
            };
            out.push_str(&format!(
                "- {}, named {}, {ack}\n",
                s.display_name,
                when(s.added_at, now)
            ));
        }
    }
    if !m.acknowledgements.is_empty() {
        out.push_str("\n## Acknowledged by\n\n");
        for (name, at) in &m.acknowledgements {
            out.push_str(&format!("- {name}, {}\n", when(*at, now)));
        }
    }
    if !m.affected.is_empty() {
        out.push_str("\n## Affected\n\n");
        for a in &m.affected {
            out.push_str(&format!("- {}\n", one_line(a)));
        }
    }
    if !m.share_links.is_empty() {
        out.push_str("\n## Share links\n\n");
        for l in &m.share_links {
            let label = l.label.as_deref().map(one_line).unwrap_or_default();
            let end = match l.revoked_at {
                Some(at) => format!("revoked {}", when(at, now)),
                None => format!("expires {}", when(l.expires_at, now)),
            };
            out.push_str(&format!(
                "- {} {label}: made {}, {end}\n",
                l.id,
                when(l.created_at, now)
            ));
        }
    }
    out
}

pub(super) fn comments_elsewhere(a: &Archive, now: &Zoned) -> Option<String> {
    if a.comments_elsewhere.is_empty() && a.votes.is_empty() {
        return None;
    }
    let mut out = String::from("# On other people's mistakes\n");
    if !a.comments_elsewhere.is_empty() {
        out.push_str("\n## Your comments\n\n");
        for c in &a.comments_elsewhere {
            let on = c.mistake_title.as_deref().map(one_line);
            let on = on.unwrap_or_else(|| "a mistake you can no longer see".into());
            out.push_str(&format!("On “{on}” ({}): ", c.comment.mistake));
            comment(&mut out, &c.comment, now);
        }
    }
    if !a.votes.is_empty() {
        out.push_str("\n## Your upvotes\n\n");
        for v in &a.votes {
            let on = v.mistake_title.as_deref().map(one_line);
            let on = on.unwrap_or_else(|| "a mistake you can no longer see".into());
            out.push_str(&format!(
                "- comment {} on “{on}” ({}), {}\n",
                v.comment,
                v.mistake,
                when(v.at, now)
            ));
        }
    }
    Some(out)
}

pub(super) fn reflections(rs: &[Reflection], now: &Zoned) -> Option<String> {
    if rs.is_empty() {
        return None;
    }
    let mut out = String::from("# Reflections\n");
    for r in rs {
        let subject = match (&r.mistake, &r.memory_title) {
            (_, Some(t)) => one_line(t),
            (Some(m), None) => format!("mistake {m}"),
            (None, None) => "a memory".into(),
        };
        out.push_str(&format!(
            "\n## {subject}\n\nStarted {}, last changed {}.\n\n### What happened\n\n{}\n",
            when(r.created_at, now),
            when(r.updated_at, now),
            quote(&r.account)
        ));
        let steps = [
            ("Trap", r.trap.map(|t| t.to_string())),
            ("Failure type", r.failure_type.map(|f| f.to_string())),
            ("The specific error", r.specific_error.clone()),
            ("Lesson", r.lesson.clone()),
        ];
        for (name, value) in steps {
            if let Some(v) = value {
                out.push_str(&format!("\n### {name}\n\n{}\n", v.trim_end()));
            }
        }
    }
    Some(out)
}

/// Every principle with every wording it had, oldest first.
pub(super) fn principles(ps: &[Principle], now: &Zoned) -> Option<String> {
    if ps.is_empty() {
        return None;
    }
    let mut out = String::from("# Principles\n");
    for p in ps {
        let status = match p.status {
            PrincipleStatus::Active => "active".to_string(),
            _ => match (p.retired_at, &p.retired_reason) {
                (Some(at), Some(why)) => format!("retired {}: {}", when(at, now), one_line(why)),
                (Some(at), None) => format!("retired {}", when(at, now)),
                _ => p.status.to_string(),
            },
        };
        out.push_str(&format!("\n## {}\n\n{status}.\n\n", one_line(&p.text)));
        out.push_str("Every wording, oldest first:\n\n");
        for h in &p.history {
            let note = h.note.as_deref().map(|n| format!(" ({})", one_line(n)));
            out.push_str(&format!(
                "- {}: {}{}\n",
                when(h.at, now),
                one_line(&h.text),
                note.unwrap_or_default()
            ));
        }
    }
    Some(out)
}

pub(super) fn wins(ws: &[Win], now: &Zoned) -> Option<String> {
    if ws.is_empty() {
        return None;
    }
    let mut out = String::from("# Wins\n\n");
    for w in ws {
        out.push_str(&format!("- {}: {}\n", when(w.at, now), one_line(&w.text)));
    }
    Some(out)
}

pub(super) fn journal(es: &[crate::journal::JournalEntry], now: &Zoned) -> Option<String> {
    if es.is_empty() {
        return None;
    }
    let mut out = String::from("# Journal\n");
    for e in es {
        out.push_str(&format!("\n## {}\n\n", when(e.created_at, now)));
        if let Some(p) = &e.prompt {
            out.push_str(&format!(
                "The prompt for {} (week {}, {}): {}\n\n",
                p.date,
                p.week,
                one_line(&p.theme),
                one_line(&p.text)
            ));
        }
        if e.updated_at != e.created_at {
            out.push_str(&format!("Last changed {}.\n\n", when(e.updated_at, now)));
        }
        out.push_str(&format!("{}\n", quote(&e.text)));
    }
    Some(out)
}

pub(super) fn self_care(p: &SelfCarePlan, now: &Zoned) -> String {
    let mut out = format!(
        "# Self-care plan\n\nLast changed {}.\n\n",
        when(p.updated_at, now)
    );
    for i in &p.items {
        out.push_str(&format!("- {}\n", one_line(i)));
    }
    out
}

/// Plans as the report sees them (already stripped by the caller).
pub(super) fn plans(plans: &[serde_json::Value], now: &Zoned) -> Option<String> {
    if plans.is_empty() {
        return None;
    }
    let text = |v: &serde_json::Value, k: &str| {
        v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string()
    };
    // A time in the person's zone; as written if it is not one.
    let at = |v: &serde_json::Value, k: &str| {
        let t = text(v, k);
        t.parse::<Timestamp>().map_or(t, |t| when(t, now))
    };
    let mut out = String::from("# Recovery plans about you\n");
    for p in plans {
        out.push_str(&format!(
            "\n## Plan {}\n\nOpened {}.\n",
            text(p, "id"),
            at(p, "opened_at")
        ));
        if let Some(end) = p.get("ended").filter(|e| !e.is_null()) {
            out.push_str(&format!("Ended {}.\n", at(end, "at")));
        }
        let list = |k: &str| {
            p.get(k)
                .and_then(|x| x.as_array())
                .cloned()
                .unwrap_or_default()
        };
        let check_ins = list("check_ins");
        if !check_ins.is_empty() {
            out.push_str("\n### Check-ins\n\n");
            for c in &check_ins {
                let covered: Vec<String> = (c.get("covered").and_then(|x| x.as_array()))
                    .map(|a| a.iter().filter_map(|t| t.as_str()).map(one_line).collect())
                    .unwrap_or_default();
                out.push_str(&format!("- {}: {}\n", at(c, "at"), covered.join("; ")));
            }
        }
        let topics = list("topics");
        if !topics.is_empty() {
            out.push_str("\n### Topics for the next check-in\n\n");
            for t in topics.iter().filter_map(|t| t.as_str()) {
                out.push_str(&format!("- {}\n", one_line(t)));
            }
        }
        let tasks = list("tasks");
        let done = tasks
            .iter()
            .filter(|t| !t.get("completed_at").is_none_or(|c| c.is_null()))
            .count();
        if !tasks.is_empty() {
            out.push_str(&format!("\n{done} of {} tasks done.\n", tasks.len()));
        }
    }
    Some(out)
}

pub(super) fn private_notes(notes: &[PrivateNote], now: &Zoned) -> Option<String> {
    if notes.is_empty() {
        return None;
    }
    let mut out = String::from("# Managers' private notes\n\n");
    for n in notes {
        out.push_str(&format!(
            "**{}** (plan {}), {}:\n\n{}\n\n",
            n.author,
            n.plan,
            when(n.at, now),
            quote(&n.body)
        ));
    }
    Some(out)
}
