//! Helpers for acting as a guest (a share link's cookie instead of an
//! account) and for making share links, beside the harness's own.

use crate::harness::{Person, Reply, TestApp};
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

/// Waits until `at` has passed on this machine's clock (the server's too).
pub async fn wait_until_past(at: jiff::Timestamp) {
    let left = at.duration_since(jiff::Timestamp::now());
    if left.is_positive() {
        let left = std::time::Duration::try_from(left).unwrap();
        let pause = left + std::time::Duration::from_millis(20);
        // Off the runtime's thread: the server runs on it too.
        tokio::task::spawn_blocking(move || std::thread::sleep(pause))
            .await
            .unwrap();
    }
}
