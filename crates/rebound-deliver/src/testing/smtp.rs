//! `SmtpReceiver`: a real SMTP server for tests, aiosmtpd in its own
//! process writing each message to a Maildir, so lettre speaks real SMTP
//! and the server can be stopped and started again on the same port ("the
//! mail server was down for a while"). Installed by `scripts/setup-smtp`;
//! when it is missing a test fails saying so, it never skips.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod received;

pub use received::{Part, Received};

/// The aiosmtpd process and its Maildir; the process is killed on drop.
pub struct SmtpReceiver {
    python: PathBuf,
    dir: tempfile::TempDir,
    port: u16,
    tls: bool,
    child: Option<Child>,
}

/// The venv's python: `REBOUND_AIOSMTPD_PYTHON`, or `target/smtp-venv`
/// in the first directory above this crate that has one.
fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("REBOUND_AIOSMTPD_PYTHON") {
        return PathBuf::from(p);
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .map(|dir| dir.join("target/smtp-venv/bin/python"))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "aiosmtpd is not installed for the email tests: run scripts/setup-smtp \
                 (or set REBOUND_AIOSMTPD_PYTHON to a python that has aiosmtpd 1.4.6)"
            )
        })
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free loopback port");
    listener.local_addr().expect("local address").port()
}

impl SmtpReceiver {
    /// Plain SMTP on a free loopback port, accepting connections on return.
    pub fn start() -> SmtpReceiver {
        SmtpReceiver::start_with(false)
    }

    /// STARTTLS offered and required (aiosmtpd's default with a cert), on
    /// a self-signed certificate made with `openssl req`: `url()` then
    /// has no `tls=none`, and only a Mailer that accepts the certificate
    /// (`Mailer::new_accepting_invalid_certs`) gets through.
    pub fn start_starttls() -> SmtpReceiver {
        SmtpReceiver::start_with(true)
    }

    fn start_with(tls: bool) -> SmtpReceiver {
        let python = python();
        let dir = tempfile::tempdir().expect("a temporary directory for the Maildir");
        std::fs::write(
            dir.path().join("rebound_test_handler.py"),
            include_str!("smtp/handler.py"),
        )
        .expect("write the handler");
        if tls {
            make_certificate(dir.path());
        }
        let mut receiver = SmtpReceiver {
            python,
            dir,
            port: 0,
            tls,
            child: None,
        };
        // Another process may take the port between our probe and
        // aiosmtpd's bind; a few fresh ports make that harmless.
        for _ in 0..5 {
            receiver.port = free_port();
            if receiver.spawn() {
                return receiver;
            }
        }
        panic!("aiosmtpd did not start: {}", receiver.log());
    }

    /// `smtp://127.0.0.1:PORT?tls=none` (or STARTTLS for `start_starttls`).
    pub fn url(&self) -> String {
        if self.tls {
            format!("smtp://127.0.0.1:{}", self.port)
        } else {
            format!("smtp://127.0.0.1:{}?tls=none", self.port)
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Kills the server; connections are refused until `start_again`.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // A paused process still dies of SIGKILL; no resume needed.
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Answers every recipient "451 try again later" (a transient refusal)
    /// until [`SmtpReceiver::accept_again`], noting each in [`SmtpReceiver::deferred`].
    pub fn defer_all(&self) {
        std::fs::write(self.dir.path().join("defer-all"), b"").expect("write defer-all");
    }

    /// Accepts mail again after [`SmtpReceiver::defer_all`].
    pub fn accept_again(&self) {
        let _ = std::fs::remove_file(self.dir.path().join("defer-all"));
    }

    /// Every recipient deferred so far, in order (one per attempt).
    pub fn deferred(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.path().join("deferred.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// Freezes the server (SIGSTOP): connections are accepted by the
    /// kernel but nothing answers, as with a hung mail server.
    pub fn pause(&self) {
        self.signal("-STOP");
    }

    /// Lets a paused server run on (SIGCONT).
    pub fn resume(&self) {
        self.signal("-CONT");
    }

    fn signal(&self, which: &str) {
        let child = self.child.as_ref().expect("the SMTP receiver is running");
        let status = Command::new("kill")
            .arg(which)
            .arg(child.id().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill {which} failed");
    }

    /// Starts the server again on the same port and Maildir.
    pub fn start_again(&mut self) {
        self.stop();
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.spawn() {
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not start again on port {}: {}",
                self.port,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn maildir(&self) -> PathBuf {
        self.dir.path().join("Maildir")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("aiosmtpd.log")).unwrap_or_default()
    }

    /// Starts aiosmtpd on `self.port`; false when it exited before
    /// accepting (the port was taken), true once it accepts.
    fn spawn(&mut self) -> bool {
        let log = std::fs::File::create(self.dir.path().join("aiosmtpd.log")).expect("log file");
        let mut cmd = Command::new(&self.python);
        cmd.args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{}", self.port))
            .args(["-c", "rebound_test_handler.Mailbox"]);
        if self.tls {
            cmd.arg("--tlscert")
                .arg(self.dir.path().join("cert.pem"))
                .arg("--tlskey")
                .arg(self.dir.path().join("key.pem"));
        }
        let child = cmd
            .arg(self.maildir())
            .env("PYTHONPATH", self.dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "could not run {} ({e}): run scripts/setup-smtp",
                    self.python.display()
                )
            });
        let mut child = child;
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(_)) = child.try_wait() {
                return false;
            }
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                self.child = Some(child);
                return true;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "aiosmtpd did not accept connections within 20 s: {}",
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<Received> {
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.maildir().join(sub)) else {
                continue;
            };
            for entry in entries.flatten() {
                let modified = entry.metadata().and_then(|m| m.modified());
                files.push((modified.unwrap_or(std::time::UNIX_EPOCH), entry.path()));
            }
        }
        files.sort();
        if files.is_empty() {
            return Vec::new();
        }
        received::parse(&self.python, files.iter().map(|(_, p)| p.as_path()))
    }

    /// Waits (without blocking the runtime) until at least `n` messages
    /// arrived, and returns them; panics with what did arrive on timeout.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let count = ["new", "cur"]
                .iter()
                .filter_map(|sub| std::fs::read_dir(self.maildir().join(sub)).ok())
                .map(|d| d.count())
                .sum::<usize>();
            if count >= n {
                return self.messages();
            }
            if tokio::time::Instant::now() > deadline {
                panic!(
                    "expected {n} messages, {count} arrived; aiosmtpd said: {}",
                    self.log()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

fn make_certificate(dir: &Path) {
    let status = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        ])
        .args(["-subj", "/CN=127.0.0.1", "-keyout"])
        .arg(dir.join("key.pem"))
        .arg("-out")
        .arg(dir.join("cert.pem"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the STARTTLS test needs the openssl command");
    assert!(
        status.success(),
        "openssl req could not make a test certificate"
    );
}

impl Drop for SmtpReceiver {
    fn drop(&mut self) {
        self.stop();
    }
}
