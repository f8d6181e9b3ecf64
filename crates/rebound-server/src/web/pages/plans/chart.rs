//! The signs over time, in two parts. The trend: each check-in's total as
//! a line, an SVG drawn about as wide as a phone's column so its text stays
//! at least 12 px when it scales, every point labelled with its value, and
//! a y-scale fitted to the totals (said in words under it, so a narrow
//! band never passes for a big change). Then the signs themselves, a table
//! with one row per sign and one column per check-in, each cell shaded by
//! level and showing the number, so colour is never the only cue; on a
//! narrow screen it scrolls sideways with the signs' names kept in view.
//! Everything a person typed is escaped by maud; the drawing uses
//! presentation attributes only (the content security policy forbids
//! inline styles).

use jiff::Zoned;
use maud::{Markup, html};
use rebound_domain::recovery::signs::level_label;
use rebound_domain::recovery::{CheckIn, Sign};

/// The drawing's size in its own units: about a phone's column in CSS px.
const W: u32 = 320;
const H: u32 = 176;
/// The plot inside it.
const LEFT: u32 = 34;
const RIGHT: u32 = 300;
const TOP: u32 = 40;
const BOTTOM: u32 = 136;
/// The highest total of the ten signs.
const MAX_TOTAL: u32 = 30;
/// Room one date label needs, in units: fewer labels when points crowd.
const LABEL_ROOM: u32 = 48;

fn day(c: &CheckIn, now: &Zoned) -> String {
    c.at.to_zoned(now.time_zone().clone())
        .strftime("%-d %b")
        .to_string()
}

/// The y-scale: the totals' range with a little room, at least 6 apart,
/// within 0–30.
fn scale(totals: &[u32]) -> (u32, u32) {
    let min = totals.iter().copied().min().unwrap_or(0);
    let max = totals.iter().copied().max().unwrap_or(0);
    let mut lo = min.saturating_sub(2);
    let mut hi = (max + 2).min(MAX_TOTAL);
    while hi - lo < 6 {
        lo = lo.saturating_sub(1);
        if hi - lo < 6 && hi < MAX_TOTAL {
            hi += 1;
        }
    }
    (lo, hi)
}

/// The trend line, the signs table and the words for both; nothing before
/// the first check-in.
pub fn chart(check_ins: &[CheckIn], now: &Zoned) -> Markup {
    if check_ins.is_empty() {
        return html! { p.muted { "The chart appears after the first check-in." } };
    }
    let totals: Vec<u32> = check_ins.iter().map(|c| c.total()).collect();
    html! {
        (trend_line(check_ins, &totals, now))
        (signs_table(check_ins, now))
    }
}

