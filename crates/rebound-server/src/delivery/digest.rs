//! The Monday note. A sweep job, every quarter of an hour, queues the
//! digest of each person for whom it is now Monday from 08:00 on their own
//! clock (later that Monday if the server was down at eight), once per
//! person per week (`digest_key` is the message's key), and only when it
//! has something to say. What it says is gathered through the access
//! policy like any read, and again when it is sent: it lists titles and
//! dates, never the words of a reflection, a private note or escalation.

use super::jobs::Run;
use super::worker::Worker;
use super::{DeliverySettings, Payload};
use crate::error::ApiResult;
use crate::guard::DigestReads;
use crate::state::AppState;
use jiff::civil::{Date, Weekday};
use jiff::{SignedDuration, Timestamp, Zoned};
use rebound_deliver::email::{Email, message_id};
use rebound_deliver::link::LinkKey;
use rebound_domain::delivery::{Channel, MessageKind, Preference, wanted};
use rebound_domain::digest::{
    AwaitingAck, CheckInDue, DIGEST_HOUR, DigestItems, DigestText, FollowUp, LessonBack, NextStep,
    OverdueUpdate, compose, digest_key, prompt_for_week,
};
use rebound_domain::{User, UserId};
use rebound_store::{Effects, NewJob, NewMessage};
use std::collections::HashMap;

/// How often the sweep looks: a zone whose offset is not whole hours
/// still gets its note within a quarter of an hour of eight.
const SWEEP_EVERY: SignedDuration = SignedDuration::from_mins(15);

/// The sweep job due at the first quarter-hour after `at` (or at it).
pub fn sweep_job(at: Timestamp) -> NewJob {
    let step = SWEEP_EVERY.as_millis() as i64;
    let ms = at.as_millisecond().div_euclid(step) * step;
    let due = Timestamp::from_millisecond(ms).unwrap_or(at);
    NewJob {
        key: format!("digest-sweep:{ms}"),
        kind: "digest-sweep".into(),
        payload: "{}".into(),
        due,
    }
}

/// The Monday whose digest `person` gets at `now`, if it is Monday from
/// eight on their clock.
fn this_monday(now: &Zoned) -> Option<Date> {
    (now.weekday() == Weekday::Monday && now.hour() >= DIGEST_HOUR).then(|| now.date())
}

/// The Monday of the week `now` falls in, on its own clock.
fn week_of(now: &Zoned) -> Date {
    let back = i64::from(now.date().weekday().to_monday_zero_offset());
    now.date()
        .checked_sub(jiff::Span::new().days(back))
        .unwrap_or(now.date())
}

/// Everything `user`'s digest would say now, read through the policy.
pub async fn items_for(state: &AppState, user: &User, now: &Zoned) -> ApiResult<DigestItems> {
    let mut reads = state.guard.digest_reads(std::slice::from_ref(user)).await?;
    let theirs = reads.remove(&user.id).unwrap_or_default();
    Ok(items_from(theirs, now))
}

/// What a person's digest says, from what the guard let them read.
fn items_from(reads: DigestReads, now: &Zoned) -> DigestItems {
    let mut items = DigestItems::default();
    for m in &reads.own_open {
        items.open_follow_ups.extend(FollowUp::of(m));
        items
            .overdue_updates
            .extend(OverdueUpdate::of(m, now.timestamp()));
    }
    for (m, owner_name, named_at) in reads.awaiting_ack {
        items.missing_acks.push(AwaitingAck {
            mistake: m.id.clone(),
            title: m.title.clone(),
            owner_name,
            shared_at: named_at,
        });
    }
    for (report, plan) in &reads.managing {
        let name = report.display_name.to_string();
        items
            .check_ins_this_week
            .extend(CheckInDue::of(plan, &name, now));
        items.next_steps.extend(NextStep::of(plan, &name));
    }
    items.lessons_back =
        rebound_domain::reflection::returning(&reads.reflections, &reads.principles, now)
            .iter()
            .map(|b| LessonBack {
                mistake: b.mistake().and_then(|id| {
                    let title = reads.lesson_titles.get(id)?;
                    Some((id.clone(), title.clone()))
                }),
            })
            .collect();
    items.prompt = prompt_for_week(week_of(now));
    items
}

/// `user`'s digest as it would read now, and whether it would be sent.
pub async fn preview(state: &AppState, user: &User) -> ApiResult<(DigestText, bool)> {
    let now = state.clock.now_for(user);
    let items = items_for(state, user, &now).await?;
    let text = compose(&items, &user.display_name.to_string(), &now);
    Ok((text, !items.is_empty()))
}

/// The digest message for `user`'s week of `monday`, if they want it.
fn message(settings: &DeliverySettings, user: &User, monday: Date, now: Timestamp) -> NewMessage {
    let key = digest_key(&user.id, monday);
    NewMessage {
        message_id: message_id(&key, settings.id_domain()),
        idem_key: key,
        channel: Channel::Email,
        kind: MessageKind::Digest,
        sender: None,
        recipient: Some(user.id.clone()),
        address: user.email.to_string(),
        mistake: None,
        payload: Payload::Digest.to_json(),
        created: now,
        due: now,
    }
}

