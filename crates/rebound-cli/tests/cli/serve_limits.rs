//! `rebound serve` against connections that never finish their request
//! (issue 14, finding 4): 1,100 half-sent request heads used to exhaust
//! the open-file limit and stall every client, `/healthz` included.

use crate::harness::Rebound;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Kills the server even when an assertion fails.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// This test holds 1,100 sockets itself: lift its own soft limit if low.
fn room_for_sockets() {
    use nix::sys::resource::{Resource, getrlimit, setrlimit};
    let (soft, hard) = getrlimit(Resource::RLIMIT_NOFILE).unwrap();
    if soft < 4096 && hard > soft {
        setrlimit(Resource::RLIMIT_NOFILE, hard.min(4096), hard).unwrap();
    }
}

/// The server runs with an open-file limit of 1,024, hard and soft (as
/// many systems give), so it cannot raise it and must fit its connection
/// cap under it; heads that never finish are dropped after the header
/// timeout (2 s here), and `/healthz`, queued behind 1,100 of them, still
/// answers. The 60 s read timeout only turns a stall into a failure
/// instead of a hung test; nothing is asserted about how long it took.
#[test]
fn half_open_connections_do_not_stall_the_server() {
    room_for_sockets();
    let rb = Rebound::new();
    let inner = rb.command(&[
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--insecure-cookies",
        "--header-read-timeout",
        "2",
    ]);
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("ulimit -n 1024 && exec \"$0\" \"$@\"")
        .arg(inner.get_program())
        .args(inner.get_args());
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr = line.trim().rsplit("http://").next().unwrap().to_string();

    let half_open: Vec<TcpStream> = (0..1100)
        .map(|_| {
            let mut s = TcpStream::connect(&addr).unwrap();
            // A request head without its final blank line.
            s.write_all(b"GET /healthz HTTP/1.1\r\nHost: rebound\r\n")
                .unwrap();
            s
        })
        .collect();

    let mut health = TcpStream::connect(&addr).unwrap();
    health
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        health,
        "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    health.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
    drop(half_open);

    drop(server);
    let mut log = String::new();
    stderr.read_to_string(&mut log).unwrap();
    assert!(
        log.contains("max_connections lowered to fit the open-file limit"),
        "{log}"
    );
}
