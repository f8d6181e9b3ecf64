//! Text from storage or a server reaches a terminal only through
//! [`escape`]: a teammate's title may hold terminal escapes
//! (`"\e]0;PWNED\a\e[2J"` retitles the window and clears the screen), and
//! bidi overrides make text read as something else. The crate's print
//! macros (`println!`, `print!`, `eprintln!`, `eprint!`, defined in
//! `main.rs`) shadow std's and pass every line through here, so no command
//! can forget it.

use rebound_domain::text::is_invisible_format;
use std::borrow::Cow;
use std::fmt::Write as _;

/// Control characters (C0 but tab and line feed, DEL, C1, a carriage
/// return not ending a line) and invisible formatting characters, written
/// as visible escapes: `\u001b`, `\u0007`, `\u202e`. That is also JSON's
/// escape, so `--json` output passed through here stays exact JSON (the
/// only raw ones serde_json leaves are C1 and formatting characters, inside
/// strings).
pub fn escape(text: &str) -> Cow<'_, str> {
    let unsafe_at = |i: usize, c: char| match c {
        '\n' | '\t' => false,
        '\r' => !text[i + 1..].starts_with('\n'),
        c => c.is_control() || is_invisible_format(c),
    };
    if !text.char_indices().any(|(i, c)| unsafe_at(i, c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, c) in text.char_indices() {
        if unsafe_at(i, c) {
            // Every such character is in the BMP, so four digits suffice.
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Writes `text` (already escaped) to standard output, with a line break
/// when `line`. A reader that stopped early (`rebound list | head`) ends
/// the command quietly, as other tools do, instead of std's panic; another
/// write failure is one line on stderr and exit 4.
pub fn write_out(text: &str, line: bool) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let written = out
        .write_all(text.as_bytes())
        .and_then(|()| if line { out.write_all(b"\n") } else { Ok(()) });
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            ::std::eprintln!("rebound: error: could not write to standard output: {e}");
            std::process::exit(4);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn terminal_escapes_become_visible_text() {
        assert_eq!(
            escape("\u{1b}]0;PWNED\u{7}\u{1b}[2Jhi"),
            "\\u001b]0;PWNED\\u0007\\u001b[2Jhi"
        );
        assert_eq!(escape("a\u{9b}31m\u{7f}\0"), "a\\u009b31m\\u007f\\u0000");
        assert_eq!(escape("over\rwrite"), "over\\u000dwrite");
        assert_eq!(escape("\u{202e}gpj.exe"), "\\u202egpj.exe");
    }

    #[test]
    fn json_passed_through_stays_the_same_json() {
        let v = serde_json::json!({"t": "a\u{9b}b\u{202e}c\u{1b}d"});
        let printed = escape(&v.to_string()).into_owned();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&printed).unwrap(),
            v
        );
    }

    #[test]
    fn layout_and_ordinary_text_pass_untouched() {
        let fine = "Title\n\tindented\r\nnext — Ünïcødé 世界 🙂";
        assert!(matches!(escape(fine), std::borrow::Cow::Borrowed(_)));
        assert_eq!(escape(fine), fine);
    }
}
