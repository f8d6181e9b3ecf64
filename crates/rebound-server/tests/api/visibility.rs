//! The visibility policy as a table: relationship × visibility × action →
//! status, and how many mistakes each person's list shows. Read never
//! grants write; revoking takes effect on the next request.

use crate::harness::{Person, Reply, TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::json;

struct World {
    app: TestApp,
    admin: Person,
    owner: Person,
    manager: Person,
    other_manager: Person,
    teammate: Person,
    stranger: Person,
}

async fn world() -> World {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let team = app.new_team(&admin, "Finance BI").await;
    let manager = app.join(&admin, "Mara", "manager", None, None).await;
    let other_manager = app.join(&admin, "Otto", "manager", None, None).await;
    let owner = app
        .join(&admin, "Owen", "member", Some(&manager), Some(&team))
        .await;
    let teammate = app
        .join(&admin, "Tess", "member", Some(&other_manager), Some(&team))
        .await;
    let stranger = app
        .join(&admin, "Sid", "member", Some(&other_manager), None)
        .await;
    World {
        app,
        admin,
        owner,
        manager,
        other_manager,
        teammate,
        stranger,
    }
}

#[tokio::test]
async fn who_sees_what_at_each_visibility() {
    let w = world().await;
    let visibilities = ["private", "manager", "stakeholders", "team"];
    let mut ids = Vec::new();
    for v in visibilities {
        ids.push(w.app.mistake(&w.owner, &format!("A {v} mistake"), v).await);
    }
    // Expected read access per visibility, in the order above.
    let table: [(&str, &Person, [bool; 4]); 6] = [
        ("owner", &w.owner, [true, true, true, true]),
        ("own manager", &w.manager, [false, true, true, true]),
        (
            "another manager",
            &w.other_manager,
            [false, false, false, false],
        ),
        ("teammate", &w.teammate, [false, false, false, true]),
        ("stranger", &w.stranger, [false, false, false, false]),
        ("admin", &w.admin, [false, false, false, false]),
    ];
    for (who, person, reads) in table {
        let listed = w.app.get("/api/v1/mistakes", person).await;
        let count = listed.body["mistakes"].as_array().unwrap().len();
        assert_eq!(count, reads.iter().filter(|r| **r).count(), "{who}'s list");
        // The owner's name comes with the list only for whom it lists
        // someone else's mistake.
        let owners = if who != "owner" && count > 0 {
            json!([{"id": w.owner.id, "name": "Owen"}])
        } else {
            json!([])
        };
        assert_eq!(listed.body["owners"], owners, "{who}'s list's owners");
        for ((id, v), can_read) in ids.iter().zip(visibilities).zip(reads) {
            let base = format!("/api/v1/mistakes/{id}");
            let expect = if can_read {
                StatusCode::OK
            } else {
                StatusCode::NOT_FOUND
            };
            let cell = format!("{who} × {v}");
            assert_eq!(
                w.app.get(&base, person).await.status,
                expect,
                "read: {cell}"
            );
            let export = w
                .app
                .get(&format!("{base}/export?format=markdown"), person)
                .await;
            assert_eq!(export.status, expect, "export: {cell}");

            // Writes: only the owner; a reader gets 404 just like a stranger.
            let write = if who == "owner" {
                StatusCode::OK
            } else {
                StatusCode::NOT_FOUND
            };
            let r = w
                .app
                .patch(&base, person, json!({"affected": "the finance leads"}))
                .await;
            assert_eq!(r.status, write, "edit facts: {cell}");
            let r = w
                .app
                .post(
                    &format!("{base}/updates"),
                    person,
                    json!({"text": "update"}),
                )
                .await;
            let created = if who == "owner" {
                StatusCode::CREATED
            } else {
                StatusCode::NOT_FOUND
            };
            assert_eq!(r.status, created, "post update: {cell}");
            let r = w
                .app
                .patch(&base, person, json!({"visibility": "team"}))
                .await;
            if who != "owner" {
                assert_eq!(r.status, StatusCode::NOT_FOUND, "change visibility: {cell}");
            } else {
                // Put it back for the next rows of the table.
                w.app.patch(&base, person, json!({"visibility": v})).await;
            }
        }
    }
}

#[tokio::test]
async fn revoking_takes_effect_on_the_next_request() {
    let w = world().await;
    let id = w
        .app
        .mistake(&w.owner, "Shared with my manager", "manager")
        .await;
    let team_id = w.app.mistake(&w.owner, "Shared with my team", "team").await;
    let path = format!("/api/v1/mistakes/{id}");
    assert_eq!(w.app.get(&path, &w.manager).await.status, StatusCode::OK);

    // A new manager: the old one loses access at once, lists included.
    let r = w
        .app
        .put(
            &format!("/api/v1/users/{}/manager", w.owner.id),
            &w.admin,
            json!({"manager": w.other_manager.id}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert_eq!(
        w.app.get(&path, &w.manager).await.status,
        StatusCode::NOT_FOUND
    );
    for format in ["markdown", "email", "json"] {
        let export = w
            .app
            .get(&format!("{path}/export?format={format}"), &w.manager)
            .await;
        assert_eq!(
            export.status,
            StatusCode::NOT_FOUND,
            "export as {format} after the change"
        );
    }
    assert_eq!(
        w.app.get("/api/v1/mistakes", &w.manager).await.body["mistakes"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        w.app.get(&path, &w.other_manager).await.status,
        StatusCode::OK
    );

    // Leaving the team ends teammates' access.
    let team_path = format!("/api/v1/mistakes/{team_id}");
    assert_eq!(
        w.app.get(&team_path, &w.teammate).await.status,
        StatusCode::OK
    );
    let teams = w.app.get("/api/v1/teams", &w.admin).await;
    let team = teams.body["teams"][0]["id"].as_str().unwrap().to_string();
    let r = w
        .app
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/teams/{team}/members/{}", w.teammate.id),
            Some(&w.admin),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        w.app.get(&team_path, &w.teammate).await.status,
        StatusCode::NOT_FOUND
    );

    // Narrowing the visibility ends access too.
    w.app
        .patch(&path, &w.owner, json!({"visibility": "private"}))
        .await;
    assert_eq!(
        w.app.get(&path, &w.other_manager).await.status,
        StatusCode::NOT_FOUND
    );
}

// ---------------------------------------------------------------------------
// The full table: relationship × visibility × resource × action → status and
// result count, one cell at a time.
//
// Rows are how the asker relates to the mistake (self, own manager, another
// manager, stakeholder, teammate, stranger, admin, and guests holding a
// valid, an expired or a revoked link). Columns are the four visibilities
// (one test per visibility, so they run in parallel) and every
// resource × action below. Each cell asserts
// - the status, from `OPS` by the asker's class (owner, reader, outsider,
//   live guest, dead guest), the class coming from the row's `reads` table;
// - a count: for reads, how many items the asker got back (0 when refused,
//   otherwise exactly what the owner sees); for writes, how much the owner's
//   view moved (by the op's delta when allowed, by nothing when refused).
// Guests act through the guest API where one exists (shared view, comments,
// votes); everywhere else they present their guest cookie to the account
// API, which does not take it (401).

use crate::guests::{Guest, Link};
use reqwest::Method;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Res {
    Record,
    Note,
    Updates,
    Comments,
    Votes,
    Acks,
    Stakeholders,
    ShareLinks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    Read,
    Create,
    Change,
}

/// The asker's standing towards one mistake: the index into `OPS`' statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Owner = 0,
    Reader = 1,
    Outsider = 2,
    Guest = 3,
    DeadGuest = 4,
}

/// Every operation, with the status each class gets and (for writes) how
/// far an allowed one moves the owner's count.
///
/// The operation behind each cell:
/// - record: GET the mistake (count: in my list) · POST a timeline entry ·
///   PATCH its facts;
/// - note: GET the shared view (guests: GET /guest/mistake) · PUT the note ·
///   PUT it again, changed;
/// - updates: GET the updates (guests: the shared view's) · POST one ·
///   PUT the schedule;
/// - comments: GET them (guests: the shared view's) · POST one (guests:
///   POST /guest/comments) · PATCH my own (else the owner's);
/// - votes: the owner's comment's score as read · PUT my vote on it · DELETE
///   it (guests: their vote endpoint, both);
/// - acknowledgements: GET them · POST · POST again (changes nothing);
/// - stakeholders: GET them · PUT a bystander · DELETE one (the owner: the
///   bystander; others try the named stakeholder);
/// - share links: GET them (count: live) · POST one · DELETE one (the
///   owner: the one just made; others try the guests' live link).
#[rustfmt::skip]
const OPS: [(Res, Act, [u16; 5], i64); 24] = [
    //                              owner reader outsider guest dead   delta
    (Res::Record,       Act::Read,   [200, 200, 404, 401, 401], 0),
    (Res::Record,       Act::Create, [201, 404, 404, 401, 401], 1),
    (Res::Record,       Act::Change, [200, 404, 404, 401, 401], 1),
    (Res::Note,         Act::Read,   [200, 200, 404, 200, 404], 0),
    (Res::Note,         Act::Create, [200, 404, 404, 401, 401], 1),
    (Res::Note,         Act::Change, [200, 404, 404, 401, 401], 1),
    (Res::Updates,      Act::Read,   [200, 200, 404, 200, 404], 0),
    (Res::Updates,      Act::Create, [201, 404, 404, 401, 401], 1),
    (Res::Updates,      Act::Change, [200, 404, 404, 401, 401], 1),
    (Res::Comments,     Act::Read,   [200, 200, 404, 200, 404], 0),
    (Res::Comments,     Act::Create, [201, 201, 404, 201, 404], 1),
    (Res::Comments,     Act::Change, [200, 200, 404, 401, 401], 1),
    (Res::Votes,        Act::Read,   [200, 200, 404, 200, 404], 0),
    (Res::Votes,        Act::Create, [200, 200, 404, 200, 404], 1),
    (Res::Votes,        Act::Change, [200, 200, 404, 200, 404], -1),
    (Res::Acks,         Act::Read,   [200, 200, 404, 401, 401], 0),
    (Res::Acks,         Act::Create, [404, 201, 404, 401, 401], 1),
    (Res::Acks,         Act::Change, [404, 200, 404, 401, 401], 0),
    (Res::Stakeholders, Act::Read,   [200, 200, 404, 401, 401], 0),
    (Res::Stakeholders, Act::Create, [201, 404, 404, 401, 401], 1),
    (Res::Stakeholders, Act::Change, [204, 404, 404, 401, 401], -1),
    (Res::ShareLinks,   Act::Read,   [200, 404, 404, 401, 401], 0),
    (Res::ShareLinks,   Act::Create, [201, 404, 404, 401, 401], 1),
    (Res::ShareLinks,   Act::Change, [204, 404, 404, 401, 401], -1),
];

const VISIBILITIES: [&str; 4] = ["private", "manager", "stakeholders", "team"];

enum Who {
    Account(Person),
    Guest { guest: Guest, live: bool },
}

struct Row {
    name: &'static str,
    who: Who,
    /// Whether the row reads the mistake at each of `VISIBILITIES`
    /// (accounts only; a guest's standing comes from its link).
    reads: [bool; 4],
}

struct Matrix {
    app: TestApp,
    owner: Person,
    bystander: Person,
    stakeholder: Person,
    mistake: String,
    seed_comment: String,
    guest_link: Link,
    rows: Vec<Row>,
}

async fn matrix_world(visibility: &str) -> Matrix {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let team = app.new_team(&admin, "Finance BI").await;
    let manager = app.join(&admin, "Mara", "manager", None, None).await;
    let other_manager = app.join(&admin, "Otto", "manager", None, None).await;
    let owner = app
        .join(&admin, "Owen", "member", Some(&manager), Some(&team))
        .await;
    let id = app
        .mistake(&owner, "Finance dashboard showed EUR as USD", visibility)
        .await;
    // First, the link that will have expired by the time the table runs.
    let soon = app.clock.now() + jiff::SignedDuration::from_hours(1);
    let expiring = app.share_link(&owner, &id, Some(soon)).await;
    let expired_guest = app.guest(&expiring, "Eve (expired link)").await;

    let teammate = app
        .join(&admin, "Tess", "member", Some(&other_manager), Some(&team))
        .await;
    let stranger = app
        .join(&admin, "Sid", "member", Some(&other_manager), None)
        .await;
    let stakeholder = app
        .join(&admin, "Stella", "member", Some(&other_manager), None)
        .await;
    let bystander = app.join(&admin, "Bea", "member", None, None).await;
    let base = format!("/api/v1/mistakes/{id}");
    let r = app
        .put(
            &format!("{base}/stakeholders/{}", stakeholder.id),
            &owner,
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = app
        .post(
            &format!("{base}/updates"),
            &owner,
            json!({"text": "Rolled back at 14:10"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let guest_link = app.share_link(&owner, &id, None).await;
    // The comment everyone votes on is a client's, so that no row is voting
    // on its own comment (refused, whoever it is).
    let cora = app.guest(&guest_link, "Cora (client)").await;
    let body = json!({"body": "Questions welcome here."});
    let r = app
        .as_guest(Method::POST, "/api/v1/guest/comments", &cora, Some(body))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let seed_comment = r.body["id"].as_str().unwrap().to_string();
    let guest = app.guest(&guest_link, "Gus (client)").await;
    let revoked = app.share_link(&owner, &id, None).await;
    let revoked_guest = app.guest(&revoked, "Rex (revoked link)").await;
    let r = app
        .delete(&format!("{base}/share-links/{}", revoked.id), &owner)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    app.step_past(expiring.expires_at);

    let account = |name, p: &Person, reads| Row {
        name,
        who: Who::Account(p.clone()),
        reads,
    };
    let rows = vec![
        account("self", &owner, [true, true, true, true]),
        account("own manager", &manager, [false, true, true, true]),
        account("another manager", &other_manager, [false; 4]),
        account("stakeholder", &stakeholder, [false, false, true, true]),
        account("teammate", &teammate, [false, false, false, true]),
        account("stranger", &stranger, [false; 4]),
        account("admin", &admin, [false; 4]),
        Row {
            name: "guest, valid link",
            who: Who::Guest { guest, live: true },
            reads: [false; 4],
        },
        Row {
            name: "guest, expired link",
            who: Who::Guest {
                guest: expired_guest,
                live: false,
            },
            reads: [false; 4],
        },
        Row {
            name: "guest, revoked link",
            who: Who::Guest {
                guest: revoked_guest,
                live: false,
            },
            reads: [false; 4],
        },
    ];
    Matrix {
        app,
        owner,
        bystander,
        stakeholder,
        mistake: id,
        seed_comment,
        guest_link,
        rows,
    }
}

/// What one row carries from cell to cell on a mistake.
#[derive(Default)]
struct Carry {
    my_comment: Option<String>,
    my_link: Option<String>,
}

impl Matrix {
    async fn ask(&self, who: &Who, method: Method, path: &str, body: Option<Value>) -> Reply {
        match who {
            Who::Account(p) => self.app.call(method, path, Some(p), body).await,
            Who::Guest { guest, .. } => self.app.as_guest(method, path, guest, body).await,
        }
    }

    async fn as_owner(&self, path: &str) -> Value {
        let r = self.app.get(path, &self.owner).await;
        assert_eq!(r.status, StatusCode::OK, "owner reading {path}: {}", r.body);
        r.body
    }

    /// How many of `res` a read `body` holds.
    fn count(&self, res: Res, body: &Value) -> i64 {
        let len = |v: &Value| v.as_array().map_or(0, |a| a.len() as i64);
        match res {
            Res::Record => unreachable!("counted from the list"),
            Res::Note => i64::from(body["note"].is_object()),
            Res::Updates => len(&body["updates"]),
            Res::Comments => len(&body["comments"]),
            Res::Votes => body["comments"]
                .as_array()
                .and_then(|cs| cs.iter().find(|c| c["id"] == self.seed_comment.as_str()))
                .map_or(0, |c| c["score"].as_i64().unwrap()),
            Res::Acks => body["acknowledged"].as_i64().unwrap_or(0),
            Res::Stakeholders => len(&body["stakeholders"]),
            Res::ShareLinks => body["links"].as_array().map_or(0, |ls| {
                ls.iter().filter(|l| l["live"] == true).count() as i64
            }),
        }
    }

    /// The owner's view of what a cell reads or changes.
    async fn probe(&self, res: Res, act: Act, marker: &str, minutes: u32) -> i64 {
        let base = format!("/api/v1/mistakes/{}", self.mistake);
        match (res, act) {
            (Res::Record, Act::Read) => 1,
            (Res::Record, Act::Create) => self.as_owner(&base).await["timeline"]
                .as_array()
                .unwrap()
                .len() as i64,
            (Res::Record, Act::Change) => i64::from(self.as_owner(&base).await["what"] == marker),
            (Res::Note, Act::Create) => {
                i64::from(self.as_owner(&base).await["note"]["containment"] == marker)
            }
            (Res::Note, Act::Change) => {
                i64::from(self.as_owner(&base).await["note"]["fix"] == marker)
            }
            (Res::Updates, Act::Change) => i64::from(
                self.as_owner(&base).await["cadence"]
                    == json!({"kind": "every", "minutes": minutes}),
            ),
            (Res::Comments, Act::Change) => {
                self.as_owner(&format!("{base}/comments")).await["comments"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|c| c["body"] == marker)
                    .count() as i64
            }
            (res, _) => {
                let path = match res {
                    Res::Note => format!("{base}/shared"),
                    Res::Updates => format!("{base}/updates"),
                    Res::Comments | Res::Votes => format!("{base}/comments"),
                    Res::Acks => format!("{base}/acknowledgements"),
                    Res::Stakeholders => format!("{base}/stakeholders"),
                    Res::ShareLinks => format!("{base}/share-links"),
                    Res::Record => unreachable!(),
                };
                self.count(res, &self.as_owner(&path).await)
            }
        }
    }

    /// Performs one cell's operation as `who`: the status, and for reads
    /// the count the asker got.
    async fn perform(
        &self,
        who: &Who,
        carry: &mut Carry,
        res: Res,
        act: Act,
        marker: &str,
        minutes: u32,
    ) -> (StatusCode, i64) {
        let base = format!("/api/v1/mistakes/{}", self.mistake);
        let guest = matches!(who, Who::Guest { .. });
        let seed = &self.seed_comment;
        let (method, path, body) = match (res, act) {
            (Res::Record, Act::Read) => (Method::GET, base.clone(), None),
            (Res::Record, Act::Create) => (
                Method::POST,
                format!("{base}/timeline"),
                Some(json!({"text": marker})),
            ),
            (Res::Record, Act::Change) => {
                (Method::PATCH, base.clone(), Some(json!({"what": marker})))
            }
            (Res::Note | Res::Updates | Res::Comments | Res::Votes, Act::Read) if guest => {
                (Method::GET, "/api/v1/guest/mistake".into(), None)
            }
            (Res::Note, Act::Read) => (Method::GET, format!("{base}/shared"), None),
            (Res::Note, Act::Create) => (
                Method::PUT,
                format!("{base}/note"),
                Some(json!({"impact": {}, "prevention": [], "containment": marker})),
            ),
            (Res::Note, Act::Change) => (
                Method::PUT,
                format!("{base}/note"),
                Some(json!({"impact": {}, "prevention": [], "containment": "kept", "fix": marker})),
            ),
            (Res::Updates, Act::Read) => (Method::GET, format!("{base}/updates"), None),
            (Res::Updates, Act::Create) => (
                Method::POST,
                format!("{base}/updates"),
                Some(json!({"text": marker})),
            ),
            (Res::Updates, Act::Change) => (
                Method::PUT,
                format!("{base}/schedule"),
                Some(json!({"cadence": {"kind": "every", "minutes": minutes}})),
            ),
            (Res::Comments | Res::Votes, Act::Read) => {
                (Method::GET, format!("{base}/comments"), None)
            }
            (Res::Comments, Act::Create) if guest => (
                Method::POST,
                "/api/v1/guest/comments".into(),
                Some(json!({"body": marker})),
            ),
            (Res::Comments, Act::Create) => (
                Method::POST,
                format!("{base}/comments"),
                Some(json!({"body": marker})),
            ),
            (Res::Comments, Act::Change) => (
                Method::PATCH,
                format!(
                    "{base}/comments/{}",
                    carry.my_comment.as_ref().unwrap_or(seed)
                ),
                Some(json!({"body": marker})),
            ),
            (Res::Votes, Act::Create) if guest => (
                Method::PUT,
                format!("/api/v1/guest/comments/{seed}/vote"),
                None,
            ),
            (Res::Votes, Act::Create) => {
                (Method::PUT, format!("{base}/comments/{seed}/vote"), None)
            }
            (Res::Votes, Act::Change) if guest => (
                Method::DELETE,
                format!("/api/v1/guest/comments/{seed}/vote"),
                None,
            ),
            (Res::Votes, Act::Change) => {
                (Method::DELETE, format!("{base}/comments/{seed}/vote"), None)
            }
            (Res::Acks, Act::Read) => (Method::GET, format!("{base}/acknowledgements"), None),
            (Res::Acks, _) => (
                Method::POST,
                format!("{base}/acknowledgements"),
                Some(json!({})),
            ),
            (Res::Stakeholders, Act::Read) => (Method::GET, format!("{base}/stakeholders"), None),
            (Res::Stakeholders, Act::Create) => (
                Method::PUT,
                format!("{base}/stakeholders/{}", self.bystander.id),
                Some(json!({})),
            ),
            (Res::Stakeholders, Act::Change) => {
                let target = match who {
                    Who::Account(p) if p.id == self.owner.id => &self.bystander,
                    _ => &self.stakeholder,
                };
                (
                    Method::DELETE,
                    format!("{base}/stakeholders/{}", target.id),
                    None,
                )
            }
            (Res::ShareLinks, Act::Read) => (Method::GET, format!("{base}/share-links"), None),
            (Res::ShareLinks, Act::Create) => (
                Method::POST,
                format!("{base}/share-links"),
                Some(json!({"label": marker})),
            ),
            (Res::ShareLinks, Act::Change) => (
                Method::DELETE,
                format!(
                    "{base}/share-links/{}",
                    carry.my_link.as_ref().unwrap_or(&self.guest_link.id)
                ),
                None,
            ),
        };
        let r = self.ask(who, method, &path, body).await;
        if r.status.is_success() {
            match (res, act) {
                (Res::Comments, Act::Create) => {
                    carry.my_comment = Some(r.body["id"].as_str().unwrap().to_string());
                }
                (Res::ShareLinks, Act::Create) => {
                    carry.my_link = Some(r.body["id"].as_str().unwrap().to_string());
                }
                _ => {}
            }
        }
        let count = match (res, act) {
            (_, Act::Create | Act::Change) => 0,
            _ if !r.status.is_success() => 0,
            (Res::Record, Act::Read) => {
                let Who::Account(p) = who else {
                    return (r.status, 0);
                };
                let listed = self.app.get("/api/v1/mistakes", p).await;
                listed.body["mistakes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|m| m["id"] == self.mistake.as_str())
                    .count() as i64
            }
            _ => self.count(res, &r.body),
        };
        (r.status, count)
    }
}

fn class(row: &Row, owner: &Person, v: usize) -> Class {
    match &row.who {
        Who::Guest { live: true, .. } => Class::Guest,
        Who::Guest { live: false, .. } => Class::DeadGuest,
        Who::Account(p) if p.id == owner.id => Class::Owner,
        Who::Account(_) if row.reads[v] => Class::Reader,
        Who::Account(_) => Class::Outsider,
    }
}

async fn the_table_at(visibility: &str) {
    let v = VISIBILITIES.iter().position(|x| *x == visibility).unwrap();
    let m = matrix_world(visibility).await;
    let mut cell_no = 0u32;
    for row in &m.rows {
        let class = class(row, &m.owner, v);
        let mut carry = Carry::default();
        for (res, act, statuses, delta) in OPS {
            cell_no += 1;
            let cell = format!(
                "{} × {visibility} × {res:?} × {act:?} ({class:?})",
                row.name
            );
            let marker = format!("cell {cell_no}: {cell}");
            let minutes = 5 + cell_no;
            let want = StatusCode::from_u16(statuses[class as usize]).unwrap();
            let allowed = want.is_success();
            let before = m.probe(res, act, &marker, minutes).await;
            let (status, got) = m
                .perform(&row.who, &mut carry, res, act, &marker, minutes)
                .await;
            assert_eq!(status, want, "status: {cell}");
            if act == Act::Read {
                let want = if allowed { before } else { 0 };
                assert_eq!(got, want, "count read: {cell}");
            } else {
                let after = m.probe(res, act, &marker, minutes).await;
                let want = if allowed { delta } else { 0 };
                assert_eq!(
                    after - before,
                    want,
                    "count change seen by the owner: {cell}"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_table_at_private() {
    the_table_at("private").await;
}

#[tokio::test]
async fn the_table_at_manager() {
    the_table_at("manager").await;
}

#[tokio::test]
async fn the_table_at_stakeholders() {
    the_table_at("stakeholders").await;
}

#[tokio::test]
async fn the_table_at_team() {
    the_table_at("team").await;
}
