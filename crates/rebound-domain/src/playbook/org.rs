//! What an organisation's own playbook may hold: a slug that is its
//! address (made from the title or given, never a built-in's), a title, a
//! summary and a Markdown body, each bounded and held to `text.rs`'s
//! rules. The Markdown is kept as written; whoever shows it as HTML
//! sanitises it then (the server's `web::markdown`), so nothing stored is
//! ever trusted as markup.

use super::{Kind, Playbook};
use crate::text;

pub const MAX_SLUG_CHARS: usize = 60;
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_SUMMARY_CHARS: usize = 500;
pub const MAX_BODY_CHARS: usize = 20_000;

/// Why a playbook was refused, in words people read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrgPlaybookError {
    /// Blank, too long or holding a refused character: a 422.
    #[error("{0}")]
    Invalid(String),
    /// The slug is a built-in playbook's: a 409.
    #[error("{0:?} is the address of a built-in playbook: give another slug (or another title)")]
    BuiltinSlug(String),
}

/// A checked title, summary and body (the slug apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub summary: String,
    pub body: String,
}

fn bounded(field: &'static str, value: &str, max: usize) -> Result<(), OrgPlaybookError> {
    if value.trim().is_empty() {
        return Err(OrgPlaybookError::Invalid(format!("{field} is blank")));
    }
    let n = value.chars().count();
    if n > max {
        return Err(OrgPlaybookError::Invalid(format!(
            "{field} is {n} characters long; at most {max} are kept"
        )));
    }
    Ok(())
}

impl Draft {
    /// Title and summary are one line each; the body is Markdown of several.
    pub fn new(title: &str, summary: &str, body: &str) -> Result<Draft, OrgPlaybookError> {
        let invalid = |e: text::TextError| OrgPlaybookError::Invalid(e.to_string());
        let title = title.trim();
        let summary = summary.trim();
        bounded("the title", title, MAX_TITLE_CHARS)?;
        text::line("the title", title).map_err(invalid)?;
        bounded("the summary", summary, MAX_SUMMARY_CHARS)?;
        text::line("the summary", summary).map_err(invalid)?;
        bounded("the body", body, MAX_BODY_CHARS)?;
        text::lines("the body", body).map_err(invalid)?;
        Ok(Draft {
            title: title.to_owned(),
            summary: summary.to_owned(),
            body: body.to_owned(),
        })
    }

    /// As a playbook in a [`super::Library`].
    pub fn playbook(&self, slug: &str) -> Playbook {
        Playbook {
            slug: slug.to_owned(),
            title: self.title.clone(),
            kind: Kind::Organisation,
            summary: self.summary.clone(),
            about: Vec::new(),
            body_markdown: self.body.clone(),
        }
    }
}

/// The slug a title makes: its ASCII letters and digits, lowercased, each
/// run of anything else one hyphen, cut at a hyphen to fit. `None` when
/// nothing is left (a title in another script): the slug must be given.
pub fn slug_from_title(title: &str) -> Option<String> {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_owned();
    if slug.len() > MAX_SLUG_CHARS {
        slug.truncate(MAX_SLUG_CHARS);
        if let Some((head, _)) = slug.rsplit_once('-') {
            slug = head.to_owned();
        }
        slug = slug.trim_end_matches('-').to_owned();
    }
    (!slug.is_empty()).then_some(slug)
}

/// A slug people gave: lowercase letters and digits in words joined by
/// single hyphens, and not a built-in's.
pub fn check_slug(slug: &str) -> Result<(), OrgPlaybookError> {
    let shape_ok = !slug.is_empty()
        && slug.len() <= MAX_SLUG_CHARS
        && slug.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !shape_ok {
        return Err(OrgPlaybookError::Invalid(format!(
            "the slug must be lowercase letters and digits in words joined by single hyphens, at most {MAX_SLUG_CHARS} characters (like our-release-checklist)"
        )));
    }
    if super::get(slug).is_some() {
        return Err(OrgPlaybookError::BuiltinSlug(slug.to_owned()));
    }
    if RESERVED.contains(&slug) {
        return Err(OrgPlaybookError::Invalid(format!(
            "{slug:?} is the address of a page: give another slug"
        )));
    }
    Ok(())
}

