//! What every browser test stands on: the real server on 127.0.0.1:0 over a
//! fresh SQLite file, one chromedriver child process, and browser sessions
//! (each its own empty Chromium profile) whose helpers check every page they
//! land on with axe-core and keep screenshots of the steps asked for.

use crate::axe;
use base64::Engine as _;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use rebound_auth::HashCost;
use rebound_server::{Settings, serve};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const PASSWORD: &str = "correct horse battery";

/// Chromium on this machine: headless, no sandbox (tests run as root), no
/// GPU, and nothing that reaches for the network by itself (the machine's
/// network is closed; without these it retries connections endlessly);
/// scrollbars overlaid, as on a phone, so a 390-px viewport lays out 390 px.
const CHROMIUM_ARGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];

/// How long a page may take to arrive or a condition to become true.
const PATIENCE: Duration = Duration::from_secs(15);

fn axe_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/axe-core/axe.min.js")
}

/// Where screenshots go: `target/browser-artifacts/<test>/`.
fn artifacts_root() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(t) => PathBuf::from(t),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
    }
    .join("browser-artifacts")
}

/// What is missing for the browser tests, if anything.
fn missing() -> Option<String> {
    for (path, what) in [
        (PathBuf::from(CHROMIUM), "Chromium"),
        (PathBuf::from(CHROMEDRIVER), "chromedriver"),
        (axe_file(), "axe-core"),
    ] {
        if !path.exists() {
            return Some(format!(
                "{what} is not installed at {} (scripts/setup-browser installs it)",
                path.display()
            ));
        }
    }
    None
}

/// One test's world: the server, chromedriver, and the screenshot folder.
pub struct Env {
    pub base: String,
    pub http: reqwest::Client,
    driver: Driver,
    axe: Arc<String>,
    shots: PathBuf,
    /// Orders screenshots across the test's browsers.
    step: Arc<AtomicUsize>,
    _dir: tempfile::TempDir,
}

impl Env {
    /// Starts everything for the test `name`; `None` (after saying SKIPPED)
    /// when the browser is not installed and this is not CI.
    pub async fn start(name: &str) -> Option<Env> {
        if let Some(why) = missing() {
            if std::env::var_os("CI").is_some() {
                panic!("browser tests must run in CI: {why}");
            }
            eprintln!("SKIPPED: browser test {name}: {why}");
            return None;
        }
        let axe = Arc::new(std::fs::read_to_string(axe_file()).expect("axe-core readable"));
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
        let shots = artifacts_root().join(name);
        let _ = std::fs::remove_dir_all(&shots);
        std::fs::create_dir_all(&shots).unwrap();
        let shots = shots.canonicalize().unwrap();
        eprintln!("screenshots of {name}: {}", shots.display());
        let http = reqwest::Client::new();
        let driver = Driver::start(&http).await;
        Some(Env {
            base,
            http,
            driver,
            axe,
            shots,
            step: Arc::new(AtomicUsize::new(0)),
            _dir: dir,
        })
    }

