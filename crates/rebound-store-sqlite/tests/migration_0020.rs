//! Migration 0020 keeps each mistake's children as one document on its
//! row. A database migrated with children already stored has no documents
//! yet; opening it builds them, so its mistakes read with every child.

mod migrated;

const USER: &str =
    "INSERT INTO users (id, email, display_name, role, time_zone, password_hash, created_at)
    VALUES ('ben0sam2', 'ben@example.com', 'Ben', 'member', 'UTC', 'x', 1)";
const MISTAKES: &str = "INSERT INTO mistakes (id, version, title, severity, state, detected_at, created_at,
        updated_at, heads_up_text, heads_up_edited, cadence_kind, owner_id, visibility)
    VALUES ('7kq3x9mz', 1, 'Wrong totals', 'high', 'owned', 1, 1, 1, 'Heads up', 0, 'default', 'ben0sam2', 'team'),
           ('8kq3x9mz', 1, 'Late invoice', 'low', 'detected', 1, 1, 1, 'Heads up', 0, 'default', 'ben0sam2', 'team')";
const ENTRY: &str =
    "INSERT INTO timeline_entries (mistake_id, happened_at, body, starred, recorded_at)
    VALUES ('7kq3x9mz', 500, 'Noticed the totals', 1, 600)";
const MOVED: &str = "INSERT INTO transitions (mistake_id, seq, from_state, to_state, moved_at)
    VALUES ('7kq3x9mz', 1, 'detected', 'owned', 700)";
/// 27 updates on the first mistake, none on the second.
const UPDATES: &str = "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 27)
    INSERT INTO progress_updates (mistake_id, posted_at, body) SELECT '7kq3x9mz', 1000 + i, 'Update ' || i FROM k";

#[tokio::test(flavor = "current_thread")]
async fn children_stored_before_the_document_are_read_once_opened() {
    let (_dir, path) = migrated::file_at(19, &[USER, MISTAKES, ENTRY, MOVED, UPDATES]).await;

    let store = rebound_store_sqlite::open(&path).await.unwrap();
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
