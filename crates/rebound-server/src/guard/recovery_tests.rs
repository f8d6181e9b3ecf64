use super::*;
use crate::audit::AuditSink;
use rebound_domain::recovery::NewPlan;
use rebound_store::AuditStore;
use rebound_store::accounts::AccountStore;
use rebound_store::conformance_accounts::person;

use std::sync::Arc;

/// A stored password hash for test accounts (never checked here).
pub(crate) const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

/// A plan `manager` opens about `report` with one topic, as of `at`.
pub(crate) fn plan_about(
    report: &User,
    manager: &User,
    topic: &str,
    seed: u8,
    at: jiff::Timestamp,
) -> RecoveryPlan {
    RecoveryPlan::open(
        NewPlan {
            report: report.id.clone(),
            opened_by: manager.id.clone(),
            mistake: None,
            pressure_points: vec![],
            drivers: vec![],
            schedule: None,
            topics: vec![topic.into()],
        },
        RecoveryPlanId::from_random([seed; 5]),
        at,
    )
    .unwrap()
}

/// Every allowed read is an audit event naming the part, never the
/// content; a refused one is not (and is a 404).
#[tokio::test]
async fn allowed_reads_are_audited_by_part_and_refusals_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(
        rebound_store_sqlite::open(&dir.path().join("r.db"))
            .await
            .unwrap(),
    );
    let mut manager = person("Mara");
    manager.role = rebound_domain::Role::Manager;
    let mut report = person("Remi");
    let stranger = person("Sid");
    store.create_user(&manager, HASH).await.unwrap();
    report.manager = Some(manager.id.clone());
    store.create_user(&report, HASH).await.unwrap();
    store.create_user(&stranger, HASH).await.unwrap();
    let (audit, writer) = AuditSink::start(store.clone(), crate::clock::Clock::System);
    let clock = crate::clock::Clock::System;
    let guard = Guard::new(store.clone(), audit, clock.clone());
    let plan = plan_about(&report, &manager, "Something private", 7, clock.now());
    guard.create_plan(&manager, &plan).await.unwrap();
    let id = plan.id.as_str();
    let g = guard
        .open_plan(&manager, id, RecoveryPart::Plan, Action::Read)
        .await
        .unwrap();
    guard.private_notes(&g).await.unwrap();
    let n = guard
        .open_plan(&manager, id, RecoveryPart::PrivateNotes, Action::Read)
        .await
        .unwrap();
    guard.private_notes(&n).await.unwrap();
    guard
        .open_plan(&report, id, RecoveryPart::Plan, Action::Read)
        .await
        .unwrap();
    for (who, part) in [
        (&report, RecoveryPart::PrivateNotes),
        (&report, RecoveryPart::Escalation),
        (&stranger, RecoveryPart::Plan),
    ] {
        let e = guard
            .open_plan(who, id, part, Action::Read)
            .await
            .err()
            .unwrap();
        assert_eq!(e.status, StatusCode::NOT_FOUND);
    }
    drop(guard);
    writer.await.unwrap();
    let mut got: Vec<(String, String, String)> = store
        .audit_of("recovery_plan", id, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| {
            let who = match e.actor {
                AuditActor::User(u) => u,
                AuditActor::Guest(g) => g,
            };
            (who, e.part, e.action)
        })
        .collect();
    got.sort();
    let mut want = vec![
        (
            manager.id.to_string(),
            "plan".to_string(),
            "create".to_string(),
        ),
        (
            manager.id.to_string(),
            "plan".to_string(),
            "read".to_string(),
        ),
        (
            manager.id.to_string(),
            "private_notes".to_string(),
            "read".to_string(),
        ),
        (
            manager.id.to_string(),
            "private_notes".to_string(),
            "read".to_string(),
        ),
        (
            report.id.to_string(),
            "plan".to_string(),
            "read".to_string(),
        ),
    ];
    want.sort();
    assert_eq!(got, want);
}
