//! `rebound serve` as a process: it says where it listens and answers there.

use crate::harness::Rebound;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;

/// Kills the server even when an assertion fails.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn http_get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn serve_listens_on_the_embedded_database_and_answers() {
    let rb = Rebound::new();
    let (server, addr) = spawn_on(&rb, "127.0.0.1:0", &[]);
    let health = http_get(&addr, "/healthz");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.contains(r#""status":"ok""#), "{health}");
    let private = http_get(&addr, "/api/v1/mistakes");
    assert!(private.starts_with("HTTP/1.1 401"), "{private}");
    assert!(rb.data_dir().join("rebound.db").exists());
    drop(server);
}

#[test]
fn serve_refuses_an_address_it_cannot_use() {
    let rb = Rebound::new();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let reason = rb.fails(&["serve", "--addr", &addr], 1);
    assert!(reason.contains("cannot listen on"), "{reason}");
}

/// Starts `serve` on `addr` with `env` and returns it with the address it printed.
fn spawn_on(rb: &Rebound, addr: &str, env: &[(&str, &str)]) -> (Server, String) {
    let mut cmd = rb.command(&["serve", "--addr", addr, "--insecure-cookies"]);
    let mut child = cmd
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    assert!(line.contains("listening"), "{line}");
    (
        server,
        line.trim().rsplit("http://").next().unwrap().to_string(),
    )
}

#[test]
fn two_servers_with_reuse_port_share_one_address() {
    let (rb, other) = (Rebound::new(), Rebound::new());
    let (first, addr) = spawn_on(&rb, "127.0.0.1:0", &[("REBOUND_REUSE_PORT", "true")]);
    assert!(http_get(&addr, "/healthz").starts_with("HTTP/1.1 200"));
    // Without the setting on the second, the address is taken, said in words.
    let reason = other.fails(&["serve", "--addr", &addr], 1);
    assert!(reason.contains("cannot listen on"), "{reason}");
    assert!(reason.contains("set reuse_port on each"), "{reason}");
    // With it, the second binds the same address.
    let reuse = other
        .command(&["serve", "--addr", &addr, "--reuse-port", "--print-config"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&reuse.stdout).contains("reuse_port = true"));
    let (second, same) = spawn_on(&other, &addr, &[("REBOUND_REUSE_PORT", "true")]);
    assert_eq!(same, addr);
    // The first gone, the address still answers: the second serves it too.
    drop(first);
    for _ in 0..5 {
        let health = http_get(&addr, "/healthz");
        assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    }
    drop(second);
}
