//! The command tree. One variant per subcommand; each maps to a module in
//! `commands/` with the same name. The arguments of each group of
//! commands live beside it: `mistake.rs` (the contain flow), `learn.rs`
//! (reflecting and the classifiers), `server.rs` (serving, signing in, recovery
//! plans), `notifications.rs`, `digest.rs` (the Monday note), `preferences.rs`.

mod digest;
mod erasure;
mod journal;
mod learn;
mod mistake;
mod notifications;
mod playbook;
mod preferences;
mod server;
mod sharing;

pub use digest::*;
pub use erasure::*;
pub use journal::*;
pub use learn::*;
pub use mistake::*;
pub use notifications::*;
pub use playbook::*;
pub use preferences::*;
pub use server::*;
pub use sharing::*;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "rebound",
    version,
    about = "Own a mistake at work, fix it, and keep trust.",
    long_about = "Own a mistake at work, fix it, and keep trust.\n\nStart with `rebound oops \"what went wrong\"`: it records the mistake and drafts the two sentences to send right now."
)]
pub struct Cli {
    /// Directory holding the embedded database (default: your data directory).
    #[arg(long, global = true, env = "REBOUND_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Database URL (sqlite://PATH or postgres://USER@HOST:PORT/DATABASE);
    /// overrides --data-dir.
    #[arg(
        long,
        global = true,
        env = "REBOUND_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,

    /// Run against this Rebound server with the token in REBOUND_TOKEN (after
    /// `rebound login`, commands use the server you signed in to).
    #[arg(long, global = true, env = "REBOUND_SERVER", value_name = "URL")]
    pub server: Option<String>,

    /// Use this machine's database even when signed in to a server.
    #[arg(long, global = true)]
    pub local: bool,

