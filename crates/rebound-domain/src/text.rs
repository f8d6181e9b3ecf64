//! Which characters text people give may hold. Two shapes, one rule each:
//!
//! - [`Shape::Line`] (titles, names, labels, topics): no control character
//!   at all (C0, DEL, C1: `char::is_control`), so no tab or line break, and
//!   no invisible formatting character (bidi embeddings, overrides, isolates
//!   and marks, zero-width spaces and joiners, the BOM), which can make a
//!   name or a title display as something other than what it says.
//! - [`Shape::Lines`] (descriptions, notes, comments…): no control character
//!   but tab and line breaks (`\n`, or `\r\n` as browsers send textareas; a
//!   lone `\r` rewrites a terminal line, so it is refused).
//!
//! NUL in particular must never reach storage: PostgreSQL cannot store it.
//! Callers check a field before they store it and name the field; what
//! prints stored text (the CLI) still escapes it, for text stored earlier.

use std::fmt;

/// One line or several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Line,
    Lines,
}

/// Why a field's text was refused: which field, which character, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    /// How the field is named to people ("the title").
    pub field: String,
    pub found: char,
    /// 1-based, in characters.
    pub at: usize,
    pub shape: Shape,
}

impl std::error::Error for TextError {}

impl TextError {
    /// What is wrong, without the field's name ("contains a tab …").
    pub fn problem(&self) -> String {
        let (kind, advice) = if self.found.is_control() {
            let kind = match self.found {
                '\0' => "a NUL character",
                '\t' => "a tab",
                '\n' | '\r' => "a line break",
                '\u{1b}' => "an escape character",
                _ => "a control character",
            };
            let advice = match self.shape {
                Shape::Line => "keep it to one line of plain text",
                Shape::Lines => "only tabs and line breaks are allowed",
            };
            (kind, advice)
        } else {
            (
                "an invisible formatting character",
                "it can make text show differently from what it says; remove it",
            )
        };
        format!(
            "contains {kind} (U+{:04X}) at character {}: {advice}",
            self.found as u32, self.at
        )
    }
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.field, self.problem())
    }
}

/// Bidi embeddings, overrides, isolates and marks, and the zero-width
/// characters (spaces, joiners, word joiner, invisible operators, BOM).
pub fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The first character `shape` does not allow, with its 1-based position.
pub fn first_refused(text: &str, shape: Shape) -> Option<(usize, char)> {
    let mut chars = text.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        let refused = match (shape, c) {
            (Shape::Lines, '\t' | '\n') => false,
            (Shape::Lines, '\r') => chars.peek().map(|&(_, n)| n) != Some('\n'),
            (Shape::Line, c) => c.is_control() || is_invisible_format(c),
            (Shape::Lines, c) => c.is_control(),
        };
        if refused {
            return Some((i + 1, c));
        }
    }
    None
}

/// Refuses text `shape` does not allow, naming `field` ("the title").
pub fn check(field: impl Into<String>, shape: Shape, text: &str) -> Result<(), TextError> {
    match first_refused(text, shape) {
        None => Ok(()),
        Some((at, found)) => Err(TextError {
            field: field.into(),
            found,
            at,
            shape,
        }),
    }
}

/// [`check`] for a one-line field.
pub fn line(field: &'static str, text: &str) -> Result<(), TextError> {
    check(field, Shape::Line, text)
}

/// [`check`] for a multi-line field.
pub fn lines(field: &'static str, text: &str) -> Result<(), TextError> {
    check(field, Shape::Lines, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_allow_tab_lf_and_crlf_only() {
        assert_eq!(first_refused("a\tb\nc\r\nd", Shape::Lines), None);
        assert_eq!(first_refused("ab\0", Shape::Lines), Some((3, '\0')));
        assert_eq!(first_refused("a\rb", Shape::Lines), Some((2, '\r')));
        assert_eq!(first_refused("a\r", Shape::Lines), Some((2, '\r')));
        assert_eq!(
            first_refused("\u{1b}[2J", Shape::Lines),
            Some((1, '\u{1b}'))
        );
        assert_eq!(first_refused("x\u{7f}", Shape::Lines), Some((2, '\u{7f}')));
        assert_eq!(first_refused("x\u{9b}", Shape::Lines), Some((2, '\u{9b}')));
        // Bidi and zero-width characters are people's writing in long text.
        assert_eq!(first_refused("a\u{202E}b\u{200D}", Shape::Lines), None);
    }

    #[test]
    fn a_line_refuses_controls_breaks_bidi_and_zero_width() {
        for bad in [
            "a\tb",
            "a\nb",
            "\u{202E}abc",
            "ab\u{200B}",
            "\u{FEFF}a",
            "a\u{2066}",
        ] {
            assert!(first_refused(bad, Shape::Line).is_some(), "{bad:?}");
        }
        assert_eq!(
            first_refused("Привет, 世界 — ok 🙂 <b>&amp;", Shape::Line),
            None
        );
    }

    #[test]
    fn the_message_names_the_field_the_character_and_where() {
        let e = check("the title", Shape::Line, "ab\0c").unwrap_err();
        assert_eq!(
            e.to_string(),
            "the title contains a NUL character (U+0000) at character 3: keep it to one line of plain text"
        );
        let e = lines("the comment", "x\u{1b}]0;PWNED\u{7}").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("the comment contains an escape character (U+001B) at character 2")
        );
        let e = line("the name", "a\u{202E}b").unwrap_err();
        assert!(
            e.to_string()
                .contains("invisible formatting character (U+202E)"),
            "{e}"
        );
    }
}