fn trend_line(check_ins: &[CheckIn], totals: &[u32], now: &Zoned) -> Markup {
    let n = totals.len() as u32;
    let (lo, hi) = scale(totals);
    let x = |i: usize| -> u32 {
        if n == 1 {
            (LEFT + RIGHT) / 2
        } else {
            LEFT + 10 + i as u32 * (RIGHT - LEFT - 20) / (n - 1)
        }
    };
    let y = |t: u32| BOTTOM - (t - lo) * (BOTTOM - TOP) / (hi - lo);
    // Every k-th point labelled when they crowd; the latest always.
    let gap = if n > 1 {
        (RIGHT - LEFT - 20) / (n - 1)
    } else {
        RIGHT
    };
    let every = LABEL_ROOM.div_ceil(gap.max(1)) as usize;
    let labelled = |i: usize| i.is_multiple_of(every) || i + 1 == totals.len();
    let points: Vec<String> = totals
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{},{}", x(i), y(*t)))
        .collect();
    let list: Vec<String> = totals.iter().map(u32::to_string).collect();
    let desc = format!(
        "{} check-ins. Totals of the ten signs, oldest first: {}. Lower is better.",
        n,
        list.join(", ")
    );
    let full = (lo, hi) == (0, MAX_TOTAL);
    html! {
        figure.chart {
            svg.trend-line xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc"
                viewBox={ "0 0 " (W) " " (H) } width=(W) height=(H) {
                title #chart-title { "Total of the ten signs at each check-in" }
                desc #chart-desc { (desc) }
                text x="0" y="14" font-size="13" font-weight="600" fill="#1d2b27" { "Total of the ten signs (lower is better)" }
                @for t in [lo, hi] {
                    line x1=(LEFT) y1=(y(t)) x2=(RIGHT) y2=(y(t)) stroke="#c5d0cc" stroke-width="1" {}
                    text x=(LEFT - 6) y=(y(t) + 4) font-size="12" text-anchor="end" fill="#4f5b62" { (t) }
                }
                polyline points=(points.join(" ")) fill="none" stroke="#2f6f5e" stroke-width="2.5" {}
                @for (i, t) in totals.iter().enumerate() {
                    circle cx=(x(i)) cy=(y(*t)) r="4" fill="#2f6f5e" {}
                    @if labelled(i) {
                        text x=(x(i)) y=(y(*t) - 9) font-size="13" font-weight="700" text-anchor="middle" fill="#1d2b27" { (t) }
                        text x=(x(i)) y=(BOTTOM + 22) font-size="12" text-anchor="middle" fill="#1d2b27" { (day(&check_ins[i], now)) }
                    }
                }
            }
            figcaption.hint {
                @if full {
                    "The scale runs from 0 to 30, the whole range of the total."
                } @else {
                    "The scale runs from " (lo) " to " (hi) ", not from 0 to 30, so the line fits the totals; small changes look larger than they would on the full range."
                }
            }
        }
    }
}

fn signs_table(check_ins: &[CheckIn], now: &Zoned) -> Markup {
    html! {
        div.signs-grid role="region" aria-labelledby="signs-caption" tabindex="0" {
            table {
                caption #signs-caption { "Each sign at each check-in: 0 not seen, 1 a little, 2 clearly, 3 strongly" }
                thead {
                    tr {
                        th scope="col" { "Sign" }
                        @for c in check_ins { th scope="col" { (day(c, now)) } }
                    }
                }
                tbody {
                    @for sign in Sign::ALL {
                        tr {
                            th scope="row" { (sign.label()) (crate::web::pages::playbooks::links::beside(&format!("sign:{}", sign.as_str()))) }
                            @for c in check_ins {
                                @let level = c.level(*sign);
                                td class={ "level lv" (level.min(3)) } { (level) span.sr-only { " (" (level_label(level)) ")" } }
                            }
                        }
                    }
                    tr.total {
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
        assert_eq!(html.matches("class=\"level lv").count(), 20);
        assert!(!html.contains("style="));
        assert!(
            !html.contains("<script"),
            "notes are not drawn, and nothing is unescaped"
        );
    }

    #[test]
    fn the_scale_fits_the_totals_and_says_so() {
        assert_eq!(scale(&[12, 14, 13]), (10, 16));
        assert_eq!(scale(&[0, 1]), (0, 6));
        assert_eq!(scale(&[30, 29]), (24, 30));
        assert_eq!(scale(&[0, 30]), (0, 30));
        let now = jiff::Timestamp::from_second(1_780_000_000)
            .unwrap()
            .to_zoned(jiff::tz::TimeZone::UTC);
        let html = chart(&[check_in(1), check_in(1)], &now).into_string();
        assert!(
            html.contains("The scale runs from 7 to 13, not from 0 to 30"),
            "{html}"
        );
        // Every value is written by its point.
        assert_eq!(html.matches("font-weight=\"700\"").count(), 2);
    }

    #[test]
    fn no_check_ins_no_chart() {
        let now = jiff::Timestamp::from_second(0)
            .unwrap()
            .to_zoned(jiff::tz::TimeZone::UTC);
        assert!(!chart(&[], &now).into_string().contains("<svg"));
    }
}
