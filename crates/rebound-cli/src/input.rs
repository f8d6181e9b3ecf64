//! Text that comes from a flag, stdin ("-") or the person's editor, and
//! questions asked on a terminal. Long or sensitive text need not sit in
//! shell history.

use crate::context::plain;
use crate::error::{CliError, Result};
use std::io::{BufRead, IsTerminal, Read, Write};
use std::process::Command;

/// True when a person is at the keyboard: prompts are allowed.
pub fn interactive() -> bool {
    std::env::var_os("CI").is_none()
        && std::io::stdin().is_terminal()
        && std::io::stderr().is_terminal()
}

/// Reads all of stdin.
pub fn read_stdin(what: &str) -> Result<String> {
    if std::io::stdin().is_terminal() {
        eprintln!("Type the {what}, then Ctrl-D:");
    }
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .map_err(|e| CliError::Io(format!("cannot read the {what} from stdin: {}", plain(&e))))?;
    Ok(s)
}

/// A flag's value, where "-" means "read it from stdin". Only one flag per
/// command may use stdin; `used_stdin` tracks that.
pub fn text_arg(
    value: Option<String>,
    what: &str,
    used_stdin: &mut bool,
) -> Result<Option<String>> {
    match value {
        Some(v) if v == "-" => {
            if *used_stdin {
                return Err(CliError::invalid(
                    "only one value can be read from stdin (\"-\") per command",
                ));
            }
            *used_stdin = true;
            Ok(Some(read_stdin(what)?))
        }
        other => Ok(other),
    }
}

/// Asks one question on the terminal; empty answer is None.
pub fn ask(question: &str) -> Result<Option<String>> {
    eprint!("{question} ");
    std::io::stderr().flush().ok();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::Io(format!("cannot read your answer: {}", plain(&e))))?;
    let t = line.trim();
    Ok((!t.is_empty()).then(|| t.to_string()))
}

/// A conversation: questions and what is said between them go to `out`,
/// answers are read a line at a time from `input`. On a terminal that is
/// stderr and stdin ([`Prompt::terminal`]); tests give it text and a buffer.
pub struct Prompt<R, W> {
    input: R,
    out: W,
}

impl Prompt<std::io::StdinLock<'static>, std::io::Stderr> {
    /// Asks on stderr, reads stdin.
    pub fn terminal() -> Self {
        Prompt::new(std::io::stdin().lock(), std::io::stderr())
    }
}

impl<R: BufRead, W: Write> Prompt<R, W> {
    pub fn new(input: R, out: W) -> Self {
        Prompt { input, out }
    }

    /// One line said to the person (a lost line of the conversation is not
    /// worth failing for, as with `eprintln!`).
    pub fn tell(&mut self, line: impl std::fmt::Display) {
        let line = line.to_string();
        writeln!(self.out, "{}", crate::render::safe::escape(&line)).ok();
    }

    /// Asks one question: the trimmed answer, `None` for an empty one. The
    /// end of input is an error, so a loop that asks again cannot spin
    /// forever.
    pub fn answer(&mut self, question: &str) -> Result<Option<String>> {
        write!(self.out, "{} ", crate::render::safe::escape(question)).ok();
        self.out.flush().ok();
        let mut line = String::new();
        let n = self
            .input
            .read_line(&mut line)
            .map_err(|e| CliError::Io(format!("cannot read your answer: {}", plain(&e))))?;
        if n == 0 {
            writeln!(self.out).ok();
            return Err(CliError::invalid(
                "no answer (end of input); nothing was saved",
            ));
        }
        let t = line.trim();
        Ok((!t.is_empty()).then(|| t.to_string()))
    }

    /// What was said, for tests.
    #[cfg(test)]
    pub fn into_out(self) -> W {
        self.out
    }
}

/// Opens `initial` in $VISUAL/$EDITOR (default vi) and returns the saved text.
pub fn edit(initial: &str, suffix: &str) -> Result<String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let mut file = tempfile::Builder::new()
        .prefix("rebound-")
        .suffix(suffix)
        .tempfile()
        .map_err(|e| CliError::Io(format!("cannot create a file to edit: {}", plain(&e))))?;
    file.write_all(initial.as_bytes())
        .and_then(|_| file.flush())
        .map_err(|e| CliError::Io(format!("cannot write the file to edit: {}", plain(&e))))?;
    // Through the shell so EDITOR may carry arguments ("code --wait").
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()
        .map_err(|e| CliError::Io(format!("cannot start the editor '{editor}': {}", plain(&e))))?;
    if !status.success() {
        return Err(CliError::Io(format!(
            "the editor '{editor}' exited with {status}; nothing was changed"
        )));
    }
    std::fs::read_to_string(file.path())
        .map_err(|e| CliError::Io(format!("cannot read the edited file: {}", plain(&e))))
}
