//! The JSON bodies for Slack and Mattermost. Titles and text are people's
//! words: they must not mention a channel or a colleague, and must not
//! become a link that hides where it goes.

use serde_json::{Value, json};
use url::Url;

use super::{ChatMessage, Format};

/// Slack refuses a section whose text is longer.
const SLACK_SECTION_MAX: usize = 3000;

/// U+200B after every `@`: `@channel`, `@here`, `@all` and `@someone` stop
/// being mentions while reading the same.
fn defuse_mentions(s: &str) -> String {
    s.replace('@', "@\u{200B}")
}

/// Slack's mrkdwn: `&`, `<` and `>` are the only control characters, and
/// escaping `<` also stops `<!channel>`, `<@U…>` and `<url|label>`.
fn slack_escape(s: &str) -> String {
    defuse_mentions(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Mattermost's Markdown: a backslash before every character that could
/// start a link, an image, emphasis, code or raw HTML.
fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in defuse_mentions(s).chars() {
        if "\\`*_~[]()<>!#|:".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A title is one line: a newline in it would start a block of its own.
fn one_line(s: &str) -> String {
    s.split(['\r', '\n'])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The message's link, if it is an http(s) URL, with the characters that
/// end a link in either format percent-encoded.
fn link_url(raw: &str) -> Option<String> {
    let url = Url::parse(raw).ok()?;
    if !matches!(url.scheme(), "https" | "http") {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    for c in url.as_str().chars() {
        match c {
            '|' => out.push_str("%7C"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            ' ' => out.push_str("%20"),
            _ => out.push(c),
        }
    }
    Some(out)
}

fn truncate(s: String, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars.saturating_sub(1)) {
        Some((i, _)) if s.chars().count() > max_chars => format!("{}…", &s[..i]),
        _ => s,
    }
}

/// The body to post, or `None` when the message's link is not an http(s) URL.
pub(crate) fn body(format: Format, m: &ChatMessage) -> Option<Value> {
    let link = match &m.link {
        Some((label, url)) => Some((label, link_url(url)?)),
        None => None,
    };
    Some(match format {
        Format::Slack => {
            let title = format!("*{}*", slack_escape(&one_line(&m.title)));
            let text = slack_escape(&m.text);
            // In a Slack link `&` is escaped like anywhere else in mrkdwn.
            let link = link.map(|(label, url)| {
                format!(
                    "<{}|{}>",
                    url.replace('&', "&amp;"),
                    slack_escape(&one_line(label))
                )
            });
            let mut fallback = format!("{title}\n{text}");
            let mut blocks = vec![json!({
                "type": "section",
                "text": {"type": "mrkdwn", "text": truncate(format!("{title}\n{text}"), SLACK_SECTION_MAX)},
            })];
            if let Some(link) = link {
                fallback = format!("{fallback}\n{link}");
                blocks.push(json!({"type": "section", "text": {"type": "mrkdwn", "text": link}}));
            }
            json!({"text": fallback, "blocks": blocks})
        }
        Format::Mattermost => {
            let mut text = format!(
                "**{}**\n{}",
                markdown_escape(&one_line(&m.title)),
                markdown_escape(&m.text)
            );
            if let Some((label, url)) = link {
                text = format!("{text}\n[{}]({url})", markdown_escape(&one_line(label)));
            }
            json!({"text": text})
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(title: &str, text: &str, link: Option<(&str, &str)>) -> ChatMessage {
        ChatMessage {
            title: title.into(),
            text: text.into(),
            link: link.map(|(l, u)| (l.into(), u.into())),
        }
    }

    const HOSTILE: &str = "<!channel> <!here|here> <@U123> @channel @here @all @everyone <https://evil.example|click me> [click me](https://evil.example) ![x](https://evil.example/p.png) & <b>";

    /// Every `@` in the output is followed by U+200B.
    fn all_mentions_defused(s: &str) -> bool {
        s.match_indices('@')
            .all(|(i, _)| s[i + 1..].starts_with('\u{200B}'))
    }

    #[test]
    fn slack_hostile_title_cannot_ping_or_link() {
        let v = body(Format::Slack, &msg(HOSTILE, HOSTILE, None)).unwrap();
        let fallback = v["text"].as_str().unwrap();
        let block = v["blocks"][0]["text"]["text"].as_str().unwrap();
        for s in [fallback, block] {
            assert!(!s.contains('<') && !s.contains('>'), "{s}");
            assert!(s.contains("&lt;!channel&gt;"), "{s}");
            assert!(s.contains("&amp; &lt;b&gt;"), "{s}");
            assert!(all_mentions_defused(s), "{s}");
        }
        assert_eq!(v["blocks"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn mattermost_hostile_title_cannot_ping_or_link() {
        let v = body(Format::Mattermost, &msg(HOSTILE, HOSTILE, None)).unwrap();
        let t = v["text"].as_str().unwrap();
        assert!(all_mentions_defused(t), "{t}");
        assert!(!t.contains("@channel") && !t.contains("@here") && !t.contains("@all"));
        // Every [ ] ( ) < > ! is escaped, so no link, image or autolink can form.
        let b = t.as_bytes();
        for (i, c) in t.char_indices() {
            if "[]()<>!".contains(c) {
                assert_eq!(b[i - 1], b'\\', "unescaped {c} at {i} in {t}");
            }
        }
        assert_eq!(v.as_object().unwrap().len(), 1);
    }

    #[test]
    fn a_title_is_one_line() {
        let v = body(Format::Mattermost, &msg("a\r\n# b\n\nc", "x", None)).unwrap();
        assert_eq!(v["text"], "**a \\# b c**\nx");
    }

    #[test]
    fn links_in_both_formats() {
        let m = msg(
            "T",
            "x",
            Some(("Snooze <1h> @here", "https://r.example/s/a.b?x=1&y=2|(z)>")),
        );
        let s = body(Format::Slack, &m).unwrap();
        let link =
            "<https://r.example/s/a.b?x=1&amp;y=2%7C%28z%29%3E|Snooze &lt;1h&gt; @\u{200B}here>";
        assert_eq!(s["blocks"][1]["text"]["text"], link);
        assert!(s["text"].as_str().unwrap().ends_with(link));
        let mm = body(Format::Mattermost, &m).unwrap();
        assert_eq!(
            mm["text"],
            "**T**\nx\n[Snooze \\<1h\\> @\u{200B}here](https://r.example/s/a.b?x=1&y=2%7C%28z%29%3E)"
        );
        for bad in ["javascript:alert(1)", "not a url", "data:text/html,x"] {
            assert_eq!(
                body(Format::Slack, &msg("T", "x", Some(("go", bad)))),
                None,
                "{bad}"
            );
        }
    }

    #[test]
    fn long_text_is_cut_for_slack_blocks() {
        let v = body(Format::Slack, &msg("T", &"é".repeat(5000), None)).unwrap();
        let block = v["blocks"][0]["text"]["text"].as_str().unwrap();
        assert_eq!(block.chars().count(), SLACK_SECTION_MAX);
        assert!(block.ends_with('…'));
        assert!(v["text"].as_str().unwrap().chars().count() > 5000);
    }
}
