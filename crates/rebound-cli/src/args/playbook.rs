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
}
