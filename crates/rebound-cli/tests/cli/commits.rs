//! The two commits, resolved in a real git repository.

use crate::harness::{Rebound, git_repo};

#[test]
fn a_short_sha_is_resolved_with_message_author_and_time() {
    let rb = Rebound::new();
    let repo = rb.dir.path().join("repo");
    let (good, _) = git_repo(&repo);
    let id = rb.oops(&["Sent the wrong dashboard version to finance"]);
    let r = rb.run(&[
        "commit",
        &id,
        "hotfix",
        &good[..7],
        "--repo",
        repo.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stderr.contains("warning"),
        "a precise message gets no warning: {}",
        r.stderr
    );
    let m = rb.show(&id);
    let c = &m["commits"][0];
    assert_eq!(c["role"], "hotfix");
    assert_eq!(c["sha"], good);
    assert!(
        c["message"]
            .as_str()
            .unwrap()
            .starts_with("Pin the finance dashboard to v41")
    );
    assert_eq!(c["author"], "Ana Ruiz <ana@example.com>");
    assert_eq!(c["committed_at"], "2026-11-22T14:20:00Z");
}

#[test]
fn a_thin_message_gets_a_specific_warning() {
    let rb = Rebound::new();
    let repo = rb.dir.path().join("repo");
    let (_, thin) = git_repo(&repo);
    let id = rb.oops(&["Sent the wrong dashboard version to finance"]);
    let r = rb.run(&[
        "commit",
        &id,
        "guardrail",
        &thin,
        "--repo",
        repo.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "linked despite the warning: {}", r.stderr);
    assert!(r.stderr.contains("warning:"), "{}", r.stderr);
    assert!(
        r.stderr.to_lowercase().contains("fix"),
        "names the thin message: {}",
        r.stderr
    );
    assert_eq!(rb.show(&id)["commits"][0]["role"], "guardrail");
}

#[test]
fn a_sha_not_in_the_repository_is_refused() {
    let rb = Rebound::new();
    let repo = rb.dir.path().join("repo");
    git_repo(&repo);
    let id = rb.oops(&["Sent the wrong dashboard version to finance"]);
    let reason = rb.fails(
        &[
            "commit",
            &id,
            "hotfix",
            "deadbeef",
            "--repo",
            repo.to_str().unwrap(),
        ],
        1,
    );
    assert!(reason.contains("deadbeef"), "{reason}");
    let reason = rb.fails(
        &[
            "commit",
            &id,
            "hotfix",
            "HEAD~1",
            "--repo",
            repo.to_str().unwrap(),
        ],
        1,
    );
    assert!(reason.contains("HEAD~1"), "{reason}");
    assert_eq!(rb.show(&id)["commits"], serde_json::json!([]));
}

#[test]
fn without_a_repository_a_sha_or_url_is_kept_as_given() {
    let rb = Rebound::new();
    let id = rb.oops(&["Sent the wrong dashboard version to finance"]);
    let r = rb.run(&[
        "commit",
        &id,
        "rollback",
        "--url",
        "https://git.example.com/bi/dash/pull/12",
        "--message",
        "Revert dashboard to v41 because v42 double-counted refunds",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = rb.run(&["commit", &id, "hotfix", "ABC1234"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("no description"), "{}", r.stderr);
    let m = rb.show(&id);
    assert_eq!(m["commits"][0]["sha"], "abc1234");
    assert_eq!(
        m["commits"][1]["url"],
        "https://git.example.com/bi/dash/pull/12"
    );
    rb.fails(&["commit", &id, "hotfix", "not-a-sha!"], 1);
    rb.fails(
        &["commit", &id, "hotfix", "--url", "javascript:alert(1)"],
        1,
    );
}
