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
    assert!(parse_past("1970-01-01T00:00:00Z", &n).is_ok());
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
