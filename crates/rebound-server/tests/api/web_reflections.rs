//! The list of your reflections, and wins and the self-care plan tied to a
//! mistake, as pages (no browser): your reflections newest first and
//! nobody else's; someone else's reflection is a 404; a win logged after a
//! mistake shows on that mistake's page for its owner, and never for the
//! manager or a stakeholder who can read the page; picking someone else's
//! mistake is refused like a missing one, keeping what was typed.

use crate::harness::{Person, TestApp, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

const NOT_YOURS: &str = "There is no such mistake of yours.";

/// The owner (Olga), her manager (Mona), and a stakeholder (Sam).
async fn people(app: &TestApp) -> (Person, Person, Person) {
    let admin = app.setup_admin().await;
    let boss = app.join(&admin, "Mona", "manager", None, None).await;
    let owner = app.join(&admin, "Olga", "member", Some(&boss), None).await;
    let sam = app.join(&admin, "Sam", "member", None, None).await;
    (owner, boss, sam)
}

async fn created(app: &TestApp, who: &Person, path: &str, body: Value) -> Value {
    let r = app.post(path, who, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{path}: {}", r.body);
    r.body
}

/// Where `needle` first appears in `html` (panics if it does not).
fn at(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not on the page:\n{html}"))
}

#[tokio::test]
async fn web_reflections_lists_mine_newest_first_and_nobody_elses() {
    let app = spawn_app().await;
    let (owner, boss, _) = people(&app).await;
    let m = app
        .mistake(&owner, "Launch date promised too early", "manager")
        .await;

    // Nothing yet: the page says how to start; the header links to it.
    let empty = app.page("/reflections", Some(&owner)).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.html.contains("No reflections yet"), "{}", empty.html);
    assert!(empty.html.contains("href=\"/reflections\""));

    // The first, on the mistake, left half-done.
    let first = created(
        &app,
        &owner,
        "/api/v1/reflections",
        json!({"mistake": m, "account": "I promised the customer a launch date without asking engineering."}),
    )
    .await;
    let first = first["id"].as_str().unwrap().to_string();
    // The second, an older memory, taken to the end with a principle.
    let second = created(
        &app,
        &owner,
        "/api/v1/reflections",
        json!({
            "memory_title": "The review I stayed quiet in",
            "account": "I saw the numbers were wrong in the review and said nothing.",
            "trap": "confidence",
            "failure_type": "courage",
            "specific_error": "I did not say the totals were wrong while the review was deciding on them.",
            "lesson": "When I see a wrong number in a review I will say so in the meeting, and bring the correct figure."
        }),
    )
    .await;
    let second = second["id"].as_str().unwrap().to_string();
    created(
        &app,
        &owner,
        "/api/v1/principles",
        json!({"reflection": second, "text": "I will not stay quiet about a number I know is wrong"}),
    )
    .await;
    // Changing the first afterwards makes it the most recently changed;
    // the page still lists the newest first.
    let r = app
        .put(
            &format!("/api/v1/reflections/{first}"),
            &owner,
            json!({"trap": "expertise", "failure_type": "information"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Someone else's reflection (the manager's own) never appears.
    let theirs = created(
        &app,
        &boss,
        "/api/v1/reflections",
        json!({"memory_title": "The reorg I announced badly", "account": "I announced the reorg in the all-hands before telling the leads."}),
    )
    .await;
    let theirs = theirs["id"].as_str().unwrap().to_string();

    let page = app.page("/reflections", Some(&owner)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    let html = &page.html;
    assert!(
        at(html, &format!("href=\"/reflect/{second}\""))
            < at(html, &format!("href=\"/reflect/{first}\"")),
        "newest first:\n{html}"
    );
    // The memory's title and the mistake's title, as subjects.
    assert!(html.contains("The review I stayed quiet in"));
    assert!(html.contains("Launch date promised too early"));
    // The finished one: trap, kind of error, the error, the lesson with its
    // verdict, the principle drawn from it.
    for shown in [
        "Confidence",
        "Courage",
        "I did not say the totals were wrong while the review was deciding on them.",
        "When I see a wrong number in a review I will say so in the meeting",
        "I will not stay quiet about a number I know is wrong",
        "Complete",
    ] {
        assert!(html.contains(shown), "{shown:?} missing:\n{html}");
    }
    let verdict = app
        .get(&format!("/api/v1/reflections/{second}"), &owner)
        .await
        .body["lesson_verdict"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(html.contains(&format!(">{verdict}</span>")), "{html}");
    // The half-done one: its choices, what is missing, and where to go on.
    assert!(html.contains("Expertise") && html.contains("Information"));
    assert!(html.contains("In progress"));
    assert!(html.contains("Not written yet"));
    assert!(
        html.contains(&format!("href=\"/reflect/{first}#error\"")),
        "continue at the next step:\n{html}"
    );
    // Nobody else's.
    assert!(!html.contains("The reorg I announced badly"));
    assert!(!html.contains(&theirs));

    // The manager's list is theirs alone.
    let boss_page = app.page("/reflections", Some(&boss)).await;
    assert!(boss_page.html.contains("The reorg I announced badly"));
    assert!(!boss_page.html.contains("The review I stayed quiet in"));
    assert!(!boss_page.html.contains(&first));

    // Each opens to read and continue; anyone else gets a 404 for its id,
    // like an id that does not exist.
    let open = app.page(&format!("/reflect/{first}"), Some(&owner)).await;
    assert_eq!(open.status, StatusCode::OK);
    assert!(
        open.html.contains("The specific error"),
        "next step offered"
    );
    assert!(open.html.contains("href=\"/reflections\""));
    for id in [&first, &second] {
        let p = app.page(&format!("/reflect/{id}"), Some(&boss)).await;
        assert_eq!(p.status, StatusCode::NOT_FOUND, "{id}");
        assert!(p.html.contains("There is nothing here"));
    }
    assert_eq!(
        app.page(&format!("/reflect/{theirs}"), Some(&owner))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.page("/reflect/ZZZZZZZZ", Some(&owner)).await.status,
        StatusCode::NOT_FOUND
    );
    // Signed out: to the sign-in page, and back here after.
    let out = app.page("/reflections", None).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.location(), "/signin?next=%2Freflections");
}

#[tokio::test]
async fn web_a_win_after_a_mistake_shows_on_its_page_for_the_owner_only() {
    let app = spawn_app().await;
    let (owner, boss, sam) = people(&app).await;
    let m = app
        .mistake(&owner, "Published the draft price list", "stakeholders")
        .await;
    let named = app
        .put(
            &format!("/api/v1/mistakes/{m}/stakeholders/{}", sam.id),
            &owner,
            json!({}),
        )
        .await;
    assert!(named.status.is_success(), "{}", named.body);
    let page = format!("/m/{m}");

    // The owner's page has the section, with nothing logged yet.
    let mine = app.page(&page, Some(&owner)).await;
    assert!(mine.html.contains("Keep showing up"), "{}", mine.html);
    assert!(mine.html.contains("None logged yet."));

    // Log a win from the mistake page.
    let logged = app
        .submit(
            &page,
            &format!("{page}/wins"),
            &owner,
            &[("text", "Walked sales through the corrected prices")],
        )
        .await;
    assert_eq!(logged.status, StatusCode::SEE_OTHER, "{}", logged.html);
    assert_eq!(logged.location(), format!("{page}#keep-showing-up"));
    // And one from the wins page, picking the mistake there.
    let picked = app
        .submit(
            &format!("/recovery?mistake={m}"),
            "/recovery/wins",
            &owner,
            &[
                ("text", "Shipped the release-branch check"),
                ("mistake", &m),
            ],
        )
        .await;
    assert_eq!(picked.status, StatusCode::SEE_OTHER, "{}", picked.html);
    // One not tied to it stays off its page.
    let loose = app
        .submit(
            "/recovery",
            "/recovery/wins",
            &owner,
            &[("text", "Ran the team retro well"), ("mistake", "")],
        )
        .await;
    assert_eq!(loose.status, StatusCode::SEE_OTHER, "{}", loose.html);
    // The self-care plan, tied to the mistake.
    let plan = app
        .submit(
            &format!("/recovery?mistake={m}"),
            "/recovery/self-care",
            &owner,
            &[
                ("idea0", "A walk outside"),
                ("own", "Dinner with friends"),
                ("mistake", &m),
            ],
        )
        .await;
    assert_eq!(plan.status, StatusCode::SEE_OTHER, "{}", plan.html);
    let api = app.get("/api/v1/wins", &owner).await.body;
    let tied: Vec<&Value> = api["wins"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["mistake"] == json!(m))
        .collect();
    assert_eq!(tied.len(), 2, "{api}");
    assert_eq!(
        app.get("/api/v1/me/self-care", &owner).await.body["plan"]["mistake"],
        json!(m)
    );

    let mine = app.page(&page, Some(&owner)).await;
    assert_eq!(mine.status, StatusCode::OK);
    for shown in [
        "Walked sales through the corrected prices",
        "Shipped the release-branch check",
        "Your plan follows this mistake",
        "Dinner with friends",
    ] {
        assert!(mine.html.contains(shown), "{shown:?}:\n{}", mine.html);
    }
    assert!(!mine.html.contains("Ran the team retro well"));
    // The wins page names the mistake each follows.
    let wins = app.page("/recovery", Some(&owner)).await;
    assert!(
        wins.html
            .contains(&format!("href=\"/m/{m}#keep-showing-up\"")),
        "{}",
        wins.html
    );

    // The manager and the stakeholder read the same page, without any of it.
    for (who, reader) in [("manager", &boss), ("stakeholder", &sam)] {
        let theirs = app.page(&page, Some(reader)).await;
        assert_eq!(theirs.status, StatusCode::OK, "{who}");
        for hidden in [
            "Keep showing up",
            "Walked sales through the corrected prices",
            "Shipped the release-branch check",
            "Dinner with friends",
            "A walk outside",
            "/wins",
        ] {
            assert!(
                !theirs.html.contains(hidden),
                "the {who} sees {hidden:?}:\n{}",
                theirs.html
            );
        }
        // Nor can they log one on it.
        let post = app
            .submit(
                &page,
                &format!("{page}/wins"),
                reader,
                &[("text", "Logged by someone else")],
            )
            .await;
        assert_eq!(post.status, StatusCode::NOT_FOUND, "{who}");
        // Nor tie one of their own to it, nor pick it in advance.
        let post = app
            .submit(
                "/recovery",
                "/recovery/wins",
                reader,
                &[("text", "Logged by someone else"), ("mistake", &m)],
            )
            .await;
        assert_eq!(post.status, StatusCode::NOT_FOUND, "{who}");
        assert_eq!(
            app.page(&format!("/recovery?mistake={m}"), Some(reader))
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{who}"
        );
        let wins = app.get("/api/v1/wins", reader).await.body;
        assert_eq!(wins["wins"], json!([]), "{who}");
    }
    assert!(
        !app.get("/api/v1/wins", &owner)
            .await
            .body
            .to_string()
            .contains("Logged by someone else")
    );

    // Bad input is explained beside the section, with what was typed.
    let blank = app
        .submit(&page, &format!("{page}/wins"), &owner, &[("text", "   ")])
        .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        blank.html.contains("The win cannot be empty."),
        "{}",
        blank.html
    );
    let long = "x".repeat(501);
    let too_long = app
        .submit(&page, &format!("{page}/wins"), &owner, &[("text", &long)])
        .await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        too_long
            .html
            .contains("The win is too long (501 characters; at most 500)."),
        "{}",
        too_long.html
    );
    assert!(too_long.html.contains(&long), "what was typed stays");
}

#[tokio::test]
async fn web_picking_someone_elses_mistake_is_refused_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let (owner, boss, _) = people(&app).await;
    let own = app
        .mistake(&owner, "Sent the wrong invoice", "manager")
        .await;
    let not_mine = app
        .mistake(&boss, "Cancelled the offsite late", "private")
        .await;

    // The pickers list only the person's own mistakes; one can be picked
    // in advance.
    let page = app
        .page(&format!("/recovery?mistake={own}"), Some(&owner))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains("Sent the wrong invoice"));
    assert!(!page.html.contains("Cancelled the offsite late"));
    assert!(
        page.html
            .contains(&format!("<option value=\"{own}\" selected>")),
        "{}",
        page.html
    );
    // Picking in advance someone else's, or nothing that exists: 404.
    for id in [not_mine.as_str(), "ZZZZZZZZ"] {
        assert_eq!(
            app.page(&format!("/recovery?mistake={id}"), Some(&owner))
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{id}"
        );
    }

    // A win after someone else's mistake, or a made-up id: the same 404 and
    // the same sentence, and the text typed is still there.
    for id in [not_mine.as_str(), "ZZZZZZZZ", "not an id"] {
        let refused = app
            .submit(
                "/recovery",
                "/recovery/wins",
                &owner,
                &[("text", "Presented the corrected invoice"), ("mistake", id)],
            )
            .await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{id}");
        assert!(refused.html.contains(NOT_YOURS), "{id}: {}", refused.html);
        assert!(
            refused
                .html
                .contains("value=\"Presented the corrected invoice\""),
            "{id}: what was typed stays:\n{}",
            refused.html
        );
        assert!(!refused.html.contains("Cancelled the offsite late"));
    }
    // The self-care plan too: ticked ideas and own words are kept.
    let refused = app
        .submit(
            "/recovery",
            "/recovery/self-care",
            &owner,
            &[
                ("idea1", "Exercise"),
                ("own", "Cook something slow\nCall my brother"),
                ("mistake", &not_mine),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert!(refused.html.contains(NOT_YOURS), "{}", refused.html);
    assert!(
        refused
            .html
            .contains("Cook something slow\nCall my brother")
    );
    assert!(
        refused
            .html
            .contains("name=\"idea1\" value=\"Exercise\" checked"),
        "{}",
        refused.html
    );
    // Nothing was stored.
    assert_eq!(
        app.get("/api/v1/wins", &owner).await.body["wins"],
        json!([])
    );
    assert_eq!(
        app.get("/api/v1/me/self-care", &owner).await.body["plan"],
        Value::Null
    );

    // A bad item is named, and the pick of one's own mistake is kept.
    let long = "y".repeat(201);
    let refused = app
        .submit(
            "/recovery",
            "/recovery/self-care",
            &owner,
            &[("own", &long), ("mistake", &own)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .html
            .contains("A self-care item is too long (201 characters; at most 200)."),
        "{}",
        refused.html
    );
    assert!(refused.html.contains(&long));
    assert!(
        refused
            .html
            .contains(&format!("<option value=\"{own}\" selected>"))
    );
    let blank = app
        .submit(
            "/recovery",
            "/recovery/wins",
            &owner,
            &[("text", ""), ("mistake", &own)],
        )
        .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blank.html.contains("The win cannot be empty."));
    assert!(
        blank
            .html
            .contains(&format!("<option value=\"{own}\" selected>"))
    );
}
