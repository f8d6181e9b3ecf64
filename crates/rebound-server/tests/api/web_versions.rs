//! Every web form that replaces part of a versioned record sends the
//! version it was rendered from (issue 14, finding 6): posted after
//! someone else's save it is refused with a message on the page and
//! changes nothing; posted from the page as it is now, it saves. Additions
//! (timeline entries, updates, topics, check-ins) stay version-free.

use crate::harness::{Person, TestApp, spawn_app};
use crate::recovery::{open_plan, world};
use crate::web_jar::input_value;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// One form: the id of its version field, where it posts, what it sends,
/// and the part of the record (a JSON pointer) a save changes.
struct Case {
    version: String,
    action: String,
    fields: Vec<(&'static str, String)>,
    changes: &'static str,
}

/// Posts `case` with the version `shown` on `page_path`.
async fn post(app: &TestApp, who: &Person, page_path: &str, case: &Case, shown: &str) -> String {
    let page = app.page(page_path, Some(who)).await;
    let csrf = page.csrf();
    let mut fields: Vec<(&str, &str)> = vec![("csrf", &csrf), ("version", shown)];
    fields.extend(case.fields.iter().map(|(k, v)| (*k, v.as_str())));
    let r = app
        .post_form(&case.action, Some(&who.cookie), &fields)
        .await;
    format!("{}\n{}", r.status.as_u16(), r.html)
}

/// The stale post is refused and saves nothing; the post from the page as
/// it is now saves. `read` is the stored record; `bump` saves something
/// else in between (an addition, which moves the version on). A stale
/// post that is not refused is an `Err` naming the form, so one run says
/// which forms do not send their version.
async fn stale_then_current<R, B>(
    app: &TestApp,
    who: &Person,
    page_path: &str,
    case: Case,
    read: impl Fn() -> R,
    bump: impl Fn() -> B,
) -> Result<(), String>
where
    R: Future<Output = Value>,
    B: Future<Output = ()>,
{
    let page = app.page(page_path, Some(who)).await;
    let shown = input_value(&page.html, &case.version)
        .ok_or_else(|| format!("{}: no version field {}", case.action, case.version))?;
    bump().await;
    let before = read().await;
    assert_ne!(before["version"].to_string(), shown, "{}", case.action);
    let answer = post(app, who, page_path, &case, &shown).await;
    let after = read().await;
    // Saved = a new version or the form's part changed (not the whole
    // record: its clocks move with time, and time runs between requests).
    let saved = after["version"] != before["version"]
        || after.pointer(case.changes) != before.pointer(case.changes);
    if !answer.starts_with("422") || !answer.contains("Someone else changed this") || saved {
        let status = answer.lines().next().unwrap_or("");
        return Err(format!(
            "{}: a stale post answered {status} and saved: {saved}",
            case.action
        ));
    }

    // The page shown now carries the current version: that saves.
    let page = app.page(page_path, Some(who)).await;
    let current = input_value(&page.html, &case.version).unwrap();
    assert_eq!(current, before["version"].to_string(), "{}", case.action);
    let answer = post(app, who, page_path, &case, &current).await;
    assert!(answer.starts_with("303"), "{}: {answer}", case.action);
    let after = read().await;
    assert_ne!(
        after.pointer(case.changes),
        before.pointer(case.changes),
        "{}: {after}",
        case.action
    );
    Ok(())
}

fn case(
    version: &str,
    action: String,
    fields: &[(&'static str, &str)],
    changes: &'static str,
) -> Case {
    Case {
        version: version.to_string(),
        action,
        fields: fields.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        changes,
    }
}

#[tokio::test]
async fn every_mistake_form_that_replaces_sends_its_version() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = app.mistake(&me, "Dropped the queue", "private").await;
    let page = format!("/m/{id}");
    let api = format!("/api/v1/mistakes/{id}");
    // The note the checkboxes need.
    let note = json!({"impact": {"who": "EU customers", "what_wrong": "Totals"},
        "prevention": [{"kind": "preventive", "text": "A test"}]});
    let r = app.put(&format!("{api}/note"), &me, note).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let read = || async { app.get(&api, &me).await.body };
    let bump = || async {
        let r = app
            .post(
                &format!("{api}/timeline"),
                &me,
                json!({"text": "Meanwhile"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    };
    let a = |path: &str| format!("/m/{id}/{path}");
    let cases = [
        case(
            "heads-up-sent-version",
            a("heads-up/sent"),
            &[("to", "the leads")],
            "/heads_up/sent_at",
        ),
        case(
            "move-contained-version",
            a("move"),
            &[("to", "contained")],
            "/state",
        ),
        case(
            "commit-hotfix-version",
            a("commits/hotfix"),
            &[
                ("url", "https://git.example/c/1"),
                ("message", "Round EU totals half-even"),
            ],
            "/commits",
        ),
        case(
            "checks-impact-version",
            a("checks/impact"),
            &[("ticked", "true")],
            "/impact_checked_at",
        ),
        case(
            "snooze-version",
            a("updates/schedule"),
            &[("snooze_until", "2030-01-02T09:00")],
            "/next_update_at",
        ),
        case(
            "cadence-version",
            a("updates/schedule"),
            &[("cadence", "none")],
            "/cadence",
        ),
        case(
            "visibility-version",
            a("visibility"),
            &[("visibility", "team")],
            "/visibility",
        ),
    ];
    let mut failed = Vec::new();
    for c in cases {
        if let Err(e) = stale_then_current(&app, &me, &page, c, read, bump).await {
            failed.push(e);
        }
    }
    assert!(failed.is_empty(), "{failed:#?}");
}

/// A refused commit form shows what was typed again, in that role's form.
#[tokio::test]
async fn a_stale_commit_form_keeps_what_was_typed() {
    let app = spawn_app().await;
    let me = app.setup_admin().await;
    let id = app.mistake(&me, "Dropped the queue", "private").await;
    let page = app.page(&format!("/m/{id}"), Some(&me)).await;
    let shown = input_value(&page.html, "commit-guardrail-version").unwrap();
    let r = app
        .post(
            &format!("/api/v1/mistakes/{id}/timeline"),
            &me,
            json!({"text": "Meanwhile"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let c = case(
        "commit-guardrail-version",
        format!("/m/{id}/commits/guardrail"),
        &[
            ("url", "https://git.example/typed"),
            ("message", "Typed, not saved"),
        ],
        "/commits",
    );
    let answer = post(&app, &me, &format!("/m/{id}"), &c, &shown).await;
    assert!(answer.starts_with("422"), "{answer}");
    assert!(
        answer.contains("value=\"https://git.example/typed\""),
        "{answer}"
    );
    assert!(answer.contains("Typed, not saved"), "{answer}");
    let m = app.get(&format!("/api/v1/mistakes/{id}"), &me).await.body;
    assert_eq!(m["commits"], json!([]));
}

#[tokio::test]
async fn every_plan_form_that_replaces_sends_its_version() {
    let w = world().await;
    let id = open_plan(&w).await;
    let page = format!("/plans/{id}");
    let api = format!("/api/v1/plans/{id}");
    let r = w
        .app
        .post(
            &format!("{api}/tasks"),
            &w.manager,
            json!({"move": "small_visible_win"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let task = r.body["plan"]["tasks"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let read = || async {
        let mut plan = w.app.get(&api, &w.manager).await.body["plan"].take();
        // `version` at the top, as `stale_then_current` reads it.
        plan["version"] = plan["version"].take();
        plan
    };
    let bump = || async {
        let r = w
            .app
            .post(
                &format!("{api}/topics"),
                &w.manager,
                json!({"topics": ["Meanwhile"]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    };
    let a = |path: &str| format!("/plans/{id}/{path}");
    let cases = [
        case(
            "context-version",
            a("context"),
            &[("pressure", "tight_timelines"), ("driver", "workload")],
            "/drivers",
        ),
        case(
            &format!("task-{task}-version"),
            a(&format!("tasks/{task}/done")),
            &[],
            "/tasks/0/completed_at",
        ),
        case(
            "debrief-version",
            a("debrief"),
            &[
                ("what_happened", "The demo failed."),
                ("what_is_known", "Stale staging data."),
                ("technical_fix", "Refresh staging first."),
                ("communication_change", "Say what is mocked."),
            ],
            "/debrief",
        ),
        case(
            "development-version",
            a("development"),
            &[
                ("practice_0", "Lead the next demo"),
                ("practice_due_0", "2030-02-01"),
            ],
            "/development",
        ),
    ];
    let mut failed = Vec::new();
    for c in cases {
        if let Err(e) = stale_then_current(&w.app, &w.manager, &page, c, read, bump).await {
            failed.push(e);
        }
    }
    assert!(failed.is_empty(), "{failed:#?}");
}
