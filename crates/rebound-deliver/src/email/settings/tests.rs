use super::*;

#[test]
fn smtp_means_starttls_on_587_and_smtps_tls_on_465() {
    let s = SmtpSettings::parse("smtp://mail.example.com").unwrap();
    assert_eq!(
        (s.host.as_str(), s.port, s.tls),
        ("mail.example.com", 587, Tls::StartTls)
    );
    let s = SmtpSettings::parse("smtps://mail.example.com").unwrap();
    assert_eq!((s.port, s.tls), (465, Tls::Wrapper));
    let s = SmtpSettings::parse("smtp://mail.example.com:2525/").unwrap();
    assert_eq!(s.port, 2525);
}

#[test]
fn credentials_are_percent_decoded_and_never_shown() {
    let s = SmtpSettings::parse("smtp://ana%40example.com:p%3Ass+w%2Fd@mail.example.com").unwrap();
    assert_eq!(s.user.as_deref(), Some("ana@example.com"));
    assert_eq!(s.password(), Some("p:ss+w/d"));
    assert_eq!(s.to_string(), "smtp://ana@example.com@mail.example.com:587");
    assert!(!format!("{s:?}").contains("p:ss"));
}

#[test]
fn tls_none_only_for_loopback() {
    for url in [
        "smtp://127.0.0.1:2525?tls=none",
        "smtp://127.8.9.10?tls=none",
        "smtp://[::1]:25?tls=none",
        "smtp://LocalHost:25?tls=none",
    ] {
        let s = SmtpSettings::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!(s.tls, Tls::None, "{url}");
    }
    assert_eq!(
        SmtpSettings::parse("smtp://[::1]:25?tls=none")
            .unwrap()
            .server(),
        "[::1]:25"
    );
    for url in [
        "smtp://mail.example.com?tls=none",
        "smtp://128.0.0.1?tls=none",
        "smtp://localhost.example.com?tls=none",
        "smtps://127.0.0.1?tls=none",
    ] {
        let e = SmtpSettings::parse(url).unwrap_err();
        assert!(matches!(e, SettingsError::TlsNoneRemote(_)), "{url}: {e}");
    }
}

#[test]
fn everything_else_is_one_sentence_about_smtp_url_without_the_password() {
    for (url, expected) in [
        ("mail.example.com", SettingsError::NotAUrl),
        ("http://u:hunter2@mail.example.com", SettingsError::Scheme),
        (
            "smtp://u:hunter2@mail.example.com:99999",
            SettingsError::Port,
        ),
        ("smtp://u:hunter2@mail.example.com:0", SettingsError::Port),
        ("smtp://u:hunter2@mail.example.com:x", SettingsError::Port),
        (
            "smtp://u:hunter2@mail.example.com/inbox",
            SettingsError::Path,
        ),
        ("smtp://u:hunter2@mail.example.com#x", SettingsError::Path),
        (
            "smtp://u:hunter2@mail.example.com?tls=required",
            SettingsError::Query,
        ),
        (
            "smtp://u:hunter2@mail.example.com?hunter2=1",
            SettingsError::Query,
        ),
        (
            "smtp://:hunter2@mail.example.com",
            SettingsError::PasswordWithoutUser,
        ),
        (
            "smtp://u:hunter2%ff@mail.example.com",
            SettingsError::Credentials,
        ),
        ("smtp://u:hunter2@", SettingsError::NoHost),
        ("smtp:hunter2", SettingsError::NoHost),
    ] {
        let e = SmtpSettings::parse(url).unwrap_err();
        assert_eq!(e, expected, "{url}");
        let text = e.to_string();
        assert!(text.starts_with("smtp_url "), "{text}");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(!text.contains('\n'), "{text}");
    }
}
