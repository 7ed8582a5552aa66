//! Backups and restores (`headlog backup`, `headlog restore`, the scheduled backup).
//!
//! SQLite: `VACUUM INTO` writes a consistent, compact copy while the bot runs (it reads
//! one snapshot; WAL lets the bot write meanwhile). Every file is written beside its
//! final name, flushed to disk and renamed, so a half-written copy never carries a
//! backup's name. A restore checks the copy (`PRAGMA integrity_check`, headlog's
//! migrations there and not newer than this build), refuses while a process has the
//! database open (its lock is tested), removes the old write-ahead log (it would be
//! replayed into the new file) and renames the copy into place: stop the bot first.
//!
//! PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists`, run with
//! the configured URL when the tools are installed (its password goes in `PGPASSWORD`, not
//! on the command line); without them the error names the command to run by hand.

use super::migrate::LATEST;
use anyhow::{Context, bail};
use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::OpenFlags;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The documented PostgreSQL backup, for when `pg_dump` is not installed.
pub const PG_DUMP_HINT: &str =
    "pg_dump --format=custom --no-owner --file headlog.dump \"$HEADLOG_DATABASE_URL\"";
/// The documented PostgreSQL restore, for when `pg_restore` is not installed.
pub const PG_RESTORE_HINT: &str = "pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error --dbname \"$HEADLOG_DATABASE_URL\" headlog.dump";

/// What a database URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL database (its URL).
    Postgres(String),
}

impl Target {
    /// The store `url` names; an in-memory SQLite database has nothing to back up.
    pub fn of(url: &str) -> anyhow::Result<Target> {
        if url.starts_with("sqlite:") {
            match super::sqlite::path_of(url)? {
                Some(p) => Ok(Target::Sqlite(p)),
                None => bail!("an in-memory SQLite database cannot be backed up or restored"),
            }
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Target::Postgres(url.to_owned()))
        } else {
            bail!("unsupported database URL scheme (use sqlite: or postgres://)")
        }
    }
}

/// `headlog backup --out FILE`: a consistent copy of the store at `url` in `out`.
pub fn backup(url: &str, out: &Path) -> anyhow::Result<()> {
    if out.exists() {
        bail!("{} exists already: name a new file", out.display());
    }
    match Target::of(url)? {
        Target::Sqlite(db) => sqlite_backup(&db, out),
        Target::Postgres(url) => pg_dump(&url, out),
    }
}

/// `headlog restore --from FILE`: the store at `url` becomes the backup in `from`.
pub fn restore(url: &str, from: &Path) -> anyhow::Result<()> {
    if !from.is_file() {
        bail!("{} is not a file", from.display());
    }
    match Target::of(url)? {
        Target::Sqlite(db) => sqlite_restore(from, &db),
        Target::Postgres(url) => pg_restore(&url, from),
    }
}

/// `name.partial` beside `path`: where a file is written before it is renamed.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(suffix);
    path.with_file_name(name)
}

/// Flushes `file` and renames it to `to`, then flushes the directory (the rename itself).
fn commit_file(file: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::File::open(file)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("flushing {}", file.display()))?;
    std::fs::rename(file, to)
        .with_context(|| format!("renaming {} to {}", file.display(), to.display()))?;
    let dir = to
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("flushing the directory {}", dir.display()))?;
    Ok(())
}

fn utf8(path: &Path) -> anyhow::Result<&str> {
    path.to_str()
        .with_context(|| format!("{} is not valid UTF-8", path.display()))
}

/// `VACUUM INTO` from the database file `db` to `out` (written beside, then renamed).
pub fn sqlite_backup(db: &Path, out: &Path) -> anyhow::Result<()> {
    if !db.is_file() {
        bail!(
            "there is no database file at {} (check HEADLOG_DATABASE_URL)",
            db.display()
        );
    }
    let partial = beside(out, ".partial");
    let _ = std::fs::remove_file(&partial);
    let conn = rusqlite::Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .with_context(|| format!("opening {}", db.display()))?;
    // The bot's writes are short; a backup waits for one to finish, not for ever.
    conn.busy_timeout(Duration::from_secs(10))?;
    let written = conn
        .execute("vacuum into ?1", [utf8(&partial)?])
        .with_context(|| format!("writing the backup {}", partial.display()));
    drop(conn);
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    commit_file(&partial, out)
}

/// Checks that `file` is a sound headlog database this build can open; its schema version.
pub fn verify_sqlite(file: &Path) -> anyhow::Result<i64> {
    verify_sqlite_as(file, file)
}

