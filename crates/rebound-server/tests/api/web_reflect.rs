//! Reflect, the Operating Manual and the way back as pages (no browser):
//! the whole guided flow on a mistake through to a principle, a refused
//! step explained beside it with what was typed, search, revise, retire and
//! the download, wins and the self-care plan — and nobody else's pages.

use crate::harness::{Person, TestApp, spawn_app};
use reqwest::StatusCode;

const ACCOUNT: &str = "I promised the customer a launch date in the meeting without asking engineering, and they could not make it.";

async fn owner_and_other(app: &TestApp) -> (Person, Person) {
    let admin = app.setup_admin().await;
    let boss = app.join(&admin, "Mona", "member", None, None).await;
    let owner = app.join(&admin, "Olga", "member", Some(&boss), None).await;
    (owner, boss)
}

#[tokio::test]
async fn the_guided_reflection_on_a_mistake_ends_in_the_operating_manual() {
    let app = spawn_app().await;
    let (owner, boss) = owner_and_other(&app).await;
    let m = app.mistake(&owner, "Launch date promised", "manager").await;

    // The mistake page links to it, for the owner only; the header links the manual.
    let page = app.page(&format!("/m/{m}"), Some(&owner)).await;
    assert!(
        page.html.contains(&format!("/m/{m}/reflect")),
        "{}",
        page.html
    );
    assert!(page.html.contains("href=\"/manual\""));
    let seen_by_boss = app.page(&format!("/m/{m}"), Some(&boss)).await;
    assert_eq!(seen_by_boss.status, StatusCode::OK);
    assert!(!seen_by_boss.html.contains(&format!("/m/{m}/reflect")));

    // Describe.
    let start = format!("/m/{m}/reflect");
    let made = app
        .submit(&start, &start, &owner, &[("account", ACCOUNT)])
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.html);
    let at = made.location().to_string();
    assert!(at.starts_with("/reflect/"), "{at}");

    // The suggestion (or "not sure") with cues, and the explained cards.
    let page = app.page(&at, Some(&owner)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.html.contains("Suggested: the") || page.html.contains("We're not sure"),
        "{}",
        page.html
    );
    for word in [
        "Judgment",
        "Expertise",
        "Ego",
        "Confidence",
        "Information",
        "Courage",
        "Skill",
        "Attention",
        "Correction:",
    ] {
        assert!(page.html.contains(word), "{word}");
    }
    assert!(
        !page.html.contains("The specific error"),
        "later steps wait"
    );

    // Choose; the correction shows.
    let chosen = app
        .submit(
            &at,
            &format!("{at}/choose"),
            &owner,
            &[("trap", "expertise"), ("failure_type", "information")],
        )
        .await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER, "{}", chosen.html);
    let page = app.page(&at, Some(&owner)).await;
    assert!(
        page.html.contains("The correction that fits"),
        "{}",
        page.html
    );
    let half = app
        .submit(&at, &format!("{at}/choose"), &owner, &[("trap", "ego")])
        .await;
    assert_eq!(half.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The specific error: two sentences refused, with what was typed kept.
    let two = "I promised a date. Then I hid it.";
    let refused = app
        .submit(
            &at,
            &format!("{at}/error"),
            &owner,
            &[("specific_error", two)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.html.contains("one sentence"), "{}", refused.html);
    assert!(refused.html.contains(two));
    let saved = app
        .submit(
            &at,
            &format!("{at}/error"),
            &owner,
            &[(
                "specific_error",
                "I promised a date before engineering estimated the work.",
            )],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);

    // The lesson: a vague one gets its verdict, reasons and the prompt.
    let vague = app
        .submit(
            &at,
            &format!("{at}/lesson"),
            &owner,
            &[(
                "lesson",
                "I'm just bad at this and should stay out of launches.",
            )],
        )
        .await;
    assert_eq!(vague.status, StatusCode::SEE_OTHER);
    let page = app.page(&at, Some(&owner)).await;
    assert!(page.html.contains("The check says:"), "{}", page.html);
    assert!(page.html.contains("Make it specific"), "{}", page.html);

    // The principle: not "I will not …" is refused; then it lands in the manual.
    let bad = app
        .submit(
            &at,
            &format!("{at}/principle"),
            &owner,
            &[("text", "Always ask engineering")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.html.contains("I will not"));
    let good = app
        .submit(
            &at,
            &format!("{at}/principle"),
            &owner,
            &[(
                "text",
                "I will not promise a date before engineering has estimated it",
            )],
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.html);
    assert!(good.location().starts_with("/manual#p-"));
    let pid = good.location().trim_start_matches("/manual#p-").to_string();

    let manual = app.page("/manual", Some(&owner)).await;
    assert!(
        manual
            .html
            .contains("I will not promise a date before engineering has estimated it")
    );
    assert!(
        manual.html.contains(&format!(
            "From: <a href=\"/m/{m}\">Launch date promised</a>"
        )),
        "{}",
        manual.html
    );
    let none = app.page("/manual?q=nothing-like-this", Some(&owner)).await;
    assert!(none.html.contains("No principle matches."));
    let hit = app.page("/manual?q=ENGINEERING", Some(&owner)).await;
    assert!(hit.html.contains(&format!("p-{pid}")));

    // Revise (history shown), then retire.
    let revised = app
        .submit(
            "/manual",
            &format!("/manual/{pid}/revise"),
            &owner,
            &[
                ("text", "I will not give a date without an estimate"),
                ("note", "shorter"),
            ],
        )
        .await;
    assert_eq!(revised.status, StatusCode::SEE_OTHER, "{}", revised.html);
    let manual = app.page("/manual", Some(&owner)).await;
    assert!(
        manual.html.contains("Earlier wordings (1)"),
        "{}",
        manual.html
    );
    let refused = app
        .submit(
            "/manual",
            &format!("/manual/{pid}/retire"),
            &owner,
            &[("reason", " ")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let retired = app
        .submit(
            "/manual",
            &format!("/manual/{pid}/retire"),
            &owner,
            &[("reason", "a team rule now")],
        )
        .await;
    assert_eq!(retired.status, StatusCode::SEE_OTHER);
    let manual = app.page("/manual?status=retired", Some(&owner)).await;
    assert!(manual.html.contains("a team rule now"));

    // The download.
    let md = app.page("/manual.md", Some(&owner)).await;
    assert_eq!(md.status, StatusCode::OK);
    assert!(
        md.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/markdown")
    );
    assert!(
        md.html.starts_with("# Operating Manual — Olga"),
        "{}",
        md.html
    );

    // Nobody else: not the manager who may read the mistake.
    assert_eq!(
        app.page(&at, Some(&boss)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.page(&start, Some(&boss)).await.status,
        StatusCode::NOT_FOUND
    );
    let theirs = app.page("/manual", Some(&boss)).await;
    assert!(!theirs.html.contains("I will not give a date"));
    let post = app
        .submit(
            "/manual",
            &format!("/manual/{pid}/revise"),
            &boss,
            &[("text", "I will not be nosy")],
        )
        .await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
    let post = app
        .submit(
            "/manual",
            &format!("{at}/lesson"),
            &boss,
            &[("lesson", "x y z")],
        )
        .await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
    // And no form without the token.
    let forged = app
        .post_form(
            &format!("{at}/lesson"),
            Some(&owner.cookie),
            &[("lesson", "forged")],
        )
        .await;
    assert!(forged.status.is_client_error(), "{}", forged.status);
}

#[tokio::test]
async fn a_standalone_reflection_wins_and_self_care() {
    let app = spawn_app().await;
    let (owner, boss) = owner_and_other(&app).await;
    let empty = app
        .submit(
            "/reflect",
            "/reflect",
            &owner,
            &[("memory_title", ""), ("account", "I stayed quiet.")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty.html.contains("I stayed quiet."),
        "what was typed stays"
    );
    let made = app
        .submit(
            "/reflect",
            "/reflect",
            &owner,
            &[
                ("memory_title", "The review I stayed quiet in"),
                (
                    "account",
                    "I saw the numbers were wrong in the review and said nothing.",
                ),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.html);
    let page = app.page(made.location(), Some(&owner)).await;
    assert!(page.html.contains("Reflect: The review I stayed quiet in"));

    let win = app
        .submit(
            "/recovery",
            "/recovery/wins",
            &owner,
            &[("text", "Presented the fixed numbers")],
        )
        .await;
    assert_eq!(win.status, StatusCode::SEE_OTHER);
    let bad = app
        .submit("/recovery", "/recovery/wins", &owner, &[("text", " ")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let plan = app
        .submit(
            "/recovery",
            "/recovery/self-care",
            &owner,
            &[
                ("idea0", "A walk outside"),
                ("own", "Call my sister\n\nRead a novel"),
            ],
        )
        .await;
    assert_eq!(plan.status, StatusCode::SEE_OTHER, "{}", plan.html);
    let page = app.page("/recovery", Some(&owner)).await;
    assert!(page.html.contains("Presented the fixed numbers"));
    assert!(page.html.contains("Call my sister"));
    let api = app.get("/api/v1/me/self-care", &owner).await.body;
    assert_eq!(
        api["plan"]["items"],
        serde_json::json!(["A walk outside", "Call my sister", "Read a novel"])
    );
    let theirs = app.page("/recovery", Some(&boss)).await;
    assert!(!theirs.html.contains("Presented the fixed numbers"));
    assert!(!theirs.html.contains("Call my sister"));
    // Signed out: to the sign-in page.
    assert_eq!(
        app.page("/manual", None).await.status,
        StatusCode::SEE_OTHER
    );
}
