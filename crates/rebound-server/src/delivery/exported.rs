//! The email telling someone an administrator made an archive of their
//! data on a formal request: who and when, never the reason's words (an
//! inbox is seen by more eyes than the audit log), and where to see it.

use super::worker::Worker;
use super::{DeliverySettings, Payload};
use jiff::Timestamp;
use rebound_deliver::email::{Email, message_id};
use rebound_domain::User;
use rebound_domain::delivery::{Channel, MessageKind};
use rebound_store::{Claimed, NewMessage};

impl DeliverySettings {
    /// The email to `subject` that `admin` exported their data at `now`:
    /// none when mail is not set up (their settings page says it anyway).
    pub fn data_exported(&self, admin: &User, subject: &User, now: Timestamp) -> Vec<NewMessage> {
        if self.mail.is_none() {
            return Vec::new();
        }
        let key = format!("data-exported:{}:{}", subject.id, now.as_millisecond());
        vec![NewMessage {
            message_id: message_id(&key, self.id_domain()),
            idem_key: key,
            channel: Channel::Email,
            kind: MessageKind::DataExported,
            sender: Some(admin.id.clone()),
            recipient: Some(subject.id.clone()),
            address: subject.email.to_string(),
            mistake: None,
            payload: Payload::DataExported {
                by: admin.id.to_string(),
                at: now.to_string(),
            }
            .to_json(),
            created: now,
            due: now,
        }]
    }
}

impl Worker {
    /// Composed when sent, to the account's address then; `Err` says why
    /// nothing is sent (the account is gone).
    pub(super) async fn data_exported(
        &self,
        c: &Claimed,
        by: &str,
        at: &str,
    ) -> Result<Email, String> {
        let accounts = self.state.guard.accounts();
        let Some(recipient) = &c.message.recipient else {
            return Err("its recipient's account is gone".into());
        };
        let user = (accounts.user(recipient).await)
            .map_err(|_| "its recipient's account is gone".to_string())?;
        let admin = match rebound_domain::UserId::parse(by) {
            Ok(id) => accounts.user(&id).await.ok(),
            Err(_) => None,
        };
        let who = admin.map_or("An administrator".to_string(), |a| {
            format!("{}, an administrator,", a.display_name)
        });
        let when = at
            .parse::<Timestamp>()
            .map(|t| rebound_domain::when::format_at(t, &self.state.clock.now_for(&user)))
            .unwrap_or_else(|_| at.to_string());
        let settings = &self.state.settings.delivery;
        let page = settings.link("/settings#your-data");
        let lead = format!(
            "{who} downloaded a copy of all your Rebound data on {when}, on a formal request. \
             It includes any private notes your managers keep about you."
        );
        let mut text = format!(
            "{lead}\n\nThis is recorded, with who did it and when, in Rebound's audit log.\n"
        );
        if let Some(page) = &page {
            text.push_str(&format!("\nDownload the same data yourself: {page}\n"));
        }
        let html = maud::html! {
            p { (lead) }
            p { "This is recorded, with who did it and when, in Rebound's audit log." }
            @if let Some(page) = &page { p { a href=(page) { "Download the same data yourself" } } }
        };
        Ok(Email {
            to: c.message.address.clone(),
            to_name: Some(user.display_name.to_string()),
            subject: "An administrator exported your Rebound data".into(),
            text,
            html: html.into_string(),
            message_id: c.message.message_id.clone(),
            unsubscribe: None,
            calendar: None,
            from_name: None,
            reply_to: None,
        })
    }
}
