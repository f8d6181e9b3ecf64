//! Transactions: a write begins at its database's gate (`gate.rs`) and
//! holds it to its end; a snapshot read holds none.

use crate::dialect::{Dialect, backend};
use rebound_store::StoreError;
use sqlx::{Database, Pool};

/// A transaction, holding its database's write gate (`gate.rs`) from its
/// `BEGIN` to its end when it writes on SQLite.
pub struct Tx<D: Database> {
    inner: sqlx::Transaction<'static, D>,
    _gate: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl<D: Database> std::ops::Deref for Tx<D> {
    type Target = D::Connection;
    fn deref(&self) -> &D::Connection {
        &self.inner
    }
}

impl<D: Database> std::ops::DerefMut for Tx<D> {
    fn deref_mut(&mut self) -> &mut D::Connection {
        &mut self.inner
    }
}

impl<D: Database> Tx<D> {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        sqlx::Transaction::commit(self.inner).await
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.inner.rollback().await
    }
}

/// The database's write gate, taken (SQLite), or nothing (PostgreSQL).
pub(crate) async fn gate<D: Dialect>(pool: &Pool<D>) -> Option<tokio::sync::OwnedMutexGuard<()>> {
    match D::write_gate(pool) {
        Some(g) => Some(g.lock_owned().await),
        None => None,
    }
}

pub(crate) async fn begin_write<D: Dialect>(pool: &Pool<D>) -> Result<Tx<D>, StoreError> {
    let gate = gate(pool).await;
    let inner = pool.begin_with(D::BEGIN_WRITE).await.map_err(backend)?;
    Ok(Tx { inner, _gate: gate })
}

pub(crate) async fn begin_read<D: Dialect>(pool: &Pool<D>) -> Result<Tx<D>, StoreError> {
    let inner = pool.begin_with(D::BEGIN_READ).await.map_err(backend)?;
    Ok(Tx { inner, _gate: None })
}