/// [`verify_sqlite`] of `file`, named `shown` in errors (a copy is checked for the original).
fn verify_sqlite_as(file: &Path, shown: &Path) -> anyhow::Result<i64> {
    let conn = rusqlite::Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("opening {}", shown.display()))?;
    let check: String = conn
        .query_row("pragma integrity_check", [], |r| r.get(0))
        .with_context(|| format!("{} is not a SQLite database", shown.display()))?;
    if check != "ok" {
        bail!(
            "{} fails SQLite's integrity check: {check}",
            shown.display()
        );
    }
    let has_migrations: bool = conn.query_row(
        "select count(*) > 0 from sqlite_master where type = 'table' and name = '_sqlx_migrations'",
        [],
        |r| r.get(0),
    )?;
    if !has_migrations {
        bail!(
            "{} is not a headlog database (it has no migrations table)",
            shown.display()
        );
    }
    let version: i64 = conn.query_row(
        "select coalesce(max(version), 0) from _sqlx_migrations where success",
        [],
        |r| r.get(0),
    )?;
    if version > LATEST {
        bail!(
            "{} has schema version {version}, newer than this build of headlog knows ({LATEST}): restore it with a newer headlog",
            shown.display()
        );
    }
    if version == 0 {
        bail!(
            "{} is not a headlog database (no migration applied)",
            shown.display()
        );
    }
    Ok(version)
}

/// True when another connection has the database file open (the bot's holds a lock on
/// it for as long as it runs, in WAL mode even when idle).
pub fn sqlite_in_use(db: &Path) -> anyhow::Result<bool> {
    let conn = rusqlite::Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .with_context(|| format!("opening {}", db.display()))?;
    conn.busy_timeout(Duration::from_millis(200))?;
    conn.execute_batch("pragma locking_mode = exclusive")?;
    match conn.execute_batch("begin exclusive") {
        Ok(()) => {
            conn.execute_batch("rollback")?;
            Ok(false)
        }
        Err(rusqlite::Error::SqliteFailure(f, _))
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) =>
        {
            Ok(true)
        }
        // A damaged file (the reason for many a restore) cannot be open as a database.
        Err(rusqlite::Error::SqliteFailure(f, _))
            if matches!(
                f.code,
                rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
            ) =>
        {
            Ok(false)
        }
        Err(e) => Err(e).with_context(|| format!("locking {}", db.display())),
    }
}

/// Replaces the database file `db` with the backup `from` (see the module's text).
pub fn sqlite_restore(from: &Path, db: &Path) -> anyhow::Result<()> {
    let refuse_in_use = || -> anyhow::Result<()> {
        if db.exists() && sqlite_in_use(db)? {
            bail!(
                "{} is in use (is headlog running?): stop every process using it, then restore",
                db.display()
            );
        }
        Ok(())
    };
    refuse_in_use()?;
    let copy = beside(db, ".restoring");
    let _ = std::fs::remove_file(&copy);
    std::fs::copy(from, &copy)
        .with_context(|| format!("copying {} to {}", from.display(), copy.display()))?;
    if let Err(e) = verify_sqlite_as(&copy, from) {
        let _ = std::fs::remove_file(&copy);
        return Err(e.context("nothing was restored"));
    }
    refuse_in_use()?;
    // The old file's write-ahead log would be replayed into the new one: gone first.
    for suffix in ["-wal", "-shm"] {
        let side = beside(db, suffix);
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("removing {}", side.display())),
        }
    }
    commit_file(&copy, db)
}

/// A PostgreSQL client tool: on `PATH`, else in Debian's `/usr/lib/postgresql/<v>/bin`
/// (the newest version, which reads the dumps of older servers).
pub fn pg_tool(name: &str) -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    on_path.or_else(|| {
        let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let version = e.file_name().to_str()?.parse().ok()?;
                let tool = e.path().join("bin").join(name);
                tool.is_file().then_some((version, tool))
            })
            .collect();
        found.sort();
        found.pop().map(|(_, p)| p)
    })
}

