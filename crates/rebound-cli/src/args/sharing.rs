//! `share`, `comment`, `comments` and `link`: who a mistake is shared with,
//! the conversation on it, and links for people without an account.

use super::JsonFlag;
use clap::Args;

#[derive(Debug, Args)]
pub struct ShareArgs {
    /// The mistake's id, as `rebound list` shows it.
    pub id: String,
    /// Name this person a stakeholder (the email they sign in with); repeat for more.
    #[arg(long = "with", value_name = "EMAIL")]
    pub with: Vec<String>,
    /// Stop sharing with this person (the email they sign in with); repeat for more.
    #[arg(long, value_name = "EMAIL")]
    pub remove: Vec<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct CommentArgs {
    /// The mistake's id, as `rebound list` shows it.
    pub id: String,
    /// What to say, in Markdown ("-" reads it from stdin; leave it out to
    /// write it in $EDITOR).
    pub text: Option<String>,
    /// Reply to this comment (its id, as `rebound comments ID` shows it).
    #[arg(long, value_name = "COMMENT")]
    pub reply_to: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// The mistake's id, as `rebound list` shows it.
    pub id: String,
    /// List the links made, live or ended, instead of making one.
    #[arg(long, conflicts_with_all = ["revoke", "label", "expires"])]
    pub list: bool,
    /// Revoke this link (its id, as `--list` shows it): its guests are shut out.
    #[arg(long, value_name = "LINK", conflicts_with_all = ["label", "expires"])]
    pub revoke: Option<String>,
    /// Who the new link is for ("client team"), to tell links apart.
    #[arg(long, value_name = "TEXT")]
    pub label: Option<String>,
    /// When the new link stops working, within 90 days ("in 3 days",
    /// "friday 17:00"; default: in 7 days).
    #[arg(long, value_name = "WHEN")]
    pub expires: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}
