use super::*;

fn now() -> Zoned {
    "2026-11-22T14:30:00[Europe/Paris]".parse().unwrap()
}

#[test]
fn reads_local_clock_times_as_today() {
    let at = parse_past("14:05", &now()).unwrap();
    assert_eq!(at.to_string(), "2026-11-22T13:05:00Z");
    assert_eq!(format_at(at, &now()), "2026-11-22 14:05 CET");
}

#[test]
fn reads_relative_absolute_and_named_days() {
    let n = now();
    assert_eq!(
        parse_past("20m ago", &n).unwrap().to_string(),
        "2026-11-22T13:10:00Z"
    );
    assert_eq!(
        parse_past("2026-11-21 09:00", &n).unwrap().to_string(),
        "2026-11-21T08:00:00Z"
    );
    assert_eq!(
        parse_past("2026-11-22T10:00:00Z", &n).unwrap().to_string(),
        "2026-11-22T10:00:00Z"
    );
    assert_eq!(
        parse_past("yesterday 17:45", &n).unwrap().to_string(),
        "2026-11-21T16:45:00Z"
    );
    assert_eq!(
        parse_any("in 2h", &n).unwrap().to_string(),
        "2026-11-22T15:30:00Z"
    );
    assert_eq!(
        parse_any("tomorrow 09:00", &n).unwrap().to_string(),
        "2026-11-23T08:00:00Z"
    );
}

#[test]
fn refuses_future_and_nonsense() {
    let n = now();
    assert!(matches!(
        parse_past("23:00", &n),
        Err(WhenError::InFuture { .. })
    ));
    for bad in [
        "",
        "soon",
        "25:00",
        "2026-13-01 10:00",
        "ago",
        "-5m ago",
        "10 parsecs ago",
    ] {
        assert!(
            matches!(parse_past(bad, &n), Err(WhenError::Malformed(_))),
            "{bad}"
        );
    }
}

#[test]
fn impossible_times_are_refused_naming_the_bound() {
    let n = now();
    for early in [
        "0000-01-01 00:00",
        "0001-01-01 00:00",
        "-000001-06-01T00:00:00Z",
    ] {
        let e = parse_past(early, &n).unwrap_err();
        assert!(matches!(e, WhenError::TooEarly { .. }), "{early}: {e}");
        assert!(e.to_string().contains("before 1970-01-01"), "{e}");
    }
    assert!(matches!(
        parse_any("1969-12-31 23:00", &n),
        Err(WhenError::TooEarly { .. })
    ));
    let e = parse_any("2040-01-01 09:00", &n).unwrap_err();
    assert!(e.to_string().contains("more than ten years ahead"), "{e}");
    assert!(parse_any("2036-01-01 09:00", &n).is_ok());
    let e = parse_past("2026-11-22T10:00:00+25:00", &n).unwrap_err();
    assert_eq!(e, WhenError::BadOffset("2026-11-22T10:00:00+25:00".into()));
    assert!(parse_past("2026-11-22T10:00:00+14:00", &n).is_ok());
    // The earliest time is a time, but typed for a mistake it is a year
    // typo: asked about in words.
    let e = parse_past("1970-01-01T00:00:00Z", &n).unwrap_err();
    assert!(matches!(e, WhenError::LongAgo { .. }), "{e}");
}

#[test]
fn the_window_checks_say_which_bound() {
    let n = now();
    let e = check_past(
        "the detection time",
        n.timestamp() + SignedDuration::from_mins(2),
        &n,
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("the detection time ("), "{e}");
    assert!(e.to_string().contains("a minute from now"), "{e}");
    assert!(check_past("x", n.timestamp() + SignedDuration::from_secs(59), &n).is_ok());
    let e = check_ahead(
        "the fix schedule",
        n.timestamp() + MAX_AHEAD + SignedDuration::from_secs(1),
        &n,
    )
    .unwrap_err();
    assert!(matches!(e, WhenError::TooFarAhead { .. }), "{e}");
}

#[test]
fn durations_read_and_print() {
    assert_eq!(parse_duration("1h30m").unwrap(), Duration::from_secs(5400));
    assert_eq!(
        parse_duration("90 minutes").unwrap(),
        Duration::from_secs(5400)
    );
    assert!(parse_duration("0m").is_err());
    assert!(parse_duration("h").is_err());
    assert_eq!(format_duration(Duration::from_secs(5400)), "1 h 30 min");
    assert_eq!(format_duration(Duration::from_secs(720)), "12 min");
    assert_eq!(format_duration(Duration::from_secs(100_000)), "1 d 3 h");
}

/// `input` read as a past time and as a time ahead, shown in Paris.
fn read(input: &str) -> (String, String) {
    let n = now();
    let show = |r: Result<Timestamp, WhenError>| match r {
        Ok(t) => format_at(t, &n),
        Err(e) => format!("error: {e}"),
    };
    (show(parse_past(input, &n)), show(parse_any(input, &n)))
}

