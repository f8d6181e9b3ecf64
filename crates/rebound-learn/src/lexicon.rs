//! Word lists for the diagnosis, kept as data in `cue_words.txt`: function
//! words (they carry style, not meaning, so they are never shown as
//! reasons) and cue families drawn from the definitions of the four traps
//! in `docs/domain.md` §1. A family fires as one feature, so a writer who
//! says "solicitor" where the corpus says "lawyer" still lands on a weight
//! the corpus taught.

use crate::features::stem;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: the lists are looked up twice per word, and these keys are a
/// few bytes long, where std's DoS-resistant hash costs more than the rest
/// of the diagnosis. The keys are ours, not an attacker's.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

const LISTS: &str = include_str!("cue_words.txt");

/// The four traps' families first (their positions are the traps'), then
/// families of meaning that no one trap owns, then the failure types'
/// (§2 of domain.md); `meaning` reads some of them
/// in combination (a commitment in a specialist's field, confiding in
/// someone who reports to you, one's own grievances before an audience).
pub const FAMILY_NAMES: [&str; 15] = [
    "judgment",
    "expertise",
    "ego",
    "confidence",
    "commit",
    "alone",
    "confide",
    "subordinate",
    "grievance",
    "audience",
    "knowing",
    "holding",
    "unknowing",
    "intending",
    "signal",
];

struct Lists {
    function: HashSet<&'static str, BuildHasherDefault<Fnv>>,
    /// Stemmed word → families (positions in `FAMILY_NAMES`); a word may
    /// belong to several ("vented" is judgment and confiding).
    words: Map<&'static str, Vec<u8>>,
    /// Stemmed first word → (stemmed second word, family).
    pairs: Map<&'static str, Vec<(&'static str, u8)>>,
}

/// Each list as (name, entries); a list may run over indented lines.
fn parse(text: &'static str) -> Vec<(&'static str, Vec<&'static str>)> {
    let mut lists: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let body = match line.split_once(": ") {
            Some((name, body)) if !line.starts_with(' ') => {
                lists.push((name, Vec::new()));
                body
            }
            _ => line,
        };
        if let Some((_, entries)) = lists.last_mut() {
            entries.extend(body.split(',').map(str::trim).filter(|e| !e.is_empty()));
        }
    }
    lists
}

fn lists() -> &'static Lists {
    static LISTS_INDEX: OnceLock<Lists> = OnceLock::new();
    LISTS_INDEX.get_or_init(|| {
        let mut l = Lists {
            function: HashSet::default(),
            words: Map::default(),
            pairs: Map::default(),
        };
        for (name, entries) in parse(LISTS) {
            if name == "function" {
                l.function.extend(entries);
                continue;
            }
            let f = FAMILY_NAMES
                .iter()
                .position(|n| *n == name)
                .expect("cue_words.txt names only known families") as u8;
            for entry in entries {
                // "sign-off" is two tokens to the tokenizer.
                let mut words = entry.split([' ', '-']).map(stem);
                match (words.next(), words.next()) {
                    // Stems meet ("speak up", "speaking up"): each once.
                    (Some(w), None) => {
                        let families = l.words.entry(w).or_default();
                        if !families.contains(&f) {
                            families.push(f);
                        }
                    }
                    (Some(a), Some(b)) => {
                        let seconds = l.pairs.entry(a).or_default();
                        if !seconds.contains(&(b, f)) {
                            seconds.push((b, f));
                        }
                    }
                    _ => {}
                }
            }
        }
        l
    })
}

pub fn is_function_word(w: &str) -> bool {
    lists().function.contains(w)
}

/// The families a stemmed word belongs to.
pub fn families_of_word(stemmed: &str) -> &'static [u8] {
    lists().words.get(stemmed).map_or(&[], Vec::as_slice)
}

/// The families a pair of stemmed adjacent words belongs to.
pub fn families_of_pair<'a>(a: &str, b: &'a str) -> impl Iterator<Item = u8> + 'a {
    let seconds = lists().pairs.get(a).map_or(&[][..], Vec::as_slice);
    seconds
        .iter()
        .filter(move |(s, _)| *s == b)
        .map(|(_, f)| *f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_known_and_every_entry_is_one_or_two_words() {
        let lists = parse(LISTS);
        assert_eq!(lists.len(), 1 + FAMILY_NAMES.len());
        for (name, entries) in lists {
            assert!(name == "function" || FAMILY_NAMES.contains(&name), "{name}");
            assert!(entries.len() > 12, "{name}");
            for e in entries {
                assert!(e.split([' ', '-']).count() <= 2, "{name}: {e}");
                assert_eq!(e, e.to_lowercase(), "{name}: {e}");
            }
        }
    }

    #[test]
    fn function_words_and_families_are_read() {
        assert!(is_function_word("the") && is_function_word("didn't"));
        assert!(!is_function_word("engineering"));
        assert_eq!(families_of_word(stem("solicitors")), [1]);
        assert_eq!(families_of_pair("speak", "up").collect::<Vec<_>>(), [3]);
        assert_eq!(families_of_pair("sign", "off").collect::<Vec<_>>(), [1]);
        assert_eq!(families_of_word(stem("vented")), [0, 6]);
    }
}
