//! Migration 0019 keeps each mistake's count of progress updates on its row,
//! by triggers: a database migrated with updates already stored must count
//! them, and the count must follow inserts and deletes from any writer,
//! a mistake's deletion (its updates cascading) included.

use rebound_domain::MistakeId;
use rebound_store::Store;
use sqlx::sqlite::SqlitePool;

mod migrated;

const USER: &str =
    "INSERT INTO users (id, email, display_name, role, time_zone, password_hash, created_at)
    VALUES ('ben0sam2', 'ben@example.com', 'Ben', 'member', 'UTC', 'x', 1)";
const MISTAKES: &str = "INSERT INTO mistakes (id, version, title, severity, state, detected_at, created_at,
        updated_at, heads_up_text, heads_up_edited, cadence_kind, owner_id, visibility)
    VALUES ('7kq3x9mz', 1, 'Wrong totals', 'high', 'detected', 1, 1, 1, 'Heads up', 0, 'default', 'ben0sam2', 'team'),
           ('8kq3x9mz', 1, 'Late invoice', 'low', 'detected', 1, 1, 1, 'Heads up', 0, 'default', 'ben0sam2', 'team')";
/// 27 updates on the first mistake, none on the second.
const UPDATES: &str = "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 27)
    INSERT INTO progress_updates (mistake_id, posted_at, body) SELECT '7kq3x9mz', 1000 + i, 'Update ' || i FROM k";

async fn stored(pool: &SqlitePool, id: &str) -> i64 {
    sqlx::query_scalar("SELECT updates_stored FROM mistakes WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn updates_already_stored_are_counted_and_the_count_follows_every_write() {
    let (_dir, path) = migrated::file_at(18, &[USER, MISTAKES, UPDATES]).await;

    let store = rebound_store_sqlite::open(&path).await.unwrap();
    let pool = store.pool();
    assert_eq!(stored(pool, "7kq3x9mz").await, 27);
    assert_eq!(stored(pool, "8kq3x9mz").await, 0);
    let m1 = store
        .get(&MistakeId::parse("7kq3x9mz").unwrap())
        .await
        .unwrap();
    assert_eq!(m1.updates.len() as u64 + m1.older_updates, 27);

    // Another writer's insert and delete are counted too.
    sqlx::query(
        "INSERT INTO progress_updates (mistake_id, posted_at, body) VALUES ('8kq3x9mz', 5, 'x')",
    )
    .execute(pool)
    .await
    .unwrap();
    sqlx::query("DELETE FROM progress_updates WHERE mistake_id = '7kq3x9mz' AND posted_at <= 1003")
        .execute(pool)
        .await
        .unwrap();
    assert_eq!(stored(pool, "8kq3x9mz").await, 1);
    assert_eq!(stored(pool, "7kq3x9mz").await, 24);

    // Deleting a mistake takes its updates with it, trigger and all.
    sqlx::query("DELETE FROM mistakes WHERE id = '7kq3x9mz'")
        .execute(pool)
        .await
        .unwrap();
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM progress_updates")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(left, 1);
}
