//! SQLite, the embedded default: one file, WAL journal, `synchronous = NORMAL`, one writer
//! connection driven by rusqlite on the caller's thread.
//!
//! Why rusqlite and one connection: each statement takes microseconds in WAL mode, so the
//! cost that matters is getting to it. sqlx runs every SQLite connection on a worker thread
//! of its own and each statement is a round trip there; that hand-off was most of headlog's
//! CPU (see the benchmark). Here a unit of work takes the connection (an async mutex, so
//! waiting costs no thread), runs `begin immediate`, its statements (cached), and `commit`,
//! all synchronously. One writer is all SQLite allows anyway.
//!
//! Durability: with WAL and NORMAL, a committed transaction survives a crash of headlog
//! itself; after a power cut or OS crash the last few commits may be rolled back (the
//! database stays consistent). The inbox row of an update is committed before Telegram is
//! told the update was received, so a crash of the process loses nothing.
//!
//! Faults: a lock held by another process is waited for briefly ([`BUSY_TIMEOUT`]), then
//! reported as unavailable, and the work is retried later. The file is checked before
//! every transaction: when it was deleted or replaced under the running process, nothing is
//! written (into an unlinked inode, silently lost) and readiness fails loudly.

use super::exec::{Columns, Exec, Row, Value};
use super::{StoreError, StoreResult, Tx};
use anyhow::Context;
use async_trait::async_trait;
use rusqlite::types::ValueRef;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

/// How long a statement waits for a lock another process holds (the thread is blocked
/// meanwhile, so this stays short; the unit of work retries after it).
pub const BUSY_TIMEOUT: Duration = Duration::from_millis(250);

/// The SQLite database.
pub struct SqliteDb {
    conn: Arc<Mutex<rusqlite::Connection>>,
    /// The file and its identity when opened (`None` for an in-memory database).
    file: Option<(PathBuf, FileId)>,
}

/// Device and inode: a replaced file has another.
type FileId = (u64, u64);

fn file_id(path: &std::path::Path) -> std::io::Result<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path)?;
        Ok((m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(path).map(|_| (0, 0))
    }
}

/// The file an `sqlite:` URL names (`None` for `sqlite::memory:`).
pub(crate) fn path_of(url: &str) -> anyhow::Result<Option<PathBuf>> {
    let rest = url.trim_start_matches("sqlite:");
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or("");
    if path == ":memory:" {
        return Ok(None);
    }
    if path.is_empty() {
        anyhow::bail!(
            "the SQLite URL {url:?} names no file: write sqlite:headlog.db or sqlite:///var/lib/headlog/headlog.db"
        );
    }
    Ok(Some(PathBuf::from(path)))
}

impl SqliteDb {
    /// Opens (creating if missing, and saying so) the database file and migrates it.
    pub fn open(url: &str) -> anyhow::Result<Self> {
        let path = path_of(url)?;
        let conn = match &path {
            Some(p) => {
                if !p.exists() {
                    tracing::warn!(
                        path = %p.display(),
                        "no database file here: creating a new, empty one (if you had a diary, \
                         check HEADLOG_DATABASE_URL and the working directory)"
                    );
                }
                rusqlite::Connection::open(p)
                    .with_context(|| format!("opening the SQLite database {}", p.display()))?
            }
            None => rusqlite::Connection::open_in_memory().context("opening in-memory SQLite")?,
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.set_prepared_statement_cache_capacity(128);
        conn.execute_batch(
            "pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = on;",
        )
        .context("setting up the SQLite database")?;
        super::migrate::sqlite(&conn).context("migrating the SQLite database")?;
        let file = match path {
            Some(p) => {
                let id = file_id(&p).with_context(|| format!("reading {}", p.display()))?;
                Some((p, id))
            }
            None => None,
        };
        Ok(SqliteDb {
            conn: Arc::new(Mutex::new(conn)),
            file,
        })
    }

    /// The database file (`None` in memory).
    pub fn path(&self) -> Option<PathBuf> {
        self.file.as_ref().map(|(p, _)| p.clone())
    }

    /// Fails when the file this database was opened as is gone or replaced.
    fn check_file(&self) -> StoreResult<()> {
        let Some((path, id)) = &self.file else {
            return Ok(());
        };
        match file_id(path) {
            Ok(now) if now == *id => Ok(()),
            Ok(_) => Err(StoreError::Unavailable(format!(
                "the database file {} was replaced under the running process",
                path.display()
            ))),
            Err(_) => Err(StoreError::Unavailable(format!(
                "the database file {} was deleted under the running process",
                path.display()
            ))),
        }
    }

    /// Opens a write transaction (`begin immediate`: the write lock is taken now, so a
    /// locked database fails here, before any work is done).
    pub async fn begin(&self) -> StoreResult<Tx> {
        self.check_file()?;
        let guard = self.conn.clone().lock_owned().await;
        guard.execute_batch("begin immediate").map_err(classify)?;
        Ok(Tx::new(
            Box::new(SqliteTx {
                conn: guard,
                open: true,
            }),
            "sqlite",
        ))
    }

    /// A write would succeed now.
    pub async fn ready(&self) -> StoreResult<()> {
        let tx = self.begin().await?;
        tx.schema_is_current().await?;
        drop(tx);
        Ok(())
    }
}

/// Maps rusqlite's errors: locks, I/O and a missing file are "unavailable", worth waiting for.
fn classify(e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode as C;
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                C::DatabaseBusy
                    | C::DatabaseLocked
                    | C::SystemIoFailure
                    | C::CannotOpen
                    | C::DiskFull
                    | C::ReadOnly
                    | C::NotADatabase
                    | C::OutOfMemory
                    | C::FileLockingProtocolFailed
            ) =>
        {
            StoreError::Unavailable(e.to_string())
        }
        rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound,
        _ => StoreError::Other(e.into()),
    }
}