/// `tool` with the connection of `url`: the URL without its password, which goes in
/// `PGPASSWORD` (an argument would show in the process list).
fn pg_command(tool: &str, url: &str, hint: &str) -> anyhow::Result<std::process::Command> {
    let Some(path) = pg_tool(tool) else {
        bail!(
            "{tool} is not installed (Debian: apt-get install postgresql-client); run it by hand: {hint}"
        );
    };
    let mut parsed = url::Url::parse(url).context("reading the PostgreSQL URL")?;
    let mut cmd = std::process::Command::new(path);
    if let Some(password) = parsed.password().map(percent_decode) {
        cmd.env("PGPASSWORD", password);
        let _ = parsed.set_password(None);
    }
    // libpq reads postgres:// and postgresql:// alike.
    cmd.arg("--dbname").arg(parsed.as_str());
    Ok(cmd)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn run(mut cmd: std::process::Command, what: &str) -> anyhow::Result<()> {
    let out = cmd
        .stdin(std::process::Stdio::null())
        .output()
        .with_context(|| format!("starting {what}"))?;
    if !out.status.success() {
        bail!(
            "{what} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// `pg_dump --format=custom` of `url` into `out` (written beside, then renamed).
pub fn pg_dump(url: &str, out: &Path) -> anyhow::Result<()> {
    let partial = beside(out, ".partial");
    let mut cmd = pg_command("pg_dump", url, PG_DUMP_HINT)?;
    cmd.args(["--format=custom", "--no-owner", "--no-privileges", "--file"])
        .arg(&partial);
    if let Err(e) = run(cmd, "pg_dump") {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    commit_file(&partial, out)
}

/// `pg_restore --clean --if-exists` of `from` into `url`, in one transaction.
pub fn pg_restore(url: &str, from: &Path) -> anyhow::Result<()> {
    let mut cmd = pg_command("pg_restore", url, PG_RESTORE_HINT)?;
    cmd.args([
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
    ])
    .arg(from);
    run(cmd, "pg_restore")
}

/// The scheduled backups' names: `headlog-YYYYMMDD-HHMMSS.db` (UTC), sorted by time.
const NAME_FORMAT: &str = "headlog-%Y%m%d-%H%M%S.db";

/// The name of a scheduled backup taken at `at`.
pub fn scheduled_name(at: DateTime<Utc>) -> String {
    at.format(NAME_FORMAT).to_string()
}

/// When the scheduled backup named `name` was taken; `None` for any other file.
pub fn scheduled_time(name: &str) -> Option<DateTime<Utc>> {
    if name.len() != "headlog-20260101-000000.db".len() {
        return None;
    }
    NaiveDateTime::parse_from_str(name, NAME_FORMAT)
        .ok()
        .map(|t| t.and_utc())
}

/// The scheduled backups in `dir`, oldest first.
pub fn scheduled_backups(dir: &Path) -> std::io::Result<Vec<(DateTime<Utc>, PathBuf)>> {
    let mut found: Vec<(DateTime<Utc>, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((scheduled_time(e.file_name().to_str()?)?, e.path())))
        .collect();
    found.sort();
    Ok(found)
}

/// When the next scheduled backup is due: `every` after the newest, or now when there is
/// none or it is overdue (so a restart neither skips a day nor takes an extra one).
pub fn next_due(
    newest: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    every: Duration,
) -> DateTime<Utc> {
    let every = chrono::Duration::from_std(every).unwrap_or(chrono::Duration::days(1));
    newest
        .map(|n| n + every)
        .filter(|due| *due > now)
        .unwrap_or(now)
}

/// Takes one scheduled backup of `db` into `dir` and deletes the oldest beyond `keep`;
/// the new file's path.
pub fn scheduled_backup(
    db: &Path,
    dir: &Path,
    keep: usize,
    now: DateTime<Utc>,
) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let out = dir.join(scheduled_name(now));
    if !out.exists() {
        sqlite_backup(db, &out)?;
    }
    let all = scheduled_backups(dir).with_context(|| format!("listing {}", dir.display()))?;
    let extra = all.len().saturating_sub(keep.max(1));
    for (_, old) in &all[..extra] {
        std::fs::remove_file(old).with_context(|| format!("removing {}", old.display()))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn scheduled_names_sort_by_time_and_other_files_are_not_backups() {
        let at = Utc.with_ymd_and_hms(2026, 3, 10, 9, 5, 7).unwrap();
        assert_eq!(scheduled_name(at), "headlog-20260310-090507.db");
        assert_eq!(scheduled_time("headlog-20260310-090507.db"), Some(at));
        for other in [
            "headlog-20260310-090507.db.partial",
            "headlog.db",
            "headlog-2026031-090507.db",
            "notes.txt",
        ] {
            assert_eq!(scheduled_time(other), None, "{other}");
        }
    }

    #[test]
    fn the_next_backup_is_a_period_after_the_newest_or_now() {
        let now = Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).unwrap();
        let day = Duration::from_secs(86_400);
        assert_eq!(next_due(None, now, day), now);
        let newest = now - chrono::Duration::hours(3);
        assert_eq!(
            next_due(Some(newest), now, day),
            newest + chrono::Duration::days(1)
        );
        let old = now - chrono::Duration::days(2);
        assert_eq!(next_due(Some(old), now, day), now, "overdue: now");
    }

    #[test]
    fn a_password_in_the_url_is_decoded() {
        assert_eq!(percent_decode("p%40ss%2Fw"), "p@ss/w");
        assert_eq!(percent_decode("plain%"), "plain%");
    }
}
