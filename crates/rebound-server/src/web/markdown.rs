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

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
