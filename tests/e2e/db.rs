//! A fresh database per test: a new SQLite file, or a new PostgreSQL database on the
//! server named by HEADLOG_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/test).
//! With CI=true an unreachable PostgreSQL fails the test; elsewhere it is skipped loudly.

use sqlx::Connection;
use std::sync::atomic::{AtomicU32, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{}_{n}_{nanos}", std::process::id())
}

pub fn admin_url() -> String {
    std::env::var("HEADLOG_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A URL to a new, empty database; `None` when PostgreSQL is unreachable outside CI.
pub async fn fresh(backend: Backend) -> Option<String> {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join("headlog-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            Some(format!(
                "sqlite://{}",
                dir.join(format!("t{}.db", unique())).display()
            ))
        }
        Backend::Postgres => {
            let admin = admin_url();
            let mut conn = match sqlx::PgConnection::connect(&admin).await {
                Ok(c) => c,
                Err(e) if std::env::var("CI").as_deref() == Ok("true") => {
                    panic!("CI=true and PostgreSQL at {admin} is unreachable: {e}")
                }
                Err(e) => {
                    eprintln!(
                        "SKIPPED: PostgreSQL at {admin} is unreachable ({e}); set CI=true to make this fail"
                    );
                    return None;
                }
            };
            drop_stale(&mut conn).await;
            let name = format!("headlog_t_{}", unique());
            sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let base = admin
                .rsplit_once('/')
                .map(|(b, _)| b.to_owned())
                .unwrap_or(admin);
            Some(format!("{base}/{name}"))
        }
    }
}

/// Drops test databases left by processes that no longer run.
async fn drop_stale(conn: &mut sqlx::PgConnection) {
    let names: Vec<String> =
        sqlx::query_scalar("select datname from pg_database where datname like 'headlog_t_%'")
            .fetch_all(&mut *conn)
            .await
            .unwrap_or_default();
    for name in names {
        let pid = name
            .trim_start_matches("headlog_t_")
            .split('_')
            .next()
            .unwrap_or("");
        if !pid.is_empty() && !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "drop database if exists {name} with (force)"
            )))
            .execute(&mut *conn)
            .await;
        }
    }
}
