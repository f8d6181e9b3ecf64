//! `spawn_app()`: the real server on 127.0.0.1:0 over a fresh SQLite file,
//! with typed helpers to act as different people.

use rebound_auth::HashCost;
use rebound_server::{Backend, Clock, Settings, serve};
use rebound_store_postgres::testing::TestDatabase;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::sync::Arc;

pub struct TestApp {
    pub base: String,
    pub http: reqwest::Client,
    /// The server's clock: stepped by a test to reach an expiry at once.
    pub clock: Clock,
    _dir: tempfile::TempDir,
    /// Dropped (and the database with it) when the test ends.
    _pg: Option<TestDatabase>,
}

/// Someone signed in, holding an API token (and their session cookie).
#[derive(Clone, Debug)]
pub struct Person {
    pub id: String,
    pub email: String,
    pub token: String,
    pub cookie: String,
}

pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

pub const PASSWORD: &str = "correct horse battery";

/// The backend under test: SQLite, or a fresh PostgreSQL database when
/// `REBOUND_TEST_BACKEND=postgres` (scripts/test runs the suite both ways).
async fn backend(dir: &std::path::Path) -> (Arc<dyn Backend>, Option<TestDatabase>) {
    if std::env::var("REBOUND_TEST_BACKEND").as_deref() == Ok("postgres") {
        let db = TestDatabase::create()
            .expect("REBOUND_TEST_BACKEND=postgres needs a PostgreSQL server");
        let store = rebound_store_postgres::connect(db.url()).await.unwrap();
        (Arc::new(store), Some(db))
    } else {
        let store = rebound_store_sqlite::open(&dir.join("rebound.db"))
            .await
            .unwrap();
        (Arc::new(store), None)
    }
}

impl TestApp {
    /// The SQLite database file under test; `None` on PostgreSQL.
    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        self._pg
            .is_none()
            .then(|| self._dir.path().join("rebound.db"))
    }
}

