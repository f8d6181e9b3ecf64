//! The gist of a fuller account for the heads-up's first sentence: the
//! person's own words, but one sentence someone reads at a glance. The
//! whole account stays on the record.

/// Longest first sentence, in words, that still reads at a glance.
const CRISP_WORDS: usize = 25;
/// Where a long sentence may be cut without losing its subject and verb.
const CLAUSE_BREAKS: [&str; 7] = [
    ", and then ",
    ", and ",
    ", which ",
    ", but ",
    ", so ",
    " — ",
    " - ",
];
/// A cut leaves at least this many words.
const MIN_WORDS: usize = 6;

/// The first sentence of `account` if it is crisp, else its first clause
/// if that is; `None` when neither is (the title says it better).
pub(super) fn gist(account: &str) -> Option<String> {
    let first = first_sentence(account);
    if words(&first) <= CRISP_WORDS {
        return (!first.is_empty()).then_some(first);
    }
    CLAUSE_BREAKS
        .iter()
        .filter_map(|b| first.find(b).map(|at| first[..at].trim().to_string()))
        .filter(|cut| (MIN_WORDS..=CRISP_WORDS).contains(&words(cut)))
        .min_by_key(|cut| cut.len())
        .map(|cut| cut.trim_end_matches([',', ';', ':']).to_string())
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Up to the first full stop, question or exclamation mark, semicolon or
/// line break that ends a sentence (not the dot in "v4.2" or "e.g.").
fn first_sentence(account: &str) -> String {
    let text = account.trim();
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        let next = text[i + c.len_utf8()..].chars().next();
        let ends = match c {
            '\n' | ';' => true,
            '.' | '!' | '?' => next.is_none_or(char::is_whitespace) && !abbreviation(&text[..i]),
            _ => false,
        };
        if ends {
            end = i;
            break;
        }
    }
    text[..end]
        .trim()
        .trim_end_matches(['.', '!', '?'])
        .to_string()
}

fn abbreviation(before: &str) -> bool {
    let last = before.rsplit(' ').next().unwrap_or("").to_lowercase();
    matches!(
        last.as_str(),
        "e.g" | "i.e" | "etc" | "approx" | "vs" | "no"
    )
}

#[cfg(test)]
mod tests {
    use super::gist;

    #[test]
    fn one_crisp_sentence_is_kept_and_the_rest_left_to_the_record() {
        assert_eq!(
            gist("I ran the cleanup script against staging. The nightly tests now fail.")
                .as_deref(),
            Some("I ran the cleanup script against staging")
        );
        assert_eq!(
            gist("Shipped v4.2 with the old price table").as_deref(),
            Some("Shipped v4.2 with the old price table")
        );
        assert_eq!(
            gist("I sent it to everyone; finance forwarded it").as_deref(),
            Some("I sent it to everyone")
        );
    }

    #[test]
    fn a_run_on_is_cut_at_a_clause_or_left_to_the_title() {
        let long = "I published v42 of the revenue dashboard which counted refunds twice \
                    and the finance leads used it in the board pack this morning, and then \
                    it got forwarded to the regional directors";
        let cut = gist(long).unwrap();
        assert!(cut.ends_with("in the board pack this morning"), "{cut}");
        assert!(cut.split_whitespace().count() <= 25);
        let endless = "word ".repeat(40);
        assert_eq!(gist(&endless), None);
        assert_eq!(gist("   "), None);
    }
}
