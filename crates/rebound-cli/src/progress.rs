//! Progress on stderr for work that takes more than a moment: a bar when
//! the amount is known (everyone's digest), a spinner while waiting on a
//! server (a list, messages going out). Drawn only when stderr is a
//! terminal, so a pipe, a log or a test gets the command's own lines and
//! no bar characters or escape codes; a spinner appears only once the wait
//! has lasted [`REVEAL_AFTER`], so a quick answer does not flicker.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// How long a wait lasts before its spinner shows.
pub const REVEAL_AFTER: Duration = Duration::from_millis(400);

pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar counting `unit` ("people"); its length is given with each step.
    pub fn bar(unit: &str) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(style(&format!("{{bar:30}} {{pos}}/{{len}} {unit}")));
        Progress(Some(bar))
    }

    /// A bar of bytes copied (a backup, a restore).
    pub fn bytes() -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(style("{bar:30} {bytes}/{total_bytes}"));
        Progress(Some(bar))
    }

    /// A spinner saying what is awaited, shown once the wait is not quick.
    pub fn spinner(message: &str) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(style("{spinner} {msg}"));
        bar.set_message(message.to_string());
        let shown = bar.clone();
        // Needs the runtime the command runs on; without one, no spinner.
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                tokio::time::sleep(REVEAL_AFTER).await;
                if !shown.is_finished() {
                    shown.set_draw_target(ProgressDrawTarget::stderr());
                    shown.enable_steady_tick(Duration::from_millis(120));
                }
            });
        }
        Progress(Some(bar))
    }

    pub fn show(&self, done: usize, total: usize) {
        if let Some(bar) = &self.0 {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    }

    pub fn message(&self, message: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(message.to_string());
        }
    }

    /// Runs `f` (which prints a line) with the bar out of the way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    pub fn clear(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    /// An error ends the command early: the bar must not stay on screen.
    fn drop(&mut self) {
        self.clear();
    }
}

/// The templates are constants: a mistake in one is a bug, so the default
/// style then rather than an error for the person.
fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
}

#[cfg(test)]
mod tests {
    use super::Progress;
    use std::io::IsTerminal;

    /// Under the test runner stderr is a pipe: nothing is drawn, and every
    /// call is a no-op rather than an error.
    #[tokio::test]
    async fn nothing_is_drawn_when_stderr_is_not_a_terminal() {
        if std::io::stderr().is_terminal() {
            return;
        }
        let bar = Progress::bar("people");
        let spinner = Progress::spinner("Waiting…");
        assert!(bar.0.is_none() && spinner.0.is_none());
        bar.show(1, 2);
        spinner.message("still waiting");
        assert_eq!(spinner.suspend(|| 7), 7);
    }
}
