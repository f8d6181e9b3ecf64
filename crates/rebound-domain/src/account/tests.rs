use super::*;
use jiff::civil::DateTime;

fn uid(s: &str) -> UserId {
    UserId::parse(s).unwrap()
}

#[test]
fn email_is_trimmed_and_lowercased() {
    let e = Email::parse("  Sam.Lee@Example.COM\n").unwrap();
    assert_eq!(e.as_str(), "sam.lee@example.com");
    assert_eq!(e.domain(), "example.com");
    assert_eq!(e, "sam.lee@example.com".parse().unwrap());
}

#[test]
fn email_refusals_say_why() {
    let cases = [
        ("", "it is empty"),
        ("   ", "it is empty"),
        ("sam.example.com", "no '@'"),
        ("sam@ex@ample.com", "more than one '@'"),
        ("@example.com", "nothing comes before"),
        ("sam@", "nothing comes after"),
        ("sam lee@example.com", "a space"),
        ("sam@example.com\r\nBcc: x@y", "control character"),
        ("<sam@example.com>", "one of"),
        ("sam@example..com", "two dots"),
        ("sam@.example.com", "two dots"),
        (".sam@example.com", "two dots"),
    ];
    for (input, why) in cases {
        let err = Email::parse(input).unwrap_err().to_string();
        assert!(err.contains(why), "{input:?}: {err}");
        assert!(err.contains("is not a usable email address"), "{err}");
    }
}

#[test]
fn email_length_limits() {
    let local = "a".repeat(64);
    let domain = format!("{}.com", "b".repeat(185));
    let at_limit = format!("{local}@{domain}");
    assert_eq!(at_limit.len(), 254);
    assert!(Email::parse(&at_limit).is_ok());
    let over = format!("{local}@b{domain}");
    let err = Email::parse(&over).unwrap_err().to_string();
    assert!(err.contains("longer than 254 bytes"), "{err}");
    let long_local = format!("{}@example.com", "a".repeat(65));
    let err = Email::parse(&long_local).unwrap_err().to_string();
    assert!(err.contains("longer than 64 bytes"), "{err}");
    // The echo of a huge input is cut short.
    let huge = "x".repeat(10_000);
    assert!(Email::parse(&huge).unwrap_err().to_string().len() < 400);
}

#[test]
fn email_deserialises_through_the_same_checks() {
    let e: Email = serde_json::from_str("\" Sam@Example.com \"").unwrap();
    assert_eq!(e.as_str(), "sam@example.com");
    assert!(serde_json::from_str::<Email>("\"nope\"").is_err());
    assert_eq!(serde_json::to_string(&e).unwrap(), "\"sam@example.com\"");
}

#[test]
fn display_name_is_trimmed_and_bounded() {
    assert_eq!(
        DisplayName::parse("  Sam Lee ").unwrap().as_str(),
        "Sam Lee"
    );
    assert!(DisplayName::parse(&"é".repeat(80)).is_ok());
    let long = DisplayName::parse(&"é".repeat(81)).unwrap_err().to_string();
    assert_eq!(long, "the display name is longer than 80 characters");
    let empty = DisplayName::parse(" \t ").unwrap_err().to_string();
    assert_eq!(empty, "the display name is empty");
    let ctl = DisplayName::parse("Sam\nLee").unwrap_err().to_string();
    assert!(ctl.contains("line break"), "{ctl}");
}

#[test]
fn team_name_is_trimmed_and_bounded() {
    assert_eq!(TeamName::parse(" Platform ").unwrap().as_str(), "Platform");
    let long = TeamName::parse(&"t".repeat(81)).unwrap_err().to_string();
    assert_eq!(long, "the team name is longer than 80 characters");
    assert!(TeamName::parse("").is_err());
}

#[test]
fn roles_round_trip_and_unknown_ones_are_named() {
    for r in Role::ALL {
        assert_eq!(r.as_str().parse::<Role>().unwrap(), r);
        assert_eq!(r.to_string(), r.as_str());
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, format!("\"{}\"", r.as_str()));
    }
    assert_eq!(" ADMIN ".parse::<Role>().unwrap(), Role::Admin);
    let err = "boss".parse::<Role>().unwrap_err().to_string();
    assert_eq!(err, "unknown role 'boss': use member, manager or admin");
}

fn at(s: &str) -> DateTime {
    s.parse().unwrap()
}

#[test]
fn working_hours_contain_start_but_not_end() {
    // 2026-11-23 is a Monday.
    let wh = WorkingHours::weekdays(9 * 60, 17 * 60 + 30).unwrap();
    assert!(!wh.contains(at("2026-11-23T08:59:59")));
    assert!(wh.contains(at("2026-11-23T09:00")));
    assert!(wh.contains(at("2026-11-27T17:29"))); // Friday
    assert!(!wh.contains(at("2026-11-27T17:30")));
    assert!(!wh.contains(at("2026-11-28T10:00"))); // Saturday
    assert!(!wh.contains(at("2026-11-29T10:00"))); // Sunday
}

