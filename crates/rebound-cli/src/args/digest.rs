//! `rebound digest`: the Monday note, previewed or sent now.

use super::JsonFlag;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum DigestCommand {
    /// Your Monday note as it would read now (on a server).
    Preview {
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Send every digest that has something waiting, now (admins, on a
    /// server). Digests go by themselves on Monday at 08:00 on each
    /// person's clock; this is for operators and tests.
    Run {
        /// Required: say that you mean now.
        #[arg(long)]
        now: bool,
    },
}
