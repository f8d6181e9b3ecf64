//! Accounts on PostgreSQL: the backend-agnostic suite, then what only this
//! backend promises — several server processes (here: several stores, each
//! with its own pool) on one database, its schema's guards and its strict
//! decoding.

use jiff::SignedDuration;
use rebound_domain::{AccountError, Role, Team, TeamName, WorkingHours};
use rebound_store::conformance_accounts::{
    self, fresh_team_id, fresh_token_hash, fresh_token_id, now, person,
};
use rebound_store::{AccountStore, ApiTokenInfo, Invitation, NewApiToken, StoreError};
use rebound_store_postgres::testing::TestDatabase;
use sqlx::Connection;

const HASH: &str = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA";

#[tokio::test(flavor = "current_thread")]
async fn pg_store_passes_the_accounts_conformance_suite() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    conformance_accounts::run_all(&store).await;
    store.close().await;
}

/// Two stores stand for two server processes taking sign-in attempts for
/// one account at once: together they let exactly the limit through.
#[tokio::test(flavor = "current_thread")]
async fn two_servers_share_one_sign_in_limit() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let a = rebound_store_postgres::connect(db.url()).await.unwrap();
    let b = rebound_store_postgres::connect(db.url()).await.unwrap();
    conformance_accounts::login_attempts_hold_their_limit_in_parallel(&[&a, &b]).await;
    a.close().await;
    b.close().await;
}

/// Two stores stand for two server processes going through first-run
/// setup at the same moment.
#[tokio::test(flavor = "current_thread")]
async fn two_servers_racing_through_first_run_make_one_account() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let a = rebound_store_postgres::connect(db.url()).await.unwrap();
    let b = rebound_store_postgres::connect(db.url()).await.unwrap();
    for round in 0..8 {
        let mut raw = db.raw().await;
        sqlx::query("DELETE FROM users")
            .execute(&mut raw)
            .await
            .unwrap();
        raw.close().await.unwrap();
        let (ua, ub) = (person("first-a"), person("first-b"));
        let (ra, rb) = tokio::join!(
            a.create_first_user(&ua, HASH),
            b.create_first_user(&ub, HASH)
        );
        let made = [ra.unwrap(), rb.unwrap()];
        assert_eq!(
            made.iter().filter(|m| **m).count(),
            1,
            "round {round}: {made:?}"
        );
        assert_eq!(a.count_users().await.unwrap(), 1, "round {round}");
        let winner = if made[0] { &ua } else { &ub };
        assert_eq!(b.list_users().await.unwrap(), vec![winner.clone()]);
    }
    a.close().await;
    b.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn racing_manager_changes_cannot_make_a_loop() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let a = rebound_store_postgres::connect(db.url()).await.unwrap();
    let b = rebound_store_postgres::connect(db.url()).await.unwrap();
    for round in 0..8 {
        let (x, y) = (person("x"), person("y"));
        a.create_user(&x, HASH).await.unwrap();
        a.create_user(&y, HASH).await.unwrap();
        let (rx, ry) = tokio::join!(
            a.set_manager(&x.id, Some(&y.id)),
            b.set_manager(&y.id, Some(&x.id))
        );
        let refused: Vec<_> = [rx, ry].into_iter().filter_map(Result::err).collect();
        assert_eq!(refused.len(), 1, "round {round}: {refused:?}");
        assert!(
            matches!(
                refused[0],
                StoreError::AccountRule(AccountError::ManagerCycle { .. })
            ),
            "round {round}: {refused:?}"
        );
        let managers = [
            b.user(&x.id).await.unwrap().manager,
            b.user(&y.id).await.unwrap().manager,
        ];
        assert_eq!(
            managers.iter().filter(|m| m.is_some()).count(),
            1,
            "round {round}"
        );
    }
    a.close().await;
    b.close().await;
}

/// A longer loop: three changes racing over x → y → z → x, each one safe
/// alone; at most two may land.
#[tokio::test(flavor = "current_thread")]
async fn three_racing_manager_changes_cannot_close_a_loop_of_three() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let stores = [
        rebound_store_postgres::connect(db.url()).await.unwrap(),
        rebound_store_postgres::connect(db.url()).await.unwrap(),
        rebound_store_postgres::connect(db.url()).await.unwrap(),
    ];
    for round in 0..5 {
        let people = [person("x"), person("y"), person("z")];
        for p in &people {
            stores[0].create_user(p, HASH).await.unwrap();
        }
        let [x, y, z] = &people;
        let (r1, r2, r3) = tokio::join!(
            stores[0].set_manager(&x.id, Some(&y.id)),
            stores[1].set_manager(&y.id, Some(&z.id)),
            stores[2].set_manager(&z.id, Some(&x.id)),
        );
        let refused: Vec<_> = [r1, r2, r3].into_iter().filter_map(Result::err).collect();
        assert_eq!(refused.len(), 1, "round {round}: {refused:?}");
        assert!(
            matches!(
                refused[0],
                StoreError::AccountRule(AccountError::ManagerCycle { .. })
            ),
            "round {round}: {refused:?}"
        );
    }
    for s in &stores {
        s.close().await;
    }
}

