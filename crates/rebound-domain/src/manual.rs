//! The Operating Manual: a person's principles, each with the mistake or
//! memory it came from (named, and by the ids of that mistake and of the
//! reflection it was drawn in), as Markdown to keep or share as they
//! choose, and as JSON. Active principles first, then the retired ones with their reason;
//! every earlier wording is listed under its principle.

use crate::reflection::{Principle, PrincipleCheck, PrincipleStatus};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

/// One principle and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManualEntry {
    #[serde(flatten)]
    pub principle: Principle,
    /// The title of the mistake or memory it came from, if known.
    pub came_from: Option<String>,
    /// The lesson check on the current wording: a cautious or vague
    /// principle is flagged with its reasons and what to rewrite.
    pub check: Option<PrincipleCheck>,
}

fn day(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone()).strftime("%Y-%m-%d").to_string()
}

/// Markdown has few characters that matter in running text; people's
/// words are escaped so they read as written.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The manual as Markdown, dates in `tz`.
pub fn markdown(owner_name: &str, entries: &[ManualEntry], tz: &TimeZone) -> String {
    let mut out = format!("# Operating Manual — {}\n\n", escape(owner_name));
    out.push_str(
        "Principles I have drawn from my own mistakes: each names a specific behaviour, and where it came from.\n",
    );
    let active: Vec<&ManualEntry> = entries
        .iter()
        .filter(|e| e.principle.status == PrincipleStatus::Active)
        .collect();
    let retired: Vec<&ManualEntry> = entries
        .iter()
        .filter(|e| e.principle.status == PrincipleStatus::Retired)
        .collect();
    if entries.is_empty() {
        out.push_str("\nNo principles yet.\n");
        return out;
    }
    if !active.is_empty() {
        out.push_str("\n## Principles\n");
        for e in active {
            entry(&mut out, e, tz);
        }
    }
    if !retired.is_empty() {
        out.push_str("\n## Retired\n");
        for e in retired {
            entry(&mut out, e, tz);
        }
    }
    out
}

fn entry(out: &mut String, e: &ManualEntry, tz: &TimeZone) {
    let p = &e.principle;
    out.push_str(&format!("\n### {}\n\n", escape(&p.text)));
    match &e.came_from {
        Some(t) => out.push_str(&format!(
            "- From: {} (since {})\n",
            escape(t),
            day(p.created_at, tz)
        )),
        None => out.push_str(&format!("- Since {}\n", day(p.created_at, tz))),
    }
    let ids: Vec<String> = [
        ("mistake", &p.mistake.as_ref().map(|m| m.to_string())),
        ("reflection", &p.reflection.as_ref().map(|r| r.to_string())),
    ]
    .iter()
    .filter_map(|(what, id)| id.as_ref().map(|id| format!("{what} {id}")))
    .collect();
    if !ids.is_empty() {
        out.push_str(&format!("- Drawn from: {}\n", ids.join(", ")));
    }
    if let Some(c) = e.check.as_ref().filter(|c| c.needs_rewrite) {
        out.push_str(&format!(
            "- Lesson check: {} — {}\n",
            c.verdict,
            escape(&c.prompt)
        ));
    }
    if let (Some(at), Some(reason)) = (p.retired_at, &p.retired_reason) {
        out.push_str(&format!("- Retired {}: {}\n", day(at, tz), escape(reason)));
    }
    if p.history.len() > 1 {
        out.push_str("- Earlier wordings:\n");
        for (i, r) in p.history[..p.history.len() - 1].iter().enumerate() {
            let changed = &p.history[i + 1];
            let why = changed
                .note
                .as_deref()
                .map(|n| format!(" — changed because: {}", escape(n)))
                .unwrap_or_default();
            out.push_str(&format!(
                "  - {} ({} to {}){}\n",
                escape(&r.text),
                day(r.at, tz),
                day(changed.at, tz),
                why
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::PrincipleId;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn principle(text: &str) -> Principle {
        Principle::new(
            PrincipleId::from_random([1, 2, 3, 4, 5]),
            None,
            text,
            None,
            at("2026-03-01T10:00:00Z"),
        )
        .unwrap()
    }

    #[test]
    fn lists_active_then_retired_with_sources_history_and_reasons() {
        let mut revised = principle("I will not promise dates alone");
        revised
            .revise(
                "I will not promise a date before engineering has estimated the work",
                Some("more specific"),
                at("2026-03-05T10:00:00Z"),
            )
            .unwrap();
        let mut retired = principle("I will not merge on Fridays");
        retired
            .retire("became a team rule", at("2026-04-01T10:00:00Z"))
            .unwrap();
        let md = markdown(
            "Ana",
            &[
                ManualEntry {
                    principle: retired,
                    came_from: None,
                    check: None,
                },
                ManualEntry {
                    principle: revised,
                    came_from: Some("Wrong totals *sent*".into()),
                    check: None,
                },
            ],
            &TimeZone::UTC,
        );
        assert!(md.starts_with("# Operating Manual — Ana\n"), "{md}");
        let p = md.find("## Principles").unwrap();
        let r = md.find("## Retired").unwrap();
        assert!(p < r, "{md}");
        assert!(md.contains("### I will not promise a date before engineering"));
        assert!(md.contains("- From: Wrong totals \\*sent\\* (since 2026-03-01)"));
        assert!(md.contains(
            "  - I will not promise dates alone (2026-03-01 to 2026-03-05) — changed because: more specific"
        ));
        assert!(md.contains("- Retired 2026-04-01: became a team rule"));
    }

    #[test]
    fn each_principle_names_its_mistake_and_reflection_and_a_flag_to_rewrite() {
        use crate::id::{MistakeId, ReflectionId};
        use crate::reflection::LessonVerdict;
        let mut p = principle("I will not take on large accounts");
        p.mistake = Some(MistakeId::from_random([1; 5]));
        p.reflection = Some(ReflectionId::from_random([2; 5]));
        let (m, r) = (p.mistake.clone().unwrap(), p.reflection.clone().unwrap());
        let entry = ManualEntry {
            principle: p,
            came_from: Some("Lost the renewal".into()),
            check: Some(PrincipleCheck::new(LessonVerdict::Cautious, vec![])),
        };
        let md = markdown("Ana", &[entry], &TimeZone::UTC);
        assert!(
            md.contains(&format!("- Drawn from: mistake {m}, reflection {r}\n")),
            "{md}"
        );
        assert!(
            md.contains("- Lesson check: cautious — This principle rules out the work itself"),
            "{md}"
        );
    }

    #[test]
    fn an_empty_manual_says_so() {
        assert!(markdown("Ana", &[], &TimeZone::UTC).contains("No principles yet."));
    }
}
