//! Insights for leaders (`GET /api/v1/insights`): figures only for groups
//! of five or more; no sum or difference of the views an asker may request,
//! now or before, singles out one to four people; teams and the
//! organisation for administrators alone.

use crate::harness::{Person, TestApp, spawn_app};
use crate::patterns::{owned_after, reflect};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn view(app: &TestApp, who: &Person, query: &str) -> Value {
    let r = app.get(&format!("/api/v1/insights{query}"), who).await;
    assert_eq!(r.status, StatusCode::OK, "{query}: {}", r.body);
    r.body
}

fn withheld(v: &Value, reason: &str) {
    assert_eq!(v["withheld_reason"], reason, "{v}");
    assert_eq!(
        v["withheld"],
        "not enough people to show this without pointing at someone"
    );
    assert!(
        v.get("figures").is_none() && v.get("people").is_none(),
        "{v}"
    );
}

async fn people(
    app: &TestApp,
    admin: &Person,
    prefix: &str,
    n: usize,
    manager: Option<&Person>,
    team: Option<&str>,
) -> Vec<Person> {
    let mut out = Vec::new();
    for i in 0..n {
        out.push(
            app.join(admin, &format!("{prefix}{i}"), "member", manager, team)
                .await,
        );
    }
    out
}

#[tokio::test]
async fn a_manager_sees_five_reports_not_four_and_only_their_own() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let team = app.new_team(&admin, "Platform").await;
    let mona = app.join(&admin, "Mona", "manager", None, Some(&team)).await;
    let reports = people(&app, &admin, "Rep", 4, Some(&mona), Some(&team)).await;

    withheld(&view(&app, &mona, "?reports=me").await, "too_few");

    // Their records: times to own of 10..50 minutes, two courage reflections.
    let mut mistakes = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        mistakes.push(owned_after(&app, r, 2, 10 * (i as i64 + 1)).await);
    }
    let fifth = app.join(&admin, "Rep4", "member", Some(&mona), None).await;
    mistakes.push(owned_after(&app, &fifth, 2, 50).await);
    reflect(&app, &reports[0], &mistakes[0], "ego", "courage").await;
    reflect(&app, &fifth, &mistakes[4], "ego", "courage").await;
    let plan = app
        .post(
            "/api/v1/plans",
            &mona,
            json!({"report": reports[1].id, "topics": ["The demo"]}),
        )
        .await;
    assert_eq!(plan.status, StatusCode::CREATED, "{}", plan.body);
    let plan = plan.body["plan"]["id"].as_str().unwrap().to_string();
    let ended = app
        .post(
            &format!("/api/v1/plans/{plan}/end"),
            &mona,
            json!({"reason": "recovered"}),
        )
        .await;
    assert!(ended.status.is_success(), "{}", ended.body);

    let v = view(&app, &mona, "?reports=me").await;
    assert_eq!(v["scope"], "reports");
    assert_eq!(v["people"], 5, "{v}");
    let f = &v["figures"];
    assert_eq!(f["mistakes"], 5);
    assert_eq!(f["owned"], 5);
    assert_eq!(f["time_to_own_median_secs"], 30 * 60);
    let courage = f["failure_types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"] == "courage")
        .unwrap();
    assert_eq!(courage["count"], 2);
    assert_eq!(
        f["recoveries"],
        json!({"started": 1, "ended": 1, "recovered": 1})
    );
    // Nothing of a reflection but its failure type; nobody named.
    let text = v.to_string();
    assert!(
        !text.contains("launch date") && !text.contains("Rep0") && !text.contains(&reports[0].id),
        "{text}"
    );

    // A manager (not an admin) sees no team, not even their own, and not the organisation.
    assert_eq!(
        app.get(&format!("/api/v1/insights?team={team}"), &mona)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/v1/insights", &mona).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/v1/insights", &reports[0]).await.status,
        StatusCode::NOT_FOUND
    );
    // Someone with no reports: a group too small to show.
    withheld(&view(&app, &reports[0], "?reports=me").await, "too_few");

    // A disabled account is no longer one of the people.
    app.disable(&admin, &fifth).await;
    withheld(&view(&app, &mona, "?reports=me").await, "too_few");
}

