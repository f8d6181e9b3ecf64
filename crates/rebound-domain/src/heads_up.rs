//! Drafting the two sentences: what happened, and what I am doing about it.
//!
//! The draft is built only from what the record knows (title or fuller
//! account, who is affected, when it was spotted, severity, what the person
//! is doing, the next update due). It never contains placeholders: when
//! something essential is unknown the sentence stays truthful and general,
//! and [`Draft::missing`] names what would make it better.

#[path = "heads_up_gist.rs"]
mod gist;

use crate::mistake::Mistake;
use crate::state::State;
use jiff::{Timestamp, Zoned};

/// Whether `word` is one of the space-separated words of `list`.
fn listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}

/// Something essential the draft could not say, and the flag that supplies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// What the person is doing about it.
    Doing,
    /// Who is affected.
    Affected,
}

impl Missing {
    /// What is missing, for a prompt ("say what you are doing about it").
    pub fn label(self) -> &'static str {
        match self {
            Missing::Doing => "what you are doing about it",
            Missing::Affected => "who is affected",
        }
    }

    /// The flag of `rebound new` that supplies it.
    pub fn flag(self) -> &'static str {
        match self {
            Missing::Doing => "--doing",
            Missing::Affected => "--affected",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub text: String,
    pub missing: Vec<Missing>,
}

/// Drafts the two sentences from the facts on the record.
pub fn draft(m: &Mistake, now: &Zoned) -> Draft {
    let mut missing = Vec::new();
    if m.heads_up.doing.is_none() {
        missing.push(Missing::Doing);
    }
    if m.affected.is_none() {
        missing.push(Missing::Affected);
    }
    let first = what_happened(m, now);
    let second = what_i_am_doing(m, now);
    Draft {
        text: format!("{first} {second}"),
        missing,
    }
}

/// Sentence one: what happened, when it was spotted, who it affects.
fn what_happened(m: &Mistake, now: &Zoned) -> String {
    let lead = match m.severity {
        crate::Severity::Critical => Some("Urgent heads-up"),
        crate::Severity::High => Some("Heads-up"),
        _ => None,
    };
    let core = match m.what.as_deref().map(tidy).and_then(|w| gist::gist(&w)) {
        Some(what) => Core::Clause(first_person(&what).unwrap_or(what)),
        None => core_from_title(&tidy(&m.title)),
    };
    let opening = match (lead, core) {
        (None, Core::Clause(c)) => capitalise(&c),
        (None, Core::Phrase(p)) => format!("I made a mistake: {p}"),
        (Some(l), Core::Clause(c)) => format!("{l}: {}", soften(&c)),
        (Some(l), Core::Phrase(p)) => format!("{l} on a mistake of mine: {p}"),
    };
    let spotted = format!("it was spotted {}", moment("at", m.detected_at, now));
    match m.affected.as_deref().map(tidy).filter(|s| !s.is_empty()) {
        Some(who) => format!("{opening}; {spotted} and affects {}.", soften(&who)),
        None => format!("{opening}; {spotted}."),
    }
}

/// Sentence two: what I am doing, and when the next update comes.
fn what_i_am_doing(m: &Mistake, now: &Zoned) -> String {
    let update = update_due(m, now).map(|due| format!("send an update {}", moment("by", due, now)));
    let doing = m
        .heads_up
        .doing
        .as_deref()
        .map(tidy)
        .filter(|s| !s.is_empty());
    let sentence = match (doing.map(|d| classify_doing(&d)), update) {
        (Some(Doing::Im(rest)), Some(u)) => format!("I'm {rest} and will {u}"),
        (Some(Doing::Im(rest)), None) => format!("I'm {rest}"),
        (Some(Doing::Will(clause) | Doing::Base(clause)), Some(u)) => format!("{clause}, then {u}"),
        (Some(Doing::Will(clause) | Doing::Base(clause)), None) => clause,
        (Some(Doing::Clause(clause)), Some(u)) => format!("{clause}, and I'll {u}"),
        (Some(Doing::Clause(clause)), None) => clause,
        (Some(Doing::Phrase(p)), Some(u)) => format!("My next step: {p}; I'll {u}"),
        (Some(Doing::Phrase(p)), None) => format!("My next step: {p}"),
        (None, u) => generic_doing(m, u),
    };
    format!("{}.", capitalise(&sentence))
}

/// The truthful second sentence when the person has not said what they do.
fn generic_doing(m: &Mistake, update: Option<String>) -> String {
    match (m.state, update) {
        (State::Detected | State::Owned, Some(u)) => {
            format!("I'm working on a fix now and will {u}")
        }
        (State::Detected | State::Owned, None) => "I'm working on a fix now".to_string(),
        (State::Contained, Some(u)) => {
            format!("It's contained and I'm working on the fix; I'll {u}")
        }
        (State::Contained, None) => "It's contained and I'm working on the fix".to_string(),
        _ if m.fix_in_place() => "The fix is in place".to_string(),
        // Moved on without a fix recorded: say only what the record says.
        (State::Reviewed, _) => "It has been reviewed".to_string(),
        _ => "It is closed".to_string(),
    }
}

