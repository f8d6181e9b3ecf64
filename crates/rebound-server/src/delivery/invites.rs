//! Calendar invitations by email: when a manager opens a plan or changes
//! when the debrief or the check-ins are, the manager and the report each
//! get a `text/calendar; method=REQUEST` invitation (the same UIDs every
//! time, SEQUENCE the plan's version, so calendars update the meeting
//! rather than add one). Composed when sent, from the plan as it is then
//! and only for whom the policy lets read its calendar; like the .ics
//! files, it says "Debrief" and "One-on-one", nothing more.

use super::{DeliverySettings, Payload};
use jiff::Timestamp;
use rebound_deliver::email::{CalendarPart, Email, message_id};
use rebound_domain::User;
use rebound_domain::delivery::{Channel, MessageKind};
use rebound_domain::ics::{Method, Person};
use rebound_domain::recovery::RecoveryPlan;
use rebound_domain::recovery::ics::{Invite, check_ins_event, debrief_event, invitation};
use rebound_store::NewMessage;

/// When the plan's meetings are: what an invitation is about.
fn meetings(plan: &RecoveryPlan) -> (Option<Timestamp>, rebound_domain::recovery::Schedule) {
    (plan.debrief_task().map(|t| t.due), plan.schedule)
}

/// The invitations `after` calls for, to `manager` and `report`: none when
/// the meetings are as they were `before` (or there is no mail).
pub fn for_change(
    settings: &DeliverySettings,
    before: Option<&RecoveryPlan>,
    after: &RecoveryPlan,
    people: [&User; 2],
    now: Timestamp,
) -> Vec<NewMessage> {
    if settings.mail.is_none() || before.is_some_and(|b| meetings(b) == meetings(after)) {
        return Vec::new();
    }
    // The version this save stores: each change's invitation is newer.
    let sequence = after.version + 1;
    people
        .iter()
        .map(|u| {
            let key = format!("invite:{}:v{sequence}:{}", after.id, u.id);
            NewMessage {
                message_id: message_id(&key, settings.id_domain()),
                idem_key: key,
                channel: Channel::Email,
                kind: MessageKind::Invite,
                sender: Some(people[0].id.clone()),
                recipient: Some(u.id.clone()),
                address: u.email.to_string(),
                mistake: None,
                payload: Payload::Invite {
                    plan: after.id.to_string(),
                }
                .to_json(),
                created: now,
                due: now,
            }
        })
        .collect()
}

fn person(u: &User) -> Person {
    Person {
        name: u.display_name.to_string(),
        email: u.email.to_string(),
    }
}

/// The invitation to `to` for `plan` as it is now, from `manager`.
pub(super) fn email(
    (address, id): (&str, &str),
    plan: &RecoveryPlan,
    manager: &User,
    report: &User,
    settings: &DeliverySettings,
    now: Timestamp,
) -> Email {
    let domain = settings.id_domain();
    let mut events = vec![check_ins_event(plan, "rebound")];
    if let Some(task) = plan.debrief_task() {
        events.insert(0, debrief_event(plan, task.due, "rebound"));
    }
    let invite = Invite {
        method: Method::Request,
        organizer: person(manager),
        attendees: vec![person(manager), person(report)],
        sequence: u32::try_from(plan.version).unwrap_or(u32::MAX),
        domain,
    };
    let ics = invitation(events, invite, now);
    let s = plan.schedule;
    let every = if s.every_weeks == 1 {
        "every week".to_owned()
    } else {
        format!("every {} weeks", s.every_weeks)
    };
    let first = s.first_at.strftime("%a %-d %b %Y, %H:%M UTC").to_string();
    let mut lines = vec![format!(
        "One-on-one between {} and {}: {every}, {} minutes, {} times, from {first}.",
        manager.display_name, report.display_name, s.minutes, s.count
    )];
    if let Some(task) = plan.debrief_task() {
        let at = task.due.strftime("%a %-d %b %Y, %H:%M UTC");
        lines.insert(0, format!("Debrief: {at}, 30 minutes."));
    }
    lines.push("The attached invitation adds these to your calendar, or updates them.".into());
    let text = format!("{}\n", lines.join("\n\n"));
    let html = maud::html! { @for l in &lines { p { (l) } } };
    Email {
        to: address.to_owned(),
        to_name: None,
        subject: "Invitation: one-on-ones".into(),
        text,
        html: html.into_string(),
        message_id: id.to_owned(),
        unsubscribe: None,
        calendar: Some(CalendarPart {
            method: Method::Request,
            ics,
        }),
        from_name: Some(format!("{} (via Rebound)", manager.display_name)),
        reply_to: Some(manager.email.to_string()),
    }
}
