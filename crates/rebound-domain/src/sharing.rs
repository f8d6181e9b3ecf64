//! Communicating about a mistake: named stakeholders and the wider
//! "affected" list, acknowledgements, comments with replies and upvotes,
//! share links for people without an account (guests), and in-app
//! notifications. The values and their rules live here; who may do what is
//! [`crate::access`]'s, storing them is the store's.

use crate::account::DisplayName;
use crate::id::{MistakeId, UserId};
use crate::mistake::Change;
use crate::state::State;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// A comment's body: 1 to this many characters.
pub const MAX_COMMENT_CHARS: usize = 5_000;
/// Entries on a mistake's affected list.
pub const MAX_AFFECTED_ENTRIES: usize = 100;
/// Characters in one affected entry ("the finance leads", an email).
pub const MAX_AFFECTED_CHARS: usize = 200;
/// Characters in a share link's label ("client team").
pub const MAX_LINK_LABEL_CHARS: usize = 100;
/// How long a share link works when the owner does not say.
pub const DEFAULT_LINK_LIFETIME: SignedDuration = SignedDuration::from_hours(24 * 7);
/// The longest a share link may work.
pub const MAX_LINK_LIFETIME: SignedDuration = SignedDuration::from_hours(24 * 90);
/// How long an expired or revoked share link stays listed for its owner
/// before housekeeping deletes it, unless `keep_ended_share_links` says.
pub const ENDED_LINK_KEPT_FOR: SignedDuration = SignedDuration::from_hours(24 * 30);

pub use crate::id::{CommentId, GuestId, NotificationId, ShareLinkId};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SharingError {
    #[error("the comment is empty")]
    EmptyComment,
    #[error("the comment is {0} characters; the limit is {MAX_COMMENT_CHARS}")]
    CommentTooLong(usize),
    #[error(
        "the affected list has {0} entries; keep it to {MAX_AFFECTED_ENTRIES} (name a group instead)"
    )]
    TooManyAffected(usize),
    #[error("an affected entry is {0} characters; keep each under {MAX_AFFECTED_CHARS}")]
    AffectedEntryTooLong(usize),
    #[error("the link label is {0} characters; keep it under {MAX_LINK_LABEL_CHARS}")]
    LabelTooLong(usize),
    #[error("{0}")]
    Text(#[from] crate::text::TextError),
    #[error("a share link must expire in the future")]
    ExpiryNotInFuture,
    #[error("a share link can work for at most 90 days")]
    ExpiryTooFar,
}

/// A comment's text: 1 to [`MAX_COMMENT_CHARS`] characters, not only
/// whitespace. Kept exactly as given (plain text; whoever renders it
/// escapes it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentBody(String);

