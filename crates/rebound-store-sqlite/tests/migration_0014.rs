//! Migration 0014 rebuilds `comments` and `recovery_plans` (SQLite changes
//! a constraint only so) while foreign keys are on: the rows under them —
//! votes, replies, private notes — must come through, and nothing may be
//! left dangling.

use sqlx::sqlite::SqlitePool;

mod migrated;

const USERS: &str =
    "INSERT INTO users (id, email, display_name, role, time_zone, password_hash, created_at)
    VALUES ('ana0sam1', 'ana@example.com', 'Ana', 'manager', 'UTC', 'x', 1),
           ('ben0sam2', 'ben@example.com', 'Ben', 'member', 'UTC', 'x', 1)";
const MISTAKE: &str = "INSERT INTO mistakes (id, version, title, severity, state, detected_at, created_at,
        updated_at, heads_up_text, heads_up_edited, cadence_kind, owner_id, visibility)
    VALUES ('m1', 1, 'Wrong totals', 'high', 'detected', 1, 1, 1, 'Heads up', 0, 'default', 'ben0sam2', 'team')";
const THREAD: &str =
    "INSERT INTO comments (id, mistake_id, parent_id, author_user_id, body, score, created_at)
    VALUES ('c1', 'm1', NULL, 'ana0sam1', 'Which reports?', 1, 2),
           ('c2', 'm1', 'c1', 'ben0sam2', 'The monthly ones', 0, 3)";
const VOTE: &str = "INSERT INTO comment_votes (comment_id, voter_kind, voter_id, voted_at)
    VALUES ('c1', 'user', 'ben0sam2', 4)";
const PLAN: &str =
    "INSERT INTO recovery_plans (id, report_id, opened_by, mistake_id, opened_at, version, doc)
    VALUES ('p1', 'ben0sam2', 'ana0sam1', 'm1', 5, 1, '{}')";
const NOTE: &str = "INSERT INTO recovery_private_notes (id, plan_id, author_id, at, body)
    VALUES ('n1', 'p1', 'ana0sam1', 6, 'Seemed tired')";

async fn count(pool: &SqlitePool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn rebuilt_tables_keep_the_rows_under_them() {
    let (_dir, path) = migrated::file_at(13, &[USERS, MISTAKE, THREAD, VOTE, PLAN, NOTE]).await;

    let store = rebound_store_sqlite::open(&path).await.unwrap();
    let pool = store.pool();
    assert_eq!(count(pool, "SELECT COUNT(*) FROM comment_votes").await, 1);
    assert_eq!(
        count(
            pool,
            "SELECT COUNT(*) FROM comments WHERE id = 'c2' AND parent_id = 'c1'"
        )
        .await,
        1
    );
    assert_eq!(
        count(pool, "SELECT COUNT(*) FROM recovery_private_notes").await,
        1
    );
    assert_eq!(count(pool, "SELECT COUNT(*) FROM recovery_plans").await, 1);
    let dangling: Vec<(String,)> = sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
        .fetch_all(pool)
        .await
        .unwrap();
    assert!(dangling.is_empty(), "{dangling:?}");
    // The new rules hold: a removed comment has no body nor author, and a
    // vote still cascades from its comment.
    sqlx::query(
        "UPDATE comments SET body = NULL, author_user_id = NULL, removed_at = 7 WHERE id = 'c1'",
    )
    .execute(pool)
    .await
    .unwrap();
    sqlx::query("DELETE FROM comments WHERE id = 'c1'")
        .execute(pool)
        .await
        .unwrap();
    assert_eq!(count(pool, "SELECT COUNT(*) FROM comment_votes").await, 0);
    assert_eq!(
        count(pool, "SELECT COUNT(*) FROM comments").await,
        0,
        "the reply goes with it"
    );
}
