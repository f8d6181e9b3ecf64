//! Runs the built `rebound` binary on a temporary data directory, as a
//! person would, with no terminal (so it never prompts).

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub struct Rebound {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Rebound {
    pub fn new() -> Self {
        Rebound {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Runs `f` on a connection to the local database, for tests that look
    /// (or reach) under the CLI.
    pub fn local_db<T>(&self, f: impl AsyncFnOnce(&mut sqlx::SqliteConnection) -> T) -> T {
        use sqlx::Connection;
        let db = self.data_dir().join("rebound.db");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let url = format!("sqlite://{}", db.display());
            let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
            let out = f(&mut c).await;
            c.close().await.unwrap();
            out
        })
    }

    /// Where `rebound login` keeps its file.
    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rebound"));
        cmd.args(args)
            .env("REBOUND_DATA_DIR", self.data_dir())
            .env_remove("REBOUND_DATABASE_URL")
            // Never a real login of the person running the tests.
            .env("REBOUND_CONFIG_DIR", self.config_dir())
            .env_remove("REBOUND_SERVER")
            .env_remove("REBOUND_TOKEN")
            .env("TZ", "UTC")
            .env("CI", "true")
            .env("HOME", self.dir.path())
            .env_remove("EDITOR")
            .env_remove("VISUAL")
            .stdin(Stdio::null());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        to_run(self.command(args).output().expect("run rebound"))
    }

    pub fn run_with_stdin(&self, args: &[&str], input: &str) -> Run {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn rebound");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        to_run(child.wait_with_output().unwrap())
    }

    /// Runs and insists on success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "rebound {args:?} failed: {}", r.stderr);
        r.stdout
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
    }

    /// Runs and insists on failure with a one-line reason; returns it.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let r = self.run(args);
        assert_eq!(
            r.code, code,
            "rebound {args:?}: expected exit {code}, got {}: {}{}",
            r.code, r.stdout, r.stderr
        );
        let reason = r.stderr.trim();
        assert_eq!(
            reason.lines().count(),
            1,
            "error should be one line: {reason}"
        );
        assert!(reason.starts_with("rebound: error: "), "{reason}");
        reason.to_string()
    }

    /// Records a mistake and returns its id.
    pub fn oops(&self, args: &[&str]) -> String {
        let mut all = vec!["oops"];
        all.extend_from_slice(args);
        all.push("--json");
        self.json(&all)["id"].as_str().unwrap().to_string()
    }

    pub fn show(&self, id: &str) -> Value {
        self.json(&["show", id, "--json"])
    }

    /// What is stored, without the clocks (which move with "now"), so two
    /// reads can be compared to prove nothing changed.
    pub fn stored(&self, id: &str) -> Value {
        let mut v = self.show(id);
        v.as_object_mut().expect("object").remove("clocks");
        v
    }
}

fn to_run(o: Output) -> Run {
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// A git repository with two commits; returns (well-described sha, "fix" sha).
pub fn git_repo(dir: &Path) -> (String, String) {
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir)
            .env("GIT_AUTHOR_DATE", "2026-11-22T14:20:00Z")
            .env("GIT_COMMITTER_DATE", "2026-11-22T14:20:00Z")
            .output()
            .expect("git");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    std::fs::create_dir_all(dir).unwrap();
    git(&["init", "-q"]);
    git(&["config", "user.name", "Ana Ruiz"]);
    git(&["config", "user.email", "ana@example.com"]);
    std::fs::write(dir.join("dashboard.toml"), "version = 41\n").unwrap();
    git(&["add", "."]);
    git(&[
        "commit",
        "-q",
        "-m",
        "Pin the finance dashboard to v41 because v42 double-counts refunds",
        "-m",
        "v42 summed refunds twice in the Q3 revenue tile.",
    ]);
    let good = git(&["rev-parse", "HEAD"]);
    std::fs::write(dir.join("dashboard.toml"), "version = 41\nchecked = true\n").unwrap();
    git(&["commit", "-qam", "fix"]);
    let thin = git(&["rev-parse", "HEAD"]);
    (good, thin)
}