    /// Which of the settings above were typed on the command line (rather
    /// than taken from the environment); set by `main` after parsing.
    #[arg(skip)]
    pub typed: Typed,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Typed {
    /// --data-dir or --database-url
    pub store: bool,
    /// --server
    pub server: bool,
    /// --data-dir alone (`serve` layers it over its config file)
    pub data_dir: bool,
    /// --database-url alone
    pub database_url: bool,
}

impl Typed {
    pub fn from_matches(m: &clap::ArgMatches) -> Typed {
        let typed = |id: &str| m.value_source(id) == Some(clap::parser::ValueSource::CommandLine);
        Typed {
            store: typed("data_dir") || typed("database_url"),
            server: typed("server"),
            data_dir: typed("data_dir"),
            database_url: typed("database_url"),
        }
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Include closed mistakes.
    #[arg(long)]
    pub all: bool,
    /// Only these states (comma-separated or repeated): detected, owned,
    /// contained, fixed, reviewed, closed.
    #[arg(long, value_name = "STATE", value_delimiter = ',')]
    pub state: Vec<String>,
    /// Only these severities (comma-separated or repeated): low, medium, high, critical.
    #[arg(long, value_name = "SEVERITY", value_delimiter = ',')]
    pub severity: Vec<String>,
    /// Whose: me, others, or a person by name or user id.
    #[arg(long, value_name = "OWNER")]
    pub owner: Option<String>,
    /// Only those with an update or a clock past due.
    #[arg(long)]
    pub overdue: bool,
    /// At most this many, the most urgent.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Clone, Copy, Args)]
pub struct JsonFlag {
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record a mistake and get the heads-up to send now.
    Oops(OopsArgs),
    /// Show one mistake: heads-up, clocks, timeline, note, commits, checkboxes.
    Show {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// List mistakes, the most urgent first: overdue updates, then clocks
    /// running out, then the rest, newest first.
    List(ListArgs),
    /// Correct the facts: title, description, who is affected, severity, times.
    Edit(EditArgs),
    /// Show, edit or mark sent the two-sentence heads-up.
    #[command(name = "heads-up", subcommand)]
    HeadsUp(HeadsUpCommand),
    /// Add timeline entries and star the ones for the write-up.
    #[command(subcommand)]
    Timeline(TimelineCommand),
    /// Fill the follow-up note from flags, stdin or your editor.
    Note(NoteArgs),
    /// Link the hotfix or the rollback/guardrail commit.
    Commit(CommitArgs),
    /// Tick a checkbox: impact or prevention.
    Check {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        /// impact or prevention
        checkbox: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Untick a checkbox.
    Uncheck {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        /// impact or prevention
        checkbox: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Move through detected → owned → contained → fixed → reviewed → closed.
    Move {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        /// The state to move to.
        state: String,
        /// When it happened (default: now).
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Close a mistake (needs both checkboxes ticked).
    Close {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Post a progress update, or set the update cadence or snooze it.
    Update(UpdateArgs),
    /// List a mistake's progress updates, newest first, a page at a time.
    Updates(UpdatesArgs),
    /// Run the server: JSON API under /api/v1 (OpenAPI at /api/v1/openapi.json).
    Serve(ServeArgs),
    /// Check how Rebound sends messages: `notify test --to EMAIL`.
    #[command(subcommand)]
    Notify(NotifyCommand),
    /// Sign in to a Rebound server: commands then run against it.
    Login(LoginArgs),
    /// Sign out: revoke this computer's token on the server and forget it.
    Logout,
    /// Say who you are signed in as, and where.
    Whoami {
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Recovery plans for the people you manage (on a server): list, show,
    /// open one, record a check-in, adopt a move, mark a task done.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// The people who report to you (on a server): their id, email, open
    /// plan and its next check-in.
    Reports {
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Suggest the trap and failure type behind an account of a mistake.
    Diagnose(DiagnoseArgs),
    /// Check a lesson: careful, cautious or vague, and why.
    #[command(subcommand)]
    Lesson(LessonCommand),
    /// Reflect on a mistake or an older memory: the trap, the failure type,
    /// the specific error, the lesson (checked), and a principle.
    Reflect(ReflectArgs),
    /// Your reflections, most recently changed first, with the step each is at.
    Reflections {
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Your Operating Manual: your principles, each with the mistake it came from.
    Manual(ManualArgs),
    /// Add, revise or retire a principle, or see its history.
    #[command(subcommand)]
    Principle(PrincipleCommand),
    /// Log a visible win after a mistake: keep showing up.
    #[command(override_usage = "rebound win [MISTAKE_ID] <TEXT>")]
    Win(WinArgs),
    /// Your wins, newest first.
    Wins {
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Your self-care reset plan: show it, or add and remove items.
    #[command(name = "self-care")]
    SelfCare(SelfCareArgs),
    /// What you were notified of on mistakes you are a stakeholder of
    /// (newest first), and marking it read.
    Notifications(NotificationsArgs),
    /// What reaches you, by kind and channel (email, chat), and changing it.
    Preferences(PreferencesArgs),
    /// Your chat webhook, or a team's channel (Slack or Mattermost): set, show, remove.
    #[command(subcommand)]
    Webhook(WebhookCommand),
    /// Your Monday note: preview it, or (admins) send everyone's now.
    #[command(subcommand)]
    Digest(DigestCommand),
    /// Print the completion script for a shell (bash, zsh, fish, elvish,
    /// powershell): `rebound completions bash > ~/.local/share/bash-completion/completions/rebound`.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output, or write one page
    /// per command into a directory: `rebound man --dir ~/.local/share/man/man1`.
    Man {
        /// Write rebound.1 and a rebound-COMMAND.1 for each command here.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Copy this machine's database to a new file PATH while it is in use
    /// (a consistent snapshot: every change saved before it began).
    Backup {
        /// The new file to write; it must not exist.
        path: PathBuf,
    },
    /// Put a backup back as this machine's database, after checking it
    /// (stop the server first).
    Restore {
        /// The backup file to restore from.
        path: PathBuf,
        /// Replace a database that already holds data (it is kept beside
        /// the new one, renamed).
        #[arg(long)]
        force: bool,
    },
    /// Export the follow-up as Markdown, a plain-text email, a standalone
    /// HTML page, a short chat message (Slack formatting) or JSON.
    Export {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        /// markdown, email, html, chat or json
        #[arg(long, short, default_value = "markdown")]
        format: String,
    },
    /// Who a mistake is shared with (on a server): list the stakeholders,
    /// name them with --with EMAIL, stop with --remove EMAIL.
    Share(ShareArgs),
    /// Comment on a mistake you can read (on a server), or reply to a comment.
    Comment(CommentArgs),
    /// The comments on a mistake, oldest first, replies under their comment.
    Comments {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// A share link for someone without an account (on a server): make one,
    /// --list them, or --revoke one.
    Link(LinkArgs),
    /// Download everything of yours as one zip: JSON (a documented,
    /// versioned schema, `rebound-export/1`) and Markdown to read, from a
    /// server or from this machine's database.
    ExportData {
        /// Where to write the zip; by default rebound-export-YYYY-MM-DD.zip
        /// in the current directory.
        path: Option<PathBuf>,
        /// Replace PATH if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Delete a mistake with everything under it: timeline, updates,
    /// comments, stakeholders, links (on a server, only your own). Asks on
    /// a terminal; without one, give --yes.
    Delete {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        /// Delete without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Your account on the server: `rebound account delete`.
    #[command(subcommand)]
    Account(AccountCommand),
    /// The built-in playbooks: list, show one, search (no server needed).
    #[command(subcommand)]
    Playbook(PlaybookCommand),
    /// Today's reflection prompt (the same for everyone that day; a
    /// weekend keeps Friday's). Answer it with `rebound journal add`.
    Prompt {
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Your private journal: list (the default), add, search, show, delete.
    Journal {
        #[command(subcommand)]
        command: Option<JournalCommand>,
        #[command(flatten)]
        out: JsonFlag,
    },
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn serve_help_lists_only_what_applies_to_serving() {
        let mut cmd = Cli::command();
        cmd.build();
        let help = |cmd: &mut clap::Command, name: &str| {
            let sub = cmd.find_subcommand_mut(name).unwrap();
            sub.render_long_help().to_string()
        };
        let serve = help(&mut cmd, "serve");
        assert!(!serve.contains("--server"), "{serve}");
        assert!(!serve.contains("--local"), "{serve}");
        assert!(
            serve.contains("--data-dir") && serve.contains("--addr"),
            "{serve}"
        );
        let list = help(&mut cmd, "list");
        assert!(
            list.contains("--server") && list.contains("--local"),
            "{list}"
        );
    }

    /// Every positional argument (`<ID>`, `<TEXT>`, …) of every command says
    /// what it is in `--help`.
    #[test]
    fn every_positional_argument_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_positionals() {
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} <{}>", arg.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "rebound", &mut missing);
        assert!(missing.is_empty(), "no help: {missing:#?}");
    }
}
