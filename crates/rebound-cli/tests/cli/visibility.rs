//! `rebound edit --visibility`: the values `oops --visibility` takes, on
//! this computer's database and against a server alike; a bad value is one
//! line, a non-zero exit, and changes nothing.

use crate::harness::Rebound;
use crate::remote::{Server, login};

fn edit_changes_who_may_read_and_a_bad_value_changes_nothing(rb: &Rebound) {
    let id = rb.oops(&["Deleted the staging bucket", "--affected", "the QA team"]);
    assert_eq!(rb.show(&id)["visibility"], "private");
    let heads_up = rb.show(&id)["heads_up"].clone();
    for v in ["manager", "stakeholders", "team", "private", "Team"] {
        rb.ok(&["edit", &id, "--visibility", v]);
        assert_eq!(rb.show(&id)["visibility"], v.to_lowercase(), "{v}");
    }
    assert_eq!(
        rb.show(&id)["heads_up"],
        heads_up,
        "who may read it is not a fact of the heads-up"
    );

    let before = rb.stored(&id);
    for args in [
        &["edit", &id, "--visibility", "everyone"][..],
        &[
            "edit",
            &id,
            "--title",
            "Emptied the bucket",
            "--visibility",
            "public",
        ],
        &["edit", &id, "--visibility", ""],
    ] {
        let reason = rb.fails(args, 1);
        assert!(reason.contains("unknown visibility"), "{reason}");
        assert!(
            reason.contains("private, manager, stakeholders or team"),
            "{reason}"
        );
    }
    assert_eq!(rb.stored(&id), before, "a refused edit changes nothing");
    let reason = rb.fails(&["edit", &id], 1);
    assert!(reason.contains("--visibility"), "{reason}");
}

#[test]
fn edit_changes_visibility_locally() {
    edit_changes_who_may_read_and_a_bad_value_changes_nothing(&Rebound::new());
}

#[test]
fn edit_changes_visibility_on_a_server() {
    let server = Server::start();
    let rb = Rebound::new();
    login(&rb, &server);
    edit_changes_who_may_read_and_a_bad_value_changes_nothing(&rb);
}
