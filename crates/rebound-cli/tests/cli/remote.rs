//! The remote mode: `rebound login` to a `rebound serve` process, then the
//! same commands against it, printing what local mode prints.

use crate::harness::{Rebound, git_repo};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdout, Stdio};

const EMAIL: &str = "ana@example.com";
const PASSWORD: &str = "correct horse battery staple";

/// A `rebound serve` process on its own data directory, set up with one
/// admin account; killed on drop, a failed assertion included.
pub struct Server {
    child: Child,
    addr: String,
    /// Kept open so the server never writes to a closed pipe.
    _stdout: BufReader<ChildStdout>,
    _home: Rebound,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start() -> Server {
        let home = Rebound::new();
        let log = std::fs::File::create(home.dir.path().join("serve.log")).unwrap();
        let mut child = home
            .command(&["serve", "--addr", "127.0.0.1:0", "--insecure-cookies"])
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("start rebound serve");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let addr = line.trim().rsplit("http://").next().unwrap().to_string();
        let server = Server {
            child,
            addr,
            _stdout: stdout,
            _home: home,
        };
        assert!(line.contains("listening"), "rebound serve: {line}");
        let (status, body) = server.request(
            "POST",
            "/api/v1/setup",
            None,
            Some(&json!({
                "email": EMAIL,
                "display_name": "Ana Ruiz",
                "password": PASSWORD,
                "time_zone": "UTC",
            })),
        );
        assert_eq!(status, 201, "setup: {body}");
        server
    }

    /// The server's own data directory (its database under the API).
    pub fn home(&self) -> &Rebound {
        &self._home
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// One raw HTTP/1.1 request; returns the status and the JSON body.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        let body = body.map(Value::to_string).unwrap_or_default();
        let auth = token
            .map(|t| format!("Authorization: Bearer {t}\r\n"))
            .unwrap_or_default();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.addr,
            body.len()
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        let (head, body) = out.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, serde_json::from_str(body).unwrap_or(Value::Null))
    }
}

/// Signs `rb` in to `server` with the password on stdin.
pub fn login(rb: &Rebound, server: &Server) -> String {
    let r = rb.run_with_stdin(
        &[
            "login",
            "--server",
            &server.url(),
            "--email",
            EMAIL,
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(r.code, 0, "login: {}", r.stderr);
    r.stdout
}

fn login_file(rb: &Rebound) -> std::path::PathBuf {
    rb.config_dir().join("login.json")
}

/// The same command on this computer's database and against the server,
/// with `ID` standing for each side's mistake; both must succeed and print
/// the same (ids aside). Returns the remote stdout.
struct Pair<'a> {
    local: &'a Rebound,
    remote: &'a Rebound,
    local_id: String,
    remote_id: String,
}

impl Pair<'_> {
    fn same(&self, args: &[&str]) -> String {
        self.same_with_stdin(args, None)
    }

    fn same_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> String {
        let run = |rb: &Rebound, id: &str| {
            let args: Vec<&str> = args
                .iter()
                .map(|a| if *a == "ID" { id } else { a })
                .collect();
            let r = match stdin {
                Some(input) => rb.run_with_stdin(&args, input),
                None => rb.run(&args),
            };
            assert_eq!(r.code, 0, "rebound {args:?}: {}", r.stderr);
            (r.stdout.replace(id, "ID"), r.stderr.replace(id, "ID"))
        };
        let (local_out, local_err) = run(self.local, &self.local_id);
        let (remote_out, remote_err) = run(self.remote, &self.remote_id);
        assert_eq!(remote_out, local_out, "stdout of {args:?}");
        assert_eq!(remote_err, local_err, "stderr of {args:?}");
        remote_out
    }
}

