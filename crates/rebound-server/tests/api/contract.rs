//! The OpenAPI document and the parser agree (issue 14, finding 10, and
//! what scripts/fuzz-api found): query parameters are documented as
//! query parameters, a body must be a JSON object, every schema is the one
//! its type serializes to, documented limits are enforced, versions are
//! documented, and an address that cannot be read is a JSON 4xx.

use crate::harness::{TestApp, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn document(app: &TestApp) -> Value {
    let r = app
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    r.body
}

fn parameters<'a>(doc: &'a Value, method: &str, path: &str) -> &'a Vec<Value> {
    doc["paths"][path][method]["parameters"]
        .as_array()
        .unwrap_or_else(|| panic!("{method} {path} has no parameters"))
}

#[tokio::test]
async fn query_parameters_are_documented_as_optional_query_parameters() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    for (path, name) in [
        ("/api/v1/mistakes", "all"),
        ("/api/v1/mistakes/{id}/export", "format"),
        ("/api/v1/principles", "q"),
        ("/api/v1/principles", "status"),
        ("/api/v1/mistakes/{id}/audit", "limit"),
    ] {
        let p = parameters(&doc, "get", path)
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{path} does not document {name}"));
        assert_eq!(p["in"], "query", "{path} {name}: {p}");
        assert_ne!(p["required"], true, "{path} {name}: {p}");
    }
    let limit = parameters(&doc, "get", "/api/v1/mistakes/{id}/audit")
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap();
    assert_eq!(limit["schema"]["maximum"], 1000, "{limit}");
    // Health and signing out need no signature, and say so.
    for (method, path) in [("get", "/healthz"), ("delete", "/api/v1/session")] {
        let op = &doc["paths"][path][method];
        assert_eq!(op["security"], json!([{}]), "{method} {path}");
        assert!(op["responses"]["401"].is_null(), "{method} {path}");
        let r = app
            .call(method.to_uppercase().parse().unwrap(), path, None, None)
            .await;
        assert!(r.status.is_success(), "{method} {path}: {}", r.status);
    }
}

#[tokio::test]
async fn a_reflections_suggestion_is_documented_as_the_diagnosis_it_is() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    let schemas = &doc["components"]["schemas"];
    let suggested = schemas["Reflection"]["properties"]["suggested"].to_string();
    let name = suggested
        .split("#/components/schemas/")
        .nth(1)
        .and_then(|t| t.split('"').next())
        .unwrap_or_else(|| panic!("suggested refers to no schema: {suggested}"));
    let props = &schemas[name]["properties"];
    for field in ["trap", "failure_type", "confidence", "cues", "unsure"] {
        assert!(!props[field].is_null(), "{name} lacks {field}: {props}");
    }
    // A plan's suggested move keeps its own schema.
    assert!(!schemas["Suggestion"]["properties"]["move"].is_null());
}

#[tokio::test]
async fn a_body_that_is_not_a_json_object_is_refused() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = app.mistake(&me, "Dropped the queue", "private").await;
    for (method, path) in [
        (Method::PUT, format!("/api/v1/mistakes/{id}/schedule")),
        (Method::POST, format!("/api/v1/mistakes/{id}/heads-up/sent")),
        (Method::POST, format!("/api/v1/mistakes/{id}/share-links")),
    ] {
        for body in [json!([null, null]), json!([]), json!("text"), json!(3)] {
            let r = app
                .call(method.clone(), &path, Some(&me), Some(body.clone()))
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{path} {body}: {}",
                r.body
            );
            assert_eq!(
                r.body["error"]["message"], "the body must be a JSON object",
                "{path} {body}"
            );
        }
    }
    let m = app.get(&format!("/api/v1/mistakes/{id}"), &me).await;
    assert_eq!(
        m.body["heads_up"]["sent_at"],
        Value::Null,
        "nothing was done"
    );
}

#[tokio::test]
async fn the_audit_limit_is_refused_outside_its_documented_range() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = app.mistake(&me, "Dropped the queue", "private").await;
    for limit in ["0", "1001", "2147483648"] {
        let r = app
            .get(&format!("/api/v1/mistakes/{id}/audit?limit={limit}"), &me)
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{limit}: {}", r.body);
        assert!(
            r.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("1000")
        );
    }
    let r = app
        .get(&format!("/api/v1/mistakes/{id}/audit?limit=1000"), &me)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn an_address_that_is_not_utf8_is_a_json_4xx() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    for path in [
        "/invite/%FF",
        "/api/v1/principles?q=%FF",
        "/api/v1/mistakes?all=%C3",
    ] {
        let r = app.get(path, &me).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}: {}", r.body);
        assert!(
            r.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("UTF-8"),
            "{path}: {}",
            r.body
        );
    }
}

