//! `X-Request-Id`: a caller's short, plain id comes back as sent; otherwise
//! the server makes one; every answer carries it, errors included.

use crate::harness::spawn_app;

async fn id_of(app: &crate::harness::TestApp, path: &str, sent: Option<&str>) -> String {
    let mut req = app.http.get(format!("{}{path}", app.base));
    if let Some(id) = sent {
        req = req.header("x-request-id", id);
    }
    let res = req.send().await.expect("request");
    res.headers()
        .get("x-request-id")
        .unwrap_or_else(|| panic!("{path}: no X-Request-Id ({})", res.status()))
        .to_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_request_id_is_echoed_or_made_on_every_answer() {
    let app = spawn_app().await;
    for path in [
        "/healthz",
        "/api/v1/mistakes/ABCD2345",
        "/no/such/route",
        "/",
    ] {
        assert_eq!(
            id_of(&app, path, Some("abc-123.x")).await,
            "abc-123.x",
            "{path}"
        );
        let made = id_of(&app, path, None).await;
        assert!(!made.is_empty() && made.len() <= 64, "{path}: {made}");
    }
    let a = id_of(&app, "/healthz", None).await;
    let b = id_of(&app, "/healthz", None).await;
    assert_ne!(a, b, "each request gets its own id");
    for unfit in ["has space", "quote\"d", &"x".repeat(65), "tab\tid"] {
        let got = id_of(&app, "/healthz", Some(unfit)).await;
        assert_ne!(got, unfit);
        assert!(
            got.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
            "{got}"
        );
    }
}
