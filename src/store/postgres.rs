//! PostgreSQL, the scale-out store: several replicas share it; it carries the inbox,
//! the locks and the state, so no other service is needed.

use anyhow::Context;
use sqlx::postgres::PgPoolOptions;
use sqlx::{PgPool, Postgres};
use std::time::Duration;

/// The PostgreSQL store.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects and migrates (sqlx takes an advisory lock, so replicas starting together
    /// apply each migration once).
    pub async fn open(url: &str) -> anyhow::Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            // No ping round trip before each query; a broken connection fails its query and
            // the update is retried.
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await
            .context("connecting to PostgreSQL")?;
        super::migrate::postgres()
            .run(&pool)
            .await
            .context("migrating the PostgreSQL database")?;
        Ok(PgStore { pool })
    }
}

super::sql::impl_store!(PgStore, Postgres, "postgres");
super::days::impl_day_store!(PgStore, Postgres);
super::meds::impl_med_store!(PgStore, Postgres);
