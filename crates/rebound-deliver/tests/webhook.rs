//! Webhooks posted over real HTTP to the loopback receiver
//! (`cargo test -p rebound-deliver --features testing --test webhook`).

use std::time::Duration;

use axum::http::StatusCode;
use rebound_deliver::testing::webhook::WebhookReceiver;
use rebound_deliver::webhook::{AllowList, ChatMessage, Format, UrlError, WebhookUrl, Webhooks};

const WAIT: Duration = Duration::from_secs(10);

fn loopback() -> AllowList {
    AllowList::parse(["127.0.0.1/32"]).unwrap()
}

fn message() -> ChatMessage {
    ChatMessage {
        title: "Deploy broke checkout @here".into(),
        text: "Rolled back at 10:02 <b>".into(),
        link: Some(("Open".into(), "https://rebound.example/m/42".into())),
    }
}

async fn target(r: &WebhookReceiver, path: &str) -> WebhookUrl {
    WebhookUrl::check(&r.url(path), &loopback()).await.unwrap()
}

#[tokio::test]
async fn slack_arrives_with_json_and_headers() {
    let r = WebhookReceiver::start().await;
    let hooks = Webhooks::new(loopback());
    let url = target(&r, "/services/T0/B0/secret").await;
    hooks
        .post(&url, Format::Slack, &message(), "msg-1")
        .await
        .unwrap();
    let got = r.wait_for(1, WAIT).await;
    assert_eq!(got.len(), 1);
    let h = &got[0];
    assert_eq!(h.path, "/services/T0/B0/secret");
    assert_eq!(h.header("content-type"), Some("application/json"));
    assert_eq!(h.header("idempotency-key"), Some("msg-1"));
    assert_eq!(h.header("x-rebound-message-id"), Some("msg-1"));
    assert_eq!(
        h.body["text"],
        "*Deploy broke checkout @\u{200B}here*\nRolled back at 10:02 &lt;b&gt;\n<https://rebound.example/m/42|Open>"
    );
    assert_eq!(h.body["blocks"][0]["type"], "section");
    assert_eq!(h.body["blocks"][0]["text"]["type"], "mrkdwn");
    assert_eq!(
        h.body["blocks"][0]["text"]["text"],
        "*Deploy broke checkout @\u{200B}here*\nRolled back at 10:02 &lt;b&gt;"
    );
    assert_eq!(
        h.body["blocks"][1]["text"]["text"],
        "<https://rebound.example/m/42|Open>"
    );
}

#[tokio::test]
async fn mattermost_arrives_with_json_and_headers() {
    let r = WebhookReceiver::start().await;
    let hooks = Webhooks::new(loopback());
    let url = target(&r, "/hooks/abc").await;
    hooks
        .post(&url, Format::Mattermost, &message(), "msg-2")
        .await
        .unwrap();
    let h = &r.wait_for(1, WAIT).await[0];
    assert_eq!(h.path, "/hooks/abc");
    assert_eq!(h.header("idempotency-key"), Some("msg-2"));
    assert_eq!(h.header("x-rebound-message-id"), Some("msg-2"));
    assert_eq!(
        h.body,
        serde_json::json!({"text": "**Deploy broke checkout @\u{200B}here**\nRolled back at 10\\:02 \\<b\\>\n[Open](https://rebound.example/m/42)"})
    );
}

#[tokio::test]
async fn a_500_is_transient_then_a_200_is_sent() {
    let r = WebhookReceiver::start().await;
    r.answer_next(1, StatusCode::INTERNAL_SERVER_ERROR);
    let hooks = Webhooks::new(loopback());
    let url = target(&r, "/hooks/x").await;
    let err = hooks
        .post(&url, Format::Slack, &message(), "k")
        .await
        .unwrap_err();
    assert!(!err.permanent, "{err:?}");
    assert_eq!(
        err.detail,
        format!(
            "http://127.0.0.1:{}/… answered 500 (internal_server_error); it will be tried again",
            r.port()
        )
    );
    hooks
        .post(&url, Format::Slack, &message(), "k")
        .await
        .unwrap();
    let got = r.received();
    assert_eq!(
        got.iter().map(|h| h.answered).collect::<Vec<_>>(),
        [500, 200]
    );
    assert_eq!(
        got[0].header("idempotency-key"),
        got[1].header("idempotency-key")
    );
}

#[tokio::test]
async fn a_429_is_transient_and_a_404_is_permanent() {
    let r = WebhookReceiver::start().await;
    let hooks = Webhooks::new(loopback());
    let url = target(&r, "/hooks/secretpath").await;
    r.answer_next(1, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        !hooks
            .post(&url, Format::Slack, &message(), "k")
            .await
            .unwrap_err()
            .permanent
    );
    r.answer_with(StatusCode::NOT_FOUND);
    let err = hooks
        .post(&url, Format::Slack, &message(), "k")
        .await
        .unwrap_err();
    assert!(err.permanent, "{err:?}");
    assert!(err.detail.contains("404 (not_found)"), "{}", err.detail);
    assert!(!err.detail.contains("secretpath"), "{}", err.detail);
}

