//! PostgreSQL's hot paths on a few connections of their own, beside sqlx's
//! pool. Why: sqlx 0.9's pool pings a connection when it takes it back,
//! unconditionally — a second round trip, on both sides, around every
//! one-statement read (with its ping on lending, a quarter of the server's
//! CPU on GET one mistake). Here a read is one round trip.
//!
//! Only single statements go here (no transaction can be left open on a
//! connection): the hot reads, each the shared statement text with the
//! shared decoder, so they return exactly what the shared SQL does (the
//! conformance suites run through them), and the audit append, one INSERT
//! over arrays. A connection goes back only after
//! its statement finished: one dropped midway (a request whose client went
//! away) is closed with it. A statement that fails on a connection that sat
//! idle is tried once more on a new one, so a restarted database costs no
//! request an error.

use jiff::Timestamp;
use rebound_domain::audit::AuditEvent;
use rebound_domain::{Mistake, MistakeId, TokenHash, User, UserId};
use rebound_store::{ApiTokenInfo, Opened, Presented, SessionInfo, StoreError};
use rebound_store_sql::accounts::{sessions, teams, users};
use rebound_store_sql::dialect::backend;
use rebound_store_sql::rows::{Cols, ms};
use rebound_store_sql::sharing::stakeholders;
use rebound_store_sql::{Dialect, HotPaths, open_as};
use sqlx::postgres::{PgArguments, PgConnectOptions, PgRow};
use sqlx::{PgConnection, Postgres};
use std::sync::Mutex;
use tokio::sync::{Semaphore, SemaphorePermit};

/// Connections kept for the hot reads, per process (beside the pool's).
const CONNECTIONS: usize = 8;

type Query = sqlx::query::Query<'static, Postgres, PgArguments>;

pub struct Direct {
    /// Boxed: large, and read only to open a connection.
    options: Box<PgConnectOptions>,
    idle: Mutex<Vec<PgConnection>>,
    slots: Semaphore,
}

impl Direct {
    pub(crate) fn new(options: PgConnectOptions) -> Direct {
        Direct {
            options: Box::new(hot_options(options)),
            idle: Mutex::new(Vec::with_capacity(CONNECTIONS)),
            slots: Semaphore::new(CONNECTIONS),
        }
    }

    async fn lease(&self) -> Result<Lease<'_>, StoreError> {
        let permit = self
            .slots
            .acquire()
            .await
            .expect("the semaphore is never closed");
        let idle = self.idle.lock().expect("never poisoned").pop();
        let (conn, reused) = match idle {
            Some(conn) => (conn, true),
            None => (crate::connect::open(&self.options).await?, false),
        };
        Ok(Lease {
            conn: Some(conn),
            reused,
            home: self,
            _permit: permit,
        })
    }

    /// The one row `sql` (with `bind`'s arguments) gives, if any, decoded.
    async fn row<T>(
        &self,
        sql: &'static str,
        bind: impl Fn(Query) -> Query,
        decode: impl Fn(&Cols<'_>) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        loop {
            let mut lease = self.lease().await?;
            let conn = lease.conn.as_mut().expect("a lease holds its connection");
            match bind(sqlx::query(sql)).fetch_optional(&mut *conn).await {
                Ok(row) => {
                    lease.give_back();
                    return row.map(|r: PgRow| decode(&Cols(&r))).transpose();
                }
                // Dropping the lease closes that connection.
                Err(_) if lease.reused => continue,
                Err(e) => return Err(backend(e)),
            }
        }
    }
}

/// Every statement here finds a few rows by key. On a new team's nearly
/// empty tables the planner took a hash join as the cheapest way to find a
/// mistake's owner, and setting its hash table up on every execution cost
/// more than the lookup (the read statement alone, 32 clients: 21.3-22.0k
/// tps with hash joins, 23.3-23.4k without). So these connections prefer
/// nested loops; the pool's, which run everything else, are left as they
/// are.
fn hot_options(options: PgConnectOptions) -> PgConnectOptions {
    options.options([("enable_hashjoin", "off")])
}

/// A connection out of the idle set; it returns there only when told to.
struct Lease<'a> {
    conn: Option<PgConnection>,
    /// Taken from the idle set rather than opened for this statement.
    reused: bool,
    home: &'a Direct,
    _permit: SemaphorePermit<'a>,
}

impl Lease<'_> {
    fn give_back(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.home.idle.lock().expect("never poisoned").push(conn);
        }
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        // Mid-statement or failed: not fit to reuse. Closing politely
        // would need an await; dropping it closes the socket.
        drop(self.conn.take());
    }
}

fn by_id(id: &str) -> impl Fn(Query) -> Query + '_ {
    move |q| q.bind(id.to_owned())
}

fn by_hash(hash: &TokenHash, now: Timestamp) -> impl Fn(Query) -> Query + '_ {
    move |q| q.bind(hash.as_str().to_owned()).bind(ms(now))
}

fn by_pair<'a>(a: &'a str, b: &'a str) -> impl Fn(Query) -> Query + 'a {
    move |q| q.bind(a.to_owned()).bind(b.to_owned())
}

