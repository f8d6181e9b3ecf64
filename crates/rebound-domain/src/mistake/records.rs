//! What a mistake holds besides its facts: the heads-up, timeline entries,
//! progress updates, linked commits and state transitions.

use crate::state::State;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeadsUp {
    /// The two sentences, drafted or as edited.
    pub text: String,
    /// What the person is doing about it, feeding the second sentence.
    pub doing: Option<String>,
    /// Once edited by hand the draft is never rewritten from the facts.
    pub edited: bool,
    pub sent_at: Option<Timestamp>,
    pub sent_to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    pub id: i64,
    /// When it happened.
    pub at: Timestamp,
    pub text: String,
    /// Starred entries go into the write-up.
    pub starred: bool,
    /// When it was written down.
    pub recorded_at: Timestamp,
    /// When it was taken off the timeline. A removed entry stays on the
    /// record (shown struck); the write-up leaves it out.
    #[serde(default)]
    pub removed_at: Option<Timestamp>,
    /// What it said before each edit, oldest first: an edit never rewrites
    /// the past silently.
    #[serde(default)]
    pub earlier: Vec<EntryVersion>,
}

/// A timeline entry's wording and time before an edit replaced them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryVersion {
    pub at: Timestamp,
    pub text: String,
    /// When the edit replaced it.
    pub replaced_at: Timestamp,
}

/// Which of a mistake's times a correction changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TimeField {
    /// When it started (`started_at`).
    Started,
    /// When it was noticed (`detected_at`).
    Detected,
}

impl TimeField {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeField::Started => "started",
            TimeField::Detected => "detected",
        }
    }

    /// How people read it: "when it started", "when it was noticed".
    pub fn label(self) -> &'static str {
        match self {
            TimeField::Started => "when it started",
            TimeField::Detected => "when it was noticed",
        }
    }
}

impl std::str::FromStr for TimeField {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "started" => Ok(TimeField::Started),
            "detected" => Ok(TimeField::Detected),
            _ => Err(format!("unknown time field '{s}'")),
        }
    }
}

/// A correction of when a mistake started or was noticed: what it said
/// before (none when the start was not known), what it says since, and
/// when the correction was made. Kept, as a timeline entry's earlier
/// wording is, so the record shows it was changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeCorrection {
    pub field: TimeField,
    pub earlier: Option<Timestamp>,
    pub later: Timestamp,
    pub corrected_at: Timestamp,
}

impl TimelineEntry {
    pub fn is_removed(&self) -> bool {
        self.removed_at.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressUpdate {
    pub id: i64,
    pub at: Timestamp,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CommitRole {
    /// The change that fixes the problem.
    Hotfix,
    /// The rollback or temporary guardrail that stops it spreading.
    Guardrail,
}

impl CommitRole {
    pub fn as_str(self) -> &'static str {
        match self {
            CommitRole::Hotfix => "hotfix",
            CommitRole::Guardrail => "guardrail",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CommitRole::Hotfix => "hotfix",
            CommitRole::Guardrail => "rollback or guardrail",
        }
    }
}

impl std::str::FromStr for CommitRole {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "hotfix" | "fix" => Ok(CommitRole::Hotfix),
            "guardrail" | "rollback" => Ok(CommitRole::Guardrail),
            other => Err(format!(
                "unknown commit role '{other}': use hotfix or guardrail (rollback)"
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkedCommit {
    pub role: CommitRole,
    /// Full SHA when resolved in a repository, otherwise as given.
    pub sha: Option<String>,
    pub url: Option<String>,
    pub message: Option<String>,
    pub author: Option<String>,
    pub committed_at: Option<Timestamp>,
    pub repo: Option<String>,
    pub linked_at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transition {
    pub from: State,
    pub to: State,
    pub at: Timestamp,
}
