//! Leases: work exactly one process does at a time (polling getUpdates, draining the
//! scheduled lane under the global rate, the daily maintenance jobs). On PostgreSQL a lease is a session advisory lock
//! held on a connection of its own, outside the pool: when the process dies its connection
//! closes and the lock is free, so another replica takes over within its next try. SQLite
//! is one process per file: the lease is always held.

use super::{Db, StoreError, StoreResult};
use sqlx::Connection;
use sqlx::postgres::PgConnection;

/// The lease of polling getUpdates.
pub const POLLER: i64 = 0x6865_6164_0001;
/// The lease of sending the scheduled lane.
pub const SENDER: i64 = 0x6865_6164_0002;
/// The lease of the daily maintenance jobs (retention, scheduled backups).
pub const MAINTENANCE: i64 = 0x6865_6164_0003;

/// One lease, held or hoped for.
pub struct Lease {
    db: Db,
    key: i64,
    conn: Option<PgConnection>,
    held: bool,
}

impl Lease {
    /// A lease on `key`, not taken yet.
    pub fn new(db: Db, key: i64) -> Self {
        Lease {
            db,
            key,
            conn: None,
            held: false,
        }
    }

    /// True when this process holds the lease now: takes it when it is free, and checks
    /// that a lease taken before is still held (its connection alive).
    pub async fn hold(&mut self) -> bool {
        let Db::Postgres(pg) = &self.db else {
            return true;
        };
        if self.conn.is_none() {
            match pg.detached().await {
                Ok(c) => self.conn = Some(c),
                Err(e) => {
                    tracing::debug!(error = %e, "lease: no connection");
                    return false;
                }
            }
        }
        let Some(conn) = self.conn.as_mut() else {
            return false;
        };
        let result: Result<bool, sqlx::Error> = if self.held {
            sqlx::query_scalar::<_, i32>("select 1")
                .fetch_one(&mut *conn)
                .await
                .map(|_| true)
        } else {
            sqlx::query_scalar::<_, bool>("select pg_try_advisory_lock($1)")
                .bind(self.key)
                .fetch_one(&mut *conn)
                .await
        };
        match result {
            Ok(held) => {
                if held && !self.held {
                    tracing::info!(lease = self.key, "lease taken");
                }
                self.held = held;
                held
            }
            Err(e) => {
                if self.held {
                    tracing::warn!(lease = self.key, error = %e, "lease lost");
                }
                self.held = false;
                self.conn = None;
                false
            }
        }
    }

    /// Gives the lease up (on shutdown), so another replica takes over at once.
    pub async fn release(&mut self) {
        if let Some(conn) = self.conn.take() {
            let _ = conn.close().await;
        }
        self.held = false;
    }
}

impl super::PgDb {
    /// A connection of its own, outside the pool (a lease's).
    pub async fn detached(&self) -> StoreResult<PgConnection> {
        Ok(self
            .pool()
            .acquire()
            .await
            .map_err(|e| StoreError::Unavailable(e.to_string()))?
            .detach())
    }
}
