//! The behaviour every [`JournalStore`] backend must show, as async
//! functions a backend's own tests call: `run_all(&store).await`, on a
//! store that also keeps accounts and erases them.
//!
//! Each function makes its own people and entries (fresh ids, unique
//! emails) and checks only those, so they can share one store.

use crate::StoreError;
use crate::conformance::fresh5;
use crate::conformance_sharing::{SharingBackend, now, stored_person};
use crate::erasure::ErasureStore;
use crate::journal::JournalStore;
use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};
use rebound_domain::UserId;
use rebound_domain::id::JournalEntryId;
use rebound_domain::journal::JournalEntry;

/// Everything the checks need from one backend.
pub trait JournalBackend: SharingBackend + JournalStore + ErasureStore {}
impl<T: SharingBackend + JournalStore + ErasureStore> JournalBackend for T {}

/// Runs every check below, in order.
pub async fn run_all(store: &dyn JournalBackend) {
    an_entry_round_trips_and_is_its_owners_alone(store).await;
    entries_are_listed_newest_first_per_person(store).await;
    a_taken_id_or_unknown_owner_is_refused(store).await;
    the_journal_goes_with_the_account(store).await;
    a_personal_database_has_no_owner(store).await;
}

fn at(minutes: i64) -> Timestamp {
    now() + SignedDuration::from_mins(minutes)
}

fn entry(owner: Option<&UserId>, text: &str, minute: i64, answers: bool) -> JournalEntry {
    let prompt = answers.then(|| rebound_domain::prompt::prompt_for(date(2026, 11, 20)).unwrap());
    JournalEntry::new(
        JournalEntryId::from_random(fresh5()),
        owner.cloned(),
        text,
        prompt,
        at(minute),
    )
    .expect("a valid entry")
}

fn not_found<T: std::fmt::Debug>(r: Result<T, StoreError>) {
    assert!(
        matches!(r, Err(StoreError::RecordNotFound { .. })),
        "expected RecordNotFound, got {r:?}"
    );
}

pub async fn an_entry_round_trips_and_is_its_owners_alone(store: &dyn JournalBackend) {
    let ana = stored_person(store, "Ana").await;
    let ben = stored_person(store, "Ben").await;
    let mine = Some(&ana.id);
    let mut e = entry(mine, "I told Sam within the hour.\nIt helped.", 0, true);
    store.create_journal_entry(&e).await.unwrap();
    assert_eq!(store.journal_entry(mine, &e.id).await.unwrap(), e);
    not_found(store.journal_entry(Some(&ben.id), &e.id).await);
    not_found(store.journal_entry(None, &e.id).await);
    assert!(
        store
            .journal_entries(Some(&ben.id))
            .await
            .unwrap()
            .is_empty()
    );

    e.edit("I told Sam within ten minutes.", at(3)).unwrap();
    store.update_journal_entry(&e).await.unwrap();
    assert_eq!(store.journal_entry(mine, &e.id).await.unwrap(), e);

    // Someone else's id under another owner finds nothing and changes nothing.
    let mut theirs = e.clone();
    theirs.owner = Some(ben.id.clone());
    theirs.text = "Overwritten".into();
    not_found(store.update_journal_entry(&theirs).await);
    not_found(store.delete_journal_entry(Some(&ben.id), &e.id).await);
    assert_eq!(store.journal_entry(mine, &e.id).await.unwrap(), e);

    store.delete_journal_entry(mine, &e.id).await.unwrap();
    not_found(store.journal_entry(mine, &e.id).await);
    not_found(store.delete_journal_entry(mine, &e.id).await);
    not_found(store.update_journal_entry(&e).await);
}

pub async fn entries_are_listed_newest_first_per_person(store: &dyn JournalBackend) {
    let ana = stored_person(store, "Ana").await;
    let ben = stored_person(store, "Ben").await;
    let older = entry(Some(&ana.id), "A walk at lunch", -60, false);
    let newer = entry(Some(&ana.id), "Answered the prompt", 0, true);
    let bens = entry(Some(&ben.id), "Ben's own", 5, false);
    for e in [&older, &newer, &bens] {
        store.create_journal_entry(e).await.unwrap();
    }
    assert_eq!(
        store.journal_entries(Some(&ana.id)).await.unwrap(),
        [newer, older]
    );
    assert_eq!(store.journal_entries(Some(&ben.id)).await.unwrap(), [bens]);
}

pub async fn a_taken_id_or_unknown_owner_is_refused(store: &dyn JournalBackend) {
    let ana = stored_person(store, "Ana").await;
    let e = entry(Some(&ana.id), "Once", 0, false);
    store.create_journal_entry(&e).await.unwrap();
    assert!(matches!(
        store.create_journal_entry(&e).await,
        Err(StoreError::AlreadyExists { .. })
    ));
    let ghost = UserId::from_random(fresh5());
    assert!(matches!(
        store
            .create_journal_entry(&entry(Some(&ghost), "Nobody's", 0, false))
            .await,
        Err(StoreError::UserNotFound(_))
    ));
    assert_eq!(store.journal_entries(Some(&ana.id)).await.unwrap(), [e]);
}

pub async fn the_journal_goes_with_the_account(store: &dyn JournalBackend) {
    let ana = stored_person(store, "Ana").await;
    let ben = stored_person(store, "Ben").await;
    let hers = entry(Some(&ana.id), "Hers, and private", 0, true);
    let his = entry(Some(&ben.id), "His stays", 0, false);
    store.create_journal_entry(&hers).await.unwrap();
    store.create_journal_entry(&his).await.unwrap();
    store.erase_account(&ana.id, at(10)).await.unwrap();
    assert!(
        store
            .journal_entries(Some(&ana.id))
            .await
            .unwrap()
            .is_empty()
    );
    not_found(store.journal_entry(Some(&ana.id), &hers.id).await);
    assert_eq!(store.journal_entries(Some(&ben.id)).await.unwrap(), [his]);
}

pub async fn a_personal_database_has_no_owner(store: &dyn JournalBackend) {
    let ana = stored_person(store, "Ana").await;
    let e = entry(None, "On my own machine", 0, true);
    store.create_journal_entry(&e).await.unwrap();
    assert_eq!(store.journal_entry(None, &e.id).await.unwrap(), e);
    assert!(store.journal_entries(None).await.unwrap().contains(&e));
    not_found(store.journal_entry(Some(&ana.id), &e.id).await);
    store.delete_journal_entry(None, &e.id).await.unwrap();
    not_found(store.journal_entry(None, &e.id).await);
}
