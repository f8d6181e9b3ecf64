//! Migration 0020 on PostgreSQL: a database migrated with children already
//! stored has no kept documents yet; connecting builds them, so its
//! mistakes read with every child.

use rebound_store_postgres::testing::TestDatabase;
use sqlx::{Connection, PgConnection};

const SEED: [&str; 5] = [
    "INSERT INTO users (id, email, display_name, role, time_zone, password_hash, created_at)
     VALUES ('ben0sam2', 'ben@example.com', 'Ben', 'member', 'UTC', 'x', 1)",
    "INSERT INTO mistakes (id, version, title, severity, state, detected_at, created_at,
        updated_at, heads_up_text, heads_up_edited, cadence_kind, owner_id, visibility)
     VALUES ('7kq3x9mz', 1, 'Wrong totals', 'high', 'owned', 1, 1, 1, 'Heads up', FALSE,
             'default', 'ben0sam2', 'team'),
            ('8kq3x9mz', 1, 'Late invoice', 'low', 'detected', 1, 1, 1, 'Heads up', FALSE,
             'default', 'ben0sam2', 'team')",
    "INSERT INTO timeline_entries (mistake_id, happened_at, body, starred, recorded_at)
     VALUES ('7kq3x9mz', 500, 'Noticed the totals', TRUE, 600)",
    "INSERT INTO transitions (mistake_id, seq, from_state, to_state, moved_at)
     VALUES ('7kq3x9mz', 1, 'detected', 'owned', 700)",
    "INSERT INTO progress_updates (mistake_id, posted_at, body)
     SELECT '7kq3x9mz', 1000 + i, 'Update ' || i FROM generate_series(1, 27) i",
];

#[tokio::test(flavor = "current_thread")]
async fn children_stored_before_the_document_are_read_once_connected() {
    let Some(db) = TestDatabase::create() else {
        return;
    };
    let mut conn = PgConnection::connect(db.url()).await.unwrap();
    sqlx::migrate!("./migrations")
        .run_to(19, &mut conn)
        .await
        .unwrap();
    for sql in SEED {
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    }
    conn.close().await.unwrap();

    let store = rebound_store_postgres::connect(db.url()).await.unwrap();
    assert_eq!(store.stale_children().await.unwrap(), Vec::<String>::new());
    rebound_store::conformance_updates::seeded_children_read_back(&store).await;
    // Done once: the request to rebuild is gone.
    let pending: i64 = sqlx::query_scalar("SELECT count(*) FROM rebuilds_pending")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(pending, 0);
    store.close().await;
}
