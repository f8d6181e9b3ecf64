//! The personal archive: its versioned JSON, its files and their words.

use super::archive::{
    Archive, ArchivedComment, CommentElsewhere, FormalRequest, OwnedMistake, SCHEMA, archive,
};
use super::tests::{fully_filled, now};
use crate::recovery::PrivateNote;
use crate::{CommentId, Principle, PrincipleId, Win, WinId};
use jiff::SignedDuration;

fn full() -> Archive {
    let n = now();
    let t = n.timestamp();
    let mut a = Archive::new(&n, "local", None);
    let m = fully_filled();
    let mut owned = OwnedMistake::bare(m.clone(), &n);
    owned.comments.push(ArchivedComment {
        id: CommentId::from_random([1, 2, 3, 4, 5]),
        mistake: m.id.clone(),
        parent: None,
        author_name: "Ben".into(),
        body: "Thanks for the quick heads-up.".into(),
        created_at: t,
        edited_at: None,
        score: 2,
    });
    a.mistakes.push(owned);
    a.comments_elsewhere.push(CommentElsewhere {
        comment: ArchivedComment {
            id: CommentId::from_random([5, 4, 3, 2, 1]),
            mistake: crate::MistakeId::from_random([9, 9, 9, 9, 9]),
            parent: None,
            author_name: "Ana".into(),
            body: "I had the same with the cron job.".into(),
            created_at: t,
            edited_at: None,
            score: 0,
        },
        mistake_title: None,
    });
    let mut p = Principle::new(
        PrincipleId::from_random([3, 3, 3, 3, 3]),
        None,
        "I will not promise a date without engineering",
        None,
        t,
    )
    .unwrap();
    let later = t + SignedDuration::from_mins(5);
    p.revise("I will not promise a date alone", Some("shorter"), later)
        .unwrap();
    a.principles.push(p);
    let win = Win::new(
        WinId::from_random([4, 4, 4, 4, 4]),
        None,
        None,
        "Shipped the fix",
        t,
    );
    a.wins.push(win.unwrap());
    a
}

fn file<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a str {
    let (_, bytes) = files
        .iter()
        .find(|(p, _)| p == &format!("rebound-export/{name}"))
        .unwrap_or_else(|| {
            panic!(
                "no {name} in {:?}",
                files.iter().map(|f| &f.0).collect::<Vec<_>>()
            )
        });
    std::str::from_utf8(bytes).unwrap()
}

#[test]
fn the_json_is_versioned_names_every_section_and_writes_rfc3339_times() {
    let files = archive(&full(), &now());
    let json: serde_json::Value = serde_json::from_str(file(&files, "export.json")).unwrap();
    assert_eq!(json["schema"], SCHEMA);
    assert_eq!(SCHEMA, "rebound-export/1");
    for section in [
        "generated_at",
        "time_zone",
        "source",
        "person",
        "mistakes",
        "comments_elsewhere",
        "votes",
        "reflections",
        "diagnosis_labels",
        "principles",
        "wins",
        "self_care",
        "recovery_plans",
        "notifications",
        "preferences",
    ] {
        assert!(json.get(section).is_some(), "no {section} in {json}");
    }
    assert!(
        json.get("private_notes").is_none(),
        "only in a formal request's archive"
    );
    let at = json["generated_at"].as_str().unwrap();
    assert!(
        at.parse::<jiff::Timestamp>().is_ok() && at.ends_with('Z'),
        "{at}"
    );
    let history = &json["principles"][0]["history"];
    assert_eq!(history.as_array().unwrap().len(), 2, "every wording");
    assert_eq!(
        json["mistakes"][0]["comments"][0]["body"],
        "Thanks for the quick heads-up."
    );
    assert!(json["mistakes"][0]["record"]["title"].is_string());
}

#[test]
fn markdown_files_for_people_and_a_readme_saying_what_each_is() {
    let a = full();
    let files = archive(&a, &now());
    let id = &a.mistakes[0].record.mistake.id;
    let mistake = file(&files, &format!("mistakes/{id}.md"));
    assert!(mistake.starts_with(&format!("# {}", a.mistakes[0].record.mistake.title)));
    assert!(
        mistake.contains("## Comments") && mistake.contains("> Thanks for the quick heads-up.")
    );
    let principles = file(&files, "principles.md");
    assert!(principles.contains("I will not promise a date without engineering"));
    assert!(principles.contains("I will not promise a date alone (shorter)"));
    assert!(file(&files, "wins.md").contains("Shipped the fix"));
    let elsewhere = file(&files, "comments-elsewhere.md");
    assert!(
        elsewhere.contains("a mistake you can no longer see"),
        "{elsewhere}"
    );
    let readme = file(&files, "README.md");
    for name in [
        "export.json",
        "principles.md",
        "wins.md",
        "comments-elsewhere.md",
        "rebound-export/1",
    ] {
        assert!(readme.contains(name), "README names {name}");
    }
    assert!(!readme.contains("reflections.md"), "no file, so not listed");
    assert!(
        files
            .iter()
            .all(|(p, _)| p != "rebound-export/reflections.md")
    );
    assert!(readme.contains("journal"), "says the journal arrives later");
}

#[test]
fn a_formal_request_carries_the_private_notes_and_says_so() {
    let n = now();
    let mut a = full();
    a.formal_request = Some(FormalRequest {
        by: "ADMIN001".into(),
        by_name: "Ada Admin".into(),
        reason: "Subject access request #12".into(),
    });
    a.private_notes = Some(vec![PrivateNote {
        id: crate::id::PrivateNoteId::from_random([6, 6, 6, 6, 6]),
        plan: crate::id::RecoveryPlanId::from_random([8, 8, 8, 8, 8]),
        author: crate::UserId::from_random([2, 2, 2, 2, 2]),
        at: n.timestamp(),
        body: "Seemed tired today.".into(),
    }]);
    let files = archive(&a, &n);
    let json: serde_json::Value = serde_json::from_str(file(&files, "export.json")).unwrap();
    assert_eq!(json["private_notes"][0]["body"], "Seemed tired today.");
    assert!(file(&files, "private-notes.md").contains("> Seemed tired today."));
    let readme = file(&files, "README.md");
    assert!(
        readme.contains("Ada Admin") && readme.contains("private notes"),
        "{readme}"
    );
}
