//! A `rebound serve` process for end-to-end tests: started on port 0, its
//! stderr gathered (the server's log), plain HTTP/1.1 requests to it.

use crate::harness::Rebound;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdout, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One `rebound serve` process; killed on drop, a failed assertion included.
pub struct Server {
    child: Child,
    pub addr: String,
    /// Kept open so the server never writes to a closed pipe.
    stdout: BufReader<ChildStdout>,
    pub stderr: Arc<Mutex<String>>,
    _home: Rebound,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts the process; call [`Server::ready`] before sending requests.
    pub fn spawn(url: &str) -> Server {
        Server::spawn_with(&[], &[("REBOUND_DATABASE_URL", url)])
    }

    /// `rebound serve` on port 0 with `--insecure-cookies`, these extra
    /// flags and these environment variables.
    pub fn spawn_with(args: &[&str], env: &[(&str, &str)]) -> Server {
        let home = Rebound::new();
        let mut all = vec!["serve", "--addr", "127.0.0.1:0", "--insecure-cookies"];
        all.extend_from_slice(args);
        let mut child = home
            .command(&all)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start rebound serve");
        // Drained on a thread of its own: a full stderr pipe would stall
        // the server, and what it said helps when a test fails.
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Server {
            stdout: BufReader::new(child.stdout.take().unwrap()),
            child,
            addr: String::new(),
            stderr,
            _home: home,
        }
    }

    /// Reads the first stdout line, "Rebound is listening on http://ADDR".
    pub fn ready(mut self) -> Server {
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        if !line.contains("listening on http://") {
            // A moment for the reason to reach stderr.
            std::thread::sleep(Duration::from_millis(300));
            panic!(
                "rebound serve did not start: stdout {line:?}, stderr: {}",
                self.stderr.lock().unwrap()
            );
        }
        self.addr = line.trim().rsplit("http://").next().unwrap().to_string();
        self
    }

    pub fn send(&self, method: &str, path: &str, auth: &Auth, body: Option<&Value>) -> Response {
        request(&self.addr, method, path, auth, body, &[])
    }

    /// What the server has written to stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// The first stderr line that `wanted` accepts, waiting for it to be
    /// written (a request's line follows its response closely, but is read
    /// on another thread); panics with all of stderr if none comes.
    pub fn log_line(&self, wanted: impl Fn(&str) -> bool) -> String {
        for _ in 0..500 {
            if let Some(line) = self.stderr().lines().find(|l| wanted(l)) {
                return line.to_string();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("no such log line in: {}", self.stderr())
    }
}

/// How a request proves who sends it.
#[derive(Clone)]
pub enum Auth {
    None,
    /// `rebound_session=…`, as the server set it.
    Cookie(String),
    Bearer(String),
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Insists on `status`; returns self for chaining.
    pub fn expect(self, status: u16, what: &str) -> Response {
        assert_eq!(self.status, status, "{what}: {}", self.body);
        self
    }
}

/// One HTTP/1.1 request on a fresh connection, `Connection: close`.
pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    auth: &Auth,
    body: Option<&Value>,
    headers: &[(&str, &str)],
) -> Response {
    try_request(addr, method, path, auth, body, headers)
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

/// [`request`], where a refused or cut connection, or an answer cut short
/// (a server killed mid-request), is an error rather than a panic.
pub fn try_request(
    addr: &str,
    method: &str,
    path: &str,
    auth: &Auth,
    body: Option<&Value>,
    headers: &[(&str, &str)],
) -> std::io::Result<Response> {
    use std::io::{Error, ErrorKind};
    let cut = |what: &str| Error::new(ErrorKind::UnexpectedEof, what.to_string());
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    let payload = body.map(Value::to_string).unwrap_or_default();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    match auth {
        Auth::None => {}
        Auth::Cookie(c) => head.push_str(&format!("Cookie: {c}\r\n")),
        Auth::Bearer(t) => head.push_str(&format!("Authorization: Bearer {t}\r\n")),
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if body.is_some() {
        head.push_str("Content-Type: application/json\r\n");
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", payload.len()));
    s.write_all(head.as_bytes())?;
    s.write_all(payload.as_bytes())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let raw = String::from_utf8(raw).map_err(|_| cut("a response that is not UTF-8"))?;
    let (head, body) = raw
        .split_once("\r\n\r\n")
        .ok_or_else(|| cut("no full response head"))?;
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| cut("no status line"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let body = if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        dechunk(body).ok_or_else(|| cut("a chunked body cut short"))?
    } else {
        match header("content-length").and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if body.len() < n => return Err(cut("a body cut short")),
            _ => body.to_string(),
        }
    };
    Ok(Response {
        status,
        headers,
        body,
    })
}

fn dechunk(mut rest: &str) -> Option<String> {
    let mut out = String::new();
    loop {
        let (size, after) = rest.split_once("\r\n")?;
        let n = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        if n == 0 {
            return Some(out);
        }
        out.push_str(after.get(..n)?);
        rest = after.get(n + 2..)?;
    }
}
