//! `rebound serve`'s settings: defaults → TOML file → `REBOUND_*`
//! environment → flags, as `--print-config` shows them; and every bad
//! setting refused in one line that names where it came from.

use crate::harness::Rebound;
use std::path::PathBuf;

fn write_config(rb: &Rebound, name: &str, text: &str) -> PathBuf {
    let path = rb.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// `serve --print-config` with these flags and environment, parsed.
fn printed(rb: &Rebound, args: &[&str], env: &[(&str, &str)]) -> toml::Table {
    let mut all = vec!["serve", "--print-config"];
    all.extend_from_slice(args);
    let out = rb.command(&all).envs(env.iter().copied()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
        .parse()
        .unwrap_or_else(|e| panic!("not TOML ({e}): {stdout}"))
}

/// `serve` with these flags and environment must fail with `code` and one
/// line; returns it.
fn refused(rb: &Rebound, args: &[&str], env: &[(&str, &str)], code: i32) -> String {
    let mut all = vec!["serve"];
    all.extend_from_slice(args);
    let out = rb.command(&all).envs(env.iter().copied()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_string();
    assert_eq!(out.status.code(), Some(code), "{args:?} {env:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("rebound: error: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn flags_beat_the_environment_which_beats_the_file_which_beats_the_defaults() {
    let rb = Rebound::new();
    let file = write_config(
        &rb,
        "rebound.toml",
        "addr = \"127.0.0.1:9001\"\nlog = \"debug\"\nlog_format = \"json\"\ntrusted_proxy = \"10.0.0.9\"\n",
    );
    let file = file.to_str().unwrap();

    let defaults = printed(&rb, &[], &[]);
    assert_eq!(defaults["addr"].as_str(), Some("127.0.0.1:7878"));
    assert_eq!(defaults["log"].as_str(), Some("info"));
    assert_eq!(defaults["log_format"].as_str(), Some("text"));
    assert_eq!(defaults["insecure_cookies"].as_bool(), Some(false));
    // The harness points REBOUND_DATA_DIR at its own directory.
    let data_dir = rb.data_dir();
    assert_eq!(defaults["data_dir"].as_str(), data_dir.to_str());

    let from_file = printed(&rb, &["--config", file], &[]);
    assert_eq!(from_file["addr"].as_str(), Some("127.0.0.1:9001"));
    assert_eq!(from_file["log"].as_str(), Some("debug"));
    assert_eq!(from_file["log_format"].as_str(), Some("json"));
    assert_eq!(from_file["trusted_proxy"].as_str(), Some("10.0.0.9"));
    // REBOUND_CONFIG names the file just as --config does.
    assert_eq!(printed(&rb, &[], &[("REBOUND_CONFIG", file)]), from_file);

    let env = [
        ("REBOUND_ADDR", "127.0.0.1:9002"),
        ("REBOUND_LOG", "warn,rebound::request=info"),
        ("REBOUND_INSECURE_COOKIES", "true"),
    ];
    let from_env = printed(&rb, &["--config", file], &env);
    assert_eq!(from_env["addr"].as_str(), Some("127.0.0.1:9002"));
    assert_eq!(from_env["log"].as_str(), Some("warn,rebound::request=info"));
    assert_eq!(from_env["insecure_cookies"].as_bool(), Some(true));
    assert_eq!(from_env["log_format"].as_str(), Some("json"), "the file's");

    let flags = [
        "--config",
        file,
        "--addr",
        "127.0.0.1:9003",
        "--log",
        "error",
        "--log-format",
        "text",
        "--data-dir",
        "/srv/rebound",
    ];
    let from_flags = printed(&rb, &flags, &env);
    assert_eq!(from_flags["addr"].as_str(), Some("127.0.0.1:9003"));
    assert_eq!(from_flags["log"].as_str(), Some("error"));
    assert_eq!(from_flags["log_format"].as_str(), Some("text"));
    assert_eq!(from_flags["data_dir"].as_str(), Some("/srv/rebound"));
    assert_eq!(
        from_flags["trusted_proxy"].as_str(),
        Some("10.0.0.9"),
        "the file's"
    );
    assert_eq!(
        from_flags["insecure_cookies"].as_bool(),
        Some(true),
        "the environment's"
    );
}

#[test]
fn print_config_never_shows_a_database_password() {
    let rb = Rebound::new();
    let url =
        "postgres://ana:s3cr3t-pw@db.example.com:5432/rebound?sslmode=require&password=other-pw";
    let file = write_config(&rb, "rebound.toml", &format!("database_url = \"{url}\"\n"));
    for (args, env) in [
        (vec!["--config", file.to_str().unwrap()], vec![]),
        (vec![], vec![("REBOUND_DATABASE_URL", url)]),
        (vec!["--database-url", url], vec![]),
    ] {
        let out = rb
            .command(&[&["serve", "--print-config"][..], &args].concat())
            .envs(env)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let shown: toml::Table = stdout.parse().unwrap();
        assert_eq!(
            shown["database_url"].as_str(),
            Some("postgres://ana:***@db.example.com:5432/rebound?sslmode=require&password=***"),
            "{args:?}"
        );
        assert!(
            !stdout.contains("s3cr3t-pw") && !stdout.contains("other-pw"),
            "{stdout}"
        );
    }
}

#[test]
fn a_bad_config_file_is_refused_in_one_line_naming_the_file_and_the_key() {
    let rb = Rebound::new();
    let cases = [
        (
            "unparsable.toml",
            "addr = \"127.0.0.1:7878\nlog = info\n",
            "is not valid TOML",
        ),
        (
            "unknown.toml",
            "adress = \"127.0.0.1:7878\"\n",
            "unknown key 'adress'",
        ),
        (
            "wrong-type.toml",
            "insecure_cookies = \"yes\"\n",
            "'insecure_cookies'",
        ),
        ("wrong-type-addr.toml", "addr = 7878\n", "'addr'"),
        ("bad-addr.toml", "addr = \"localhost\"\n", "'addr'"),
        ("bad-format.toml", "log_format = \"xml\"\n", "'log_format'"),
        ("bad-filter.toml", "log = \"[[[\"\n", "'log'"),
        (
            "bad-scheme.toml",
            "database_url = \"mysql://db/rebound\"\n",
            "'mysql'",
        ),
    ];
    for (name, text, says) in cases {
        let file = write_config(&rb, name, text);
        let reason = refused(&rb, &["--config", file.to_str().unwrap()], &[], 2);
        assert!(reason.contains(name), "names the file: {reason}");
        assert!(reason.contains(says), "{name}: {reason}");
    }
    let reason = refused(&rb, &["--config", "/no/such/rebound.toml"], &[], 2);
    assert!(reason.contains("/no/such/rebound.toml"), "{reason}");
    let reason = refused(&rb, &[], &[("REBOUND_CONFIG", "/no/such/either.toml")], 2);
    assert!(reason.contains("/no/such/either.toml"), "{reason}");
    // Nothing was started or created on the way.
    assert!(!rb.data_dir().exists());
}

#[test]
fn a_bad_environment_variable_or_flag_is_refused_naming_it() {
    let rb = Rebound::new();
    let reason = refused(&rb, &[], &[("REBOUND_ADDR", "not-an-address")], 2);
    assert!(
        reason.contains("REBOUND_ADDR") && reason.contains("'addr'"),
        "{reason}"
    );
    let reason = refused(&rb, &[], &[("REBOUND_INSECURE_COOKIES", "maybe")], 2);
    assert!(reason.contains("REBOUND_INSECURE_COOKIES"), "{reason}");
    let reason = refused(&rb, &[], &[("REBOUND_DATABASE_URL", "mysql://db/x")], 2);
    assert!(
        reason.contains("REBOUND_DATABASE_URL")
            && reason.contains("unsupported database URL scheme 'mysql'"),
        "{reason}"
    );
    let reason = refused(&rb, &["--log-format", "xml"], &[], 2);
    assert!(reason.contains("--log-format"), "{reason}");
    let reason = refused(&rb, &["--database-url", "mysql://db/x"], &[], 2);
    assert!(reason.contains("--database-url"), "{reason}");
}

#[test]
fn an_unreachable_postgres_server_is_exit_4_naming_the_host_not_the_password() {
    let rb = Rebound::new();
    // Port 1 on loopback: nothing listens there.
    let url = "postgres://ana:s3cr3t-pw@127.0.0.1:1/rebound";
    let reason = refused(
        &rb,
        &["--addr", "127.0.0.1:0", "--database-url", url],
        &[],
        4,
    );
    assert!(reason.contains("127.0.0.1:1"), "{reason}");
    assert!(!reason.contains("s3cr3t-pw"), "{reason}");
}

/// The timeouts and the connection cap are settings like the others, and
/// none may be zero (a zero timeout would refuse every request).
#[test]
fn limits_are_layered_settings_and_never_zero() {
    let rb = Rebound::new();
    let defaults = printed(&rb, &[], &[]);
    assert_eq!(defaults["header_read_timeout"].as_integer(), Some(10));
    assert_eq!(defaults["request_timeout"].as_integer(), Some(30));
    assert_eq!(defaults["max_connections"].as_integer(), Some(4096));
    let file = write_config(&rb, "limits.toml", "request_timeout = 5\n");
    let set = printed(
        &rb,
        &[
            "--config",
            file.to_str().unwrap(),
            "--header-read-timeout",
            "3",
        ],
        &[("REBOUND_MAX_CONNECTIONS", "100")],
    );
    assert_eq!(set["header_read_timeout"].as_integer(), Some(3));
    assert_eq!(set["request_timeout"].as_integer(), Some(5));
    assert_eq!(set["max_connections"].as_integer(), Some(100));

    let reason = refused(&rb, &[], &[("REBOUND_MAX_CONNECTIONS", "0")], 2);
    assert!(
        reason.contains("REBOUND_MAX_CONNECTIONS") && reason.contains("at least 1"),
        "{reason}"
    );
    let reason = refused(&rb, &["--request-timeout", "0"], &[], 2);
    assert!(reason.contains("--request-timeout"), "{reason}");
    let reason = refused(&rb, &[], &[("REBOUND_HEADER_READ_TIMEOUT", "soon")], 2);
    assert!(
        reason.contains("REBOUND_HEADER_READ_TIMEOUT") && reason.contains("whole seconds"),
        "{reason}"
    );
}

/// Retention: days or `forever`, layered like the rest; keeping is the
/// default but for ended share links (30 days); a bad value is one line,
/// exit 2, naming where it came from, and nothing is started.
#[test]
fn retention_is_days_or_forever_in_every_layer_and_bad_values_are_refused() {
    let rb = Rebound::new();
    let defaults = printed(&rb, &[], &[]);
    assert_eq!(defaults["keep_closed_mistakes"].as_str(), Some("forever"));
    assert_eq!(defaults["keep_ended_share_links"].as_integer(), Some(30));
    assert_eq!(defaults["keep_audit_events"].as_str(), Some("forever"));

    let file = write_config(
        &rb,
        "keep.toml",
        "keep_closed_mistakes = 365\nkeep_ended_share_links = \"forever\"\nkeep_audit_events = 730\n",
    );
    let file = file.to_str().unwrap();
    let set = printed(
        &rb,
        &["--config", file, "--keep-audit-events", "forever"],
        &[("REBOUND_KEEP_CLOSED_MISTAKES", "90")],
    );
    assert_eq!(
        set["keep_closed_mistakes"].as_integer(),
        Some(90),
        "the environment's"
    );
    assert_eq!(
        set["keep_ended_share_links"].as_str(),
        Some("forever"),
        "the file's"
    );
    assert_eq!(
        set["keep_audit_events"].as_str(),
        Some("forever"),
        "the flag's"
    );

    for text in [
        "keep_closed_mistakes = 0\n",
        "keep_closed_mistakes = -30\n",
        "keep_closed_mistakes = 1.5\n",
        "keep_closed_mistakes = \"a year\"\n",
        "keep_closed_mistakes = 99999\n",
    ] {
        let bad = write_config(&rb, "bad-keep.toml", text);
        let reason = refused(&rb, &["--config", bad.to_str().unwrap()], &[], 2);
        assert!(
            reason.contains("bad-keep.toml") && reason.contains("'keep_closed_mistakes'"),
            "{text}: {reason}"
        );
    }
    let reason = refused(&rb, &[], &[("REBOUND_KEEP_AUDIT_EVENTS", "0")], 2);
    assert!(
        reason.contains("REBOUND_KEEP_AUDIT_EVENTS") && reason.contains("at least 1 day"),
        "{reason}"
    );
    let reason = refused(&rb, &["--keep-ended-share-links", "soon"], &[], 2);
    assert!(
        reason.contains("--keep-ended-share-links")
            && reason.contains("a whole number of days (1 to 36500) or \"forever\""),
        "{reason}"
    );
    let reason = refused(&rb, &["--keep-audit-events", "-3"], &[], 2);
    assert!(
        reason.contains("--keep-audit-events") && reason.contains("at least 1 day"),
        "{reason}"
    );
    let reason = refused(&rb, &["--keep-audit-events", "40000"], &[], 2);
    assert!(reason.contains("at most 36500 days"), "{reason}");
    assert!(!rb.data_dir().exists(), "nothing was started");
}
