//! The words of each message, in plain text and HTML (maud, escaped by
//! construction), both readable on their own and carrying the same links.
//! Never in a body: reflections, principles, self-care, private notes,
//! escalation; a notice carries only the parts its recipient may read.

use super::{DeliverySettings, Payload, acknowledge_claims, signed_path, unsubscribe_claims};
use jiff::Timestamp;
use maud::{Markup, html};
use rebound_deliver::email::Email;
use rebound_deliver::link::LinkKey;
use rebound_domain::delivery::MessageKind;
use rebound_domain::{Mistake, NotificationKind, User};
use rebound_store::Claimed;

pub(super) fn heads_up(c: &Claimed, payload: &Payload) -> Email {
    let Payload::HeadsUp {
        title,
        text,
        from_name,
        reply_to,
    } = payload
    else {
        unreachable!("composed only for a heads-up");
    };
    let footer = format!(
        "{from_name} sent you this heads-up with Rebound. Reply to this email to reach them."
    );
    let html = html! {
        (paragraphs(text))
        p { "— " (from_name) }
        (footer_html(&footer, None))
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

/// What a notice is composed from, read when it is sent.
pub(super) struct Notice<'a> {
    pub kind: NotificationKind,
    pub message: MessageKind,
    pub user: &'a User,
    pub mistake: &'a Mistake,
    pub owner_name: Option<String>,
    /// The recipient may read the follow-up note.
    pub with_note: bool,
}

pub(super) fn notice(
    c: &Claimed,
    n: &Notice,
    settings: &DeliverySettings,
    key: &LinkKey,
    now: Timestamp,
) -> Email {
    let m = n.mistake;
    let owner = n.owner_name.as_deref().unwrap_or("The owner");
    let (subject, lead) = match n.kind {
        NotificationKind::StakeholderAdded => (
            format!("You are a stakeholder: {}", m.title),
            format!(
                "{owner} named you a stakeholder on “{}”, so you hear how it goes.",
                m.title
            ),
        ),
        NotificationKind::UpdatePosted => (
            format!("Update: {}", m.title),
            format!("{owner} posted a progress update on “{}”.", m.title),
        ),
        NotificationKind::Closed => (
            format!("Closed: {}", m.title),
            format!("{owner} closed “{}”: the follow-up is done.", m.title),
        ),
    };
    let mut body: Vec<(&str, String)> = Vec::new();
    match n.kind {
        NotificationKind::UpdatePosted => {
            if let Some(u) = m.updates.last() {
                body.push(("The update", u.text.clone()));
            }
        }
        _ => body.push(("What happened", m.heads_up.text.clone())),
    }
    if n.with_note {
        let note = &m.note;
        body.extend(note.containment.clone().map(|t| ("Contained by", t)));
        body.extend(note.fix.clone().map(|t| ("The fix", t)));
    }
    let page = settings.link(&format!("/m/{}", m.id));
    // Being named asks for an acknowledgement: one click, no sign-in.
    let ack = (n.kind == NotificationKind::StakeholderAdded && n.with_note)
        .then(|| acknowledge_claims(n.user.id.as_str(), m.id.as_str(), now))
        .and_then(|claims| settings.link(&signed_path(key, &claims)));
    let claims = unsubscribe_claims(n.user.id.as_str(), n.message.as_str(), now);
    let stop = settings.link(&signed_path(key, &claims));
    let footer = format!(
        "You get this because you follow this mistake in Rebound. {}",
        if stop.is_some() {
            "To stop these emails:"
        } else {
            "You can turn these emails off in Settings."
        }
    );
    let mut text = format!("{lead}\n");
    for (label, t) in &body {
        text.push_str(&format!("\n{label}:\n{}\n", t.trim_end()));
    }
    if let Some(page) = &page {
        text.push_str(&format!("\nRead it in Rebound: {page}\n"));
    }
    if let Some(ack) = &ack {
        text.push_str(&format!("I have read it (acknowledge): {ack}\n"));
    }
    text.push_str(&format!("\n--\n{footer}"));
    if let Some(stop) = &stop {
        text.push_str(&format!(" {stop}"));
    }
    text.push('\n');
    let html = html! {
        p { (lead) }
        @for (label, t) in &body {
            h3 style="font-size:1em;margin-bottom:0.2em" { (label) }
            (paragraphs(t))
        }
        @if let Some(page) = &page { p { a href=(page) { "Read it in Rebound" } } }
        @if let Some(ack) = &ack { p { a href=(ack) { "I have read it (acknowledge)" } } }
        (footer_html(&footer, stop.as_deref()))
    };
    Email {
        to: c.message.address.clone(),
        to_name: Some(n.user.display_name.to_string()),
        subject,
        text,
        html: html.into_string(),
        message_id: c.message.message_id.clone(),
        // RFC 8058 wants https; over plain http the link stays in the body.
        unsubscribe: stop.filter(|s| s.starts_with("https://")),
        calendar: None,
        from_name: None,
        reply_to: None,
    }
}

fn paragraphs(text: &str) -> Markup {
    html! {
        @for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            p { @for (i, line) in para.lines().enumerate() { @if i > 0 { br; } (line) } }
        }
    }
}

fn footer_html(footer: &str, stop: Option<&str>) -> Markup {
    html! {
        hr;
        p style="color:#555;font-size:0.9em" {
            (footer)
            @if let Some(stop) = stop { " " a href=(stop) { "unsubscribe" } }
        }
    }
}
