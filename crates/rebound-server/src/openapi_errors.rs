//! Documents, on every operation, the errors that every operation of its
//! kind can answer — so the OpenAPI document promises exactly what the
//! server does: a JSON body can be malformed (400), too large (413), sent
//! as something else (415) or hold a wrong field (422); a query can be
//! malformed (400); a signed-in operation can meet no signature (401); a
//! change can come from another site's page (403); any request can outlast
//! the request timeout (408).

use utoipa::Modify;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::{Content, OpenApi, Ref, RefOr};

pub struct CommonErrors;

impl Modify for CommonErrors {
    fn modify(&self, api: &mut OpenApi) {
        for item in api.paths.paths.values_mut() {
            // Changes a browser marks as sent from another origin without
            // a Bearer token (`auth::origin`).
            let changes = [
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in changes.into_iter().flatten() {
                add(op, "403", "Sent by cookie from another site's page");
            }
            let ops = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in ops.into_iter().flatten() {
                add(
                    op,
                    "408",
                    "The request took longer than the request timeout",
                );
                if op.request_body.is_some() {
                    add(op, "400", "The body is not valid JSON");
                    add(op, "413", "The body is too large");
                    add(op, "415", "The body is not sent as application/json");
                    add(
                        op,
                        "422",
                        "A field is missing, of the wrong type, or refused",
                    );
                }
                let has_query = op
                    .parameters
                    .iter()
                    .flatten()
                    .any(|p| matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Query));
                if has_query {
                    add(op, "400", "A query parameter is malformed");
                }
                if !is_public(op) {
                    add(
                        op,
                        "401",
                        "Not signed in, or the session or token has ended",
                    );
                }
            }
        }
    }
}

/// Operations declared with `security(())` need no signature.
fn is_public(op: &Operation) -> bool {
    op.security.as_ref().is_some_and(|reqs| {
        reqs.iter()
            .any(|r| serde_json::to_value(r).is_ok_and(|v| v == serde_json::json!({})))
    })
}

fn add(op: &mut Operation, code: &str, description: &str) {
    op.responses
        .responses
        .entry(code.to_string())
        .or_insert_with(|| error(description));
}

/// A documented error answer: `description` and the `ErrorBody` schema.
pub(crate) fn error(description: &str) -> RefOr<utoipa::openapi::Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                Content::new(Some(Ref::from_schema_name("ErrorBody"))),
            )
            .build(),
    )
}
