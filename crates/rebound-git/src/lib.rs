//! Resolves a commit SHA in a local repository by asking the `git` command.
//!
//! We shell out rather than link gix/libgit2: git is on every machine we
//! target and this keeps the build small. Only plain hex SHAs ever reach git.

mod error;
mod git_command;
mod resolve;
mod sha;
mod show_output;

pub use error::GitError;
pub use resolve::resolve;
pub use sha::{MAX_SHA_LEN, MIN_SHA_LEN, ShaProblem};

/// A commit as recorded in the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitInfo {
    /// Full object name: 40 hex digits (SHA-1) or 64 (SHA-256).
    pub sha: String,
    /// Full commit message, surrounding whitespace trimmed.
    pub message: String,
    /// "Name <email>" exactly as stored in the commit (no mailmap).
    pub author: String,
    /// Committer time: when the change landed, which is what a hotfix is about.
    pub committed_at: jiff::Timestamp,
}
