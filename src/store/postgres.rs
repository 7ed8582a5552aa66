//! PostgreSQL, the scale-out store: several replicas share it; it carries the inbox, the
//! outbox, the locks and the state, so no other service is needed. Each unit of work is
//! one transaction on one pooled connection (no ping before use: a broken connection fails
//! its statement, which is reported as unavailable and the work retried).

use super::exec::{Columns, Exec, Row, Value};
use super::{StoreError, StoreResult, Tx};
use anyhow::Context;
use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgRow};
use sqlx::{Column, PgPool, Postgres, Row as _, TypeInfo};
use std::str::FromStr;
use std::time::Duration;

/// The PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgDb {
    pool: PgPool,
}

impl PgDb {
    /// Connections of the pool: open, and idle among them.
    pub fn connections(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    /// Connects and migrates (sqlx takes an advisory lock, so replicas starting together
    /// apply each migration once). A failure names the server and the reason.
    pub async fn open(url: &str) -> anyhow::Result<Self> {
        let options = PgConnectOptions::from_str(url).context("reading the PostgreSQL URL")?;
        let target = format!(
            "{}:{}/{}",
            options.get_host(),
            options.get_port(),
            options.get_database().unwrap_or("postgres")
        );
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(5))
            .connect_lazy_with(options.clone());
        // One direct connection first: its error says why (refused, unknown host, auth),
        // where the pool would only say it timed out.
        let first = sqlx::ConnectOptions::connect(&options).await;
        if let Err(e) = first {
            anyhow::bail!("cannot connect to PostgreSQL at {target}: {e}");
        }
        super::migrate::postgres()
            .run(&pool)
            .await
            .with_context(|| format!("migrating the PostgreSQL database at {target}"))?;
        Ok(PgDb { pool })
    }

    /// The pool.
    pub(super) fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Opens a transaction on a pooled connection.
    pub async fn begin(&self) -> StoreResult<Tx> {
        let tx = self.pool.begin().await.map_err(classify)?;
        Ok(Tx::new(Box::new(PgTx { tx }), "postgres"))
    }

    /// A write would succeed now: the server answers within a second, is not read-only,
    /// and carries our migrations.
    pub async fn ready(&self) -> StoreResult<()> {
        let check = async {
            let tx = self.begin().await?;
            tx.schema_is_current().await?;
            let read_only = super::exec::query("show transaction_read_only")
                .fetch_scalar::<String>(&tx)
                .await?;
            if read_only.as_deref() == Some("on") {
                return Err(StoreError::Unavailable("the server is read-only".into()));
            }
            Ok(())
        };
        tokio::time::timeout(Duration::from_secs(1), check)
            .await
            .unwrap_or_else(|_| Err(StoreError::Unavailable("no answer within 1 s".into())))
    }
}

/// Maps sqlx's errors: connection trouble, an overloaded or restarting server and a
/// missing schema are "unavailable", worth waiting for.
pub(super) fn classify(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => StoreError::Unavailable(e.to_string()),
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            // 08: connection exception; 53: insufficient resources; 57: operator
            // intervention (shutdown); 40: serialization failure or deadlock; 42P01: a
            // table is missing (a database without our migrations); 25006: read-only.
            if ["08", "53", "57", "40"].iter().any(|c| code.starts_with(c))
                || code == "42P01"
                || code == "25006"
            {
                StoreError::Unavailable(e.to_string())
            } else {
                StoreError::Other(e.into())
            }
        }
        _ => StoreError::Other(e.into()),
    }
}

struct PgTx {
    tx: sqlx::Transaction<'static, Postgres>,
}

fn bind<'q>(
    mut q: sqlx::query::Query<'q, Postgres, sqlx::postgres::PgArguments>,
    args: &[Value],
) -> sqlx::query::Query<'q, Postgres, sqlx::postgres::PgArguments> {
    for a in args {
        q = match a.clone() {
            Value::Int(v) => q.bind(v),
            Value::Text(v) => q.bind(v),
            Value::Bool(v) => q.bind(v),
            Value::Bytes(v) => q.bind(v),
        };
    }
    q
}

fn value_of(row: &PgRow, i: usize) -> StoreResult<Value> {
    let name = row.column(i).type_info().name().to_owned();
    let get = |e: sqlx::Error| StoreError::Corrupt(format!("column {i}: {e}"));
    Ok(match name.as_str() {
        "INT8" => Value::Int(row.try_get::<Option<i64>, _>(i).map_err(get)?),
        "INT4" => Value::Int(
            row.try_get::<Option<i32>, _>(i)
                .map_err(get)?
                .map(i64::from),
        ),
        "INT2" => Value::Int(
            row.try_get::<Option<i16>, _>(i)
                .map_err(get)?
                .map(i64::from),
        ),
        "BOOL" => Value::Bool(row.try_get::<Option<bool>, _>(i).map_err(get)?),
        "BYTEA" => Value::Bytes(row.try_get::<Option<Vec<u8>>, _>(i).map_err(get)?),
        "TEXT" | "VARCHAR" | "NAME" | "BPCHAR" => {
            Value::Text(row.try_get::<Option<String>, _>(i).map_err(get)?)
        }
        other => {
            return Err(StoreError::Corrupt(format!(
                "unsupported column type {other}"
            )));
        }
    })
}

#[async_trait]
impl Exec for PgTx {
    async fn execute(&mut self, sql: &str, args: &[Value]) -> StoreResult<u64> {
        let q = bind(sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())), args);
        let done = q.execute(&mut *self.tx).await.map_err(classify)?;
        Ok(done.rows_affected())
    }

    async fn fetch(&mut self, sql: &str, args: &[Value]) -> StoreResult<Vec<Row>> {
        let q = bind(sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())), args);
        let rows = q.fetch_all(&mut *self.tx).await.map_err(classify)?;
        let Some(first) = rows.first() else {
            return Ok(Vec::new());
        };
        let columns: Columns = first
            .columns()
            .iter()
            .map(|c| c.name().to_owned())
            .collect::<Vec<_>>()
            .into();
        rows.iter()
            .map(|r| {
                let values = (0..columns.len())
                    .map(|i| value_of(r, i))
                    .collect::<StoreResult<Vec<_>>>()?;
                Ok(Row::new(columns.clone(), values))
            })
            .collect()
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        self.tx.commit().await.map_err(classify)
    }
}
