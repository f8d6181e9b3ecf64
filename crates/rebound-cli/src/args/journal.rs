use super::{JsonFlag, ReflectArgs};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum JournalCommand {
    /// Your journal, newest first.
    List {
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Write an entry: by default an answer to today's prompt.
    Add {
        /// The entry; "-" reads it from stdin.
        text: String,
        /// A free entry, answering no prompt.
        #[arg(long)]
        free: bool,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// The entries holding every word (any case), newest first.
    Search {
        /// The words to look for.
        #[arg(required = true)]
        words: Vec<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// One entry in full.
    Show {
        /// The entry's id, as `rebound journal` shows it.
        id: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Make an entry a principle in your Operating Manual, in one step.
    Principle {
        /// The entry's id, as `rebound journal` shows it.
        id: String,
        /// "I will not …"; left out, the entry's own line in that shape.
        text: Option<String>,
        /// Add it even though it is close to one you have.
        #[arg(long)]
        add_anyway: bool,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Reflect on a mistake starting from an entry, in one step: the entry
    /// is what happened, in your words (the diagnosis reads it); the rest as
    /// `rebound reflect` takes it.
    // The entry is the account: --account is refused here, so help does
    // not offer it.
    #[command(mut_arg("account", |a| a.hide(true)))]
    Reflect {
        /// The entry's id, as `rebound journal` shows it.
        id: String,
        #[command(flatten)]
        reflect: ReflectArgs,
    },
    /// Delete an entry.
    Delete {
        /// The entry's id, as `rebound journal` shows it.
        id: String,
    },
}
