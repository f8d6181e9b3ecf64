//! Calendar invitations by email: when a manager opens a plan or changes
//! when the debrief or the check-ins are, the manager and the report each
//! get a `text/calendar; method=REQUEST` invitation (the same UIDs every
//! time, SEQUENCE the plan's version, so calendars update the meeting
//! rather than add one); when the plan ends, a `method=CANCEL` under the
//! same UIDs with the higher SEQUENCE of the ending's save. Composed when
//! sent, from the plan as it is then (an invitation that leaves after the
//! end is a cancellation too) and only for whom the policy lets read its
//! calendar; like the .ics files, it says "Debrief" and "One-on-one",
//! nothing more.

use super::{DeliverySettings, Payload};
use jiff::Timestamp;
use rebound_deliver::email::{CalendarPart, Email, message_id};
use rebound_domain::User;
use rebound_domain::delivery::{Channel, MessageKind};
use rebound_domain::ics::{Method, Person};
use rebound_domain::recovery::RecoveryPlan;
use rebound_domain::recovery::ics::{Invite, invitation, invitation_events};
use rebound_store::NewMessage;

/// When the plan's meetings are, and whether they still take place: what
/// an invitation is about.
type Meetings = (Option<Timestamp>, rebound_domain::recovery::Schedule, bool);

fn meetings(plan: &RecoveryPlan) -> Meetings {
    let due = plan.debrief_task().map(|t| t.due);
    (due, plan.schedule, plan.is_ended())
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
    // The version this save stores (a new plan is stored as version 0,
    // each change one higher), so each change's key and SEQUENCE are new.
    let sequence = after.version + i64::from(before.is_some());
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
    let (method, events) = invitation_events(plan, "rebound");
    // The debrief is the one event that does not repeat.
    let debrief = events.iter().find(|e| e.weekly.is_none()).map(|e| e.start);
    let names = (manager.display_name.as_str(), report.display_name.as_str());
    let (subject, lines) = match method {
        Method::Cancel => ("Cancelled: one-on-ones", cancelled(debrief, names)),
        _ => ("Invitation: one-on-ones", invited(plan, debrief, names)),
    };
    let invite = Invite {
        method,
        organizer: person(manager),
        attendees: vec![person(manager), person(report)],
        sequence: u32::try_from(plan.version).unwrap_or(u32::MAX),
        domain: settings.id_domain(),
    };
    let ics = invitation(events, invite, now);
    let text = format!("{}\n", lines.join("\n\n"));
    let html = maud::html! { @for l in &lines { p { (l) } } };
    Email {
        to: address.to_owned(),
        to_name: None,
        subject: subject.into(),
        text,
        html: html.into_string(),
        message_id: id.to_owned(),
        unsubscribe: None,
        calendar: Some(CalendarPart { method, ics }),
        from_name: Some(format!("{} (via Rebound)", manager.display_name)),
        reply_to: Some(manager.email.to_string()),
    }
}

fn when(at: Timestamp) -> String {
    at.strftime("%a %-d %b %Y, %H:%M UTC").to_string()
}

/// The words of an invitation: when the meetings are.
fn invited(
    plan: &RecoveryPlan,
    debrief: Option<Timestamp>,
    (manager, report): (&str, &str),
) -> Vec<String> {
    let s = plan.schedule;
    let every = if s.every_weeks == 1 {
        "every week".to_owned()
    } else {
        format!("every {} weeks", s.every_weeks)
    };
    let mut lines = vec![format!(
        "One-on-one between {manager} and {report}: {every}, {} minutes, {} times, from {}.",
        s.minutes,
        s.count,
        when(s.first_at)
    )];
    if let Some(at) = debrief {
        lines.insert(0, format!("Debrief: {}, 30 minutes.", when(at)));
    }
    lines.push("The attached invitation adds these to your calendar, or updates them.".into());
    lines
}

/// The words of a cancellation: the plan ended, so the meetings are off.
fn cancelled(debrief: Option<Timestamp>, (manager, report): (&str, &str)) -> Vec<String> {
    let mut lines = vec![format!(
        "The one-on-ones between {manager} and {report} are cancelled: the plan they belonged to has ended."
    )];
    if let Some(at) = debrief {
        lines.push(format!("The debrief on {} is cancelled too.", when(at)));
    }
    lines.push("The attached cancellation takes them off your calendar.".into());
    lines
}
