//! The follow-up note as one standalone HTML document: inline CSS, no
//! scripts, nothing fetched, so it opens the same from a mail attachment, a
//! wiki upload or a disk.
//!
//! The domain builds the document and escapes every plain value itself.
//! What people wrote in Markdown (containment, fix, prevention items,
//! progress updates — the fields the web page renders as Markdown) goes
//! through the `markdown` function the caller passes: the server's
//! sanitiser (`web::markdown`, pulldown-cmark then ammonia's allow-list),
//! which the domain cannot hold without becoming a parser of HTML. Whatever
//! that function returns is put in as it is, so it must return safe HTML;
//! [`plain_html`] is the safe fallback that shows the text as written.

use super::{NOT_YET_KNOWN, capitalise, first_line, is_me, one_line, short_sha};
use crate::mistake::{CommitRole, LinkedCommit, Mistake};
use crate::note::PreventionKind;
use crate::state::Checkbox;
use crate::when::{format_at, format_duration};
use jiff::Zoned;
use std::fmt::Write;
use std::time::Duration;

/// Markdown people wrote, to safe HTML.
pub type MarkdownToHtml<'a> = &'a dyn Fn(&str) -> String;

/// Calm, printable, readable on a phone; no web fonts, nothing fetched.
/// Public so a server can allow exactly this block by its hash.
pub const STYLE: &str = "\
:root{color-scheme:light}\
body{margin:0;background:#f6f5f2;color:#222;font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}\
main{max-width:46rem;margin:0 auto;padding:1.5rem 1.25rem 3rem;background:#fff}\
h1{font-size:1.6rem;line-height:1.25;margin:0 0 .5rem}\
h2{font-size:1.1rem;margin:1.75rem 0 .5rem;padding-bottom:.2rem;border-bottom:1px solid #e3e1dc}\
.status{color:#555;margin:0 0 1rem}\
blockquote{margin:0;padding:.5rem 1rem;border-left:4px solid #7a9cc6;background:#f3f6fa}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}\
dt{font-weight:600}dd{margin:0}\
ul{padding-left:1.25rem}li{margin:.2rem 0}\
li>p:first-of-type{display:inline;margin:0}li>p+p{display:block;margin:.4rem 0 0}\
.muted{color:#666}.when{color:#555;white-space:nowrap}\
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;background:#f1f0ec;padding:0 .2em;border-radius:3px}\
pre{overflow-x:auto;background:#f1f0ec;padding:.5rem}\
a{color:#1f5fa8}\
footer{margin-top:2rem;color:#666;font-size:.85rem}\
@media print{body{background:#fff}main{padding:0}}";

/// The follow-up note as a standalone HTML document.
pub fn html(m: &Mistake, now: &Zoned, markdown: MarkdownToHtml<'_>) -> String {
    let clocks = m.clocks(now.timestamp());
    let title = escape(&one_line(&m.title));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <h1>{title}</h1>\n<p class=\"status\">{}</p>\n",
        escape(&super::markdown::status_parts(m, &clocks, now).join(" · "))
    );

    let sent = match (m.heads_up.sent_at, m.heads_up.sent_to.as_deref()) {
        (Some(at), Some(to)) => format!("Sent {} to {}.", format_at(at, now), one_line(to)),
        (Some(at), None) => format!("Sent {}.", format_at(at, now)),
        (None, _) => "Not sent yet.".to_string(),
    };
    section(
        &mut out,
        "Heads-up",
        &format!(
            "<blockquote>{}</blockquote>\n<p class=\"muted\">{}</p>",
            plain_html(&m.heads_up.text),
            escape(&sent)
        ),
    );

    let impact = &m.note.impact;
    let since = impact.since.map(|t| format_at(t, now));
    let mut rows = String::from("<dl>");
    for (k, v) in [
        ("Who", impact.who.as_deref()),
        ("How many", impact.how_many.as_deref()),
        ("Since", since.as_deref()),
        ("What was wrong", impact.what_wrong.as_deref()),
    ] {
        let v = match v {
            Some(v) => escape(v),
            None => format!("<span class=\"muted\">{NOT_YET_KNOWN}</span>"),
        };
        let _ = write!(rows, "<dt>{k}</dt><dd>{v}</dd>");
    }
    rows.push_str("</dl>");
    section(&mut out, "Impact", &rows);

    let entries = m.timeline_sorted();
    let any_starred = entries.iter().any(|e| e.starred);
    let timeline: Vec<String> = entries
        .iter()
        .filter(|e| !any_starred || e.starred)
        .map(|e| dated(&format_at(e.at, now), &escape(&e.text)))
        .collect();
    if !timeline.is_empty() {
        section(&mut out, "Timeline", &list(&timeline));
    }

    section(
        &mut out,
        "Containment",
        &written(m.note.containment.as_deref(), "Not yet known.", markdown),
    );
    section(&mut out, "Fix", &fix_html(m, now, markdown));

    let prevention: Vec<String> = PreventionKind::ALL
        .into_iter()
        .flat_map(|kind| m.note.prevention.iter().filter(move |p| p.kind == kind))
        .map(|p| {
            format!(
                "<strong>{}:</strong> {}",
                capitalise(p.kind.as_str()),
                markdown(&p.text)
            )
        })
        .collect();
    section(
        &mut out,
        "Prevention",
        &if prevention.is_empty() {
            muted("Not yet defined.")
        } else {
            list(&prevention)
        },
    );

    let owner = match m.note.owner.as_deref() {
        Some(o) if is_me(o) => format!("<p>{}</p>", escape("I own the follow-up.")),
        Some(o) => format!("<p>{}</p>", escape(o)),
        None => muted("Not yet known."),
    };
    section(&mut out, "Owner", &owner);

    if let Some(due) = m.next_update_due() {
        let late = match clocks.next_update {
            Some(c) if c.overdue => format!(
                " (overdue by {})",
                format_duration(Duration::from_secs(c.secs))
            ),
            _ => String::new(),
        };
        let by = format!("By {}{late}.", format_at(due, now));
        section(&mut out, "Next update", &format!("<p>{}</p>", escape(&by)));
    }

    let boxes: Vec<String> = [
        (Checkbox::Impact, m.impact_checked_at),
        (Checkbox::Prevention, m.prevention_checked_at),
    ]
    .into_iter()
    .map(|(b, at)| {
        let (mark, state) = if at.is_some() {
            ("☑", "done")
        } else {
            ("☐", "not yet")
        };
        format!(
            "{mark} {} <span class=\"muted\">({state})</span>",
            escape(&capitalise(b.label()))
        )
    })
    .collect();
    section(&mut out, "Checkboxes", &list(&boxes));

    let mut updates: Vec<_> = m.updates.iter().collect();
    updates.sort_by_key(|u| std::cmp::Reverse((u.at, u.id)));
    let updates: Vec<String> = updates
        .iter()
        .map(|u| dated(&format_at(u.at, now), &markdown(&u.text)))
        .collect();
    if !updates.is_empty() {
        section(&mut out, "Progress updates", &list(&updates));
    }

    let _ = write!(
        out,
        "<footer>Exported from Rebound on {}.</footer>\n</main>\n</body>\n</html>\n",
        escape(&format_at(now.timestamp(), now))
    );
    out
}

