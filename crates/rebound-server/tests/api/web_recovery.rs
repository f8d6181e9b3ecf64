//! Recovery plans as pages (no browser): the manager opens a plan, records
//! check-ins with the ten signs as radio groups, adopts a move, writes the
//! debrief; a refused check-in is explained with what was typed; the
//! report reads the plan without private notes or the escalation; nobody
//! else sees anything; forms without the anti-forgery token are refused.

use crate::harness::Person;
use crate::recovery::{World, world};
use reqwest::StatusCode;

const SIGNS: [&str; 10] = [
    "fewer_volunteers",
    "excessive_sign_off",
    "over_caution",
    "speaking_less",
    "defensive_tone",
    "low_risk_drift",
    "more_shadowing",
    "less_ownership",
    "leader_micromanaging",
    "repeated_rework",
];

fn sign_fields(level: &'static str) -> Vec<(String, &'static str)> {
    SIGNS.iter().map(|s| (format!("sign_{s}"), level)).collect()
}

pub(crate) async fn check_in(
    w: &World,
    plan: &str,
    extra: &[(&str, &str)],
    level: &'static str,
) -> crate::web_harness::Page {
    let at = format!("/plans/{plan}");
    let names = sign_fields(level);
    let mut fields: Vec<(&str, &str)> = names.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    fields.extend_from_slice(extra);
    w.app
        .submit(&at, &format!("{at}/check-ins"), &w.manager, &fields)
        .await
}

pub(crate) async fn open(w: &World) -> String {
    let made = w
        .app
        .submit(
            "/plans",
            "/plans",
            &w.manager,
            &[
                ("report", w.report.id.as_str()),
                ("pressure", "public_mistake"),
                ("driver", "social"),
                ("driver", "skill_gap"),
                ("topics", "The demo\nNext sprint"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.html);
    made.location().trim_start_matches("/plans/").to_string()
}

#[tokio::test]
async fn the_manager_runs_a_plan_from_the_pages() {
    let w = world().await;
    let app = &w.app;
    // The nav offers plans to managers and to people with a manager.
    let home = app.page("/", Some(&w.manager)).await;
    assert!(home.html.contains("href=\"/plans\""));
    let list = app.page("/plans", Some(&w.manager)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.html.contains("Open a plan") && list.html.contains(">Remi<"));

    let id = open(&w).await;
    let at = format!("/plans/{id}");
    let page = app.page(&at, Some(&w.manager)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains("Recovery plan with Remi"));
    // Ten radio groups of four.
    assert_eq!(page.html.matches("type=\"radio\"").count(), 40);
    assert_eq!(page.html.matches("<fieldset class=\"sign\">").count(), 10);
    // Suggested moves with reasons and adopt buttons.
    assert!(
        page.html
            .contains("Set up one small visible win within days")
    );
    assert!(page.html.contains("a win others can see rebuilds standing"));
    assert!(page.html.contains(&format!("action=\"{at}/adopt\"")));
    assert!(
        page.html
            .contains("The chart appears after the first check-in.")
    );

    // A check-in missing a sign is refused beside the form, keeping what was typed.
    let mut partial: Vec<(String, &str)> = sign_fields("2");
    partial.pop();
    let mut fields: Vec<(&str, &str)> = partial.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    fields.push(("note_fewer_volunteers", "Quiet in <b>stand-up</b>"));
    let refused = app
        .submit(&at, &format!("{at}/check-ins"), &w.manager, &fields)
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.html
    );
    assert!(
        refused
            .html
            .contains("still to score: “Repeated rework despite guidance”"),
        "{}",
        refused.html
    );
    assert!(
        refused
            .html
            .contains("Quiet in &lt;b&gt;stand-up&lt;/b&gt;")
    );
    assert!(!refused.html.contains("<b>stand-up"));

    // Two check-ins: the chart, its table, the trend; the topic carried over.
    let first = check_in(
        &w,
        &id,
        &[
            ("covered", "The demo"),
            ("note_over_caution", "Waits for sign-off"),
            ("private_note", "Seemed tired."),
        ],
        "2",
    )
    .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.html);
    let second = check_in(&w, &id, &[("distress", "on")], "1").await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.html);
    let page = app.page(&at, Some(&w.manager)).await;
    assert!(page.html.contains("<svg"));
    assert!(
        page.html
            .contains("Totals of the ten signs, oldest first: 20, 10.")
    );
    assert!(page.html.contains("<table>"));
    assert!(page.html.contains("Recovering"));
    assert!(page.html.contains("Carried over: Next sprint"));
    assert!(page.html.contains("Waits for sign-off"));
    // The escalation panel, kind and with words to use.
    assert!(page.html.contains("It may be time for more support"));
    assert!(page.html.contains("employee assistance programme"));
    assert!(page.html.contains("Words you could use"));
    assert!(page.html.contains("Seemed tired."));

    // Adopt the debrief with a due time; write the note; the task is done.
    let adopted = app
        .submit(
            &at,
            &format!("{at}/adopt"),
            &w.manager,
            &[("move", "calm_debrief"), ("due", "2030-01-03T15:00")],
        )
        .await;
    assert_eq!(adopted.status, StatusCode::SEE_OTHER, "{}", adopted.html);
    let page = app.page(&at, Some(&w.manager)).await;
    assert!(
        page.html
            .contains("Done when the debrief note below is written.")
    );
    assert!(page.html.contains(&format!("{at}/debrief.ics")));
    let ics = app
        .page(&format!("{at}/debrief.ics"), Some(&w.manager))
        .await;
    assert_eq!(ics.status, StatusCode::OK);
    assert!(ics.html.starts_with("BEGIN:VCALENDAR\r\n"));
    let written = app
        .submit(
            &at,
            &format!("{at}/debrief"),
            &w.manager,
            &[
                ("what_happened", "The demo failed."),
                ("what_is_known", "Stale data."),
                ("technical_fix", "Refresh first."),
                ("communication_change", "Say what is mocked."),
            ],
        )
        .await;
    assert_eq!(written.status, StatusCode::SEE_OTHER, "{}", written.html);
    let page = app.page(&at, Some(&w.manager)).await;
    assert!(page.html.contains("pill good\">Done"), "{}", page.html);

    // A move completed by hand, and a development plan.
    app.submit(
        &at,
        &format!("{at}/adopt"),
        &w.manager,
        &[("move", "paired_work")],
    )
    .await;
    let page = app.page(&at, Some(&w.manager)).await;
    let done_at = page.html.find("/done\"").expect("a mark-done form");
    let action_start = page.html[..done_at].rfind("action=\"").unwrap() + "action=\"".len();
    let action = format!("{}/done", &page.html[action_start..done_at]);
    let marked = app.submit(&at, &action, &w.manager, &[]).await;
    assert_eq!(marked.status, StatusCode::SEE_OTHER, "{}", marked.html);
    let dev = app
        .submit(
            &at,
            &format!("{at}/development"),
            &w.manager,
            &[
                ("practice_0", "Run the demo checklist"),
                ("practice_due_0", "2030-02-01"),
            ],
        )
        .await;
    assert_eq!(dev.status, StatusCode::SEE_OTHER, "{}", dev.html);
    let no_date = app
        .submit(
            &at,
            &format!("{at}/development"),
            &w.manager,
            &[("practice_0", "Undated")],
        )
        .await;
    assert_eq!(no_date.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_date.html.contains("Give practice task 1 a date."));

    // The report reads the plan: no private notes, no escalation, no forms.
    let seen = app.page(&at, Some(&w.report)).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.html.contains("Your recovery plan"));
    assert!(seen.html.contains("Run the demo checklist"));
    assert!(seen.html.contains("Stale data."));
    for hidden in [
        "Seemed tired.",
        "It may be time for more support",
        "severe distress",
        "Record a check-in",
        "/adopt",
    ] {
        assert!(!seen.html.contains(hidden), "the report sees '{hidden}'");
    }
    let listed = app.page("/plans", Some(&w.report)).await;
    assert!(listed.html.contains(&format!("/plans/{id}")));
}

