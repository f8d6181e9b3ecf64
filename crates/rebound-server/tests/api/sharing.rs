//! Communicate, end to end: stakeholders and notifications, the affected
//! list, acknowledgements, comments with replies and votes, share links and
//! guests — and the four places authorisation bugs cluster: read taken for
//! write, a child id under the wrong parent, revocation not reaching the
//! next request (lists, notifications and guest sessions included), and
//! knowing an id taken for permission.

use crate::guests::{Guest, guest_cookie};
use crate::harness::{Person, TestApp, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

struct World {
    app: TestApp,
    admin: Person,
    owner: Person,
    manager: Person,
    teammate: Person,
    stakeholder: Person,
    stranger: Person,
}

async fn world() -> World {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let team = app.new_team(&admin, "Finance BI").await;
    let manager = app.join(&admin, "Mara", "manager", None, None).await;
    let owner = app
        .join(&admin, "Owen", "member", Some(&manager), Some(&team))
        .await;
    let teammate = app.join(&admin, "Tess", "member", None, Some(&team)).await;
    let stakeholder = app.join(&admin, "Stella", "member", None, None).await;
    let stranger = app.join(&admin, "Sid", "member", None, None).await;
    World {
        app,
        admin,
        owner,
        manager,
        teammate,
        stakeholder,
        stranger,
    }
}

fn len(v: &Value) -> usize {
    v.as_array().map_or(0, Vec::len)
}

impl World {
    async fn name(&self, mistake: &str, who: &Person) -> crate::harness::Reply {
        self.app
            .put(
                &format!("/api/v1/mistakes/{mistake}/stakeholders/{}", who.id),
                &self.owner,
                json!({}),
            )
            .await
    }

    async fn comment(&self, mistake: &str, who: &Person, body: Value) -> crate::harness::Reply {
        self.app
            .post(&format!("/api/v1/mistakes/{mistake}/comments"), who, body)
            .await
    }

    async fn comments(&self, mistake: &str, who: &Person) -> Value {
        let r = self
            .app
            .get(&format!("/api/v1/mistakes/{mistake}/comments"), who)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.body["comments"].clone()
    }

    async fn guest_view(&self, guest: &Guest) -> crate::harness::Reply {
        self.app
            .as_guest(Method::GET, "/api/v1/guest/mistake", guest, None)
            .await
    }
}

#[tokio::test]
async fn naming_a_stakeholder_notifies_them_once_and_removing_ends_access() {
    let w = world().await;
    let id = w
        .app
        .mistake(&w.owner, "Wrong totals sent", "stakeholders")
        .await;
    let path = format!("/api/v1/mistakes/{id}");
    assert_eq!(
        w.app.get(&path, &w.stakeholder).await.status,
        StatusCode::NOT_FOUND
    );

    assert_eq!(
        w.name(&id, &w.stakeholder).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        w.name(&id, &w.stakeholder).await.status,
        StatusCode::NO_CONTENT
    );
    let notes = w.app.get("/api/v1/me/notifications", &w.stakeholder).await;
    assert_eq!(len(&notes.body["notifications"]), 1, "{}", notes.body);
    let n = &notes.body["notifications"][0];
    assert_eq!(n["kind"], "stakeholder_added");
    assert_eq!(n["mistake"], id.as_str());
    assert_eq!(n["title"], "Wrong totals sent");
    assert_eq!(n["read_at"], Value::Null);
    assert_eq!(notes.body["unread"], 1);
    assert_eq!(
        w.app.get(&path, &w.stakeholder).await.status,
        StatusCode::OK
    );
    let listed = w.app.get("/api/v1/mistakes", &w.stakeholder).await;
    assert_eq!(len(&listed.body["mistakes"]), 1);

    // Marking read: mine yes, someone else's is 404 and stays unread.
    let nid = n["id"].as_str().unwrap();
    let read = format!("/api/v1/me/notifications/{nid}/read");
    assert_eq!(
        w.app.post(&read, &w.stranger, json!({})).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.app.post(&read, &w.stakeholder, json!({})).await.status,
        StatusCode::NO_CONTENT
    );
    let notes = w.app.get("/api/v1/me/notifications", &w.stakeholder).await;
    assert!(notes.body["notifications"][0]["read_at"].is_string());
    assert_eq!(notes.body["unread"], 0);

    // The owner and a disabled or unknown account cannot be named.
    let r = w.name(&id, &w.owner).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = w
        .app
        .put(
            &format!("{path}/stakeholders/zzzzzzzz"),
            &w.owner,
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    w.app.disable(&w.admin, &w.stranger).await;
    assert_eq!(
        w.name(&id, &w.stranger).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // Removal counts on the very next request: record, lists, comments,
    // acknowledging, and the notification about it.
    let r = w
        .app
        .delete(
            &format!("{path}/stakeholders/{}", w.stakeholder.id),
            &w.owner,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        w.app.get(&path, &w.stakeholder).await.status,
        StatusCode::NOT_FOUND
    );
    let listed = w.app.get("/api/v1/mistakes", &w.stakeholder).await;
    assert_eq!(len(&listed.body["mistakes"]), 0);
    assert_eq!(
        w.app
            .get(&format!("{path}/comments"), &w.stakeholder)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.app
            .post(
                &format!("{path}/acknowledgements"),
                &w.stakeholder,
                json!({})
            )
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let notes = w.app.get("/api/v1/me/notifications", &w.stakeholder).await;
    assert_eq!(len(&notes.body["notifications"]), 0, "{}", notes.body);
    let again = w
        .app
        .delete(
            &format!("{path}/stakeholders/{}", w.stakeholder.id),
            &w.owner,
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "no longer one");

    // Named again but the visibility narrowed: still no access, and the
    // notification about it is not listed either.
    w.name(&id, &w.stakeholder).await;
    w.app
        .patch(&path, &w.owner, json!({"visibility": "manager"}))
        .await;
    assert_eq!(
        w.app.get(&path, &w.stakeholder).await.status,
        StatusCode::NOT_FOUND
    );
    let notes = w.app.get("/api/v1/me/notifications", &w.stakeholder).await;
    assert_eq!(len(&notes.body["notifications"]), 0);
}

#[tokio::test]
async fn the_affected_list_is_the_owners_to_set_and_readers_to_see() {
    let w = world().await;
    let id = w.app.mistake(&w.owner, "Wrong totals", "team").await;
    let path = format!("/api/v1/mistakes/{id}/affected");
    let r = w
        .app
        .put(
            &path,
            &w.owner,
            json!({"affected": [" the finance leads ", "ana@client.com", "The Finance Leads", ""]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.body["affected"],
        json!(["the finance leads", "ana@client.com"])
    );
    let r = w
        .app
        .put(&path, &w.teammate, json!({"affected": ["me"]}))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "reading is not changing");
    let seen = w
        .app
        .get(&format!("/api/v1/mistakes/{id}/stakeholders"), &w.teammate)
        .await;
    assert_eq!(
        seen.body["affected"],
        json!(["the finance leads", "ana@client.com"])
    );
    let many: Vec<String> = (0..101).map(|i| format!("person {i}")).collect();
    let r = w.app.put(&path, &w.owner, json!({"affected": many})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = w
        .app
        .put(&path, &w.owner, json!({"affected": ["x".repeat(201)]}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_owner_sees_who_has_and_has_not_acknowledged() {
    let w = world().await;
    let id = w
        .app
        .mistake(&w.owner, "Wrong totals", "stakeholders")
        .await;
    let path = format!("/api/v1/mistakes/{id}/acknowledgements");
    w.name(&id, &w.stakeholder).await;
    w.name(&id, &w.teammate).await;

    let first = w.app.post(&path, &w.stakeholder, json!({})).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again = w.app.post(&path, &w.stakeholder, json!({})).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.body["acknowledged_at"], first.body["acknowledged_at"]);
    // Their manager reads it (manager ≤ stakeholders) and may acknowledge too.
    assert_eq!(
        w.app.post(&path, &w.manager, json!({})).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        w.app.post(&path, &w.owner, json!({})).await.status,
        StatusCode::NOT_FOUND,
        "the owner does not acknowledge their own note"
    );
    assert_eq!(
        w.app.post(&path, &w.stranger, json!({})).await.status,
        StatusCode::NOT_FOUND
    );

    let acks = w.app.get(&path, &w.owner).await;
    assert_eq!(acks.status, StatusCode::OK);
    let by_name = |name: &str| {
        acks.body["stakeholders"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["display_name"] == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        by_name("Stella")["acknowledged_at"],
        first.body["acknowledged_at"]
    );
    assert_eq!(
        by_name("Tess")["acknowledged_at"],
        Value::Null,
        "has not yet"
    );
    assert_eq!(len(&acks.body["others"]), 1);
    assert_eq!(acks.body["others"][0]["display_name"], "Mara");
    assert_eq!(acks.body["acknowledged"], 2);
}

#[tokio::test]
async fn comments_replies_and_one_vote_per_person() {
    let w = world().await;
    let id = w.app.mistake(&w.owner, "Wrong totals", "team").await;
    let as_written = "  <b>Which</b> reports?\n\tAll of them & more  ";
    let c = w
        .comment(&id, &w.teammate, json!({"body": as_written}))
        .await;
    assert_eq!(c.status, StatusCode::CREATED, "{}", c.body);
    assert_eq!(c.body["body"], as_written, "plain text kept as given");
    assert_eq!(
        c.body["author"],
        json!({"kind": "account", "name": "Tess", "user": w.teammate.id})
    );
    assert_eq!(c.body["mine"], true);
    let cid = c.body["id"].as_str().unwrap().to_string();
    let reply = w
        .comment(
            &id,
            &w.owner,
            json!({"body": "The EUR ones.", "parent": cid}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    assert_eq!(reply.body["parent"], cid.as_str());

    for (body, why) in [("", "empty"), (" \n ", "blank")] {
        let r = w.comment(&id, &w.teammate, json!({"body": body})).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{why}");
    }
    let r = w
        .comment(&id, &w.teammate, json!({"body": "é".repeat(5000)}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "5,000 characters fit");
    let r = w
        .comment(&id, &w.teammate, json!({"body": "é".repeat(5001)}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = w
        .comment(
            &id,
            &w.teammate,
            json!({"body": "x", "parent": "nonsense!"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(len(&w.comments(&id, &w.owner).await), 3);

    let vote = format!("/api/v1/mistakes/{id}/comments/{cid}/vote");
    for (who, score) in [(&w.owner, 1), (&w.owner, 1), (&w.manager, 2)] {
        let r = w.app.put(&vote, who, json!({})).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.body["score"], score);
    }
    let listed = w.comments(&id, &w.owner).await;
    assert_eq!(
        (listed[0]["score"].clone(), listed[0]["voted"].clone()),
        (json!(2), json!(true))
    );
    assert_eq!(w.comments(&id, &w.teammate).await[0]["voted"], false);
    // Tess may not upvote her own comment; the score stays.
    let r = w.app.put(&vote, &w.teammate, json!({})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        r.body["error"]["message"],
        "you cannot upvote your own comment"
    );
    assert_eq!(w.comments(&id, &w.owner).await[0]["score"], 2);
    let r = w.app.delete(&vote, &w.owner).await;
    assert_eq!(
        (r.status, r.body["score"].clone()),
        (StatusCode::OK, json!(1))
    );
    let r = w.app.delete(&vote, &w.owner).await;
    assert_eq!(r.body["score"], 1, "taking back twice changes nothing");
    let r = w.app.delete(&vote, &w.teammate).await;
    assert_eq!(
        r.body["score"], 1,
        "one cannot take back someone else's vote"
    );

    // Only the author edits; anyone else (the mistake's owner included) 404.
    let edit = format!("/api/v1/mistakes/{id}/comments/{cid}");
    let r = w
        .app
        .patch(&edit, &w.owner, json!({"body": "hijacked"}))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = w
        .app
        .patch(&edit, &w.manager, json!({"body": "hijacked"}))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = w
        .app
        .patch(&edit, &w.teammate, json!({"body": "Which EUR reports?"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body["edited_at"].is_string());
    assert_eq!(
        w.comments(&id, &w.owner).await[0]["body"],
        "Which EUR reports?"
    );
}

#[tokio::test]
async fn share_links_expire_within_ninety_days_and_never_show_their_token_again() {
    let w = world().await;
    let id = w.app.mistake(&w.owner, "Wrong totals", "private").await;
    let path = format!("/api/v1/mistakes/{id}/share-links");
    let now = jiff::Timestamp::now();
    let link = w.app.share_link(&w.owner, &id, None).await;
    assert!(link.token.len() >= 43, "at least 256 bits: {}", link.token);
    let week = link.expires_at.duration_since(now).as_hours();
    assert!((167..=168).contains(&week), "default a week, got {week} h");

    let day = jiff::SignedDuration::from_hours(24);
    for (expires_at, want) in [
        (now - day, StatusCode::UNPROCESSABLE_ENTITY),
        (now + day * 91, StatusCode::UNPROCESSABLE_ENTITY),
        (now + day * 89, StatusCode::CREATED),
    ] {
        let r = w
            .app
            .post(&path, &w.owner, json!({"expires_at": expires_at}))
            .await;
        assert_eq!(r.status, want, "expiring at {expires_at}: {}", r.body);
    }
    let r = w
        .app
        .post(&path, &w.owner, json!({"label": "x".repeat(101)}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    let listed = w.app.get(&path, &w.owner).await;
    assert_eq!(len(&listed.body["links"]), 2);
    assert!(
        !listed.body.to_string().contains(&link.token),
        "never the token"
    );
    assert!(
        listed.body["links"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["live"] == true)
    );

    let revoke = format!("{path}/{}", link.id);
    assert_eq!(
        w.app.delete(&revoke, &w.owner).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        w.app.delete(&revoke, &w.owner).await.status,
        StatusCode::NO_CONTENT
    );
    let listed = w.app.get(&path, &w.owner).await;
    let revoked: Vec<_> = listed.body["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["live"] == false)
        .collect();
    assert_eq!(revoked.len(), 1);
    assert!(revoked[0]["revoked_at"].is_string());
    assert_eq!(
        w.app
            .delete(&format!("{path}/zzzzzzzz"), &w.owner)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Even the owner's own manager neither lists nor revokes them.
    let r = w
        .app
        .patch(
            &format!("/api/v1/mistakes/{id}"),
            &w.owner,
            json!({"visibility": "manager"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        w.app.get(&path, &w.manager).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_guest_sees_the_shared_parts_of_that_one_mistake_only() {
    let w = world().await;
    let id = w.app.mistake(&w.owner, "Wrong totals", "private").await;
    let other = w
        .app
        .mistake(&w.owner, "Another private one", "private")
        .await;
    let base = format!("/api/v1/mistakes/{id}");
    w.app
        .post(
            &format!("{base}/timeline"),
            &w.owner,
            json!({"text": "secret timeline entry"}),
        )
        .await;
    w.app
        .put(&format!("{base}/note"), &w.owner, json!({"impact": {"who": "finance leads"}, "prevention": [], "containment": "Rolled back"}))
        .await;
    w.app
        .post(
            &format!("{base}/updates"),
            &w.owner,
            json!({"text": "Fix ships at 16:00"}),
        )
        .await;
    w.name(&id, &w.stakeholder).await;
    let c = w
        .comment(&id, &w.owner, json!({"body": "Ask me anything."}))
        .await;
    let owners_comment = c.body["id"].as_str().unwrap().to_string();
    let elsewhere = w
        .comment(&other, &w.owner, json!({"body": "Not for guests."}))
        .await;
    let elsewhere = elsewhere.body["id"].as_str().unwrap().to_string();

    let link = w.app.share_link(&w.owner, &id, None).await;
    let (r, guest) = w.app.open_link(&link.token, "Dana (client)").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["mistake"], id.as_str());
    let set_cookie = r.headers.get("set-cookie").unwrap().to_str().unwrap();
    for attr in ["rebound_guest=", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set_cookie.contains(attr), "{attr} in {set_cookie}");
    }
    let guest = guest.unwrap();

    let view = w.guest_view(&guest).await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    assert_eq!(view.body["id"], id.as_str());
    assert_eq!(view.body["note"]["containment"], "Rolled back");
    assert_eq!(len(&view.body["updates"]), 1);
    assert_eq!(len(&view.body["comments"]), 1);
    let keys: Vec<&str> = view
        .body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    // The owner's time zone, to show times in before the guest's browser
    // names its own: a zone, no part of the record.
    assert!(view.body["time_zone"].is_string(), "{}", view.body);
    // How many older updates there are (none here): a guest may page them.
    assert_eq!(view.body["older_updates"], 0);
    assert_eq!(
        keys,
        [
            "comments",
            "id",
            "note",
            "older_updates",
            "time_zone",
            "title",
            "updates"
        ],
        "exactly the shared parts"
    );
    for absent in [
        "timeline",
        "heads_up",
        "commits",
        "stakeholders",
        "affected",
        "visibility",
        "owner",
    ] {
        assert!(view.body.get(absent).is_none(), "{absent} is not shared");
    }
    assert!(!view.body.to_string().contains("secret timeline entry"));
    assert_eq!(
        view.body["comments"][0]["author"],
        json!({"kind": "account", "name": "Owen"}),
        "no account ids for guests"
    );

    // Comment and vote under the display name.
    let r = w
        .app
        .as_guest(
            Method::POST,
            "/api/v1/guest/comments",
            &guest,
            Some(json!({"body": "Which reports?", "parent": owners_comment})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        r.body["author"],
        json!({"kind": "guest", "name": "Dana (client)"})
    );
    assert_eq!(r.body["mine"], true);
    let vote = format!("/api/v1/guest/comments/{owners_comment}/vote");
    for _ in 0..2 {
        let r = w.app.as_guest(Method::PUT, &vote, &guest, None).await;
        assert_eq!(
            (r.status, r.body["score"].clone()),
            (StatusCode::OK, json!(1))
        );
    }
    // Opening the link again in the same browser stays the same guest.
    let r = w
        .app
        .with_cookie(
            Method::POST,
            "/api/v1/guest/session",
            Some(&guest.cookie),
            Some(json!({"token": link.token, "display_name": "Dana"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let same = Guest {
        cookie: guest_cookie(&r.headers).expect("a new guest cookie"),
        name: "Dana".into(),
    };
    let r = w.app.as_guest(Method::PUT, &vote, &same, None).await;
    assert_eq!(r.body["score"], 1, "reopening does not buy a second vote");
    assert_eq!(
        w.guest_view(&guest).await.status,
        StatusCode::NOT_FOUND,
        "the old cookie was replaced"
    );
    // A second guest is a second person.
    let other_guest = w.app.guest(&link, "Eli").await;
    let r = w.app.as_guest(Method::PUT, &vote, &other_guest, None).await;
    assert_eq!(r.body["score"], 2);

    // No id reaches another mistake: children of it are 404, account
    // endpoints do not take a guest cookie, and the body names no mistake.
    let guest = same;
    let r = w
        .app
        .as_guest(
            Method::PUT,
            &format!("/api/v1/guest/comments/{elsewhere}/vote"),
            &guest,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = w
        .app
        .as_guest(
            Method::POST,
            "/api/v1/guest/comments",
            &guest,
            Some(json!({"body": "hi", "parent": elsewhere})),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = w
        .app
        .as_guest(
            Method::POST,
            "/api/v1/guest/comments",
            &guest,
            Some(json!({"body": "hi", "mistake": other})),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown fields are refused"
    );
    assert_eq!(len(&w.comments(&other, &w.owner).await), 1);
    for path in [
        "/api/v1/mistakes".to_string(),
        format!("/api/v1/mistakes/{id}"),
        format!("/api/v1/mistakes/{other}"),
        format!("/api/v1/mistakes/{other}/shared"),
        format!("/api/v1/mistakes/{other}/comments"),
        format!("{base}/comments"),
        format!("{base}/stakeholders"),
        format!("{base}/export"),
        "/api/v1/me".to_string(),
        "/api/v1/me/notifications".to_string(),
    ] {
        let r = w.app.as_guest(Method::GET, &path, &guest, None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path}");
    }
    // And an account's session cookie is not a guest cookie.
    let r = w
        .app
        .with_cookie(
            Method::GET,
            "/api/v1/guest/mistake",
            Some(&w.owner.cookie),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = w
        .app
        .with_cookie(Method::GET, "/api/v1/guest/mistake", None, None)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Leaving ends the session.
    let r = w
        .app
        .as_guest(Method::DELETE, "/api/v1/guest/session", &other_guest, None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        w.guest_view(&other_guest).await.status,
        StatusCode::NOT_FOUND
    );
    // A wrong token opens nothing (the link's public id included); a bad
    // name is refused.
    let (r, _) = w.app.open_link(&link.id, "Zed").await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "knowing the id is not the token"
    );
    let (r, none) = w.app.open_link("not-a-token", "Zed").await;
    assert_eq!((r.status, none.is_none()), (StatusCode::NOT_FOUND, true));
    let (r, _) = w.app.open_link(&link.token, " ").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_revoked_or_expired_link_shuts_its_guests_out_on_the_next_request() {
    let w = world().await;
    let id = w.app.mistake(&w.owner, "Wrong totals", "private").await;
    let c = w.comment(&id, &w.owner, json!({"body": "Ask here."})).await;
    let cid = c.body["id"].as_str().unwrap().to_string();
    async fn everything(w: &World, g: &Guest, cid: &str) -> [StatusCode; 3] {
        [
            w.guest_view(g).await.status,
            w.app
                .as_guest(
                    Method::POST,
                    "/api/v1/guest/comments",
                    g,
                    Some(json!({"body": "still here?"})),
                )
                .await
                .status,
            w.app
                .as_guest(
                    Method::PUT,
                    &format!("/api/v1/guest/comments/{cid}/vote"),
                    g,
                    None,
                )
                .await
                .status,
        ]
    }
    let ok = [StatusCode::OK, StatusCode::CREATED, StatusCode::OK];
    let gone = [StatusCode::NOT_FOUND; 3];
    // The shortest-lived link first, checked while it is surely live.
    let soon = w.app.clock.now() + jiff::SignedDuration::from_hours(1);
    let expiring = w.app.share_link(&w.owner, &id, Some(soon)).await;
    let g_exp = w.app.guest(&expiring, "Eve").await;
    assert_eq!(everything(&w, &g_exp, &cid).await, ok, "before expiry");
    let revoked = w.app.share_link(&w.owner, &id, None).await;
    let kept = w.app.share_link(&w.owner, &id, None).await;
    let g_rev = w.app.guest(&revoked, "Rex").await;
    let g_ok = w.app.guest(&kept, "Kim").await;
    for g in [&g_rev, &g_ok] {
        assert_eq!(everything(&w, g, &cid).await, ok, "{}", g.name);
    }

    let r = w
        .app
        .delete(
            &format!("/api/v1/mistakes/{id}/share-links/{}", revoked.id),
            &w.owner,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(everything(&w, &g_rev, &cid).await, gone, "revoked");
    assert_eq!(
        w.app.open_link(&revoked.token, "Rex").await.0.status,
        StatusCode::NOT_FOUND
    );

    w.app.step_past(expiring.expires_at);
    assert_eq!(everything(&w, &g_exp, &cid).await, gone, "expired");
    assert_eq!(
        w.app.open_link(&expiring.token, "Eve").await.0.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        everything(&w, &g_ok, &cid).await,
        ok,
        "the live link still works"
    );

    // The owner's account disabled: every link of theirs stops.
    w.app.disable(&w.admin, &w.owner).await;
    assert_eq!(everything(&w, &g_ok, &cid).await, gone, "owner disabled");
    assert_eq!(
        w.app.open_link(&kept.token, "Kim").await.0.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_child_id_under_a_parent_it_does_not_belong_to_is_404() {
    let w = world().await;
    let a = w.app.mistake(&w.owner, "Mistake A", "team").await;
    let b = w.app.mistake(&w.owner, "Mistake B", "team").await;
    let (pa, pb) = (
        format!("/api/v1/mistakes/{a}"),
        format!("/api/v1/mistakes/{b}"),
    );
    let cb = w.comment(&b, &w.teammate, json!({"body": "On B"})).await;
    let cb = cb.body["id"].as_str().unwrap().to_string();
    let link_b = w.app.share_link(&w.owner, &b, None).await;
    let guest_b = w.app.guest(&link_b, "Bo").await;
    let link_a = w.app.share_link(&w.owner, &a, None).await;
    let guest_a = w.app.guest(&link_a, "Al").await;
    w.name(&b, &w.stakeholder).await;

    // Comments and votes of B, addressed under A.
    let r = w
        .app
        .patch(
            &format!("{pa}/comments/{cb}"),
            &w.teammate,
            json!({"body": "moved"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "edit");
    let r = w
        .app
        .put(&format!("{pa}/comments/{cb}/vote"), &w.teammate, json!({}))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "vote");
    let r = w
        .app
        .delete(&format!("{pa}/comments/{cb}/vote"), &w.teammate)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "unvote");
    let r = w
        .comment(&a, &w.teammate, json!({"body": "reply", "parent": cb}))
        .await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "reply to B's comment under A"
    );
    assert_eq!(len(&w.comments(&a, &w.owner).await), 0);
    let on_b = w.comments(&b, &w.owner).await;
    assert_eq!(
        (on_b[0]["body"].clone(), on_b[0]["score"].clone()),
        (json!("On B"), json!(0))
    );

    // A guest of A, with B's comment id.
    let r = w
        .app
        .as_guest(
            Method::PUT,
            &format!("/api/v1/guest/comments/{cb}/vote"),
            &guest_a,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = w
        .app
        .as_guest(
            Method::POST,
            "/api/v1/guest/comments",
            &guest_a,
            Some(json!({"body": "x", "parent": cb})),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(w.comments(&b, &w.owner).await[0]["score"], 0);

    // B's share link revoked through A: refused, and still live.
    let r = w
        .app
        .delete(&format!("{pa}/share-links/{}", link_b.id), &w.owner)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(w.guest_view(&guest_b).await.status, StatusCode::OK);

    // B's stakeholder removed through A: refused, and still one on B.
    let r = w
        .app
        .delete(&format!("{pa}/stakeholders/{}", w.stakeholder.id), &w.owner)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let s = w.app.get(&format!("{pb}/stakeholders"), &w.owner).await;
    assert_eq!(len(&s.body["stakeholders"]), 1);

    // Someone else's notification.
    let n = w.app.get("/api/v1/me/notifications", &w.stakeholder).await;
    let nid = n.body["notifications"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = w
        .app
        .post(
            &format!("/api/v1/me/notifications/{nid}/read"),
            &w.owner,
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Ids that cannot even be parsed name nothing.
    for path in [
        format!("{pa}/comments/!!/vote"),
        format!("{pa}/share-links/not-an-id"),
        format!("{pa}/stakeholders/x"),
    ] {
        let r = w.app.delete(&path, &w.owner).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn the_sharing_endpoints_are_described_in_openapi() {
    let app = spawn_app().await;
    let r = app
        .with_cookie(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    let paths = r.body["paths"].as_object().unwrap();
    for (path, methods) in [
        ("/api/v1/mistakes/{id}/shared", &["get"][..]),
        ("/api/v1/mistakes/{id}/updates", &["get", "post"]),
        ("/api/v1/mistakes/{id}/stakeholders", &["get"]),
        (
            "/api/v1/mistakes/{id}/stakeholders/{user}",
            &["put", "delete"],
        ),
        ("/api/v1/mistakes/{id}/affected", &["put"]),
        ("/api/v1/mistakes/{id}/acknowledgements", &["get", "post"]),
        ("/api/v1/mistakes/{id}/comments", &["get", "post"]),
        ("/api/v1/mistakes/{id}/comments/{comment}", &["patch"]),
        (
            "/api/v1/mistakes/{id}/comments/{comment}/vote",
            &["put", "delete"],
        ),
        ("/api/v1/mistakes/{id}/share-links", &["get", "post"]),
        ("/api/v1/mistakes/{id}/share-links/{link}", &["delete"]),
        ("/api/v1/guest/session", &["post", "delete"]),
        ("/api/v1/guest/mistake", &["get"]),
        ("/api/v1/guest/comments", &["post"]),
        ("/api/v1/guest/comments/{comment}/vote", &["put", "delete"]),
        ("/api/v1/me/notifications", &["get"]),
        ("/api/v1/me/notifications/{id}/read", &["post"]),
    ] {
        let item = paths
            .get(path)
            .unwrap_or_else(|| panic!("{path} is described"));
        for m in methods {
            assert!(item.get(*m).is_some(), "{m} {path}");
        }
    }
}
