//! Documents versions (`precondition.rs`) on the operations that have them:
//! the `ETag` a versioned answer carries, the `If-Match` a change accepts,
//! its 412, and the 409 that remains for an edit sent without `If-Match`
//! that lost a race (an addition is applied again instead) or, on a plan,
//! for a change the ended plan refuses.

use crate::openapi_errors::error;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{HttpMethod, Operation, ParameterBuilder, ParameterIn};
use utoipa::openapi::{ObjectBuilder, OpenApi, RefOr, Required, Type};

/// How a change meets another save in between (see `precondition::Kind`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Write {
    Addition,
    Edit,
}

/// Reads that answer a versioned record with its `ETag`.
const READS: &[&str] = &["/api/v1/mistakes/{id}", "/api/v1/plans/{id}"];

/// Changes of a versioned record: `If-Match`, 412, `ETag`.
const CHANGES: &[(HttpMethod, &str, Write)] = {
    use HttpMethod::{Delete, Patch, Post, Put};
    use Write::{Addition, Edit};
    &[
        (Patch, "/api/v1/mistakes/{id}", Edit),
        (Put, "/api/v1/mistakes/{id}/heads-up", Edit),
        (Post, "/api/v1/mistakes/{id}/heads-up/sent", Edit),
        (Post, "/api/v1/mistakes/{id}/timeline", Addition),
        (Patch, "/api/v1/mistakes/{id}/timeline/{entry}", Addition),
        (Put, "/api/v1/mistakes/{id}/note", Edit),
        (Put, "/api/v1/mistakes/{id}/commits/{role}", Edit),
        (Put, "/api/v1/mistakes/{id}/checks/{checkbox}", Edit),
        (Delete, "/api/v1/mistakes/{id}/checks/{checkbox}", Edit),
        (Post, "/api/v1/mistakes/{id}/transitions", Edit),
        (Post, "/api/v1/mistakes/{id}/updates", Addition),
        (Put, "/api/v1/mistakes/{id}/schedule", Edit),
        (Put, "/api/v1/plans/{id}/context", Edit),
        (Put, "/api/v1/plans/{id}/schedule", Edit),
        (Post, "/api/v1/plans/{id}/topics", Addition),
        (Post, "/api/v1/plans/{id}/check-ins", Addition),
        (Post, "/api/v1/plans/{id}/tasks", Addition),
        (Post, "/api/v1/plans/{id}/tasks/{task}/complete", Edit),
        (Put, "/api/v1/plans/{id}/debrief", Edit),
        (Put, "/api/v1/plans/{id}/development", Edit),
        (Post, "/api/v1/plans/{id}/end", Addition),
    ]
};

fn operation<'a>(api: &'a mut OpenApi, method: &HttpMethod, path: &str) -> &'a mut Operation {
    let item = api
        .paths
        .paths
        .get_mut(path)
        .unwrap_or_else(|| panic!("no path {path} in the OpenAPI document"));
    let op = match method {
        HttpMethod::Get => &mut item.get,
        HttpMethod::Put => &mut item.put,
        HttpMethod::Post => &mut item.post,
        HttpMethod::Delete => &mut item.delete,
        HttpMethod::Patch => &mut item.patch,
        _ => &mut item.head,
    };
    op.as_mut()
        .unwrap_or_else(|| panic!("no such operation at {path} in the OpenAPI document"))
}

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

fn etag_header() -> RefOr<utoipa::openapi::Header> {
    RefOr::T(
        HeaderBuilder::new()
            .schema(Some(string()))
            .description(Some(
                "The record's version, quoted: send it back as If-Match",
            ))
            .build(),
    )
}

/// Adds the `ETag` header to every 2xx answer of `op`.
fn tag_answers(op: &mut Operation) {
    for (code, response) in op.responses.responses.iter_mut() {
        if let (true, RefOr::T(r)) = (code.starts_with('2'), response) {
            r.headers.insert("ETag".to_string(), etag_header());
        }
    }
}

pub fn document(api: &mut OpenApi) {
    for path in READS {
        tag_answers(operation(api, &HttpMethod::Get, path));
    }
    for (method, path, write) in CHANGES {
        let op = operation(api, method, path);
        tag_answers(op);
        op.parameters.get_or_insert_with(Vec::new).push(
            ParameterBuilder::new()
                .name("If-Match")
                .parameter_in(ParameterIn::Header)
                .required(Required::False)
                .description(Some(
                    "The ETag of the version this change was worked out from; a stale one is 412. Without it (or with *) the last writer wins.",
                ))
                .schema(Some(string()))
                .build()
                .into(),
        );
        let mut stale = error(
            "Stale: the record changed since the If-Match version; nothing was changed. The ETag names the current version.",
        );
        if let RefOr::T(r) = &mut stale {
            r.headers.insert("ETag".to_string(), etag_header());
        }
        op.responses.responses.insert("412".to_string(), stale);
        if path.starts_with("/api/v1/plans/") {
            // An ended plan refuses every change (`RecoveryError::Ended`).
            let why = match write {
                Write::Edit => {
                    "The plan has ended; or, sent without If-Match, someone else saved it meanwhile: read it again and redo the change"
                }
                Write::Addition => "The plan has ended",
            };
            op.responses.responses.insert("409".to_string(), error(why));
        } else if *write == Write::Edit {
            op.responses
                .responses
                .entry("409".to_string())
                .or_insert_with(|| {
                    error("Someone else saved it meanwhile (sent without If-Match): read it again and redo the change")
                });
        }
    }
}
