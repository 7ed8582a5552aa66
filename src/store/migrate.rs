//! Versioned migrations embedded in the binary, one folder per backend, applied with
//! sqlx's migrator (which takes an advisory lock on PostgreSQL, so replicas starting
//! together apply each migration once). Applied migrations are never edited.

use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

/// The SQLite migrations.
pub fn sqlite() -> Migrator {
    migrator(&[
        (
            1,
            "init",
            include_str!("../../migrations/sqlite/0001_init.sql"),
        ),
        (
            2,
            "settings and questionnaire",
            include_str!("../../migrations/sqlite/0002_settings_and_questionnaire.sql"),
        ),
    ])
}

/// The PostgreSQL migrations.
pub fn postgres() -> Migrator {
    migrator(&[
        (
            1,
            "init",
            include_str!("../../migrations/postgres/0001_init.sql"),
        ),
        (
            2,
            "settings and questionnaire",
            include_str!("../../migrations/postgres/0002_settings_and_questionnaire.sql"),
        ),
    ])
}

fn migrator(files: &[(i64, &'static str, &'static str)]) -> Migrator {
    Migrator::with_migrations(
        files
            .iter()
            .map(|(version, name, sql)| {
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
