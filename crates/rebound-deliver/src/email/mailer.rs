//! The pooled SMTP sender. lettre's own timeout covers only the TCP
//! connect on Tokio, so every check and send here runs under a deadline
//! of its own; after one passes, the pool is replaced, because a
//! connection abandoned mid-command would go back to the pool and be read
//! out of step with its replies.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls as LettreTls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncTransport, Tokio1Executor};

use super::classify::classify;
use super::{Email, MailFrom, SmtpSettings, Tls};
use crate::SendError;

/// How long connecting, or one whole check or send, may take.
const TIMEOUT: Duration = Duration::from_secs(30);

type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// Sends Rebound's mail through one SMTP server, reusing connections.
/// Clones share the pool.
#[derive(Clone)]
pub struct Mailer {
    inner: Arc<Inner>,
}

struct Inner {
    settings: SmtpSettings,
    from: MailFrom,
    accept_invalid_certs: bool,
    timeout: Duration,
    transport: Mutex<Result<Transport, String>>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = &self.inner;
        write!(f, "Mailer({} from {})", inner.settings, inner.from)
    }
}

impl Mailer {
    /// Must be called inside a Tokio runtime: the pool starts a task that
    /// closes idle connections.
    pub fn new(settings: &SmtpSettings, from: MailFrom) -> Mailer {
        Mailer::with(settings, from, false, TIMEOUT)
    }

    /// For tests against a server with a self-signed certificate only.
    #[cfg(feature = "testing")]
    pub fn new_accepting_invalid_certs(settings: &SmtpSettings, from: MailFrom) -> Mailer {
        Mailer::with(settings, from, true, TIMEOUT)
    }

    /// With another limit on each check or send: the delivery worker's is
    /// shorter, so a batch of sends ends inside its lease; tests use it not
    /// to wait 30 s for a server that never answers.
    pub fn new_with_timeout(settings: &SmtpSettings, from: MailFrom, timeout: Duration) -> Mailer {
        Mailer::with(settings, from, false, timeout)
    }

    fn with(settings: &SmtpSettings, from: MailFrom, accept: bool, timeout: Duration) -> Mailer {
        let inner = Inner {
            settings: settings.clone(),
            from,
            accept_invalid_certs: accept,
            timeout,
            transport: Mutex::new(Err(String::new())),
        };
        *inner.transport.lock().unwrap_or_else(|p| p.into_inner()) = inner.build();
        Mailer {
            inner: Arc::new(inner),
        }
    }

    fn server(&self) -> String {
        self.inner.settings.server()
    }

    fn transport(&self) -> Result<Transport, SendError> {
        let guard = self
            .inner
            .transport
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        guard.clone().map_err(SendError::transient)
    }

    /// Runs one operation under the deadline; when it passes, the pool
    /// is replaced (see the module's comment).
    async fn bounded<T>(
        &self,
        op: impl Future<Output = Result<T, lettre::transport::smtp::Error>>,
    ) -> Result<T, SendError> {
        let server = self.server();
        match tokio::time::timeout(self.inner.timeout, op).await {
            Ok(result) => result.map_err(|e| classify(&e, &server, self.inner.timeout)),
            Err(_) => {
                let fresh = self.inner.build();
                *self
                    .inner
                    .transport
                    .lock()
                    .unwrap_or_else(|p| p.into_inner()) = fresh;
                Err(SendError::transient(format!(
                    "the mail server at {server} did not answer within {} s",
                    self.inner.timeout.as_secs_f32()
                )))
            }
        }
    }

    /// Connects (with STARTTLS and login as configured) and sends NOOP:
    /// what `rebound notify test` runs before sending a message.
    pub async fn check(&self) -> Result<(), SendError> {
        let transport = self.transport()?;
        match self.bounded(transport.test_connection()).await? {
            true => Ok(()),
            false => Err(SendError::transient(format!(
                "the mail server at {} did not answer NOOP",
                self.server()
            ))),
        }
    }

    pub async fn send(&self, email: &Email) -> Result<(), SendError> {
        let message = email
            .build(&self.inner.from)
            .map_err(|e| SendError::permanent(e.to_string()))?;
        let transport = self.transport()?;
        self.bounded(transport.send(message)).await.map(|_| ())
    }
}

impl Inner {
    fn build(&self) -> Result<Transport, String> {
        let settings = &self.settings;
        let tls = || {
            TlsParameters::builder(settings.host.clone())
                .dangerous_accept_invalid_certs(self.accept_invalid_certs)
                .build()
                .map_err(|_| {
                    format!(
                        "could not set up TLS for the mail server at {}",
                        settings.server()
                    )
                })
        };
        let tls = match settings.tls {
            Tls::StartTls => LettreTls::Required(tls()?),
            Tls::Wrapper => LettreTls::Wrapper(tls()?),
            Tls::None => LettreTls::None,
        };
        let mut builder = Transport::builder_dangerous(&settings.host)
            .port(settings.port)
            .tls(tls)
            .timeout(Some(self.timeout))
            // Our own name, not the machine's (no `hostname` feature).
            .hello_name(ClientId::Domain(self.from.domain().to_owned()));
        if let Some(user) = &settings.user {
            let password = settings.password().unwrap_or_default();
            builder = builder.credentials(Credentials::new(user.clone(), password.into()));
        }
        Ok(builder.build())
    }
}
