//! What the erasure-scrub tests of both backends plant and delete: records
//! holding one unique phrase, made through the stores' public methods (a
//! mistake's title, a comment, a reflection), so the test looks for bytes
//! the store itself wrote. Each backend's test scans its own files.

use crate::conformance_reflections::ReflectionBackend;
use crate::conformance_sharing::{stored_mistake, stored_person};
use crate::sharing::NewComment;
use rebound_domain::{
    Author, CommentBody, CommentId, MistakeId, NewReflection, Reflection, ReflectionId, UserId,
};
use std::hash::{BuildHasher, Hasher};

/// The tables the planted rows live in, for the scrub.
pub const TABLES: &[&str] = &[
    "mistakes",
    "timeline_entries",
    "comments",
    "reflections",
    "diagnosis_feedback",
];

/// The records holding the phrase.
pub struct Planted {
    pub owner: UserId,
    pub mistake: MistakeId,
    pub reflection: ReflectionId,
}

/// A phrase nothing else holds: letters and 16 random hex digits.
pub fn phrase() -> String {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    format!("quillfeather{:016x}", h.finish())
}

/// A mistake titled with `phrase`, a comment on it and a reflection on it
/// that say it too.
pub async fn plant(store: &dyn ReflectionBackend, phrase: &str) -> Planted {
    let owner = stored_person(store, "Ana").await;
    let m = stored_mistake(store, &owner, &format!("Pasted {phrase} into chat")).await;
    let comment = NewComment {
        id: CommentId::from_random(crate::conformance::fresh5()),
        mistake: m.id.clone(),
        parent: None,
        author: Author::Account(owner.id.clone()),
        body: CommentBody::parse(&format!("It said {phrase} in full")).expect("a valid body"),
        created_at: crate::conformance_sharing::now(),
    };
    store.add_comment(&comment).await.expect("comment added");
    let r = Reflection::new(
        ReflectionId::from_random(crate::conformance::fresh5()),
        NewReflection {
            owner: Some(owner.id.clone()),
            mistake: Some(m.id.clone()),
            memory_title: None,
            account: format!("I pasted {phrase} where everyone could read it."),
        },
        None,
        crate::conformance_sharing::now(),
    )
    .expect("a valid reflection");
    store
        .create_reflection(&r, None)
        .await
        .expect("reflection stored");
    Planted {
        owner: owner.id,
        mistake: m.id,
        reflection: r.id,
    }
}

/// Whether `needle` occurs in `haystack`.
pub fn holds(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.as_bytes();
    haystack.windows(needle.len()).any(|w| w == needle)
}
