//! A corpus of known XSS payloads (after the OWASP filter-evasion cheat
//! sheet and common Markdown tricks): none may leave anything executable.

use super::{playbook_refusal, render};

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<a href=\"javascript:alert(1)\">click</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<style>@import 'https://evil.example/x.css';</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><button>go</button></form>",
    "<button formaction=\"javascript:alert(1)\">x</button>",
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<base href=\"javascript:/a/-alert(1)///////\">",
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "![x](https://evil.example/x.png\"onerror=\"alert(1))",
    "<javascript:alert(1)>",
    "[a](<javascript:alert(1)>)",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "`<script>` is fine in code\n\n```html\n<script>alert(1)</script>\n```",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "\"><script>alert(1)</script>",
    "'';!--\"<XSS>=&{()}",
    "<a href=\"https://ok.example\" onclick=\"alert(1)\">ok</a>",
    "<p onmouseover=\"alert(1)\">hover</p>",
    "<video><source onerror=\"alert(1)\"></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<isindex type=image src=1 onerror=alert(1)>",
    "<x onclick=alert(1)>click",
    "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
    "<table background=\"javascript:alert(1)\">",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
];

/// Text between tags is escaped and inert, so only the tags themselves are
/// checked: each must be on the allow-list, with only harmless attributes
/// and only http(s) or mailto links.
fn assert_inert(html: &str, payload: &str) {
    const TAGS: &[&str] = &[
        "p",
        "a",
        "strong",
        "em",
        "code",
        "pre",
        "ul",
        "ol",
        "li",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "br",
        "del",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    ];
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').map(|i| open + i).unwrap_or_else(|| {
            panic!("unclosed tag from {payload:?}: {html}");
        });
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        let tag = tag.trim_start_matches('/').trim_end_matches('/');
        let mut parts = tag.split_whitespace();
        let name = parts.next().unwrap_or("").to_ascii_lowercase();
        assert!(
            TAGS.contains(&name.as_str()),
            "tag <{name}> survived {payload:?}: {html}"
        );
        let attrs: String = parts.collect::<Vec<_>>().join(" ");
        for attr in split_attrs(&attrs) {
            let (key, value) = attr.split_once('=').unwrap_or((attr, ""));
            let key = key.to_ascii_lowercase();
            let value = value.trim_matches('"').to_ascii_lowercase();
            match key.as_str() {
                "href" => assert!(
                    value.starts_with("http://")
                        || value.starts_with("https://")
                        || value.starts_with("mailto:"),
                    "link {value:?} survived {payload:?}: {html}"
                ),
                "rel" | "title" | "align" | "start" | "type" => {}
                other => panic!("attribute {other:?} survived {payload:?}: {html}"),
            }
        }
    }
}

/// Attributes as ammonia writes them: `key="value"`, values quoted.
fn split_attrs(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if i > start {
                    out.push(&s[start..i]);
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

#[test]
fn no_known_xss_payload_survives() {
    for p in PAYLOADS {
        let html = render(p).into_string();
        assert_inert(&html, p);
    }
}

#[test]
fn ordinary_markdown_renders() {
    let html = render("**Impact:** 3 teams\n\n- one\n- two\n\n[runbook](https://example.com/run)")
        .into_string();
    assert!(html.contains("<strong>Impact:</strong>"), "{html}");
    assert!(html.contains("<li>one</li>"), "{html}");
    assert!(html.contains("href=\"https://example.com/run\""), "{html}");
    assert!(
        html.contains("rel=\"noopener noreferrer nofollow ugc\""),
        "{html}"
    );
}

#[test]
fn raw_html_is_shown_as_text_not_dropped() {
    let html = render("I typed <b>bold</b> by hand").into_string();
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"), "{html}");
}

#[test]
fn code_keeps_its_angle_brackets_escaped() {
    let html = render("```\n<script>alert(1)</script>\n```").into_string();
    assert!(html.contains("&lt;script&gt;"), "{html}");
}

#[test]
fn the_checker_itself_catches_unsafe_html() {
    for unsafe_html in [
        "<script>alert(1)</script>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<p onclick=\"alert(1)\">x</p>",
        "<img src=\"x\">",
    ] {
        let caught = std::panic::catch_unwind(|| assert_inert(unsafe_html, "self-test"));
        assert!(caught.is_err(), "the checker let {unsafe_html:?} through");
    }
}

#[test]
fn a_playbook_is_refused_what_would_not_show_as_written() {
    for (source, says) in [
        ("Hi\n\n<script>alert(1)</script>\n", "holds HTML (<script>"),
        ("A <b onmouseover=x()>bold</b> claim.", "holds HTML"),
        (
            "<iframe src=\"https://evil.example\"></iframe>",
            "holds HTML",
        ),
        (
            "[click](javascript:alert(1))",
            "\"javascript:alert(1)\" is not allowed",
        ),
        ("[x](JaVaScRiPt:alert(1))", "is not allowed"),
        ("[x](data:text/html,hi)", "is not allowed"),
        ("![chart](https://x.example/c.png)", "an image"),
        ("<img src=x onerror=alert('pb')>", "holds HTML (<img"),
    ] {
        let why = playbook_refusal(source).unwrap_or_else(|| panic!("{source:?} passed"));
        assert!(why.contains(says), "{source:?}: {why}");
    }
    for fine in [
        "## Before\n\nRun the tests. See [the runbook](https://wiki.example/run).",
        "Mail [us](mailto:ops@example.com) or read [the four traps](/playbooks/four-traps#pb-ego).",
        "Write `<script>` in backticks to show it as code.\n\n```\n<b>as code</b>\n```",
        "A link with a colon later: [q](/search?q=a:b).",
        "When a < b, and <3 for the team.",
    ] {
        assert_eq!(playbook_refusal(fine), None, "{fine:?}");
    }
}
