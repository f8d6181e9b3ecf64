//! Helpers for acting as a guest (a share link's cookie instead of an
//! account) and for making share links, beside the harness's own; and what
//! a guest does with their own vote.

use crate::harness::{Person, Reply, TestApp, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A browser that opened a share link: its guest cookie (`name=value`).
#[derive(Clone, Debug)]
pub struct Guest {
    pub cookie: String,
    pub name: String,
}

/// A share link as its owner got it.
#[derive(Clone, Debug)]
pub struct Link {
    pub id: String,
    pub token: String,
    pub expires_at: jiff::Timestamp,
}

impl TestApp {
    /// A request carrying `cookie` (if any) and no Bearer token.
    pub async fn with_cookie(
        &self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("request");
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply {
            status,
            body,
            headers,
        }
    }

    pub async fn as_guest(
        &self,
        method: Method,
        path: &str,
        guest: &Guest,
        body: Option<Value>,
    ) -> Reply {
        self.with_cookie(method, path, Some(&guest.cookie), body)
            .await
    }

    pub async fn delete(&self, path: &str, who: &Person) -> Reply {
        self.call(Method::DELETE, path, Some(who), None).await
    }

    /// Makes a share link on `mistake` as `owner`, expiring at `expires_at`
    /// (default: the server's, a week).
    pub async fn share_link(
        &self,
        owner: &Person,
        mistake: &str,
        expires_at: Option<jiff::Timestamp>,
    ) -> Link {
        let r = self
            .post(
                &format!("/api/v1/mistakes/{mistake}/share-links"),
                owner,
                json!({"label": "for a guest", "expires_at": expires_at}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        Link {
            id: r.body["id"].as_str().unwrap().to_string(),
            token: r.body["token"].as_str().unwrap().to_string(),
            expires_at: r.body["expires_at"].as_str().unwrap().parse().unwrap(),
        }
    }

    /// Opens a link as a guest: the reply, and the guest if a cookie came.
    pub async fn open_link(&self, token: &str, name: &str) -> (Reply, Option<Guest>) {
        let r = self
            .with_cookie(
                Method::POST,
                "/api/v1/guest/session",
                None,
                Some(json!({"token": token, "display_name": name})),
            )
            .await;
        let guest = guest_cookie(&r.headers).map(|cookie| Guest {
            cookie,
            name: name.to_string(),
        });
        (r, guest)
    }

    /// Opens a link that must work.
    pub async fn guest(&self, link: &Link, name: &str) -> Guest {
        let (r, guest) = self.open_link(&link.token, name).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        guest.expect("a guest cookie")
    }
}

pub fn guest_cookie(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("rebound_guest=") && !v.starts_with("rebound_guest=;"))
        .map(|v| v.split(';').next().unwrap().to_string())
}

/// The score and `voted` of the one comment in a guest's view.
async fn seen_by(app: &TestApp, guest: &Guest) -> (Value, Value) {
    let r = app
        .as_guest(Method::GET, "/api/v1/guest/mistake", guest, None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let c = &r.body["comments"][0];
    (c["score"].clone(), c["voted"].clone())
}

#[tokio::test]
async fn a_guest_takes_back_their_own_vote_and_only_theirs() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let owner = app.join(&admin, "Owen", "member", None, None).await;
    let id = app.mistake(&owner, "Wrong totals", "private").await;
    let other = app.mistake(&owner, "Another one", "private").await;
    let comment = |m: &str, body: &str| {
        let path = format!("/api/v1/mistakes/{m}/comments");
        let body = json!({ "body": body });
        let app = &app;
        let owner = &owner;
        async move {
            let r = app.post(&path, owner, body).await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
            r.body["id"].as_str().unwrap().to_string()
        }
    };
    let cid = comment(&id, "Which reports did you get?").await;
    let elsewhere = comment(&other, "Not for guests.").await;
    let link = app.share_link(&owner, &id, None).await;
    let dana = app.guest(&link, "Dana").await;
    let eli = app.guest(&link, "Eli").await;
    let vote = format!("/api/v1/guest/comments/{cid}/vote");
    let owners_vote = format!("/api/v1/mistakes/{id}/comments/{cid}/vote");
    let score = |r: &Reply| (r.status, r.body["score"].clone(), r.body["voted"].clone());

    for who in [&dana, &eli] {
        let r = app.as_guest(Method::PUT, &vote, who, None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    // The comment is Owen's own: his upvote is refused; a third guest's counts.
    let r = app.put(&owners_vote, &owner, json!({})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let fay = app.guest(&link, "Fay").await;
    let r = app.as_guest(Method::PUT, &vote, &fay, None).await;
    assert_eq!(r.body["score"], 3);

    let r = app.as_guest(Method::DELETE, &vote, &dana, None).await;
    assert_eq!(score(&r), (StatusCode::OK, json!(2), json!(false)));
    assert_eq!(seen_by(&app, &dana).await, (json!(2), json!(false)));
    assert_eq!(
        seen_by(&app, &eli).await,
        (json!(2), json!(true)),
        "Eli's vote stays"
    );
    let r = app.as_guest(Method::DELETE, &vote, &dana, None).await;
    assert_eq!(
        score(&r),
        (StatusCode::OK, json!(2), json!(false)),
        "taking back twice changes nothing"
    );

    // Voting again counts once more, and still only once.
    for _ in 0..2 {
        let r = app.as_guest(Method::PUT, &vote, &dana, None).await;
        assert_eq!(score(&r), (StatusCode::OK, json!(3), json!(true)));
    }
    // Fay's take-back leaves the other guests' votes alone.
    let r = app.as_guest(Method::DELETE, &vote, &fay, None).await;
    assert_eq!(r.body["score"], 2);
    assert_eq!(seen_by(&app, &dana).await, (json!(2), json!(true)));

    // Nothing outside the link's mistake, and nothing without a live session.
    for path in [
        format!("/api/v1/guest/comments/{elsewhere}/vote"),
        "/api/v1/guest/comments/nonsense!/vote".to_string(),
    ] {
        let r = app.as_guest(Method::DELETE, &path, &dana, None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}: {}", r.body);
    }
    let r = app.with_cookie(Method::DELETE, &vote, None, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let revoke = format!("/api/v1/mistakes/{id}/share-links/{}", link.id);
    assert_eq!(
        app.delete(&revoke, &owner).await.status,
        StatusCode::NO_CONTENT
    );
    let r = app.as_guest(Method::DELETE, &vote, &eli, None).await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "a revoked link takes back nothing"
    );
    let r = app
        .get(&format!("/api/v1/mistakes/{id}/comments"), &owner)
        .await;
    assert_eq!(r.body["comments"][0]["score"], 2, "{}", r.body);
}
