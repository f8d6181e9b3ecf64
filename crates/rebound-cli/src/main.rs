//! `rebound`: the command-line interface. A thin layer: parse, load, call
//! the domain, save, print — on this computer's database (`local.rs`) or
//! against a Rebound server (`remote/`), through one `Backend` trait
//! (`backend.rs`). Rules live in `rebound-domain`.

// Everything the CLI prints may carry text from storage or a server, which
// may hold terminal escapes: these shadow std's print macros in the whole
// crate (they are defined before every module), so each line goes through
// `render::safe::escape`, however a command builds it.
macro_rules! println {
    () => { $crate::render::safe::write_out("", true) };
    ($($t:tt)*) => { $crate::render::safe::write_out(&$crate::render::safe::escape(&::std::format!($($t)*)), true) };
}
macro_rules! print {
    ($($t:tt)*) => { $crate::render::safe::write_out(&$crate::render::safe::escape(&::std::format!($($t)*)), false) };
}
macro_rules! eprintln {
    () => { ::std::eprintln!() };
    ($($t:tt)*) => { ::std::eprintln!("{}", $crate::render::safe::escape(&::std::format!($($t)*))) };
}
macro_rules! eprint {
    ($($t:tt)*) => { ::std::eprint!("{}", $crate::render::safe::escape(&::std::format!($($t)*))) };
}

mod args;
mod backend;
mod commands;
mod context;
mod database_url;
mod error;
mod input;
mod local;
mod local_export;
mod local_journal;
mod local_learn;
mod mode;
mod progress;
mod remote;
mod render;
mod sharing;

use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let matches = args::Cli::command().get_matches();
    let mut cli = args::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    cli.typed = args::Typed::from_matches(&matches);
    // A command is one task on one thread; the server answers many people at
    // once, so it gets a worker per core.
    let mut builder = match cli.command {
        args::Command::Serve(_) => tokio::runtime::Builder::new_multi_thread(),
        _ => tokio::runtime::Builder::new_current_thread(),
    };
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("rebound: error: cannot start: {e}");
            return ExitCode::from(error::exit::STORAGE);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rebound: error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
