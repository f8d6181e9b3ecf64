//! The plan's calendar events: the debrief as one event, the check-ins as
//! one recurring event, written by the one iCalendar writer
//! (`crate::ics`): as a file to import, or as an invitation by email.
//!
//! Invites land in calendars that other people may see, so their titles
//! and descriptions say nothing about the plan, the mistake or the person's
//! confidence: "Debrief", "One-on-one".

use super::plan::RecoveryPlan;
use crate::ics::{Event, Method, Person, calendar};
use jiff::{SignedDuration, Timestamp};

const DEBRIEF_MINUTES: i64 = 30;

/// Who a plan's invitation is from and for, and its version.
pub struct Invite<'a> {
    pub method: Method,
    pub organizer: Person,
    pub attendees: Vec<Person>,
    /// Up by one on every change of the plan, so calendars take the newest.
    pub sequence: u32,
    pub domain: &'a str,
}

/// The debrief event, at `start`, 30 minutes.
pub fn debrief_event(plan: &RecoveryPlan, start: Timestamp, domain: &str) -> Event {
    Event {
        uid: format!("debrief-{}@{domain}", plan.id),
        sequence: 0,
        start,
        end: start + SignedDuration::from_mins(DEBRIEF_MINUTES),
        summary: "Debrief".to_string(),
        description: "A short, calm debrief: what happened, what is known, one technical fix, one communication change.".to_string(),
        organizer: None,
        attendees: Vec::new(),
        weekly: None,
    }
}

/// The recurring one-on-one check-ins from the plan's schedule.
pub fn check_ins_event(plan: &RecoveryPlan, domain: &str) -> Event {
    let s = plan.schedule;
    Event {
        uid: format!("check-ins-{}@{domain}", plan.id),
        sequence: 0,
        start: s.first_at,
        end: s.first_at + SignedDuration::from_mins(i64::from(s.minutes)),
        summary: "One-on-one".to_string(),
        description: "Our regular one-on-one.".to_string(),
        organizer: None,
        attendees: Vec::new(),
        weekly: Some((s.every_weeks, s.count)),
    }
}

/// When the plan's debrief is, while it counts as a meeting: adopted, and
/// not ended before it took place (done, or due before the end).
fn debrief_at(plan: &RecoveryPlan) -> Option<Timestamp> {
    let task = plan.debrief_task()?;
    match &plan.ended {
        Some(end) if task.completed_at.is_none() && task.due >= end.at => None,
        _ => Some(task.due),
    }
}

/// The debrief as a file to import, at the debrief task's due time;
/// `None` when none was adopted or the plan ended before it took place.
pub fn debrief(plan: &RecoveryPlan, stamp: Timestamp, domain: &str) -> Option<String> {
    let event = debrief_event(plan, debrief_at(plan)?, domain);
    Some(calendar(Method::Publish, &[event], stamp))
}

/// The check-ins as a file to import. Once the plan has ended, the series
/// stops at the last one-on-one before the end (`None` when none took
/// place), under a higher SEQUENCE so an imported copy is updated. A file
/// has no organizer, which a CANCEL needs (RFC 5546), and importing a
/// cancellation removes past meetings too where calendars honour it at all;
/// a shortened series keeps what happened and shows nothing after the end.
pub fn check_ins(plan: &RecoveryPlan, stamp: Timestamp, domain: &str) -> Option<String> {
    let mut event = check_ins_event(plan, domain);
    if plan.is_ended() {
        let held = plan.check_ins_held();
        if held == 0 {
            return None;
        }
        event.weekly = Some((plan.schedule.every_weeks, held));
        event.sequence = u32::try_from(plan.version).unwrap_or(u32::MAX);
    }
    Some(calendar(Method::Publish, &[event], stamp))
}

