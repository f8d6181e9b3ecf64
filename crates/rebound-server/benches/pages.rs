//! Web pages: server render time of the main pages over loopback — home
//! (with open mistakes), the "I made a mistake" form, and a full mistake page
//! (note, timeline, comments, a stakeholder, a share link) — each as
//! requests/s and p50 / p99, one connection at a time (latency) and with
//! several at once (throughput). The session cookie is sent as a browser
//! would; the response body is read whole.
//!
//! Run: `cargo bench -p rebound-server --bench pages`
//! Options (env): PAGES_REQUESTS (per page and mode, default 2000),
//! PAGES_CONNECTIONS (default 8), PAGES_SEED_MISTAKES (default 50).

use rebound_auth::HashCost;
use rebound_server::{Settings, serve};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PASSWORD: &str = "correct horse battery";

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(run());
}

async fn run() {
    let requests = env("PAGES_REQUESTS", 2000) as usize;
    let connections = env("PAGES_CONNECTIONS", 8) as usize;
    let seed = env("PAGES_SEED_MISTAKES", 50);
    let dir = tempfile::tempdir().unwrap();
    let store = rebound_store_sqlite::open(&dir.path().join("rebound.db"))
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let settings = Settings {
        secure_cookies: false,
        password_cost: HashCost::CHEAP_FOR_TESTS,
        ..Settings::default()
    };
    tokio::spawn(serve(listener, Arc::new(store), settings));
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(connections)
        .build()
        .unwrap();

    let (cookie, token) = sign_up(&http, &base).await;
    let api = |method: reqwest::Method, path: String, body: Value| {
        let http = http.clone();
        let url = format!("{base}{path}");
        let token = token.clone();
        async move {
            let r = http
                .request(method, url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert!(r.status().is_success(), "{}", r.status());
            r.json::<Value>().await.unwrap_or(Value::Null)
        }
    };
    eprintln!("seeding {seed} open mistakes and one full record…");
    for i in 0..seed {
        api(
            reqwest::Method::POST,
            "/api/v1/mistakes".into(),
            json!({"title": format!("Seeded mistake {i}"), "affected": "the finance leads"}),
        )
        .await;
    }
    let m = api(
        reqwest::Method::POST,
        "/api/v1/mistakes".into(),
        json!({"title": "Sent the wrong dashboard version to finance", "affected": "the finance leads", "doing": "re-sending yesterday's version", "severity": "high", "visibility": "stakeholders"}),
    )
    .await;
    let id = m["id"].as_str().unwrap().to_string();
    api(
        reqwest::Method::PUT,
        format!("/api/v1/mistakes/{id}/note"),
        json!({
            "impact": {"who": "the finance leads", "how_many": "four", "what_wrong": "refunds were counted twice, so revenue looked 3 % higher"},
            "containment": "re-sent yesterday's version and asked finance to discard v42",
            "fix": "correct the refund join in the revenue query",
            "prevention": [
                {"kind": "preventive", "text": "compare the totals with the ledger before publishing"},
                {"kind": "detective", "text": "an alert when revenue moves by more than 2 % in a day"}
            ],
            "owner": "Ada"
        }),
    )
    .await;
    for n in 0..8 {
        api(
            reqwest::Method::POST,
            format!("/api/v1/mistakes/{id}/timeline"),
            json!({"text": format!("Timeline entry {n}: something happened and was noted")}),
        )
        .await;
    }
    for n in 0..12 {
        api(
            reqwest::Method::POST,
            format!("/api/v1/mistakes/{id}/comments"),
            json!({"body": format!("Comment {n}: a question about the *refund* join, with [a link](https://example.com).")}),
        )
        .await;
    }
    api(
        reqwest::Method::POST,
        format!("/api/v1/mistakes/{id}/share-links"),
        json!({"label": "the finance leads"}),
    )
    .await;

    let pages = [
        ("home (51 open mistakes)", "/".to_string()),
        ("new-mistake form", "/new".to_string()),
        ("full mistake page", format!("/m/{id}")),
    ];
    println!("requests per page and mode: {requests}; throughput with {connections} connections");
    println!(
        "| page | bytes | 1 connection: req/s (p50 / p99) | {connections} connections: req/s (p50 / p99) |"
    );
    println!("| --- | ---: | ---: | ---: |");
    for (name, path) in &pages {
        let url = format!("{base}{path}");
        let bytes = get(&http, &url, &cookie).await;
        let serial = measure(&http, &url, &cookie, requests, 1).await;
        let parallel = measure(&http, &url, &cookie, requests, connections).await;
        println!(
            "| {name} | {bytes} | {} | {} |",
            serial.show(),
            parallel.show()
        );
    }
}

async fn sign_up(http: &reqwest::Client, base: &str) -> (String, String) {
    let r = http
        .post(format!("{base}/api/v1/setup"))
        .json(&json!({"email": "ada@example.com", "display_name": "Ada", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("rebound_session="))
        .map(|v| v.split(';').next().unwrap().to_string())
        .unwrap();
    let t: Value = http
        .post(format!("{base}/api/v1/me/tokens"))
        .header("cookie", &cookie)
        .json(&json!({"name": "bench"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (cookie, t["token"].as_str().unwrap().to_string())
}

/// One page as a browser asks for it; the size of the HTML.
async fn get(http: &reqwest::Client, url: &str, cookie: &str) -> usize {
    let r = http
        .get(url)
        .header("accept", "text/html")
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::OK, "{url}");
    r.bytes().await.unwrap().len()
}

struct Figures {
    per_sec: f64,
    p50: Duration,
    p99: Duration,
}

impl Figures {
    fn show(&self) -> String {
        format!(
            "{:.0} ({:.2} / {:.2} ms)",
            self.per_sec,
            self.p50.as_secs_f64() * 1e3,
            self.p99.as_secs_f64() * 1e3
        )
    }
}

async fn measure(
    http: &reqwest::Client,
    url: &str,
    cookie: &str,
    requests: usize,
    connections: usize,
) -> Figures {
    // Warm up the pool and the caches.
    for _ in 0..connections.max(20) {
        get(http, url, cookie).await;
    }
    let started = Instant::now();
    let per = requests / connections;
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let http = http.clone();
        let url = url.to_string();
        let cookie = cookie.to_string();
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(per);
            for _ in 0..per {
                let t = Instant::now();
                get(&http, &url, &cookie).await;
                times.push(t.elapsed());
            }
            times
        }));
    }
    let mut times = Vec::new();
    for t in tasks {
        times.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed();
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    Figures {
        per_sec: times.len() as f64 / elapsed.as_secs_f64(),
        p50: at(0.50),
        p99: at(0.99),
    }
}
