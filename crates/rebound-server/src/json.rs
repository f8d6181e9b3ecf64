//! JSON in and out. Axum's own rejections answer in plain text; this wrapper
//! answers every malformed, mistyped or oversized body with our JSON error.
//! Every request body is a JSON object: serde would read a struct from an
//! array too (`[null, null]` as the fields in order), so anything else is
//! refused first. Bodies and query strings are read through
//! `serde_path_to_error`, so a refusal names the field, and `words` says
//! it for people: never a deserialiser's own message.

mod words;
pub(crate) use words::refusal;

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Request bodies larger than this are refused with 413.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

pub struct Json<T>(pub T);

impl<S, T> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !json_content_type(req.headers()) {
            return Err(reject(JsonRejection::MissingJsonContentType(
                Default::default(),
            )));
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| reject(JsonRejection::from(e)))?;
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
        if first != Some(&b'{') && serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).is_ok() {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                "the body must be a JSON object",
            ));
        }
        from_body(&bytes).map(Json)
    }
}

/// Reads a JSON body as `T`, every refusal in words.
pub fn from_body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let read = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| (e.path().to_string(), e.into_inner()))
        .and_then(|v| de.end().map(|()| v).map_err(|e| (String::new(), e)));
    read.map_err(|(path, inner)| {
        let (line, column) = (inner.line(), inner.column());
        match inner.classify() {
            serde_json::error::Category::Data => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                words::refusal(&path, &without_position(&inner.to_string())),
            ),
            serde_json::error::Category::Eof => {
                ApiError::invalid("the body is not valid JSON: it ends too early")
            }
            _ => ApiError::invalid(format!(
                "the body is not valid JSON: something is out of place {}",
                place(line, column)
            )),
        }
    })
}

/// serde_json's message without its " at line L column C".
fn without_position(message: &str) -> String {
    match message.rsplit_once(" at line ") {
        Some((m, pos)) if pos.contains(" column ") => m.to_string(),
        _ => message.to_string(),
    }
}

/// Where in the body, for people: a character count on the first line.
fn place(line: usize, column: usize) -> String {
    if line <= 1 {
        format!("at character {column}")
    } else {
        format!("on its {} line at character {column}", ordinal(line))
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `application/json` or a `+json` type, as axum's own extractor decides.
fn json_content_type(headers: &axum::http::HeaderMap) -> bool {
    let Some(value) = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim();
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    kind.eq_ignore_ascii_case("application")
        && (subtype.eq_ignore_ascii_case("json") || subtype.to_ascii_lowercase().ends_with("+json"))
}

fn reject(r: JsonRejection) -> ApiError {
    match r {
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send the body as JSON with Content-Type: application/json",
        ),
        JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!("the body is larger than {} KiB", MAX_BODY_BYTES / 1024),
            )
        }
        _ => ApiError::invalid("the body could not be read; send it again"),
    }
}

/// Room for a typical answer (a whole mistake is 1.5–4 KB), so it is
/// written into one allocation instead of one doubling from 128 bytes.
const ANSWER_CAPACITY: usize = 4096;

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        let mut body = Vec::with_capacity(ANSWER_CAPACITY);
        match serde_json::to_writer(&mut body, &self.0) {
            Ok(()) => (
                [(
                    axum::http::header::CONTENT_TYPE,
                    axum::http::HeaderValue::from_static("application/json"),
                )],
                body,
            )
                .into_response(),
            Err(e) => {
                tracing::error!(error = %e, "an answer could not be written as JSON");
                ApiError::internal().into_response()
            }
        }
    }
}

/// Path parameters. An id that cannot even be parsed names nothing: 404.
pub struct Path<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| Path(v))
            .map_err(|_| ApiError::not_found())
    }
}

/// Query parameters, refused in JSON when malformed.
pub struct Query<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        if !query_is_utf8(parts.uri.query().unwrap_or("")) {
            return Err(ApiError::invalid(
                "the query string is not valid: its parameters must be UTF-8 text",
            ));
        }
        from_query(parts.uri.query().unwrap_or("")).map(Query)
    }
}

/// Reads a query string as `T`, every refusal in words.
pub fn from_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let de = serde_urlencoded::Deserializer::new(url::form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let words = words::refusal(&path, &e.into_inner().to_string());
        ApiError::invalid(format!("the address's parameters: {words}"))
    })
}

/// Whether a query string, percent-decoded, is UTF-8 (axum's own decoding
/// would quietly put U+FFFD in place of what cannot be read).
fn query_is_utf8(query: &str) -> bool {
    let bytes = query.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                decoded.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    std::str::from_utf8(&decoded).is_ok()
}

/// The router's own refusals (a path parameter a page cannot read, such as
/// invalid UTF-8) answer in plain text; this answers them as our JSON
/// error instead, with the same status.
pub async fn plain_rejection(response: Response) -> Response {
    let plain = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !(plain && response.status().is_client_error()) {
        return response;
    }
    let status = response.status();
    let message = if status == StatusCode::BAD_REQUEST {
        "the address could not be read: its path and parameters must be valid UTF-8 text"
    } else {
        "the request could not be read"
    };
    ApiError::new(status, "invalid", message).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_read_as_percent_encoded_utf8() {
        assert!(query_is_utf8(""));
        assert!(query_is_utf8("q=caf%C3%A9&all=true"));
        assert!(query_is_utf8("q=100%"));
        assert!(!query_is_utf8("q=%FF"));
        assert!(!query_is_utf8("q=%C3"));
    }
}
