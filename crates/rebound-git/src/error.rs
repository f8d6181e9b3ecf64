//! Everything that can go wrong resolving a commit, each a one-line message
//! naming the path or SHA so the CLI can print it as is.

use crate::ShaProblem;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GitError {
    /// `input` is shortened if huge; `{:?}` keeps odd characters on one line.
    #[error("{input:?} is not a commit SHA: {problem}")]
    InvalidSha { input: String, problem: ShaProblem },

    #[error("repository path {path} does not exist")]
    RepoMissing { path: PathBuf },

    #[error("{path} is not a git repository")]
    NotARepository { path: PathBuf },

    #[error("commit {sha} not found in {repo}")]
    NotFound { repo: PathBuf, sha: String },

    #[error("short SHA {sha} matches several commits in {repo}; give more digits")]
    Ambiguous { repo: PathBuf, sha: String },

    /// `kind` is git's object type: "tree", "blob", "tag" (or several, "tree or blob").
    #[error("{sha} in {repo} is a {kind}, not a commit")]
    NotACommit {
        repo: PathBuf,
        sha: String,
        kind: String,
    },

    #[error("git is not installed (no `git` command on PATH)")]
    GitNotInstalled,

    /// `detail` is the first line of git's stderr, or what we could not run or parse.
    #[error("git failed in {repo}: {detail}")]
    GitFailed { repo: PathBuf, detail: String },
}

/// Keeps error messages one reasonable line even for pasted garbage.
pub(crate) fn shorten(input: &str) -> String {
    const LIMIT: usize = 80;
    match input.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &input[..cut]),
        None => input.to_string(),
    }
}
