//! Addresses: `mail_from` (with or without a display name) and the
//! addresses people give, checked by lettre's parser.

use lettre::Address;
use lettre::message::Mailbox;

/// A string that is not an email address, quoted back (it is the person's
/// own input) in one sentence; the server adds which field it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not an email address")]
pub struct AddressError(String);

/// `mail_from` refused, in one sentence naming the setting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "mail_from must be an address such as rebound@example.com or \"Rebound <rebound@example.com>\""
)]
pub struct MailFromError;

/// Checks one address as people type it (surrounding spaces ignored).
pub fn parse_address(s: &str) -> Result<Address, AddressError> {
    let trimmed = s.trim();
    trimmed.parse::<Address>().map_err(|_| {
        // Quote at most a line's worth, without control characters, so the
        // message stays one readable sentence.
        let shown: String = trimmed
            .chars()
            .filter(|c| !c.is_control())
            .take(80)
            .collect();
        AddressError(shown)
    })
}

/// The checked `mail_from` setting: who Rebound's mail comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailFrom(pub(crate) Mailbox);

impl MailFrom {
    pub fn parse(s: &str) -> Result<MailFrom, MailFromError> {
        let s = s.trim();
        if s.chars().any(char::is_control) {
            return Err(MailFromError);
        }
        s.parse::<Mailbox>()
            .map(MailFrom)
            .map_err(|_| MailFromError)
    }

    pub fn address(&self) -> &Address {
        &self.0.email
    }

    /// The domain after `@`: the default for Message-IDs and our HELO name.
    pub fn domain(&self) -> &str {
        self.0.email.domain()
    }
}

impl std::fmt::Display for MailFrom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_from_takes_a_name_or_a_bare_address() {
        let m = MailFrom::parse("Rebound <rebound@example.com>").unwrap();
        assert_eq!(m.address().to_string(), "rebound@example.com");
        assert_eq!(m.0.name.as_deref(), Some("Rebound"));
        assert_eq!(m.domain(), "example.com");
        let m = MailFrom::parse(" rebound@example.com ").unwrap();
        assert_eq!(m.0.name, None);
        for bad in ["", "rebound", "Rebound <>", "a@b\r\nBcc: x@y"] {
            let e = MailFrom::parse(bad).unwrap_err();
            assert!(e.to_string().starts_with("mail_from "), "{bad}");
        }
    }

    #[test]
    fn an_address_error_quotes_the_input_in_one_sentence() {
        assert_eq!(
            parse_address(" ana@example.com").unwrap().to_string(),
            "ana@example.com"
        );
        let e = parse_address("ana at example\r\n").unwrap_err();
        assert_eq!(e.to_string(), "'ana at example' is not an email address");
        assert!(parse_address("Ana <ana@example.com>").is_err());
    }
}
