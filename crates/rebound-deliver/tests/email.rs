//! Email through a real SMTP server (aiosmtpd, `scripts/setup-smtp`):
//! what arrives, what a header-injection attempt becomes, and how each
//! failure is classified.

use std::time::Duration;

use rebound_deliver::email::{CalendarPart, Email, MailFrom, Mailer, SmtpSettings, message_id};
use rebound_deliver::testing::smtp::SmtpReceiver;
use rebound_domain::ics::{Event, Method, Person};

const WAIT: Duration = Duration::from_secs(20);

fn mailer(receiver: &SmtpReceiver) -> Mailer {
    let settings = SmtpSettings::parse(&receiver.url()).unwrap();
    Mailer::new(
        &settings,
        MailFrom::parse("Rebound <rebound@example.com>").unwrap(),
    )
}

fn email(to: &str, key: &str) -> Email {
    Email {
        to: to.into(),
        to_name: Some("Ana Müller".into()),
        subject: "Your check-in is tomorrow — ready?".into(),
        text: "Hello Ana,\n\nyour check-in is tomorrow.\n".into(),
        html: "<p>Hello Ana,</p><p>your check-in is <b>tomorrow</b>.</p>".into(),
        message_id: message_id(key, "rebound.example"),
        unsubscribe: None,
        calendar: None,
        from_name: None,
        reply_to: None,
    }
}

fn invite() -> CalendarPart {
    let event = Event {
        uid: "check-in-p7-2@rebound.example".into(),
        sequence: 1,
        start: "2026-12-07T14:00:00Z".parse().unwrap(),
        end: "2026-12-07T14:30:00Z".parse().unwrap(),
        summary: "Check-in, with a comma; and ünïcode".into(),
        description: "Line one\nLine two".into(),
        organizer: Some(Person {
            name: "Lead".into(),
            email: "lead@example.com".into(),
        }),
        attendees: vec![Person {
            name: "Ana".into(),
            email: "ana@example.com".into(),
        }],
        weekly: None,
    };
    CalendarPart::new(
        Method::Request,
        &[event],
        "2026-12-06T12:00:00Z".parse().unwrap(),
    )
}