/// People read and queued together: a few statements per page, and one
/// enqueue, however many people there are.
const PAGE: usize = 1000;

/// Queues the digest of each of `users` whose week it is (`monday_of`)
/// and who has something waiting; returns how many were queued.
pub async fn queue_for(
    state: &AppState,
    users: &[User],
    monday_of: impl Fn(&Zoned) -> Option<Date>,
) -> ApiResult<usize> {
    let mut queued = 0;
    for page in users.chunks(PAGE) {
        queued += queue_page(state, page, &monday_of).await?;
    }
    Ok(queued)
}

async fn queue_page(
    state: &AppState,
    users: &[User],
    monday_of: &impl Fn(&Zoned) -> Option<Date>,
) -> ApiResult<usize> {
    let settings = &state.settings.delivery;
    if settings.mail.is_none() {
        return Ok(0);
    }
    let mut due = Vec::new();
    let ids: Vec<UserId> = users.iter().map(|u| u.id.clone()).collect();
    let mut chosen: HashMap<UserId, Vec<Preference>> = HashMap::new();
    for (u, p) in state.guard.outbox().preferences_of(&ids).await? {
        chosen.entry(u).or_default().push(p);
    }
    for user in users.iter().filter(|u| !u.is_disabled()) {
        let now = state.clock.now_for(user);
        let Some(monday) = monday_of(&now) else {
            continue;
        };
        let theirs = chosen.get(&user.id).map(Vec::as_slice).unwrap_or_default();
        if wanted(theirs, MessageKind::Digest, Channel::Email) {
            due.push((user, now, monday));
        }
    }
    if due.is_empty() {
        return Ok(0);
    }
    let readers: Vec<User> = due.iter().map(|(u, _, _)| (*u).clone()).collect();
    let mut reads = state.guard.digest_reads(&readers).await?;
    let mut messages = Vec::new();
    for (user, now, monday) in due {
        let theirs = reads.remove(&user.id).unwrap_or_default();
        if items_from(theirs, &now).is_empty() {
            continue;
        }
        messages.push(message(settings, user, monday, now.timestamp()));
    }
    Ok(state.guard.outbox().enqueue(&messages).await?)
}

impl Worker {
    /// One sweep: queue the digests due now, and schedule the next sweep
    /// (both stored as the job ends, so a re-run queues nothing twice).
    pub(super) async fn digest_sweep(&self) -> Result<Run, String> {
        let users = (self.state.guard.accounts().list_users().await).map_err(|e| e.to_string())?;
        queue_for(&self.state, &users, this_monday)
            .await
            .map_err(|e| format!("digests not queued: {e:?}"))?;
        let next = sweep_job(self.state.clock.now() + SWEEP_EVERY);
        Ok(Run::done(Effects {
            jobs: vec![next],
            ..Effects::default()
        }))
    }
}

/// The digest email, composed from what `user` may read now.
pub(super) fn email(
    to: (&str, &str),
    user: &User,
    text: &DigestText,
    settings: &DeliverySettings,
    key: &LinkKey,
    now: Timestamp,
) -> Email {
    let (address, message_id) = to;
    let claims = super::unsubscribe_claims(user.id.as_str(), MessageKind::Digest.as_str(), now);
    let stop = settings.link(&super::signed_path(key, &claims));
    let mut plain = format!("{}\n", text.opening);
    for s in &text.sections {
        plain.push_str(&format!("\n{}\n", s.heading));
        for l in &s.lines {
            match l.link_path.as_deref().and_then(|p| settings.link(p)) {
                Some(url) => plain.push_str(&format!("- {} ({url})\n", l.text)),
                None => plain.push_str(&format!("- {}\n", l.text)),
            }
        }
    }
    plain.push_str(&format!(
        "\n{}\n\n--\nThe Monday note from Rebound.",
        text.closing
    ));
    if let Some(stop) = &stop {
        plain.push_str(&format!(" No more Monday notes: {stop}"));
    }
    plain.push('\n');
    let html = maud::html! {
        p { (text.opening) }
        @for s in &text.sections {
            h3 style="font-size:1em;margin-bottom:0.2em" { (s.heading) }
            ul { @for l in &s.lines {
                li { @match l.link_path.as_deref().and_then(|p| settings.link(p)) {
                    Some(url) => a href=(url) { (l.text) },
                    None => (l.text),
                } }
            } }
        }
        p { (text.closing) }
        hr;
        p style="color:#555;font-size:0.9em" {
            "The Monday note from Rebound."
            @if let Some(stop) = &stop { " " a href=(stop) { "No more Monday notes" } }
        }
    };
    Email {
        to: address.to_owned(),
        to_name: Some(user.display_name.to_string()),
        subject: text.subject.clone(),
        text: plain,
        html: html.into_string(),
        message_id: message_id.to_owned(),
        unsubscribe: stop.filter(|s| s.starts_with("https://")),
        calendar: None,
        from_name: None,
        reply_to: None,
    }
}

/// The week a digest queued now belongs to, for `run --now`: this one.
pub fn this_week(now: &Zoned) -> Option<Date> {
    Some(week_of(now))
}
