//! The built-in playbooks (`playbooks/*.md`, compiled in): parsed once,
//! related to each other by their texts' similarity (`index.rs`), searched
//! by the same measure, and looked up by the plan's keys (`about`). An
//! organisation's own playbooks (`org.rs`: what one may hold) join them in
//! a [`Library`] built for the request, so they take part in both.

mod index;
pub mod org;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

pub use index::Hit;

/// How many related playbooks each one names.
pub const RELATED: usize = 3;
/// The longest search people may send, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

macro_rules! builtin {
    ($($slug:literal),* $(,)?) => {
        &[$(($slug, include_str!(concat!("../../playbooks/", $slug, ".md")))),*]
    };
}

/// Every file in `playbooks/` but the README (a test checks the directory).
const SOURCES: &[(&str, &str)] = builtin![
    "after-action-review",
    "beyond-a-quick-fix",
    "careful-not-cautious",
    "comparison-spiral",
    "competence-masking",
    "confidence-after-failure",
    "confidence-calibration-career-decisions",
    "confidence-scaffolding-new-managers",
    "credibility-dip",
    "failure-types",
    "first-thirty-minutes",
    "four-steps-back",
    "four-traps",
    "growth-mindset",
    "impostor-feelings",
    "performance-feedback",
    "psychological-safety",
    "quiet-confidence-building",
    "resilience-training",
    "skill-remediation-programmes",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// About confidence after a mistake itself.
    Core,
    /// A neighbouring topic.
    Neighbour,
    /// A related practice or idea.
    Related,
    /// A practice to do.
    Practice,
    /// Written by the organisation (stored, editable by its admins).
    Organisation,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Organisation,
        Kind::Core,
        Kind::Neighbour,
        Kind::Related,
        Kind::Practice,
    ];

    /// The heading a list of this kind goes under.
    pub fn heading(self) -> &'static str {
        match self {
            Kind::Core => "Confidence after a mistake",
            Kind::Neighbour => "Neighbouring topics",
            Kind::Related => "Related ideas",
            Kind::Practice => "Practices",
            Kind::Organisation => "Your organisation's playbooks",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    slug: String,
    title: String,
    kind: Kind,
    summary: String,
    about: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Playbook {
    pub slug: String,
    pub title: String,
    pub kind: Kind,
    pub summary: String,
    /// The plan's keys it speaks to: `driver:…`, `sign:…`, `pressure:…`,
    /// `move:…`, `trap:…`, `failure:…`, `escalation`.
    pub about: Vec<String>,
    pub body_markdown: String,
}

/// Why a built-in did not parse (only ever seen by the tests).
fn parse(file_slug: &str, source: &str) -> Result<Playbook, String> {
    let rest = source
        .strip_prefix("+++\n")
        .ok_or("does not start with +++")?;
    let (front, body) = rest
        .split_once("\n+++\n")
        .ok_or("has no closing +++ line")?;
    let fm: FrontMatter = toml::from_str(front).map_err(|e| e.to_string())?;
    if fm.slug != file_slug {
        return Err(format!("slug {} is not its file name", fm.slug));
    }
    if fm.title.trim().is_empty() || fm.summary.trim().is_empty() || body.trim().is_empty() {
        return Err("has a blank title, summary or body".into());
    }
    Ok(Playbook {
        slug: fm.slug,
        title: fm.title,
        kind: fm.kind,
        summary: fm.summary,
        about: fm.about,
        body_markdown: body.trim_start().to_string(),
    })
}

/// A set of playbooks with one index over their texts: the built-ins
/// alone ([`Library::builtin`], built once), or with an organisation's
/// ([`Library::with_org`], built per request: tens of texts take well
/// under a millisecond to index, less than reading them from storage).
pub struct Library {
    /// In slug order, which is also how the index breaks ties.
    books: Vec<Playbook>,
    index: index::Index,
}

impl Library {
    fn build(mut books: Vec<Playbook>) -> Library {
        books.sort_by(|a, b| a.slug.cmp(&b.slug));
        let index = index::Index::build(&books);
        Library { books, index }
    }

    /// The built-in playbooks alone.
    pub fn builtin() -> &'static Library {
        static LIB: OnceLock<Library> = OnceLock::new();
        LIB.get_or_init(|| {
            // A malformed built-in is left out here and fails `tests::all_parse`.
            Library::build(
                SOURCES
                    .iter()
                    .filter_map(|(slug, src)| parse(slug, src).ok())
                    .collect(),
            )
        })
    }

    /// The built-ins and `org` (an organisation's, whose slugs never take
    /// a built-in's: the caller refuses one that would), indexed together.
    pub fn with_org(org: Vec<Playbook>) -> Library {
        let mut books = Library::builtin().books.clone();
        books.extend(org.into_iter().filter(|p| get(&p.slug).is_none()));
        Library::build(books)
    }

    /// Every playbook, in slug order.
    pub fn all(&self) -> &[Playbook] {
        &self.books
    }

    pub fn get(&self, slug: &str) -> Option<&Playbook> {
        self.books.iter().find(|p| p.slug == slug)
    }

    /// The playbooks nearest `slug` by content, most similar first.
    pub fn related(&self, slug: &str) -> Vec<&Playbook> {
        match self.books.iter().position(|p| p.slug == slug) {
            Some(i) => self
                .index
                .nearest(i, RELATED)
                .into_iter()
                .map(|j| &self.books[j])
                .collect(),
            None => Vec::new(),
        }
    }

    /// Playbooks matching the words, best first (title and summary weigh
    /// more than the body), each with a snippet. No match is empty.
    pub fn search(&self, words: &str) -> Vec<Hit<'_>> {
        self.index.search(&self.books, words)
    }

    /// Slugs close to a mistyped one (sharing a word, or one containing the
    /// other), for "no such playbook; did you mean …".
    pub fn close_slugs(&self, slug: &str) -> Vec<&str> {
        let slug = slug.trim().to_lowercase();
        let words: Vec<&str> = slug
            .split(['-', ' ', '_'])
            .filter(|w| w.len() > 2)
            .collect();
        self.books
            .iter()
            .filter(|p| {
                (!slug.is_empty() && (p.slug.contains(&slug) || slug.contains(&p.slug)))
                    || p.slug.split('-').any(|w| words.contains(&w))
            })
            .map(|p| p.slug.as_str())
            .take(3)
            .collect()
    }
}

