//! `rebound notify test --to EMAIL`: checks the delivery settings end to
//! end, read from the same layers `rebound serve` reads (its config file,
//! `REBOUND_*` environment, flags), one step per line as each passes:
//! settings read, connected, a test message sent. A failure is one line
//! naming the setting or the step; the password is never printed (the
//! settings print as `SmtpSettings`' `Display`, which leaves it out).

use super::serve::{config, delivery};
use crate::args::{NotifyCommand, NotifyTestArgs, Typed};
use crate::error::{CliError, Result};
use rebound_deliver::SendError;
use rebound_deliver::email::{Email, Mailer, message_id, parse_address};
use std::path::PathBuf;

pub async fn run(
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    typed: Typed,
    c: NotifyCommand,
) -> Result<()> {
    match c {
        NotifyCommand::Test(a) => test(data_dir, database_url, typed, a).await,
    }
}

async fn test(
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    typed: Typed,
    a: NotifyTestArgs,
) -> Result<()> {
    let to = parse_address(&a.to).map_err(|e| CliError::invalid(format!("--to: {e}")))?;
    let c = config::load_mail(a.config.as_deref(), &a.mail, data_dir, database_url, typed)?;
    // `load_mail` has checked them and named where a bad value came from.
    let settings = delivery::settings(&c).map_err(|(_, e)| CliError::Config(e))?;
    let Some((smtp, from)) = settings.mail else {
        return Err(CliError::Config(
            "smtp_url is not set: give it (with mail_from) in the config file, as REBOUND_SMTP_URL or as --smtp-url".into(),
        ));
    };
    println!("Settings read: mail server {smtp}, mail from {from}");

    let mailer = Mailer::new(&smtp, from.clone());
    mailer.check().await.map_err(|e| failed("connecting", e))?;
    println!(
        "Connected to the mail server at {} (it answered NOOP)",
        smtp.server()
    );

    let now = jiff::Timestamp::now();
    let id = message_id(
        &format!("test:{to}:{}", now.as_millisecond()),
        from.domain(),
    );
    let text = format!(
        "This is a test message from Rebound, sent by `rebound notify test` through the mail server at {server}.\n\nIf you can read it, Rebound can send email: heads-ups, reminders and digests will arrive like this one.\n",
        server = smtp.server()
    );
    let html = format!(
        "<!doctype html><html><body><p>This is a test message from Rebound, sent by <code>rebound notify test</code> through the mail server at {server}.</p><p>If you can read it, Rebound can send email: heads-ups, reminders and digests will arrive like this one.</p></body></html>",
        server = escape(&smtp.server())
    );
    let email = Email {
        to: to.to_string(),
        to_name: None,
        subject: "Rebound test message".into(),
        text,
        html,
        message_id: id.clone(),
        unsubscribe: None,
        calendar: None,
        from_name: None,
        reply_to: None,
    };
    mailer
        .send(&email)
        .await
        .map_err(|e| failed("sending the test message", e))?;
    println!("Sent a test message to {to} (Message-ID {id}): check that it arrived");
    Ok(())
}

/// The step and the mail library's sentence (which names the server, never
/// the login); a refusal (login, address) is exit 1, a server out of reach
/// or busy is exit 4, as for the database.
fn failed(step: &str, e: SendError) -> CliError {
    let line = format!("{step} failed: {}", e.detail);
    if e.permanent {
        CliError::Invalid(line)
    } else {
        CliError::Server(line)
    }
}

/// Text for HTML: the server name is the operator's setting, but escaped
/// all the same.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
