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
    /// Send every digest that has something waiting, now (admins, on a server).
    ///
    /// Digests go by themselves on Monday at 08:00 on each person's clock;
    /// this is for operators and tests.
    Run {
        /// Required: say that you mean now.
        #[arg(long)]
        now: bool,
        /// People per request (1 to 1000): the server's page size; hidden,
        /// for tests that need several pages.
        #[arg(long, hide = true, default_value_t = 200,
              value_parser = clap::value_parser!(u32).range(1..=1000))]
        page_size: u32,
    },
}
