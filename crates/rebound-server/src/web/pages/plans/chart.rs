//! The signs over time, as an SVG the page draws inline: one row per sign,
//! one column per check-in, each cell shaded by level (0–3) and showing
//! the number too, so colour is never the only cue; and the total per
//! check-in as a line above. Everything a person typed is escaped by maud;
//! the drawing uses presentation attributes only (no inline styles, which
//! the content security policy forbids). The same numbers come as a table
//! for screen readers and anyone who prefers one.

use jiff::Zoned;
use maud::{Markup, html};
use rebound_domain::recovery::signs::level_label;
use rebound_domain::recovery::{CheckIn, Sign};

const CELL: u32 = 40;
const LABEL_W: u32 = 340;
const TOP: u32 = 90;
const LINE_H: u32 = 60;

fn fill(level: u8) -> &'static str {
    match level {
        0 => "#f3f6f5",
        1 => "#cfe3dc",
        2 => "#7fb3a3",
        _ => "#2f6f5e",
    }
}

fn ink(level: u8) -> &'static str {
    if level >= 3 { "#ffffff" } else { "#1d2b27" }
}

fn day(c: &CheckIn, now: &Zoned) -> String {
    c.at.to_zoned(now.time_zone().clone())
        .strftime("%-d %b")
        .to_string()
}

/// The chart and its table; nothing before the first check-in.
pub fn chart(check_ins: &[CheckIn], now: &Zoned) -> Markup {
    if check_ins.is_empty() {
        return html! { p.muted { "The chart appears after the first check-in." } };
    }
    let n = check_ins.len() as u32;
    let width = LABEL_W + n * CELL + 20;
    let height = TOP + Sign::ALL.len() as u32 * CELL + 10;
    let x = |i: usize| LABEL_W + i as u32 * CELL + CELL / 2;
    // Totals 0–30 mapped into the band above the grid.
    let y_total = |t: u32| 10 + LINE_H - (t * LINE_H / 30);
    let points: Vec<String> = check_ins
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{},{}", x(i), y_total(c.total())))
        .collect();
    let totals: Vec<String> = check_ins.iter().map(|c| c.total().to_string()).collect();
    let desc = format!(
        "{} check-ins. Totals of the ten signs, oldest first: {}. Lower is better.",
        n,
        totals.join(", ")
    );
    html! {
        figure.chart {
            svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc"
                viewBox={ "0 0 " (width) " " (height) } width=(width) height=(height) {
                title #chart-title { "Signs at each check-in" }
                desc #chart-desc { (desc) }
                text x="4" y="20" font-size="12" fill="#1d2b27" { "Total (0–30)" }
                line x1=(LABEL_W) y1=(y_total(0)) x2=(width - 10) y2=(y_total(0)) stroke="#c5d0cc" stroke-width="1" {}
                polyline points=(points.join(" ")) fill="none" stroke="#2f6f5e" stroke-width="2" {}
                @for (i, c) in check_ins.iter().enumerate() {
                    circle cx=(x(i)) cy=(y_total(c.total())) r="3" fill="#2f6f5e" {}
                    text x=(x(i)) y=(TOP - 6) font-size="10" text-anchor="middle" fill="#1d2b27" { (day(c, now)) }
                }
                @for (row, sign) in Sign::ALL.iter().enumerate() {
                    @let y = TOP + row as u32 * CELL;
                    text x="4" y=(y + CELL / 2 + 4) font-size="11" fill="#1d2b27" { (sign.label()) }
                    @for (i, c) in check_ins.iter().enumerate() {
                        @let level = c.level(*sign);
                        rect x=(x(i) - CELL / 2 + 1) y=(y + 1) width=(CELL - 2) height=(CELL - 2) fill=(fill(level)) {}
                        text x=(x(i)) y=(y + CELL / 2 + 4) font-size="11" text-anchor="middle" fill=(ink(level)) { (level) }
                    }
                }
            }
            figcaption.hint { "Each square is one sign at one check-in: 0 not seen, 1 a little, 2 clearly, 3 strongly. The line is the total." }
        }
        details.chart-table {
            summary { "The same as a table" }
            table {
                caption { "Signs at each check-in (0 not seen to 3 strongly)" }
                thead {
                    tr {
                        th scope="col" { "Sign" }
                        @for c in check_ins { th scope="col" { (day(c, now)) } }
                    }
                }
                tbody {
                    @for sign in Sign::ALL {
                        tr {
                            th scope="row" { (sign.label()) }
                            @for c in check_ins {
                                @let level = c.level(*sign);
                                td { (level) span.sr-only { " (" (level_label(level)) ")" } }
                            }
                        }
                    }
                    tr {
                        th scope="row" { "Total" }
                        @for c in check_ins { td { (c.total()) } }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rebound_domain::UserId;
    use rebound_domain::id::CheckInId;
    use rebound_domain::recovery::SignScore;

    fn check_in(level: u8) -> CheckIn {
        CheckIn {
            id: CheckInId::from_random([level; 5]),
            at: jiff::Timestamp::from_second(1_780_000_000 + i64::from(level) * 86_400).unwrap(),
            by: UserId::from_random([1; 5]),
            signs: Sign::ALL
                .iter()
                .map(|s| SignScore {
                    sign: *s,
                    level,
                    note: Some("<script>alert(1)</script>".into()),
                })
                .collect(),
            covered: vec![],
            carried_over: vec![],
            distress: false,
            safety_impact: false,
        }
    }

    #[test]
    fn the_chart_has_a_text_alternative_and_a_table_and_no_inline_style() {
        let now = jiff::Timestamp::from_second(1_780_000_000)
            .unwrap()
            .to_zoned(jiff::tz::TimeZone::UTC);
        let html = chart(&[check_in(2), check_in(1)], &now).into_string();
        assert!(html.contains("role=\"img\""));
        assert!(html.contains(
            "<desc id=\"chart-desc\">2 check-ins. Totals of the ten signs, oldest first: 20, 10."
        ));
        assert!(html.contains("<table>"));
        assert_eq!(html.matches("<rect").count(), 20);
        assert!(!html.contains("style="));
        assert!(
            !html.contains("<script"),
            "notes are not drawn, and nothing is unescaped"
        );
    }

    #[test]
    fn no_check_ins_no_chart() {
        let now = jiff::Timestamp::from_second(0)
            .unwrap()
            .to_zoned(jiff::tz::TimeZone::UTC);
        assert!(!chart(&[], &now).into_string().contains("<svg"));
    }
}
