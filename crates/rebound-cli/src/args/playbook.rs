use super::JsonFlag;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum PlaybookCommand {
    /// Every built-in playbook, grouped by kind.
    List {
        #[command(flatten)]
        out: JsonFlag,
    },
    /// One playbook's text (Markdown) and the playbooks nearest it.
    Show {
        /// The playbook's slug, as `rebound playbook list` shows it.
        slug: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// The playbooks matching some words, best first, with a line of each.
    Search {
        /// The words to look for.
        #[arg(required = true)]
        words: Vec<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Adds one of your organisation's own playbooks (admins; on a server).
    Add {
        /// Its title; its address (slug) is made from it unless --slug is given.
        #[arg(long)]
        title: String,
        /// One line saying what it is for; left out, the text's first line.
        #[arg(long)]
        summary: Option<String>,
        /// Its address, lowercase words joined by hyphens.
        #[arg(long)]
        slug: Option<String>,
        /// The Markdown file to read, or - for stdin.
        file: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Replaces the text of one of your organisation's playbooks with a
    /// file's, keeping the earlier version among its revisions (admins).
    Edit {
        /// The playbook's slug.
        slug: String,
        /// The Markdown file to read, or - for stdin.
        file: String,
        /// A new title (otherwise kept).
        #[arg(long)]
        title: Option<String>,
        /// A new summary (otherwise kept).
        #[arg(long)]
        summary: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
}
