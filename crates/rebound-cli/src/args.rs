//! The command tree. One variant per subcommand; each maps to a module in
//! `commands/` with the same name.

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

    /// Database URL (sqlite://PATH); overrides --data-dir.
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
}

impl Typed {
    pub fn from_matches(m: &clap::ArgMatches) -> Typed {
        let typed = |id: &str| m.value_source(id) == Some(clap::parser::ValueSource::CommandLine);
        Typed {
            store: typed("data_dir") || typed("database_url"),
            server: typed("server"),
        }
    }
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
        id: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// List open mistakes with their state, clocks and update status.
    List {
        /// Include closed mistakes.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        out: JsonFlag,
    },
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
        id: String,
        /// impact or prevention
        checkbox: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Untick a checkbox.
    Uncheck {
        id: String,
        /// impact or prevention
        checkbox: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Move through detected → owned → contained → fixed → reviewed → closed.
    Move {
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
        id: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Post a progress update, or set the update cadence or snooze it.
    Update(UpdateArgs),
    /// Run the server: JSON API under /api/v1 (OpenAPI at /api/v1/openapi.json).
    Serve(ServeArgs),
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
    /// Suggest the trap and failure type behind an account of a mistake.
    Diagnose(DiagnoseArgs),
    /// Check a lesson: careful, cautious or vague, and why.
    #[command(subcommand)]
    Lesson(LessonCommand),
    /// Reflect on a mistake or an older memory: the trap, the failure type,
    /// the specific error, the lesson (checked), and a principle.
    Reflect(ReflectArgs),
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
    /// Export the follow-up as Markdown, a plain-text email or JSON.
    Export {
        id: String,
        /// markdown, email or json
        #[arg(long, short, default_value = "markdown")]
        format: String,
    },
}

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
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Reword a principle; the old wording stays in its history.
    Revise {
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
        id: String,
        /// Why it no longer applies.
        #[arg(long, required = true)]
        reason: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Every wording of a principle, oldest first.
    History {
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

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:7878", env = "REBOUND_ADDR")]
    pub addr: std::net::SocketAddr,
    /// Send the session cookie without `Secure` (plain-HTTP development on
    /// loopback only; behind HTTPS leave this off).
    #[arg(long)]
    pub insecure_cookies: bool,
    /// Believe X-Forwarded-For only from this proxy address.
    #[arg(long, value_name = "IP", env = "REBOUND_TRUSTED_PROXY")]
    pub trusted_proxy: Option<std::net::IpAddr>,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Your account's email (asked on a terminal if left out).
    #[arg(long)]
    pub email: Option<String>,
    /// Read the password from the first line of stdin instead of asking.
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Args)]
pub struct OopsArgs {
    /// What went wrong, in a few words.
    pub title: String,
    /// The fuller account ("-" reads it from stdin).
    #[arg(long)]
    pub what: Option<String>,
    /// When you noticed (default: now), e.g. 14:05 or "10m ago".
    #[arg(long, value_name = "WHEN")]
    pub detected_at: Option<String>,
    /// When it started, if known.
    #[arg(long, value_name = "WHEN")]
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
    /// When you noticed.
    #[arg(long, value_name = "WHEN")]
    pub detected_at: Option<String>,
    /// When it started.
    #[arg(long, value_name = "WHEN")]
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
        id: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Change the heads-up: redraft with --doing, or replace the text.
    Edit {
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
}

#[derive(Debug, Subcommand)]
pub enum TimelineCommand {
    /// Add an entry ("-" as TEXT reads stdin).
    Add {
        id: String,
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
        id: String,
        entry: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Remove an entry's star.
    Unstar {
        id: String,
        entry: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// List the timeline with full dates and times.
    List {
        id: String,
        #[command(flatten)]
        out: JsonFlag,
    },
}

#[derive(Debug, Args)]
pub struct NoteArgs {
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
pub struct UpdateArgs {
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

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// The plans you manage and the plans about you.
    List {
        #[command(flatten)]
        out: JsonFlag,
    },
    /// One plan: trend, topics, suggested moves with reasons, tasks.
    Show {
        id: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Open a plan for one of your reports.
    Open(PlanOpenArgs),
    /// Record a one-on-one check-in: the ten signs, each 0–3.
    CheckIn(PlanCheckInArgs),
    /// Adopt a suggested move as a task with a due date.
    Adopt {
        id: String,
        /// calm_debrief, small_visible_win, development_plan, paired_work,
        /// recalibrated_goals or public_recognition.
        #[arg(value_name = "MOVE")]
        to: String,
        /// When it is due (2030-01-31T17:00:00Z); the move's usual days if left out.
        #[arg(long)]
        due: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Mark a task done (moves that complete by themselves are refused).
    Done {
        id: String,
        task: String,
        #[command(flatten)]
        out: JsonFlag,
    },
}

#[derive(Debug, Args)]
pub struct PlanOpenArgs {
    /// The report's user id.
    #[arg(long)]
    pub report: String,
    /// One of their mistakes you can see.
    #[arg(long)]
    pub mistake: Option<String>,
    /// A driver believed to dominate (repeatable): cognitive, social,
    /// environmental, process, workload, cultural, skill_gap.
    #[arg(long = "driver")]
    pub drivers: Vec<String>,
    /// A pressure point present (repeatable).
    #[arg(long = "pressure")]
    pub pressure_points: Vec<String>,
    /// A topic for the first check-in (repeatable).
    #[arg(long = "topic")]
    pub topics: Vec<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct PlanCheckInArgs {
    pub id: String,
    /// A sign and its level, NAME=LEVEL or NAME=LEVEL:NOTE (repeatable).
    #[arg(long = "sign", value_name = "NAME=LEVEL[:NOTE]")]
    pub signs: Vec<String>,
    /// The level of every sign not given with --sign.
    #[arg(long, value_name = "LEVEL")]
    pub rest: Option<u8>,
    /// An open topic talked about (repeatable); the rest carry over.
    #[arg(long)]
    pub covered: Vec<String>,
    /// A topic for next time (repeatable).
    #[arg(long = "topic")]
    pub topics: Vec<String>,
    /// They seemed in severe distress, hopeless, persistently anxious or overwhelmed.
    #[arg(long)]
    pub distress: bool,
    /// This is affecting safety-sensitive work or the team's outcomes.
    #[arg(long)]
    pub safety_impact: bool,
    /// A note for you alone.
    #[arg(long)]
    pub private_note: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}
