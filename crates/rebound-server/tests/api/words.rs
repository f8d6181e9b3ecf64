//! No person ever reads a deserialiser's message (issue 17). Every request
//! body the OpenAPI document describes is sent, field by field, a value of
//! the wrong kind — a name that is not one of an enum's values, text where
//! a number or true/false goes, a number where text goes, nothing where a
//! field is required — and the refusal must name the field in words, list
//! an enum's values, and hold none of serde's or jiff's phrases.

use crate::harness::spawn_app;
use reqwest::{Method, StatusCode};
use serde_json::{Map, Value, json};

/// What only a deserialiser says.
const SERDE_PHRASES: [&str; 9] = [
    "line 1",
    "column",
    "variant",
    "invalid type",
    "invalid value",
    "expected u8",
    "expected a ",
    "expected one of",
    "failed to parse",
];

fn assert_in_words(message: &str, what: &str) {
    for p in SERDE_PHRASES {
        assert!(
            !message.to_lowercase().contains(p),
            "{what}: a serialiser's phrase ({p}) in {message:?}"
        );
    }
}

/// The schema `s` points at, through `$ref` and an optional's `oneOf`.
fn resolve<'a>(doc: &'a Value, s: &'a Value) -> &'a Value {
    if let Some(r) = s["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap();
        return resolve(doc, &doc["components"]["schemas"][name]);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(list) = s[key].as_array()
            && let Some(one) = list.iter().find(|x| x["type"] != "null")
        {
            return resolve(doc, one);
        }
    }
    s
}

/// Each wrong value for a field of this schema, the path below the field
/// it is refused at, and what the refusal must say (any of `|`'s options).
fn wrong_values(doc: &Value, s: &Value) -> Vec<(Value, &'static str, &'static str)> {
    let s = resolve(doc, s);
    if s["enum"].is_array() {
        return vec![(json!("zzz-not-a-value"), "", "must be one of: ")];
    }
    let types: Vec<&str> = match &s["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if types.contains(&"integer") || types.contains(&"number") {
        vec![(json!("many"), "", "number")]
    } else if types.contains(&"boolean") {
        vec![(json!("maybe"), "", "true or false")]
    } else if types.contains(&"string") {
        vec![(json!(7), "", "must be text|date and time")]
    } else if types.contains(&"array") {
        let mut out: Vec<_> = wrong_values(doc, &s["items"])
            .into_iter()
            .filter(|(_, below, _)| below.is_empty())
            .map(|(v, _, want)| (json!([v]), "[0]", want))
            .collect();
        out.push((json!("one"), "", "must be a list"));
        out
    } else {
        vec![]
    }
}

#[tokio::test]
async fn every_body_field_refused_is_refused_in_words() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let doc = app
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await
        .body;
    let mut checked = 0;
    let mut enums = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Some(schema) = op["requestBody"]["content"]["application/json"].get("schema")
            else {
                continue;
            };
            let url = path.replace(['{', '}'], "");
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let body_schema = resolve(&doc, schema);
            let empty = Map::new();
            let props = body_schema["properties"].as_object().unwrap_or(&empty);
            let mut cases: Vec<(String, Value, String)> = Vec::new();
            for (field, fs) in props {
                for (bad, below, want) in wrong_values(&doc, fs) {
                    let mut body = Map::new();
                    body.insert(field.clone(), bad.clone());
                    cases.push((
                        format!("{field}{below}"),
                        Value::Object(body),
                        want.to_string(),
                    ));
                }
                // One level down: the fields of each object in a list.
                let inner = resolve(&doc, &resolve(&doc, fs)["items"]);
                for (sub, ss) in inner["properties"].as_object().unwrap_or(&empty) {
                    for (bad, _, want) in wrong_values(&doc, ss) {
                        let item = json!({ sub.clone(): bad });
                        cases.push((
                            format!("{field}[0].{sub}"),
                            json!({ field.clone(): [item] }),
                            want.to_string(),
                        ));
                    }
                }
            }
            if let Some(first) = body_schema["required"].as_array().and_then(|r| r.first()) {
                let first = first.as_str().unwrap().to_string();
                cases.push((first, json!({}), "is required".into()));
            }
            for (field, body, want) in cases {
                let what = format!("{method} {path} {body}");
                let r = app
                    .call(method.clone(), &url, Some(&admin), Some(body.clone()))
                    .await;
                if r.status == StatusCode::UNAUTHORIZED || r.status == StatusCode::FORBIDDEN {
                    continue; // a guest's or a link's door: not this caller's
                }
                let message = r.body["error"]["message"]
                    .as_str()
                    .unwrap_or("")
                    .to_string();
                assert!(
                    r.status.is_client_error(),
                    "{what}: {} {}",
                    r.status,
                    r.body
                );
                assert_in_words(&message, &what);
                let read = r.status == StatusCode::BAD_REQUEST
                    || r.status == StatusCode::UNPROCESSABLE_ENTITY;
                if read && message.contains(&format!("`{field}`")) {
                    assert!(
                        want.split('|').any(|w| message.contains(w)),
                        "{what}: {message:?} wants {want:?}"
                    );
                    if want.starts_with("must be one of") {
                        enums.push(format!("{path} {field}"));
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} refusals named their field");
    for (path, field) in [
        ("/api/v1/mistakes", "severity"),
        ("/api/v1/plans", "drivers[0]"),
        ("/api/v1/plans", "pressure_points[0]"),
        ("/api/v1/plans/{id}/check-ins", "signs[0].sign"),
        ("/api/v1/plans/{id}/end", "reason"),
    ] {
        assert!(
            enums.iter().any(|e| e == &format!("{path} {field}")),
            "{path} {field} was not refused as an enum: {enums:?}"
        );
    }
}

#[tokio::test]
async fn broken_json_and_bad_query_parameters_are_refused_in_words() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let http = reqwest::Client::new();
    for raw in [
        "{\"title\": ",
        "{\"title\" \"x\"}",
        "{\"title\": tru}",
        "{\n\"title\": \"x\",\n}",
    ] {
        let r = http
            .post(format!("{}/api/v1/mistakes", app.base))
            .bearer_auth(&admin.token)
            .header("content-type", "application/json")
            .body(raw)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{raw}");
        let v: Value = r.json().await.unwrap();
        let message = v["error"]["message"].as_str().unwrap();
        assert!(
            message.starts_with("the body is not valid JSON"),
            "{message}"
        );
        assert_in_words(message, raw);
    }
    let r = app.get("/api/v1/mistakes?all=maybe", &admin).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let message = r.body["error"]["message"].as_str().unwrap();
    assert_in_words(message, "?all=maybe");
    assert!(message.contains("`all` must be true or false"), "{message}");
}
