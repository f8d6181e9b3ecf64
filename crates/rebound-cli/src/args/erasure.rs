//! `rebound account delete` (issue 18); `rebound delete ID` is in `Command`.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Delete your account on the server you are signed in to: your
    /// mistakes, reflections, plans about you, sessions and tokens go;
    /// your comments on others' mistakes stay as removed ones, without
    /// your text or name. Asks your password (or reads it with
    /// --password-stdin).
    Delete {
        /// Read the password from the first line of stdin instead of asking.
        #[arg(long)]
        password_stdin: bool,
        /// Do not ask "are you sure" (needed without a terminal).
        #[arg(long)]
        yes: bool,
    },
}