impl CommentBody {
    pub fn parse(input: &str) -> Result<CommentBody, SharingError> {
        if input.trim().is_empty() {
            return Err(SharingError::EmptyComment);
        }
        let len = input.chars().count();
        if len > MAX_COMMENT_CHARS {
            return Err(SharingError::CommentTooLong(len));
        }
        crate::text::lines("the comment", input)?;
        Ok(CommentBody(input.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The affected list as the owner gives it: each entry trimmed, blanks
/// dropped, repeats (ignoring case) dropped keeping the first, order kept.
pub fn affected_list<S: AsRef<str>>(entries: &[S]) -> Result<Vec<String>, SharingError> {
    let mut out: Vec<String> = Vec::new();
    for e in entries {
        let e = e.as_ref().trim();
        if e.is_empty() {
            continue;
        }
        crate::text::line("an affected entry", e)?;
        let len = e.chars().count();
        if len > MAX_AFFECTED_CHARS {
            return Err(SharingError::AffectedEntryTooLong(len));
        }
        if !out.iter().any(|o| o.to_lowercase() == e.to_lowercase()) {
            out.push(e.to_string());
        }
    }
    if out.len() > MAX_AFFECTED_ENTRIES {
        return Err(SharingError::TooManyAffected(out.len()));
    }
    Ok(out)
}

/// A share link's optional label, trimmed; blank means none.
pub fn link_label(input: Option<&str>) -> Result<Option<String>, SharingError> {
    let Some(label) = input.map(str::trim).filter(|l| !l.is_empty()) else {
        return Ok(None);
    };
    crate::text::line("the link label", label)?;
    let len = label.chars().count();
    if len > MAX_LINK_LABEL_CHARS {
        return Err(SharingError::LabelTooLong(len));
    }
    Ok(Some(label.to_string()))
}

/// When a share link made at `now` stops working: `requested`, which must
/// be after `now` and at most [`MAX_LINK_LIFETIME`] later, or by default
/// [`DEFAULT_LINK_LIFETIME`] from `now`.
pub fn link_expiry(
    now: Timestamp,
    requested: Option<Timestamp>,
) -> Result<Timestamp, SharingError> {
    match requested {
        None => Ok(now + DEFAULT_LINK_LIFETIME),
        Some(at) if at <= now => Err(SharingError::ExpiryNotInFuture),
        Some(at) if at > now + MAX_LINK_LIFETIME => Err(SharingError::ExpiryTooFar),
        Some(at) => Ok(at),
    }
}

/// Who acts on a mistake's conversation: an account, or a guest who came
/// through a share link. Votes and authorship are keyed by this.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Actor {
    Account(UserId),
    Guest(GuestId),
}

/// Who wrote a comment. A guest's display name is kept with the comment;
/// an account's is read from the account, so a renamed person shows under
/// their new name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Author {
    Account(UserId),
    Guest {
        id: GuestId,
        name: DisplayName,
    },
    /// Its author deleted their account at `at`: it keeps its place in the
    /// thread (replies stay) without its text or their name.
    Removed {
        at: Timestamp,
    },
}

impl Author {
    /// Who wrote it (nobody, once removed).
    pub fn actor(&self) -> Option<Actor> {
        match self {
            Author::Account(u) => Some(Actor::Account(u.clone())),
            Author::Guest { id, .. } => Some(Actor::Guest(id.clone())),
            Author::Removed { .. } => None,
        }
    }
}

pub const REMOVED_AUTHOR: &str = "removed"; // shown for a removed comment's author

/// A comment or reply, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: CommentId,
    pub mistake: MistakeId,
    /// The comment this replies to, always on the same mistake.
    pub parent: Option<CommentId>,
    pub author: Author,
    /// The author's display name as of reading.
    pub author_name: DisplayName,
    pub body: String,
    pub created_at: Timestamp,
    pub edited_at: Option<Timestamp>,
    /// Upvotes: one per person (account or guest).
    pub score: u32,
}

/// What an in-app notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum NotificationKind {
    /// The owner named you a stakeholder.
    StakeholderAdded,
    /// The owner posted a progress update on a mistake you are a
    /// stakeholder of.
    UpdatePosted,
    /// A mistake you are a stakeholder of was closed.
    Closed,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 3] = [
        NotificationKind::StakeholderAdded,
        NotificationKind::UpdatePosted,
        NotificationKind::Closed,
    ];

    /// What a stakeholder hears of a change the owner made: a progress
    /// update posted, or the mistake closed (directly or passing through).
    pub fn for_change(change: &Change) -> Option<NotificationKind> {
        match change {
            Change::UpdatePosted { .. } => Some(NotificationKind::UpdatePosted),
            Change::Transitioned(t) if t.to == State::Closed => Some(NotificationKind::Closed),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::StakeholderAdded => "stakeholder_added",
            NotificationKind::UpdatePosted => "update_posted",
            NotificationKind::Closed => "closed",
        }
    }

    /// What happened, told to the person notified, up to the mistake's
    /// title (which follows it): the web page links the title, the CLI
    /// prints it quoted, so both say the same words.
    pub fn lead(self) -> &'static str {
        match self {
            NotificationKind::StakeholderAdded => "You were named a stakeholder on",
            NotificationKind::UpdatePosted => "A progress update was posted on",
            NotificationKind::Closed => "The owner closed",
        }
    }

    /// The whole sentence: `A progress update was posted on “Wrong totals”.`
    pub fn describe(self, title: &str) -> String {
        format!("{} \u{201c}{title}\u{201d}.", self.lead())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_as_a_sentence_about_its_mistake() {
        for kind in NotificationKind::ALL {
            let said = kind.describe("Wrong totals");
            assert!(said.starts_with(kind.lead()), "{said}");
            assert!(said.ends_with(" \u{201c}Wrong totals\u{201d}."), "{said}");
        }
        assert_eq!(
            NotificationKind::UpdatePosted.describe("Wrong totals"),
            "A progress update was posted on \u{201c}Wrong totals\u{201d}."
        );
    }

    #[test]
    fn stakeholders_hear_of_updates_and_closing_only() {
        use crate::mistake::Transition;
        let at: Timestamp = "2026-03-04T09:00:00Z".parse().unwrap();
        let posted = Change::UpdatePosted {
            at,
            text: "v41 back".into(),
        };
        assert_eq!(
            NotificationKind::for_change(&posted),
            Some(NotificationKind::UpdatePosted)
        );
        for (from, to, want) in [
            (
                State::Reviewed,
                State::Closed,
                Some(NotificationKind::Closed),
            ),
            (State::Fixed, State::Reviewed, None),
            (State::Detected, State::Owned, None),
        ] {
            let moved = Change::Transitioned(Transition { from, to, at });
            assert_eq!(NotificationKind::for_change(&moved), want, "{to:?}");
        }
        let starred = Change::TimelineStarred {
            entry_id: 1,
            starred: true,
        };
        assert_eq!(NotificationKind::for_change(&starred), None);
    }

    #[test]
    fn child_ids_share_the_mistake_id_codec_but_name_their_kind() {
        let c = CommentId::from_random([1, 2, 3, 4, 5]);
        assert_eq!(c.as_str(), MistakeId::from_random([1, 2, 3, 4, 5]).as_str());
        assert_eq!(CommentId::parse(&c.as_str().to_uppercase()).unwrap(), c);
        let err = ShareLinkId::parse("nope").unwrap_err();
        assert_eq!(err.kind, "share link");
        assert!(err.to_string().contains("'nope' is not a share link id"));
        assert!(GuestId::parse("7kq3x9mz").is_ok());
        assert!(NotificationId::parse("7kq3x9m!").is_err());
    }

    #[test]
    fn comment_bodies_are_kept_as_given_within_limits() {
        assert_eq!(CommentBody::parse(""), Err(SharingError::EmptyComment));
        assert_eq!(CommentBody::parse(" \n\t"), Err(SharingError::EmptyComment));
        let html = "  <b>not bold</b> & \"quotes\"\n";
        assert_eq!(CommentBody::parse(html).unwrap().as_str(), html);
        let max = "é".repeat(MAX_COMMENT_CHARS);
        assert!(CommentBody::parse(&max).is_ok(), "counted in characters");
        assert_eq!(
            CommentBody::parse(&format!("{max}x")),
            Err(SharingError::CommentTooLong(MAX_COMMENT_CHARS + 1))
        );
    }

    #[test]
    fn the_affected_list_is_trimmed_deduplicated_and_bounded() {
        let list = affected_list(&[
            " the finance leads ",
            "",
            "ana@client.com",
            "The Finance Leads",
            "  ",
        ])
        .unwrap();
        assert_eq!(list, ["the finance leads", "ana@client.com"]);
        assert_eq!(affected_list::<&str>(&[]).unwrap(), Vec::<String>::new());
        let many: Vec<String> = (0..=MAX_AFFECTED_ENTRIES)
            .map(|i| format!("p{i}"))
            .collect();
        assert_eq!(
            affected_list(&many),
            Err(SharingError::TooManyAffected(MAX_AFFECTED_ENTRIES + 1))
        );
        let long = "x".repeat(MAX_AFFECTED_CHARS + 1);
        assert!(affected_list(&[long]).is_err());
        assert!(matches!(
            affected_list(&["a\nb"]),
            Err(SharingError::Text(_))
        ));
        assert!(matches!(
            affected_list(&["\u{202E}gpj.exe"]),
            Err(SharingError::Text(_))
        ));
    }

    #[test]
    fn link_expiry_defaults_to_a_week_and_stays_within_ninety_days() {
        let now: Timestamp = "2026-11-22T13:30:00Z".parse().unwrap();
        assert_eq!(
            link_expiry(now, None).unwrap(),
            now + SignedDuration::from_hours(168)
        );
        assert_eq!(
            link_expiry(now, Some(now)),
            Err(SharingError::ExpiryNotInFuture)
        );
        assert_eq!(
            link_expiry(now, Some(now - SignedDuration::from_secs(1))),
            Err(SharingError::ExpiryNotInFuture)
        );
        let soon = now + SignedDuration::from_secs(1);
        assert_eq!(link_expiry(now, Some(soon)).unwrap(), soon);
        let limit = now + MAX_LINK_LIFETIME;
        assert_eq!(link_expiry(now, Some(limit)).unwrap(), limit);
        assert_eq!(
            link_expiry(now, Some(limit + SignedDuration::from_millis(1))),
            Err(SharingError::ExpiryTooFar)
        );
    }

    #[test]
    fn labels_are_optional_trimmed_and_short() {
        assert_eq!(link_label(None).unwrap(), None);
        assert_eq!(link_label(Some("  ")).unwrap(), None);
        assert_eq!(
            link_label(Some(" client team ")).unwrap().as_deref(),
            Some("client team")
        );
        assert!(link_label(Some(&"x".repeat(MAX_LINK_LABEL_CHARS + 1))).is_err());
        assert!(matches!(
            link_label(Some("a\u{7}b")),
            Err(SharingError::Text(_))
        ));
    }

    #[test]
    fn an_author_acts_as_their_account_or_guest_identity() {
        let user = UserId::parse("7kq3x9mz").unwrap();
        assert_eq!(
            Author::Account(user.clone()).actor(),
            Some(Actor::Account(user))
        );
        let guest = GuestId::parse("abcd1234").unwrap();
        let author = Author::Guest {
            id: guest.clone(),
            name: DisplayName::parse("Dana (client)").unwrap(),
        };
        assert_eq!(author.actor(), Some(Actor::Guest(guest)));
    }
}
