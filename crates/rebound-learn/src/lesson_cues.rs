//! What the lesson check reads beyond single words: the families of wording
//! the definitions name — a retreat from the activity, waiting for
//! certainty, deferring, handing off, a verdict on oneself, a general wish
//! to improve, a condition or manner that narrows a rule to one practice, a
//! concrete anchor (a time, a count, a person); the lists are in
//! `lesson_words.txt` — so wording the corpus never used still counts with
//! its family; and the shape of a principle "I will
//! not …": whether what follows rules out the activity itself ("take on big
//! clients") or one way of doing it ("promote on technical skill alone").
//! The diagnosis does not use these; its features stay `features::analyse`.

use crate::features::{self, Analysed, Feature, hash};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The families, from `lesson_words.txt`: (family, phrases), each phrase
/// lower-case words matched whole.
fn families() -> &'static [(String, Vec<String>)] {
    static PARSED: OnceLock<Vec<(String, Vec<String>)>> = OnceLock::new();
    PARSED.get_or_init(|| {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for line in include_str!("lesson_words.txt").lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let rest = match line.split_once(':') {
                Some((name, rest)) if !line.starts_with(' ') => {
                    out.push((name.trim().to_string(), Vec::new()));
                    rest
                }
                _ => line,
            };
            if let Some((_, phrases)) = out.last_mut() {
                phrases.extend(
                    rest.split(',')
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(str::to_string),
                );
            }
        }
        out
    })
}

/// The openings of a principle.
const PRINCIPLE: &[&str] = &["i will not", "i won't", "i wont"];

/// How many tokens `phrase` covers at `i`, if it is there (no allocation:
/// this runs for every word against every phrase).
pub(crate) fn phrase_at(tokens: &[String], i: usize, phrase: &str) -> Option<usize> {
    let mut n = 0;
    for w in phrase.split(' ') {
        if tokens.get(i + n).map(String::as_str) != Some(w) {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// The phrases by their first word, so each word costs one lookup.
fn by_first_word() -> &'static HashMap<&'static str, Vec<(&'static str, &'static str)>> {
    static INDEX: OnceLock<HashMap<&str, Vec<(&str, &str)>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
        for (family, phrases) in families() {
            for phrase in phrases {
                let first = phrase.split(' ').next().unwrap_or(phrase);
                index.entry(first).or_default().push((family, phrase));
            }
        }
        index
    })
}

/// Word features plus the families present and the principle's shape.
pub fn analyse(text: &str) -> Analysed {
    let mut a = features::analyse(text);
    let mut found: Vec<(&str, usize, usize)> = Vec::new();
    for i in 0..a.tokens.len() {
        let digit = a.tokens[i].chars().any(|c| c.is_ascii_digit());
        if digit {
            found.push(("anchor", i, 1));
        }
        for (family, phrase) in by_first_word()
            .get(a.tokens[i].as_str())
            .into_iter()
            .flatten()
        {
            let here = |f: &(&str, usize, usize)| f.1 == i && f.0 == *family;
            if !found.iter().rev().take(families().len()).any(here)
                && let Some(len) = phrase_at(&a.tokens, i, phrase)
            {
                found.push((family, i, len));
            }
        }
    }
    if let Some((at, open)) = (0..a.tokens.len()).find_map(|i| {
        PRINCIPLE
            .iter()
            .find_map(|p| phrase_at(&a.tokens, i, p))
            .map(|len| (i, len))
    }) {
        let rest = at + open;
        let narrowed = found
            .iter()
            .any(|(f, i, _)| *i >= rest && matches!(*f, "narrowed" | "anchor"));
        let retreat = found
            .iter()
            .any(|(f, i, _)| *i >= rest && matches!(*f, "retreat" | "wait" | "defer" | "handoff"));
        let shape = match (narrowed, retreat) {
            (_, true) => "principle-retreat",
            (true, false) => "principle-narrowed",
            (false, false) if a.tokens.len() - rest <= 6 => "principle-bare-short",
            (false, false) => "principle-bare",
        };
        found.push((shape, at, open));
    }
    for (name, at, len) in found {
        a.features.push(Feature {
            index: hash(b'c', name, ""),
            start: at as u16,
            len: len as u16,
        });
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(text: &str) -> Vec<String> {
        let a = analyse(text);
        let names = [
            "retreat",
            "wait",
            "defer",
            "handoff",
            "character",
            "improve",
            "narrowed",
            "anchor",
            "principle-retreat",
            "principle-narrowed",
            "principle-bare-short",
            "principle-bare",
        ];
        let mut out: Vec<String> = names
            .iter()
            .filter(|n| a.features.iter().any(|f| f.index == hash(b'c', n, "")))
            .map(|n| n.to_string())
            .collect();
        out.dedup();
        out
    }

    #[test]
    fn families_are_found_whole_words_only() {
        assert_eq!(cues("We should be more conservative."), ["retreat"]);
        assert_eq!(cues("Stopwatch in hand."), Vec::<String>::new());
        assert_eq!(cues("Call them within 2 days"), ["anchor"]);
    }

    #[test]
    fn a_principle_is_told_by_what_follows_its_opening() {
        assert!(cues("I will not quote prices alone").contains(&"principle-narrowed".into()));
        assert!(cues("I won't pitch to banks").contains(&"principle-bare-short".into()));
        assert!(cues("I will not run launches anymore").contains(&"principle-retreat".into()));
    }
}
