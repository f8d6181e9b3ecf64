//! Runs git against one repository with an environment that cannot redirect it
//! elsewhere or change what it prints.

use crate::GitError;
use std::ffi::OsStr;
use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Variables that would point git at a different repository than `-C` names
/// (they are set inside git hooks, for instance) or inject config from a parent git.
const INHERITED_VARS_TO_DROP: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_COMMON_DIR",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
    "GIT_CONFIG",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
];

pub(crate) struct GitOutput {
    pub success: bool,
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl GitOutput {
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// First non-empty stderr line: git's own summary of what went wrong.
    pub fn failure_detail(&self) -> String {
        match self.stderr.lines().map(str::trim).find(|l| !l.is_empty()) {
            Some(line) => line.to_string(),
            None => match self.code {
                Some(code) => format!("git exited with status {code}"),
                None => "git was killed by a signal".to_string(),
            },
        }
    }
}

pub(crate) struct Git<'a> {
    program: &'a OsStr,
    repo: &'a Path,
}

impl<'a> Git<'a> {
    pub fn new(program: &'a OsStr, repo: &'a Path) -> Self {
        Git { program, repo }
    }

    pub fn repo(&self) -> &Path {
        self.repo
    }

    pub fn run(&self, args: &[&str]) -> Result<GitOutput, GitError> {
        self.run_with_stdin(args, None)
    }

    pub fn run_with_stdin(
        &self,
        args: &[&str],
        stdin: Option<&[u8]>,
    ) -> Result<GitOutput, GitError> {
        let mut command = self.command(args);
        command.stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        let output = spawn_and_wait(command, stdin).map_err(|e| self.spawn_error(e))?;
        Ok(GitOutput {
            success: output.status.success(),
            code: output.status.code(),
            stdout: output.stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        })
    }

    pub fn failed(&self, detail: impl Into<String>) -> GitError {
        GitError::GitFailed {
            repo: self.repo.to_path_buf(),
            detail: detail.into(),
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(self.program);
        command
            .arg("--no-pager")
            .arg("-C")
            .arg(self.repo)
            .args(args);
        for var in INHERITED_VARS_TO_DROP {
            command.env_remove(var);
        }
        // Global config stays: users need it for safe.directory. System config
        // and locale do not, and LC_ALL=C keeps git's messages matchable.
        command
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_PAGER", "cat")
            .env("PAGER", "cat")
            .env("LC_ALL", "C")
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_OPTIONAL_LOCKS", "0")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }

    fn spawn_error(&self, error: io::Error) -> GitError {
        if error.kind() == io::ErrorKind::NotFound {
            GitError::GitNotInstalled
        } else {
            self.failed(format!("could not run git: {error}"))
        }
    }
}

/// Feeds stdin from a separate thread so a chatty git cannot deadlock us on a
/// full stdout pipe while we are still writing.
fn spawn_and_wait(mut command: Command, stdin: Option<&[u8]>) -> io::Result<Output> {
    let mut child = command.spawn()?;
    let Some(input) = stdin else {
        return child.wait_with_output();
    };
    let mut pipe = child.stdin.take();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            if let Some(pipe) = pipe.as_mut() {
                // A write error means git exited early; its status tells the story.
                let _ = pipe.write_all(input);
            }
        });
        child.wait_with_output()
    })
}
