//! Rebound's domain. Pure code: no files, no network, no clock. Callers pass
//! "now" (with the person's time zone) and random bytes in.

pub mod access;
pub mod account;
pub mod attention;
pub mod audit;
pub mod clocks;
pub mod commit_check;
pub mod delivery;
pub mod digest;
pub mod export;
pub mod heads_up;
pub mod ics;
pub mod id;
pub mod insights;
pub mod journal;
pub mod listing;
pub mod manual;
pub mod mistake;
pub mod note;
pub mod note_template;
pub mod patterns;
pub mod playbook;
pub mod prompt;
pub mod recovery;
pub mod reflection;
pub mod reminder;
pub mod severity;
pub mod sharing;
pub mod state;
pub mod text;
pub mod when;
mod when_words;

pub use access::Visibility;
pub use account::{
    AccountError, DisplayName, Email, Role, Team, TeamName, TokenHash, User, WorkingHours,
};
pub use clocks::{Clocks, TargetClock, TargetStatus, UpdateClock};
pub use id::{
    ApiTokenId, InvalidId, JournalEntryId, MistakeId, PrincipleId, ReflectionId, SessionId, TeamId,
    UserId, WinId,
};
pub use mistake::{
    Change, CommitRole, DomainError, EntryEdit, EntryVersion, HeadsUp, LinkedCommit, Mistake,
    NewMistake, ProgressUpdate, RECENT_UPDATES, Revision, TimeCorrection, TimeField, TimelineEntry,
    Transition,
};
pub use note::{FollowUpNote, Impact, NoteSection, PreventionItem, PreventionKind};
pub use reflection::{
    DiagnosisFeedback, FailureType, LessonVerdict, NewReflection, PersonalRecord, Principle,
    PrincipleCheck, PrincipleRevision, PrincipleStatus, Reflection, ReflectionError, SelfCarePlan,
    Suggestion, Trap, Win,
};
pub use severity::{Cadence, Severity};
pub use sharing::{
    Actor, Author, Comment, CommentBody, CommentId, GuestId, NotificationId, NotificationKind,
    ShareLinkId, SharingError,
};
pub use state::{Checkbox, LifecycleError, State};
