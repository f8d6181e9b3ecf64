//! What a reminder says. Written for someone busy with a fix: what is due,
//! that a line or two is enough, and a way to put it off without guilt.

use super::Snooze;
use crate::id::MistakeId;
use crate::when::{between, format_duration};
use jiff::{RoundMode, SignedDuration, Timestamp, Unit, Zoned, ZonedRound};

/// A title longer than this is cut (with "…") in a subject line.
const SUBJECT_TITLE_CHARS: usize = 60;
/// Under this late, an update is "due now" rather than "overdue by 12 s".
const DUE_NOW_SLACK: SignedDuration = SignedDuration::from_secs(60);

/// One reminder's words. Links are the caller's to build: `update_path`
/// is relative to the public URL, and each snooze action is a link the
/// caller signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderText {
    pub subject: String,
    /// Plain-text paragraphs, in order.
    pub paragraphs: Vec<String>,
    /// Where the update is posted: the mistake's page, at its updates.
    pub update_path: String,
    /// The links under the text, in order.
    pub actions: Vec<ReminderAction>,
}

impl ReminderText {
    /// The paragraphs as one plain-text body, a blank line between them.
    pub fn plain_body(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// A link in a reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderAction {
    PostUpdate,
    Snooze(Snooze),
}

impl ReminderAction {
    pub fn label(self) -> &'static str {
        match self {
            ReminderAction::PostUpdate => "Post a short update",
            ReminderAction::Snooze(s) => s.link_label(),
        }
    }
}

/// The reminder that an update on `title` (mistake `mistake`) was due at
/// `update_due`, as read at `now` in the owner's zone.
pub fn reminder_text(
    mistake: &MistakeId,
    title: &str,
    update_due: Timestamp,
    now: &Zoned,
) -> ReminderText {
    let late = now.timestamp().duration_since(update_due);
    let short = shorten(title);
    let (subject, opening) = if late <= -DUE_NOW_SLACK {
        // Read ahead of time (a preview): say when, not "now".
        (
            format!("An update on “{short}” is due"),
            format!(
                "The next update on “{title}” is due {}.",
                at_phrase(update_due, now)
            ),
        )
    } else if late < DUE_NOW_SLACK {
        (
            format!("An update on “{short}” is due"),
            format!("The next update on “{title}” is due now."),
        )
    } else {
        let by = format_duration(between(update_due, now.timestamp()));
        (
            format!("An update on “{short}” is overdue by {by}"),
            format!(
                "The next update on “{title}” was due {} ({by} ago).",
                at_phrase(update_due, now)
            ),
        )
    };
    let paragraphs = vec![
        opening,
        "It can be short. When people hear nothing they tend to imagine the worst; \
         a few lines, even without news, keep them with you."
            .to_string(),
        format!(
            "Something like this is enough: “Still on it. Next update by {}.”",
            format_moment(suggested_next(now), now)
        ),
        "If now is not a good moment, put this reminder off with one of the links below."
            .to_string(),
    ];
    ReminderText {
        subject,
        paragraphs,
        update_path: format!("/m/{}#updates", mistake.as_str()),
        actions: vec![
            ReminderAction::PostUpdate,
            ReminderAction::Snooze(Snooze::OneHour),
            ReminderAction::Snooze(Snooze::TomorrowMorning),
            ReminderAction::Snooze(Snooze::Never),
        ],
    }
}

/// A moment on the person's clock: the time alone when it is today, the
/// day and date when not, and the year only when it is not this year.
pub fn format_moment(at: Timestamp, now: &Zoned) -> String {
    let z = at.to_zoned(now.time_zone().clone());
    let pattern = if z.date() == now.date() {
        "%H:%M"
    } else if z.year() == now.year() {
        "%a %-d %b, %H:%M"
    } else {
        "%a %-d %b %Y, %H:%M"
    };
    z.strftime(pattern).to_string()
}

/// `at 14:30` today, `on Tue 8 Dec, 14:30` another day.
fn at_phrase(at: Timestamp, now: &Zoned) -> String {
    let same_day = at.to_zoned(now.time_zone().clone()).date() == now.date();
    let prefix = if same_day { "at" } else { "on" };
    format!("{prefix} {}", format_moment(at, now))
}

/// A next-update time to suggest: an hour on, rounded up to the half hour,
/// so the example is a promise that is easy to keep.
fn suggested_next(now: &Zoned) -> Timestamp {
    let later = now.timestamp() + SignedDuration::from_hours(1);
    let round = ZonedRound::new()
        .smallest(Unit::Minute)
        .increment(30)
        .mode(RoundMode::Ceil);
    later
        .to_zoned(now.time_zone().clone())
        .round(round)
        .map_or(later, |z| z.timestamp())
}

fn shorten(title: &str) -> String {
    if title.chars().count() <= SUBJECT_TITLE_CHARS {
        return title.to_string();
    }
    let mut s: String = title.chars().take(SUBJECT_TITLE_CHARS - 1).collect();
    s.push('…');
    s
}
