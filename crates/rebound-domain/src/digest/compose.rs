//! The digest's words: a subject that says what is waiting, a section per
//! kind of item, and a calm closing. Rendering (HTML, plain text, the
//! public URL before each path) is the caller's.

use super::items::DigestItems;
use crate::reminder::format_moment;
use crate::state::Checkbox;
use jiff::{Timestamp, Zoned};

/// At most this many lines per section; the rest is one "and N more" line.
pub const MAX_LINES: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestText {
    pub subject: String,
    pub opening: String,
    pub sections: Vec<Section>,
    pub closing: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: &'static str,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    /// A path on the server ("/m/7kq3x9mz"), for the caller to prefix.
    pub link_path: Option<String>,
}

impl Line {
    fn linked(text: String, path: String) -> Line {
        Line {
            text,
            link_path: Some(path),
        }
    }
}

/// The digest for `person_name`, composed at `now` (their zone: every time
/// is shown on their clock). Items come out in time order, most urgent
/// section first.
pub fn compose(items: &DigestItems, person_name: &str, now: &Zoned) -> DigestText {
    let mut sections = Vec::new();
    let mut counts = Vec::new();

    let mut overdue: Vec<_> = items.overdue_updates.iter().collect();
    overdue.sort_by(|a, b| (a.due, &a.mistake).cmp(&(b.due, &b.mistake)));
    add(
        &mut sections,
        &mut counts,
        (
            "Updates people are waiting for",
            "overdue update",
            "overdue updates",
        ),
        overdue.iter().map(|u| {
            Line::linked(
                format!("“{}”: the update was due {}", u.title, when(u.due, now)),
                format!("/m/{}#updates", u.mistake.as_str()),
            )
        }),
    );

    let mut acks: Vec<_> = items.missing_acks.iter().collect();
    acks.sort_by(|a, b| (a.shared_at, &a.mistake).cmp(&(b.shared_at, &b.mistake)));
    add(
        &mut sections,
        &mut counts,
        (
            "Notes waiting for your acknowledgement",
            "note to acknowledge",
            "notes to acknowledge",
        ),
        acks.iter().map(|a| {
            Line::linked(
                format!(
                    "“{}” from {}, shared {}",
                    a.title,
                    a.owner_name,
                    when(a.shared_at, now)
                ),
                format!("/m/{}", a.mistake.as_str()),
            )
        }),
    );

    add(
        &mut sections,
        &mut counts,
        ("Open follow-ups", "open follow-up", "open follow-ups"),
        items.open_follow_ups.iter().map(|f| {
            let mut text = format!("“{}”: {}", f.title, f.state.as_str());
            if !f.unticked.is_empty() {
                let todo: Vec<_> = f.unticked.iter().map(|c| to_do(*c)).collect();
                text.push_str("; still to do: ");
                text.push_str(&todo.join(", "));
            }
            Line::linked(text, format!("/m/{}", f.mistake.as_str()))
        }),
    );

    let mut check_ins: Vec<_> = items.check_ins_this_week.iter().collect();
    check_ins.sort_by(|a, b| (a.at, &a.plan).cmp(&(b.at, &b.plan)));
    add(
        &mut sections,
        &mut counts,
        ("Check-ins this week", "check-in", "check-ins"),
        check_ins.iter().map(|c| {
            Line::linked(
                format!("With {}, {}", c.report_name, when(c.at, now)),
                format!("/plans/{}", c.plan.as_str()),
            )
        }),
    );

    let mut steps: Vec<_> = items.next_steps.iter().collect();
    steps.sort_by(|a, b| (a.due, &a.plan).cmp(&(b.due, &b.plan)));
    add(
        &mut sections,
        &mut counts,
        ("Next steps in recovery plans", "next step", "next steps"),
        steps.iter().map(|s| {
            let due = if s.due < now.timestamp() {
                format!("was due {}", when(s.due, now))
            } else {
                format!("by {}", when(s.due, now))
            };
            Line::linked(
                format!("{}: {}, {due}", s.report_name, s.step.label()),
                format!("/plans/{}", s.plan.as_str()),
            )
        }),
    );

    // Where each came from, never its words: those are theirs, and a mail
    // is read elsewhere. Each asks on Home, where keep, reword or retire is
    // one step.
    add(
        &mut sections,
        &mut counts,
        ("Lessons that are back", "lesson back", "lessons back"),
        items.lessons_back.iter().map(|l| {
            let text = match &l.mistake {
                Some((_, title)) => {
                    format!("A lesson from \u{201c}{title}\u{201d} is back: does it still hold?")
                }
                None => "A lesson you wrote a while ago is back: does it still hold?".to_string(),
            };
            Line::linked(text, "/#lessons-title".to_string())
        }),
    );

    if let Some(prompt) = &items.prompt {
        sections.push(Section {
            heading: "A question for this week",
            lines: vec![Line {
                text: super::prompt_line(prompt),
                link_path: None,
            }],
        });
    }

    DigestText {
        subject: subject(&counts),
        opening: format!("Good morning, {person_name}. Here is what is waiting for you this week."),
        sections,
        closing: "Small steps count: a two-line update or one ticked box is progress \
                  people can see. Have a good week."
            .to_string(),
    }
}

/// Adds a section of `lines` (capped at [`MAX_LINES`]) unless there are
/// none, and its count for the subject.
fn add(
    sections: &mut Vec<Section>,
    counts: &mut Vec<String>,
    (heading, one, many): (&'static str, &str, &str),
    lines: impl Iterator<Item = Line>,
) {
    let mut lines: Vec<Line> = lines.collect();
    let n = lines.len();
    if n == 0 {
        return;
    }
    counts.push(if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    });
    if n > MAX_LINES {
        lines.truncate(MAX_LINES - 1);
        lines.push(Line::linked(
            format!("and {} more", n - (MAX_LINES - 1)),
            "/".to_string(),
        ));
    }
    sections.push(Section { heading, lines });
}

fn subject(counts: &[String]) -> String {
    match counts {
        [] => "Your Monday note".to_string(),
        [one] => format!("Your Monday note: {one}"),
        [init @ .., last] => format!("Your Monday note: {} and {last}", init.join(", ")),
    }
}

/// A moment on the person's clock, with "today" said when it is today.
fn when(at: Timestamp, now: &Zoned) -> String {
    let moment = format_moment(at, now);
    if at.to_zoned(now.time_zone().clone()).date() == now.date() {
        format!("today, {moment}")
    } else {
        moment
    }
}

fn to_do(c: Checkbox) -> &'static str {
    match c {
        Checkbox::Impact => "document the impact",
        Checkbox::Prevention => "define prevention",
    }
}
