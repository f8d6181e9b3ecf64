//! Every write's event commits in the write's own transaction, on both
//! databases: it is in the log the moment the store call returns (with no
//! held path to write it: the sink has no writer), and when the audit log
//! refuses it, the change is refused with it.

use super::AuditSink;
use crate::clock::Clock;
use crate::guard::recovery::tests::{HASH, plan_about};
use crate::guard::{Backend, Guard};
use rebound_domain::access::{Action, Part, RecoveryPart};
use rebound_domain::recovery::RecoveryPlan;
use rebound_domain::{CommentBody, Mistake, NewMistake, User, Visibility};
use rebound_store::conformance_accounts::person;
use rebound_store_postgres::testing::TestDatabase;
use std::sync::Arc;

/// One real database of each kind (PostgreSQL when a server answers); the
/// directory or database lives as long as this.
enum Db {
    Sqlite {
        store: Arc<rebound_store_sqlite::SqliteStore>,
        _dir: tempfile::TempDir,
    },
    Postgres {
        store: Arc<rebound_store_postgres::PgStore>,
        _db: TestDatabase,
    },
}

impl Db {
    async fn all() -> Vec<Db> {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = rebound_store_sqlite::open(&dir.path().join("c.db"))
            .await
            .unwrap();
        let mut all = vec![Db::Sqlite {
            store: Arc::new(sqlite),
            _dir: dir,
        }];
        if let Some(db) = TestDatabase::create() {
            let pg = rebound_store_postgres::connect(db.url()).await.unwrap();
            all.push(Db::Postgres {
                store: Arc::new(pg),
                _db: db,
            });
        }
        all
    }

    fn backend(&self) -> Arc<dyn Backend> {
        match self {
            Db::Sqlite { store, .. } => store.clone(),
            Db::Postgres { store, .. } => store.clone(),
        }
    }

    /// From now on every audit row is refused, as a full disk would.
    async fn refuse_audit_rows(&self) {
        match self {
            Db::Sqlite { store: s, .. } => {
                sqlx::query(
                    "CREATE TRIGGER refuse BEFORE INSERT ON audit_log
                     BEGIN SELECT RAISE(ABORT, 'no'); END",
                )
                .execute(s.pool())
                .await
                .unwrap();
            }
            Db::Postgres { store: s, .. } => {
                for sql in [
                    "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql
                     AS $$ BEGIN RAISE EXCEPTION 'no'; END $$",
                    "CREATE TRIGGER refuse BEFORE INSERT ON audit_log
                     FOR EACH ROW EXECUTE FUNCTION refuse()",
                ] {
                    sqlx::query(sql).execute(s.pool()).await.unwrap();
                }
            }
        }
    }
}

/// A manager and their report, a mistake of the report's, and a plan.
struct World {
    store: Arc<dyn Backend>,
    guard: Guard,
    manager: User,
    report: User,
    mistake: Mistake,
    plan: RecoveryPlan,
}

async fn world(db: &Db) -> World {
    let store = db.backend();
    let manager = person("Mara");
    store.create_user(&manager, HASH).await.unwrap();
    let mut report = person("Remi");
    report.manager = Some(manager.id.clone());
    store.create_user(&report, HASH).await.unwrap();
    let clock = Clock::System;
    let mistake = Mistake::new(
        NewMistake {
            title: "Paused the wrong queue".into(),
            owner: Some(report.id.clone()),
            visibility: Some(Visibility::Private),
            ..NewMistake::default()
        },
        rebound_store::conformance::fresh_id(),
        &rebound_store::conformance::now(),
    )
    .unwrap();
    store.create(&mistake).await.unwrap();
    let plan = plan_about(&report, &manager, "The queue", 9, clock.now());
    store.create_plan(&plan).await.unwrap();
    let guard = Guard::new(
        store.clone(),
        AuditSink::without_writer(clock.clone()),
        clock,
    );
    World {
        store,
        guard,
        manager,
        report,
        mistake,
        plan,
    }
}

impl World {
    async fn comment(&self) -> crate::error::ApiResult<()> {
        let (part, action) = (Part::Comments, Action::Create);
        let id = self.mistake.id.as_str();
        let granted = self.guard.open(&self.report, id, part, action).await?;
        let body = CommentBody::parse("Resumed it").unwrap();
        let at = Clock::System.now();
        granted.add_comment(None, body, at).await.map(drop)
    }

    async fn change_plan(&self) -> crate::error::ApiResult<()> {
        let id = self.plan.id.as_str();
        let part = RecoveryPart::Plan;
        let changed = self.guard.change_plan(&self.manager, id, part, |_| Ok(()));
        changed.await.map(drop)
    }

    async fn logged(&self, kind: &str, id: &str, action: &str) -> usize {
        let events = self.store.audit_of(kind, id, 100).await.unwrap();
        events.iter().filter(|e| e.action == action).count()
    }
}

#[tokio::test]
async fn a_writes_event_is_stored_by_the_write_itself() {
    for db in Db::all().await {
        let w = world(&db).await;
        w.comment().await.unwrap();
        let m = w.mistake.id.as_str();
        assert_eq!(w.logged("mistake", m, "create").await, 1, "the comment's");
        w.change_plan().await.unwrap();
        let p = w.plan.id.as_str();
        assert_eq!(
            w.logged("recovery_plan", p, "change").await,
            1,
            "the plan's"
        );
    }
}

#[tokio::test]
async fn when_the_log_refuses_the_event_the_change_is_not_stored() {
    for db in Db::all().await {
        let w = world(&db).await;
        db.refuse_audit_rows().await;
        let refused = w.comment().await.unwrap_err();
        assert_eq!(refused.status, axum::http::StatusCode::SERVICE_UNAVAILABLE);
        let by = rebound_domain::Actor::Account(w.report.id.clone());
        let comments = w.store.comments(&w.mistake.id, &by).await.unwrap();
        assert!(comments.is_empty(), "no comment without its event");

        let refused = w.change_plan().await.unwrap_err();
        assert_eq!(refused.status, axum::http::StatusCode::SERVICE_UNAVAILABLE);
        let plan = w.store.plan(&w.plan.id).await.unwrap().unwrap();
        assert_eq!(plan.version, w.plan.version, "no change without its event");
    }
}

/// A write path that forgot to take its events is caught (in a debug
/// build, which the tests are), rather than losing them silently.
#[cfg(debug_assertions)]
#[tokio::test]
#[should_panic(expected = "did not carry its audit events")]
async fn a_write_that_does_not_carry_its_events_is_caught() {
    let sink = AuditSink::without_writer(Clock::System);
    let event = rebound_domain::audit::AuditEvent::mistake(
        Clock::System.now(),
        rebound_domain::audit::AuditActor::User("ana0sam1".into()),
        "7kq3x9mz",
        Part::Record,
        Action::Change,
    );
    let forgot = async { Ok::<_, rebound_store::StoreError>(()) };
    let _ = sink.carrying(vec![event], forgot).await;
}
