//! What only the SQLite backend promises about sharing: its schema's own
//! guards (so a bug above cannot thread a reply under another mistake, or
//! store a raw token), cascades, and strict decoding.

use rebound_domain::{Actor, NotificationKind};
use rebound_store::conformance_sharing::{
    fresh_comment_id, fresh_link_id, fresh_notification_id, now, stored_mistake, stored_person,
};
use rebound_store::{SharingStore, StoreError};
use rebound_store_sqlite::SqliteStore;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};
use std::path::{Path, PathBuf};

async fn raw(path: &Path) -> SqliteConnection {
    SqliteConnection::connect_with(
        &SqliteConnectOptions::new()
            .filename(path)
            .foreign_keys(true),
    )
    .await
    .unwrap()
}

async fn fresh() -> (tempfile::TempDir, PathBuf, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rebound.db");
    let store = rebound_store_sqlite::open(&path).await.unwrap();
    (dir, path, store)
}

const INSERT_COMMENT: &str = "INSERT INTO comments (id, mistake_id, parent_id, author_user_id,
    author_guest_id, author_guest_name, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0)";

#[tokio::test(flavor = "current_thread")]
async fn the_schema_keeps_replies_on_their_mistake_and_authors_whole() {
    let (_dir, path, store) = fresh().await;
    let owner = stored_person(&store, "Owen").await;
    let a = stored_mistake(&store, &owner, "A").await;
    let b = stored_mistake(&store, &owner, "B").await;
    let mut conn = raw(&path).await;
    let on_b = fresh_comment_id();
    sqlx::query(INSERT_COMMENT)
        .bind(on_b.as_str())
        .bind(b.id.as_str())
        .bind(None::<String>)
        .bind(owner.id.as_str())
        .bind(None::<String>)
        .bind(None::<String>)
        .bind("on B")
        .execute(&mut conn)
        .await
        .unwrap();
    /// One refused row: what is wrong with it, then its columns.
    struct Bad<'a> {
        what: &'static str,
        parent: Option<&'a str>,
        user: Option<&'a str>,
        guest: Option<(&'a str, Option<&'a str>)>,
        body: String,
    }
    let me = Some(owner.id.as_str());
    let cases = [
        Bad {
            what: "a reply under another mistake's comment",
            parent: Some(on_b.as_str()),
            user: me,
            guest: None,
            body: "x".into(),
        },
        Bad {
            what: "both an account and a guest",
            parent: None,
            user: me,
            guest: Some(("abcd1234", Some("Ana"))),
            body: "x".into(),
        },
        Bad {
            what: "neither an account nor a guest",
            parent: None,
            user: None,
            guest: None,
            body: "x".into(),
        },
        Bad {
            what: "a guest without a name",
            parent: None,
            user: None,
            guest: Some(("abcd1234", None)),
            body: "x".into(),
        },
        Bad {
            what: "a body over 5,000 characters",
            parent: None,
            user: me,
            guest: None,
            body: "é".repeat(5001),
        },
    ];
    for bad in cases {
        let err = sqlx::query(INSERT_COMMENT)
            .bind(fresh_comment_id().as_str())
            .bind(a.id.as_str())
            .bind(bad.parent)
            .bind(bad.user)
            .bind(bad.guest.map(|g| g.0))
            .bind(bad.guest.and_then(|g| g.1))
            .bind(bad.body)
            .execute(&mut conn)
            .await;
        assert!(err.is_err(), "{} was stored", bad.what);
    }
    let viewer = Actor::Account(owner.id.clone());
    assert!(store.comments(&a.id, &viewer).await.unwrap().is_empty());
    // The same statement with the reply on its own mistake goes in: the
    // refusals above came from the rules, not from the statement.
    sqlx::query(INSERT_COMMENT)
        .bind(fresh_comment_id().as_str())
        .bind(b.id.as_str())
        .bind(on_b.as_str())
        .bind(None::<String>)
        .bind("abcd1234")
        .bind("Ana")
        .bind("é".repeat(5000))
        .execute(&mut conn)
        .await
        .unwrap();
    assert_eq!(store.comments(&b.id, &viewer).await.unwrap().len(), 2);
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_schema_refuses_a_raw_token_where_a_hash_belongs() {
    let (_dir, path, store) = fresh().await;
    let owner = stored_person(&store, "Owen").await;
    let m = stored_mistake(&store, &owner, "A").await;
    let mut conn = raw(&path).await;
    let raw_token = "A".repeat(43);
    let link = fresh_link_id();
    let err = sqlx::query(
        "INSERT INTO share_links (id, mistake_id, token_hash, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, 0, 1)",
    )
    .bind(link.as_str())
    .bind(m.id.as_str())
    .bind(&raw_token)
    .bind(owner.id.as_str())
    .execute(&mut conn)
    .await;
    assert!(err.is_err(), "a raw token in share_links");
    let err = sqlx::query(
        "INSERT INTO share_links (id, mistake_id, token_hash, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, 5, 5)",
    )
    .bind(link.as_str())
    .bind(m.id.as_str())
    .bind("ab".repeat(32))
    .bind(owner.id.as_str())
    .execute(&mut conn)
    .await;
    assert!(err.is_err(), "a link that expires as it is made");
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn deleting_a_mistake_takes_everything_on_it_along() {
    let (_dir, path, store) = fresh().await;
    let owner = stored_person(&store, "Owen").await;
    let dana = stored_person(&store, "Dana").await;
    let m = stored_mistake(&store, &owner, "A").await;
    store
        .add_stakeholder(&m.id, &dana.id, now(), &fresh_notification_id())
        .await
        .unwrap();
    store.acknowledge(&m.id, &dana.id, now()).await.unwrap();
    store
        .set_affected(&m.id, &["the finance leads".into()])
        .await
        .unwrap();
    let mut conn = raw(&path).await;
    sqlx::query("DELETE FROM mistakes WHERE id = $1")
        .bind(m.id.as_str())
        .execute(&mut conn)
        .await
        .unwrap();
    for count in [
        "SELECT COUNT(*) FROM stakeholders",
        "SELECT COUNT(*) FROM acknowledgements",
        "SELECT COUNT(*) FROM affected_entries",
        "SELECT COUNT(*) FROM notifications",
        "SELECT COUNT(*) FROM comments",
        "SELECT COUNT(*) FROM share_links",
    ] {
        let left: i64 = sqlx::query_scalar(count)
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(left, 0, "{count}");
    }
    assert!(store.notifications(&dana.id).await.unwrap().is_empty());
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn an_unknown_notification_kind_is_a_backend_error_naming_the_column() {
    let (_dir, path, store) = fresh().await;
    let owner = stored_person(&store, "Owen").await;
    let dana = stored_person(&store, "Dana").await;
    let m = stored_mistake(&store, &owner, "A").await;
    store
        .add_stakeholder(&m.id, &dana.id, now(), &fresh_notification_id())
        .await
        .unwrap();
    assert_eq!(
        store.notifications(&dana.id).await.unwrap()[0].kind,
        NotificationKind::StakeholderAdded
    );
    let mut conn = raw(&path).await;
    // Past the CHECK, as a newer build's row might be.
    sqlx::query("PRAGMA ignore_check_constraints = ON")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("UPDATE notifications SET kind = 'carrier_pigeon'")
        .execute(&mut conn)
        .await
        .unwrap();
    match store.notifications(&dana.id).await {
        Err(StoreError::Backend(e)) => assert!(e.to_string().contains("kind"), "{e}"),
        other => panic!("expected a Backend error, got {other:?}"),
    }
    store.close().await;
}
