//! Turns a user-supplied SHA into a `CommitInfo`, or says precisely why not.

use crate::error::shorten;
use crate::git_command::{Git, GitOutput};
use crate::sha::{is_full_sha, parse_sha};
use crate::show_output::{SHOW_FORMAT, parse_show_output};
use crate::{CommitInfo, GitError};
use std::ffi::OsStr;
use std::path::Path;

/// Resolves `rev` (a short or full hex SHA) to a commit in the repository at `repo`.
pub fn resolve(repo: &Path, rev: &str) -> Result<CommitInfo, GitError> {
    resolve_with(OsStr::new("git"), repo, rev)
}

fn resolve_with(program: &OsStr, repo: &Path, rev: &str) -> Result<CommitInfo, GitError> {
    // Validate first: nothing that is not plain hex may reach git.
    let sha = parse_sha(rev).map_err(|problem| GitError::InvalidSha {
        input: shorten(rev),
        problem,
    })?;
    check_repo_path(repo)?;
    let git = Git::new(program, repo);
    let full_sha = find_commit(&git, &sha)?;
    read_commit(&git, &full_sha)
}

/// Answers the common path mistakes without starting git.
fn check_repo_path(repo: &Path) -> Result<(), GitError> {
    match repo.try_exists() {
        Ok(false) => Err(GitError::RepoMissing {
            path: repo.to_path_buf(),
        }),
        Ok(true) if !repo.is_dir() => Err(GitError::NotARepository {
            path: repo.to_path_buf(),
        }),
        // Exists, or unknowable (permissions): let git give the precise answer.
        _ => Ok(()),
    }
}

fn find_commit(git: &Git, sha: &str) -> Result<String, GitError> {
    // `<hex>^{commit}` cannot be read as an option, and peeling makes git
    // prefer commits when a short SHA also matches trees or blobs. We skip
    // `--end-of-options`: rev-parse only honours it from git 2.31.
    let out = git.run(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{sha}^{{commit}}"),
    ])?;
    if out.success {
        let full = out.stdout_text().trim().to_string();
        return if is_full_sha(&full) {
            Ok(full)
        } else {
            Err(git.failed(format!("unexpected rev-parse output {:?}", shorten(&full))))
        };
    }
    if says_not_a_repository(&out) {
        return Err(GitError::NotARepository {
            path: git.repo().to_path_buf(),
        });
    }
    // With --quiet, status 1 means "no single commit by that name"; 128 is a real failure.
    if out.code == Some(1) {
        return Err(explain_no_commit(git, sha)?);
    }
    Err(git.failed(out.failure_detail()))
}

fn says_not_a_repository(out: &GitOutput) -> bool {
    out.stderr.contains("not a git repository")
}

/// Works out why `sha^{commit}` failed: no object, several commits, or not a commit.
fn explain_no_commit(git: &Git, sha: &str) -> Result<GitError, GitError> {
    let repo = git.repo().to_path_buf();
    let out = git.run(&["rev-parse", &format!("--disambiguate={sha}")])?;
    if !out.success {
        return Err(git.failed(out.failure_detail()));
    }
    let candidates = out.stdout_text();
    if candidates.trim().is_empty() {
        return Ok(GitError::NotFound {
            repo,
            sha: sha.to_string(),
        });
    }
    let kinds = object_kinds(git, &candidates)?;
    // Tags count as commit-like: git would have peeled one to its commit.
    let commit_like = kinds
        .iter()
        .filter(|k| matches!(k.as_str(), "commit" | "tag"))
        .count();
    if commit_like >= 2 {
        return Ok(GitError::Ambiguous {
            repo,
            sha: sha.to_string(),
        });
    }
    let mut other: Vec<String> = kinds.into_iter().filter(|k| k != "commit").collect();
    other.sort();
    other.dedup();
    if other.is_empty() {
        // Only one commit matched yet git refused it: nothing sensible to add.
        return Err(git.failed(format!("could not resolve {sha}")));
    }
    Ok(GitError::NotACommit {
        repo,
        sha: sha.to_string(),
        kind: other.join(" or "),
    })
}

/// Object types for newline-separated full SHAs, in one git call.
fn object_kinds(git: &Git, shas: &str) -> Result<Vec<String>, GitError> {
    let out = git.run_with_stdin(
        &["cat-file", "--batch-check=%(objecttype)"],
        Some(shas.as_bytes()),
    )?;
    if !out.success {
        return Err(git.failed(out.failure_detail()));
    }
    Ok(out
        .stdout_text()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect())
}

fn read_commit(git: &Git, full_sha: &str) -> Result<CommitInfo, GitError> {
    // Flags override user config that would change the output
    // (log.showSignature also runs gpg, which we never want).
    let args = [
        "show",
        "-s",
        "--no-show-signature",
        "--no-color",
        "--encoding=UTF-8",
        SHOW_FORMAT,
        full_sha,
        "--",
    ];
    let out = git.run(&args)?;
    if !out.success {
        return Err(git.failed(out.failure_detail()));
    }
    match parse_show_output(&out.stdout) {
        Some(info) if info.sha == full_sha => Ok(info),
        _ => Err(git.failed(format!("unexpected `git show` output for {full_sha}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_git_binary_is_reported_as_not_installed() {
        let here = std::env::current_dir().unwrap();
        let err = resolve_with(OsStr::new("rebound-test-no-such-git"), &here, "abcd").unwrap_err();
        assert_eq!(err, GitError::GitNotInstalled);
    }
}
