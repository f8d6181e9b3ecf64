//! The SQLite-only exception: the hot paths answered on the calling thread
//! through rusqlite (`readers.rs`), and new and saved mistakes and the
//! audit log written by the writer thread on its own connection
//! (`writer.rs`). Each runs the shared statement text (with SQLite's `?N`
//! placeholders, which SQLite numbers by N) and the shared decoders, so it
//! returns exactly what the shared SQL does.

use crate::readers::Readers;
use crate::writer::Writer;
use jiff::Timestamp;
use rebound_domain::audit::AuditEvent;
use rebound_domain::{Change, Mistake, MistakeId, TokenHash, User, UserId};
use rebound_store::{ApiTokenInfo, Opened, Presented, SessionInfo, StoreError};
use rebound_store_sql::accounts::{sessions, teams, users};
use rebound_store_sql::rows::{Cols, ms};
use rebound_store_sql::sharing::stakeholders;
use rebound_store_sql::{Dialect, HotPaths, open_as, read, stmt, write};
use std::sync::OnceLock;

pub struct Fast {
    readers: Readers,
    writer: Writer,
}

impl Fast {
    pub(crate) fn new(readers: Readers, writer: Writer) -> Fast {
        Fast { readers, writer }
    }
}

/// The shared statements, with `$N` written `?N` for rusqlite: made once,
/// `'static` because the readers key what they learn about a statement by
/// the address of its text.
pub(crate) struct Inline {
    pub(crate) mistake: &'static str,
    user: &'static str,
    session_user: &'static str,
    live_token: &'static str,
    share_a_team: &'static str,
    is_stakeholder: &'static str,
    open_as_by_token: &'static str,
    open_as_by_session: &'static str,
}

pub(crate) fn inline() -> &'static Inline {
    static INLINE: OnceLock<Inline> = OnceLock::new();
    INLINE.get_or_init(|| {
        let read = <sqlx::Sqlite as Dialect>::statements();
        Inline {
            mistake: question_marks(read.one),
            user: question_marks(users::GET),
            session_user: question_marks(sessions::SESSION_USER),
            live_token: question_marks(sessions::LIVE_TOKEN),
            share_a_team: question_marks(teams::SHARE_A_TEAM),
            is_stakeholder: question_marks(stakeholders::IS_STAKEHOLDER),
            open_as_by_token: question_marks(read.open_as_by_token),
            open_as_by_session: question_marks(read.open_as_by_session),
        }
    })
}

fn question_marks(sql: &str) -> &'static str {
    Box::leak(to_question_marks(sql).into_boxed_str())
}

/// `$1` → `?1`: sqlx numbers `$N` itself, rusqlite takes `$…` as a name.
pub(crate) fn to_question_marks(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('?');
        } else {
            out.push(c);
        }
    }
    out
}

impl HotPaths<sqlx::Sqlite> for Fast {
    async fn mistake(&self, id: &MistakeId) -> Result<Option<Mistake>, StoreError> {
        self.readers.row(inline().mistake, [id.as_str()], |row| {
            read::decode(&Cols(row))
        })
    }

    async fn user(&self, id: &UserId) -> Result<Option<User>, StoreError> {
        self.readers
            .row(inline().user, [id.as_str()], |row| Cols(row).user())
    }

    async fn session_user(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<(SessionInfo, User)>, StoreError> {
        self.readers.row(
            inline().session_user,
            rusqlite::params![token_hash.as_str(), ms(now)],
            |row| sessions::session_and_user(&Cols(row)),
        )
    }

    async fn live_token(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<(ApiTokenInfo, User)>, StoreError> {
        self.readers.row(
            inline().live_token,
            rusqlite::params![token_hash.as_str(), ms(now)],
            |row| sessions::token_and_user(&Cols(row)),
        )
    }

    async fn share_a_team(&self, a: &UserId, b: &UserId) -> Result<bool, StoreError> {
        self.readers
            .exists(inline().share_a_team, [a.as_str(), b.as_str()])
    }

    async fn is_stakeholder(&self, mistake: &MistakeId, user: &UserId) -> Result<bool, StoreError> {
        self.readers
            .exists(inline().is_stakeholder, [mistake.as_str(), user.as_str()])
    }

    async fn open_as(
        &self,
        presented: Presented<'_>,
        id: &MistakeId,
        now: Timestamp,
    ) -> Result<Option<Opened>, StoreError> {
        let (sql, hash) = match presented {
            Presented::ApiToken(hash) => (inline().open_as_by_token, hash),
            Presented::Session(hash) => (inline().open_as_by_session, hash),
        };
        let params = (hash.as_str(), ms(now), id.as_str());
        self.readers
            .row(sql, params, |row| open_as::decode(presented, &Cols(row)))
    }

    async fn create(&self, _: &sqlx::SqlitePool, m: &Mistake) -> Result<(), StoreError> {
        let mut stmts = write::create_statements::<sqlx::Sqlite>(m);
        // Taken here, before the write: a write that fails drops them
        // either way (`rebound_store::effects`).
        stmts.extend(stmt::carried(&rebound_store::effects::take()));
        self.writer.write(stmts).await
    }

    async fn save(
        &self,
        _: &sqlx::SqlitePool,
        m: &Mistake,
        changes: &[Change],
    ) -> Result<Mistake, StoreError> {
        let mut stmts = write::save_statements::<sqlx::Sqlite>(m, changes);
        stmts.extend(stmt::carried(&rebound_store::effects::take()));
        match self.writer.write_and_read(stmts, &m.id).await {
            // Stale, or gone since the caller read it: the shared SQL tells
            // them apart inside its transaction, this after it.
            Err(StoreError::Conflict(id)) => match self.mistake(&id).await? {
                Some(_) => Err(StoreError::Conflict(id)),
                None => Err(StoreError::NotFound(id)),
            },
            stored => stored?.ok_or_else(|| StoreError::NotFound(m.id.clone())),
        }
    }

    async fn record_audit(&self, events: Vec<AuditEvent>) -> Result<(), StoreError> {
        self.writer
            .write(rebound_store_sql::audit::statements(&events))
            .await
    }
}
