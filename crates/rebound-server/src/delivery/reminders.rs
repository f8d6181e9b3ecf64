//! Reminders that an update is due: one job per due moment (the domain's
//! `reminder_due`: not before the update is due, always inside the
//! owner's working hours), scheduled with every save of the mistake. When
//! it runs, a job whose moment is no longer the mistake's (an update was
//! posted, a snooze moved it) ends without a word; else the owner gets an
//! email with "post an update" and signed links to snooze or stop.

use super::jobs::Run;
use super::worker::Worker;
use super::{DeliverySettings, Payload};
use jiff::{SignedDuration, Timestamp};
use rebound_deliver::email::{Email, message_id};
use rebound_deliver::link::{Claims, LinkKey};
use rebound_domain::access::{Action, Part};
use rebound_domain::delivery::{Channel, MessageKind};
use rebound_domain::reminder::{ReminderAction, Snooze, reminder_due, reminder_key, reminder_text};
use rebound_domain::{Mistake, MistakeId, User, UserId};
use rebound_store::{ClaimedJob, Effects, NewJob, NewMessage, WebhookOwner};
use serde::{Deserialize, Serialize};

/// How long a snooze link keeps working.
const SNOOZE_LINK_FOR: SignedDuration = SignedDuration::from_hours(24 * 7);

#[derive(Serialize, Deserialize)]
struct Job {
    mistake: MistakeId,
    /// The owner when it was scheduled: reminded only while still theirs.
    owner: UserId,
}

/// When the next reminder about `m` goes, as its owner `owner` lives.
fn due_for(owner: &User, m: &Mistake) -> Option<Timestamp> {
    let zone = jiff::tz::TimeZone::get(&owner.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let due = m.next_update_due()?;
    Some(reminder_due(due, None, false, &zone, owner.working_hours.as_ref())?.timestamp())
}

/// The reminder job for `m` as it is about to be stored (none once no
/// update is expected); scheduling the same moment again is a no-op.
pub fn reminder_job(owner: &User, m: &Mistake) -> Option<NewJob> {
    let due = due_for(owner, m)?;
    Some(NewJob {
        key: reminder_key(&m.id, due),
        kind: "reminder".into(),
        payload: serde_json::to_string(&Job {
            mistake: m.id.clone(),
            owner: owner.id.clone(),
        })
        .expect("always JSON"),
        due,
    })
}

impl Worker {
    pub(super) async fn reminder(&self, job: &ClaimedJob) -> Result<Run, String> {
        let Ok(Job { mistake, owner }) = serde_json::from_str(&job.job.payload) else {
            return Err("the job's payload cannot be read".into());
        };
        let guard = &self.state.guard;
        // Asked as the owner, of the policy: a mistake gone, no longer
        // theirs, or an account disabled gets no reminder.
        let (owner, m) = match guard
            .readable(&owner, &mistake, Part::Updates, Action::Change)
            .await
        {
            Ok(Some(found)) => found,
            Ok(None) => return Ok(Run::done(Effects::default())),
            Err(e) => return Err(format!("could not read the mistake: {e:?}")),
        };
        // Still this job's moment? Otherwise a later save scheduled another.
        let current = due_for(&owner, &m).map(|due| reminder_key(&m.id, due));
        if current.as_deref() != Some(job.job.key.as_str()) {
            return Ok(Run::done(Effects::default()));
        }
        let chosen = (guard.outbox().preferences(&owner.id).await).map_err(|e| e.to_string())?;
        let hook = guard
            .webhooks()
            .webhook(&WebhookOwner::User(owner.id.clone()))
            .await;
        let hook = hook.map_err(|e| e.to_string())?.map(|w| w.id);
        let settings = &self.state.settings.delivery;
        let now = self.state.clock.now();
        let message = NewMessage {
            message_id: message_id(&job.job.key, settings.id_domain()),
            idem_key: job.job.key.clone(),
            channel: Channel::Email,
            kind: MessageKind::Reminder,
            sender: None,
            recipient: Some(owner.id.clone()),
            address: owner.email.to_string(),
            mistake: Some(m.id.clone()),
            payload: Payload::Reminder {
                key: job.job.key.clone(),
            }
            .to_json(),
            created: now,
            due: now,
        };
        let outbox = settings.to_channels(message, &chosen, hook.as_deref());
        Ok(Run::done(Effects {
            outbox,
            ..Effects::default()
        }))
    }
}

/// The claims of a signed link choosing `snooze` for `m`.
pub fn snooze_claims(owner: &User, m: &MistakeId, snooze: Snooze, now: Timestamp) -> Claims {
    Claims {
        purpose: "snooze".into(),
        user: owner.id.to_string(),
        mistake: Some(m.to_string()),
        kind: Some(snooze.as_str().into()),
        expires_ms: (now + SNOOZE_LINK_FOR).as_millisecond(),
    }
}

/// Whether a reminder queued under `key` still speaks of `m`'s current due
/// moment for `owner` (posting an update meanwhile makes it moot).
pub(super) fn still_due(owner: &User, m: &Mistake, key: &str) -> bool {
    due_for(owner, m).is_some_and(|due| reminder_key(&m.id, due) == key)
}

/// The reminder email to `owner` about `m`.
pub(super) fn compose(
    to: (&str, &str),
    owner: &User,
    m: &Mistake,
    settings: &DeliverySettings,
    key: &LinkKey,
    now: Timestamp,
) -> Email {
    let (address, message) = to;
    let zone = jiff::tz::TimeZone::get(&owner.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let due = m.next_update_due().unwrap_or(now);
    let words = reminder_text(&m.id, &m.title, due, &now.to_zoned(zone));
    let links: Vec<(&str, Option<String>)> = words
        .actions
        .iter()
        .map(|a| {
            let path = match a {
                ReminderAction::PostUpdate => words.update_path.clone(),
                ReminderAction::Snooze(s) => {
                    super::signed_path(key, &snooze_claims(owner, &m.id, *s, now))
                }
            };
            (a.label(), settings.link(&path))
        })
        .collect();
    let mut text = words.plain_body();
    text.push('\n');
    for (label, url) in &links {
        if let Some(url) = url {
            text.push_str(&format!("\n{label}: {url}"));
        }
    }
    let stop = settings.link(&super::signed_path(
        key,
        &super::unsubscribe_claims(owner.id.as_str(), MessageKind::Reminder.as_str(), now),
    ));
    let footer = "You get these because you own this mistake in Rebound.";
    text.push_str(&format!("\n\n--\n{footer}\n"));
    if let Some(stop) = &stop {
        text.push_str(&format!("No more update reminders: {stop}\n"));
    }
    let html = maud::html! {
        @for p in &words.paragraphs { p { (p) } }
        ul { @for (label, url) in &links { @if let Some(url) = url { li { a href=(url) { (label) } } } } }
        hr;
        p style="color:#555;font-size:0.9em" {
            (footer)
            @if let Some(stop) = &stop { " " a href=(stop) { "No more update reminders" } }
        }
    };
    Email {
        to: address.to_owned(),
        to_name: Some(owner.display_name.to_string()),
        subject: words.subject,
        text,
        html: html.into_string(),
        message_id: message.to_owned(),
        unsubscribe: stop.filter(|s| s.starts_with("https://")),
        calendar: None,
        from_name: None,
        reply_to: None,
    }
}
