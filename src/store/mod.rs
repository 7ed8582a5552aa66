//! Persistence. A [`Db`] (SQLite, the embedded default, or PostgreSQL, the scale-out store,
//! picked from the URL scheme) opens transactions; a [`Tx`] carries every operation, so a
//! unit of work (an update, a scheduled job, an API call) reads and writes through one
//! transaction and commits once, or not at all. The SQL is written once (`ops.rs`,
//! `days.rs`, `meds.rs`, `figures.rs`, `questionnaires.rs`, `inbox.rs`, `outbox.rs`) against the small seam in
//! `exec.rs`.

pub mod admin;
mod attacks;
pub mod backup;
mod days;
pub mod exec;
mod figures;
pub mod habits;
pub mod imports;
mod inbox;
pub mod lease;
pub mod links;
mod meds;
pub mod migrate;
pub mod notify;
mod ops;
pub mod outbox;
mod postgres;
mod questionnaires;
pub mod retention;
pub mod schedule;
mod sqlite;

pub use inbox::{InboxOutcome, InboxRow, PendingUpdate};
pub use postgres::PgDb;
pub use sqlite::SqliteDb;

use exec::Exec;
use std::sync::Arc;

/// What transport code can act on; everything else is `Other` with its cause.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A row that should be there is not.
    #[error("not found")]
    NotFound,
    /// A stored value could not be read back.
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// The database cannot take the work now (unreachable, locked, its file gone, not
    /// migrated): the caller waits and tries again; the work is not given up on.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// Anything else.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl StoreError {
    /// True when trying again later may succeed.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_))
    }
}

/// True when an error chain holds a [`StoreError::Unavailable`].
pub fn is_unavailable(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<StoreError>()
            .is_some_and(StoreError::is_unavailable)
    })
}

/// Results of store calls.
pub type StoreResult<T> = Result<T, StoreError>;

/// One open transaction. Every operation of the store is a method of it; dropping it
/// without [`Tx::commit`] rolls everything back.
pub struct Tx {
    exec: tokio::sync::Mutex<Box<dyn Exec>>,
    backend: &'static str,
    schedule_touched: std::sync::atomic::AtomicBool,
}

impl Tx {
    fn new(exec: Box<dyn Exec>, backend: &'static str) -> Self {
        Tx {
            exec: tokio::sync::Mutex::new(exec),
            backend,
            schedule_touched: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Notes that this transaction changed a schedule (the scheduler is woken after commit).
    pub(crate) fn touch_schedule(&self) {
        self.schedule_touched
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// True when this transaction changed a schedule.
    pub fn schedule_touched(&self) -> bool {
        self.schedule_touched
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// Makes everything done in this transaction durable.
    pub async fn commit(self) -> StoreResult<()> {
        self.exec.into_inner().commit().await
    }
}

/// The database: opens transactions, and says whether it can take a write.
#[derive(Clone)]
pub enum Db {
    /// One SQLite file.
    Sqlite(Arc<SqliteDb>),
    /// A PostgreSQL server.
    Postgres(PgDb),
}

impl Db {
    /// Opens the store the URL names and brings its schema up to date.
    pub async fn open(url: &str) -> anyhow::Result<Db> {
        if url.starts_with("sqlite:") {
            Ok(Db::Sqlite(Arc::new(SqliteDb::open(url)?)))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Db::Postgres(PgDb::open(url).await?))
        } else {
            anyhow::bail!("unsupported database URL scheme (use sqlite: or postgres://)")
        }
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Opens a write transaction.
    pub async fn begin(&self) -> StoreResult<Tx> {
        match self {
            Db::Sqlite(db) => db.begin().await,
            Db::Postgres(db) => db.begin().await,
        }
    }

    /// Ok only when a write would succeed now: the database answers, takes its write lock
    /// within a short time, is the file it was opened as, and carries our migrations.
    pub async fn ready(&self) -> StoreResult<()> {
        match self {
            Db::Sqlite(db) => db.ready().await,
            Db::Postgres(db) => db.ready().await,
        }
    }

    /// The store's connections: open, and idle among them (SQLite: its one writer).
    pub fn connections(&self) -> (u32, usize) {
        match self {
            Db::Sqlite(_) => (1, 0),
            Db::Postgres(db) => db.connections(),
        }
    }

    /// Runs `work` in one transaction and commits it.
    pub async fn run<T, F>(&self, work: F) -> StoreResult<T>
    where
        F: AsyncFnOnce(&Tx) -> StoreResult<T>,
    {
        let tx = self.begin().await?;
        let value = work(&tx).await?;
        tx.commit().await?;
        Ok(value)
    }
}
