//! Arguments of `serve`, `login` and the recovery plans (`plan`).

use super::JsonFlag;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// `serve`'s settings as flags: each is optional, so that a flag overrides
/// the config file and the environment only when typed (see
/// `commands/serve/config.rs` for the layers).
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Settings file (TOML; keys named as these flags, e.g. `addr`,
    /// `database_url`, `log_format`).
    #[arg(long, value_name = "PATH", env = "REBOUND_CONFIG")]
    pub config: Option<PathBuf>,
    /// Print the effective settings as TOML (passwords shown as ***) and exit.
    #[arg(long)]
    pub print_config: bool,
    /// Address to listen on (default 127.0.0.1:7878; REBOUND_ADDR).
    #[arg(long, value_name = "ADDR")]
    pub addr: Option<std::net::SocketAddr>,
    /// Send the session cookie without `Secure` (plain-HTTP development on
    /// loopback only; behind HTTPS leave this off).
    #[arg(long)]
    pub insecure_cookies: bool,
    /// Believe X-Forwarded-For only from this proxy address
    /// (REBOUND_TRUSTED_PROXY).
    #[arg(long, value_name = "IP")]
    pub trusted_proxy: Option<std::net::IpAddr>,
    /// How log lines on stderr look: text (default) or json (REBOUND_LOG_FORMAT).
    #[arg(long, value_name = "FORMAT")]
    pub log_format: Option<String>,
    /// Which log lines to write, in env-filter syntax, e.g. `info` (default)
    /// or `warn,rebound::request=info` (REBOUND_LOG).
    #[arg(long, value_name = "FILTER")]
    pub log: Option<String>,
    /// Seconds a client has to send a request's headers; also how long an
    /// idle connection stays open (default 10; REBOUND_HEADER_READ_TIMEOUT).
    #[arg(long, value_name = "SECS")]
    pub header_read_timeout: Option<u64>,
    /// Seconds a request may take before it gets 408 (default 30;
    /// REBOUND_REQUEST_TIMEOUT).
    #[arg(long, value_name = "SECS")]
    pub request_timeout: Option<u64>,
    /// Connections served at once; more wait to be accepted (default 4096,
    /// lowered to fit the open-file limit; REBOUND_MAX_CONNECTIONS).
    #[arg(long, value_name = "N")]
    pub max_connections: Option<usize>,
    /// Share the address with other `rebound serve` processes that set this
    /// too (SO_REUSEPORT: the kernel spreads new connections over them;
    /// REBOUND_REUSE_PORT).
    #[arg(long)]
    pub reuse_port: bool,
    /// Take scheduled backups of the embedded database into this directory
    /// (REBOUND_BACKUP_DIR; none by default).
    #[arg(long, value_name = "DIR")]
    pub backup_dir: Option<PathBuf>,
    /// Hours between scheduled backups (default 24; REBOUND_BACKUP_EVERY).
    #[arg(long, value_name = "HOURS")]
    pub backup_every: Option<u64>,
    /// Scheduled backups to keep; older ones are removed (default 7;
    /// REBOUND_BACKUP_KEEP).
    #[arg(long, value_name = "N")]
    pub backup_keep: Option<u64>,
    #[command(flatten)]
    pub keep: KeepArgs,
    #[command(flatten)]
    pub mail: MailArgs,
    /// Shadows the global `--server`, which says nothing to the server
    /// itself: defined here (hidden), clap does not add the global one to
    /// `serve`'s help. Never read.
    #[arg(long = "server", id = "server", hide = true, value_name = "URL")]
    pub _server: Option<String>,
    /// Shadows the global `--local` in the same way. Never read.
    #[arg(long = "local", id = "local", hide = true)]
    pub _local: bool,
}

/// Retention: how long what has ended is kept, in whole days or
/// `forever` (read and checked with the other settings, `config.rs`; a
/// negative number too, which clap would otherwise take for a flag).
#[derive(Debug, Default, Args)]
pub struct KeepArgs {
    /// Days a closed mistake is kept after it was closed, then deleted with
    /// everything on it (default forever; REBOUND_KEEP_CLOSED_MISTAKES).
    #[arg(
        long = "keep-closed-mistakes",
        value_name = "DAYS|forever",
        allow_hyphen_values = true
    )]
    pub closed_mistakes: Option<String>,
    /// Days an expired or revoked share link stays listed for its owner
    /// (default 30; REBOUND_KEEP_ENDED_SHARE_LINKS).
    #[arg(
        long = "keep-ended-share-links",
        value_name = "DAYS|forever",
        allow_hyphen_values = true
    )]
    pub ended_share_links: Option<String>,
    /// Days an audit event is kept (default forever; REBOUND_KEEP_AUDIT_EVENTS).
    #[arg(
        long = "keep-audit-events",
        value_name = "DAYS|forever",
        allow_hyphen_values = true
    )]
    pub audit_events: Option<String>,
}

