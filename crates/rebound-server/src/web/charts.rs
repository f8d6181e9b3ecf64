//! Small bar charts drawn on the server as SVG (patterns and insights):
//! no script and no chart crate. Each is drawn about a phone's column wide
//! (a `viewBox`, scaled to the width by the stylesheet), so its 12-unit
//! text stays readable; every bar's value is written on it, and the page
//! puts the same figures in a table beside it, which is what a screen
//! reader reads (the drawing also has a title and a description listing
//! every value). Presentation attributes only: the content security
//! policy forbids inline styles.

use maud::{Markup, html};

const W: u32 = 320;
const H: u32 = 170;
const LEFT: u32 = 6;
const RIGHT: u32 = 314;
const TOP: u32 = 36;
const BOTTOM: u32 = 134;

/// One bar: its label under it, its value (none draws no bar), and the
/// value as the page writes it.
pub struct Bar {
    pub label: String,
    pub value: Option<u64>,
    pub shown: String,
}

/// A duration in words: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`.
pub fn span(secs: u64) -> String {
    let (d, h, m) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{secs} s"),
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

/// The same, short enough to sit on a narrow bar: `45s`, `12m`, `3h`, `2d`.
pub fn short_span(secs: u64) -> String {
    match secs {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3600),
        s => format!("{}d", s / 86_400),
    }
}

/// `2026-03` as `Mar`; `(Mar, March 2026)`.
pub fn month_names(month: &str) -> (String, String) {
    match jiff::civil::Date::strptime("%Y-%m-%d", format!("{month}-01")) {
        Ok(d) => (
            d.strftime("%b").to_string(),
            d.strftime("%B %Y").to_string(),
        ),
        Err(_) => (month.to_string(), month.to_string()),
    }
}

/// A bar chart titled `title`, its text alternative `desc`; `id` makes
/// the ids its title and description are referred to by unique on a page.
pub fn bars(id: &str, title: &str, desc: &str, bars: &[Bar]) -> Markup {
    let n = bars.len().max(1) as u32;
    let slot = (RIGHT - LEFT) / n;
    let width = (slot * 2 / 3).max(4);
    let max = bars
        .iter()
        .filter_map(|b| b.value)
        .max()
        .unwrap_or(0)
        .max(1);
    let height = |v: u64| ((v.min(max) * u64::from(BOTTOM - TOP)) / max) as u32;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    html! {
        svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby={ (title_id) " " (desc_id) }
            viewBox={ "0 0 " (W) " " (H) } width=(W) height=(H) {
            title id=(title_id) { (title) }
            desc id=(desc_id) { (desc) }
            text x="0" y="14" font-size="13" font-weight="600" fill="#1d2b27" { (title) }
            line x1=(LEFT) y1=(BOTTOM) x2=(RIGHT) y2=(BOTTOM) stroke="#c5d0cc" stroke-width="1" {}
            @for (i, b) in bars.iter().enumerate() {
                @let mid = LEFT + slot * i as u32 + slot / 2;
                @if let Some(v) = b.value {
                    @let h = height(v);
                    rect x=(mid - width / 2) y=(BOTTOM - h) width=(width) height=(h) fill="#2f6f5e" {}
                    text x=(mid) y=(BOTTOM - h - 5) font-size="12" text-anchor="middle" fill="#1d2b27" { (b.shown) }
                }
                text x=(mid) y=(BOTTOM + 18) font-size="12" text-anchor="middle" fill="#4f5b62" { (b.label) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_as_words() {
        assert_eq!(span(45), "45 s");
        assert_eq!(span(12 * 60), "12 min");
        assert_eq!(span(3 * 3600), "3 h");
        assert_eq!(span(3 * 3600 + 5 * 60), "3 h 5 min");
        assert_eq!(span(2 * 86_400 + 4 * 3600 + 7), "2 d 4 h");
        assert_eq!(short_span(3 * 3600 + 5 * 60), "3h");
        assert_eq!(month_names("2026-03"), ("Mar".into(), "March 2026".into()));
    }

    #[test]
    fn a_chart_draws_a_bar_per_value_and_writes_each() {
        let b = |label: &str, value: Option<u64>| Bar {
            label: label.into(),
            value,
            shown: value.map(|v| v.to_string()).unwrap_or_default(),
        };
        let svg = bars(
            "t",
            "Wins",
            "Jan 2, Feb none",
            &[b("Jan", Some(2)), b("Feb", None), b("<x>", Some(0))],
        )
        .into_string();
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("viewBox=\"0 0 320 170\""));
        assert!(svg.contains("aria-labelledby=\"t-title t-desc\""));
        assert!(svg.contains("&lt;x&gt;"), "labels are escaped");
        assert!(!svg.contains("style="));
    }
}