#[tokio::test]
async fn teams_of_four_five_and_six_and_overlapping_teams_for_an_admin() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let small = app.new_team(&admin, "Small").await; // 4
    let five = app.new_team(&admin, "Five").await; // 5, then 6
    let a = app.new_team(&admin, "Alpha").await; // 6
    let b = app.new_team(&admin, "Beta").await; // Alpha plus one
    people(&app, &admin, "Sam", 4, None, Some(&small)).await;
    people(&app, &admin, "Fay", 5, None, Some(&five)).await;
    let alphas = people(&app, &admin, "Al", 6, None, Some(&a)).await;
    for p in &alphas {
        let r = app
            .post(
                &format!("/api/v1/teams/{b}/members"),
                &admin,
                json!({"user": p.id}),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.body);
    }
    people(&app, &admin, "Bo", 1, None, Some(&b)).await;

    withheld(
        &view(&app, &admin, &format!("?team={small}")).await,
        "too_few",
    );
    let v = view(&app, &admin, &format!("?team={five}")).await;
    assert_eq!(
        (v["scope"].clone(), v["people"].clone()),
        (json!("team"), json!(5)),
        "{v}"
    );
    assert_eq!(v["team"]["name"], "Five");
    // Alpha and Beta differ by one person: Alpha (first in the rule's
    // order) is shown, Beta is withheld, whichever is asked for first.
    withheld(
        &view(&app, &admin, &format!("?team={b}")).await,
        "too_close",
    );
    assert_eq!(view(&app, &admin, &format!("?team={a}")).await["people"], 6);
    withheld(
        &view(&app, &admin, &format!("?team={b}")).await,
        "too_close",
    );
    // The organisation: the admin and 16 others.
    let org = view(&app, &admin, "").await;
    assert_eq!(
        (org["scope"].clone(), org["people"].clone()),
        (json!("organisation"), json!(17)),
        "{org}"
    );

    // A sixth joins Five: Five as shown before and Five now would single
    // them out, and so would the organisation before and now.
    people(&app, &admin, "Fee", 1, None, Some(&five)).await;
    withheld(
        &view(&app, &admin, &format!("?team={five}")).await,
        "too_close",
    );
    withheld(&view(&app, &admin, "").await, "too_close");
    // Five newcomers in all: both shown again.
    people(&app, &admin, "Fen", 4, None, Some(&five)).await;
    assert_eq!(
        view(&app, &admin, &format!("?team={five}")).await["people"],
        10
    );
    assert_eq!(view(&app, &admin, "").await["people"], 22);

    // Unknown team: 404; malformed input: 400 in words.
    assert_eq!(
        app.get("/api/v1/insights?team=00000000", &admin)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    for (q, words) in [
        ("?team=not-a-team", "`team` is not a team id"),
        ("?reports=you", "`reports` takes only `me`"),
        (&*format!("?team={a}&reports=me"), "one group at a time"),
    ] {
        let r = app.get(&format!("/api/v1/insights{q}"), &admin).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{q}: {}", r.body);
        assert!(
            r.body["error"]["message"].as_str().unwrap().contains(words),
            "{q}: {}",
            r.body
        );
    }
    // A team member who is not an admin: 404 on their own team.
    assert_eq!(
        app.get(&format!("/api/v1/insights?team={a}"), &alphas[0])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn no_three_views_and_no_view_before_and_after_a_change_single_someone_out() {
    let app = spawn_app().await;
    let admin = app.setup_admin().await;
    let x = app.new_team(&admin, "Xylo").await; // 6
    let y = app.new_team(&admin, "Yew").await; // 5
    let xs = people(&app, &admin, "X", 6, None, Some(&x)).await;
    people(&app, &admin, "Y", 5, None, Some(&y)).await;
    let zed = app.join(&admin, "Zed", "member", None, None).await;
    for p in xs.iter().chain([&zed]) {
        owned_after(&app, p, 2, 20).await;
    }
    // Every pair differs by seven people or more, yet the organisation (13)
    // minus Xylo (6) minus Yew (5) would be the admin and Zed: Yew, last in
    // the rule's order, is withheld, even when asked for first.
    withheld(
        &view(&app, &admin, &format!("?team={y}")).await,
        "too_close",
    );
    assert_eq!(view(&app, &admin, "").await["people"], 13);
    assert_eq!(view(&app, &admin, &format!("?team={x}")).await["people"], 6);
    withheld(
        &view(&app, &admin, &format!("?team={y}")).await,
        "too_close",
    );

    // One leaves Xylo: Xylo before minus Xylo now would be them.
    let left = app
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/teams/{x}/members/{}", xs[5].id),
            Some(&admin),
            None,
        )
        .await;
    assert!(left.status.is_success(), "{}", left.body);
    withheld(
        &view(&app, &admin, &format!("?team={x}")).await,
        "too_close",
    );
    // Disabling someone in the organisation: the organisation before and
    // now would differ by them.
    app.disable(&admin, &zed).await;
    withheld(&view(&app, &admin, "").await, "too_close");
    // Yew, unchanged, is still withheld: the organisation shown before
    // minus Xylo shown before minus Yew is still the admin and Zed.
    withheld(
        &view(&app, &admin, &format!("?team={y}")).await,
        "too_close",
    );
}
