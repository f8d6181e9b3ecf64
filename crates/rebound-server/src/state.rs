//! What every handler gets: the guard (the only way to mistakes), the
//! clock and settings.

use crate::audit::AuditSink;
use crate::auth::hashing::Hashing;
use crate::clock::Clock;
use crate::guard::{Backend, Guard};
use crate::listen::Limits;
use rebound_auth::{HashCost, Passwords};
use std::net::IpAddr;
use std::sync::Arc;

/// Settings passed in explicitly at start-up; never read from globals.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Mark cookies `Secure` (and use the `__Host-` prefix). Off only for
    /// plain-HTTP development on loopback.
    pub secure_cookies: bool,
    /// `X-Forwarded-For` is believed only from this address.
    pub trusted_proxy: Option<IpAddr>,
    /// Login attempts allowed per account and per address each minute.
    pub login_attempts_per_minute: u32,
    /// Password hashes run at once (each takes 19 MiB and a core).
    pub password_hashes_at_once: usize,
    /// Requests that may wait for a hash; more get 503 at once.
    pub password_hashes_waiting: usize,
    /// argon2id cost: production numbers unless a test asks for cheap ones.
    pub password_cost: HashCost,
    /// Where "now" comes from: the system clock unless a test steps one.
    pub clock: Clock,
    /// Timeouts and the connection cap (`listen.rs`).
    pub limits: Limits,
    /// Where messages go out (mail server, links), if anywhere.
    pub delivery: crate::delivery::DeliverySettings,
    /// How long housekeeping keeps what has ended (`housekeeping.rs`).
    pub retention: crate::housekeeping::Retention,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            secure_cookies: true,
            trusted_proxy: None,
            login_attempts_per_minute: 10,
            password_hashes_at_once: std::thread::available_parallelism()
                .map_or(2, |n| n.get().min(4)),
            password_hashes_waiting: 32,
            password_cost: HashCost::PRODUCTION,
            clock: Clock::System,
            limits: Limits::default(),
            delivery: Default::default(),
            retention: Default::default(),
        }
    }
}

/// One shared allocation: axum clones the state for every request (the
/// route's service, then the `State` extractor), and cloning the fields
/// themselves was about ten atomic counts on cache lines both cores share,
/// and as many again on drop.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What [`AppState`] holds.
pub struct Shared {
    pub guard: Guard,
    /// The only source of "now" for requests.
    pub clock: Clock,
    pub settings: Arc<Settings>,
    /// Every password hash goes through here, bounded.
    pub passwords: Hashing,
    /// The key signing links in messages, read once (`AppState::link_key`).
    pub(crate) links: Arc<tokio::sync::OnceCell<rebound_deliver::link::LinkKey>>,
}

impl AppState {
    /// The state and the audit writer's task, which ends once every clone
    /// of the state is dropped and the audit channel is drained.
    pub fn start(
        backend: Arc<dyn Backend>,
        settings: Settings,
    ) -> (Self, tokio::task::JoinHandle<()>) {
        let passwords = Hashing::new(
            Passwords::new(settings.password_cost).expect("password cost is valid"),
            settings.password_hashes_at_once,
            settings.password_hashes_waiting,
        );
        let (audit, writer) = AuditSink::start(backend.clone(), settings.clock.clone());
        let clock = settings.clock.clone();
        let state = AppState(Arc::new(Shared {
            guard: Guard::new(backend, audit, clock.clone())
                .with_delivery(settings.delivery.clone()),
            clock,
            settings: Arc::new(settings),
            passwords,
            links: Arc::default(),
        }));
        (state, writer)
    }

    /// Checks the password rules, then hashes it away from the async
    /// threads (argon2id is slow on purpose).
    pub async fn hash_password(&self, password: String) -> crate::error::ApiResult<String> {
        use crate::error::ApiError;
        rebound_auth::check_password_rules(&password)
            .map_err(|e| ApiError::unprocessable(e.to_string()))?;
        self.passwords
            .run(move |p| p.hash(&password))
            .await?
            .map_err(ApiError::internal_because)
    }
}
