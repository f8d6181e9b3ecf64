//! `rebound list`: the most urgent first, filters, a limit, refusals in
//! words, and an owner column when a row is someone else's.

use crate::digest::{join, served, token_of};
use crate::harness::Rebound;
use crate::served::{Auth, request};
use serde_json::json;

fn ids_in(out: &str) -> Vec<String> {
    out.lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect()
}

#[test]
fn the_most_urgent_come_first_and_filters_narrow_the_list() {
    let rb = Rebound::new();
    let calm = rb.oops(&["Typo in the newsletter", "--severity", "low"]);
    let late = rb.oops(&[
        "Broke the build",
        "--severity",
        "high",
        "--detected-at",
        "3 hours ago",
    ]);
    let soon = rb.oops(&[
        "Wrong price on the EU site",
        "--detected-at",
        "10 minutes ago",
    ]);
    rb.ok(&["heads-up", "sent", &soon]);

    // Overdue update first, then the clock with least time left.
    assert_eq!(
        ids_in(&rb.ok(&["list"])),
        [late.as_str(), soon.as_str(), calm.as_str()]
    );
    assert_eq!(ids_in(&rb.ok(&["list", "--overdue"])), [late.as_str()]);
    assert_eq!(
        ids_in(&rb.ok(&["list", "--limit", "2"])),
        [late.as_str(), soon.as_str()]
    );
    assert_eq!(
        ids_in(&rb.ok(&["list", "--severity", "low,high"])),
        [late.as_str(), calm.as_str()]
    );
    assert_eq!(
        ids_in(&rb.ok(&["list", "--state", "owned"])),
        [soon.as_str()]
    );
    assert_eq!(ids_in(&rb.ok(&["list", "--owner", "me"])).len(), 3);
    let json = rb.json(&["list", "--state", "owned", "--json"]);
    assert_eq!(json["mistakes"].as_array().unwrap().len(), 1);
    assert_eq!(json["mistakes"][0]["id"], soon.as_str());
    assert_eq!(
        rb.ok(&["list", "--state", "closed"]),
        "No mistakes match.\n"
    );
}

#[test]
fn bad_filters_are_refused_in_words() {
    let rb = Rebound::new();
    let said = rb.fails(&["list", "--state", "done"], 1);
    assert!(
        said.contains("unknown state 'done'") && said.contains("contained"),
        "{said}"
    );
    let said = rb.fails(&["list", "--severity", "huge"], 1);
    assert!(said.contains("huge") && said.contains("critical"), "{said}");
    let said = rb.fails(&["list", "--owner", "bob!"], 1);
    assert!(said.contains("--owner takes me, others"), "{said}");
    let said = rb.fails(&["list", "--limit", "0"], 1);
    assert!(said.contains("--limit must be at least 1"), "{said}");
}

#[test]
fn a_row_that_is_someone_elses_shows_its_owner() {
    let (server, ana) = served(None);
    let bo = join(&server, &ana, "Bo");
    let hers = ana.oops(&["Dropped the refunds table"]);
    let mine = bo.oops(&["Sent the wrong invoice run"]);
    // Ana names Bo a stakeholder: he may read hers.
    let me = request(
        &server.addr,
        "GET",
        "/api/v1/me",
        &Auth::Bearer(token_of(&bo)),
        None,
        &[],
    )
    .expect(200, "me")
    .json();
    let path = format!(
        "/api/v1/mistakes/{hers}/stakeholders/{}",
        me["id"].as_str().unwrap()
    );
    let visible = json!({"visibility": "stakeholders"});
    let ana_auth = Auth::Bearer(token_of(&ana));
    request(
        &server.addr,
        "PATCH",
        &format!("/api/v1/mistakes/{hers}"),
        &ana_auth,
        Some(&visible),
        &[],
    );
    request(&server.addr, "PUT", &path, &ana_auth, Some(&json!({})), &[]).expect(201, "named");

    let out = bo.ok(&["list"]);
    let head = out.lines().next().unwrap();
    assert!(head.contains("OWNER"), "{out}");
    let row = |id: &str| out.lines().find(|l| l.starts_with(id)).unwrap().to_string();
    assert!(row(&mine).contains(" me "), "{out}");
    assert!(!row(&hers).contains(" me "), "{out}");
    // By name, not by id.
    let ana_id = request(&server.addr, "GET", "/api/v1/me", &ana_auth, None, &[])
        .expect(200, "me")
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(row(&hers).contains("  Ana Ruiz  "), "{out}");
    assert!(!out.contains(&ana_id), "{out}");
    assert_eq!(
        ids_in(&bo.ok(&["list", "--owner", "ana ruiz"])),
        [hers.as_str()]
    );
    assert_eq!(
        ids_in(&bo.ok(&["list", "--owner", &ana_id])),
        [hers.as_str()]
    );
    let said = bo.fails(&["list", "--owner", "Zoe"], 1);
    assert!(said.contains("nobody named 'Zoe'"), "{said}");
    let json = bo.json(&["list", "--json"]);
    assert_eq!(
        json["owners"],
        json!([{"id": ana_id, "name": "Ana Ruiz"}]),
        "{json}"
    );
    assert_eq!(
        ids_in(&bo.ok(&["list", "--owner", "others"])),
        [hers.as_str()]
    );
    assert_eq!(ids_in(&bo.ok(&["list", "--owner", "me"])), [mine.as_str()]);
    // Ana sees only her own: no owner column.
    assert!(!ana.ok(&["list"]).contains("OWNER"));
}
