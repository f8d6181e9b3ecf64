//! Features for the trap: the shared word features (`features::analyse`)
//! plus the cue families of `lexicon`, one feature per family a word or
//! two-word phrase belongs to. A writer who says "solicitor", "counsel" or
//! "the PMO" where the corpus says "lawyer" lands on a weight the corpus
//! taught, so the model leans less on the corpus's own wording.
//!
//! Measured and not kept (BENCHMARKS.md, diagnosis): dropping function
//! words from the features, and pairing content words across them, both
//! lost 2–10 points in cross-validation and in the leave-one-style-out
//! check. Function words stay features; they are never shown as reasons
//! (`diagnose::shown`).

use crate::features::{self, Analysed, Feature, hash, stem};
use crate::lexicon::{FAMILY_NAMES, family_of_pair, family_of_word};

pub fn analyse(text: &str) -> Analysed {
    let mut a = features::analyse(text);
    let stems: Vec<&str> = a.tokens.iter().map(|t| stem(t)).collect();
    let family = |f: u8, start: usize, len: u16| Feature {
        index: hash(b'x', FAMILY_NAMES[usize::from(f)], ""),
        start: start as u16,
        len,
    };
    let mut extra = Vec::new();
    for (i, s) in stems.iter().enumerate() {
        if let Some(f) = family_of_word(s) {
            extra.push(family(f, i, 1));
        }
        if let Some(f) = stems.get(i + 1).and_then(|next| family_of_pair(s, next)) {
            extra.push(family(f, i, 2));
        }
    }
    a.features.extend(extra);
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_family(text: &str, name: &str) -> bool {
        analyse(text)
            .features
            .iter()
            .any(|f| f.index == hash(b'x', name, ""))
    }

    #[test]
    fn synonyms_from_one_family_share_a_feature() {
        for text in [
            "the lawyer",
            "our solicitor",
            "no one from the PMO",
            "engineers",
        ] {
            assert!(has_family(text, "expertise"), "{text}");
        }
        assert!(has_family("I vented to my direct report", "judgment"));
        assert!(has_family("he brushed off the feedback", "ego"));
        assert!(has_family("I didn't speak up", "confidence"));
        assert!(!has_family("the weather", "expertise"));
    }

    #[test]
    fn the_shared_word_features_are_all_there() {
        let text = "I didn't ask legal before signing.";
        let shared = features::analyse(text).features;
        assert_eq!(analyse(text).features[..shared.len()], shared[..]);
    }
}
