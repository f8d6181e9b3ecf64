//! "Download my data": `GET /api/v1/me/export` is one zip of everything of
//! the person's and nothing of anyone else's; an administrator's archive
//! on a formal request adds the managers' private notes, is audited on the
//! person's account and is told to them by email.

use crate::harness::{Person, TestApp};
use crate::recovery::{open_plan, signs, world};
use rebound_deliver::testing::smtp::SmtpReceiver;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Read;

/// An archive, unzipped: path → text.
struct Unzipped {
    files: BTreeMap<String, String>,
    json: Value,
    disposition: String,
}

impl Unzipped {
    fn all_text(&self) -> String {
        self.files.values().cloned().collect::<Vec<_>>().join("\n")
    }
}

async fn download(
    app: &TestApp,
    method: Method,
    path: &str,
    who: &Person,
    body: Option<Value>,
) -> Unzipped {
    let mut req = app
        .http
        .request(method, format!("{}{path}", app.base))
        .bearer_auth(&who.token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    assert_eq!(r.headers()["content-type"], "application/zip");
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    let bytes = r.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut files = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        files.insert(f.name().unwrap().into_owned(), text);
    }
    let json = serde_json::from_str(&files["rebound-export/export.json"]).expect("JSON");
    Unzipped {
        files,
        json,
        disposition,
    }
}

fn ok(r: &crate::harness::Reply, what: &str) {
    assert!(r.status.is_success(), "{what}: {} {}", r.status, r.body);
}

#[tokio::test]
async fn my_archive_holds_each_section_and_nothing_of_anyone_elses() {
    let w = world().await;
    let (app, me, other) = (&w.app, &w.report, &w.teammate);
    let mine = app
        .mistake(me, "Dropped the nightly backup", "private")
        .await;
    let theirs = app
        .mistake(other, "Wrong totals in the report", "team")
        .await;
    let narrowed = app.mistake(other, "Flaky deploy", "team").await;
    let secret = app.mistake(other, "Secret thing of Tess", "private").await;
    for (id, text) in [
        (&theirs, "Same happened to me last year."),
        (&narrowed, "Ping me for the rollback."),
    ] {
        let r = app
            .post(
                &format!("/api/v1/mistakes/{id}/comments"),
                me,
                json!({"body": text}),
            )
            .await;
        ok(&r, "comment");
    }
    let r = app
        .post(
            &format!("/api/v1/mistakes/{theirs}/comments"),
            other,
            json!({"body": "Tess says thanks"}),
        )
        .await;
    ok(&r, "their comment");
    let vote = format!(
        "/api/v1/mistakes/{theirs}/comments/{}/vote",
        r.body["id"].as_str().unwrap()
    );
    ok(&app.put(&vote, me, json!({})).await, "vote");
    let r = app
        .patch(
            &format!("/api/v1/mistakes/{narrowed}"),
            other,
            json!({"visibility": "private"}),
        )
        .await;
    ok(&r, "narrowed");
    let reflect =
        |who, mistake: &str, account: &str| (who, json!({"mistake": mistake, "account": account}));
    for (who, body) in [
        reflect(
            me,
            &mine,
            "I skipped the restore check before the holidays.",
        ),
        reflect(other, &secret, "Tess private reflection words."),
    ] {
        ok(
            &app.post("/api/v1/reflections", who, body).await,
            "reflection",
        );
    }
    let r = app
        .post(
            "/api/v1/principles",
            me,
            json!({"text": "I will not skip the restore check"}),
        )
        .await;
    ok(&r, "principle");
    ok(
        &app.post(
            "/api/v1/wins",
            me,
            json!({"text": "Restored the backup in ten minutes"}),
        )
        .await,
        "win",
    );
    for (who, text) in [
        (me, "Journal: I told the team before standup."),
        (other, "Tess private journal words."),
    ] {
        let body = json!({"text": text, "prompt_date": "2025-11-28"});
        ok(&app.post("/api/v1/me/journal", who, body).await, "journal");
    }
    let plan = open_plan(&w).await;
    let r = app
        .post(
            &format!("/api/v1/plans/{plan}/check-ins"),
            &w.manager,
            json!({"signs": signs(3), "covered": ["The demo"], "distress": true, "private_note": "Mara's private words."}),
        )
        .await;
    ok(&r, "check-in");

    let r = app.call(Method::GET, "/api/v1/me/export", None, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);

    let a = download(app, Method::GET, "/api/v1/me/export", me, None).await;
    let today = jiff::Zoned::now().date();
    let name = |d: jiff::civil::Date| format!("attachment; filename=\"rebound-export-{d}.zip\"");
    assert!(
        a.disposition == name(today)
            || a.disposition == name(today.yesterday().unwrap())
            || a.disposition == name(today.tomorrow().unwrap()),
        "{}",
        a.disposition
    );
    let j = &a.json;
    assert_eq!(j["schema"], "rebound-export/1");
    assert_eq!(j["person"]["id"], me.id.as_str());
    assert_eq!(j["mistakes"].as_array().unwrap().len(), 1);
    assert_eq!(j["mistakes"][0]["record"]["id"], mine.as_str());
    let elsewhere = j["comments_elsewhere"].as_array().unwrap();
    assert_eq!(elsewhere.len(), 2, "{elsewhere:?}");
    assert_eq!(elsewhere[0]["body"], "Same happened to me last year.");
    assert_eq!(elsewhere[0]["mistake_title"], "Wrong totals in the report");
    assert_eq!(elsewhere[1]["body"], "Ping me for the rollback.");
    assert!(
        elsewhere[1]["mistake_title"].is_null(),
        "no longer hers to read"
    );
    assert_eq!(j["votes"].as_array().unwrap().len(), 1);
    assert_eq!(j["reflections"].as_array().unwrap().len(), 1);
    assert_eq!(j["principles"][0]["history"].as_array().unwrap().len(), 1);
    assert_eq!(j["wins"][0]["text"], "Restored the backup in ten minutes");
    let journal = j["journal"].as_array().unwrap();
    assert_eq!(journal.len(), 1, "hers alone: {journal:?}");
    assert_eq!(
        journal[0]["text"],
        "Journal: I told the team before standup."
    );
    assert_eq!(journal[0]["prompt"]["date"], "2025-11-28");
    let plans = j["recovery_plans"].as_array().unwrap();
    assert_eq!(plans.len(), 1);
    assert!(
        plans[0]["check_ins"][0].get("distress").is_none(),
        "{}",
        plans[0]
    );
    assert!(plans[0].get("escalation").is_none(), "{}", plans[0]);
    assert!(j.get("private_notes").is_none());
    assert!(
        a.files
            .contains_key(&format!("rebound-export/mistakes/{mine}.md"))
    );
    for name in [
        "README.md",
        "reflections.md",
        "principles.md",
        "wins.md",
        "journal.md",
        "comments-elsewhere.md",
        "recovery-plans.md",
    ] {
        assert!(
            a.files.contains_key(&format!("rebound-export/{name}")),
            "{name}: {:?}",
            a.files.keys()
        );
    }
    let all = a.all_text();
    for never in [
        "Secret thing of Tess",
        "Tess private reflection words.",
        "Tess private journal words.",
        "Mara's private words.",
        "Flaky deploy",
    ] {
        assert!(!all.contains(never), "the archive holds {never:?}");
    }

    // Her archive's reads are in the audit log: each part of her mistake.
    let r = app.get(&format!("/api/v1/mistakes/{mine}/audit"), me).await;
    ok(&r, "audit");
    let read = |part: &str| {
        (r.body["events"].as_array().unwrap().iter()).any(|e| {
            e["action"] == "read" && e["part"] == part && e["actor"]["id"] == me.id.as_str()
        })
    };
    assert!(read("comments") && read("share_links"), "{}", r.body);
}