#[tokio::test]
async fn a_message_arrives_with_its_headers_both_bodies_and_the_invitation() {
    let receiver = SmtpReceiver::start();
    let mailer = mailer(&receiver);
    mailer.check().await.expect("NOOP on a live server");
    let mut mail = email("ana@example.com", "check-in:p7:2");
    mail.unsubscribe = Some("https://rebound.example/u/abc123?x=1".into());
    mail.calendar = Some(invite());
    mailer.send(&mail).await.expect("sent");

    let got = receiver.wait_for(1, WAIT).await;
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert_eq!(
        m.header("From").as_deref(),
        Some("Rebound <rebound@example.com>")
    );
    assert_eq!(
        m.header("To").as_deref(),
        Some("Ana Müller <ana@example.com>")
    );
    assert_eq!(m.envelope_to(), vec!["ana@example.com".to_string()]);
    assert_eq!(m.envelope_from().as_deref(), Some("rebound@example.com"));
    assert_eq!(m.header("Message-ID"), Some(mail.message_id.clone()));
    assert_eq!(m.header("Subject").as_deref(), Some(mail.subject.as_str()));
    assert_eq!(
        m.header("List-Unsubscribe").as_deref(),
        Some("<https://rebound.example/u/abc123?x=1>")
    );
    assert_eq!(
        m.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(
        m.header("Content-Type")
            .unwrap()
            .starts_with("multipart/alternative")
    );
    assert_eq!(m.text().unwrap().replace("\r\n", "\n"), mail.text);
    assert_eq!(m.html().unwrap().replace("\r\n", "\n"), mail.html);
    let part = m
        .parts()
        .iter()
        .find(|p| p.mime == "text/calendar")
        .unwrap();
    // Python re-serialises the parameters quoted; the values are ours.
    let kind = part
        .content_type
        .to_ascii_lowercase()
        .replace([' ', '"'], "");
    assert!(kind.contains("method=request"), "{kind}");
    assert!(kind.contains("charset=utf-8"), "{kind}");
    let ics = m.calendar().unwrap();
    let lines = rebound_domain::ics::unfold(&ics.replace("\r\n", "\n").replace('\n', "\r\n"));
    assert!(lines.iter().any(|l| l == "METHOD:REQUEST"), "{ics}");
    assert!(
        lines
            .iter()
            .any(|l| l == "SUMMARY:Check-in\\, with a comma\\; and ünïcode"),
        "{ics}"
    );
    assert!(
        lines.iter().any(|l| l == "DESCRIPTION:Line one\\nLine two"),
        "{ics}"
    );
}

#[tokio::test]
async fn without_unsubscribe_or_invite_there_is_no_such_header_or_part() {
    let receiver = SmtpReceiver::start();
    mailer(&receiver)
        .send(&email("ana@example.com", "k1"))
        .await
        .unwrap();
    let m = &receiver.wait_for(1, WAIT).await[0];
    assert_eq!(m.header("List-Unsubscribe"), None);
    assert_eq!(m.calendar(), None);
    assert_eq!(m.parts().len(), 2);
}

#[tokio::test]
async fn a_line_break_in_a_title_or_name_adds_no_header() {
    let receiver = SmtpReceiver::start();
    let mut mail = email("ana@example.com", "evil");
    mail.subject = "Broke prod\r\nBcc: evil@x.example".into();
    mail.to_name = Some("Ana\r\nBcc: evil@x.example".into());
    mailer(&receiver).send(&mail).await.unwrap();
    let m = &receiver.wait_for(1, WAIT).await[0];
    assert_eq!(m.headers("Subject").len(), 1, "{}", m.raw());
    assert!(m.header("Subject").unwrap().contains("Broke prod"));
    assert!(m.headers("Bcc").is_empty(), "{}", m.raw());
    assert_eq!(m.envelope_to(), vec!["ana@example.com".to_string()]);
    let names = m.header_names();
    assert!(
        !names.iter().any(|n| n.eq_ignore_ascii_case("bcc")),
        "{names:?}"
    );
}

#[tokio::test]
async fn a_server_down_is_transient_and_the_same_message_goes_once_it_is_back() {
    let mut receiver = SmtpReceiver::start();
    let mailer = mailer(&receiver);
    let mail = email("ana@example.com", "retry-me");
    receiver.stop();
    let e = mailer.send(&mail).await.unwrap_err();
    assert!(!e.permanent, "{e:?}");
    let server = format!("127.0.0.1:{}", receiver.port());
    assert_eq!(
        e.detail,
        format!("could not reach the mail server at {server}: connection refused")
    );
    let e = mailer.check().await.unwrap_err();
    assert!(
        !e.permanent && e.detail.contains("connection refused"),
        "{e:?}"
    );

    receiver.start_again();
    mailer
        .send(&mail)
        .await
        .expect("sent once the server is back");
    let got = receiver.wait_for(1, WAIT).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].header("Message-ID"), Some(mail.message_id));
}

#[tokio::test]
async fn a_pooled_connection_survives_a_restart_of_the_server() {
    let mut receiver = SmtpReceiver::start();
    let mailer = mailer(&receiver);
    mailer.send(&email("ana@example.com", "a")).await.unwrap();
    receiver.stop();
    receiver.start_again();
    // The parked connection is dead; the pool notices and dials again.
    mailer.send(&email("ana@example.com", "b")).await.unwrap();
    assert_eq!(receiver.wait_for(2, WAIT).await.len(), 2);
}

#[tokio::test]
async fn a_refused_recipient_is_permanent_and_a_4xx_is_transient() {
    let receiver = SmtpReceiver::start();
    let mailer = mailer(&receiver);
    let server = format!("127.0.0.1:{}", receiver.port());
    let e = mailer
        .send(&email("nobody@refused.invalid", "r"))
        .await
        .unwrap_err();
    assert!(e.permanent, "{e:?}");
    assert_eq!(
        e.detail,
        format!(
            "the mail server at {server} refused an address of the message (550 5.1.1 No such mailbox here)"
        )
    );
    let e = mailer
        .send(&email("busy@later.invalid", "l"))
        .await
        .unwrap_err();
    assert!(!e.permanent, "{e:?}");
    assert!(e.detail.contains("try again later (451"), "{e:?}");
    // The refusals left the pooled connection usable.
    mailer.send(&email("ana@example.com", "ok")).await.unwrap();
    let got = receiver.wait_for(1, WAIT).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].envelope_to(), vec!["ana@example.com".to_string()]);
}

