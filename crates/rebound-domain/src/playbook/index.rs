//! TF-IDF over the playbooks' words and cosine similarity: which are
//! related (bodies only) and what a search finds (title and summary count
//! more). Small enough to build once on first use; deterministic because
//! every map is ordered and ties go to the slug.

use super::Playbook;
use std::collections::{BTreeMap, BTreeSet};

type Vector = BTreeMap<String, f64>;

/// Words too common to say what a text is about.
const STOP: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "each",
    "for", "from", "get", "had", "has", "have", "how", "if", "in", "into", "is", "it", "its",
    "just", "may", "more", "most", "much", "not", "of", "on", "once", "one", "only", "or", "other",
    "our", "out", "over", "own", "same", "so", "some", "such", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "too", "up", "very", "was",
    "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would",
    "you", "your",
];

/// Lowercased words, stop words dropped, crudely stemmed so "mistakes"
/// finds "mistake" and "checking" finds "check".
pub(super) fn terms(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.len() > 1 && !STOP.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

fn stem(w: &str) -> String {
    for suffix in ["ing", "ed", "s"] {
        if let Some(root) = w.strip_suffix(suffix)
            && root.chars().count() >= 4
            && !root.ends_with('s')
        {
            return root.to_string();
        }
    }
    w.to_string()
}

fn counts(weighted: &[(&str, f64)]) -> BTreeMap<String, f64> {
    let mut c = BTreeMap::new();
    for (text, weight) in weighted {
        for t in terms(text) {
            *c.entry(t).or_insert(0.0) += weight;
        }
    }
    c
}

fn normalise(mut v: Vector) -> Vector {
    let norm = v.values().map(|x| x * x).sum::<f64>().sqrt();
    if norm > 0.0 {
        v.values_mut().for_each(|x| *x /= norm);
    }
    v
}

fn dot(a: &Vector, b: &Vector) -> f64 {
    a.iter().filter_map(|(t, x)| b.get(t).map(|y| x * y)).sum()
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<'a> {
    pub playbook: &'a Playbook,
    pub score: f64,
    /// A line of the playbook holding one of the words, as plain text.
    pub snippet: String,
}

pub(super) struct Index {
    idf: BTreeMap<String, f64>,
    bodies: Vec<Vector>,
    searchable: Vec<Vector>,
}

impl Index {
    pub(super) fn build(books: &[Playbook]) -> Index {
        let body_counts: Vec<_> = books
            .iter()
            .map(|p| counts(&[(&p.body_markdown, 1.0)]))
            .collect();
        let search_counts: Vec<_> = books
            .iter()
            .map(|p| counts(&[(&p.title, 6.0), (&p.summary, 3.0), (&p.body_markdown, 1.0)]))
            .collect();
        let mut df: BTreeMap<String, usize> = BTreeMap::new();
        for c in &search_counts {
            for t in c.keys() {
                *df.entry(t.clone()).or_insert(0) += 1;
            }
        }
        let n = books.len() as f64;
        let idf: BTreeMap<String, f64> = df
            .into_iter()
            .map(|(t, d)| (t, ((1.0 + n) / (1.0 + d as f64)).ln() + 1.0))
            .collect();
        let weigh = |c: &BTreeMap<String, f64>| -> Vector {
            normalise(
                c.iter()
                    .map(|(t, &k)| {
                        (
                            t.clone(),
                            (1.0 + k.ln()) * idf.get(t).copied().unwrap_or(1.0),
                        )
                    })
                    .collect(),
            )
        };
        let bodies = body_counts.iter().map(weigh).collect();
        let searchable = search_counts.iter().map(weigh).collect();
        Index {
            idf,
            bodies,
            searchable,
        }
    }

    /// The `k` others most like playbook `i` by body, most similar first.
    pub(super) fn nearest(&self, i: usize, k: usize) -> Vec<usize> {
        let mut scored: Vec<(f64, usize)> = (0..self.bodies.len())
            .filter(|&j| j != i)
            .map(|j| (dot(&self.bodies[i], &self.bodies[j]), j))
            .collect();
        // Books are in slug order, so the index breaks a tie by slug.
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(k).map(|(_, j)| j).collect()
    }

    pub(super) fn search<'a>(&self, books: &'a [Playbook], words: &str) -> Vec<Hit<'a>> {
        let wanted: BTreeSet<String> = terms(words)
            .into_iter()
            .filter(|t| self.idf.contains_key(t))
            .collect();
        if wanted.is_empty() {
            return Vec::new();
        }
        let query = normalise(wanted.iter().map(|t| (t.clone(), self.idf[t])).collect());
        let mut hits: Vec<Hit> = books
            .iter()
            .zip(&self.searchable)
            .map(|(p, v)| (p, dot(&query, v)))
            .filter(|(_, s)| *s > 0.0)
            .map(|(p, score)| Hit {
                playbook: p,
                score,
                snippet: snippet(p, &wanted),
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.playbook.slug.cmp(&b.playbook.slug))
        });
        hits
    }
}

const SNIPPET_CHARS: usize = 200;

/// The first line of the body holding a wanted word, without Markdown's
/// marks and cut at a word; the summary when only the title matched.
fn snippet(p: &Playbook, wanted: &BTreeSet<String>) -> String {
    let line = p
        .body_markdown
        .lines()
        .map(|l| {
            l.trim_start_matches(['#', '-', '*', '>', ' ', '|'])
                .replace("**", "")
        })
        .find(|l| terms(l).iter().any(|t| wanted.contains(t)))
        .unwrap_or_else(|| p.summary.clone());
    if line.chars().count() <= SNIPPET_CHARS {
        return line;
    }
    let cut: String = line.chars().take(SNIPPET_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end())
}
