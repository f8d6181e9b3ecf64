//! The server's log on stderr: one line per request with method, matched
//! route, status, latency and request id (the one the response carries), as
//! text or JSON; and nothing a person wrote or a secret in any line.

use crate::served::{Auth, Server, request};
use serde_json::{Value, json};

fn get(server: &Server, path: &str, headers: &[(&str, &str)]) -> crate::served::Response {
    request(&server.addr, "GET", path, &Auth::None, None, headers)
}

#[test]
fn each_request_is_one_line_with_its_route_status_and_request_id() {
    let server = Server::spawn_with(&[], &[]).ready();

    // The caller's id is kept and answered; the route is the pattern, not
    // the id or the query string that was sent.
    let r = get(
        &server,
        "/api/v1/mistakes/ABCD2345?q=private-words",
        &[("X-Request-Id", "test-req-42")],
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.header("x-request-id"), Some("test-req-42"));
    let line = server.log_line(|l| l.contains("request_id=test-req-42"));
    for part in [
        "method=GET",
        "route=/api/v1/mistakes/{id}",
        "status=401",
        "latency_us=",
        "rebound::request",
    ] {
        assert!(line.contains(part), "{part} in {line}");
    }
    assert!(
        !line.contains("ABCD2345") && !line.contains("private-words"),
        "{line}"
    );

    // Without an id, one is made, answered and logged.
    let r = get(&server, "/healthz", &[]);
    let made = r
        .header("x-request-id")
        .expect("a made request id")
        .to_string();
    assert!(!made.is_empty() && made.len() <= 64, "{made}");
    let line = server.log_line(|l| l.contains(&format!("request_id={made}")));
    assert!(
        line.contains("route=/healthz") && line.contains("status=200"),
        "{line}"
    );

    // An id that could break a log line is replaced, not echoed.
    let r = get(
        &server,
        "/healthz",
        &[("X-Request-Id", "two words\"and=quotes")],
    );
    let replaced = r.header("x-request-id").expect("a request id").to_string();
    assert!(
        !replaced.contains(' ') && !replaced.contains('"'),
        "{replaced}"
    );
    server.log_line(|l| l.contains(&format!("request_id={replaced}")));

    // No route matched: said so, never the path as sent.
    let r = get(&server, "/no/such/place-77", &[("X-Request-Id", "lost-1")]);
    assert_eq!(r.status, 404);
    let line = server.log_line(|l| l.contains("request_id=lost-1"));
    assert!(
        line.contains("status=404") && !line.contains("place-77"),
        "{line}"
    );
}

#[test]
fn json_lines_parse_and_carry_no_content_password_token_or_cookie() {
    // Debug level, so that whatever logs more than the request line is
    // checked as well.
    let server = Server::spawn_with(&["--log-format", "json"], &[("REBOUND_LOG", "debug")]).ready();
    let (email, password) = ("ana@example.com", "correct horse battery");
    let setup = json!({"email": email, "display_name": "Ana", "password": password});
    server
        .send("POST", "/api/v1/setup", &Auth::None, Some(&setup))
        .expect(201, "setup");
    let signed_in = server
        .send(
            "POST",
            "/api/v1/session",
            &Auth::None,
            Some(&json!({"email": email, "password": password})),
        )
        .expect(200, "sign in");
    let cookie = signed_in
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_string();
    let cookie_value = cookie.split_once('=').unwrap().1.to_string();
    let session = Auth::Cookie(cookie);
    let issued = server
        .send(
            "POST",
            "/api/v1/me/tokens",
            &session,
            Some(&json!({"name": "laptop"})),
        )
        .expect(201, "a token")
        .json();
    let token = issued["token"].as_str().unwrap().to_string();
    let title = "Sent the board deck with the layoff list attached";
    let created = server
        .send(
            "POST",
            "/api/v1/mistakes",
            &Auth::Bearer(token.clone()),
            Some(&json!({"title": title})),
        )
        .expect(201, "a mistake")
        .json();
    let id = created["id"].as_str().unwrap().to_string();
    let read = request(
        &server.addr,
        "GET",
        &format!("/api/v1/mistakes/{id}?q=query-secret"),
        &Auth::Bearer(token.clone()),
        None,
        &[("X-Request-Id", "json-read-1")],
    )
    .expect(200, "read it");
    assert_eq!(read.header("x-request-id"), Some("json-read-1"));

    server.log_line(|l| l.contains("json-read-1"));
    let stderr = server.stderr();
    let lines: Vec<Value> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let read_line = lines
        .iter()
        .find(|l| l["request_id"] == "json-read-1")
        .expect("the read's line");
    assert_eq!(read_line["method"], "GET");
    assert_eq!(read_line["route"], "/api/v1/mistakes/{id}");
    assert_eq!(read_line["status"], 200);
    assert!(read_line["latency_us"].is_u64(), "{read_line}");
    let sign_in = lines
        .iter()
        .find(|l| l["route"] == "/api/v1/session" && l["method"] == "POST")
        .expect("the sign-in's line");
    assert_eq!(sign_in["status"], 200);

    for secret in [
        password,
        token.as_str(),
        cookie_value.as_str(),
        title,
        id.as_str(),
        "query-secret",
    ] {
        assert!(
            !stderr.contains(secret),
            "{secret:?} is in the log:\n{stderr}"
        );
    }
}
