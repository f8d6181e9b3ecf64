//! The one place a lettre error becomes a `SendError`: permanent (a 5xx
//! reply, an address or login refused) or transient (a 4xx reply, the
//! server unreachable or slow, TLS trouble), in one plain sentence.

use std::time::Duration;

use lettre::transport::smtp::Error as SmtpError;

use crate::SendError;

/// One plain sentence per kind of failure, naming the server (never the
/// login); the server's own reply text is kept short and on one line.
pub(super) fn classify(e: &SmtpError, server: &str, timeout: Duration) -> SendError {
    if let Some(code) = e.status() {
        let code = u16::from(code);
        let reply = reply_text(e);
        let said = if reply.is_empty() {
            format!("({code})")
        } else {
            format!("({code} {reply})")
        };
        return match code {
            530 | 534 | 535 | 538 | 454 if is_auth(code, &reply) => SendError {
                permanent: code >= 500,
                detail: format!("the mail server at {server} refused the login {said}"),
            },
            400..=499 => SendError::transient(format!(
                "the mail server at {server} asked to try again later {said}"
            )),
            550 | 551 | 553 => SendError::permanent(format!(
                "the mail server at {server} refused an address of the message {said}"
            )),
            552 => SendError::permanent(format!(
                "the mail server at {server} refused the message as too large {said}"
            )),
            _ => SendError::permanent(format!(
                "the mail server at {server} refused the message {said}"
            )),
        };
    }
    if e.is_timeout() {
        return SendError::transient(format!(
            "the mail server at {server} did not answer within {} s",
            timeout.as_secs_f32()
        ));
    }
    if e.is_client() {
        let text = e.to_string();
        if text.contains("STARTTLS") {
            return SendError::transient(format!(
                "the mail server at {server} does not offer STARTTLS, which smtp:// requires (use smtps:// for TLS from the start)"
            ));
        }
        if text.contains("authentication mechanism") {
            return SendError::permanent(format!(
                "the mail server at {server} offers no login method Rebound can use"
            ));
        }
        return SendError::permanent(format!(
            "the mail server at {server} cannot take this message (it lacks SMTPUTF8 or 8BITMIME)"
        ));
    }
    if e.is_tls() || looks_like_tls(e) {
        return SendError::transient(format!(
            "could not set up TLS with the mail server at {server} (its certificate was not accepted or the handshake failed)"
        ));
    }
    if e.is_response() {
        return SendError::transient(format!(
            "the mail server at {server} answered with something that is not SMTP"
        ));
    }
    if e.is_transport_shutdown() {
        return SendError::transient("the mail sender was shut down");
    }
    // Connection and network errors: say what happened to the socket.
    SendError::transient(format!(
        "could not reach the mail server at {server}: {}",
        io_reason(e)
    ))
}

/// lettre reports a failed TLS handshake (native-tls) as a connection
/// error, so the source chain's text is the only sign of it; it is used to
/// choose the sentence, never shown.
fn looks_like_tls(e: &SmtpError) -> bool {
    let mut source = std::error::Error::source(e);
    while let Some(err) = source {
        if err.downcast_ref::<std::io::Error>().is_some() {
            return false;
        }
        let text = err.to_string().to_ascii_lowercase();
        if ["certificate", "ssl", "tls", "handshake"]
            .iter()
            .any(|w| text.contains(w))
        {
            return true;
        }
        source = err.source();
    }
    false
}

fn is_auth(code: u16, reply: &str) -> bool {
    code != 454 || reply.to_ascii_lowercase().contains("auth")
}

/// The server's reply, on one line, without control characters, short.
fn reply_text(e: &SmtpError) -> String {
    let Some(source) = std::error::Error::source(e) else {
        return String::new();
    };
    let text: String = source
        .to_string()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(160)
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn io_reason(e: &SmtpError) -> String {
    use std::io::ErrorKind;
    let mut source = std::error::Error::source(e);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return match io.kind() {
                ErrorKind::ConnectionRefused => "connection refused".into(),
                ErrorKind::ConnectionReset => "the connection was reset".into(),
                ErrorKind::ConnectionAborted => "the connection was aborted".into(),
                ErrorKind::UnexpectedEof | ErrorKind::BrokenPipe => {
                    "the server closed the connection".into()
                }
                ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable => {
                    "the network cannot reach it".into()
                }
                ErrorKind::AddrNotAvailable => "its address is not usable".into(),
                _ if io.to_string().contains("lookup") => "its name does not resolve".into(),
                kind => kind.to_string(),
            };
        }
        source = err.source();
    }
    "the connection failed".into()
}
