//! Check-ins dated when the one-on-one was (issue 17).

use super::plan::*;
use super::plan_tests::{at, check_in, plan, signs};

#[test]
fn a_check_in_can_be_dated_in_the_past_but_not_the_future_nor_before_the_plan() {
    let mut p = plan();
    let dated = |days: i64| NewCheckIn {
        signs: signs(1),
        at: Some(at(days)),
        ..Default::default()
    };
    let before = p.clone();
    let err = check_in(&mut p, 7, dated(8)).unwrap_err();
    assert!(err.to_string().contains("a minute from now"), "{err}");
    let err = check_in(&mut p, 7, dated(-1)).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("a check-in cannot be before the plan was opened"),
        "{err}"
    );
    assert_eq!(p, before, "a refused check-in changes nothing");

    check_in(&mut p, 7, dated(6)).unwrap();
    assert_eq!(
        p.check_ins[0].at,
        at(6),
        "recorded when it was, not when typed"
    );
    // Before the one just recorded, still after the plan opened: slotted in.
    check_in(&mut p, 7, dated(5)).unwrap();
    let days: Vec<_> = p.check_ins.iter().map(|c| c.at).collect();
    assert_eq!(days, vec![at(5), at(6)], "in the order they happened");
}
