//! What needs a person's attention now, and whether now is a time to say so.
//! "Don't announce and vanish": a late timeline, a late note, an unsent
//! heads-up or an overdue update is surfaced — but a reminder is never
//! pushed outside the person's working hours.

use crate::account::WorkingHours;
use crate::clocks::TargetStatus;
use crate::mistake::Mistake;
use crate::when::between;
use jiff::Timestamp;
use jiff::civil::DateTime;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttentionKind {
    /// The heads-up is not marked sent.
    HeadsUpNotSent,
    /// The 15-minute timeline target passed with no entry.
    TimelineLate,
    /// The 30-minute note target passed with the note incomplete.
    NoteLate,
    /// The promised progress update is overdue.
    UpdateOverdue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttentionItem {
    pub kind: AttentionKind,
    /// When it was due (detection, for an unsent heads-up).
    pub due: Timestamp,
    pub late_by_secs: u64,
}

/// What is late on `m` at `now`, most urgent kind first. Closed mistakes
/// need nothing.
pub fn needs_attention(m: &Mistake, now: Timestamp) -> Vec<AttentionItem> {
    if !m.state.is_open() {
        return Vec::new();
    }
    let c = m.clocks(now);
    let mut out = Vec::new();
    if m.heads_up.sent_at.is_none() {
        out.push(AttentionItem {
            kind: AttentionKind::HeadsUpNotSent,
            due: m.detected_at,
            late_by_secs: between(m.detected_at, now).as_secs(),
        });
    }
    for (clock, kind) in [
        (c.timeline, AttentionKind::TimelineLate),
        (c.note, AttentionKind::NoteLate),
    ] {
        if let TargetStatus::Overdue { late_by_secs } = clock.status {
            out.push(AttentionItem {
                kind,
                due: clock.due,
                late_by_secs,
            });
        }
    }
    if let Some(u) = c.next_update
        && u.overdue
    {
        out.push(AttentionItem {
            kind: AttentionKind::UpdateOverdue,
            due: u.due,
            late_by_secs: u.secs,
        });
    }
    out
}

/// Whether reminders may be pushed at `local` (the person's wall-clock
/// time): always when no working hours are set, otherwise only inside them.
pub fn may_remind(hours: Option<&WorkingHours>, local: DateTime) -> bool {
    hours.is_none_or(|h| h.contains(local))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::MistakeId;
    use crate::mistake::NewMistake;
    use jiff::{ToSpan as _, Zoned};

    fn now() -> Zoned {
        "2026-11-23T10:00:00[Europe/Paris]".parse().unwrap()
    }

    fn detected(minutes_ago: i64) -> Mistake {
        let input = NewMistake {
            title: "Sent the wrong dashboard version to finance".into(),
            detected_at: Some(now().timestamp() - minutes_ago.minutes()),
            ..NewMistake::default()
        };
        Mistake::new(input, MistakeId::from_random([3; 5]), &now()).unwrap()
    }

    #[test]
    fn a_fresh_mistake_only_needs_its_heads_up_sent() {
        let kinds: Vec<_> = needs_attention(&detected(5), now().timestamp())
            .iter()
            .map(|i| i.kind)
            .collect();
        assert_eq!(kinds, [AttentionKind::HeadsUpNotSent]);
    }

    #[test]
    fn late_clocks_and_overdue_updates_are_listed_with_how_late() {
        let mut m = detected(300);
        m.mark_sent(m.detected_at + 5.minutes(), None, &now())
            .unwrap();
        let items = needs_attention(&m, now().timestamp());
        let kinds: Vec<_> = items.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            [
                AttentionKind::TimelineLate,
                AttentionKind::NoteLate,
                AttentionKind::UpdateOverdue
            ]
        );
        assert_eq!(items[0].late_by_secs, (300 - 15) * 60);
        // Medium severity: an update every 4 h from the heads-up at −295 min.
        assert_eq!(items[2].late_by_secs, (295 - 240) * 60);
    }

    #[test]
    fn closed_mistakes_need_nothing() {
        let mut m = detected(300);
        m.state = crate::state::State::Closed;
        assert!(needs_attention(&m, now().timestamp()).is_empty());
    }

    #[test]
    fn reminders_wait_for_working_hours() {
        let hours = WorkingHours::weekdays(9 * 60, 17 * 60).unwrap();
        let monday_morning: DateTime = "2026-11-23T10:00".parse().unwrap();
        let monday_night: DateTime = "2026-11-23T22:00".parse().unwrap();
        let saturday: DateTime = "2026-11-28T10:00".parse().unwrap();
        assert!(may_remind(Some(&hours), monday_morning));
        assert!(!may_remind(Some(&hours), monday_night));
        assert!(!may_remind(Some(&hours), saturday));
        assert!(may_remind(None, monday_night));
    }
}
