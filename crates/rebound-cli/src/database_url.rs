//! Where the data lives, parsed once: an embedded SQLite file (from the data
//! directory or a `sqlite:` URL) or a PostgreSQL server. Every command and
//! `serve` go through [`DatabaseUrl::parse`], so an unknown scheme reads the
//! same everywhere, and [`redacted`] is the only way a URL is shown.

use std::fmt;
use std::path::PathBuf;

#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// The embedded database file under a data directory.
    SqliteFile(PathBuf),
    /// A `sqlite:` URL, kept whole: its options (`?mode=…`, `:memory:`)
    /// are sqlx's to read.
    SqliteUrl(String),
    /// A `postgres://` or `postgresql://` URL.
    Postgres(String),
}

/// A URL this build cannot open; the message says which schemes it can.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unsupported database URL scheme '{scheme}': this build stores data in SQLite (sqlite://PATH) or PostgreSQL (postgres://USER@HOST:PORT/DATABASE)"
)]
pub struct UnknownScheme {
    pub scheme: String,
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<DatabaseUrl, UnknownScheme> {
        let url = url.trim();
        let scheme = url.split_once(':').map_or(url, |(s, _)| s);
        match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => Ok(DatabaseUrl::SqliteUrl(url.to_owned())),
            "postgres" | "postgresql" => Ok(DatabaseUrl::Postgres(url.to_owned())),
            _ => Err(UnknownScheme {
                scheme: scheme.chars().take(40).collect(),
            }),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, DatabaseUrl::Postgres(_))
    }
}

/// Never prints a password, here or in a panic message.
impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::SqliteFile(p) => write!(f, "SqliteFile({})", p.display()),
            DatabaseUrl::SqliteUrl(u) => write!(f, "SqliteUrl({})", redacted(u)),
            DatabaseUrl::Postgres(u) => write!(f, "Postgres({})", redacted(u)),
        }
    }
}

/// The URL with any password shown as `***`: the one in `user:pass@host`
/// and any `password=` (or `sslpassword=`…) query parameter.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{user}:***@{host}"),
            None => format!("{userinfo}@{host}"),
        },
        None => authority.to_owned(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let params: Vec<String> = query
                .split('&')
                .map(|kv| match kv.split_once('=') {
                    Some((k, _)) if k.to_ascii_lowercase().contains("password") => {
                        format!("{k}=***")
                    }
                    _ => kv.to_owned(),
                })
                .collect();
            format!("{path}?{}", params.join("&"))
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{authority}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_read_once_and_an_unknown_one_is_named() {
        assert!(matches!(
            DatabaseUrl::parse("sqlite:///tmp/x.db"),
            Ok(DatabaseUrl::SqliteUrl(_))
        ));
        assert!(matches!(
            DatabaseUrl::parse("sqlite::memory:"),
            Ok(DatabaseUrl::SqliteUrl(_))
        ));
        for pg in [
            "postgres://u@h/db",
            "postgresql://u@h:5432/db",
            "POSTGRES://h/db",
        ] {
            assert!(DatabaseUrl::parse(pg).unwrap().is_postgres(), "{pg}");
        }
        let e = DatabaseUrl::parse("mysql://localhost/x").unwrap_err();
        assert_eq!(e.scheme, "mysql");
        assert!(
            e.to_string()
                .contains("unsupported database URL scheme 'mysql'")
        );
        assert_eq!(
            DatabaseUrl::parse("just-a-path").unwrap_err().scheme,
            "just-a-path"
        );
    }

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            redacted("postgres://ana:s3cr3t@db.example.com:5432/rebound"),
            "postgres://ana:***@db.example.com:5432/rebound"
        );
        assert_eq!(
            redacted("postgres://ana:p@ss:w@rd@db/rb?sslmode=require&password=x"),
            "postgres://ana:***@db/rb?sslmode=require&password=***"
        );
        assert_eq!(redacted("postgres://ana@db/rb"), "postgres://ana@db/rb");
        assert_eq!(redacted("sqlite:///tmp/x.db"), "sqlite:///tmp/x.db");
        let dbg = format!(
            "{:?}",
            DatabaseUrl::parse("postgres://u:hunter2@h/db").unwrap()
        );
        assert!(!dbg.contains("hunter2"), "{dbg}");
    }
}
