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
    let mut child = rb
        .command(&["serve", "--addr", "127.0.0.1:0", "--insecure-cookies"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr = line.trim().rsplit("http://").next().unwrap().to_string();
    assert!(line.contains("listening"), "{line}");
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
