//! `rebound notifications`: list what you were notified of, and mark it read.

use super::JsonFlag;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct NotificationsArgs {
    #[command(subcommand)]
    pub command: Option<NotificationsCommand>,
    /// Only the ones not read yet.
    #[arg(long)]
    pub unread: bool,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum NotificationsCommand {
    /// Mark one notification read (its id, from the list), or --all.
    #[command(
        override_usage = "rebound notifications read <ID>\n       rebound notifications read --all"
    )]
    Read {
        /// The notification's id.
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        id: Option<String>,
        /// Every notification of yours.
        #[arg(long)]
        all: bool,
    },
}