/// Text as written, escaped: paragraphs at blank lines, line breaks kept.
pub fn plain_html(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>\n")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Escapes text for HTML content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn fix_html(m: &Mistake, now: &Zoned, markdown: MarkdownToHtml<'_>) -> String {
    let mut lines = Vec::new();
    if let Some(due) = m.note.fix_due {
        lines.push(format!(
            "<strong>Ships:</strong> {}",
            escape(&format_at(due, now))
        ));
    }
    for role in [CommitRole::Hotfix, CommitRole::Guardrail] {
        if let Some(c) = m.commit(role) {
            lines.push(format!(
                "<strong>{}:</strong> {}",
                escape(&capitalise(role.label())),
                commit_html(c)
            ));
        }
    }
    let written = m.note.fix.as_deref().map(markdown);
    match (written, lines.is_empty()) {
        (Some(fix), true) => fix,
        (Some(fix), false) => format!("{fix}\n{}", list(&lines)),
        (None, true) => muted("Not yet known."),
        (None, false) => list(&lines),
    }
}

fn commit_html(c: &LinkedCommit) -> String {
    let mut parts = Vec::new();
    if let Some(sha) = &c.sha {
        parts.push(format!("<code>{}</code>", escape(short_sha(sha))));
    }
    if let Some(subject) = c.message.as_deref().and_then(first_line) {
        parts.push(escape(subject));
    }
    let mut text = parts.join(" ");
    if let Some(author) = &c.author {
        let _ = write!(text, " — {}", escape(author));
    }
    if let Some(url) = &c.url {
        // Only web addresses become links: anything else stays text.
        let link = if url.starts_with("https://") || url.starts_with("http://") {
            format!(
                "<a href=\"{0}\" rel=\"noopener noreferrer\">{0}</a>",
                escape(url)
            )
        } else {
            escape(url)
        };
        text = if text.is_empty() {
            link
        } else {
            format!("{text} ({link})")
        };
    }
    if text.is_empty() {
        "linked".to_string()
    } else {
        text
    }
}

/// Someone's Markdown, or a muted placeholder when they wrote nothing.
fn written(text: Option<&str>, missing: &str, markdown: MarkdownToHtml<'_>) -> String {
    match text {
        Some(t) => markdown(t),
        None => muted(missing),
    }
}

fn muted(text: &str) -> String {
    format!("<p class=\"muted\">{}</p>", escape(text))
}

fn dated(when: &str, html: &str) -> String {
    format!("<span class=\"when\">{}</span> — {html}", escape(when))
}

fn list(items: &[String]) -> String {
    let mut out = String::from("<ul>\n");
    for i in items {
        let _ = writeln!(out, "<li>{i}</li>");
    }
    out.push_str("</ul>");
    out
}

fn section(out: &mut String, heading: &str, body: &str) {
    let _ = write!(out, "<section>\n<h2>{heading}</h2>\n{body}\n</section>\n");
}
