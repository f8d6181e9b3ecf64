//! Stakeholders, comments and share links over
//! `/api/v1/mistakes/{id}/stakeholders|comments|share-links`. A 404 names
//! the mistake, except where the path names something inside it.

use super::Remote;
use super::http::Failure;
use crate::error::{CliError, Result};
use crate::sharing::{Comment, IssuedLink, Link, Sharing};
use jiff::Timestamp;
use rebound_domain::MistakeId;
use rebound_store::StoreError;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn path(id: &MistakeId, rest: &str) -> String {
    format!("/api/v1/mistakes/{id}{rest}")
}

/// A path segment as typed (an email: `+`, `/`, `%` and the like escaped).
fn segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Remote {
    /// One request under mistake `id`; a 404 is `missing`'s error, or "no
    /// such mistake" without one.
    async fn sharing_call(
        &self,
        method: Method,
        id: &MistakeId,
        rest: &str,
        body: Option<Value>,
        missing: Option<&dyn Fn() -> CliError>,
    ) -> Result<Value> {
        match self.http.call(method, &path(id, rest), body.as_ref()).await {
            Ok(answer) => Ok(answer.body),
            Err(Failure::NotFound(m)) if m != "no such endpoint" => Err(match missing {
                Some(f) => f(),
                None => StoreError::NotFound(id.clone()).into(),
            }),
            Err(f) => Err(self.http.fail(f)),
        }
    }

    fn read_shared<T: DeserializeOwned>(&self, body: Value, what: &str) -> Result<T> {
        serde_json::from_value(body).map_err(|_| {
            CliError::Server(format!(
                "the server at {} sent {what} this version cannot read: it may run another version of Rebound",
                self.http.server()
            ))
        })
    }

    pub(crate) async fn remote_stakeholders(&self, id: &MistakeId) -> Result<Sharing> {
        let body = self
            .sharing_call(Method::GET, id, "/stakeholders", None, None)
            .await?;
        self.read_shared(body, "stakeholders")
    }

    pub(crate) async fn remote_name(&self, id: &MistakeId, email: &str) -> Result<bool> {
        let rest = format!("/stakeholders/{}", segment(email));
        let answer = self
            .http
            .call(Method::PUT, &path(id, &rest), Some(&json!({})))
            .await;
        match answer {
            // 201 named and notified; 204 already a stakeholder.
            Ok(a) => Ok(a.status == 201),
            Err(Failure::NotFound(m)) if m != "no such endpoint" => {
                Err(StoreError::NotFound(id.clone()).into())
            }
            Err(f) => Err(self.http.fail(f)),
        }
    }

    pub(crate) async fn remote_unname(&self, id: &MistakeId, email: &str) -> Result<()> {
        let rest = format!("/stakeholders/{}", segment(email));
        let gone = self
            .sharing_call(
                Method::DELETE,
                id,
                &rest,
                None,
                Some(&|| CliError::Missing(String::new())),
            )
            .await;
        match gone {
            Ok(_) => Ok(()),
            // Either the mistake is none of theirs, or the person is not
            // on it: the list, readable only on theirs, tells which.
            Err(CliError::Missing(_)) => {
                self.remote_stakeholders(id).await?;
                Err(CliError::Missing(format!(
                    "{email} is not a stakeholder on {id}"
                )))
            }
            Err(e) => Err(e),
        }
    }

    pub(crate) async fn remote_comments(&self, id: &MistakeId) -> Result<Vec<Comment>> {
        let body = self
            .sharing_call(Method::GET, id, "/comments", None, None)
            .await?;
        Ok(self
            .read_shared::<Listed<Comment>>(body, "comments")?
            .comments)
    }

    pub(crate) async fn remote_comment(
        &self,
        id: &MistakeId,
        body: &str,
        parent: Option<&str>,
    ) -> Result<Comment> {
        let missing = || match parent {
            Some(p) => CliError::Missing(format!(
                "no mistake {id} among those you may read, or no comment {p} on it"
            )),
            None => StoreError::NotFound(id.clone()).into(),
        };
        let answer = self
            .sharing_call(
                Method::POST,
                id,
                "/comments",
                Some(json!({ "body": body, "parent": parent })),
                Some(&missing),
            )
            .await?;
        self.read_shared(answer, "the comment")
    }

    pub(crate) async fn remote_links(&self, id: &MistakeId) -> Result<Vec<Link>> {
        let body = self
            .sharing_call(Method::GET, id, "/share-links", None, None)
            .await?;
        Ok(self.read_shared::<LinkList>(body, "share links")?.links)
    }

    pub(crate) async fn remote_issue_link(
        &self,
        id: &MistakeId,
        label: Option<&str>,
        expires: Option<Timestamp>,
    ) -> Result<IssuedLink> {
        let body = json!({ "label": label, "expires_at": expires.map(|t| t.to_string()) });
        let answer = self
            .sharing_call(Method::POST, id, "/share-links", Some(body), None)
            .await?;
        let mut issued: IssuedLink = self.read_shared(answer, "the new link")?;
        issued.url = format!("{}/s/{}", self.http.server(), issued.token);
        Ok(issued)
    }

    pub(crate) async fn remote_revoke_link(&self, id: &MistakeId, link: &str) -> Result<()> {
        let missing = || CliError::Missing(format!("no share link {link} on {id} among yours"));
        let rest = format!("/share-links/{}", segment(link));
        self.sharing_call(Method::DELETE, id, &rest, None, Some(&missing))
            .await
            .map(|_| ())
    }
}

#[derive(serde::Deserialize)]
struct Listed<T> {
    comments: Vec<T>,
}

#[derive(serde::Deserialize)]
struct LinkList {
    links: Vec<Link>,
}
