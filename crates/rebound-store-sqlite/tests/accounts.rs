//! What only the SQLite backend promises about accounts: its schema's
//! guards, its strict decoding, and its behaviour with several processes
//! (here: several stores) on one file.

use rebound_domain::{AccountError, Role, Team, TeamName, WorkingHours};
use rebound_store::conformance_accounts::{
    fresh_session_id, fresh_team_id, fresh_token_hash, fresh_token_id, now, person,
};
use rebound_store::{AccountStore, Invitation, NewApiToken, NewSession, StoreError};
use rebound_store_sqlite::SqliteStore;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};
use std::path::{Path, PathBuf};

const HASH: &str = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA";

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

#[tokio::test(flavor = "current_thread")]
async fn the_schema_refuses_a_raw_token_where_a_hash_belongs() {
    let (_dir, path, store) = fresh().await;
    let u = person("guarded");
    store.create_user(&u, HASH).await.unwrap();
    let mut conn = raw(&path).await;
    let raw_token = format!("rbt_{}", "A".repeat(43));
    let upper_hex = "AB".repeat(32);
    for (table, sql) in [
        (
            "sessions",
            "INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at, last_seen_at)
             VALUES ('5e551000', $1, $2, 0, 1, 0)",
        ),
        (
            "api_tokens",
            "INSERT INTO api_tokens (id, token_hash, user_id, name, created_at)
             VALUES ('70ken000', $1, $2, 'x', 0)",
        ),
        (
            "invitations",
            "INSERT INTO invitations (token_hash, email, role, invited_by, created_at, expires_at)
             VALUES ($1, 'a@b.c', 'member', $2, 0, 1)",
        ),
    ] {
        for bad in [raw_token.as_str(), upper_hex.as_str()] {
            let err = sqlx::query(sql)
                .bind(bad)
                .bind(u.id.as_str())
                .execute(&mut conn)
                .await
                .expect_err(table);
            assert!(err.to_string().contains("CHECK"), "{table}: {err}");
        }
    }
    conn.close().await.unwrap();
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn accounts_survive_reopen_with_working_days_as_a_mask() {
    let (_dir, path, store) = fresh().await;
    let mut u = person("persistent");
    u.working_hours = Some(WorkingHours::weekdays(9 * 60, 17 * 60).unwrap());
    store.create_user(&u, HASH).await.unwrap();
    store.close().await;

    let mut conn = raw(&path).await;
    let mask: i64 = sqlx::query_scalar("SELECT work_days FROM users WHERE id = $1")
        .bind(u.id.as_str())
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(mask, 0b001_1111, "Monday to Friday");
    conn.close().await.unwrap();

    let store = rebound_store_sqlite::open(&path).await.unwrap();
    assert_eq!(store.user(&u.id).await.unwrap(), u);
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn an_unknown_role_in_a_row_is_a_backend_error_naming_the_column() {
    let (_dir, path, store) = fresh().await;
    let u = person("tampered");
    store.create_user(&u, HASH).await.unwrap();
    let mut conn = raw(&path).await;
    sqlx::query("PRAGMA ignore_check_constraints = ON")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("UPDATE users SET role = 'overlord'")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();

    match store.user(&u.id).await {
        Err(StoreError::Backend(e)) => assert!(e.to_string().contains("u_role"), "{e}"),
        other => panic!("expected a Backend error, got {other:?}"),
    }
    assert!(matches!(
        store.list_users().await,
        Err(StoreError::Backend(_))
    ));
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn two_servers_racing_through_first_run_make_one_account() {
    for _ in 0..5 {
        let (_dir, path, a) = fresh().await;
        let b = rebound_store_sqlite::open(&path).await.unwrap();
        let (ua, ub) = (person("first-a"), person("first-b"));
        let (ra, rb) = tokio::join!(
            a.create_first_user(&ua, HASH),
            b.create_first_user(&ub, HASH)
        );
        let made = [ra.unwrap(), rb.unwrap()];
        assert_eq!(made.iter().filter(|m| **m).count(), 1, "{made:?}");
        assert_eq!(a.count_users().await.unwrap(), 1);
        a.close().await;
        b.close().await;
    }
}

#[tokio::test(flavor = "current_thread")]
async fn racing_manager_changes_cannot_make_a_loop() {
    for _ in 0..5 {
        let (_dir, path, a) = fresh().await;
        let b = rebound_store_sqlite::open(&path).await.unwrap();
        let (x, y) = (person("x"), person("y"));
        a.create_user(&x, HASH).await.unwrap();
        a.create_user(&y, HASH).await.unwrap();
        let (rx, ry) = tokio::join!(
            a.set_manager(&x.id, Some(&y.id)),
            b.set_manager(&y.id, Some(&x.id))
        );
        let refused: Vec<_> = [rx, ry].into_iter().filter_map(Result::err).collect();
        assert_eq!(refused.len(), 1, "{refused:?}");
        assert!(
            matches!(
                refused[0],
                StoreError::AccountRule(AccountError::ManagerCycle { .. })
            ),
            "{refused:?}"
        );
        let managers = [
            a.user(&x.id).await.unwrap().manager,
            a.user(&y.id).await.unwrap().manager,
        ];
        assert_eq!(managers.iter().filter(|m| m.is_some()).count(), 1);
        a.close().await;
        b.close().await;
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_busy_token_records_its_use_at_most_once_a_minute() {
    let (_dir, _path, store) = fresh().await;
    let u = person("busy");
    store.create_user(&u, HASH).await.unwrap();
    let t = NewApiToken {
        id: fresh_token_id(),
        token_hash: fresh_token_hash(),
        user: u.id.clone(),
        name: "cron".into(),
        created_at: now(),
        expires_at: None,
    };
    store.create_api_token(&t).await.unwrap();
    let secs = |s: i64| now() + jiff::SignedDuration::from_secs(s);
    let last_used = |r: Option<(rebound_store::ApiTokenInfo, _)>| r.unwrap().0.last_used_at;
    assert_eq!(
        last_used(store.token_user(&t.token_hash, secs(0)).await.unwrap()),
        Some(secs(0))
    );
    assert_eq!(
        last_used(store.token_user(&t.token_hash, secs(30)).await.unwrap()),
        Some(secs(0))
    );
    assert_eq!(
        last_used(store.token_user(&t.token_hash, secs(60)).await.unwrap()),
        Some(secs(60))
    );
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn deleting_an_account_row_cascades_and_frees_its_reports() {
    let (_dir, path, store) = fresh().await;
    let boss = person("erased");
    let mut report = person("report");
    report.manager = Some(boss.id.clone());
    store.create_user(&boss, HASH).await.unwrap();
    store.create_user(&report, HASH).await.unwrap();
    let team = Team {
        id: fresh_team_id(),
        name: TeamName::parse("Erasure").unwrap(),
    };
    store.create_team(&team).await.unwrap();
    store.add_member(&team.id, &boss.id).await.unwrap();
    let session = NewSession {
        id: fresh_session_id(),
        token_hash: fresh_token_hash(),
        user: boss.id.clone(),
        created_at: now(),
        expires_at: now() + jiff::SignedDuration::from_hours(1),
        user_agent: None,
    };
    store.create_session(&session).await.unwrap();
    store
        .create_api_token(&NewApiToken {
            id: fresh_token_id(),
            token_hash: fresh_token_hash(),
            user: boss.id.clone(),
            name: "cli".into(),
            created_at: now(),
            expires_at: None,
        })
        .await
        .unwrap();
    store
        .create_invitation(&Invitation {
            token_hash: fresh_token_hash(),
            email: "newbie@example.com".parse().unwrap(),
            role: Role::Member,
            manager: None,
            team: Some(team.id.clone()),
            invited_by: boss.id.clone(),
            created_at: now(),
            expires_at: now() + jiff::SignedDuration::from_hours(1),
        })
        .await
        .unwrap();

    // Erasing a person (a later feature) deletes the row; the schema takes
    // everything that was only theirs with it.
    let mut conn = raw(&path).await;
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(boss.id.as_str())
        .execute(&mut conn)
        .await
        .unwrap();
    for sql in [
        "SELECT COUNT(*) FROM sessions",
        "SELECT COUNT(*) FROM api_tokens",
        "SELECT COUNT(*) FROM team_members",
        "SELECT COUNT(*) FROM invitations",
    ] {
        let n: i64 = sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap();
        assert_eq!(n, 0, "{sql}");
    }
    conn.close().await.unwrap();
    assert_eq!(store.user(&report.id).await.unwrap().manager, None);
    assert_eq!(store.team(&team.id).await.unwrap(), team);
    store.close().await;
}
