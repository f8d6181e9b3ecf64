//! The audit log: who read or changed a sensitive record, and when — never
//! what it says. Written by the server's guard for every decision it allows.

use crate::access::{Action, Part};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Who acted: an account, or a guest through a share link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum AuditActor {
    User(String),
    Guest(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEvent {
    pub at: Timestamp,
    pub actor: AuditActor,
    /// read, create or change.
    pub action: String,
    /// Which part of the record: record, note, updates, comments, …
    pub part: String,
    /// The kind of record ("mistake") and its id.
    pub resource_kind: String,
    pub resource_id: String,
}

impl AuditEvent {
    pub fn mistake(
        at: Timestamp,
        actor: AuditActor,
        id: &str,
        part: Part,
        action: Action,
    ) -> AuditEvent {
        AuditEvent {
            at,
            actor,
            action: action_name(action).to_string(),
            part: part_name(part).to_string(),
            resource_kind: "mistake".to_string(),
            resource_id: id.to_string(),
        }
    }
}

impl AuditEvent {
    /// An event on one of a person's own records (a reflection, a principle,
    /// …): the kind names both the part and the resource.
    pub fn personal(
        at: Timestamp,
        actor: AuditActor,
        kind: crate::reflection::PersonalRecord,
        id: &str,
        action: Action,
    ) -> AuditEvent {
        AuditEvent {
            at,
            actor,
            action: action_name(action).to_string(),
            part: kind.as_str().to_string(),
            resource_kind: kind.as_str().to_string(),
            resource_id: id.to_string(),
        }
    }
}

pub fn action_name(a: Action) -> &'static str {
    match a {
        Action::Read => "read",
        Action::Create => "create",
        Action::Change => "change",
    }
}

pub fn part_name(p: Part) -> &'static str {
    match p {
        Part::Record => "record",
        Part::Note => "note",
        Part::Updates => "updates",
        Part::Comments => "comments",
        Part::Votes => "votes",
        Part::Acknowledgements => "acknowledgements",
        Part::Sharing => "sharing",
        Part::ShareLinks => "share_links",
        Part::Audit => "audit",
    }
}
