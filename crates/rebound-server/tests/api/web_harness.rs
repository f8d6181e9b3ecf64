//! Helpers for the web pages: fetch a page as someone, and post a form the
//! way a browser would (with the page's anti-forgery token, redirects not
//! followed so a test sees the 303).

use crate::harness::{Person, TestApp};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

pub struct Page {
    pub status: StatusCode,
    pub html: String,
    pub headers: HeaderMap,
}

impl Page {
    /// Where a 303 points.
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The anti-forgery token of the page's first form.
    pub fn csrf(&self) -> String {
        let at = self
            .html
            .find("name=\"csrf\" value=\"")
            .unwrap_or_else(|| panic!("no form on the page: {}", self.html));
        let rest = &self.html[at + "name=\"csrf\" value=\"".len()..];
        rest[..rest.find('"').unwrap()].to_string()
    }
}

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

impl TestApp {
    /// GET a page as `who` (or nobody).
    pub async fn page(&self, path: &str, who: Option<&Person>) -> Page {
        let mut req = no_redirects()
            .get(format!("{}{path}", self.base))
            .header("accept", "text/html");
        if let Some(p) = who {
            req = req.header("cookie", &p.cookie);
        }
        let r = req.send().await.unwrap();
        Page {
            status: r.status(),
            headers: r.headers().clone(),
            html: r.text().await.unwrap(),
        }
    }

    /// Opens `page` as `who`, then posts `fields` to `action` with the
    /// page's token, as the browser would.
    pub async fn submit(
        &self,
        page: &str,
        action: &str,
        who: &Person,
        fields: &[(&str, &str)],
    ) -> Page {
        let csrf = self.page(page, Some(who)).await.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        all.extend_from_slice(fields);
        self.post_form(action, Some(&who.cookie), &all).await
    }

    /// Posts a form with exactly these fields and cookie (for refusals).
    pub async fn post_form(
        &self,
        action: &str,
        cookie: Option<&str>,
        fields: &[(&str, &str)],
    ) -> Page {
        let mut req = no_redirects()
            .post(format!("{}{action}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(serde_urlencoded_body(fields));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        let r = req.send().await.unwrap();
        Page {
            status: r.status(),
            headers: r.headers().clone(),
            html: r.text().await.unwrap(),
        }
    }
}

fn serde_urlencoded_body(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