#[tokio::test]
async fn a_redirect_is_permanent_and_not_followed() {
    let first = WebhookReceiver::start().await;
    let second = WebhookReceiver::start().await;
    first.redirect_to(&second.url("/hooks/elsewhere"));
    let hooks = Webhooks::new(loopback());
    let err = hooks
        .post(
            &target(&first, "/hooks/x").await,
            Format::Mattermost,
            &message(),
            "k",
        )
        .await
        .unwrap_err();
    assert!(err.permanent, "{err:?}");
    assert!(err.detail.contains("redirect (307)"), "{}", err.detail);
    assert_eq!(first.received().len(), 1);
    // A followed redirect would have been posted before `post` returned.
    assert!(second.received().is_empty());
}

#[tokio::test]
async fn loopback_is_refused_without_the_allow_list() {
    let r = WebhookReceiver::start().await;
    assert!(matches!(
        WebhookUrl::check(&r.url("/hooks/x"), &AllowList::none()).await,
        Err(UrlError::Private(ip)) if ip.is_loopback()
    ));
    // A URL checked under a laxer list is judged again by the sending client.
    let url = target(&r, "/hooks/x").await;
    let err = Webhooks::new(AllowList::none())
        .post(&url, Format::Slack, &message(), "k")
        .await
        .unwrap_err();
    assert!(err.permanent, "{err:?}");
    assert!(
        err.detail.contains("private address (127.0.0.1)"),
        "{}",
        err.detail
    );
    assert!(r.received().is_empty());
}

#[tokio::test]
async fn http_is_refused_for_a_public_host() {
    // A name is refused for http without a lookup when nothing is listed;
    // an address literal is judged against the list (this one is public).
    for (s, allow) in [
        ("http://hooks.slack.com/services/x", AllowList::none()),
        ("http://93.184.215.14/hooks/x", AllowList::none()),
        ("http://93.184.215.14/hooks/x", loopback()),
    ] {
        let err = WebhookUrl::check(s, &allow).await.unwrap_err();
        assert_eq!(err, UrlError::HttpNotAllowed, "{s}");
        assert!(
            err.to_string()
                .starts_with("the webhook URL must start with https://")
        );
    }
}

#[tokio::test]
async fn localhost_is_refused_by_the_resolver_at_send_time() {
    let r = WebhookReceiver::start().await;
    // Checked when localhost was allowed; the sending client lists another
    // range only, so the name reaches its resolver (over http too).
    let wide = AllowList::parse(["127.0.0.0/8", "::1/128"]).unwrap();
    let hooks = Webhooks::new(AllowList::parse(["10.0.0.0/8"]).unwrap());
    for url in [
        format!("http://localhost:{}/hooks/secret", r.port()),
        format!("https://localhost:{}/hooks/secret", r.port()),
    ] {
        let url = WebhookUrl::check(&url, &wide).await.unwrap();
        let err = hooks
            .post(&url, Format::Slack, &message(), "k")
            .await
            .unwrap_err();
        assert!(err.permanent, "{url:?}: {err:?}");
        assert!(
            err.detail
                .contains("resolves to an address that is not allowed"),
            "{}",
            err.detail
        );
        assert!(!err.detail.contains("secret"), "{}", err.detail);
    }
    assert!(r.received().is_empty());
}

#[tokio::test]
async fn localhost_passes_the_resolver_when_allowed() {
    let r = WebhookReceiver::start().await;
    let wide = AllowList::parse(["127.0.0.0/8", "::1/128"]).unwrap();
    let hooks = Webhooks::new(wide.clone());
    let url = WebhookUrl::check(&format!("http://localhost:{}/hooks/x", r.port()), &wide)
        .await
        .unwrap();
    hooks
        .post(&url, Format::Mattermost, &message(), "k")
        .await
        .unwrap();
    assert_eq!(r.wait_for(1, WAIT).await.len(), 1);
}

#[tokio::test]
async fn nobody_listening_is_transient() {
    // A port that was free a moment ago, with nothing listening on it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = WebhookUrl::check(&format!("http://127.0.0.1:{port}/hooks/x"), &loopback())
        .await
        .unwrap();
    let err = Webhooks::new(loopback())
        .post(&url, Format::Slack, &message(), "k")
        .await
        .unwrap_err();
    assert!(!err.permanent, "{err:?}");
    assert!(
        err.detail
            .starts_with("could not connect to http://127.0.0.1:"),
        "{}",
        err.detail
    );
}

#[tokio::test]
async fn a_hostile_title_arrives_harmless() {
    let r = WebhookReceiver::start().await;
    let hooks = Webhooks::new(loopback());
    let url = target(&r, "/hooks/x").await;
    let hostile = ChatMessage {
        title: "<!channel> @here <https://evil.example|your invoice> [login](https://evil.example)"
            .into(),
        text: "@all <@U024BE7LH>".into(),
        link: None,
    };
    hooks
        .post(&url, Format::Slack, &hostile, "s")
        .await
        .unwrap();
    hooks
        .post(&url, Format::Mattermost, &hostile, "m")
        .await
        .unwrap();
    let got = r.wait_for(2, WAIT).await;
    // The decoded JSON: an escaped "\u003c" would count as the "<" it is.
    let slack = got[0].body.to_string();
    assert!(!slack.contains('<'), "{slack}");
    assert!(slack.contains("&lt;!channel&gt;"), "{slack}");
    let mm = got[1].body["text"].as_str().unwrap();
    assert!(
        !mm.contains("](") && !mm.contains("@here") && !mm.contains("@all"),
        "{mm}"
    );
    for h in &got {
        let t = h.body.to_string();
        assert!(
            !t.contains("@here") && !t.contains("@all") && !t.contains("@channel"),
            "{t}"
        );
    }
}