#[tokio::test]
async fn a_bad_recipient_or_message_id_is_permanent_before_any_connection() {
    let receiver = SmtpReceiver::start();
    let mailer = mailer(&receiver);
    let e = mailer
        .send(&email("not an address", "x"))
        .await
        .unwrap_err();
    assert!(e.permanent);
    assert_eq!(
        e.detail,
        "the recipient 'not an address' is not an email address"
    );
    let mut mail = email("ana@example.com", "x");
    mail.message_id = "<a@b>\r\nBcc: evil@x.example".into();
    assert!(mailer.send(&mail).await.unwrap_err().permanent);
    mail.message_id = message_id("x", "rebound.example");
    mail.unsubscribe = Some("http://rebound.example/u".into());
    let e = mailer.send(&mail).await.unwrap_err();
    assert_eq!(e.detail, "the unsubscribe link must be an https URL");
    assert!(receiver.messages().is_empty());
}

#[tokio::test]
async fn smtp_url_really_does_starttls_and_refuses_a_certificate_it_cannot_verify() {
    let receiver = SmtpReceiver::start_starttls();
    let settings = SmtpSettings::parse(&receiver.url()).unwrap();
    let from = MailFrom::parse("rebound@example.com").unwrap();
    // The server's certificate is self-signed: a normal Mailer must refuse it.
    let e = Mailer::new(&settings, from.clone())
        .check()
        .await
        .unwrap_err();
    assert!(!e.permanent, "{e:?}");
    assert!(
        e.detail
            .starts_with("could not set up TLS with the mail server"),
        "{e:?}"
    );
    // Trusting it, the message goes over STARTTLS (aiosmtpd refuses mail
    // before STARTTLS here, so arriving proves the upgrade happened).
    let mailer = Mailer::new_accepting_invalid_certs(&settings, from);
    mailer
        .send(&email("ana@example.com", "tls"))
        .await
        .expect("sent over STARTTLS");
    assert_eq!(receiver.wait_for(1, WAIT).await.len(), 1);
}

#[tokio::test]
async fn a_plain_server_is_refused_when_smtp_url_asks_for_starttls() {
    let receiver = SmtpReceiver::start();
    let url = format!("smtp://127.0.0.1:{}", receiver.port());
    let settings = SmtpSettings::parse(&url).unwrap();
    let mailer = Mailer::new(&settings, MailFrom::parse("rebound@example.com").unwrap());
    let e = mailer
        .send(&email("ana@example.com", "plain"))
        .await
        .unwrap_err();
    assert!(!e.permanent, "{e:?}");
    assert!(e.detail.contains("does not offer STARTTLS"), "{e:?}");
    assert!(receiver.messages().is_empty());
}

#[test]
fn a_bad_smtp_url_names_the_setting_and_never_the_password() {
    for url in [
        "smtp://ana:s3cr3t-pw@mail.example.com:70000",
        "smtp://ana:s3cr3t-pw@mail.example.com?tls=none",
        "ftp://ana:s3cr3t-pw@mail.example.com",
        "smtp://ana:s3cr3t-pw@mail.example.com/x",
        "smtp://ana:s3cr3t-pw@mail.example.com?s3cr3t-pw",
        "smtp://ana:s3cr3t-pw@",
    ] {
        let e = SmtpSettings::parse(url).unwrap_err().to_string();
        assert!(e.starts_with("smtp_url "), "{url}: {e}");
        assert!(!e.contains("s3cr3t"), "{url}: {e}");
    }
    let ok = SmtpSettings::parse("smtps://ana:s3cr3t-pw@mail.example.com").unwrap();
    assert_eq!(ok.to_string(), "smtps://ana@mail.example.com:465");
    assert!(!format!("{ok:?}").contains("s3cr3t"));
}

