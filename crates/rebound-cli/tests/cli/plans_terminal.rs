//! Recovery plans from the terminal (issue 17): `rebound reports`, `plan
//! open --report` by name or email (a name two reports share opens
//! nothing), a second open plan refused with the open one's id, and
//! check-ins that start from the last one's levels and say so.

use crate::harness::Rebound;
use crate::plans::{join, token_of};
use crate::remote::{Server, login};

#[test]
fn a_manager_finds_reports_by_name_and_checks_in_from_the_last_levels() {
    let server = Server::start();
    let ana = Rebound::new();
    login(&ana, &server);
    let admin = token_of(&ana);
    let (mara, mara_id) = join(&server, &admin, "Mara", "manager", None);
    let (_remi, remi_id) = join(&server, &admin, "Remi", "member", Some(&mara_id));
    let (_alex, _) = join(&server, &admin, "Alex", "member", Some(&mara_id));
    let (_alexa, _) = join(&server, &admin, "Alexa", "member", Some(&mara_id));

    let listed = mara.ok(&["reports"]);
    assert!(
        listed.contains(&format!("{remi_id}  Remi  remi@example.com  no open plan")),
        "{listed}"
    );
    assert_eq!(listed.lines().count(), 3, "{listed}");
    let nobody = ana.ok(&["reports"]);
    assert_eq!(nobody.trim(), "Nobody reports to you on this server.");

    // A name two reports share opens nothing and lists them, in one line.
    let why = mara.fails(&["plan", "open", "--report", "ale"], 1);
    assert_eq!(why.trim().lines().count(), 1, "{why}");
    assert!(
        why.contains("Alex <alex@example.com>") && why.contains("Alexa <alexa@example.com>"),
        "{why}"
    );
    let why = mara.fails(&["plan", "open", "--report", "Zoe"], 3);
    assert!(why.contains("reports to you"), "{why}");

    // By name, ignoring case; then the list shows the plan.
    let opened = mara.json(&[
        "plan", "open", "--report", "remi", "--topic", "The demo", "--json",
    ]);
    let id = opened["plan"]["id"].as_str().unwrap().to_string();
    assert_eq!(opened["plan"]["report"], remi_id.as_str());
    let listed = mara.ok(&["reports"]);
    assert!(
        listed.contains(&format!(
            "Remi  remi@example.com  plan {id}, next check-in "
        )),
        "{listed}"
    );
    let json = mara.json(&["reports", "--json"]);
    assert_eq!(json["reports"][2]["open_plan"], id.as_str(), "{json}");

    // A second plan for Remi (by email) is refused, naming the open one.
    let why = mara.fails(&["plan", "open", "--report", "REMI@example.com"], 1);
    assert_eq!(why.trim().lines().count(), 1, "{why}");
    assert!(why.contains(&id), "{why}");

    // Nothing to copy yet; then a first check-in, and one that changes a sign.
    let why = mara.fails(&["plan", "check-in", &id, "--same"], 1);
    assert!(why.contains("no earlier check-in"), "{why}");
    let why = mara.fails(&["plan", "check-in", &id, "--sign", "speaking_less=2"], 1);
    assert!(why.contains("“Repeated rework despite guidance”"), "{why}");
    assert!(!why.contains("repeated_rework"), "{why}");
    mara.ok(&["plan", "check-in", &id, "--rest", "2"]);
    let text = mara.ok(&["plan", "check-in", &id, "--sign", "speaking_less=0"]);
    assert!(text.starts_with("As at the last check-in ("), "{text}");
    assert!(
        text.contains("Volunteers less for visible or stretch work;"),
        "{text}"
    );
    assert!(!text.contains("Speaks less in meetings"), "{text}");
    assert!(text.contains("(0–30): 20, 18"), "{text}");
    let text = mara.ok(&["plan", "check-in", &id, "--same"]);
    assert!(
        text.starts_with("All ten signs as at the last check-in ("),
        "{text}"
    );
    assert!(text.contains("(0–30): 20, 18, 18"), "{text}");

    // One recorded late, dated between the first two: it goes between
    // them, and the signs not given keep the first one's levels (speaking
    // less at 2, where the latest has 0).
    let plan = mara.json(&["plan", "show", &id, "--json"]);
    let when = |i: usize| {
        plan["plan"]["check_ins"][i]["at"]
            .as_str()
            .unwrap()
            .parse::<jiff::Timestamp>()
            .unwrap()
    };
    let (first, second) = (when(0), when(1));
    let between = first + first.duration_until(second) / 2;
    assert!(first < between && between < second);
    let text = mara.ok(&[
        "plan",
        "check-in",
        &id,
        "--sign",
        "repeated_rework=3",
        "--at",
        &between.to_string(),
    ]);
    assert!(text.contains("(0–30): 20, 21, 18, 18"), "{text}");

    // When it was: not in the future, not before the plan opened.
    let why = mara.fails(
        &["plan", "check-in", &id, "--same", "--at", "in 2 hours"],
        1,
    );
    assert!(why.contains("future"), "{why}");
    let why = mara.fails(
        &["plan", "check-in", &id, "--same", "--at", "2 days ago"],
        1,
    );
    assert!(why.contains("before the plan was opened"), "{why}");
}
