//! A person's whole archive, "Download my data": one versioned JSON
//! document (`export.json`, schema [`SCHEMA`], documented in
//! `archive_schema.md`, which the archive's README carries) and Markdown
//! files for people, as `(path, bytes)` entries the caller zips.
//!
//! The caller gathers what the person may have (through the server's guard,
//! or the CLI's own database); nothing here reads or decides access. A
//! plan arrives as the report sees it ([`plan_as_report_sees_it`]).

use super::archive_md as md;
use super::{MistakeView, into_view};
use crate::delivery::{Channel, MessageKind};
use crate::recovery::{PrivateNote, RecoveryPlan};
use crate::{
    CommentId, DiagnosisFeedback, Mistake, MistakeId, NotificationKind, Principle, Reflection,
    SelfCarePlan, User, Win,
};
use jiff::{Timestamp, Zoned};
use serde::Serialize;

/// The version of `export.json`'s shape: a new section is added under the
/// same number; a renamed or retyped field makes `rebound-export/2`.
pub const SCHEMA: &str = "rebound-export/1";

/// The folder every entry is under, so an unzipped archive is one folder.
pub const ROOT: &str = "rebound-export";

const SCHEMA_DOC: &str = include_str!("archive_schema.md");

/// Whose archive it is (absent in a personal CLI database, which has no accounts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: &'static str,
    pub time_zone: String,
    pub created_at: Timestamp,
}

impl From<&User> for Person {
    fn from(u: &User) -> Person {
        Person {
            id: u.id.to_string(),
            email: u.email.to_string(),
            display_name: u.display_name.to_string(),
            role: u.role.as_str(),
            time_zone: u.time_zone.clone(),
            created_at: u.created_at,
        }
    }
}

/// A comment as the archive keeps it: its author's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArchivedComment {
    pub id: CommentId,
    pub mistake: MistakeId,
    pub parent: Option<CommentId>,
    pub author_name: String,
    pub body: String,
    pub created_at: Timestamp,
    pub edited_at: Option<Timestamp>,
    pub score: u32,
}

impl From<&crate::Comment> for ArchivedComment {
    fn from(c: &crate::Comment) -> Self {
        ArchivedComment {
            id: c.id.clone(),
            mistake: c.mistake.clone(),
            parent: c.parent.clone(),
            author_name: c.author_name.to_string(),
            body: c.body.clone(),
            created_at: c.created_at,
            edited_at: c.edited_at,
            score: c.score,
        }
    }
}

/// A named stakeholder on one of the person's mistakes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArchivedStakeholder {
    pub display_name: String,
    pub added_at: Timestamp,
    pub acknowledged_at: Option<Timestamp>,
}

/// A share link the person made (never its secret address).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArchivedLink {
    pub id: String,
    pub label: Option<String>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
}

/// One mistake the person owns, with every part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnedMistake {
    pub record: MistakeView,
    pub comments: Vec<ArchivedComment>,
    pub stakeholders: Vec<ArchivedStakeholder>,
    /// Who acknowledged the note: name and time.
    pub acknowledgements: Vec<(String, Timestamp)>,
    pub affected: Vec<String>,
    pub share_links: Vec<ArchivedLink>,
}

impl OwnedMistake {
    /// Just the record (a personal database keeps nothing else).
    pub fn bare(m: Mistake, now: &Zoned) -> OwnedMistake {
        OwnedMistake {
            record: into_view(m, now),
            comments: Vec::new(),
            stakeholders: Vec::new(),
            acknowledgements: Vec::new(),
            affected: Vec::new(),
            share_links: Vec::new(),
        }
    }
}

/// A comment the person wrote on someone else's mistake: the title only
/// while they may still read that mistake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommentElsewhere {
    #[serde(flatten)]
    pub comment: ArchivedComment,
    pub mistake_title: Option<String>,
}

/// An upvote the person cast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoteCast {
    pub mistake: MistakeId,
    pub comment: CommentId,
    pub at: Timestamp,
    pub mistake_title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArchivedNotification {
    pub kind: NotificationKind,
    pub mistake: MistakeId,
    pub mistake_title: String,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
}

/// One delivery choice: a kind of message by a channel, on or off (the
/// kinds never chosen have their defaults and are not listed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArchivedPreference {
    pub kind: MessageKind,
    pub channel: Channel,
    pub enabled: bool,
}

/// An administrator's archive for a formal request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormalRequest {
    pub by: String,
    pub by_name: String,
    pub reason: String,
}

/// Everything gathered for one archive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Archive {
    pub schema: &'static str,
    pub generated_at: Timestamp,
    /// The zone the Markdown's times are written in.
    pub time_zone: String,
    /// `server` or `local` (a personal CLI database).
    pub source: &'static str,
    pub person: Option<Person>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formal_request: Option<FormalRequest>,
    pub mistakes: Vec<OwnedMistake>,
    pub comments_elsewhere: Vec<CommentElsewhere>,
    pub votes: Vec<VoteCast>,
    pub reflections: Vec<Reflection>,
    pub diagnosis_labels: Vec<DiagnosisFeedback>,
    pub principles: Vec<Principle>,
    pub wins: Vec<Win>,
    pub self_care: Option<SelfCarePlan>,
    /// Their private journal, newest first.
    pub journal: Vec<crate::journal::JournalEntry>,
    /// As the report sees each: no escalation, no distress or safety flags.
    pub recovery_plans: Vec<serde_json::Value>,
    pub notifications: Vec<ArchivedNotification>,
    pub preferences: Vec<ArchivedPreference>,
    /// Only in an administrator's archive for a formal request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_notes: Option<Vec<PrivateNote>>,
}