#[test]
fn working_hours_may_run_to_midnight() {
    let wh = WorkingHours::new(
        18 * 60,
        1440,
        [false, false, false, false, false, true, true],
    )
    .unwrap();
    assert!(wh.contains(at("2026-11-28T23:59"))); // Saturday
    assert!(!wh.contains(at("2026-11-30T00:00"))); // Monday
    assert!(!wh.overnight());
}

#[test]
fn overnight_hours_belong_to_the_day_they_start() {
    // Friday night only: 22:00 Friday to 06:00 Saturday.
    let wh = WorkingHours::new(
        22 * 60,
        6 * 60,
        [false, false, false, false, true, false, false],
    )
    .unwrap();
    assert!(wh.overnight());
    assert!(wh.contains(at("2026-11-27T22:00"))); // Friday
    assert!(wh.contains(at("2026-11-28T05:59"))); // Saturday morning
    assert!(!wh.contains(at("2026-11-28T06:00")));
    assert!(!wh.contains(at("2026-11-28T22:30"))); // Saturday night: not a working day
    assert!(!wh.contains(at("2026-11-27T05:00"))); // Friday morning: Thursday was off
    // Sunday night into Monday wraps around the week.
    let sunday = WorkingHours::new(
        23 * 60,
        60,
        [false, false, false, false, false, false, true],
    )
    .unwrap();
    assert!(sunday.contains(at("2026-11-30T00:30"))); // Monday early
}

#[test]
fn working_hours_refusals() {
    let week = [true; 7];
    for (s, e, days, why) in [
        (1440, 60, week, "past the end of the day"),
        (60, 0, week, "use 1 to 1440"),
        (60, 1441, week, "use 1 to 1440"),
        (60, 60, week, "same minute"),
        (60, 120, [false; 7], "no working day"),
    ] {
        let err = WorkingHours::new(s, e, days).unwrap_err().to_string();
        assert!(err.starts_with("working hours "), "{err}");
        assert!(err.contains(why), "{s} {e}: {err}");
    }
}

#[test]
fn working_hours_deserialise_through_the_same_checks() {
    let wh = WorkingHours::weekdays(540, 1020).unwrap();
    let json = serde_json::to_string(&wh).unwrap();
    assert_eq!(
        serde_json::from_str::<WorkingHours>(&json).unwrap(),
        wh,
        "{json}"
    );
    let bad =
        r#"{"start_minute":600,"end_minute":600,"days":[true,true,true,true,true,true,true]}"#;
    assert!(serde_json::from_str::<WorkingHours>(bad).is_err());
}

#[test]
fn a_person_cannot_manage_themselves() {
    let sam = uid("sam00000");
    assert!(would_cycle(&sam, &sam, |_| None));
    assert_eq!(
        check_manager(&sam, Some(&sam), |_| None),
        Err(AccountError::OwnManager)
    );
    assert_eq!(check_manager(&sam, None, |_| None), Ok(()));
}

#[test]
fn manager_chains_must_not_loop() {
    // ana manages bob, bob manages cat.
    let (ana, bob, cat, dan) = (
        uid("ana00000"),
        uid("b0b00000"),
        uid("cat00000"),
        uid("dan00000"),
    );
    let chain = |u: &UserId| -> Option<UserId> {
        if *u == cat {
            Some(bob.clone())
        } else if *u == bob {
            Some(ana.clone())
        } else {
            None
        }
    };
    // cat managing ana closes ana → bob → cat → ana.
    assert!(would_cycle(&ana, &cat, chain));
    assert!(would_cycle(&ana, &bob, chain));
    let err = check_manager(&ana, Some(&cat), chain).unwrap_err();
    assert_eq!(
        err,
        AccountError::ManagerCycle {
            user: ana.clone(),
            manager: cat.clone()
        }
    );
    assert!(err.to_string().contains("loop of managers"), "{err}");
    // Moving down the chain or sideways is fine.
    assert!(!would_cycle(&cat, &ana, chain));
    assert!(!would_cycle(&dan, &cat, chain));
    assert_eq!(check_manager(&dan, Some(&cat), chain), Ok(()));
}

#[test]
fn an_existing_loop_elsewhere_does_not_hang_the_walk() {
    let (x, y, z) = (uid("x0000000"), uid("y0000000"), uid("z0000000"));
    // x and y manage each other (bad data); z is outside the loop.
    let looped = |u: &UserId| -> Option<UserId> {
        if *u == x {
            Some(y.clone())
        } else if *u == y {
            Some(x.clone())
        } else {
            None
        }
    };
    assert!(!would_cycle(&z, &x, looped));
    assert!(would_cycle(&x, &y, looped));
}

#[test]
fn token_hash_is_64_lowercase_hex() {
    let h = TokenHash::from_sha256([0xab; 32]);
    assert_eq!(h.as_str(), "ab".repeat(32));
    assert_eq!(TokenHash::from_hex(h.as_str()).unwrap(), h);
    for bad in [
        "",
        "AB".repeat(32).as_str(),
        "ab".repeat(31).as_str(),
        "rbt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ] {
        assert_eq!(
            TokenHash::from_hex(bad),
            Err(AccountError::InvalidTokenHash)
        );
    }
    assert_eq!(format!("{h:?}"), "TokenHash(abababababab…)");
}