/// A transaction on the one connection; rolled back when dropped uncommitted.
/// `$n` placeholders written as `?n` (the SQL holds no `$` in its literals).
fn numbered(sql: &str) -> std::borrow::Cow<'_, str> {
    if !sql.contains('$') {
        return std::borrow::Cow::Borrowed(sql);
    }
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('?');
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

struct SqliteTx {
    conn: OwnedMutexGuard<rusqlite::Connection>,
    open: bool,
}

impl SqliteTx {
    /// Prepares (cached) and binds `$n` placeholders by their number, wherever they stand.
    /// SQLite reads `$1` as a name (looked up one by one, slow for a statement with many
    /// rows of values) but `?1` as the number itself: the SQL is read with `?n`.
    fn prepare<'c>(
        conn: &'c rusqlite::Connection,
        sql: &str,
        args: &[Value],
    ) -> StoreResult<rusqlite::CachedStatement<'c>> {
        let sql = numbered(sql);
        let mut stmt = conn.prepare_cached(&sql).map_err(classify)?;
        for index in 1..=stmt.parameter_count() {
            let arg = args
                .get(index - 1)
                .ok_or_else(|| StoreError::Other(anyhow::anyhow!("unbound parameter ${index}")))?;
            let bound = match arg {
                Value::Int(v) => stmt.raw_bind_parameter(index, v),
                Value::Text(v) => stmt.raw_bind_parameter(index, v),
                Value::Bool(v) => stmt.raw_bind_parameter(index, v),
                Value::Bytes(v) => stmt.raw_bind_parameter(index, v),
            };
            bound.map_err(classify)?;
        }
        Ok(stmt)
    }
}

#[async_trait]
impl Exec for SqliteTx {
    async fn execute(&mut self, sql: &str, args: &[Value]) -> StoreResult<u64> {
        let mut stmt = Self::prepare(&self.conn, sql, args)?;
        let changed = stmt.raw_execute().map_err(classify)?;
        Ok(changed as u64)
    }

    async fn fetch(&mut self, sql: &str, args: &[Value]) -> StoreResult<Vec<Row>> {
        let mut stmt = Self::prepare(&self.conn, sql, args)?;
        let columns: Columns = stmt
            .column_names()
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
            .into();
        let width = columns.len();
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(classify)? {
            let mut values = Vec::with_capacity(width);
            for i in 0..width {
                values.push(match row.get_ref(i).map_err(classify)? {
                    ValueRef::Null => Value::Int(None),
                    ValueRef::Integer(v) => Value::Int(Some(v)),
                    ValueRef::Real(v) => Value::Int(Some(v as i64)),
                    ValueRef::Text(t) => Value::Text(Some(String::from_utf8_lossy(t).into_owned())),
                    ValueRef::Blob(b) => Value::Bytes(Some(b.to_vec())),
                });
            }
            out.push(Row::new(columns.clone(), values));
        }
        Ok(out)
    }

    async fn commit(mut self: Box<Self>) -> StoreResult<()> {
        self.conn.execute_batch("commit").map_err(classify)?;
        self.open = false;
        Ok(())
    }
}

impl Drop for SqliteTx {
    fn drop(&mut self) {
        if self.open
            && let Err(e) = self.conn.execute_batch("rollback")
        {
            tracing::warn!(error = %e, "rollback failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_without_a_path_is_refused_with_the_reason() {
        let e = path_of("sqlite:").unwrap_err().to_string();
        assert!(e.contains("names no file"), "{e}");
        assert_eq!(path_of("sqlite::memory:").unwrap(), None);
        assert_eq!(
            path_of("sqlite:///var/x.db?mode=rwc").unwrap(),
            Some(PathBuf::from("/var/x.db"))
        );
        assert_eq!(path_of("sqlite:x.db").unwrap(), Some(PathBuf::from("x.db")));
    }
}
