//! Versions over HTTP: a versioned representation (a mistake, a plan)
//! carries its version as a strong `ETag` (`"7"`), and a change may send
//! `If-Match` with the version it was worked out from. A stale one is 412
//! with the current version, so a save never silently undoes someone
//! else's; without `If-Match` (or with `*`) the last writer wins, as before.

use crate::error::ApiError;
use crate::json::Json;
use axum::extract::FromRequestParts;
use axum::http::header::{ETAG, IF_MATCH};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The versions a change may apply to: any (no `If-Match`, or `*`), or
/// those listed. An entity tag that is not one of ours matches nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expect(Option<Vec<i64>>);

impl Expect {
    /// Any version: last writer wins.
    pub fn any() -> Self {
        Expect(None)
    }

    /// Exactly `version` (what a form or the CLI read).
    pub fn version(version: i64) -> Self {
        Expect(Some(vec![version]))
    }

    /// A form's hidden version field: absent or unreadable means any.
    pub fn from_form(field: Option<&str>) -> Self {
        field
            .and_then(|v| v.trim().parse().ok())
            .map_or_else(Expect::any, Expect::version)
    }

    /// Whether the caller named a version.
    pub fn is_set(&self) -> bool {
        self.0.is_some()
    }

    /// `Ok` when `current` is a version the caller accepts; otherwise the
    /// 412 that names the current one.
    pub fn check(&self, current: i64, what: &str) -> Result<(), ApiError> {
        match &self.0 {
            Some(versions) if !versions.contains(&current) => Err(stale(current, what)),
            _ => Ok(()),
        }
    }

    /// Parses `If-Match` values (RFC 9110: `*` or a list of entity tags;
    /// weak tags never match, as the comparison is strong).
    fn parse<'a>(values: impl Iterator<Item = &'a HeaderValue>) -> Self {
        let mut any = false;
        let mut versions = Vec::new();
        let mut seen = false;
        for value in values {
            seen = true;
            let text = value.to_str().unwrap_or("");
            for tag in text.split(',').map(str::trim) {
                if tag == "*" {
                    any = true;
                } else if let Some(v) = tag
                    .strip_prefix('"')
                    .and_then(|t| t.strip_suffix('"'))
                    .and_then(|t| t.parse::<i64>().ok())
                {
                    versions.push(v);
                }
            }
        }
        if !seen || any {
            Expect::any()
        } else {
            Expect(Some(versions))
        }
    }
}

/// 412: someone else saved since `current - 1`; the response's `ETag` and
/// message name the version to start again from.
pub fn stale(current: i64, what: &str) -> ApiError {
    ApiError::new(
        StatusCode::PRECONDITION_FAILED,
        "stale",
        format!(
            "someone else changed this {what} since you read it (it is now at version {current}); read it again and redo your change"
        ),
    )
    .with_version(current)
}

/// How a change meets a save someone else made between its read and its
/// write (the store refuses the stale save: `Conflict`, a 409).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Adds something that does not depend on what it read (an entry, an
    /// update, a topic, a check-in): applied again to the fresh record.
    Addition,
    /// Replaces what was read: without `If-Match` the conflict stays a 409
    /// (documented); with it, the fresh read answers 412.
    Edit,
}

/// Tries at most this many times; each loser of a race tries again after
/// a short random pause, and every round has a winner.
const ATTEMPTS: u32 = 32;

/// Runs `attempt` (read, change, save) again when its save lost a race and
/// trying again is right: for an addition, or when the caller named a
/// version (the fresh read then says 412 if it moved on).
pub async fn retrying<T, Fut>(
    kind: Kind,
    expect: &Expect,
    mut attempt: impl FnMut() -> Fut,
) -> Result<T, ApiError>
where
    Fut: Future<Output = Result<T, ApiError>>,
{
    let mut tries = 1;
    loop {
        match attempt().await {
            Err(e)
                if is_conflict(&e)
                    && (kind == Kind::Addition || expect.is_set())
                    && tries < ATTEMPTS =>
            {
                tries += 1;
                tokio::time::sleep(pause(tries)).await;
            }
            other => return other,
        }
    }
}

/// A stale save, as `error.rs` and the plan door answer it.
fn is_conflict(e: &ApiError) -> bool {
    e.status == StatusCode::CONFLICT && e.code == "conflict"
}

/// Up to `tries` milliseconds (at most 20), at random, so racing writers
/// spread out instead of colliding again in step.
fn pause(tries: u32) -> std::time::Duration {
    let mut b = [0u8; 2];
    let r = u16::from_le_bytes(getrandom::fill(&mut b).map(|()| b).unwrap_or([0; 2]));
    let ceiling = u64::from(tries.min(20)) * 1000;
    std::time::Duration::from_micros(u64::from(r) % ceiling.max(1))
}

/// The `If-Match` header of a change, as an [`Expect`].
pub struct IfMatch(pub Expect);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(IfMatch(Expect::parse(
            parts.headers.get_all(IF_MATCH).iter(),
        )))
    }
}

/// The strong entity tag of `version`.
pub fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).expect("digits are a valid header value")
}

/// A JSON answer with the version of what it shows as its `ETag`.
pub struct Tagged<T>(pub i64, pub T);

impl<T: Serialize> IntoResponse for Tagged<T> {
    fn into_response(self) -> Response {
        let mut response = Json(self.1).into_response();
        response.headers_mut().insert(ETAG, etag(self.0));
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(values: &[&str]) -> Expect {
        let values: Vec<HeaderValue> = values
            .iter()
            .map(|v| HeaderValue::from_str(v).unwrap())
            .collect();
        Expect::parse(values.iter())
    }

    #[test]
    fn if_match_is_read_as_rfc_9110_says() {
        assert_eq!(parse(&[]), Expect::any());
        assert_eq!(parse(&["*"]), Expect::any());
        assert_eq!(parse(&["\"3\""]), Expect::version(3));
        assert_eq!(parse(&["\"3\", \"5\""]), Expect(Some(vec![3, 5])));
        assert_eq!(parse(&["\"3\"", "\"5\""]), Expect(Some(vec![3, 5])));
        // Weak and foreign tags match no version of ours.
        assert_eq!(parse(&["W/\"3\""]), Expect(Some(vec![])));
        assert_eq!(parse(&["3"]), Expect(Some(vec![])));
        assert!(parse(&["W/\"3\""]).check(3, "mistake").is_err());
        assert!(parse(&["\"3\", \"5\""]).check(5, "mistake").is_ok());
    }

    #[test]
    fn a_stale_version_is_a_412_naming_the_current_one() {
        let e = Expect::version(2).check(4, "mistake").unwrap_err();
        assert_eq!(e.status, StatusCode::PRECONDITION_FAILED);
        assert_eq!(e.code, "stale");
        assert!(e.message.contains("version 4"), "{}", e.message);
        let response = e.into_response();
        assert_eq!(response.headers()[ETAG], "\"4\"");
    }

    #[test]
    fn a_form_without_a_readable_version_expects_any() {
        assert_eq!(Expect::from_form(None), Expect::any());
        assert_eq!(Expect::from_form(Some("x")), Expect::any());
        assert_eq!(Expect::from_form(Some(" 7 ")), Expect::version(7));
    }
}
