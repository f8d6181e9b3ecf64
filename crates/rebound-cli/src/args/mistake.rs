//! Arguments of the contain flow: recording, editing, the heads-up, the
//! timeline, the note, commits and updates.

use super::JsonFlag;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct OopsArgs {
    /// What went wrong, in a few words.
    pub title: String,
    /// The fuller account ("-" reads it from stdin).
    #[arg(long)]
    pub what: Option<String>,
    /// When you noticed (default: now), e.g. 14:05 or "10m ago".
    #[arg(long, visible_alias = "noticed", value_name = "WHEN")]
    pub detected_at: Option<String>,
    /// When it started, if known.
    #[arg(long, visible_alias = "started", value_name = "WHEN")]
    pub started_at: Option<String>,
    /// Who is affected.
    #[arg(long)]
    pub affected: Option<String>,
    /// low, medium (default), high or critical.
    #[arg(long)]
    pub severity: Option<String>,
    /// What you are doing about it (the heads-up's second sentence).
    #[arg(long)]
    pub doing: Option<String>,
    /// Who else may read it on a server: private (default), manager,
    /// stakeholders or team.
    #[arg(long)]
    pub visibility: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The mistake's id, as `rebound list` shows it.
    pub id: String,
    /// A new title.
    #[arg(long)]
    pub title: Option<String>,
    /// The fuller account ("-" reads stdin; "" clears it).
    #[arg(long)]
    pub what: Option<String>,
    /// Who is affected ("" clears it).
    #[arg(long)]
    pub affected: Option<String>,
    /// low, medium, high or critical.
    #[arg(long)]
    pub severity: Option<String>,
    /// When you noticed: the clocks (time undetected, time to own) follow.
    #[arg(long, visible_alias = "noticed", value_name = "WHEN")]
    pub detected_at: Option<String>,
    /// When it started.
    #[arg(long, visible_alias = "started", value_name = "WHEN")]
    pub started_at: Option<String>,
    /// Who else may read it on a server: private, manager, stakeholders
    /// or team.
    #[arg(long)]
    pub visibility: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum HeadsUpCommand {
    /// Print the heads-up.
    Show {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Change the heads-up: redraft with --doing, or replace the text.
    Edit {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        /// Redraft with what you are doing about it.
        #[arg(long, conflicts_with_all = ["text", "editor"])]
        doing: Option<String>,
        /// The new text ("-" reads stdin).
        #[arg(long, conflicts_with = "editor")]
        text: Option<String>,
        /// Edit the text in $EDITOR.
        #[arg(long = "editor")]
        editor: bool,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Mark the heads-up sent (a detected mistake becomes owned).
    Sent {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        /// When you sent it (default: now).
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        /// Who you sent it to.
        #[arg(long, value_name = "WHO")]
        to: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Send the heads-up by email from your Rebound server, and mark it
    /// sent now (needs a server with email set up). With --json, the
    /// server's answer; with --wait too, {"mistake": …, "messages": […]}.
    Send(HeadsUpSendArgs),
}

#[derive(Debug, Args)]
pub struct HeadsUpSendArgs {
    /// The mistake's id, as `rebound list` shows it.
    pub id: String,
    /// An email address to send it to (repeatable).
    #[arg(long, value_name = "EMAIL")]
    pub to: Vec<String>,
    /// Wait (up to about 30 seconds) until each message is delivered or
    /// has failed, and say which.
    #[arg(long)]
    pub wait: bool,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum TimelineCommand {
    /// Add an entry ("-" as TEXT reads stdin).
    Add {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        /// What happened then ("-" reads it from stdin).
        text: String,
        /// When it happened (default: now).
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        /// Star it for the write-up.
        #[arg(long)]
        star: bool,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Star an entry for the write-up.
    Star {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        /// The entry's number, as `rebound timeline list` shows it.
        entry: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Remove an entry's star.
    Unstar {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        /// The entry's number, as `rebound timeline list` shows it.
        entry: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Correct an entry's text or time (the earlier wording stays on the
    /// record), or star or unstar it.
    Edit {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        /// The entry's number, as `rebound timeline list` shows it.
        entry: i64,
        /// The new text ("-" reads it from stdin).
        #[arg(long)]
        text: Option<String>,
        /// When it happened.
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        /// Star it for the write-up.
        #[arg(long, conflicts_with = "unstar")]
        star: bool,
        /// Remove its star.
        #[arg(long)]
        unstar: bool,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Take an entry off the timeline: it stays on the record, struck,
    /// and leaves the write-up.
    Remove {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        /// The entry's number, as `rebound timeline list` shows it.
        entry: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// List the timeline with full dates and times.
    List {
        /// The mistake's id, as `rebound list` shows it.
        id: String,
        #[command(flatten)]
        out: JsonFlag,
    },
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The mistake's id, as `rebound list` shows it.
    pub id: String,
    /// Who was affected.
    #[arg(long)]
    pub who: Option<String>,
    /// How many were affected.
    #[arg(long)]
    pub how_many: Option<String>,
    /// Since when the wrong thing was visible.
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// What exactly was wrong.
    #[arg(long)]
    pub what_wrong: Option<String>,
    /// What was done to contain it ("-" reads stdin).
    #[arg(long)]
    pub containment: Option<String>,
    /// The fix ("-" reads stdin).
    #[arg(long)]
    pub fix: Option<String>,
    /// When the fix ships, e.g. "16:00", "in 2h", "tomorrow 09:00".
    #[arg(long, value_name = "WHEN")]
    pub fix_due: Option<String>,
    /// Add a detective prevention item (finds it sooner next time).
    #[arg(long, value_name = "TEXT")]
    pub detective: Vec<String>,
    /// Add a preventive item (stops it happening).
    #[arg(long, value_name = "TEXT")]
    pub preventive: Vec<String>,
    /// Add a corrective item (repairs what this one left behind).
    #[arg(long, value_name = "TEXT")]
    pub corrective: Vec<String>,
    /// Remove every prevention item before adding the ones given.
    #[arg(long)]
    pub clear_prevention: bool,
    /// Who owns the follow-up.
    #[arg(long)]
    pub owner: Option<String>,
    /// When the next update is due (sets the promise; same as `update --snooze-until`).
    #[arg(long, value_name = "WHEN")]
    pub next_update: Option<String>,
    /// Read the whole note as the Markdown template from stdin.
    #[arg(long, conflicts_with = "editor")]
    pub stdin: bool,
    /// Edit the note as Markdown in $EDITOR.
    #[arg(long)]
    pub editor: bool,
    /// Print the note as the editable Markdown template.
    #[arg(long, conflicts_with_all = ["stdin", "editor"])]
    pub template: bool,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct CommitArgs {
    /// The mistake's id, as `rebound list` shows it.
    pub id: String,
    /// hotfix, or guardrail (also: rollback).
    pub role: String,
    /// The commit SHA, short or full.
    pub sha: Option<String>,
    /// Resolve the SHA in this git repository and keep its message, author and time.
    #[arg(long, value_name = "PATH")]
    pub repo: Option<PathBuf>,
    /// A link to the commit or pull request.
    #[arg(long)]
    pub url: Option<String>,
    /// The commit's description, when it is not read from a repository.
    #[arg(long)]
    pub message: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct UpdatesArgs {
    /// The mistake's id, as `rebound list` shows it.
    pub id: String,
    /// Those posted before this update (its number, as a page ends by
    /// naming the next); the newest when left out.
    #[arg(long, value_name = "UPDATE")]
    pub before: Option<i64>,
    /// How many to a page, 1 to 100.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub limit: u32,
    /// Every update, however many (pages read one after another).
    #[arg(long, conflicts_with_all = ["before", "limit"])]
    pub all: bool,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The mistake's id, as `rebound list` shows it.
    pub id: String,
    /// The update to post ("-" reads stdin).
    pub text: Option<String>,
    /// How often updates are promised: e.g. 30m, 2h, default, none.
    #[arg(long)]
    pub cadence: Option<String>,
    /// Push the next update back by this long, e.g. 1h.
    #[arg(long, value_name = "DURATION", conflicts_with = "snooze_until")]
    pub snooze: Option<String>,
    /// Promise the next update at this time.
    #[arg(long, value_name = "WHEN")]
    pub snooze_until: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}
