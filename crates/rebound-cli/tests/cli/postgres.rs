//! The same binary on PostgreSQL: `REBOUND_DATABASE_URL=postgres://…`, each
//! test on a database of its own (skipped, saying so, when no server
//! answers outside CI; failing in CI).

use crate::harness::Rebound;
use rebound_store_postgres::testing::TestDatabase;
use serde_json::Value;
use std::process::Output;

/// A person's `rebound`, with its own home and data directory, pointed at
/// one PostgreSQL database.
struct OnPg<'a> {
    rb: Rebound,
    url: &'a str,
}

impl<'a> OnPg<'a> {
    fn new(url: &'a str) -> Self {
        OnPg {
            rb: Rebound::new(),
            url,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        self.rb
            .command(args)
            .env("REBOUND_DATABASE_URL", self.url)
            .output()
            .expect("run rebound")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "rebound {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
    }

    fn show(&self, id: &str) -> Value {
        self.json(&["show", id, "--json"])
    }
}

#[test]
fn the_whole_flow_on_postgres() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let rb = OnPg::new(db.url());
    let out = rb.json(&[
        "oops",
        "Sent the wrong dashboard version to finance",
        "--detected-at",
        "12m ago",
        "--affected",
        "the finance leads",
        "--json",
    ]);
    let id = out["id"].as_str().unwrap().to_string();
    assert_eq!(rb.show(&id)["state"], "detected");

    let m = rb.json(&["heads-up", "sent", &id, "--at", "8m ago", "--json"]);
    assert_eq!(m["state"], "owned");
    assert_eq!(m["clocks"]["time_to_own_secs"], 240);

    rb.ok(&[
        "timeline",
        "add",
        &id,
        "v42 of the dashboard published",
        "--at",
        "2h ago",
        "--star",
    ]);
    let m = rb.show(&id);
    assert_eq!(m["timeline"].as_array().unwrap().len(), 1);
    assert_eq!(m["timeline"][0]["starred"], true);

    let m = rb.json(&[
        "note",
        &id,
        "--who",
        "the finance leads",
        "--how-many",
        "6 people",
        "--since",
        "2h ago",
        "--what-wrong",
        "Q3 revenue tile counted refunds twice",
        "--containment",
        "Pulled v42 and re-sent v41",
        "--fix",
        "Correct the refund join in the revenue query",
        "--fix-due",
        "in 3h",
        "--preventive",
        "Diff the revenue tile against the ledger before publishing",
        "--owner",
        "me",
        "--json",
    ]);
    assert_eq!(m["note"]["prevention"].as_array().unwrap().len(), 1);

    rb.ok(&["check", &id, "impact"]);
    rb.ok(&["check", &id, "prevention"]);
    let m = rb.json(&["move", &id, "closed", "--json"]);
    assert_eq!(m["state"], "closed");

    let m = rb.show(&id);
    assert_eq!(m["state"], "closed");
    let history: Vec<&str> = m["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["to"].as_str().unwrap())
        .collect();
    assert_eq!(history, ["owned", "closed"], "the moves made, no more");
    assert_eq!(m["note"]["impact"]["how_many"], "6 people", "{}", m["note"]);
    assert!(rb.ok(&["list", "--all"]).contains(&id));
    assert!(
        !rb.rb.data_dir().exists(),
        "with a database URL nothing is stored in the data directory"
    );
}

#[test]
fn two_people_on_one_database_see_the_same_mistake() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let ana = OnPg::new(db.url());
    let sam = OnPg::new(db.url());
    let id = ana.json(&["oops", "Deleted the staging bucket", "--json"])["id"]
        .as_str()
        .unwrap()
        .to_string();

    assert_eq!(sam.show(&id)["title"], "Deleted the staging bucket");
    sam.ok(&["heads-up", "sent", &id, "--to", "the QA team"]);
    sam.ok(&[
        "timeline",
        "add",
        &id,
        "Bucket restored from last night's backup",
        "--at",
        "1m ago",
    ]);

    let seen = ana.show(&id);
    assert_eq!(seen["state"], "owned");
    assert_eq!(
        seen["timeline"][0]["text"],
        "Bucket restored from last night's backup"
    );
    let listed = ana.json(&["list", "--json"]);
    let ids: Vec<&str> = listed["mistakes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [id.as_str()]);
}

/// Needs no server: nothing listens on port 1.
#[test]
fn an_unreachable_server_is_a_storage_error_naming_it_without_the_password() {
    let rb = Rebound::new();
    let out = rb
        .command(&["list"])
        .env(
            "REBOUND_DATABASE_URL",
            "postgresql://ana:s3cret@127.0.0.1:1/rebound",
        )
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    let reason = stderr.trim();
    assert_eq!(reason.lines().count(), 1, "{reason}");
    assert!(reason.contains("127.0.0.1:1/rebound"), "{reason}");
    assert!(!reason.contains("s3cret"), "the password leaked: {reason}");
}
