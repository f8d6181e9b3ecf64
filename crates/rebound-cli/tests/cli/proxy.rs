//! A loopback HTTP/1.1 proxy for one race: before it forwards a
//! `POST …/heads-up/send`, it edits that mistake's heads-up on the server
//! with the request's own credential. Every request is forwarded on a new
//! connection with `Connection: close`, so the client opens one per request.

use crate::served::{Auth, request};
use serde_json::json;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What the proxy writes into the heads-up.
pub const EDIT: &str = "rolling the change back now";

pub struct EditingProxy {
    addr: String,
    edits: Arc<AtomicUsize>,
}

impl EditingProxy {
    /// Listens on a free loopback port, forwarding to `upstream` (host:port).
    pub fn start(upstream: &str) -> EditingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let edits = Arc::new(AtomicUsize::new(0));
        let (upstream, count) = (upstream.to_string(), Arc::clone(&edits));
        // Ends with the test process; one connection at a time is enough.
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let _ = forward(client, &upstream, &count);
            }
        });
        EditingProxy { addr, edits }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn edits(&self) -> usize {
        self.edits.load(Ordering::SeqCst)
    }
}

fn forward(client: TcpStream, upstream: &str, edits: &AtomicUsize) -> std::io::Result<()> {
    let mut reader = BufReader::new(client.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut head = line.clone();
    let (mut length, mut bearer) = (0usize, None);
    loop {
        let mut h = String::new();
        reader.read_line(&mut h)?;
        if h == "\r\n" || h.is_empty() {
            break;
        }
        let (name, value) = h.split_once(':').unwrap_or((&h, ""));
        let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
        match name.as_str() {
            "connection" => continue,
            "content-length" => length = value.parse().unwrap_or(0),
            "authorization" => bearer = value.strip_prefix("Bearer ").map(str::to_string),
            _ => {}
        }
        head.push_str(&h);
    }
    head.push_str("Connection: close\r\n\r\n");
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;

    let path = line.split(' ').nth(1).unwrap_or_default();
    if line.starts_with("POST ") && path.ends_with("/heads-up/send") {
        let mistake = path.trim_end_matches("/send");
        let auth = Auth::Bearer(bearer.unwrap_or_default());
        let edit = json!({ "doing": EDIT });
        request(upstream, "PUT", mistake, &auth, Some(&edit), &[]).expect(200, "the edit");
        edits.fetch_add(1, Ordering::SeqCst);
    }
    let mut server = TcpStream::connect(upstream)?;
    server.write_all(head.as_bytes())?;
    server.write_all(&body)?;
    let mut answer = Vec::new();
    server.read_to_end(&mut answer)?;
    let mut client = client;
    client.write_all(&answer)
}