#[test]
fn the_first_thirty_minutes_against_a_server() {
    let server = Server::start();
    let rb = Rebound::new();
    let local = Rebound::new();

    let said = login(&rb, &server);
    assert!(
        said.contains(&format!("Signed in to {} as Ana Ruiz", server.url())),
        "{said}"
    );
    // The login file: the server and a token, for its owner's eyes only.
    let file = login_file(&rb);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains(PASSWORD), "no password in {text}");
    let stored: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(stored["server"], server.url());
    let token = stored["token"].as_str().unwrap().to_string();
    assert!(token.starts_with("rbt_"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "login file mode {mode:o}");
    }
    // The sign-in session was only used to make the token, and is ended.
    let (status, tokens) = server.request("GET", "/api/v1/me/tokens", Some(&token), None);
    assert_eq!(status, 200);
    assert!(
        tokens["tokens"][0]["name"]
            .as_str()
            .unwrap()
            .starts_with("rebound CLI on "),
        "{tokens}"
    );
    let who = rb.ok(&["whoami"]);
    assert!(who.contains(EMAIL) && who.contains(&server.url()), "{who}");

    // A day ten days back: a typed time more than a year old is asked
    // about, so the story is recent whenever the test runs.
    let day = jiff::Timestamp::now()
        .checked_sub(jiff::SignedDuration::from_hours(240))
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let at_0700 = format!("{day} 07:00");
    let at_0855 = format!("{day} 08:55");
    let at_0900 = format!("{day} 09:00");
    let at_0904 = format!("{day} 09:04");
    // oops: the same heads-up on stdout, the same hints on stderr.
    let oops = [
        "oops",
        "Sent the wrong dashboard version to finance",
        "--detected-at",
        at_0900.as_str(),
        "--started-at",
        at_0700.as_str(),
        "--severity",
        "high",
    ];
    let remote_id = rb.oops(&oops[1..]);
    let local_id = local.oops(&oops[1..]);
    let pair = Pair {
        local: &local,
        remote: &rb,
        local_id,
        remote_id: remote_id.clone(),
    };
    // It is on the server, not in this computer's database.
    let (status, on_server) = server.request(
        "GET",
        &format!("/api/v1/mistakes/{remote_id}"),
        Some(&token),
        None,
    );
    assert_eq!(status, 200, "{on_server}");
    assert_eq!(on_server["severity"], "high");
    rb.fails(&["--local", "show", &remote_id], 3);

    pair.same(&["edit", "ID", "--affected", "the finance leads"]);
    pair.same(&[
        "heads-up",
        "edit",
        "ID",
        "--doing",
        "re-sending yesterday's version",
    ]);
    let text = pair.same(&["heads-up", "show", "ID"]);
    assert!(text.contains("re-sending yesterday's version"), "{text}");
    let sent = pair.same(&[
        "heads-up",
        "sent",
        "ID",
        "--at",
        at_0904.as_str(),
        "--to",
        "Dana (manager)",
    ]);
    assert!(sent.contains("time to own 4 min"), "{sent}");
    assert!(sent.contains("state owned"), "{sent}");

    // Timeline: typed times are read here and sent as timestamps.
    pair.same(&[
        "timeline",
        "add",
        "ID",
        "v42 of the dashboard published",
        "--at",
        at_0700.as_str(),
        "--star",
    ]);
    pair.same(&[
        "timeline",
        "add",
        "ID",
        "Finance asks why refunds doubled",
        "--at",
        at_0855.as_str(),
    ]);
    pair.same(&["timeline", "star", "ID", "2"]);
    pair.same(&["timeline", "unstar", "ID", "2"]);
    let listed = pair.same(&["timeline", "list", "ID"]);
    assert!(
        listed.contains(&format!("{at_0700} UTC  v42 of the dashboard published")),
        "{listed}"
    );

    // The note from flags: fetched, changed here, saved whole.
    let saved = pair.same(&[
        "note",
        "ID",
        "--who",
        "the finance leads",
        "--how-many",
        "6 people",
        "--since",
        at_0700.as_str(),
        "--what-wrong",
        "Q3 revenue tile counted refunds twice",
        "--containment",
        "Pulled v42 and re-sent v41",
        "--preventive",
        "Diff the revenue tile against the ledger before publishing",
    ]);
    assert!(saved.contains("Still missing"), "{saved}");
    let m = rb.show(&remote_id);
    assert_eq!(m["note"]["impact"]["since"], format!("{day}T07:00:00Z"));
    assert_eq!(m["note"]["prevention"][0]["kind"], "preventive");
    // Then the rest as the Markdown template on stdin.
    let template = pair.same(&["note", "ID", "--template"]);
    assert!(
        template.contains("Pulled v42 and re-sent v41"),
        "{template}"
    );
    let filled = template.replacen(
        "Ships:",
        "Correct the refund join in the revenue query\nShips:",
        1,
    ) + "Ana\n";
    let complete = pair.same_with_stdin(&["note", "ID", "--stdin"], Some(&filled));
    let m = rb.show(&remote_id);
    assert!(
        complete.contains("Note saved") || complete.contains("Note complete"),
        "{complete}"
    );
    assert_eq!(
        m["note"]["fix"], "Correct the refund join in the revenue query",
        "{filled}"
    );
    assert_eq!(
        m["note"]["containment"], "Pulled v42 and re-sent v41",
        "the flags' sections survive"
    );

    // Commits, resolved in the repository on this computer.
    let repo = rb.dir.path().join("repo");
    let (good, thin) = git_repo(&repo);
    let repo = repo.to_str().unwrap();
    let linked = pair.same(&["commit", "ID", "hotfix", &good[..7], "--repo", repo]);
    assert!(linked.contains(&good[..10]), "{linked}");
    let r = rb.run(&["commit", &remote_id, "guardrail", &thin, "--repo", repo]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let l = local.run(&["commit", &pair.local_id, "guardrail", &thin, "--repo", repo]);
    assert!(
        r.stderr.contains("warning:"),
        "the server's warnings: {}",
        r.stderr
    );
    assert_eq!(r.stderr, l.stderr, "the same warnings, in the same words");
    let c = &rb.show(&remote_id)["commits"];
    let hotfix = c
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["role"] == "hotfix")
        .unwrap();
    assert_eq!(hotfix["sha"], good);
    assert_eq!(hotfix["author"], "Ana Ruiz <ana@example.com>");
    assert_eq!(hotfix["committed_at"], "2026-11-22T14:20:00Z");

    // Updates: cadence, text, snooze.
    let u = rb.json(&[
        "update",
        &remote_id,
        "v41 is back; the fix ships at 16:00",
        "--cadence",
        "45m",
        "--json",
    ]);
    assert_eq!(u["cadence"], json!({"kind": "every", "minutes": 45}));
    assert_eq!(u["updates"].as_array().unwrap().len(), 1);
    let said = rb.ok(&["update", &remote_id, "--snooze", "2h"]);
    assert!(said.starts_with("Saved; next update due"), "{said}");
    let due = rb.show(&remote_id)["next_update_due"].clone();
    assert!(due.is_string(), "{due}");

    // The two checkboxes, then the lifecycle.
    let refused = rb.fails(&["close", &remote_id], 1);
    assert!(
        refused.contains("impact documented and prevention defined"),
        "the server's reason: {refused}"
    );
    pair.same(&["check", "ID", "impact"]);
    pair.same(&["uncheck", "ID", "impact"]);
    pair.same(&["check", "ID", "impact"]);
    pair.same(&["check", "ID", "prevention"]);
    let moved = pair.same(&["move", "ID", "fixed"]);
    assert_eq!(
        moved.trim(),
        "ID: owned → fixed",
        "the move made, no stage invented"
    );
    pair.same(&["move", "ID", "reviewed"]);
    let closed = pair.same(&["close", "ID"]);
    assert_eq!(closed.trim(), "ID: reviewed → closed");

    // Reads: show, list and export, text and JSON.
    let shown = rb.ok(&["show", &remote_id]);
    assert!(
        shown.contains("Sent the wrong dashboard version"),
        "{shown}"
    );
    let m = rb.show(&remote_id);
    let (_, on_server) = server.request(
        "GET",
        &format!("/api/v1/mistakes/{remote_id}"),
        Some(&token),
        None,
    );
    let without_clocks = |mut v: Value| {
        v.as_object_mut().unwrap().remove("clocks");
        v
    };
    assert_eq!(without_clocks(m.clone()), without_clocks(on_server));
    assert_eq!(m["state"], "closed");
    assert_eq!(rb.ok(&["list"]).trim(), "No open mistakes.");
    let all = rb.ok(&["list", "--all"]);
    assert!(all.contains(&remote_id), "{all}");
    let listed = rb.json(&["list", "--all", "--json"]);
    assert_eq!(listed["mistakes"][0]["id"], remote_id.as_str());
    let md = rb.ok(&["export", &remote_id]);
    assert!(md.starts_with("# Sent the wrong dashboard version"), "{md}");
    assert!(md.contains("Correct the refund join"), "{md}");
    let email = rb.ok(&["export", &remote_id, "--format", "email"]);
    assert!(email.starts_with("Subject: "), "{email}");
    let exported = rb.json(&["export", &remote_id, "--format", "json"]);
    assert_eq!(exported["id"], remote_id.as_str());

    // Errors: the same exit codes as on this computer's database.
    let reason = rb.fails(&["show", "zzzzzzzz"], 3);
    assert!(reason.contains("no mistake with id"), "{reason}");
    let reason = rb.fails(&["timeline", "star", &remote_id, "999999"], 3);
    assert!(reason.contains("no timeline entry 999999"), "{reason}");
    let reason = rb.fails(&["show", "42"], 1);
    assert!(reason.contains("is not a mistake id"), "{reason}");

    // Sign out: the token is revoked on the server and the file is gone.
    let out = rb.ok(&["logout"]);
    assert!(out.contains("Signed out"), "{out}");
    assert!(!file.exists());
    let (status, _) = server.request("GET", "/api/v1/me", Some(&token), None);
    assert_eq!(status, 401, "the token is revoked");
    // Without a login, commands use this computer's database again.
    rb.fails(&["show", &remote_id], 3);
    assert!(rb.ok(&["whoami"]).contains("Not signed in"));
    // The old token, or none, against the server: the one "not signed in" line.
    let r = rb
        .command(&["--server", &server.url(), "show", &remote_id])
        .env("REBOUND_TOKEN", &token)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.trim(),
        format!(
            "rebound: error: not signed in or the token was revoked: run `rebound login --server {}`",
            server.url()
        )
    );
    let reason = rb.fails(&["--server", &server.url(), "list"], 1);
    assert!(reason.contains("not signed in"), "{reason}");
}

