//! `rebound completions SHELL` and `rebound man [--dir DIR]`: generated
//! from the command tree itself, written straight to standard output or
//! files (not through the crate's escaping print macros: they are scripts
//! and roff, not text from storage).

use crate::args::Cli;
use crate::error::{CliError, Result};
use clap::CommandFactory;
use std::io::Write;
use std::path::Path;

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "rebound", &mut out);
    write_stdout(&out)
}

/// One page for `rebound` to standard output; with `dir`, that page and one
/// per visible command (`rebound-oops.1`, `rebound-plan-open.1`, …), so
/// `man rebound-oops` works once the directory is on the manual path.
pub fn man(dir: Option<&Path>) -> Result<()> {
    let cmd = Cli::command();
    let Some(dir) = dir else {
        return write_stdout(&render(cmd)?);
    };
    std::fs::create_dir_all(dir).map_err(|e| cannot_write(dir, &e))?;
    let mut pages = Vec::new();
    collect(cmd, "rebound", &mut pages);
    for (name, page) in &pages {
        let path = dir.join(format!("{name}.1"));
        std::fs::write(&path, render(page.clone())?).map_err(|e| cannot_write(&path, &e))?;
    }
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(
        stdout,
        "Wrote {} manual pages to {}: try `man -M {} rebound`.",
        pages.len(),
        dir.display(),
        dir.parent().unwrap_or(dir).display()
    );
    Ok(())
}

/// Every visible command under `cmd`, named as `man` looks them up
/// (`rebound-plan-open`) and shown as typed (`rebound plan open`).
fn collect(cmd: clap::Command, name: &str, pages: &mut Vec<(String, clap::Command)>) {
    let typed = name.replace('-', " ");
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub_name = format!("{name}-{}", sub.get_name());
        collect(sub.clone(), &sub_name, pages);
    }
    let page = cmd.display_name(name.to_owned()).bin_name(typed);
    pages.push((name.to_owned(), page));
}

fn render(cmd: clap::Command) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    // Every page's footer names the program and its version, not the
    // subcommand's own (empty) one.
    clap_mangen::Man::new(cmd)
        .source(format!("rebound {}", env!("CARGO_PKG_VERSION")))
        .manual("Rebound")
        .render(&mut out)
        .map_err(|e| CliError::Io(format!("could not write the manual page: {e}")))?;
    Ok(out)
}

/// A reader that stopped early (`| head`) is not an error.
fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Io(format!(
            "could not write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}

fn cannot_write(path: &Path, e: &std::io::Error) -> CliError {
    CliError::Io(format!("could not write {}: {e}", path.display()))
}