impl HotPaths<Postgres> for Direct {
    async fn mistake(&self, id: &MistakeId) -> Result<Option<Mistake>, StoreError> {
        let sql = <Postgres as Dialect>::statements().one;
        self.row(sql, by_id(id.as_str()), rebound_store_sql::read::decode)
            .await
    }

    async fn user(&self, id: &UserId) -> Result<Option<User>, StoreError> {
        self.row(users::GET, by_id(id.as_str()), |c| c.user()).await
    }

    async fn session_user(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<(SessionInfo, User)>, StoreError> {
        let decode = sessions::session_and_user;
        self.row(sessions::SESSION_USER, by_hash(token_hash, now), decode)
            .await
    }

    async fn live_token(
        &self,
        token_hash: &TokenHash,
        now: Timestamp,
    ) -> Result<Option<(ApiTokenInfo, User)>, StoreError> {
        let decode = sessions::token_and_user;
        self.row(sessions::LIVE_TOKEN, by_hash(token_hash, now), decode)
            .await
    }

    async fn share_a_team(&self, a: &UserId, b: &UserId) -> Result<bool, StoreError> {
        let pair = by_pair(a.as_str(), b.as_str());
        let row = self.row(teams::SHARE_A_TEAM, pair, |_| Ok(())).await?;
        Ok(row.is_some())
    }

    async fn is_stakeholder(&self, mistake: &MistakeId, user: &UserId) -> Result<bool, StoreError> {
        let pair = by_pair(mistake.as_str(), user.as_str());
        let row = self
            .row(stakeholders::IS_STAKEHOLDER, pair, |_| Ok(()))
            .await?;
        Ok(row.is_some())
    }

    async fn open_as(
        &self,
        presented: Presented<'_>,
        id: &MistakeId,
        now: Timestamp,
    ) -> Result<Option<Opened>, StoreError> {
        let (sql, hash) = open_as::statement::<Postgres>(presented);
        let bind = |q: Query| {
            q.bind(hash.to_owned())
                .bind(ms(now))
                .bind(id.as_str().to_owned())
        };
        self.row(sql, bind, |c| open_as::decode(presented, c)).await
    }

    /// One statement whatever the number of events (arrays unnested), on
    /// a direct connection: one round trip where the pool's transaction
    /// took BEGIN, the INSERTs and COMMIT, each wrapped in the pool's pings.
    async fn record_audit(&self, events: Vec<AuditEvent>) -> Result<(), StoreError> {
        if events.is_empty() {
            return Ok(());
        }
        // Through `row`, so a reused connection that fails is tried once
        // more on a new one, as reads are: a broken idle connection should
        // not fail a request, and the one case a retry repeats (the
        // connection breaking after the commit but before its answer)
        // leaves the event twice, never missing.
        let columns = AuditColumns::of(&events);
        self.row(AUDIT_APPEND, |q| columns.bind(q), |_| Ok(()))
            .await
            .map(drop)
    }
}

/// The audit append as one statement over arrays (PostgreSQL's `unnest`
/// keeps the rows in order, so ids follow the events' order as the shared
/// multi-row INSERT's do).
const AUDIT_APPEND: &str = "INSERT INTO audit_log (at, actor_kind, actor_id, action, part, resource_kind, resource_id)
     SELECT * FROM unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])";

/// Events as one array per column.
struct AuditColumns {
    at: Vec<i64>,
    actor_kind: Vec<String>,
    actor_id: Vec<String>,
    action: Vec<String>,
    part: Vec<String>,
    resource_kind: Vec<String>,
    resource_id: Vec<String>,
}

impl AuditColumns {
    fn of(events: &[AuditEvent]) -> AuditColumns {
        let mut c = AuditColumns {
            at: Vec::with_capacity(events.len()),
            actor_kind: Vec::with_capacity(events.len()),
            actor_id: Vec::with_capacity(events.len()),
            action: Vec::with_capacity(events.len()),
            part: Vec::with_capacity(events.len()),
            resource_kind: Vec::with_capacity(events.len()),
            resource_id: Vec::with_capacity(events.len()),
        };
        for e in events {
            let (kind, id) = rebound_store_sql::audit::actor_columns(&e.actor);
            c.at.push(e.at.as_millisecond());
            c.actor_kind.push(kind.to_owned());
            c.actor_id.push(id.to_owned());
            c.action.push(e.action.clone());
            c.part.push(e.part.clone());
            c.resource_kind.push(e.resource_kind.clone());
            c.resource_id.push(e.resource_id.clone());
        }
        c
    }

    fn bind(&self, q: Query) -> Query {
        q.bind(self.at.clone())
            .bind(self.actor_kind.clone())
            .bind(self.actor_id.clone())
            .bind(self.action.clone())
            .bind(self.part.clone())
            .bind(self.resource_kind.clone())
            .bind(self.resource_id.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hot_connections_prefer_nested_loops_and_keep_the_operators_options() {
        let given: PgConnectOptions = "postgres://u@h/db?options=-c%20work_mem%3D8MB"
            .parse()
            .unwrap();
        let hot = hot_options(given);
        let options = hot.get_options().unwrap();
        assert!(options.contains("work_mem=8MB"), "{options}");
        assert!(options.contains("enable_hashjoin=off"), "{options}");
    }
}
