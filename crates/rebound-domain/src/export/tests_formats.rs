//! The HTML and chat exports.

use super::tests::{barely_filled, fully_filled, now};
use super::*;
use crate::note::FollowUpNote;

/// The domain's own fallback: every Markdown field shown as escaped text.
fn as_text(s: &str) -> String {
    plain_html(s)
}

fn hostile() -> Mistake {
    let n = now();
    let mut m = fully_filled();
    m.title = "Broke <b>prod</b> & \"more\"".into();
    let mut note: FollowUpNote = m.note.clone();
    note.containment = Some("Rolled back <img src=x onerror=alert(1)> at once".into());
    note.impact.who = Some("<script>alert('who')</script>".into());
    m.set_note(note, &n).unwrap();
    m.heads_up.text = "Heads-up <script>alert(1)</script>\n<!channel> look".into();
    m
}

#[test]
fn html_is_one_standalone_document_with_every_section() {
    let out = html(&fully_filled(), &now(), &as_text);
    assert!(out.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(out.trim_end().ends_with("</html>"));
    assert!(out.contains("<meta charset=\"utf-8\">"));
    assert!(out.contains("<style>"), "styled inline");
    for needle in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!out.contains(needle), "{needle} in {out}");
    }
    assert!(out.contains("<title>Sent the wrong dashboard version to finance</title>"));
    for heading in [
        "Heads-up",
        "Impact",
        "Timeline",
        "Containment",
        "Fix",
        "Prevention",
        "Owner",
        "Checkboxes",
        "Progress updates",
    ] {
        assert!(out.contains(&format!("<h2>{heading}</h2>")), "{heading}");
    }
    assert!(out.contains("<dt>Who</dt><dd>the finance leads</dd>"));
    assert!(out.contains("I own the follow-up."));
    assert!(out.contains("<code>3f2a91c</code>"));
    assert!(out.contains(
        "<a href=\"https://git.example.com/finance/dashboards/-/commit/9b1e4d2a7c3f0e8d6b5a4c3e2f1d0c9b8a7e6f5d\" rel=\"noopener noreferrer\">"
    ));
}

#[test]
fn html_of_a_barely_filled_mistake_says_what_is_not_known() {
    let out = html(&barely_filled(), &now(), &as_text);
    assert!(out.contains("<span class=\"muted\">not yet known</span>"));
    assert!(out.contains("Not yet defined."));
    assert!(out.contains("Not sent yet."));
    assert!(!out.contains("<h2>Timeline</h2>"), "nothing to list");
}

#[test]
fn html_escapes_what_people_wrote_and_uses_the_markdown_renderer_given() {
    let out = html(&hostile(), &now(), &as_text);
    assert!(!out.contains("<script"), "{out}");
    assert!(!out.contains("<img"), "{out}");
    assert!(!out.contains("<b>prod"), "{out}");
    assert!(out.contains("Broke &lt;b&gt;prod&lt;/b&gt; &amp; &quot;more&quot;"));
    assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // The renderer decides the Markdown fields' HTML, and only those.
    let marked = html(&hostile(), &now(), &|s| {
        format!("<div class=\"md\">{}</div>", s.len())
    });
    assert!(marked.contains("<div class=\"md\">"));
    assert!(
        !marked.contains("onerror"),
        "containment went to the renderer"
    );
    assert!(
        marked.contains("&lt;script&gt;alert(&#39;who&#39;)"),
        "impact is plain text"
    );
}

#[test]
fn a_commit_address_that_is_not_a_web_address_is_not_a_link() {
    let mut m = fully_filled();
    m.commits
        .iter_mut()
        .for_each(|c| c.url = Some("javascript:alert(1)".into()));
    let out = html(&m, &now(), &as_text);
    assert!(!out.contains("href=\"javascript"), "{out}");
    assert!(out.contains("javascript:alert(1)"), "shown as text");
}

#[test]
fn chat_is_short_slack_mrkdwn() {
    let out = chat(&fully_filled(), &now());
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        "*Sent the wrong dashboard version to finance* — contained, high severity"
    );
    assert!(out.lines().nth(1).unwrap().starts_with("> "), "{out}");
    assert!(out.contains("• *Affected:* the finance leads, 4 people, since 2026-11-22 13:20 CET"));
    assert!(out.contains("• *Containment:* Rolled the dashboard back to v41"));
    assert!(out.contains("• *Fix:* Count each refund once"));
    assert!(
        out.contains("(ships by 2026-11-22 16:00 CET) `3f2a91c`"),
        "{out}"
    );
    assert!(out.contains("• *Owner:* me"));
    assert!(!out.contains("**"), "Slack's bold is one star");
    assert!(!out.contains("## "), "no Markdown headings");
    assert!(out.lines().count() <= 12, "short: {out}");
    assert!(out.ends_with('\n'));
}

#[test]
fn chat_escapes_so_nothing_becomes_a_link_or_a_mention() {
    let out = chat(&hostile(), &now());
    assert!(!out.contains('<'), "{out}");
    assert!(out.contains("&lt;!channel&gt; look"));
    assert!(out.contains("Broke &lt;b&gt;prod&lt;/b&gt; &amp; \"more\""));
    assert!(!out.contains("<script"));
}

#[test]
fn chat_defuses_group_mentions_and_keeps_addresses() {
    use super::chat::escape;
    for m in ["@channel", "@here", "@ALL", "@everyone"] {
        let out = escape(&format!("ping {m}, please"));
        assert_eq!(out, format!("ping `{m}`, please"));
    }
    // A person, an address and a longer word are left as written.
    for kept in [
        "@dana",
        "dana@example.com",
        "@channels",
        "@all_hands",
        "a @ b @",
    ] {
        assert_eq!(escape(kept), kept);
    }
}

#[test]
fn chat_links_a_hotfix_with_a_web_address_in_slack_form() {
    let mut m = fully_filled();
    for c in &mut m.commits {
        c.url = Some("https://git.example.com/c/3f2a91c".into());
    }
    assert!(chat(&m, &now()).contains("<https://git.example.com/c/3f2a91c|`3f2a91c`>"));
    for c in &mut m.commits {
        c.url = Some("https://x.example/a|b>".into());
    }
    assert!(
        !chat(&m, &now()).contains("<https://x.example"),
        "not a safe link target"
    );
}

#[test]
fn chat_turns_markdown_bold_into_slack_bold() {
    let mut m = fully_filled();
    let mut note = m.note.clone();
    note.containment = Some("Pulled **v42** at once".into());
    m.set_note(note, &now()).unwrap();
    assert!(chat(&m, &now()).contains("• *Containment:* Pulled *v42* at once"));
}

#[test]
fn chat_cuts_a_long_field() {
    let mut m = fully_filled();
    let mut note = m.note.clone();
    note.containment = Some("word ".repeat(200));
    m.set_note(note, &now()).unwrap();
    let out = chat(&m, &now());
    let line = out.lines().find(|l| l.contains("Containment")).unwrap();
    assert!(line.ends_with('…'));
    assert!(line.chars().count() < 320);
}
