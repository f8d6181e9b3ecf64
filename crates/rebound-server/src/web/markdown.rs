//! Markdown in notes and comments, rendered to HTML that is safe to put in
//! a page. Two layers: raw HTML in the source is shown as text, never
//! parsed; then ammonia keeps only an allow-list of tags, attributes and URL
//! schemes, so no script, event handler or `javascript:` link survives.

use maud::{Markup, PreEscaped};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer nofollow ugc"))
        .rm_tags(["img"]);
    b
});

/// The same, keeping an `id` on headings (ours alone: see `with_anchors`).
static ANCHORED: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer nofollow ugc"))
        .rm_tags(["img"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"]);
    b
});

fn events(source: &str) -> impl Iterator<Item = Event<'_>> {
    Parser::new_ext(
        source,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    )
    .map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    })
}

/// Markdown to sanitised HTML.
pub fn render(source: &str) -> Markup {
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events(source));
    PreEscaped(CLEANER.clean(&unsafe_html).to_string())
}

/// A playbook's Markdown to sanitised HTML, each heading with an anchor
/// made from its words (`## Ego` is `#pb-ego`), so a link can land on one
/// part. The source can set no id (heading attributes are off and raw
/// HTML is text), and the prefix keeps ours apart from the page's.
pub fn render_with_anchors(source: &str) -> Markup {
    let mut all: Vec<Event> = events(source).collect();
    let mut i = 0;
    while i < all.len() {
        if let Event::Start(Tag::Heading { .. }) = &all[i] {
            let words: String = all[i + 1..]
                .iter()
                .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                .filter_map(|e| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(" ");
            if let (Some(slug), Event::Start(Tag::Heading { id, .. })) = (
                rebound_domain::playbook::org::slug_from_title(&words),
                &mut all[i],
            ) {
                *id = Some(CowStr::from(anchor(&slug)));
            }
        }
        i += 1;
    }
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, all.into_iter());
    PreEscaped(ANCHORED.clean(&unsafe_html).to_string())
}

/// The anchor of a heading whose words make `slug`.
pub fn anchor(slug: &str) -> String {
    format!("pb-{slug}")
}

/// Why `source` cannot be kept as a playbook: something in it would not
/// show as written — raw HTML (shown as text, so never what its writer
/// meant), an image (not shown), or a link to anything but a web page, an
/// email address or a place on this site. A playbook is the organisation's
/// own teaching text, so its admin is told rather than silently changed.
pub fn playbook_refusal(source: &str) -> Option<String> {
    let parser = Parser::new_ext(
        source,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    );
    let html = |raw: &str| {
        let shown: String = raw.trim().chars().take(40).collect();
        Some(format!(
            "the playbook holds HTML ({shown}): write it in Markdown, since HTML is never shown as HTML (put it in `backticks` to show it as code)"
        ))
    };
    // A tag Markdown did not take as HTML (`<img src=x onerror=f('a')>`)
    // still reads as one: said the same way, outside code. The parser
    // splits text at `<`, so consecutive pieces are read together.
    let looks_like_tag = |t: &str| {
        t.char_indices()
            .find(|&(i, c)| {
                c == '<'
                    && t[i + 1..]
                        .starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!')
            })
            .map(|(i, _)| t[i..].to_string())
    };
    let mut in_code = false;
    let mut text = String::new();
    for event in parser {
        if let Event::Text(t) = &event
            && !in_code
        {
            text.push_str(t);
            continue;
        }
        if let Some(tag) = looks_like_tag(&text) {
            return html(&tag);
        }
        text.clear();
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => return html(&raw),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Image { .. }) => {
                return Some(
                    "the playbook holds an image: images are not shown in playbooks; link to it instead"
                        .into(),
                );
            }
            Event::Start(Tag::Link { dest_url, .. }) if !allowed_link(&dest_url) => {
                let shown: String = dest_url.chars().take(40).collect();
                return Some(format!(
                    "the link {shown:?} is not allowed: links go to http, https or mailto addresses, or to a page of Rebound"
                ));
            }
            _ => {}
        }
    }
    looks_like_tag(&text).and_then(|tag| html(&tag))
}

/// http, https, mailto, or a place on this site (no scheme at all).
fn allowed_link(url: &str) -> bool {
    let url = url.trim();
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(c), Some(p)) if p < c => true,
        (Some(c), _) => {
            let scheme = url[..c].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        (None, _) => true,
    }
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
