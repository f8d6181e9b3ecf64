//! Erasure from the command line (issue 18): `rebound delete ID` removes a
//! mistake (asked on a terminal; without one, only with --yes), locally
//! and on a server alike; `rebound account delete` is a server's, refused
//! here in one line.

use crate::harness::Rebound;
use crate::remote::{Server, login};

#[test]
fn delete_needs_yes_without_a_terminal_then_removes_the_mistake_here() {
    let rb = Rebound::new();
    let id = rb.oops(&["Sent the wrong dashboard"]);
    let kept = rb.oops(&["Another slip"]);
    let refused = rb.fails(&["delete", &id], 1);
    assert!(refused.contains("--yes"), "{refused}");
    assert_eq!(rb.show(&id)["id"], id.as_str(), "nothing deleted");
    let said = rb.ok(&["delete", &id, "--yes"]);
    assert!(
        said.contains("Deleted") && said.contains("Sent the wrong dashboard"),
        "{said}"
    );
    rb.fails(&["show", &id], 3);
    rb.fails(&["delete", &id, "--yes"], 3);
    assert_eq!(rb.show(&kept)["id"], kept.as_str(), "the other stays");
}

#[test]
fn account_delete_is_a_servers_and_refused_here() {
    let rb = Rebound::new();
    let why = rb.fails(&["account", "delete", "--yes"], 1);
    assert!(why.contains("server"), "{why}");
}

#[test]
fn delete_and_account_delete_on_a_server() {
    let server = Server::start();
    let rb = Rebound::new();
    login(&rb, &server);
    let id = rb.oops(&["Sent the wrong dashboard"]);
    rb.fails(&["delete", &id], 1);
    rb.ok(&["delete", &id, "--yes"]);
    rb.fails(&["show", &id], 3);
    // Without a terminal, only with --yes; the server's own refusal (the
    // only admin) comes back in one line.
    let refused = rb.fails(&["account", "delete", "--password-stdin"], 1);
    assert!(refused.contains("--yes"), "{refused}");
    let r = rb.run_with_stdin(
        &["account", "delete", "--yes", "--password-stdin"],
        "correct horse battery staple\n",
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("last admin"), "{}", r.stderr);
}
