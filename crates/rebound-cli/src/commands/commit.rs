//! `rebound commit ID hotfix|guardrail SHA [--repo PATH] [--url URL]`. The
//! repository is always read here, on this computer, also in remote mode.

use super::{done, parse_id};
use crate::args::CommitArgs;
use crate::backend::Backend;
use crate::context::ms;
use crate::error::{CliError, Result};
use rebound_domain::commit_check::{parse_sha, parse_url};
use rebound_domain::note::clean;
use rebound_domain::{CommitRole, LinkedCommit};

pub async fn run(b: &impl Backend, a: CommitArgs) -> Result<()> {
    let role: CommitRole = a.role.parse().map_err(CliError::invalid)?;
    let id = parse_id(&a.id)?;
    let url = a
        .url
        .as_deref()
        .and_then(clean)
        .map(|v| parse_url(&v).map_err(CliError::invalid))
        .transpose()?;
    let mut commit = LinkedCommit {
        role,
        sha: None,
        url,
        message: a.message.as_deref().and_then(clean),
        author: None,
        committed_at: None,
        repo: None,
        linked_at: b.now().timestamp(),
    };
    match (&a.sha, &a.repo) {
        (Some(sha), Some(repo)) => {
            let info = rebound_git::resolve(repo, sha)?;
            let repo = std::fs::canonicalize(repo).unwrap_or_else(|_| repo.clone());
            commit.sha = Some(info.sha);
            commit.message = Some(info.message);
            commit.author = Some(info.author);
            commit.committed_at = Some(ms(info.committed_at));
            commit.repo = Some(repo.display().to_string());
        }
        (Some(sha), None) => commit.sha = Some(parse_sha(sha).map_err(CliError::invalid)?),
        (None, Some(_)) => return Err(CliError::invalid("--repo needs the commit SHA to look up")),
        (None, None) if commit.url.is_none() => {
            return Err(CliError::invalid(
                "give the commit SHA (with --repo PATH to check it) or --url",
            ));
        }
        (None, None) => {}
    }
    let short = commit
        .sha
        .as_deref()
        .map(|s| s[..s.len().min(10)].to_string());
    let described = commit.message.is_some();
    let linked = b.link_commit(&id, commit).await?;
    let mut warnings = linked.warnings;
    if !described {
        warnings.push(format!(
            "this {} has no description: add --message \"…\" or --repo PATH so it can be read in six months",
            role.label()
        ));
    }
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let r = linked.record;
    let what = short
        .or_else(|| r.mistake.commit(role).and_then(|c| c.url.clone()))
        .unwrap_or_default();
    done(&r, a.out, &format!("Linked {} {what}", role.label()));
    Ok(())
}