/// The next update to promise: the one due, or, when that moment has
/// already passed, one cadence from now. None when no update is expected.
fn update_due(m: &Mistake, now: &Zoned) -> Option<Timestamp> {
    let due = m.next_update_due()?;
    if due > now.timestamp() {
        return Some(due);
    }
    // A fresh promise reads as people make one: "by 18:30", not "by 18:27".
    let every = m.cadence.interval(m.severity)?;
    let at = now.timestamp().as_second() + i64::try_from(every.as_secs()).ok()?;
    Timestamp::from_second(at + (300 - at.rem_euclid(300)) % 300).ok()
}

/// "at 14:05", "at 17:45 yesterday", "by 09:00 tomorrow", "at 09:00 on Sat 21 Nov".
pub(crate) fn moment(preposition: &str, at: Timestamp, now: &Zoned) -> String {
    let z = at.to_zoned(now.time_zone().clone());
    let clock = z.strftime("%H:%M");
    let today = now.date();
    let day = z.date();
    if day == today {
        format!("{preposition} {clock}")
    } else if today.yesterday().ok() == Some(day) {
        format!("{preposition} {clock} yesterday")
    } else if today.tomorrow().ok() == Some(day) {
        format!("{preposition} {clock} tomorrow")
    } else if day.year() == today.year() {
        format!("{preposition} {clock} on {}", z.strftime("%a %-d %b"))
    } else {
        format!("{preposition} {clock} on {}", z.strftime("%a %-d %b %Y"))
    }
}

enum Core {
    /// A sentence with its own subject ("I sent …", "The export …").
    Clause(String),
    /// A noun phrase ("wrong prices in the Monday newsletter").
    Phrase(String),
}

fn core_from_title(title: &str) -> Core {
    if title.is_empty() {
        return Core::Clause("I made a mistake".to_string());
    }
    if has_own_subject(title) {
        return Core::Clause(title.to_string());
    }
    match first_person(title) {
        Some(clause) => Core::Clause(clause),
        None => Core::Phrase(soften(title)),
    }
}

/// "I …", "I'm …", "We …": already a sentence with a subject.
fn has_own_subject(text: &str) -> bool {
    let first = text.split(' ').next().unwrap_or("");
    let lower = first.to_lowercase().replace('’', "'");
    lower == "i" || lower.starts_with("i'") || lower == "we" || lower.starts_with("we'")
}

/// Turns a text led by a past-tense verb ("Sent the wrong …",
/// "Accidentally deleted …") into "I sent the wrong …". None when the text
/// does not start with one; a text with its own subject is kept as it is.
fn first_person(text: &str) -> Option<String> {
    if has_own_subject(text) {
        return Some(text.to_string());
    }
    let words: Vec<&str> = text.split(' ').collect();
    let past_at = |i: usize| {
        words
            .get(i)
            .is_some_and(|w| is_past_verb(w, words.get(i + 1).copied()))
    };
    let leads = past_at(0)
        || (words
            .first()
            .is_some_and(|w| listed(ADVERBS, bare(w).as_str()))
            && past_at(1));
    leads.then(|| format!("I {}", lower_first_word(text)))
}

/// Past-tense verbs (and a few auxiliaries) that can open a title.
const IRREGULAR_PAST: &str = "ate bent bet bit bled blew bought bound broke brought built burnt came caught chose \
    could couldn't cut dealt did didn't drew drove dug fed fell felt fled flew forgave \
    forgot fought found froze gave got grew had hadn't heard held hid hit hung kept knew \
    laid led left lent let lit lost made meant met misheard mislaid misled misread misspelt \
    mistook misunderstood overpaid overran overrode oversold overspent overwrote paid put \
    quit ran rang read rebuilt reran resent reset rewrote rode rose said sang sank sat saw \
    sent set shook shot should shouldn't shut slept slid sold sought spent spilt split spoke \
    spread stole stood struck stuck swept swore swung taught thought threw told took tore \
    understood undid upset was wasn't went withdrew woke won wore wrote";

/// Words ending in -ed that are seldom a verb at the start of a title.
const NOT_VERBS_ED: &str = "bed bred embed hundred kindred naked red sacred shed shred sled wicked";

/// -ed words that are as often adjectives ("Outdated prices", "Failed
/// deploy"): read as a verb only when an object or "to" follows.
const AMBIGUOUS_ED: &str = "automated blocked canceled cancelled corrupted dated delayed detailed duplicated expired \
    extended failed inflated leaked limited locked mislabeled mislabelled mismatched missed \
    mixed outdated related repeated scheduled skewed stalled";

/// Words that, right after an ambiguous -ed word, show it is a verb.
const OBJECT_STARTERS: &str = "a all an back down every everyone her him his in it its my off on our out over some that \
    the their them these this those three to two up us your";

const ADVERBS: &str = "accidentally also inadvertently incorrectly just mistakenly never partially \
    unintentionally wrongly";

/// Lowercased word without surrounding punctuation (keeps inner ' and -).
fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .replace('’', "'")
}

