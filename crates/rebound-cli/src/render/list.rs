//! Open mistakes as a table: state, clocks, and whether an update is overdue.

use jiff::Zoned;
use rebound_domain::when::{format_clock, format_duration};
use rebound_domain::{Mistake, TargetClock, TargetStatus};
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

pub fn table(ms: &[Mistake], now: &Zoned) -> String {
    let mut rows = vec![[
        "ID".to_string(),
        "STATE".into(),
        "SEVERITY".into(),
        "DETECTED".into(),
        "TIMELINE".into(),
        "NOTE".into(),
        "NEXT UPDATE".into(),
        "TITLE".into(),
    ]];
    for m in ms {
        let c = m.clocks(now.timestamp());
        let next = match c.next_update {
            Some(u) if u.overdue => {
                format!("OVERDUE {}", format_duration(Duration::from_secs(u.secs)))
            }
            Some(u) => format!("by {}", format_clock(u.due, now)),
            None => "-".into(),
        };
        rows.push([
            m.id.to_string(),
            m.state.to_string(),
            m.severity.to_string(),
            format_clock(m.detected_at, now),
            short(&c.timeline),
            short(&c.note),
            next,
            m.title.clone(),
        ]);
    }
    let widths: Vec<usize> = (0..8)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in &rows {
        let line: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                if i == 7 {
                    cell.clone()
                } else {
                    format!("{cell:<w$}", w = widths[i])
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}