#[tokio::test]
async fn an_admins_archive_on_a_formal_request_is_audited_and_told() {
    let receiver = SmtpReceiver::start();
    let app = crate::harness::spawn_mailing(&receiver).await;
    let admin = app.setup_admin().await;
    let manager = app.join(&admin, "Mara", "manager", None, None).await;
    let ana = app
        .join(&admin, "Ana", "member", Some(&manager), None)
        .await;
    let r = app.post("/api/v1/plans", &manager, json!({"report": ana.id, "pressure_points": ["public_mistake"], "drivers": ["social"], "topics": ["The demo"]})).await;
    ok(&r, "plan");
    let plan = r.body["plan"]["id"].as_str().unwrap().to_string();
    let r = app
        .post(
            &format!("/api/v1/plans/{plan}/notes"),
            &manager,
            json!({"body": "Seemed tired today."}),
        )
        .await;
    ok(&r, "note");
    let path = format!("/api/v1/users/{}/export", ana.id);
    let reason = "Subject access request SAR-12 from Ana";

    let r = app.post(&path, &manager, json!({"reason": reason})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = app
        .post(
            "/api/v1/users/ZZZZZZZZ/export",
            &admin,
            json!({"reason": reason}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    for body in [json!({}), json!({"reason": "   "})] {
        let r = app.post(&path, &admin, body).await;
        assert!(r.status.is_client_error(), "{}", r.body);
        assert!(
            r.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("reason"),
            "{}",
            r.body
        );
    }

    let a = download(
        &app,
        Method::POST,
        &path,
        &admin,
        Some(json!({"reason": reason})),
    )
    .await;
    assert_eq!(a.json["person"]["id"], ana.id.as_str());
    assert_eq!(a.json["private_notes"][0]["body"], "Seemed tired today.");
    assert_eq!(a.json["formal_request"]["reason"], reason);
    assert!(a.files["rebound-export/README.md"].contains("Ada Admin"));

    let log = app
        .get(&format!("/api/v1/users/{}/audit", ana.id), &admin)
        .await;
    ok(&log, "audit");
    let made: Vec<&Value> = (log.body["events"].as_array().unwrap().iter())
        .filter(|e| e["part"] == "data_export_formal")
        .collect();
    assert_eq!(made.len(), 1, "{}", log.body);
    assert_eq!(made[0]["actor"]["id"], admin.id.as_str());
    assert!(
        !log.body.to_string().contains("SAR-12"),
        "the reason's words stay out of the log"
    );

    // Among the plan's calendar invitations, the one message telling her.
    let subject = "An administrator exported your Rebound data";
    let told = crate::harness::eventually("the email telling Ana", || {
        (receiver.messages().into_iter()).find(|m| {
            m.envelope_to() == ["ana@example.com"]
                && m.header("Subject").as_deref() == Some(subject)
        })
    })
    .await;
    let same = |m: &rebound_deliver::testing::smtp::Received| {
        m.header("Subject").as_deref() == Some(subject)
    };
    assert_eq!(receiver.messages().iter().filter(|m| same(m)).count(), 1);
    let text = told.text().unwrap();
    assert!(
        text.contains("Ada Admin") && !text.contains("SAR-12"),
        "{text}"
    );

    // And her settings page says so.
    let page = app
        .http
        .get(format!("{}/settings", app.base))
        .header("cookie", &ana.cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Copies made by an administrator") && page.contains("Ada Admin"),
        "{page}"
    );
    assert!(page.contains("href=\"/settings/export\""));
}
