//! Arguments of reflecting, the Operating Manual, wins, self-care and the
//! classifiers.

use super::JsonFlag;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct ReflectArgs {
    /// The mistake to reflect on (or give --memory for an older one).
    #[arg(value_name = "MISTAKE_ID", conflicts_with = "memory")]
    pub mistake: Option<String>,
    /// Reflect on an older memory with this short title.
    #[arg(long, value_name = "TITLE")]
    pub memory: Option<String>,
    /// What happened, in your words ("-" reads stdin; default: the
    /// mistake's description). The diagnosis reads it.
    #[arg(long, value_name = "TEXT")]
    pub account: Option<String>,
    /// judgment, expertise, ego or confidence.
    #[arg(long)]
    pub trap: Option<String>,
    /// information, courage, skill or attention.
    #[arg(long)]
    pub failure_type: Option<String>,
    /// The specific error, in one sentence.
    #[arg(long, value_name = "SENTENCE")]
    pub error: Option<String>,
    /// The lesson ("-" reads stdin); the lesson check runs on it.
    #[arg(long, value_name = "TEXT")]
    pub lesson: Option<String>,
    /// Turn the lesson into a principle: "I will not …".
    #[arg(long, value_name = "I WILL NOT …")]
    pub principle: Option<String>,
    /// Add the principle even though it is close to one you have.
    #[arg(long, requires = "principle")]
    pub add_anyway: bool,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct ManualArgs {
    /// Only principles whose wording contains this (any case).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Include retired principles.
    #[arg(long)]
    pub all: bool,
    /// Print the whole manual as Markdown (retired principles and earlier
    /// wordings included).
    #[arg(long, conflicts_with_all = ["json", "all"])]
    pub export: bool,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum PrincipleCommand {
    /// Add a principle to your Operating Manual.
    Add {
        /// "I will not …", followed by the specific behaviour.
        text: String,
        /// The reflection it comes from.
        #[arg(long, value_name = "ID")]
        reflection: Option<String>,
        /// Add it even though it is close to one you have.
        #[arg(long)]
        add_anyway: bool,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Reword a principle; the old wording stays in its history.
    Revise {
        /// The principle's id, as `rebound manual` shows it.
        id: String,
        /// The new wording, "I will not …".
        text: String,
        /// Why it changed.
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Retire a principle; it stays in the manual's history with the reason.
    Retire {
        /// The principle's id, as `rebound manual` shows it.
        id: String,
        /// Why it no longer applies.
        #[arg(long, required = true)]
        reason: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Every wording of a principle, oldest first.
    History {
        /// The principle's id, as `rebound manual` shows it.
        id: String,
        #[command(flatten)]
        out: JsonFlag,
    },
}

#[derive(Debug, Args)]
pub struct WinArgs {
    /// The mistake it follows (optional), then the win.
    #[arg(value_name = "MISTAKE_ID|TEXT", required = true)]
    pub first: String,
    /// The win, when a mistake id comes first.
    #[arg(value_name = "TEXT")]
    pub second: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct SelfCareArgs {
    /// Add an item (a walk, an evening off the phone, … or your own words).
    #[arg(long, value_name = "ITEM")]
    pub add: Vec<String>,
    /// Remove item N (as numbered when the plan is shown).
    #[arg(long, value_name = "N")]
    pub remove: Vec<usize>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct DiagnoseArgs {
    /// The account to diagnose (or give --jsonl and read lines on stdin).
    #[arg(conflicts_with = "jsonl")]
    pub text: Option<String>,
    /// Read `{"id","text"}` lines on stdin; write one JSON line per input.
    #[arg(long)]
    pub jsonl: bool,
}

#[derive(Debug, Subcommand)]
pub enum LessonCommand {
    /// Is a lesson careful, cautious or vague?
    Check {
        /// The lesson (or give --jsonl and read lines on stdin).
        #[arg(conflicts_with = "jsonl")]
        text: Option<String>,
        /// Read `{"id","text"}` lines on stdin; write one JSON line per input.
        #[arg(long)]
        jsonl: bool,
    },
}
