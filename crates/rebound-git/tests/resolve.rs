//! Resolves SHAs against real throwaway repositories built with the git command.

use rebound_git::{GitError, ShaProblem, resolve};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use tempfile::TempDir;

const FIX_MESSAGE: &str = "Guard checkout against empty carts\n\n\
    The total divided by the item count; 100% of empty carts crashed.\n\
    Refs: INC-42";
const FIX_COMMITTED: &str = "2024-03-05T13:30:00Z";

struct TestRepo {
    dir: TempDir,
}

impl TestRepo {
    fn new() -> Self {
        let repo = TestRepo {
            dir: TempDir::new().unwrap(),
        };
        repo.git(&["init", "-q"]);
        repo.git(&["config", "user.name", "Ada Lovelace"]);
        repo.git(&["config", "user.email", "ada@example.com"]);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs git isolated from the developer's own config (signing, hooks…).
    fn git_with_input(&self, args: &[&str], input: Option<&str>) -> String {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(self.path())
            .args(args)
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_DATE", "2024-03-01T09:00:00+00:00")
            .env("GIT_COMMITTER_DATE", "2024-03-05T14:30:00+01:00")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command
            .spawn()
            .expect("git must be installed to run these tests");
        let mut stdin = child.stdin.take().unwrap();
        let input = input.unwrap_or("").to_string();
        let writer =
            std::thread::spawn(move || std::io::Write::write_all(&mut stdin, input.as_bytes()));
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    fn git(&self, args: &[&str]) -> String {
        self.git_with_input(args, None)
    }

    fn commit_file(&self, name: &str, contents: &str, message: &str) -> String {
        std::fs::write(self.path().join(name), contents).unwrap();
        self.git(&["add", name]);
        self.git(&["commit", "-q", "-m", message]);
        self.git(&["rev-parse", "HEAD"])
    }

    /// A repository with a hotfix on top of an initial commit; returns the hotfix SHA.
    fn with_hotfix() -> (Self, String) {
        let repo = TestRepo::new();
        repo.commit_file("cart.txt", "v1\n", "Initial cart\n\nFirst version.");
        let sha = repo.commit_file("cart.txt", "v2\n", FIX_MESSAGE);
        (repo, sha)
    }
}

#[test]
fn short_sha_resolves_to_full_commit_details() {
    let (repo, sha) = TestRepo::with_hotfix();
    let info = resolve(repo.path(), &sha[..7]).unwrap();
    assert_eq!(info.sha, sha);
    assert_eq!(info.message, FIX_MESSAGE);
    assert_eq!(info.author, "Ada Lovelace <ada@example.com>");
    assert_eq!(info.committed_at, FIX_COMMITTED.parse().unwrap());
}

#[test]
fn full_and_uppercase_shas_resolve() {
    let (repo, sha) = TestRepo::with_hotfix();
    assert_eq!(resolve(repo.path(), &sha).unwrap().sha, sha);
    assert_eq!(resolve(repo.path(), &sha.to_uppercase()).unwrap().sha, sha);
    let first = repo.git(&["rev-parse", "HEAD~1"]);
    let info = resolve(repo.path(), &first[..4]).unwrap();
    assert_eq!(info.message, "Initial cart\n\nFirst version.");
}

#[test]
fn unknown_sha_is_not_found_and_named() {
    let (repo, _) = TestRepo::with_hotfix();
    let unknown = "0000000000000000000000000000000000000bad";
    let err = resolve(repo.path(), unknown).unwrap_err();
    assert!(
        matches!(err, GitError::NotFound { ref sha, .. } if sha == unknown),
        "{err:?}"
    );
    assert!(err.to_string().contains(unknown), "{err}");
}

#[test]
fn non_hex_input_is_refused_before_git_runs() {
    // In a real repository git would happily accept HEAD or run --help,
    // so an InvalidSha error proves the input never reached it.
    let (repo, _) = TestRepo::with_hotfix();
    for input in [
        "HEAD",
        "HEAD~1",
        "--help",
        "-x",
        "--upload-pack=touch pwned",
        "abc;rm",
        "main",
    ] {
        let err = resolve(repo.path(), input).unwrap_err();
        assert_eq!(
            err,
            GitError::InvalidSha {
                input: input.to_string(),
                problem: ShaProblem::NotHex
            },
            "{input}"
        );
    }
    assert!(!repo.path().join("pwned").exists());
}

#[test]
fn too_short_and_too_long_shas_are_refused() {
    let (repo, sha) = TestRepo::with_hotfix();
    let err = resolve(repo.path(), &sha[..3]).unwrap_err();
    assert!(
        matches!(
            err,
            GitError::InvalidSha {
                problem: ShaProblem::TooShort,
                ..
            }
        ),
        "{err:?}"
    );
    let err = resolve(repo.path(), &"a".repeat(65)).unwrap_err();
    assert!(
        matches!(
            err,
            GitError::InvalidSha {
                problem: ShaProblem::TooLong,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn missing_path_is_named() {
    let dir = TempDir::new().unwrap();
    let missing: PathBuf = dir.path().join("no-such-repo");
    let err = resolve(&missing, "abcd").unwrap_err();
    assert_eq!(
        err,
        GitError::RepoMissing {
            path: missing.clone()
        }
    );
    assert!(
        err.to_string().contains(&missing.display().to_string()),
        "{err}"
    );
}

#[test]
fn plain_directory_or_file_is_not_a_repository() {
    let dir = TempDir::new().unwrap();
    let err = resolve(dir.path(), "abcd").unwrap_err();
    assert_eq!(
        err,
        GitError::NotARepository {
            path: dir.path().to_path_buf()
        }
    );

    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "hi").unwrap();
    let err = resolve(&file, "abcd").unwrap_err();
    assert_eq!(err, GitError::NotARepository { path: file });
}

#[test]
fn tree_and_blob_shas_are_refused() {
    let (repo, _) = TestRepo::with_hotfix();
    for (rev, kind) in [("HEAD^{tree}", "tree"), ("HEAD:cart.txt", "blob")] {
        let sha = repo.git(&["rev-parse", rev]);
        let err = resolve(repo.path(), &sha).unwrap_err();
        assert!(
            matches!(err, GitError::NotACommit { kind: ref k, .. } if k == kind),
            "{err:?}"
        );
        assert!(err.to_string().contains(&sha), "{err}");
    }
}

#[test]
fn short_sha_shared_by_two_commits_is_ambiguous() {
    // Fixed content and dates make these commit SHAs identical on every run;
    // 1500 commits all but guarantee two share a 4-digit prefix.
    let repo = TestRepo::new();
    let stream: String = (0..1500)
        .map(|i| {
            format!(
                "commit refs/heads/main\ncommitter T <t@e> {} +0000\ndata <<EOF\nc{i}\nEOF\n\n",
                1_700_000_000 + i
            )
        })
        .collect();
    repo.git_with_input(&["fast-import", "--quiet"], Some(&stream));
    let mut prefixes: Vec<String> = repo
        .git(&["rev-list", "--all"])
        .lines()
        .map(|s| s[..4].to_string())
        .collect();
    prefixes.sort();
    let shared = prefixes
        .windows(2)
        .find(|w| w[0] == w[1])
        .expect("a shared prefix")[0]
        .clone();

    let err = resolve(repo.path(), &shared).unwrap_err();
    assert!(
        matches!(err, GitError::Ambiguous { ref sha, .. } if *sha == shared),
        "{err:?}"
    );
}
