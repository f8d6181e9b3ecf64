//! Stakeholders, comments and share links as text, times in the person's
//! time zone.

use crate::sharing::{Comment, Link, Sharing};
use jiff::Zoned;
use rebound_domain::when::format_clock;

pub fn sharing(s: &Sharing, now: &Zoned) -> String {
    let mut out = String::new();
    for p in &s.stakeholders {
        let ack = match p.acknowledged_at {
            Some(at) => format!("acknowledged {}", format_clock(at, now)),
            None => "not acknowledged yet".to_string(),
        };
        out.push_str(&format!(
            "{}  named {} · {ack}\n",
            p.display_name,
            format_clock(p.added_at, now)
        ));
    }
    if !s.affected.is_empty() {
        out.push_str(&format!("Also affected: {}\n", s.affected.join(", ")));
    }
    out
}

/// Each comment with its replies indented under it, oldest first.
pub fn comments(all: &[Comment], now: &Zoned) -> String {
    fn one(out: &mut String, c: &Comment, all: &[Comment], depth: usize, now: &Zoned) {
        let pad = "    ".repeat(depth);
        let mut head = format!(
            "{pad}{} · {}",
            c.author.name,
            format_clock(c.created_at, now)
        );
        if c.author.kind == "guest" {
            head.push_str(" · guest");
        }
        if c.edited_at.is_some() {
            head.push_str(" · edited");
        }
        if c.score > 0 {
            head.push_str(&format!(" · {} up", c.score));
        }
        out.push_str(&format!("{head} · id {}\n", c.id));
        for line in c.body.lines() {
            out.push_str(&format!("{pad}  {line}\n"));
        }
        for reply in all.iter().filter(|r| r.parent.as_deref() == Some(&c.id)) {
            one(out, reply, all, depth + 1, now);
        }
    }
    let mut out = String::new();
    // A reply whose comment is not listed still shows, at the top.
    let roots = all.iter().filter(|c| {
        c.parent
            .as_deref()
            .is_none_or(|p| !all.iter().any(|o| o.id == p))
    });
    for c in roots {
        one(&mut out, c, all, 0, now);
    }
    out
}

pub fn links(links: &[Link], now: &Zoned) -> String {
    let mut out = String::new();
    for l in links {
        let state = match (l.revoked_at, l.live) {
            (Some(at), _) => format!("revoked {}", format_clock(at, now)),
            (None, true) => format!("live until {}", format_clock(l.expires_at, now)),
            (None, false) => format!("expired {}", format_clock(l.expires_at, now)),
        };
        let label = l.label.as_deref().unwrap_or("(no label)");
        out.push_str(&format!("{}  {label} · {state}\n", l.id));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sharing::Author;

    fn now() -> Zoned {
        "2026-12-06T14:30:00+01:00[Europe/Paris]".parse().unwrap()
    }

    fn comment(id: &str, parent: Option<&str>, body: &str) -> Comment {
        Comment {
            id: id.into(),
            parent: parent.map(Into::into),
            author: Author {
                kind: "account".into(),
                name: "Bob".into(),
            },
            body: body.into(),
            created_at: "2026-12-06T13:02:00Z".parse().unwrap(),
            edited_at: None,
            score: 0,
            mine: false,
        }
    }

    #[test]
    fn replies_sit_under_their_comment() {
        let all = [
            comment("a", None, "First"),
            comment("b", None, "Second"),
            comment("c", Some("a"), "Reply to first\nover two lines"),
        ];
        let text = comments(&all, &now());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Bob · 14:02 · id a");
        assert_eq!(lines[1], "  First");
        assert_eq!(lines[2], "    Bob · 14:02 · id c");
        assert_eq!(lines[3], "      Reply to first");
        assert_eq!(lines[4], "      over two lines");
        assert_eq!(lines[5], "Bob · 14:02 · id b");
    }
}