impl Archive {
    /// An empty archive made at `now`, for the caller to fill.
    pub fn new(now: &Zoned, source: &'static str, person: Option<Person>) -> Archive {
        Archive {
            schema: SCHEMA,
            generated_at: now.timestamp(),
            time_zone: now.time_zone().iana_name().unwrap_or("UTC").to_string(),
            source,
            person,
            formal_request: None,
            mistakes: Vec::new(),
            comments_elsewhere: Vec::new(),
            votes: Vec::new(),
            reflections: Vec::new(),
            diagnosis_labels: Vec::new(),
            principles: Vec::new(),
            wins: Vec::new(),
            self_care: None,
            journal: Vec::new(),
            recovery_plans: Vec::new(),
            notifications: Vec::new(),
            preferences: Vec::new(),
            private_notes: None,
        }
    }
}

/// A plan as its report reads it: the check-ins without the distress and
/// safety flags (left out, not false); the escalation is never part of it.
pub fn plan_as_report_sees_it(plan: &RecoveryPlan) -> serde_json::Value {
    let mut v = serde_json::to_value(plan).expect("a plan is plain data");
    if let Some(cs) = v.get_mut("check_ins").and_then(|c| c.as_array_mut()) {
        for c in cs.iter_mut().filter_map(|c| c.as_object_mut()) {
            c.remove("distress");
            c.remove("safety_impact");
        }
    }
    v
}

/// The archive's files, each under [`ROOT`]: `README.md`, `export.json`,
/// one Markdown file per mistake, and one per other section that has
/// anything in it. `now` gives the zone the Markdown's times are written in.
pub fn archive(a: &Archive, now: &Zoned) -> Vec<(String, Vec<u8>)> {
    let json = serde_json::to_vec_pretty(a).expect("an archive is plain data");
    let mut files = vec![
        (path("README.md"), readme(a, now).into_bytes()),
        (path("export.json"), json),
    ];
    for m in &a.mistakes {
        let name = format!("mistakes/{}.md", m.record.mistake.id);
        files.push((path(&name), md::mistake(m, now).into_bytes()));
    }
    let sections: [(&str, Option<String>); 8] = [
        ("comments-elsewhere.md", md::comments_elsewhere(a, now)),
        ("reflections.md", md::reflections(&a.reflections, now)),
        ("principles.md", md::principles(&a.principles, now)),
        ("wins.md", md::wins(&a.wins, now)),
        (
            "self-care.md",
            a.self_care.as_ref().map(|p| md::self_care(p, now)),
        ),
        ("journal.md", md::journal(&a.journal, now)),
        ("recovery-plans.md", md::plans(&a.recovery_plans, now)),
        (
            "private-notes.md",
            a.private_notes
                .as_deref()
                .and_then(|n| md::private_notes(n, now)),
        ),
    ];
    for (name, text) in sections {
        if let Some(text) = text {
            files.push((path(name), text.into_bytes()));
        }
    }
    files
}

fn path(name: &str) -> String {
    format!("{ROOT}/{name}")
}

fn readme(a: &Archive, now: &Zoned) -> String {
    let whose = match &a.person {
        Some(p) => format!("{} <{}>", p.display_name, p.email),
        None => "this computer's Rebound database".to_string(),
    };
    let mut out = format!(
        "# Your Rebound data\n\nEverything of {whose}, as of {}.\n\n",
        md::when(a.generated_at, now)
    );
    if let Some(f) = &a.formal_request {
        out.push_str(&format!(
            "Made by the administrator {} on a formal request: {}\n\nIt includes the managers' private notes about this person.\n\n",
            f.by_name,
            super::one_line(&f.reason)
        ));
    }
    out.push_str("## What each file is\n\n");
    out.push_str(&format!(
        "- `export.json`: everything, for programs (schema `{SCHEMA}`, below).\n"
    ));
    out.push_str("- `mistakes/<id>.md`: each mistake you own, with its note, timeline, updates, comments, stakeholders and share links.\n");
    let optional = [
        (
            "comments-elsewhere.md",
            !a.comments_elsewhere.is_empty() || !a.votes.is_empty(),
            "what you wrote and upvoted on other people's mistakes",
        ),
        (
            "reflections.md",
            !a.reflections.is_empty(),
            "your reflections, step by step",
        ),
        (
            "principles.md",
            !a.principles.is_empty(),
            "your principles, with every wording they ever had",
        ),
        ("wins.md", !a.wins.is_empty(), "your wins"),
        ("self-care.md", a.self_care.is_some(), "your self-care plan"),
        (
            "journal.md",
            !a.journal.is_empty(),
            "your journal: answers to the daily prompt, and free entries",
        ),
        (
            "recovery-plans.md",
            !a.recovery_plans.is_empty(),
            "recovery plans about you, as you see them",
        ),
        (
            "private-notes.md",
            a.private_notes.as_ref().is_some_and(|n| !n.is_empty()),
            "the managers' private notes about you",
        ),
    ];
    for (name, present, what) in optional {
        if present {
            out.push_str(&format!("- `{name}`: {what}.\n"));
        }
    }
    out.push_str("\nA section with nothing in it has no file; `export.json` lists it empty.\n\n");
    out.push_str(SCHEMA_DOC);
    out
}
