//! Versioned migrations embedded in the binary, one folder per backend. Applied
//! migrations are never edited. PostgreSQL uses sqlx's migrator (it takes an advisory
//! lock, so replicas starting together apply each migration once); SQLite, driven by
//! rusqlite, keeps the same `_sqlx_migrations` table, so files made by earlier versions
//! of headlog open as they are.

use super::exec::query;
use super::{StoreError, StoreResult, Tx};
use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

/// Every migration: version, name, SQLite file, PostgreSQL file.
const MIGRATIONS: &[(i64, &str, &str, &str)] = &[
    (
        1,
        "init",
        include_str!("../../migrations/sqlite/0001_init.sql"),
        include_str!("../../migrations/postgres/0001_init.sql"),
    ),
    (
        2,
        "settings and questionnaire",
        include_str!("../../migrations/sqlite/0002_settings_and_questionnaire.sql"),
        include_str!("../../migrations/postgres/0002_settings_and_questionnaire.sql"),
    ),
    (
        3,
        "outbox",
        include_str!("../../migrations/sqlite/0003_outbox.sql"),
        include_str!("../../migrations/postgres/0003_outbox.sql"),
    ),
    (
        4,
        "day record trash",
        include_str!("../../migrations/sqlite/0004_day_record_trash.sql"),
        include_str!("../../migrations/postgres/0004_day_record_trash.sql"),
    ),
    (
        5,
        "end unknown and dose names",
        include_str!("../../migrations/sqlite/0005_end_unknown_and_dose_names.sql"),
        include_str!("../../migrations/postgres/0005_end_unknown_and_dose_names.sql"),
    ),
    (
        6,
        "reminders",
        include_str!("../../migrations/sqlite/0006_reminders.sql"),
        include_str!("../../migrations/postgres/0006_reminders.sql"),
    ),
    (
        7,
        "questionnaires",
        include_str!("../../migrations/sqlite/0007_questionnaires.sql"),
        include_str!("../../migrations/postgres/0007_questionnaires.sql"),
    ),
    (
        8,
        "doctor links and API tokens",
        include_str!("../../migrations/sqlite/0008_doctor_links.sql"),
        include_str!("../../migrations/postgres/0008_doctor_links.sql"),
    ),
    (
        9,
        "habits",
        include_str!("../../migrations/sqlite/0009_habits.sql"),
        include_str!("../../migrations/postgres/0009_habits.sql"),
    ),
    // 10 was left unused (an import branch that did not land took it).
    (
        11,
        "admin",
        include_str!("../../migrations/sqlite/0011_admin.sql"),
        include_str!("../../migrations/postgres/0011_admin.sql"),
    ),
    (
        12,
        "imports",
        include_str!("../../migrations/sqlite/0012_imports.sql"),
        include_str!("../../migrations/postgres/0012_imports.sql"),
    ),
];

/// The newest schema version this build knows.
pub const LATEST: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Applies the missing SQLite migrations, each in its own transaction.
pub fn sqlite(conn: &rusqlite::Connection) -> anyhow::Result<()> {
    conn.execute_batch(
        "create table if not exists _sqlx_migrations (version bigint primary key, \
         description text not null, installed_on timestamp not null default current_timestamp, \
         success boolean not null, checksum blob not null, execution_time bigint not null)",
    )?;
    let applied: i64 = conn.query_row(
        "select coalesce(max(version), 0) from _sqlx_migrations where success",
        [],
        |r| r.get(0),
    )?;
    if applied > LATEST {
        anyhow::bail!(
            "the database has schema version {applied}, newer than this build of headlog knows ({LATEST}): run a newer headlog"
        );
    }
    for (version, name, sql, _) in MIGRATIONS.iter().filter(|m| m.0 > applied) {
        let started = std::time::Instant::now();
        conn.execute_batch(&format!("begin immediate;\n{sql}"))
            .and_then(|()| {
                conn.execute(
                    "insert into _sqlx_migrations (version, description, success, checksum, execution_time) \
                     values (?1, ?2, 1, x'', ?3)",
                    rusqlite::params![version, name, started.elapsed().as_nanos() as i64],
                )
            })
            .and_then(|_| conn.execute_batch("commit"))
            .inspect_err(|_| {
                let _ = conn.execute_batch("rollback");
            })
            .map_err(|e| anyhow::anyhow!("migration {version} ({name}): {e}"))?;
    }
    Ok(())
}

/// The PostgreSQL migrations.
pub fn postgres() -> Migrator {
    Migrator::with_migrations(
        MIGRATIONS
            .iter()
            .map(|(version, name, _, sql)| {
                Migration::new(
                    *version,
                    (*name).into(),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}

impl Tx {
    /// Fails (as unavailable) unless the database carries every migration of this build.
    pub async fn schema_is_current(&self) -> StoreResult<()> {
        let version = query("select coalesce(max(version), 0) from _sqlx_migrations where success")
            .fetch_scalar::<i64>(self)
            .await?
            .unwrap_or(0);
        if version < LATEST {
            return Err(StoreError::Unavailable(format!(
                "schema version {version}, this build needs {LATEST}"
            )));
        }
        Ok(())
    }
}