#[test]
fn times_are_read_as_people_write_them() {
    // Now is Sunday 22 November 2026, 14:30 in Paris.
    for (input, past, ahead) in [
        ("9:40", "2026-11-22 09:40 CET", "2026-11-23 09:40 CET"),
        ("9am", "2026-11-22 09:00 CET", "2026-11-23 09:00 CET"),
        ("9 AM", "2026-11-22 09:00 CET", "2026-11-23 09:00 CET"),
        ("12pm", "2026-11-22 12:00 CET", "2026-11-23 12:00 CET"),
        ("noon", "2026-11-22 12:00 CET", "2026-11-23 12:00 CET"),
        (
            "today 09:40",
            "2026-11-22 09:40 CET",
            "2026-11-22 09:40 CET",
        ),
        ("yesterday", "2026-11-21 00:00 CET", "2026-11-21 17:00 CET"),
        (
            "yesterday at 17:45",
            "2026-11-21 17:45 CET",
            "2026-11-21 17:45 CET",
        ),
        (
            "Yesterday at 9am.",
            "2026-11-21 09:00 CET",
            "2026-11-21 09:00 CET",
        ),
        (
            "9am yesterday",
            "2026-11-21 09:00 CET",
            "2026-11-21 09:00 CET",
        ),
        (
            "friday 14:00",
            "2026-11-20 14:00 CET",
            "2026-11-27 14:00 CET",
        ),
        ("fri at 2pm", "2026-11-20 14:00 CET", "2026-11-27 14:00 CET"),
        (
            "sunday 10:00",
            "2026-11-22 10:00 CET",
            "2026-11-29 10:00 CET",
        ),
        (
            "last friday",
            "2026-11-20 00:00 CET",
            "2026-11-20 17:00 CET",
        ),
        (
            "an hour ago",
            "2026-11-22 13:30 CET",
            "2026-11-22 13:30 CET",
        ),
        (
            "20 minutes ago",
            "2026-11-22 14:10 CET",
            "2026-11-22 14:10 CET",
        ),
        (
            "half an hour ago",
            "2026-11-22 14:00 CET",
            "2026-11-22 14:00 CET",
        ),
        ("22 nov", "2026-11-22 00:00 CET", "2026-11-22 17:00 CET"),
        (
            "3rd December",
            "2025-12-03 00:00 CET",
            "2026-12-03 17:00 CET",
        ),
        ("dec 3 2026", "error", "2026-12-03 17:00 CET"),
        ("2026-11-20", "2026-11-20 00:00 CET", "2026-11-20 00:00 CET"),
    ] {
        let (p, a) = read(input);
        if past == "error" {
            assert!(p.contains("cannot be in the future"), "{input}: {p}");
        } else {
            assert_eq!(p, past, "{input} (past)");
        }
        assert_eq!(a, ahead, "{input} (ahead)");
    }
    let ahead = |s: &str| read(s).1;
    assert_eq!(ahead("in 3 days"), "2026-11-25 14:30 CET");
    assert_eq!(ahead("in an hour"), "2026-11-22 15:30 CET");
    assert_eq!(ahead("next monday"), "2026-11-23 17:00 CET");
    assert_eq!(ahead("next monday 9am"), "2026-11-23 09:00 CET");
    assert_eq!(ahead("tomorrow"), "2026-11-23 17:00 CET");
    assert_eq!(ahead("9:40pm"), "2026-11-22 21:40 CET");
}

#[test]
fn refusals_say_why_in_words() {
    let n = now();
    let e = parse_past("9:40pm", &n).unwrap_err();
    assert_eq!(
        e.to_string(),
        "'9:40pm' (2026-11-22 21:40 CET) cannot be in the future: give the time it already happened"
    );
    let e = parse_past("next monday", &n).unwrap_err();
    assert!(e.to_string().contains("cannot be in the future"), "{e}");
    let e = parse_past("2025-11-01 10:00", &n).unwrap_err();
    assert_eq!(
        e.to_string(),
        "'2025-11-01 10:00' (2025-11-01 10:00 CET) is more than a year ago — did you mean 2026-11-01 10:00 CET?"
    );
    for bad in [
        "13pm",
        "9",
        "0am",
        "friday 25:00",
        "32 nov",
        "someday",
        "in a while",
    ] {
        let e = parse_past(bad, &n).unwrap_err();
        assert!(matches!(e, WhenError::Malformed(_)), "{bad}: {e}");
        assert!(
            e.to_string().contains("9am"),
            "the message shows the forms: {e}"
        );
    }
}

#[test]
fn a_time_in_another_year_shows_the_year() {
    let n = now();
    let last_year = parse_past("3 dec", &n).unwrap();
    assert_eq!(format_clock(last_year, &n), "Wed 3 Dec 2025 00:00");
    let this_year = parse_past("friday 14:00", &n).unwrap();
    assert_eq!(format_clock(this_year, &n), "Fri 20 Nov 14:00");
}
