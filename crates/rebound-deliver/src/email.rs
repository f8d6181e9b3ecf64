//! Email over SMTP (lettre): the `smtp_url` and `mail_from` settings, the
//! message (plain + HTML, optionally a calendar invitation and one-click
//! unsubscribe), and the pooled sender that says whether a failure is worth
//! retrying.

mod address;
mod classify;
mod mailer;
mod message;
mod settings;

pub use address::{AddressError, MailFrom, MailFromError, parse_address};
pub use lettre::Address;
pub use mailer::Mailer;
pub use message::{CalendarPart, Email, MessageError, message_id};
pub use settings::{SettingsError, SmtpSettings, Tls};
