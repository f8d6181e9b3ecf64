//! Markdown in notes and comments, rendered to HTML that is safe to put in
//! a page. Two layers: raw HTML in the source is shown as text, never
//! parsed; then ammonia keeps only an allow-list of tags, attributes and URL
//! schemes, so no script, event handler or `javascript:` link survives.

use maud::{Markup, PreEscaped};
use pulldown_cmark::{Event, Options, Parser, html};
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer nofollow ugc"))
        .rm_tags(["img"]);
    b
});

/// Markdown to sanitised HTML.
pub fn render(source: &str) -> Markup {
    let parser = Parser::new_ext(
        source,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    )
    .map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    PreEscaped(CLEANER.clean(&unsafe_html).to_string())
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
