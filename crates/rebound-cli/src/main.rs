//! `rebound`: the command-line interface. A thin layer: parse, load, call
//! the domain, save, print. Rules live in `rebound-domain`.

mod args;
mod commands;
mod context;
mod error;
mod input;
mod render;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
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