#[tokio::test]
async fn versioned_operations_document_etag_if_match_and_412() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    for (method, path) in [
        ("put", "/api/v1/mistakes/{id}/note"),
        ("post", "/api/v1/mistakes/{id}/timeline"),
        ("post", "/api/v1/plans/{id}/topics"),
    ] {
        let op = &doc["paths"][path][method];
        assert!(
            parameters(&doc, method, path)
                .iter()
                .any(|p| p["name"] == "If-Match" && p["in"] == "header"),
            "{method} {path}"
        );
        assert!(!op["responses"]["412"].is_null(), "{method} {path}");
        let ok = op["responses"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(code, _)| code.starts_with('2'))
            .unwrap()
            .1;
        assert!(!ok["headers"]["ETag"].is_null(), "{method} {path}: {ok}");
    }
    // An edit sent without If-Match that loses a race is still a 409.
    assert!(!doc["paths"]["/api/v1/mistakes/{id}/note"]["put"]["responses"]["409"].is_null());
    let get = &doc["paths"]["/api/v1/mistakes/{id}"]["get"]["responses"]["200"];
    assert!(!get["headers"]["ETag"].is_null());
}

/// Found by scripts/fuzz-api: an admin disabling their own account is 422,
/// which the document did not say.
#[tokio::test]
async fn disabling_ones_own_account_is_a_documented_422() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let r = app
        .post(
            &format!("/api/v1/users/{}/disable", admin.id),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let doc = document(&app).await;
    let responses = &doc["paths"]["/api/v1/users/{id}/disable"]["post"]["responses"];
    assert!(!responses["422"].is_null(), "{responses}");
}

