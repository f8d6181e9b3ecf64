//! One module per subcommand, mirroring `args::Command`.

mod commit;
mod edit;
mod export;
mod heads_up;
mod lifecycle;
mod list;
mod note;
mod oops;
mod serve;
mod show;
mod timeline;
mod update;

use crate::args::{Cli, Command, JsonFlag};
use crate::context::Ctx;
use crate::error::Result;
use rebound_domain::{Mistake, export as exports};

pub async fn run(cli: Cli) -> Result<()> {
    if let Command::Serve(a) = cli.command {
        return serve::run(cli.data_dir, cli.database_url, a).await;
    }
    let ctx = Ctx::open(cli.data_dir, cli.database_url).await?;
    match cli.command {
        Command::Oops(a) => oops::run(&ctx, a).await,
        Command::Show { id, out } => show::run(&ctx, &id, out).await,
        Command::List { all, out } => list::run(&ctx, all, out).await,
        Command::Edit(a) => edit::run(&ctx, a).await,
        Command::HeadsUp(c) => heads_up::run(&ctx, c).await,
        Command::Timeline(c) => timeline::run(&ctx, c).await,
        Command::Note(a) => note::run(&ctx, a).await,
        Command::Commit(a) => commit::run(&ctx, a).await,
        Command::Check { id, checkbox, out } => {
            lifecycle::check(&ctx, &id, &checkbox, true, out).await
        }
        Command::Uncheck { id, checkbox, out } => {
            lifecycle::check(&ctx, &id, &checkbox, false, out).await
        }
        Command::Move { id, state, at, out } => {
            lifecycle::move_to(&ctx, &id, &state, at, out).await
        }
        Command::Close { id, out } => lifecycle::move_to(&ctx, &id, "closed", None, out).await,
        Command::Update(a) => update::run(&ctx, a).await,
        Command::Export { id, format } => export::run(&ctx, &id, &format).await,
        Command::Serve(_) => unreachable!("handled above"),
    }
}

/// After a change: the whole record as JSON, or a one-line confirmation.
fn done(ctx: &Ctx, m: &Mistake, out: JsonFlag, message: &str) {
    if out.json {
        println!("{}", exports::json(m, &ctx.now));
    } else {
        println!("{message}");
    }
}
