//! `rebound preferences` (what reaches you, by kind and channel) and
//! `rebound webhook` (your chat webhook, or with `--team` a team's
//! channel): both on a server.

use super::JsonFlag;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PreferencesArgs {
    #[command(subcommand)]
    pub command: Option<PreferencesCommand>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum PreferencesCommand {
    /// Turn one kind of message on or off for one channel, e.g.
    /// `rebound preferences set update chat on`.
    #[command(override_usage = "rebound preferences set <KIND> <CHANNEL> on|off")]
    Set {
        /// stakeholder_note, update, closed, reminder or digest.
        kind: String,
        /// email or chat.
        channel: String,
        /// on or off.
        state: String,
        #[command(flatten)]
        out: JsonFlag,
    },
}

#[derive(Debug, Subcommand)]
pub enum WebhookCommand {
    /// Register (or replace) your chat webhook, or a team's with `--team`.
    /// Nothing is sent to your chat until you turn kinds on:
    /// `rebound preferences set KIND chat on`.
    #[command(
        override_usage = "rebound webhook set <URL|-> --format slack|mattermost [--team TEAM]"
    )]
    Set {
        /// The incoming-webhook URL from Slack or Mattermost; `-` reads it
        /// from standard input (keeps it out of your shell history).
        url: String,
        /// slack or mattermost.
        #[arg(long)]
        format: String,
        /// Your name for it.
        #[arg(long)]
        label: Option<String>,
        /// A team you are in (its id or name): its channel, not yours.
        #[arg(long)]
        team: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Show your chat webhook, or a team's (its address only up to the host).
    Show {
        /// A team you are in (its id or name): its channel, not yours.
        #[arg(long)]
        team: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Remove your chat webhook, or a team's.
    Remove {
        /// A team you are in (its id or name): its channel, not yours.
        #[arg(long)]
        team: Option<String>,
    },
}
