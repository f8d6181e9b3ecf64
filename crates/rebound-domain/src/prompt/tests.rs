use super::*;
use jiff::civil::date;

fn next(d: Date) -> Date {
    d.tomorrow().unwrap()
}

#[test]
fn the_year_parses() {
    assert_eq!(count(), 260, "52 weeks of five");
    let distinct: std::collections::HashSet<&str> = all().map(|(_, _, p)| p).collect();
    assert_eq!(distinct.len(), 260, "no prompt twice");
    assert!(all().all(|(_, theme, p)| !theme.trim().is_empty() && !p.trim().is_empty()));
}

#[test]
fn the_epoch_is_week_one_day_one() {
    let p = prompt_for(EPOCH).unwrap();
    assert_eq!((p.week, p.day, p.date), (1, 1, EPOCH));
    assert_eq!(p.text, all().next().unwrap().2);
    assert_eq!(p.theme, "Owning it");
}

#[test]
fn the_weekdays_walk_through_every_prompt_in_order_then_start_again() {
    let mut day = EPOCH;
    let mut seen = Vec::new();
    while seen.len() < 260 {
        if day.weekday().to_monday_zero_offset() < 5 {
            seen.push(prompt_for(day).unwrap().text);
        }
        day = next(day);
    }
    let order: Vec<&str> = all().map(|(_, _, p)| p).collect();
    assert_eq!(seen, order);
    // The last was a Friday; 52 weeks after the epoch it starts again.
    assert_eq!(day, date(2024, 12, 28));
    let again = prompt_for(date(2024, 12, 30)).unwrap();
    assert_eq!((again.text, again.week, again.day), (order[0], 1, 1));
}

#[test]
fn a_weekend_keeps_fridays_prompt() {
    let friday = date(2026, 12, 11);
    let p = prompt_for(friday).unwrap();
    assert_eq!(p.day, 5);
    for weekend in [date(2026, 12, 12), date(2026, 12, 13)] {
        assert_eq!(prompt_for(weekend), Some(p), "{weekend}");
        assert_eq!(prompt_day(weekend), friday);
    }
    let monday = prompt_for(date(2026, 12, 14)).unwrap();
    assert_eq!(monday.day, 1);
    assert_ne!(monday.text, p.text);
}

#[test]
fn a_week_shares_one_theme_and_days_before_the_epoch_still_have_one() {
    let monday = date(2026, 12, 7);
    let theme = prompt_for(monday).unwrap().theme;
    let mut d = monday;
    for day in 1..=5u8 {
        let p = prompt_for(d).unwrap();
        assert_eq!((p.theme, p.day), (theme, day));
        d = next(d);
    }
    // The cycle runs backwards too: the Friday before the epoch is the
    // year's last prompt.
    let p = prompt_for(date(2023, 12, 29)).unwrap();
    assert_eq!((p.week, p.day), (52, 5));
    assert!(prompt_for(date(1970, 1, 1)).is_some());
    assert!(prompt_for(date(9999, 12, 31)).is_some());
}