/// Where Rebound's messages go out; shared by `serve` and `notify test`.
#[derive(Debug, Default, Args)]
pub struct MailArgs {
    /// The mail server: smtp://[user:password@]host[:port] (STARTTLS) or
    /// smtps://… (TLS from the start); REBOUND_SMTP_URL.
    #[arg(long, value_name = "URL")]
    pub smtp_url: Option<String>,
    /// Who mail comes from, e.g. "Rebound <rebound@example.com>"; REBOUND_MAIL_FROM.
    #[arg(long, value_name = "ADDRESS")]
    pub mail_from: Option<String>,
    /// The address people reach this server at, the base of every link in
    /// a message and of share links (e.g. https://rebound.example.com);
    /// REBOUND_PUBLIC_URL.
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// Private address ranges chat webhooks may still reach, comma-separated
    /// (e.g. "10.0.0.0/8, 127.0.0.1/32"); REBOUND_WEBHOOK_ALLOW_PRIVATE.
    #[arg(long, value_name = "CIDRS")]
    pub webhook_allow_private: Option<String>,
    /// Seconds a delivery worker holds the messages it claimed; after a
    /// crash they wait this long to go again (default 120; REBOUND_DELIVERY_LEASE).
    #[arg(long, value_name = "SECS")]
    pub delivery_lease: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum NotifyCommand {
    /// Check the delivery settings end to end, from the same config file,
    /// REBOUND_* environment and flags `rebound serve` reads: connect to
    /// the mail server and send a short test message.
    Test(NotifyTestArgs),
}

#[derive(Debug, Args)]
pub struct NotifyTestArgs {
    /// Where the test message goes.
    #[arg(long, value_name = "EMAIL")]
    pub to: String,
    /// `serve`'s settings file (TOML), as for `rebound serve --config`.
    #[arg(long, value_name = "PATH", env = "REBOUND_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub mail: MailArgs,
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

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// The plans you manage and the plans about you.
    List {
        #[command(flatten)]
        out: JsonFlag,
    },
    /// One plan: trend, topics, suggested moves with reasons, tasks.
    Show {
        /// The plan's id, as `rebound plan list` shows it.
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
        /// The plan's id, as `rebound plan list` shows it.
        id: String,
        /// calm_debrief, separate_person_from_event, small_visible_win,
        /// development_plan, paired_work, share_own_failures,
        /// protect_from_blame, recalibrated_goals, specific_feedback,
        /// micro_experiments, public_recognition or track_in_one_on_ones.
        #[arg(value_name = "MOVE")]
        to: String,
        /// When it is due ("friday", "next monday 9am", "in 3 days",
        /// 2030-01-31 17:00); the move's usual days if left out.
        #[arg(long)]
        due: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Mark a task done (moves that complete by themselves are refused).
    Done {
        /// The plan's id, as `rebound plan list` shows it.
        id: String,
        /// The task's id, as `rebound plan show` lists it.
        task: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// End a plan: no more check-ins, and the one-on-ones are cancelled in
    /// both calendars. It cannot be reopened.
    End {
        /// The plan's id, as `rebound plan list` shows it.
        id: String,
        /// Why, if you want to say (seen by both of you): recovered or other.
        #[arg(long)]
        reason: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
}

#[derive(Debug, Args)]
pub struct PlanOpenArgs {
    /// Whom it is for: their id, email or name (`rebound reports` lists
    /// the people who report to you).
    #[arg(long, value_name = "ID|EMAIL|NAME")]
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
    /// The plan's id, as `rebound plan list` shows it.
    pub id: String,
    /// A sign and its level, NAME=LEVEL or NAME=LEVEL:NOTE (repeatable).
    #[arg(long = "sign", value_name = "NAME=LEVEL[:NOTE]")]
    pub signs: Vec<String>,
    /// The level of every sign not given with --sign (without it, they
    /// keep the last check-in's levels).
    #[arg(long, value_name = "LEVEL")]
    pub rest: Option<u8>,
    /// Every sign not given with --sign as at the last check-in.
    #[arg(long, conflicts_with = "rest")]
    pub same: bool,
    /// When the one-on-one was, if not now ("yesterday 16:00", "friday
    /// 10:30", "2 hours ago", 2026-11-20 14:00).
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
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