#[tokio::test(flavor = "current_thread")]
async fn an_invitation_taken_by_two_servers_at_once_goes_to_one() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let a = rebound_store_postgres::connect(db.url()).await.unwrap();
    let b = rebound_store_postgres::connect(db.url()).await.unwrap();
    let admin = person("inviter");
    a.create_user(&admin, HASH).await.unwrap();
    for round in 0..10 {
        let inv = Invitation {
            token_hash: fresh_token_hash(),
            email: format!("new.{round}@example.com").parse().unwrap(),
            role: Role::Member,
            manager: None,
            team: None,
            invited_by: admin.id.clone(),
            created_at: now(),
            expires_at: now() + SignedDuration::from_hours(1),
        };
        a.create_invitation(&inv).await.unwrap();
        let (ra, rb) = tokio::join!(
            a.take_invitation(&inv.token_hash, now()),
            b.take_invitation(&inv.token_hash, now())
        );
        let taken: Vec<_> = [ra.unwrap(), rb.unwrap()].into_iter().flatten().collect();
        assert_eq!(taken, vec![inv], "round {round}");
    }
    a.close().await;
    b.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_token_revoked_on_one_server_stops_at_once_on_the_other() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let a = rebound_store_postgres::connect(db.url()).await.unwrap();
    let b = rebound_store_postgres::connect(db.url()).await.unwrap();
    let u = person("two-servers");
    a.create_user(&u, HASH).await.unwrap();
    let t = NewApiToken {
        id: fresh_token_id(),
        token_hash: fresh_token_hash(),
        user: u.id.clone(),
        name: "cli".into(),
        created_at: now(),
        expires_at: None,
    };
    a.create_api_token(&t).await.unwrap();
    assert!(b.token_user(&t.token_hash, now()).await.unwrap().is_some());
    b.revoke_api_token(&u.id, &t.id, now()).await.unwrap();
    // Within the minute in which a use would not be written again.
    let soon = now() + SignedDuration::from_secs(1);
    assert!(a.token_user(&t.token_hash, soon).await.unwrap().is_none());
    a.close().await;
    b.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_busy_token_records_its_use_at_most_once_a_minute() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
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
    let secs = |s: i64| now() + SignedDuration::from_secs(s);
    let last_used = |r: Option<(ApiTokenInfo, _)>| r.unwrap().0.last_used_at;
    assert_eq!(
        last_used(store.token_user(&t.token_hash, secs(0)).await.unwrap()),
        Some(secs(0))
    );
    assert_eq!(
        last_used(store.token_user(&t.token_hash, secs(30)).await.unwrap()),
        Some(secs(0))
    );
    // The stored value agrees with what was returned: nothing was written.
    let stored = || async {
        store
            .list_api_tokens(&u.id)
            .await
            .unwrap()
            .into_iter()
            .find(|x| x.id == t.id)
            .unwrap()
            .last_used_at
    };
    assert_eq!(stored().await, Some(secs(0)));
    assert_eq!(
        last_used(store.token_user(&t.token_hash, secs(60)).await.unwrap()),
        Some(secs(60))
    );
    assert_eq!(stored().await, Some(secs(60)));
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_schema_refuses_a_raw_token_where_a_hash_belongs() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    let u = person("guarded");
    store.create_user(&u, HASH).await.unwrap();
    let mut conn = db.raw().await;
    let raw_token = format!("rbt_{}", "A".repeat(43));
    let upper_hex = "AB".repeat(32);
    let with_newline = format!("{}\n", "ab".repeat(32));
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
        for bad in [
            raw_token.as_str(),
            upper_hex.as_str(),
            with_newline.as_str(),
        ] {
            let err = sqlx::query(sql)
                .bind(bad)
                .bind(u.id.as_str())
                .execute(&mut conn)
                .await
                .expect_err(table);
            assert!(
                err.to_string().contains("check constraint"),
                "{table}: {err}"
            );
        }
    }
    conn.close().await.unwrap();
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn team_names_fold_ascii_case_only_and_sort_bytewise() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    let team = |name: &str| Team {
        id: fresh_team_id(),
        name: TeamName::parse(name).unwrap(),
    };
    let (zeta, alpha, elan) = (team("zeta"), team("Alpha"), team("élan"));
    for t in [&zeta, &alpha, &elan] {
        store.create_team(t).await.unwrap();
    }
    assert!(matches!(
        store.create_team(&team("ALPHA")).await,
        Err(StoreError::TeamNameTaken(_))
    ));
    // NOCASE in SQLite folds ASCII only: "ÉLAN" is another name there, and here.
    store.create_team(&team("ÉLAN")).await.unwrap();
    let names: Vec<String> = store
        .list_teams()
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name.as_str().to_string())
        .collect();
    assert_eq!(names, ["Alpha", "zeta", "ÉLAN", "élan"]);
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn working_days_are_stored_as_a_mask_and_survive_reconnect() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    let mut u = person("persistent");
    u.working_hours = Some(WorkingHours::weekdays(9 * 60, 17 * 60).unwrap());
    store.create_user(&u, HASH).await.unwrap();
    store.close().await;

    let mut conn = db.raw().await;
    let mask: i64 = sqlx::query_scalar("SELECT work_days FROM users WHERE id = $1")
        .bind(u.id.as_str())
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(mask, 0b001_1111, "Monday to Friday");
    conn.close().await.unwrap();

    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    assert_eq!(store.user(&u.id).await.unwrap(), u);
    store.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn an_unknown_role_in_a_row_is_a_backend_error_naming_the_column() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    let u = person("tampered");
    store.create_user(&u, HASH).await.unwrap();
    let mut conn = db.raw().await;
    for sql in [
        "ALTER TABLE users DROP CONSTRAINT users_role_check",
        "UPDATE users SET role = 'overlord'",
    ] {
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    }
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
