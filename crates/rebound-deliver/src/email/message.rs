//! One email as the server composed it, built into a lettre `Message`.
//! Every header made from people's text goes through lettre's encoding
//! (`HeaderValue::new`, `subject`, `Mailbox`), never pre-encoded, so a
//! title cannot add a header.

use lettre::Message;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use sha2::{Digest, Sha256};

use super::{AddressError, MailFrom, parse_address};
use rebound_domain::ics::{self, Event, Method};

/// One email to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// Checked again when the message is built (`parse_address`).
    pub to: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// `<…@…>`, stored by the caller so a resend carries the same one.
    pub message_id: String,
    /// An https URL for `List-Unsubscribe` with one-click POST (RFC 8058).
    pub unsubscribe: Option<String>,
    pub calendar: Option<CalendarPart>,
    /// Shown as who it is from ("Ana (via Rebound)"), at `mail_from`'s address.
    pub from_name: Option<String>,
    /// Where replies go (a person, not Rebound's address); checked like `to`.
    pub reply_to: Option<String>,
}

/// A calendar invitation or cancellation, as a `text/calendar` part whose
/// `method=` matches the object's `METHOD:` (RFC 6047 §2.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarPart {
    pub method: Method,
    pub ics: String,
}

impl CalendarPart {
    pub fn new(method: Method, events: &[Event], stamp: jiff::Timestamp) -> CalendarPart {
        CalendarPart {
            method,
            ics: ics::calendar(method, events, stamp),
        }
    }
}

/// Why an `Email` could not be made into a message; retrying cannot help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    #[error("the recipient {0}")]
    To(AddressError),
    #[error("the reply-to address {0}")]
    ReplyTo(AddressError),
    #[error("the Message-ID must look like <id@domain> in printable ASCII")]
    MessageId,
    #[error("the unsubscribe link must be an https URL")]
    Unsubscribe,
    #[error("the message could not be put together: {0}")]
    Build(String),
}

/// A stable Message-ID for an idempotency key: the same key gives the same
/// id, so a message sent again after a crash is recognisably the same.
pub fn message_id(idem_key: &str, domain: &str) -> String {
    let digest = Sha256::digest(idem_key.as_bytes());
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("<{hex}@{domain}>")
}

fn is_message_id(id: &str) -> bool {
    let Some(inner) = id.strip_prefix('<').and_then(|s| s.strip_suffix('>')) else {
        return false;
    };
    let ok = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b'@' | b'"' | b'\\'))
    };
    matches!(inner.split_once('@'), Some((left, right)) if ok(left) && ok(right))
}

fn raw(name: &'static str, value: String) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
}

/// Control characters have no place in a display name; lettre would
/// encode them, but a name with a line break is never what was meant.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

impl Email {
    pub(crate) fn build(&self, from: &MailFrom) -> Result<Message, MessageError> {
        let to = parse_address(&self.to).map_err(MessageError::To)?;
        if !is_message_id(&self.message_id) {
            return Err(MessageError::MessageId);
        }
        let sender = match &self.from_name {
            Some(name) => Mailbox::new(Some(clean(name)), from.0.email.clone()),
            None => from.0.clone(),
        };
        let mut builder = Message::builder()
            .from(sender)
            .to(Mailbox::new(self.to_name.as_deref().map(clean), to))
            .subject(clean(&self.subject))
            .message_id(Some(self.message_id.clone()));
        if let Some(reply_to) = &self.reply_to {
            let address = parse_address(reply_to).map_err(MessageError::ReplyTo)?;
            builder = builder.reply_to(Mailbox::new(None, address));
        }
        if let Some(link) = &self.unsubscribe {
            let url = url::Url::parse(link).map_err(|_| MessageError::Unsubscribe)?;
            if url.scheme() != "https" || url.host_str().is_none() {
                return Err(MessageError::Unsubscribe);
            }
            builder = builder
                .raw_header(raw("List-Unsubscribe", format!("<{url}>")))
                .raw_header(raw(
                    "List-Unsubscribe-Post",
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        let mut body = MultiPart::alternative()
            .singlepart(SinglePart::plain(self.text.clone()))
            .singlepart(SinglePart::html(self.html.clone()));
        if let Some(cal) = &self.calendar {
            let kind = format!(
                "text/calendar; method={}; charset=UTF-8",
                cal.method.as_str()
            );
            let content_type =
                ContentType::parse(&kind).map_err(|e| MessageError::Build(e.to_string()))?;
            body = body.singlepart(
                SinglePart::builder()
                    .content_type(content_type)
                    .body(cal.ics.clone()),
            );
        }
        builder
            .multipart(body)
            .map_err(|e| MessageError::Build(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_stable_per_key_and_well_formed() {
        let a = message_id("reminder:42:3", "rebound.example");
        assert_eq!(a, message_id("reminder:42:3", "rebound.example"));
        assert_ne!(a, message_id("reminder:42:4", "rebound.example"));
        assert!(is_message_id(&a), "{a}");
        assert_eq!(a.len(), "<@rebound.example>".len() + 32);
        for bad in [
            "",
            "<>",
            "<a>",
            "a@b",
            "<a@b",
            "<a b@c>",
            "<a@b>\r\nBcc: x@y",
            "<@b>",
        ] {
            assert!(!is_message_id(bad), "{bad:?}");
        }
    }

    /// The second layer: even without `clean`, lettre's own encoding keeps
    /// a line break in a subject inside one header.
    #[test]
    fn lettre_alone_encodes_a_line_break_in_a_subject() {
        let message = Message::builder()
            .from("a@example.com".parse().unwrap())
            .to("b@example.com".parse().unwrap())
            .subject("Oops\r\nBcc: evil@x.example")
            .body(String::from("hi"))
            .unwrap();
        let text = String::from_utf8(message.formatted()).unwrap();
        let head = text.split("\r\n\r\n").next().unwrap();
        assert!(!head.to_ascii_lowercase().contains("\r\nbcc:"), "{head}");
        assert_eq!(head.matches("Subject:").count(), 1, "{head}");
    }

    /// lettre 0.11.23 panics formatting a display name with a control
    /// character (its `Display` returns an error), so names are cleaned.
    #[test]
    fn a_name_with_a_line_break_is_cleaned_not_a_panic() {
        let email = Email {
            to: "b@example.com".into(),
            to_name: Some("Ana\r\nBcc: evil@x.example".into()),
            subject: "s".into(),
            text: "t".into(),
            html: "<p>t</p>".into(),
            message_id: message_id("k", "example.com"),
            unsubscribe: None,
            calendar: None,
            from_name: Some("Bo\r\nBcc: evil@x.example".into()),
            reply_to: Some("ana@example.com".into()),
        };
        let from = MailFrom::parse("Rebound <r@example.com>").unwrap();
        let text = String::from_utf8(email.build(&from).unwrap().formatted()).unwrap();
        let head = text.split("\r\n\r\n").next().unwrap();
        assert!(!head.to_ascii_lowercase().contains("\r\nbcc:"), "{head}");
    }
}