/// Every built-in playbook, in slug order.
pub fn all() -> &'static [Playbook] {
    Library::builtin().all()
}

pub fn get(slug: &str) -> Option<&'static Playbook> {
    Library::builtin().get(slug)
}

/// The built-ins nearest `slug` by content, most similar first.
pub fn related(slug: &str) -> Vec<&'static Playbook> {
    Library::builtin().related(slug)
}

/// The playbooks that speak to one of the plan's keys, e.g. `sign:speaking_less`.
pub fn for_key(key: &str) -> Vec<&'static Playbook> {
    all()
        .iter()
        .filter(|p| p.about.iter().any(|a| a == key))
        .collect()
}

/// The playbook to link beside `key`: of those about it, the one about
/// the fewest things (the most focused; ties by slug). None when no
/// playbook speaks to it.
pub fn slug_for(key: &str) -> Option<&'static str> {
    for_key(key)
        .into_iter()
        .min_by(|a, b| a.about.len().cmp(&b.about.len()).then(a.slug.cmp(&b.slug)))
        .map(|p| p.slug.as_str())
}

/// What follows "the search" when [`nothing_to_match`] says so.
pub const NOTHING_TO_MATCH: &str =
    "has nothing to match: give a word of two letters or more, less common than \"the\" or \"and\"";

/// Whether `words` hold no word a search could match (only punctuation,
/// single letters, or words too common to say what a text is about): a
/// search that could find nothing whatever the playbooks say.
pub fn nothing_to_match(words: &str) -> bool {
    index::terms(words).is_empty()
}

/// Built-ins matching the words, best first.
pub fn search(words: &str) -> Vec<Hit<'static>> {
    Library::builtin().search(words)
}

/// Built-in slugs close to a mistyped one.
pub fn close_slugs(slug: &str) -> Vec<&'static str> {
    Library::builtin().close_slugs(slug)
}
