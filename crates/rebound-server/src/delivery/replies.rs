//! The email telling someone their comment was answered: the newest reply
//! to it, read when sent through the policy as the recipient (who must
//! still read the mistake's comments), with a link and an unsubscribe.

use super::worker::Worker;
use super::{DeliverySettings, signed_path, unsubscribe_claims};
use jiff::Timestamp;
use rebound_deliver::email::Email;
use rebound_domain::access::{Action, Part};
use rebound_domain::delivery::MessageKind;
use rebound_domain::{CommentId, User};
use rebound_store::Claimed;

impl Worker {
    /// `None` when there is nothing to tell any more (the recipient may no
    /// longer read the comments, or the reply is gone).
    pub(super) async fn reply(&self, c: &Claimed, user: &User, parent: &str) -> Option<Email> {
        let mistake = c.message.mistake.as_ref()?;
        let parent = CommentId::parse(parent).ok()?;
        let granted = (self.state.guard)
            .open(user, mistake.as_str(), Part::Comments, Action::Read)
            .await
            .ok()?;
        let comments = granted.comments().await.ok()?;
        let reply = comments
            .iter()
            .map(|l| &l.comment)
            .filter(|r| r.parent.as_ref() == Some(&parent))
            .max_by_key(|r| (r.created_at, r.id.to_string()))?;
        let m = granted.mistake();
        let settings = &self.state.settings.delivery;
        let key = self.state.link_key().await.ok()?;
        let (who, body) = (reply.author_name.to_string(), reply.body.clone());
        let page = settings.link(&format!("/m/{}#comments", m.id));
        let to = (c.message.address.as_str(), c.message.message_id.as_str());
        Some(compose(
            to,
            user,
            (&m.title, &who, &body),
            page,
            settings,
            &key,
            self.state.clock.now(),
        ))
    }
}

fn compose(
    (address, id): (&str, &str),
    user: &User,
    (title, who, body): (&str, &str, &str),
    page: Option<String>,
    settings: &DeliverySettings,
    key: &rebound_deliver::link::LinkKey,
    now: Timestamp,
) -> Email {
    let claims = unsubscribe_claims(user.id.as_str(), MessageKind::Reply.as_str(), now);
    let stop = settings.link(&signed_path(key, &claims));
    let lead = format!("{who} replied to your comment on “{title}”:");
    let mut text = format!("{lead}\n\n{}\n", body.trim_end());
    if let Some(page) = &page {
        text.push_str(&format!("\nAnswer in Rebound: {page}\n"));
    }
    text.push_str("\n--\nYou get this because you commented on this mistake in Rebound.");
    if let Some(stop) = &stop {
        text.push_str(&format!(" No more reply emails: {stop}"));
    }
    text.push('\n');
    let html = maud::html! {
        p { (lead) }
        blockquote { @for line in body.lines() { (line) br; } }
        @if let Some(page) = &page { p { a href=(page) { "Answer in Rebound" } } }
        hr;
        p style="color:#555;font-size:0.9em" {
            "You get this because you commented on this mistake in Rebound."
            @if let Some(stop) = &stop { " " a href=(stop) { "No more reply emails" } }
        }
    };
    Email {
        to: address.to_owned(),
        to_name: Some(user.display_name.to_string()),
        subject: format!("Reply: {title}"),
        text,
        html: html.into_string(),
        message_id: id.to_owned(),
        unsubscribe: stop.filter(|s| s.starts_with("https://")),
        calendar: None,
        from_name: None,
        reply_to: None,
    }
}