fn is_past_verb(word: &str, next: Option<&str>) -> bool {
    let w = bare(word);
    // "Re-sent", "double-charged": judge the last part.
    let last = w.rsplit('-').next().unwrap_or(&w).to_string();
    if listed(IRREGULAR_PAST, w.as_str()) || listed(IRREGULAR_PAST, last.as_str()) {
        return true;
    }
    let regular = last.len() >= 4
        && last.ends_with("ed")
        && !last.ends_with("eed")
        && last.chars().all(|c| c.is_ascii_lowercase())
        && !listed(NOT_VERBS_ED, last.as_str());
    if !regular {
        return false;
    }
    let ambiguous = listed(AMBIGUOUS_ED, w.as_str()) || w.starts_with("un");
    !ambiguous || next.is_some_and(|n| listed(OBJECT_STARTERS, bare(n).as_str()))
}

/// Common words that may open a noun phrase and are safe to lowercase
/// (unlike "Stripe", "EU" or "Q3", which are kept as written).
const COMMON: &str = "a about accidental all an another bad broken call correction corrupt customer customers \
    dashboard data double duplicate duplicated email empty every expired extra failed faulty \
    fix hotfix incomplete incorrect invalid investigation invoices late leaked lost meeting \
    message missing my no old one our outdated partial patch prices restore revert review \
    rollback some stale that the these this those too two unsent update wrong";

/// Lowercases the first word when it is an ordinary capitalised word.
fn soften(text: &str) -> String {
    let first = text.split(' ').next().unwrap_or("");
    let is_common = listed(COMMON, bare(first).as_str())
        || (first.len() > 4 && (first.ends_with("ing") || first.ends_with("ed")));
    if is_common {
        lower_first_word(text)
    } else {
        text.to_string()
    }
}

/// Lowercases the first letter when the word is "Capitalised" (not "EU", not "I").
fn lower_first_word(text: &str) -> String {
    let first = text.split(' ').next().unwrap_or("");
    let mut letters = first.chars().filter(|c| c.is_alphabetic());
    let capitalised =
        letters.next().is_some_and(char::is_uppercase) && letters.all(char::is_lowercase);
    if !capitalised || first == "I" || first.starts_with("I'") || first.starts_with("I’") {
        return text.to_string();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One line, single spaces, no closing punctuation (we add our own).
pub(crate) fn tidy(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .trim_end_matches(|c: char| {
            matches!(c, '.' | '!' | '?' | ';' | ':' | ',' | '…') || c.is_whitespace()
        })
        .to_string()
}

/// How the person put what they are doing.
enum Doing {
    /// "rolling back …" (also "I'm …", "I am …"): the part after "I'm".
    Im(String),
    /// "I'll roll back …", "I will …": kept whole.
    Will(String),
    /// "Roll back …": made into "I'll roll back …".
    Base(String),
    /// "I rolled back …", "We have paused …": a sentence of its own.
    Clause(String),
    /// "Rollback to v41": a noun phrase.
    Phrase(String),
}

/// -ing words that are not "doing" something.
const NOT_ING: &str = "anything bring ceiling during evening everything king morning nothing ring sing \
    something spring sting string swing thing wing";

/// Verbs a person might start "what I'm doing" with, in the base form.
const BASE_VERBS: &str = "alert ask block call cancel check clear confirm contact correct delete disable document \
    draft email enable find fix flush freeze halt hide identify investigate isolate look \
    merge migrate monitor notify patch pause prepare pull purge quarantine re-enable re-run \
    re-send rebuild recalculate recall recompute reconcile recover redeploy refund \
    regenerate reinstate reissue remove renew reopen repair replace reprocess republish \
    rerun resend reset restore retract retry revert review revoke roll rotate send ship stop \
    switch tell test trace turn undo unpublish update verify warn watch work write";

fn classify_doing(doing: &str) -> Doing {
    let normal = doing.replace('’', "'");
    let starts = |prefix: &str| {
        normal
            .get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    for prefix in ["i'm ", "i am ", "im "] {
        if starts(prefix) {
            let rest = normal[prefix.len()..].trim_start();
            // "I'm I'll …" or "I am I'm …": read what follows on its own.
            return match has_own_subject(rest) {
                true => classify_doing(rest),
                false => Doing::Im(rest.to_string()),
            };
        }
    }
    for prefix in ["i'll ", "i will ", "i shall "] {
        if starts(prefix) {
            return Doing::Will(format!("I{}", &normal[1..]));
        }
    }
    let lower = normal.to_lowercase();
    if has_own_subject(doing) || ["my ", "our "].iter().any(|p| lower.starts_with(p)) {
        return Doing::Clause(doing.to_string());
    }
    let first = bare(doing.split(' ').next().unwrap_or(""));
    if first.len() >= 5 && first.ends_with("ing") && !listed(NOT_ING, first.as_str()) {
        return Doing::Im(lower_first_word(doing));
    }
    if listed(BASE_VERBS, first.as_str()) {
        return Doing::Base(format!("I'll {}", lower_first_word(doing)));
    }
    Doing::Phrase(soften(doing))
}

#[cfg(test)]
#[path = "heads_up_tests.rs"]
mod tests;