#[tokio::test]
async fn nobody_else_sees_a_plan_and_forms_need_the_token() {
    let w = world().await;
    let app = &w.app;
    let id = open(&w).await;
    let at = format!("/plans/{id}");
    let outsiders: [(&str, &Person); 4] = [
        ("admin", &w.admin),
        ("another manager", &w.other_manager),
        ("teammate", &w.teammate),
        ("stranger", &w.stranger),
    ];
    for (who, p) in outsiders {
        let page = app.page(&at, Some(p)).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{who}");
        assert!(!page.html.contains("Remi"), "{who}");
        let ics = app.page(&format!("{at}/check-ins.ics"), Some(p)).await;
        assert_eq!(ics.status, StatusCode::NOT_FOUND, "{who}");
        let list = app.page("/plans", Some(p)).await;
        assert!(!list.html.contains(&id), "{who}");
    }
    // The report cannot post a check-in (their page has no form; the post is a 404).
    let names = sign_fields("0");
    let fields: Vec<(&str, &str)> = names.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let r = app
        .submit("/plans", &format!("{at}/check-ins"), &w.report, &fields)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Nobody signed in goes to sign in.
    let anon = app.page(&at, None).await;
    assert_eq!(anon.status, StatusCode::SEE_OTHER);
    // Without the anti-forgery token, nothing is written.
    let forged = app
        .post_form(
            &format!("{at}/notes"),
            Some(&w.manager.cookie),
            &[("body", "forged")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let page = app.page(&at, Some(&w.manager)).await;
    assert!(!page.html.contains("forged"));
    // Opening a plan for someone who is not your report is explained.
    let r = app
        .submit(
            "/plans",
            "/plans",
            &w.manager,
            &[("report", w.teammate.id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.html.contains("Choose one of the people you manage"));
    // A manager change: the old manager's page is gone at once.
    app.put(
        &format!("/api/v1/users/{}/manager", w.report.id),
        &w.admin,
        serde_json::json!({"manager": w.next_manager.id}),
    )
    .await;
    assert_eq!(
        app.page(&at, Some(&w.manager)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.page(&at, Some(&w.next_manager)).await.status,
        StatusCode::OK
    );
}