#[tokio::test]
async fn a_login_the_server_cannot_take_is_permanent_and_never_shows_the_password() {
    let receiver = SmtpReceiver::start();
    // aiosmtpd as started here offers no AUTH at all.
    let url = format!(
        "smtp://ana:s3cr3t-pw@127.0.0.1:{}?tls=none",
        receiver.port()
    );
    let settings = SmtpSettings::parse(&url).unwrap();
    let mailer = Mailer::new(&settings, MailFrom::parse("rebound@example.com").unwrap());
    let e = mailer.check().await.unwrap_err();
    assert!(e.permanent, "{e:?}");
    assert_eq!(
        e.detail,
        format!(
            "the mail server at 127.0.0.1:{} offers no login method Rebound can use",
            receiver.port()
        )
    );
    let e = mailer
        .send(&email("ana@example.com", "auth"))
        .await
        .unwrap_err();
    assert!(!format!("{e:?} {mailer:?} {settings}").contains("s3cr3t"));
    assert!(receiver.messages().is_empty());
}

#[tokio::test]
async fn a_server_that_never_answers_is_a_transient_timeout() {
    // A real socket that accepts and then says nothing, not even a greeting.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let silent = std::thread::spawn(move || listener.accept().map(|(conn, _)| conn));
    let settings = SmtpSettings::parse(&format!("smtp://127.0.0.1:{port}?tls=none")).unwrap();
    let from = MailFrom::parse("rebound@example.com").unwrap();
    let mailer = Mailer::new_with_timeout(&settings, from, Duration::from_millis(500));
    let e = mailer.check().await.unwrap_err();
    assert!(!e.permanent, "{e:?}");
    assert_eq!(
        e.detail,
        format!("the mail server at 127.0.0.1:{port} did not answer within 0.5 s")
    );
    drop(silent.join());
}

#[tokio::test]
async fn after_a_timeout_the_next_send_dials_afresh_and_goes() {
    let receiver = SmtpReceiver::start();
    let port = receiver.port();
    let settings = SmtpSettings::parse(&receiver.url()).unwrap();
    let from = MailFrom::parse("rebound@example.com").unwrap();
    let mailer = Mailer::new_with_timeout(&settings, from, Duration::from_secs(5));
    mailer.send(&email("ana@example.com", "one")).await.unwrap();
    // A send that cannot finish in time (the receiver is frozen), then one
    // that can: it must not inherit the abandoned connection.
    receiver.pause();
    let e = mailer
        .send(&email("ana@example.com", "two"))
        .await
        .unwrap_err();
    assert_eq!(
        e.detail,
        format!("the mail server at 127.0.0.1:{port} did not answer within 5 s")
    );
    receiver.resume();
    mailer
        .send(&email("ana@example.com", "three"))
        .await
        .unwrap();
    let ids: Vec<_> = receiver
        .wait_for(2, WAIT)
        .await
        .iter()
        .filter_map(|m| m.header("Message-ID"))
        .collect();
    assert!(
        ids.contains(&message_id("three", "rebound.example")),
        "{ids:?}"
    );
}

#[tokio::test]
async fn a_refused_login_is_permanent_and_never_shows_the_password() {
    // After STARTTLS aiosmtpd offers AUTH, and with no authenticator
    // configured it refuses every login.
    let receiver = SmtpReceiver::start_starttls();
    let url = format!("smtp://ana:s3cr3t-pw@127.0.0.1:{}", receiver.port());
    let settings = SmtpSettings::parse(&url).unwrap();
    let from = MailFrom::parse("rebound@example.com").unwrap();
    let mailer = Mailer::new_accepting_invalid_certs(&settings, from);
    let e = mailer.check().await.unwrap_err();
    assert!(e.permanent, "{e:?}");
    let prefix = format!(
        "the mail server at 127.0.0.1:{} refused the login (535",
        receiver.port()
    );
    assert!(e.detail.starts_with(&prefix), "{e:?}");
    let e = mailer
        .send(&email("ana@example.com", "login"))
        .await
        .unwrap_err();
    assert!(e.permanent && !e.detail.contains("s3cr3t"), "{e:?}");
    assert!(receiver.messages().is_empty());
}