    /// A new browser session with an empty profile, 1280×900; `who` names
    /// its screenshots.
    pub async fn browser(&self, who: &str) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        args.push("--window-size=1280,900".to_string());
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": CHROMIUM, "args": args },
        });
        let caps = match caps {
            Value::Object(m) => m,
            _ => unreachable!(),
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&self.driver.url)
            .await
            .unwrap_or_else(|e| panic!("starting Chromium through chromedriver: {e}"));
        Browser {
            c: client,
            who: who.to_string(),
            base: self.base.clone(),
            axe: self.axe.clone(),
            shots: self.shots.clone(),
            step: self.step.clone(),
            driver: self.driver.url.clone(),
            http: self.http.clone(),
            checked: std::sync::Mutex::new(Vec::new()),
            _profile: profile,
        }
    }

    /// Signs in over the JSON API and returns an API token, for the setup
    /// steps the test does not walk through in a browser.
    pub async fn api_token(&self, email: &str) -> String {
        let r = self
            .http
            .post(format!("{}/api/v1/session", self.base))
            .json(&json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "API sign-in: {}", r.status());
        let cookie = r
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("rebound_session=") && !v.starts_with("rebound_session=;"))
            .map(|v| v.split(';').next().unwrap().to_string())
            .expect("a session cookie");
        let t: Value = self
            .http
            .post(format!("{}/api/v1/me/tokens", self.base))
            .header("cookie", cookie)
            .json(&json!({"name": "browser tests"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        t["token"].as_str().expect("an API token").to_string()
    }

    /// A JSON API call with a token; panics unless it succeeds.
    pub async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Value,
    ) -> Value {
        let r = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status();
        let text = r.text().await.unwrap();
        assert!(status.is_success(), "{method} {path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }
}

/// chromedriver as a child process on a free loopback port; killed on drop.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    async fn start(http: &reqwest::Client) -> Driver {
        // A free port: bind, read it, let go (chromedriver takes it next).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {CHROMEDRIVER}: {e}"));
        let url = format!("http://127.0.0.1:{port}");
        let driver = Driver { child, url };
        let started = Instant::now();
        loop {
            let ready = http
                .get(format!("{}/status", driver.url))
                .send()
                .await
                .ok()
                .map(|r| r.json::<Value>());
            if let Some(body) = ready
                && let Ok(v) = body.await
                && v["value"]["ready"] == json!(true)
            {
                return driver;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "chromedriver did not answer on {}",
                driver.url
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser session.
pub struct Browser {
    pub c: Client,
    who: String,
    base: String,
    axe: Arc<String>,
    shots: PathBuf,
    step: Arc<AtomicUsize>,
    /// chromedriver's address, for what WebDriver has no command for.
    driver: String,
    http: reqwest::Client,
    /// Every page checked with axe-core, by path.
    checked: std::sync::Mutex<Vec<String>>,
    _profile: tempfile::TempDir,
}

/// Whether the focused element shows it has the focus, and whether it
/// matches `arguments[0]`.
const FOCUS_SEEN: &str = r#"
const e = document.activeElement;
const what = e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + (e.innerText || e.value || '').trim().slice(0, 40) + '"' : 'nothing';
if (!e || e === document.body) return { seen: true, matches: false, what };
const s = getComputedStyle(e);
const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
const shadow = s.boxShadow !== 'none';
return { seen: outline || shadow, matches: e.matches(arguments[0]), what, outline: s.outlineStyle + ' ' + s.outlineWidth };
"#;

/// An XPath string literal for `s` (which must not hold both quote kinds).
fn xpath_literal(s: &str) -> String {
    if s.contains('"') {
        format!("'{s}'")
    } else {
        format!("\"{s}\"")
    }
}

impl Browser {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Opens a page and checks it.
    pub async fn open(&self, path: &str) {
        self.c
            .goto(&self.url(path))
            .await
            .unwrap_or_else(|e| panic!("{}: opening {path}: {e}", self.who));
        self.landed().await;
    }

    /// A new page has loaded: check it with axe-core.
    pub async fn landed(&self) {
        self.wait_until(
            "the page to load",
            "return document.readyState === 'complete'",
        )
        .await;
        let path = self.path().await;
        axe::check(&self.c, &self.axe, &format!("{} on {path}", self.who)).await;
        self.checked.lock().unwrap().push(path);
    }

    /// The pages this session checked with axe-core.
    pub fn checked(&self) -> Vec<String> {
        self.checked.lock().unwrap().clone()
    }

    /// The current path (and query and fragment).
    pub async fn path(&self) -> String {
        let u = self.c.current_url().await.unwrap();
        let mut p = u.path().to_string();
        if let Some(q) = u.query() {
            p = format!("{p}?{q}");
        }
        if let Some(f) = u.fragment() {
            p = format!("{p}#{f}");
        }
        p
    }

    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.c
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("{}: script failed: {e}\n{script}", self.who))
    }

    /// Polls `script` (returning a boolean) until true.
    pub async fn wait_until(&self, what: &str, script: &str) {
        let started = Instant::now();
        loop {
            // Mid-navigation a script may fail; that is not an answer yet.
            if let Ok(v) = self.c.execute(script, vec![]).await
                && v == json!(true)
            {
                return;
            }
            if started.elapsed() > PATIENCE {
                let text = self.text().await;
                panic!(
                    "{}: waited {PATIENCE:?} for {what} on {}\n--- page text ---\n{text}",
                    self.who,
                    self.path().await
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The visible text of the page.
    pub async fn text(&self) -> String {
        self.c
            .execute(
                "return document.body ? document.body.innerText : ''",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// Asserts where the browser is (path without the fragment).
    pub async fn assert_at(&self, expected: &str) {
        let path = self.path().await;
        let here = path.split('#').next().unwrap_or_default();
        if here != expected {
            panic!(
                "{}: expected to be at {expected}, but at {path}\n--- page text ---\n{}",
                self.who,
                self.text().await
            );
        }
    }

    pub async fn assert_text(&self, expected: &str) {
        let text = self.text().await;
        assert!(
            text.contains(expected),
            "{}: expected {expected:?} on {}\n--- page text ---\n{text}",
            self.who,
            self.path().await
        );
    }

    /// An element by CSS selector.
    pub async fn el(&self, css: &str) -> Element {
        match self
            .c
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(e) => e,
            Err(e) => panic!(
                "{}: no element {css:?} on {}: {e}",
                self.who,
                self.path().await
            ),
        }
    }

    /// A button (or submit input) by its visible text, optionally inside
    /// the element `within` (CSS).
    pub async fn button(&self, label: &str, within: Option<&str>) -> Element {
        let lit = xpath_literal(label);
        let xpath = |scope: &str| {
            format!(
                "{scope}//button[normalize-space(.)={lit}] | {scope}//input[(@type='submit' or @type='button') and @value={lit}]"
            )
        };
        let found = match within {
            Some(css) => self.el(css).await.find(Locator::XPath(&xpath("."))).await,
            None => {
                self.c
                    .wait()
                    .at_most(PATIENCE)
                    .for_element(Locator::XPath(&xpath("")))
                    .await
            }
        };
        match found {
            Ok(b) => b,
            Err(e) => panic!(
                "{}: no button {label:?}{} on {}: {e}",
                self.who,
                within.map(|w| format!(" in {w}")).unwrap_or_default(),
                self.path().await
            ),
        }
    }

    /// Types into a field (by CSS selector), replacing what was there.
    pub async fn fill(&self, css: &str, value: &str) {
        let field = self.el(css).await;
        field.clear().await.unwrap();
        field
            .send_keys(value)
            .await
            .unwrap_or_else(|e| panic!("{}: typing into {css}: {e}", self.who));
    }

    /// Clicks a control that leaves the page, waits for the next page and
    /// checks it.
    pub async fn navigate_by(&self, control: Element) {
        self.js("window.__reboundStale = true; return null", vec![])
            .await;
        control
            .click()
            .await
            .unwrap_or_else(|e| panic!("{}: clicking: {e}", self.who));
        self.wait_until(
            "the next page",
            "return !window.__reboundStale && document.readyState === 'complete'",
        )
        .await;
        self.landed().await;
    }

    /// Clicks a button by its text (see `button`) and lands on the next page.
    pub async fn submit(&self, label: &str, within: Option<&str>) {
        let b = self.button(label, within).await;
        self.navigate_by(b).await;
    }

    /// Follows a link by its text.
    pub async fn follow(&self, label: &str) {
        let a = self
            .c
            .find(Locator::LinkText(label))
            .await
            .unwrap_or_else(|e| panic!("{}: no link {label:?}: {e}", self.who));
        self.navigate_by(a).await;
    }

    /// Presses keys, one after another, on whatever has focus.
    pub async fn keys(&self, keys: &[char]) {
        let mut seq = KeyActions::new("keyboard".to_string());
        for &k in keys {
            seq = seq
                .then(KeyAction::Down { value: k })
                .then(KeyAction::Up { value: k });
        }
        self.c
            .perform_actions(seq)
            .await
            .unwrap_or_else(|e| panic!("{}: pressing keys: {e}", self.who));
    }

    /// Types text with the keyboard into whatever has focus.
    pub async fn type_text(&self, text: &str) {
        self.keys(&text.chars().collect::<Vec<_>>()).await;
    }

    /// Presses a key that leaves the page (Enter or Space on a button),
    /// then waits for the next page and checks it.
    pub async fn key_to_next_page(&self, key: Key) {
        self.js("window.__reboundStale = true; return null", vec![])
            .await;
        self.keys(&[key.into()]).await;
        self.wait_until(
            "the next page",
            "return !window.__reboundStale && document.readyState === 'complete'",
        )
        .await;
        self.landed().await;
    }

    /// Presses Tab until the focused element matches `css`, asserting at
    /// every stop that the focus can be seen (an outline or a shadow).
    pub async fn tab_to(&self, css: &str) {
        for _ in 0..60 {
            self.keys(&[Key::Tab.into()]).await;
            let focus = self.js(FOCUS_SEEN, vec![json!(css)]).await;
            assert!(
                focus["seen"] == json!(true),
                "{}: focus cannot be seen on {} at {}: {focus}",
                self.who,
                focus["what"],
                self.path().await
            );
            if focus["matches"] == json!(true) {
                return;
            }
        }
        panic!(
            "{}: {css} never got the focus by Tab on {}",
            self.who,
            self.path().await
        );
    }

    /// Sizes the window so the page's viewport is `width`×`height` CSS px
    /// (headless Chromium's window is larger than its viewport).
    pub async fn set_viewport(&self, width: u32, height: u32) {
        // The window's frame is measured at the current size, which may be
        // off after a narrow window (Chromium keeps a minimum), so measure
        // and correct once more.
        for _ in 0..2 {
            let extra = self
                .js(
                    "return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]",
                    vec![],
                )
                .await;
            let dx = extra[0].as_i64().unwrap_or(0).max(0) as u32;
            let dy = extra[1].as_i64().unwrap_or(0).max(0) as u32;
            self.c
                .set_window_size(width + dx, height + dy)
                .await
                .unwrap();
            if self.viewport().await == (width, height) {
                return;
            }
        }
    }

    /// Puts this browser on `zone`'s clock (an IANA name), as if it were
    /// there: WebDriver has no command for it, so through DevTools.
    pub async fn set_time_zone(&self, zone: &str) {
        let session = self.c.session_id().await.unwrap().expect("a session");
        let r: Value = self
            .http
            .post(format!(
                "{}/session/{session}/goog/cdp/execute",
                self.driver
            ))
            .json(&json!({"cmd": "Emulation.setTimezoneOverride", "params": {"timezoneId": zone}}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            r["value"].is_object(),
            "{}: no time zone {zone}: {r}",
            self.who
        );
    }

    /// The viewport's size in CSS px.
    pub async fn viewport(&self) -> (u32, u32) {
        let v = self
            .js("return [window.innerWidth, window.innerHeight]", vec![])
            .await;
        (
            v[0].as_u64().unwrap_or(0) as u32,
            v[1].as_u64().unwrap_or(0) as u32,
        )
    }

    /// A screenshot of the whole page, kept as a test artefact
    /// (`NN-who-step.png`, numbered across the test's browsers).
    pub async fn shot(&self, step: &str) {
        self.shot_of("html", step).await;
    }

    /// A screenshot of one element (CSS selector), whole even when it is
    /// taller than the window. WebDriver only captures the viewport, so
    /// this asks Chromium itself through chromedriver's DevTools passthrough.
    pub async fn shot_of(&self, css: &str, step: &str) {
        let n = self.step.fetch_add(1, Ordering::SeqCst) + 1;
        let clip = self
            .js(
                "const r = document.querySelector(arguments[0]).getBoundingClientRect(); \
                 return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height, scale: 1}",
                vec![json!(css)],
            )
            .await;
        let session = self.c.session_id().await.unwrap().expect("a session");
        let r: Value = self
            .http
            .post(format!(
                "{}/session/{session}/goog/cdp/execute",
                self.driver
            ))
            .json(&json!({
                "cmd": "Page.captureScreenshot",
                "params": {"format": "png", "captureBeyondViewport": true, "clip": clip},
            }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let data = r["value"]["data"]
            .as_str()
            .unwrap_or_else(|| panic!("{}: no screenshot: {r}", self.who));
        let png = base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap();
        let file = self.shots.join(format!("{n:02}-{}-{step}.png", self.who));
        std::fs::write(&file, png).unwrap();
    }

    pub async fn close(self) {
        let _ = self.c.close().await;
    }
}