/// Addresses under `/playbooks/` that are pages, not playbooks.
const RESERVED: &[&str] = &["new"];

/// A summary when none is given: the body's first line of prose, without
/// Markdown's marks, cut at a word to fit; the title when there is none.
pub fn summary_from_body(title: &str, body: &str) -> String {
    let line = body
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches(['#', '-', '*', '>', '|', '+', ' '])
                .replace(['*', '_', '`'], "")
        })
        .find(|l| l.chars().any(char::is_alphanumeric) && !l.starts_with('<'))
        .unwrap_or_else(|| title.trim().to_owned());
    const CUT: usize = 200;
    if line.chars().count() <= CUT {
        return line.trim().to_owned();
    }
    let cut: String = line.chars().take(CUT).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end())
}

/// The slug to store: the one given (checked), or one made from the title.
pub fn choose_slug(given: Option<&str>, title: &str) -> Result<String, OrgPlaybookError> {
    let slug = match given.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => s.to_owned(),
        None => slug_from_title(title).ok_or_else(|| {
            OrgPlaybookError::Invalid(
                "the title has no letters or digits to make an address from: give a slug".into(),
            )
        })?,
    };
    check_slug(&slug)?;
    Ok(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_is_made_from_the_title() {
        assert_eq!(
            slug_from_title("  Our release checklist (v2)! ").as_deref(),
            Some("our-release-checklist-v2")
        );
        assert_eq!(
            slug_from_title("Ünïcode → déjà").as_deref(),
            Some("n-code-d-j")
        );
        assert_eq!(slug_from_title("日本語"), None);
        let long = "word ".repeat(40);
        let s = slug_from_title(&long).unwrap();
        assert!(s.len() <= MAX_SLUG_CHARS && !s.ends_with('-'), "{s}");
        check_slug(&s).unwrap();
    }

    #[test]
    fn a_given_slug_is_checked_and_never_a_builtins() {
        assert!(check_slug("our-way").is_ok());
        for bad in ["", "Our-Way", "our--way", "-our", "our way", "our_way", "ü"] {
            assert!(
                matches!(check_slug(bad), Err(OrgPlaybookError::Invalid(_))),
                "{bad:?}"
            );
        }
        assert_eq!(
            check_slug("four-traps"),
            Err(OrgPlaybookError::BuiltinSlug("four-traps".into()))
        );
        // A title that makes a built-in's slug is refused the same way.
        assert!(matches!(
            choose_slug(None, "Four traps"),
            Err(OrgPlaybookError::BuiltinSlug(_))
        ));
        assert_eq!(choose_slug(Some(" mine "), "Four traps").unwrap(), "mine");
    }

    #[test]
    fn a_summary_is_the_first_line_of_prose() {
        let body = "# Heading\n\n<div>\n\nWe **always** check `main` first.\n";
        assert_eq!(summary_from_body("T", body), "Heading");
        assert_eq!(
            summary_from_body("T", "\n\n- We **always** check\n"),
            "We always check"
        );
        assert_eq!(summary_from_body("The title", "---\n"), "The title");
        let long = summary_from_body("T", &"word ".repeat(100));
        assert!(long.ends_with('…') && long.chars().count() <= 201, "{long}");
        assert!(check_slug("new").is_err());
    }

    #[test]
    fn a_draft_is_bounded_and_plain() {
        assert!(Draft::new("T", "S", "# Body\n\n<script>x</script>").is_ok());
        assert!(Draft::new(" ", "S", "B").is_err());
        assert!(Draft::new("T", "S", "").is_err());
        assert!(Draft::new("T\nU", "S", "B").is_err());
        assert!(Draft::new("T", "S", "B\u{0}").is_err());
        let over = "x".repeat(MAX_BODY_CHARS + 1);
        let e = Draft::new("T", "S", &over).unwrap_err().to_string();
        assert!(e.contains("at most 20000"), "{e}");
        assert!(Draft::new("T", "S", &"x".repeat(MAX_BODY_CHARS)).is_ok());
    }
}