/// The lengths the server enforces are in the schema, at the same number:
/// the longest text the document allows is saved, one more is refused.
#[tokio::test]
async fn documented_text_limits_are_the_enforced_ones() {
    use rebound_domain::mistake::{MAX_TEXT_CHARS, MAX_TITLE_CHARS};
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let doc = document(&app).await;
    let schemas = &doc["components"]["schemas"];
    let max = |schema: &str, field: &str| {
        let p = &schemas[schema]["properties"][field];
        p["maxLength"]
            .as_u64()
            .or_else(|| p["oneOf"][0]["maxLength"].as_u64())
            .or_else(|| p["anyOf"][0]["maxLength"].as_u64())
            .unwrap_or_else(|| panic!("{schema}.{field} has no maxLength: {p}")) as usize
    };
    assert_eq!(max("NewMistakeBody", "title"), MAX_TITLE_CHARS);
    assert_eq!(max("PatchBody", "title"), MAX_TITLE_CHARS);
    for (schema, field) in [
        ("NewMistakeBody", "what"),
        ("NewMistakeBody", "doing"),
        ("PatchBody", "what"),
        ("EntryBody", "text"),
        ("UpdateBody", "text"),
        ("HeadsUpBody", "text"),
    ] {
        assert_eq!(max(schema, field), MAX_TEXT_CHARS, "{schema}.{field}");
    }
    let longest = "é".repeat(MAX_TITLE_CHARS);
    let r = app
        .post("/api/v1/mistakes", &me, json!({"title": longest}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_string();
    let r = app
        .post(
            "/api/v1/mistakes",
            &me,
            json!({"title": format!("{longest}x")}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let timeline = format!("/api/v1/mistakes/{id}/timeline");
    let r = app
        .post(&timeline, &me, json!({"text": "x".repeat(MAX_TEXT_CHARS)}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let r = app
        .post(
            &timeline,
            &me,
            json!({"text": "x".repeat(MAX_TEXT_CHARS + 1)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}

/// Found by scripts/fuzz-api once text rules and documentation met: a
/// principle search with a control character is a 422, and documented.
#[tokio::test]
async fn a_search_with_a_control_character_is_a_documented_422() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let r = app.get("/api/v1/principles?q=ab%C2%83", &admin).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let doc = document(&app).await;
    let responses = &doc["paths"]["/api/v1/principles"]["get"]["responses"];
    assert!(!responses["422"].is_null(), "{responses}");
}

/// Every text a request body takes is bounded in the document (issue 14,
/// finding 10), except ids, tokens, times and time zones, which name
/// something or parse (a wrong one is a 404 or a 422 whatever its length);
/// and the bounds are the domain's own numbers.
#[tokio::test]
async fn every_text_a_request_takes_is_bounded_at_the_domains_limit() {
    use rebound_domain::account::{MAX_TEAM_NAME_CHARS, MAX_TOKEN_NAME_CHARS};
    use rebound_domain::recovery::plan::{MAX_DEBRIEF_PART, MAX_TOPIC};
    use rebound_domain::reflection::{MAX_PRINCIPLE, MAX_SELF_CARE_ITEM};
    use rebound_domain::sharing::MAX_COMMENT_CHARS;
    const UNBOUNDED: &[&str] = &[
        "AcceptBody.time_zone",
        "AcceptBody.token",
        "AdoptBody.due",
        "CommentBodyIn.parent",
        "CreatePlan.mistake",
        "CreatePlan.report",
        "GuestSessionBody.token",
        "InviteBody.manager",
        "InviteBody.team",
        "ManagerBody.manager",
        "MemberBody.user",
        "NewPrincipleBody.reflection",
        "NewReflectionBody.mistake",
        "NewWinBody.mistake",
        "PracticeTask.due",
        "ProfileBody.time_zone",
        "RunBody.after",
        "Schedule.first_at",
        "SelfCareBody.mistake",
        "SetupBody.time_zone",
    ];
    let app = spawn_app().await;
    let doc = document(&app).await;
    let schemas = &doc["components"]["schemas"];
    // The schemas request bodies use, and those they use in turn.
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                if let Some(Value::String(r)) = o.get("$ref") {
                    out.push(r.rsplit('/').next().unwrap().to_string());
                }
                o.values().for_each(|v| refs(v, out));
            }
            Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let mut todo = Vec::new();
    for item in doc["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            refs(&op["requestBody"], &mut todo);
        }
    }
    let mut seen: Vec<String> = Vec::new();
    while let Some(name) = todo.pop() {
        if !seen.contains(&name) {
            refs(&schemas[&name], &mut todo);
            seen.push(name);
        }
    }
    let is_text = |p: &Value| {
        let t = &p["type"];
        (t == "string" || t.as_array().is_some_and(|a| a.contains(&json!("string"))))
            && p.get("enum").is_none()
            && p.get("format").is_none()
    };
    let mut unbounded = Vec::new();
    let mut texts = 0;
    for name in &seen {
        let Some(props) = schemas[name]["properties"].as_object() else {
            continue;
        };
        for (field, p) in props {
            let p = if p["items"].is_object() {
                &p["items"]
            } else {
                p
            };
            let key = format!("{name}.{field}");
            if is_text(p) && !UNBOUNDED.contains(&key.as_str()) {
                texts += 1;
                if p["maxLength"].as_u64().is_none() {
                    unbounded.push(key);
                }
            }
        }
    }
    assert!(texts > 60, "only {texts} texts found: the walk is broken");
    assert!(unbounded.is_empty(), "no maxLength: {unbounded:?}");
    let limit = |schema: &str, field: &str, key: &str| {
        let p = &schemas[schema]["properties"][field];
        let p = if p["items"].is_object() {
            &p["items"]
        } else {
            p
        };
        p[key].as_u64().map(|n| n as usize)
    };
    for (schema, field, least, most) in [
        ("CommentBodyIn", "body", Some(1), MAX_COMMENT_CHARS),
        ("TeamBody", "name", Some(1), MAX_TEAM_NAME_CHARS),
        ("NewTokenBody", "name", Some(1), MAX_TOKEN_NAME_CHARS),
        ("DebriefNote", "what_happened", Some(1), MAX_DEBRIEF_PART),
        ("TopicsBody", "topics", None, MAX_TOPIC),
        ("NewPrincipleBody", "text", Some(1), MAX_PRINCIPLE),
        ("SelfCareBody", "items", None, MAX_SELF_CARE_ITEM),
    ] {
        assert_eq!(
            limit(schema, field, "maxLength"),
            Some(most),
            "{schema}.{field}"
        );
        assert_eq!(limit(schema, field, "minLength"), least, "{schema}.{field}");
    }
    // And enforced at that number: a token name.
    let me = app.setup_admin().await;
    let name = "é".repeat(MAX_TOKEN_NAME_CHARS);
    let r = app
        .post("/api/v1/me/tokens", &me, json!({"name": name}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = app
        .post(
            "/api/v1/me/tokens",
            &me,
            json!({"name": format!("{name}x")}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}

/// Every time a request body takes goes through `when::sent_time` (offsets
/// no time zone has, like `+25:00`, refused with words): read from the
/// sources, each `Timestamp` field of a struct that derives `Deserialize`
/// carries it, so a new time field cannot forget it.
#[test]
fn every_time_a_request_takes_is_read_by_sent_time() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (mut checked, mut missing) = (0, Vec::new());
    let mut dirs = vec![src];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (line, field) in deserialized_time_fields(&text) {
                    match field {
                        true => checked += 1,
                        false => missing.push(format!("{}:{line}", path.display())),
                    }
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "time fields read without sent_time: {missing:#?}"
    );
    assert!(
        checked >= 11,
        "only {checked} time fields found: is the scan still right?"
    );
}

/// (line, has `sent_time`) for each `Timestamp` field of each struct in
/// `text` whose derive names `Deserialize`.
fn deserialized_time_fields(text: &str) -> Vec<(usize, bool)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut in_struct = false;
    let mut derives = false;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        if line.starts_with("#[derive(") {
            derives = line.contains("Deserialize");
        } else if line.contains("struct ") && line.ends_with('{') {
            in_struct = derives;
            derives = false;
        } else if line == "}" {
            in_struct = false;
        } else if in_struct
            && (line.contains(": Option<Timestamp>,") || line.contains(": Timestamp,"))
        {
            let attrs = lines[..i]
                .iter()
                .rev()
                .take_while(|l| l.trim().starts_with("#[") || l.trim().starts_with("///"));
            out.push((i + 1, attrs.into_iter().any(|l| l.contains("sent_time"))));
        }
    }
    out
}
