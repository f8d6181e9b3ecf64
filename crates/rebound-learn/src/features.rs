//! Text to features: lower-cased word tokens, a light stem of each, word
//! pairs, and words under a negation ("didn't ask", "never checked"), each
//! hashed into a fixed number of buckets. Each feature remembers which
//! words produced it, so a prediction can say what drove it.

/// Buckets: 2^18. Collisions are rare at corpus scale and harmless.
pub const DIM_BITS: u32 = 18;
pub const DIM: usize = 1 << DIM_BITS;

/// One hashed feature and the token span (start, length) behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Feature {
    pub index: u32,
    pub start: u16,
    pub len: u16,
}

/// Tokens of a text and their features.
#[derive(Debug, Clone)]
pub struct Analysed {
    pub tokens: Vec<String>,
    pub features: Vec<Feature>,
}

impl Analysed {
    /// The words behind a feature, as written (lower-cased).
    pub fn phrase(&self, f: &Feature) -> String {
        self.words(f).join(" ")
    }

    /// The tokens behind a feature.
    pub fn words(&self, f: &Feature) -> &[String] {
        let end = usize::from(f.start) + usize::from(f.len);
        &self.tokens[usize::from(f.start)..end]
    }
}

pub const NEGATIONS: &[&str] = &[
    "not", "never", "no", "didn't", "didnt", "don't", "dont", "wasn't", "wasnt", "won't", "wont",
    "couldn't", "couldnt", "hadn't", "hadnt", "without", "nobody", "nothing", "neither", "nor",
    "isn't", "isnt", "weren't", "werent", "haven't", "havent", "doesn't", "doesnt", "failed",
    "forgot", "skipped",
];

/// Lower-cased word tokens and, for each clause end (. , ; : ! ? ( ) dashes),
/// the number of tokens before it: clause ends reset negation scope.
pub fn tokenize(text: &str) -> (Vec<String>, Vec<usize>) {
    let mut tokens = Vec::new();
    let mut clause_ends = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let c = if c == '’' || c == '‘' { '\'' } else { c };
        if c.is_alphanumeric() || c == '\'' {
            word.extend(c.to_lowercase());
        } else {
            push_word(&mut tokens, &mut word);
            if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '—' | '–') {
                clause_ends.push(tokens.len());
            }
        }
    }
    push_word(&mut tokens, &mut word);
    (tokens, clause_ends)
}

pub fn analyse(text: &str) -> Analysed {
    let (tokens, clause_ends) = tokenize(text);
    let mut features = Vec::with_capacity(tokens.len() * 4);
    let mut negated_until = 0usize;
    let mut next_end = clause_ends.iter().peekable();
    for (i, t) in tokens.iter().enumerate() {
        while next_end.peek().is_some_and(|&&e| e <= i) {
            next_end.next();
            negated_until = negated_until.min(i);
        }
        let at = i as u16;
        features.push(Feature {
            index: hash(b'w', t, ""),
            start: at,
            len: 1,
        });
        let s = stem(t);
        if s.len() != t.len() {
            features.push(Feature {
                index: hash(b's', s, ""),
                start: at,
                len: 1,
            });
        }
        if let Some(next) = tokens.get(i + 1) {
            features.push(Feature {
                index: hash(b'b', t, next),
                start: at,
                len: 2,
            });
        }
        if i < negated_until {
            features.push(Feature {
                index: hash(b'n', s, ""),
                start: at,
                len: 1,
            });
        }
        if NEGATIONS.contains(&t.as_str()) {
            let clause_end = next_end.peek().map_or(tokens.len(), |&&e| e);
            negated_until = clause_end.min(i + 5);
        }
    }
    features.push(Feature {
        index: hash(b'l', length_band(tokens.len()), ""),
        start: 0,
        len: 0,
    });
    Analysed { tokens, features }
}

fn push_word(tokens: &mut Vec<String>, word: &mut String) {
    let w = word.trim_matches('\'');
    if !w.is_empty() && tokens.len() < usize::from(u16::MAX) {
        tokens.push(w.to_string());
    }
    word.clear();
}

/// Long and short accounts read differently; a coarse band is a feature.
fn length_band(n: usize) -> &'static str {
    match n {
        0..=12 => "short",
        13..=40 => "medium",
        _ => "long",
    }
}

/// A light suffix stripper so "asked", "asking" and "asks" meet.
pub fn stem(w: &str) -> &str {
    for suffix in ["ingly", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s"] {
        if let Some(s) = w.strip_suffix(suffix)
            && s.len() >= 3
        {
            return s;
        }
    }
    w
}

/// FNV-1a over a kind byte and up to two words, folded into the buckets.
/// Public so a model may add features of its own kinds (`lesson_cues`).
pub fn hash(kind: u8, a: &str, b: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for byte in std::iter::once(kind)
        .chain(a.bytes())
        .chain(std::iter::once(0x1f))
        .chain(b.bytes())
    {
        h ^= u32::from(byte);
        h = h.wrapping_mul(0x0100_0193);
    }
    h & (DIM as u32 - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_and_apostrophes_kept() {
        let a = analyse("I didn’t ask Legal. Then I SIGNED!");
        assert_eq!(
            a.tokens,
            ["i", "didn't", "ask", "legal", "then", "i", "signed"]
        );
    }

    #[test]
    fn negation_marks_the_words_after_it_until_the_clause_ends() {
        let a = analyse("I didn't ask legal, then signed");
        let negated: Vec<String> = a
            .features
            .iter()
            .filter(|f| f.len == 1 && f.index == hash(b'n', stem(&a.tokens[f.start as usize]), ""))
            .map(|f| a.phrase(f))
            .collect();
        assert_eq!(negated, ["ask", "legal"]);
    }

    #[test]
    fn stems_meet_and_short_words_stay() {
        assert_eq!(stem("asked"), stem("asking"));
        assert_eq!(stem("checks"), "check");
        assert_eq!(stem("was"), "was");
    }

    #[test]
    fn phrases_name_the_words_behind_a_feature() {
        let a = analyse("never checked the numbers");
        let pair = a.features.iter().find(|f| f.len == 2).unwrap();
        assert_eq!(a.phrase(pair), "never checked");
    }

    #[test]
    fn empty_text_has_only_the_length_feature() {
        let a = analyse("  ... ");
        assert!(a.tokens.is_empty());
        assert_eq!(a.features.len(), 1);
    }
}
