//! Migration 0019 on PostgreSQL: a database migrated with progress updates
//! already stored counts them, and its trigger keeps the count through
//! another writer's inserts and deletes and a mistake's cascading delete.

use rebound_store_postgres::testing::TestDatabase;
use sqlx::{Connection, PgConnection};

const SEED: [&str; 3] = [
    "INSERT INTO users (id, email, display_name, role, time_zone, password_hash, created_at)
     VALUES ('ben0sam2', 'ben@example.com', 'Ben', 'member', 'UTC', 'x', 1)",
    "INSERT INTO mistakes (id, version, title, severity, state, detected_at, created_at,
        updated_at, heads_up_text, heads_up_edited, cadence_kind, owner_id, visibility)
     VALUES ('7kq3x9mz', 1, 'Wrong totals', 'high', 'detected', 1, 1, 1, 'Heads up', FALSE,
             'default', 'ben0sam2', 'team'),
            ('8kq3x9mz', 1, 'Late invoice', 'low', 'detected', 1, 1, 1, 'Heads up', FALSE,
             'default', 'ben0sam2', 'team')",
    "INSERT INTO progress_updates (mistake_id, posted_at, body)
     SELECT '7kq3x9mz', 1000 + i, 'Update ' || i FROM generate_series(1, 27) i",
];

async fn counts(conn: &mut PgConnection) -> Vec<(String, i64)> {
    sqlx::query_as("SELECT id, updates_stored FROM mistakes ORDER BY id")
        .fetch_all(conn)
        .await
        .unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn updates_already_stored_are_counted_and_the_trigger_follows_every_write() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let mut conn = PgConnection::connect(db.url()).await.unwrap();
    sqlx::migrate!("./migrations")
        .run_to(18, &mut conn)
        .await
        .unwrap();
    for sql in SEED {
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    }
    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    assert_eq!(
        counts(&mut conn).await,
        [("7kq3x9mz".into(), 27), ("8kq3x9mz".into(), 0)]
    );
    for sql in [
        "INSERT INTO progress_updates (mistake_id, posted_at, body) VALUES ('8kq3x9mz', 5, 'x')",
        "DELETE FROM progress_updates WHERE mistake_id = '7kq3x9mz' AND posted_at <= 1003",
    ] {
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    }
    assert_eq!(
        counts(&mut conn).await,
        [("7kq3x9mz".into(), 24), ("8kq3x9mz".into(), 1)]
    );
    sqlx::query("DELETE FROM mistakes WHERE id = '7kq3x9mz'")
        .execute(&mut conn)
        .await
        .unwrap();
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM progress_updates")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(left, 1);
    drop(store);
}
