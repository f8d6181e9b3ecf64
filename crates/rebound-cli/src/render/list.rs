//! Open mistakes as a table: state, clocks, and whether an update is overdue.

use jiff::Zoned;
use rebound_domain::listing::is_mine;
use rebound_domain::when::{format_clock, format_duration};
use rebound_domain::{Mistake, TargetClock, TargetStatus, UserId};
use std::time::Duration;

fn short(clock: &TargetClock) -> String {
    let d = |s| format_duration(Duration::from_secs(s));
    match clock.status {
        TargetStatus::Met { .. } => "done".into(),
        TargetStatus::Missed { late_by_secs, .. } => format!("done, {} late", d(late_by_secs)),
        TargetStatus::Running { left_secs } => format!("{} left", d(left_secs)),
        TargetStatus::Overdue { late_by_secs } => format!("LATE {}", d(late_by_secs)),
    }
}

/// The rows as a table; the title (last) is cut to fit `width` columns
/// when the output is a terminal, and an OWNER column appears when some
/// row is someone else's, with the owner's name from `names` (their id
/// when the server gave none).
pub fn table(
    ms: &[&Mistake],
    me: Option<&UserId>,
    names: &[(UserId, String)],
    now: &Zoned,
    width: Option<usize>,
) -> String {
    let owners = ms.iter().any(|m| !is_mine(m, me));
    let mut head = vec![
        "ID",
        "STATE",
        "SEVERITY",
        "DETECTED",
        "TIMELINE",
        "NOTE",
        "NEXT UPDATE",
    ];
    if owners {
        head.push("OWNER");
    }
    head.push("TITLE");
    let mut rows: Vec<Vec<String>> = vec![head.into_iter().map(String::from).collect()];
    for m in ms {
        let c = m.clocks(now.timestamp());
        let next = match c.next_update {
            Some(u) if u.overdue => {
                format!("OVERDUE {}", format_duration(Duration::from_secs(u.secs)))
            }
            Some(u) => format!("by {}", format_clock(u.due, now)),
            None => "-".into(),
        };
        let mut row = vec![
            m.id.to_string(),
            m.state.to_string(),
            m.severity.to_string(),
            format_clock(m.detected_at, now),
            short(&c.timeline),
            short(&c.note),
            next,
        ];
        if owners {
            row.push(match (&m.owner, is_mine(m, me)) {
                (_, true) | (None, _) => "me".into(),
                (Some(o), false) => (names.iter().find(|(id, _)| id == o))
                    .map(|(_, name)| name.clone())
                    .unwrap_or_else(|| o.to_string()),
            });
        }
        row.push(m.title.clone());
        rows.push(row);
    }
    let last = rows[0].len() - 1;
    let widths: Vec<usize> = (0..last)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    // What is left for the title once the other columns and gaps are laid out.
    let room = width.map(|w| {
        w.saturating_sub(widths.iter().sum::<usize>() + 2 * last)
            .max(12)
    });
    let mut out = String::new();
    for r in &rows {
        let mut line: Vec<String> = (0..last)
            .map(|i| format!("{:<w$}", r[i], w = widths[i]))
            .collect();
        line.push(cut(&r[last], room));
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// `title` in at most `room` characters, ending in "…" when cut.
fn cut(title: &str, room: Option<usize>) -> String {
    match room {
        Some(room) if title.chars().count() > room => {
            let kept: String = title.chars().take(room - 1).collect();
            format!("{}…", kept.trim_end())
        }
        _ => title.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rebound_domain::{MistakeId, NewMistake};

    #[test]
    fn a_long_title_is_cut_to_the_terminal_and_a_short_one_kept() {
        let now: Zoned = "2026-11-22T14:30:00[UTC]".parse().unwrap();
        let new = |title: &str, n: u8| {
            let input = NewMistake {
                title: title.into(),
                ..NewMistake::default()
            };
            Mistake::new(input, MistakeId::from_random([n, 1, 1, 1, 1]), &now).unwrap()
        };
        let long = new(&"refunds counted twice in the board pack ".repeat(4), 1);
        let short = new("Broke the build", 2);
        let out = table(&[&long, &short], None, &[], &now, Some(100));
        for line in out.lines() {
            assert!(line.chars().count() <= 100, "{line}");
        }
        assert!(out.contains("…\n"), "{out}");
        assert!(out.contains("Broke the build\n"), "{out}");
        assert!(!out.contains("OWNER"), "all mine: {out}");
        let uncut = table(&[&long], None, &[], &now, None);
        assert!(uncut.contains(long.title.trim_end()), "no terminal, no cut");
    }
}
