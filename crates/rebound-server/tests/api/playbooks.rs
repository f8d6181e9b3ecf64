//! Issue 19, read side: the built-in playbooks through the API and the
//! pages. Signed-in people only; a search ranks and snips, finds nothing
//! as an empty list, and refuses a blank or overlong search in words; one
//! playbook carries its Markdown and its nearest others; an unknown slug is
//! a 404 that names close slugs.

use crate::harness::{Person, TestApp, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::Value;

async fn member(app: &TestApp) -> Person {
    let admin = app.setup_admin().await;
    app.join(&admin, "Olga", "member", None, None).await
}

fn slugs(list: &Value) -> Vec<&str> {
    list["playbooks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn playbooks_list_search_and_read() {
    let app = spawn_app().await;
    let olga = member(&app).await;

    let all = app.get("/api/v1/playbooks", &olga).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    let listed = slugs(&all.body);
    assert_eq!(listed.len(), 20);
    assert!(
        listed.windows(2).all(|w| w[0] < w[1]),
        "by slug: {listed:?}"
    );
    let dip = &all.body["playbooks"][listed.iter().position(|s| *s == "credibility-dip").unwrap()];
    assert_eq!(dip["kind"], "neighbour");
    assert!(
        dip["summary"]
            .as_str()
            .unwrap()
            .starts_with("After a mistake others saw")
    );
    assert!(dip.get("snippet").is_none());

    let found = app
        .get("/api/v1/playbooks?q=impostor%20feelings", &olga)
        .await;
    assert_eq!(found.status, StatusCode::OK);
    assert_eq!(slugs(&found.body)[0], "impostor-feelings");
    assert!(
        !found.body["playbooks"][0]["snippet"]
            .as_str()
            .unwrap()
            .is_empty()
    );

    let none = app.get("/api/v1/playbooks?q=xylophone", &olga).await;
    assert_eq!(none.status, StatusCode::OK);
    assert_eq!(none.body["playbooks"], serde_json::json!([]));

    let one = app.get("/api/v1/playbooks/credibility-dip", &olga).await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.body);
    assert_eq!(
        one.body["title"],
        "The credibility dip after a public mistake"
    );
    assert!(
        one.body["body_markdown"]
            .as_str()
            .unwrap()
            .starts_with("## What it is")
    );
    assert!(
        one.body["about"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "sign:speaking_less")
    );
    let related = one.body["related"].as_array().unwrap();
    assert_eq!(related.len(), 3);
    assert!(
        related
            .iter()
            .all(|r| r["slug"] != "credibility-dip" && r["title"].is_string())
    );
}

#[tokio::test]
async fn playbooks_refuse_bad_searches_unknown_slugs_and_strangers() {
    let app = spawn_app().await;
    let olga = member(&app).await;

    for q in ["%20%20", "", &"word%20".repeat(60)] {
        let r = app.get(&format!("/api/v1/playbooks?q={q}"), &olga).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "q={q}: {}",
            r.body
        );
        let msg = r.body["error"]["message"].as_str().unwrap();
        assert!(msg.starts_with("the search (q) is"), "{msg}");
    }
    // Nothing a search could match: refused in words, not an empty list.
    for q in ["the", "%21%21%21", "a%20of%20the", "I"] {
        let r = app.get(&format!("/api/v1/playbooks?q={q}"), &olga).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "q={q}: {}",
            r.body
        );
        let msg = r.body["error"]["message"].as_str().unwrap();
        assert!(
            msg.starts_with("the search (q) has nothing to match"),
            "{msg}"
        );
    }
    // Words that no playbook holds are a search that found nothing.
    let none = app.get("/api/v1/playbooks?q=zebra", &olga).await;
    assert_eq!(none.status, StatusCode::OK, "{}", none.body);
    assert_eq!(none.body["playbooks"], serde_json::json!([]));
    let ctl = app.get("/api/v1/playbooks?q=a%07b", &olga).await;
    assert_eq!(ctl.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", ctl.body);

    let missing = app.get("/api/v1/playbooks/credibility", &olga).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let msg = missing.body["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("no playbook") && msg.contains("credibility-dip"),
        "{msg}"
    );

    for path in ["/api/v1/playbooks", "/api/v1/playbooks/credibility-dip"] {
        let r = app.call(Method::GET, path, None, None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path}");
    }
}

#[tokio::test]
async fn web_playbooks_grouped_searched_and_read() {
    let app = spawn_app().await;
    let olga = member(&app).await;

    let list = app.page("/playbooks", Some(&olga)).await;
    assert_eq!(list.status, StatusCode::OK);
    let core = list
        .html
        .find("Confidence after a mistake")
        .expect("core heading");
    let practice = list
        .html
        .find("<h2>Practices</h2>")
        .expect("practice heading");
    assert!(core < practice);
    assert!(list.html.contains("href=\"/playbooks/credibility-dip\""));
    assert!(list.html.contains("role=\"search\""));
    // The search is a plain GET form: it works without the script.
    assert!(list.html.contains("method=\"get\" action=\"/playbooks\""));

    let found = app.page("/playbooks?q=impostor", Some(&olga)).await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(found.html.contains("Results") && found.html.contains("/playbooks/impostor-feelings"));
    let none = app.page("/playbooks?q=xylophone", Some(&olga)).await;
    assert!(none.html.contains("No playbook matches."));
    let long = app
        .page(
            &format!("/playbooks?q={}", "word%20".repeat(60)),
            Some(&olga),
        )
        .await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(long.html.contains("longer than 200 characters"));

    let one = app.page("/playbooks/credibility-dip", Some(&olga)).await;
    assert_eq!(one.status, StatusCode::OK);
    assert!(
        one.html
            .contains("<h2 id=\"pb-what-it-is\">What it is</h2>"),
        "Markdown rendered"
    );
    let related = &one.html[one.html.find("id=\"related\"").expect("related section")..];
    assert_eq!(related.matches("href=\"/playbooks/").count(), 3);

    assert_eq!(
        app.page("/playbooks/nope", Some(&olga)).await.status,
        StatusCode::NOT_FOUND
    );
    let home = app.page("/", Some(&olga)).await;
    assert!(home.html.contains("href=\"/playbooks\""));
    let stranger = app.page("/playbooks", None).await;
    assert!(stranger.status.is_redirection(), "{}", stranger.status);
}