#[test]
fn a_token_in_the_environment_works_without_a_login_file() {
    let server = Server::start();
    let rb = Rebound::new();
    login(&rb, &server);
    let token = serde_json::from_str::<Value>(&std::fs::read_to_string(login_file(&rb)).unwrap())
        .unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    // Another computer (no login file), as in a script or CI job.
    let other = Rebound::new();
    let out = other
        .command(&[
            "--server",
            &server.url(),
            "oops",
            "Broke the build",
            "--json",
        ])
        .env("REBOUND_TOKEN", &token)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = serde_json::from_slice::<Value>(&out.stdout).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    // Signed in: the same mistake; --local: this computer's database.
    assert_eq!(rb.show(&id)["title"], "Broke the build");
    rb.fails(&["--local", "show", &id], 3);
    rb.fails(
        &["--data-dir", rb.data_dir().to_str().unwrap(), "show", &id],
        3,
    );
}

#[test]
fn a_wrong_password_or_a_server_that_is_down_is_one_line() {
    let server = Server::start();
    let rb = Rebound::new();
    let r = rb.run_with_stdin(
        &[
            "login",
            "--server",
            &server.url(),
            "--email",
            EMAIL,
            "--password-stdin",
        ],
        "not the password\n",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("wrong email or password"), "{}", r.stderr);
    assert!(!login_file(&rb).exists());

    // A server that is not there: exit 4, naming it.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let down = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let r = rb
        .command(&["--server", &down, "list"])
        .env("REBOUND_TOKEN", "rbt_whatever")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(4), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("cannot reach the server at {down}")),
        "{stderr}"
    );
    let r = rb.run_with_stdin(
        &[
            "login",
            "--server",
            &down,
            "--email",
            EMAIL,
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(r.code, 4, "{}", r.stderr);
    // Signed in, the server going away is the same exit 4.
    login(&rb, &server);
    drop(server);
    let reason = rb.fails(&["list"], 4);
    assert!(reason.contains("cannot reach the server"), "{reason}");
}

/// Issue 14, finding 6: a note worked out in the editor while someone
/// else saved the mistake is refused, not saved over theirs, in remote
/// and in local mode alike.
#[test]
fn a_note_edited_while_someone_else_saved_is_not_saved_over_theirs() {
    let server = Server::start();
    let remote = Rebound::new();
    login(&remote, &server);
    for rb in [&remote, &Rebound::new()] {
        let id = rb.oops(&["Sent the wrong dashboard version to finance"]);
        // The "editor": a teammate saves the containment meanwhile, then the
        // person writes the Who line.
        let script = rb.dir.path().join("editor.sh");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\n'{bin}' note {id} --containment 'Rolled back to v41' >/dev/null || exit 1\nsed -i -e 's/^Who:.*/Who: the finance leads/' \"$1\"\n",
                bin = env!("CARGO_BIN_EXE_rebound"),
            ),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .unwrap();
        let out = rb
            .command(&["note", &id, "--editor"])
            .env("EDITOR", &script)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "saved over the teammate's change");
        assert!(stderr.contains("changed"), "{stderr}");
        let m = rb.show(&id);
        assert_eq!(m["note"]["containment"], "Rolled back to v41");
        assert_eq!(m["note"]["impact"]["who"], Value::Null);
    }
}
