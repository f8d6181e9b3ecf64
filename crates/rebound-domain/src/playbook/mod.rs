//! The built-in playbooks (`playbooks/*.md`, compiled in): parsed once,
//! related to each other by their texts' similarity (`index.rs`), searched
//! by the same measure, and looked up by the plan's keys (`about`).

mod index;
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
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Core, Kind::Neighbour, Kind::Related, Kind::Practice];

    /// The heading a list of this kind goes under.
    pub fn heading(self) -> &'static str {
        match self {
            Kind::Core => "Confidence after a mistake",
            Kind::Neighbour => "Neighbouring topics",
            Kind::Related => "Related ideas",
            Kind::Practice => "Practices",
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

struct Library {
    books: Vec<Playbook>,
    index: index::Index,
    /// Per playbook (same order), the positions of its nearest others.
    related: Vec<Vec<usize>>,
}

fn library() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| {
        // A malformed built-in is left out here and fails `tests::all_parse`.
        let books: Vec<Playbook> = SOURCES
            .iter()
            .filter_map(|(slug, src)| parse(slug, src).ok())
            .collect();
        let index = index::Index::build(&books);
        let related = (0..books.len())
            .map(|i| index.nearest(i, RELATED))
            .collect();
        Library {
            books,
            index,
            related,
        }
    })
}

/// Every built-in playbook, in slug order.
pub fn all() -> &'static [Playbook] {
    &library().books
}

pub fn get(slug: &str) -> Option<&'static Playbook> {
    all().iter().find(|p| p.slug == slug)
}

/// The playbooks nearest `slug` by content, most similar first.
pub fn related(slug: &str) -> Vec<&'static Playbook> {
    let lib = library();
    match lib.books.iter().position(|p| p.slug == slug) {
        Some(i) => lib.related[i].iter().map(|&j| &lib.books[j]).collect(),
        None => Vec::new(),
    }
}

/// The playbooks that speak to one of the plan's keys, e.g. `sign:speaking_less`.
pub fn for_key(key: &str) -> Vec<&'static Playbook> {
    all()
        .iter()
        .filter(|p| p.about.iter().any(|a| a == key))
        .collect()
}

/// Playbooks matching the words, best first (title and summary weigh
/// more than the body), each with a snippet. No match is empty.
pub fn search(words: &str) -> Vec<Hit> {
    let lib = library();
    lib.index.search(&lib.books, words)
}

/// Slugs close to a mistyped one (sharing a word, or one containing the
/// other), for "no such playbook; did you mean …".
pub fn close_slugs(slug: &str) -> Vec<&'static str> {
    let slug = slug.trim().to_lowercase();
    let words: Vec<&str> = slug
        .split(['-', ' ', '_'])
        .filter(|w| w.len() > 2)
        .collect();
    all()
        .iter()
        .filter(|p| {
            (!slug.is_empty() && (p.slug.contains(&slug) || slug.contains(&p.slug)))
                || p.slug.split('-').any(|w| words.contains(&w))
        })
        .map(|p| p.slug.as_str())
        .take(3)
        .collect()
}