impl TestApp {
    /// A second connection to the server's database, to read what no
    /// request shows any more (a deleted record's audit events).
    pub async fn store(&self) -> Arc<dyn Backend> {
        match &self._pg {
            Some(db) => Arc::new(rebound_store_postgres::connect(db.url()).await.unwrap()),
            None => Arc::new(
                rebound_store_sqlite::open(&self._dir.path().join("rebound.db"))
                    .await
                    .unwrap(),
            ),
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like `spawn_app`, with some settings changed.
pub async fn spawn_app_with(change: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let (store, pg) = backend(dir.path()).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut settings = Settings {
        secure_cookies: false,
        password_cost: HashCost::CHEAP_FOR_TESTS,
        clock: Clock::steppable(),
        ..Settings::default()
    };
    change(&mut settings);
    let clock = settings.clock.clone();
    tokio::spawn(serve(listener, store, settings));
    TestApp {
        base: format!("http://{addr}"),
        http: reqwest::Client::new(),
        clock,
        _dir: dir,
        _pg: pg,
    }
}

/// A server that mails through `receiver` (a real SMTP server), its links
/// on `https://rebound.example`.
pub async fn spawn_mailing(receiver: &rebound_deliver::testing::smtp::SmtpReceiver) -> TestApp {
    spawn_app_with(|s| mail_through(s, receiver)).await
}

/// Mail settings for `receiver`, links on `https://rebound.example`.
pub fn mail_through(s: &mut Settings, receiver: &rebound_deliver::testing::smtp::SmtpReceiver) {
    use rebound_deliver::email::{MailFrom, SmtpSettings};
    let smtp = SmtpSettings::parse(&receiver.url()).unwrap();
    let from = MailFrom::parse("Rebound <rebound@rebound.example>").unwrap();
    s.delivery.mail = Some((smtp, from));
    s.delivery.public_url = Some("https://rebound.example".parse().unwrap());
}

/// What `probe` finds once it finds something: polled until then, for at
/// most a minute (a wait on a loaded machine, never a measurement).
pub async fn eventually<T>(what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        if let Some(found) = probe() {
            return found;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "still waiting: {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// Two servers on one database (PostgreSQL when the suite runs on it, else
/// one SQLite file), sharing one steppable clock, as two instances behind
/// one address would share real time.
pub async fn spawn_two_with(change: impl Fn(&mut Settings)) -> (TestApp, TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let (first, pg) = backend(dir.path()).await;
    let second: Arc<dyn Backend> = match &pg {
        Some(db) => Arc::new(rebound_store_postgres::connect(db.url()).await.unwrap()),
        None => Arc::new(
            rebound_store_sqlite::open(&dir.path().join("rebound.db"))
                .await
                .unwrap(),
        ),
    };
    let clock = Clock::steppable();
    let mut apps = Vec::new();
    for store in [first, second] {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut settings = Settings {
            secure_cookies: false,
            password_cost: HashCost::CHEAP_FOR_TESTS,
            clock: clock.clone(),
            ..Settings::default()
        };
        change(&mut settings);
        tokio::spawn(serve(listener, store, settings));
        apps.push((format!("http://{addr}"), clock.clone()));
    }
    let mut dir = Some(dir);
    let mut pg = pg;
    let mut made = apps.into_iter().map(|(base, clock)| TestApp {
        base,
        http: reqwest::Client::new(),
        clock,
        // The first keeps the database and its directory alive.
        _dir: dir.take().unwrap_or_else(|| tempfile::tempdir().unwrap()),
        _pg: pg.take(),
    });
    let a = made.next().unwrap();
    (a, made.next().unwrap())
}

impl TestApp {
    /// Follows a link from a message as a mail client or a person without
    /// a session would: no cookie, no token.
    pub async fn follow(&self, method: Method, path: &str) -> reqwest::Response {
        let req = self.http.request(method, format!("{}{path}", self.base));
        req.send().await.unwrap()
    }

    /// Moves the server's clock just past `at`, instead of waiting for it.
    pub fn step_past(&self, at: jiff::Timestamp) {
        let left = at.duration_since(self.clock.now());
        if !left.is_negative() {
            self.clock.step(left + jiff::SignedDuration::from_millis(1));
        }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        who: Option<&Person>,
        body: Option<Value>,
    ) -> Reply {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(p) = who {
            req = req.bearer_auth(&p.token);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("request");
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply {
            status,
            body,
            headers,
        }
    }

    pub async fn get(&self, path: &str, who: &Person) -> Reply {
        self.call(Method::GET, path, Some(who), None).await
    }

    pub async fn post(&self, path: &str, who: &Person, body: Value) -> Reply {
        self.call(Method::POST, path, Some(who), Some(body)).await
    }

    pub async fn put(&self, path: &str, who: &Person, body: Value) -> Reply {
        self.call(Method::PUT, path, Some(who), Some(body)).await
    }

    pub async fn patch(&self, path: &str, who: &Person, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(who), Some(body)).await
    }

    /// Turns a signed-in reply (cookie set) into a Person with an API token.
    async fn person(&self, reply: Reply, email: &str) -> Person {
        assert!(
            reply.status.is_success(),
            "{}: {}",
            reply.status,
            reply.body
        );
        let cookie = session_cookie(&reply.headers).expect("a session cookie");
        let res = self
            .http
            .post(format!("{}/api/v1/me/tokens", self.base))
            .header("cookie", &cookie)
            .json(&json!({"name": "tests"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        let token: Value = res.json().await.unwrap();
        Person {
            id: reply.body["user"]["id"].as_str().unwrap().to_string(),
            email: email.to_string(),
            token: token["token"].as_str().unwrap().to_string(),
            cookie,
        }
    }

    /// Signs `who` in again (a test that stepped the clock past their
    /// session's end): a fresh session cookie.
    pub async fn sign_in_again(&self, who: &mut Person) {
        let body = json!({"email": who.email, "password": PASSWORD});
        let reply = self
            .call(Method::POST, "/api/v1/session", None, Some(body))
            .await;
        assert!(reply.status.is_success(), "{}", reply.body);
        who.cookie = session_cookie(&reply.headers).expect("a session cookie");
    }

    pub async fn setup_admin(&self) -> Person {
        let reply = self
            .call(
                Method::POST,
                "/api/v1/setup",
                None,
                Some(json!({"email": "admin@example.com", "display_name": "Ada Admin", "password": PASSWORD})),
            )
            .await;
        self.person(reply, "admin@example.com").await
    }

    /// Invites and signs up someone; `manager` and `team` as for invitations.
    pub async fn join(
        &self,
        admin: &Person,
        name: &str,
        role: &str,
        manager: Option<&Person>,
        team: Option<&str>,
    ) -> Person {
        let email = format!("{}@example.com", name.to_lowercase());
        let invite = self
            .post(
                "/api/v1/invitations",
                admin,
                json!({"email": email, "role": role, "manager": manager.map(|m| m.id.clone()), "team": team}),
            )
            .await;
        assert_eq!(invite.status, StatusCode::CREATED, "{}", invite.body);
        let reply = self
            .call(
                Method::POST,
                "/api/v1/invitations/accept",
                None,
                Some(json!({"token": invite.body["token"], "display_name": name, "password": PASSWORD})),
            )
            .await;
        self.person(reply, &email).await
    }

    /// `admin` disables `who`'s account; asserts it was done.
    pub async fn disable(&self, admin: &Person, who: &Person) {
        let r = self
            .post(
                &format!("/api/v1/users/{}/disable", who.id),
                admin,
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    }

    pub async fn new_team(&self, admin: &Person, name: &str) -> String {
        let r = self
            .post("/api/v1/teams", admin, json!({"name": name}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        r.body["id"].as_str().unwrap().to_string()
    }

    /// Records a mistake as `who` and returns its id.
    pub async fn mistake(&self, who: &Person, title: &str, visibility: &str) -> String {
        let r = self
            .post(
                "/api/v1/mistakes",
                who,
                json!({"title": title, "visibility": visibility}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        r.body["id"].as_str().unwrap().to_string()
    }
}

pub fn session_cookie(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("rebound_session=") && !v.starts_with("rebound_session=;"))
        .map(|v| v.split(';').next().unwrap().to_string())
}
