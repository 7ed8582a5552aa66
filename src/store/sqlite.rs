//! SQLite, the embedded default: one file, WAL journal, `synchronous = NORMAL`.
//!
//! Durability: with WAL and NORMAL, a committed transaction survives a crash of headlog
//! itself; after a power cut or OS crash the last few commits may be rolled back (the
//! database stays consistent). The inbox row of an update is committed before Telegram is
//! told the update was received, so a crash of the process loses nothing.

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

/// The SQLite store.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if missing) the database file and migrates it.
    pub async fn open(url: &str) -> anyhow::Result<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .context("reading the SQLite URL")?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            // No ping before each query: every call to a connection is a hop to its thread
            // and back, and those hops are most of headlog's CPU (see the benchmark).
            .test_before_acquire(false)
            .min_connections(1)
            .connect_with(options)
            .await
            .context("opening the SQLite database")?;
        super::migrate::sqlite()
            .run(&pool)
            .await
            .context("migrating the SQLite database")?;
        Ok(SqliteStore { pool })
    }
}

super::sql::impl_store!(SqliteStore, Sqlite, "sqlite");
super::days::impl_day_store!(SqliteStore, Sqlite);
super::meds::impl_med_store!(SqliteStore, Sqlite);