/// What a plan's invitation says now: while the plan runs, a REQUEST for
/// the debrief (once adopted) and the one-on-ones; once it has ended, a
/// CANCEL of the one-on-ones under the same UIDs, and of the debrief when
/// it had not taken place yet.
pub fn invitation_events(plan: &RecoveryPlan, domain: &str) -> (Method, Vec<Event>) {
    let mut events = vec![check_ins_event(plan, domain)];
    let (method, debrief) = if plan.is_ended() {
        let pending = plan.debrief_task().filter(|_| debrief_at(plan).is_none());
        (Method::Cancel, pending.map(|t| t.due))
    } else {
        (Method::Request, plan.debrief_task().map(|t| t.due))
    };
    if let Some(at) = debrief {
        events.insert(0, debrief_event(plan, at, domain));
    }
    (method, events)
}

/// `events` as an invitation (or its cancellation) from `invite.organizer`.
pub fn invitation(events: Vec<Event>, invite: Invite, stamp: Timestamp) -> String {
    let events: Vec<Event> = events
        .into_iter()
        .map(|e| Event {
            uid: e.uid.replace("@rebound", &format!("@{}", invite.domain)),
            sequence: invite.sequence,
            organizer: Some(invite.organizer.clone()),
            attendees: invite.attendees.clone(),
            ..e
        })
        .collect();
    calendar(invite.method, &events, stamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn recurring() -> Event {
        Event {
            uid: "check-ins-7kq3x9mz@rebound.example".into(),
            sequence: 0,
            start: t("2026-11-30T09:30:00Z"),
            end: t("2026-11-30T10:00:00Z"),
            summary: "One-on-one".into(),
            description: "Our regular one-on-one.".into(),
            organizer: None,
            attendees: Vec::new(),
            weekly: Some((2, 6)),
        }
    }

    #[test]
    fn a_file_to_import_is_exactly_this_text() {
        let got = calendar(
            Method::Publish,
            &[recurring()],
            t("2026-11-23T00:57:00.123Z"),
        );
        let want = "BEGIN:VCALENDAR\r\n\
VERSION:2.0\r\n\
PRODID:-//Rebound//EN\r\n\
CALSCALE:GREGORIAN\r\n\
METHOD:PUBLISH\r\n\
BEGIN:VEVENT\r\n\
UID:check-ins-7kq3x9mz@rebound.example\r\n\
SEQUENCE:0\r\n\
DTSTAMP:20261123T005700Z\r\n\
DTSTART:20261130T093000Z\r\n\
DTEND:20261130T100000Z\r\n\
RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6\r\n\
SUMMARY:One-on-one\r\n\
DESCRIPTION:Our regular one-on-one.\r\n\
END:VEVENT\r\n\
END:VCALENDAR\r\n";
        assert_eq!(got, want);
    }

    #[test]
    fn an_invitation_names_who_invites_whom_and_its_version() {
        let lead = Person {
            name: "Lee".into(),
            email: "lee@example.com".into(),
        };
        let ana = Person {
            name: "Ana".into(),
            email: "ana@example.com".into(),
        };
        let invite = |method| Invite {
            method,
            organizer: lead.clone(),
            attendees: vec![lead.clone(), ana.clone()],
            sequence: 3,
            domain: "rebound.example",
        };
        let mut e = recurring();
        e.uid = "check-ins-7kq3x9mz@rebound".into();
        let got = invitation(
            vec![e.clone()],
            invite(Method::Request),
            t("2026-11-23T00:00:00Z"),
        );
        for line in [
            "METHOD:REQUEST",
            "UID:check-ins-7kq3x9mz@rebound.example",
            "SEQUENCE:3",
            "ORGANIZER;CN=\"Lee\":mailto:lee@example.com",
            "STATUS:CONFIRMED",
        ] {
            assert!(got.contains(&format!("\r\n{line}\r\n")), "{line} in {got}");
        }
        assert_eq!(got.matches("ATTENDEE;").count(), 2);
        let cancel = invitation(vec![e], invite(Method::Cancel), t("2026-11-23T00:00:00Z"));
        assert!(
            cancel.contains("\r\nMETHOD:CANCEL\r\n") && cancel.contains("\r\nSTATUS:CANCELLED\r\n")
        );
    }
}
