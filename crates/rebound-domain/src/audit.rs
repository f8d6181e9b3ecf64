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

/// Who the log names when the server's own retention housekeeping deleted
/// a record (an account kind, as the log's schema allows; no account id is
/// ever this word).
pub const RETENTION_ACTOR: &str = "retention";

impl AuditActor {
    /// The server itself, deleting what its retention settings say to.
    pub fn retention() -> AuditActor {
        AuditActor::User(RETENTION_ACTOR.to_string())
    }
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

impl AuditEvent {
    /// `actor` deleted the record `kind` `id` (a mistake, an account):
    /// the event outlives the record.
    pub fn deleted(at: Timestamp, actor: AuditActor, kind: &str, id: &str) -> AuditEvent {
        AuditEvent {
            at,
            actor,
            action: action_name(Action::Delete).to_string(),
            part: "deleted".to_string(),
            resource_kind: kind.to_string(),
            resource_id: id.to_string(),
        }
    }
}

impl AuditEvent {
    /// `actor` created, changed or deleted the organisation's playbook
    /// `slug` (never what it says).
    pub fn playbook(at: Timestamp, actor: AuditActor, slug: &str, action: Action) -> AuditEvent {
        let part = if action == Action::Delete {
            "deleted"
        } else {
            "playbook"
        };
        AuditEvent {
            at,
            actor,
            action: action_name(action).to_string(),
            part: part.to_string(),
            resource_kind: "playbook".to_string(),
            resource_id: slug.to_string(),
        }
    }
}

/// Whose settings for what reaches them changed: a person's or a team's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose<'a> {
    Person(&'a crate::UserId),
    Team(&'a crate::TeamId),
}

impl<'a> Whose<'a> {
    /// The kind of record the event is about ("account" or "team").
    pub fn kind(self) -> &'static str {
        match self {
            Whose::Person(_) => "account",
            Whose::Team(_) => "team",
        }
    }

    pub fn id(self) -> &'a str {
        match self {
            Whose::Person(u) => u.as_str(),
            Whose::Team(t) => t.as_str(),
        }
    }
}

/// A change to what reaches people: which setting and what was done,
/// never its value (no URL, no part of one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReachChange {
    /// A delivery preference (a kind by a channel) turned on or off.
    Preferences,
    /// A chat webhook set or replaced.
    WebhookSet,
    /// A chat webhook removed.
    WebhookRemoved,
}

impl AuditEvent {
    /// `actor` changed what reaches `whose`.
    pub fn reach(
        at: Timestamp,
        actor: AuditActor,
        whose: Whose,
        change: ReachChange,
    ) -> AuditEvent {
        // The kind of change is the part: the log's actions are only read,
        // create and change (a CHECK in the schema), and a removal is a change.
        let part = match change {
            ReachChange::Preferences => "preferences",
            ReachChange::WebhookSet => "webhook_set",
            ReachChange::WebhookRemoved => "webhook_removed",
        };
        AuditEvent {
            at,
            actor,
            action: action_name(Action::Change).to_string(),
            part: part.to_string(),
            resource_kind: whose.kind().to_string(),
            resource_id: whose.id().to_string(),
        }
    }
}

pub fn action_name(a: Action) -> &'static str {
    match a {
        Action::Read => "read",
        Action::Create => "create",
        // The log's actions are read, create and change (a CHECK in the
        // schema); a deletion is a change, named by its part.
        Action::Change | Action::Delete => "change",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{TeamId, UserId};

    /// A change to what reaches people names who, which kind of change and
    /// whose: ids and fixed words only, so no value can leak through it.
    #[test]
    fn a_reach_event_holds_ids_and_fixed_words() {
        let at = Timestamp::from_second(1_800_000_000).unwrap();
        let ana = UserId::parse("ana0sam1").unwrap();
        let team = TeamId::parse("pay0team").unwrap();
        let actor = || AuditActor::User("ben0sam2".into());
        let e = AuditEvent::reach(at, actor(), Whose::Team(&team), ReachChange::WebhookRemoved);
        assert_eq!(
            (e.resource_kind.as_str(), e.resource_id.as_str()),
            ("team", "pay0team")
        );
        assert_eq!(
            (e.part.as_str(), e.action.as_str()),
            ("webhook_removed", "change")
        );
        let e = AuditEvent::reach(at, actor(), Whose::Person(&ana), ReachChange::Preferences);
        assert_eq!(
            (e.resource_kind.as_str(), e.resource_id.as_str()),
            ("account", "ana0sam1")
        );
        assert_eq!(
            (e.part.as_str(), e.action.as_str()),
            ("preferences", "change")
        );
        let e = AuditEvent::reach(at, actor(), Whose::Person(&ana), ReachChange::WebhookSet);
        assert_eq!(e.part, "webhook_set");
    }
}
