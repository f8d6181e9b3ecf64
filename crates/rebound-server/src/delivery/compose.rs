//! The words of each message, in plain text and HTML (maud, escaped by
//! construction), both readable on their own.

use super::Payload;
use maud::html;
use rebound_deliver::email::Email;
use rebound_store::Claimed;

pub(super) fn email(c: &Claimed, payload: &Payload) -> Email {
    match payload {
        Payload::HeadsUp {
            title,
            text,
            from_name,
            reply_to,
        } => {
            let footer = format!(
                "{from_name} sent you this heads-up with Rebound. Reply to this email to reach them."
            );
            let html = html! {
                @for para in paragraphs(text) {
                    p { @for (i, line) in para.lines().enumerate() { @if i > 0 { br; } (line) } }
                }
                p { "— " (from_name) }
                hr;
                p style="color:#555;font-size:0.9em" { (footer) }
            };
            Email {
                to: c.message.address.clone(),
                to_name: None,
                subject: format!("Heads-up: {title}"),
                text: format!("{}\n\n— {from_name}\n\n--\n{footer}\n", text.trim_end()),
                html: html.into_string(),
                message_id: c.message.message_id.clone(),
                unsubscribe: None,
                calendar: None,
                from_name: Some(format!("{from_name} (via Rebound)")),
                reply_to: Some(reply_to.clone()),
            }
        }
    }
}

fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}
