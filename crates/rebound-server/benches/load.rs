//! Load benchmark: in one run, the same server answers a bare endpoint
//! (`/healthz`, no database) and `GET /api/v1/mistakes/{id}` (token check,
//! access policy, the whole record), each under the same concurrent load.
//! Reports requests/s, p50 and p99, and the ratio of the two throughputs;
//! `GET /api/v1/me` (the token check alone) shows where the time goes.
//!
//! Run: `cargo bench -p rebound-server --bench load`
//! Options (env): LOAD_SECONDS (default 10), LOAD_CONNECTIONS (default 32),
//! LOAD_SEED_MISTAKES (default 10000), LOAD_LOG (`text` or `json`: install
//! the subscriber `rebound serve` installs, at `info`, writing every request
//! line to stderr, as the server does; redirect stderr to measure it; by
//! default nothing is subscribed and the request log costs only its span
//! check).

use rebound_auth::HashCost;
use rebound_server::{Settings, serve};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};

// As the `rebound` binary allocates.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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

/// As `rebound serve` installs it (`rebound-cli/src/commands/serve/logging.rs`).
fn install_log() {
    let builder = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("info"))
        .with_writer(std::io::stderr)
        .with_ansi(false);
    match std::env::var("LOAD_LOG").as_deref() {
        Ok("text") => builder.init(),
        Ok("json") => builder.json().flatten_event(true).init(),
        _ => {}
    }
}

async fn run() {
    install_log();
    let seconds = env("LOAD_SECONDS", 10);
    let connections = env("LOAD_CONNECTIONS", 32) as usize;
    let seed = env("LOAD_SEED_MISTAKES", 10_000);
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
    let token = sign_up(&http, &base).await;
    eprintln!("seeding {seed} mistakes…");
    let mut target = String::new();
    for i in 0..seed {
        let r: Value = http
            .post(format!("{base}/api/v1/mistakes"))
            .bearer_auth(&token)
            .json(&json!({"title": format!("Seeded mistake {i}"), "affected": "the finance leads"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if i == seed / 2 {
            target = r["id"].as_str().unwrap().to_string();
        }
    }
    for n in 0..5 {
        let r = http
            .post(format!("{base}/api/v1/mistakes/{target}/timeline"))
            .bearer_auth(&token)
            .json(&json!({"text": format!("Entry {n}")}))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success());
    }

    let duration = Duration::from_secs(seconds);
    let bare = load(
        &http,
        format!("{base}/healthz"),
        None,
        connections,
        duration,
    )
    .await;
    let me = load(
        &http,
        format!("{base}/api/v1/me"),
        Some(token.clone()),
        connections,
        duration,
    )
    .await;
    let read = load(
        &http,
        format!("{base}/api/v1/mistakes/{target}"),
        Some(token.clone()),
        connections,
        duration,
    )
    .await;
    println!("{connections} connections, {seconds} s each, {seed} mistakes in the database");
    println!(
        "{:<36} {:>10} {:>10} {:>10}",
        "endpoint", "req/s", "p50 ms", "p99 ms"
    );
    bare.print("GET /healthz (bare)");
    me.print("GET /api/v1/me (token check only)");
    read.print("GET /api/v1/mistakes/{id}");
    println!(
        "ratio read / bare throughput: {:.1}%",
        100.0 * read.rps / bare.rps
    );
}

async fn sign_up(http: &reqwest::Client, base: &str) -> String {
    let r = http
        .post(format!("{base}/api/v1/setup"))
        .json(&json!({"email": "bench@example.com", "display_name": "Bench", "password": "benchmark password"}))
        .send()
        .await
        .unwrap();
    let cookie = r.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let t: Value = http
        .post(format!("{base}/api/v1/me/tokens"))
        .header("cookie", cookie)
        .json(&json!({"name": "bench"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    t["token"].as_str().unwrap().to_string()
}

struct Result {
    rps: f64,
    p50: Duration,
    p99: Duration,
}

impl Result {
    fn print(&self, name: &str) {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name:<36} {:>10.0} {:>10.2} {:>10.2}",
            self.rps,
            ms(self.p50),
            ms(self.p99)
        );
    }
}

async fn load(
    http: &reqwest::Client,
    url: String,
    token: Option<String>,
    connections: usize,
    duration: Duration,
) -> Result {
    // Warm up the connections first.
    for _ in 0..connections {
        let _ = request(http, &url, token.as_deref()).await;
    }
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (http, url, token) = (http.clone(), url.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while start.elapsed() < duration {
                let t = Instant::now();
                request(&http, &url, token.as_deref()).await;
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let elapsed = start.elapsed();
    all.sort();
    let pct = |p: f64| all[((all.len() - 1) as f64 * p) as usize];
    Result {
        rps: all.len() as f64 / elapsed.as_secs_f64(),
        p50: pct(0.50),
        p99: pct(0.99),
    }
}

async fn request(http: &reqwest::Client, url: &str, token: Option<&str>) {
    let mut req = http.get(url);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.expect("request");
    assert!(res.status().is_success(), "{url}: {}", res.status());
    let _ = res.bytes().await.unwrap();
}
