//! The two summaries the patterns use, so every figure is read the same
//! way: the median (a person's or a group's typical time — one very late
//! mistake does not drag it as it would a mean) and counts by calendar
//! month in the reader's time zone.

use jiff::{Timestamp, ToSpan as _, Zoned};

/// How many calendar months the by-month figures cover, this one included.
pub const MONTHS: usize = 12;

/// The middle value; of an even count, the mean of the two middle ones
/// (rounded down). None for no values.
pub fn median(values: &[u64]) -> Option<u64> {
    let mut v = values.to_vec();
    v.sort_unstable();
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some(v[n / 2 - 1] / 2 + v[n / 2] / 2 + (v[n / 2 - 1] % 2 + v[n / 2] % 2) / 2),
    }
}

/// `YYYY-MM` of `at` on `now`'s clock.
pub fn month_of(at: Timestamp, now: &Zoned) -> String {
    at.to_zoned(now.time_zone().clone())
        .strftime("%Y-%m")
        .to_string()
}

/// The last [`MONTHS`] calendar months on `now`'s clock, oldest first.
pub fn last_months(now: &Zoned) -> Vec<String> {
    let first = now.date().first_of_month();
    (0..MONTHS)
        .rev()
        .filter_map(|back| first.checked_sub((back as i64).months()).ok())
        .map(|d| d.strftime("%Y-%m").to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_is_the_middle_value() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[7]), Some(7));
        assert_eq!(median(&[9, 1, 5]), Some(5));
        // One very late mistake does not move it as a mean would.
        assert_eq!(median(&[60, 60, 120, 86_400]), Some(90));
        assert_eq!(median(&[1, 2]), Some(1));
        assert_eq!(median(&[3, 5]), Some(4));
        assert_eq!(median(&[u64::MAX, u64::MAX]), Some(u64::MAX));
    }

    #[test]
    fn months_are_calendar_months_on_the_readers_clock() {
        let now: Zoned = "2026-03-01T00:30[Europe/Paris]".parse().unwrap();
        let months = last_months(&now);
        assert_eq!(months.len(), MONTHS);
        assert_eq!(months.first().unwrap(), "2025-04");
        assert_eq!(months.last().unwrap(), "2026-03");
        // 23:30 UTC on the last day of February is already March in Paris.
        let at: Timestamp = "2026-02-28T23:30Z".parse().unwrap();
        assert_eq!(month_of(at, &now), "2026-03");
    }
}
