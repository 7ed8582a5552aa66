//! The one seam between headlog's SQL and a database driver: typed values, owned rows, and
//! an [`Exec`] that runs a statement inside an open transaction. SQLite implements it on
//! rusqlite (synchronous calls on the caller's thread, no hop), PostgreSQL on sqlx (one
//! pooled connection per transaction). Every query of the store is written once, against
//! this seam, with `$n` placeholders both databases accept.

use super::{StoreError, StoreResult};
use async_trait::async_trait;
use std::borrow::Cow;
use std::sync::Arc;

/// A value bound to a placeholder or read from a column. Nulls carry their type, because
/// PostgreSQL needs one for every parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An integer (booleans are integers in SQLite and read back as such).
    Int(Option<i64>),
    /// Text.
    Text(Option<String>),
    /// A boolean.
    Bool(Option<bool>),
    /// Bytes (a document in the outbox).
    Bytes(Option<Vec<u8>>),
}

macro_rules! value_from {
    ($variant:ident: $($t:ty => $conv:expr),+ $(,)?) => {
        $(
            impl From<$t> for Value {
                fn from(v: $t) -> Self {
                    let f: fn($t) -> _ = $conv;
                    Value::$variant(Some(f(v)))
                }
            }
            impl From<Option<$t>> for Value {
                fn from(v: Option<$t>) -> Self {
                    let f: fn($t) -> _ = $conv;
                    Value::$variant(v.map(f))
                }
            }
        )+
    };
}

value_from!(Int: i64 => |v| v, i32 => i64::from, u8 => i64::from);
value_from!(Bool: bool => |v| v);
value_from!(Bytes: Vec<u8> => |v| v);
value_from!(Text: String => |v| v, &str => str::to_owned, &String => String::clone);

/// Column names of a result, shared by its rows.
pub type Columns = Arc<[String]>;

/// One result row, owned.
#[derive(Debug, Clone)]
pub struct Row {
    columns: Columns,
    values: Vec<Value>,
}

impl Row {
    /// A row of `values` under `columns` (same order).
    pub fn new(columns: Columns, values: Vec<Value>) -> Self {
        Row { columns, values }
    }

    /// The value of column `name`, converted.
    pub fn try_get<T: FromValue>(&self, name: &str) -> StoreResult<T> {
        let index = self
            .columns
            .iter()
            .position(|c| c == name)
            .ok_or_else(|| StoreError::Corrupt(format!("no column {name}")))?;
        T::from_value(&self.values[index])
            .ok_or_else(|| StoreError::Corrupt(format!("column {name} has an unexpected type")))
    }

    /// An instant stored as Unix seconds; one out of range is corrupt, never 1970.
    pub fn time(&self, name: &str) -> StoreResult<chrono::DateTime<chrono::Utc>> {
        instant(name, self.try_get(name)?)
    }

    /// An optional instant stored as Unix seconds.
    pub fn opt_time(&self, name: &str) -> StoreResult<Option<chrono::DateTime<chrono::Utc>>> {
        self.try_get::<Option<i64>>(name)?
            .map(|secs| instant(name, secs))
            .transpose()
    }

    /// A zone stored by IANA name; an unknown name is corrupt, never UTC.
    pub fn zone(&self, name: &str) -> StoreResult<chrono_tz::Tz> {
        zone_named(name, &self.try_get::<String>(name)?)
    }

    /// An optional zone stored by IANA name.
    pub fn opt_zone(&self, name: &str) -> StoreResult<Option<chrono_tz::Tz>> {
        self.try_get::<Option<String>>(name)?
            .map(|z| zone_named(name, &z))
            .transpose()
    }

    /// The first column, converted (for `select count(*)` and the like).
    pub fn first<T: FromValue>(&self) -> StoreResult<T> {
        self.values
            .first()
            .and_then(T::from_value)
            .ok_or_else(|| StoreError::Corrupt("unexpected scalar".into()))
    }
}

fn instant(col: &str, secs: i64) -> StoreResult<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp(secs, 0)
        .ok_or_else(|| StoreError::Corrupt(format!("column {col}: instant {secs} out of range")))
}

fn zone_named(col: &str, name: &str) -> StoreResult<chrono_tz::Tz> {
    name.parse()
        .map_err(|_| StoreError::Corrupt(format!("column {col}: unknown zone {name:?}")))
}

/// Conversion from a stored value; `None` when the type does not fit.
pub trait FromValue: Sized {
    /// Converts, or `None`.
    fn from_value(v: &Value) -> Option<Self>;
}

impl FromValue for Option<i64> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Int(i) => Some(*i),
            Value::Text(None) | Value::Bool(None) | Value::Bytes(None) => Some(None),
            _ => None,
        }
    }
}

impl FromValue for Option<bool> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Bool(b) => Some(*b),
            Value::Int(i) => Some(i.map(|i| i != 0)),
            Value::Text(None) | Value::Bytes(None) => Some(None),
            _ => None,
        }
    }
}

impl FromValue for Option<String> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Text(t) => Some(t.clone()),
            Value::Int(None) | Value::Bool(None) | Value::Bytes(None) => Some(None),
            _ => None,
        }
    }
}

impl FromValue for Option<Vec<u8>> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Bytes(b) => Some(b.clone()),
            Value::Text(t) => Some(t.as_ref().map(|t| t.as_bytes().to_vec())),
            Value::Int(None) | Value::Bool(None) => Some(None),
            _ => None,
        }
    }
}

impl FromValue for Option<i32> {
    fn from_value(v: &Value) -> Option<Self> {
        Option::<i64>::from_value(v)?
            .map(i32::try_from)
            .transpose()
            .ok()
    }
}

macro_rules! not_null {
    ($($t:ty),+) => {
        $(
            impl FromValue for $t {
                fn from_value(v: &Value) -> Option<Self> {
                    Option::<$t>::from_value(v).flatten()
                }
            }
        )+
    };
}

not_null!(i64, i32, bool, String, Vec<u8>);

/// Runs statements inside one open transaction.
#[async_trait]
pub trait Exec: Send {
    /// Runs a statement; returns how many rows it changed.
    async fn execute(&mut self, sql: &str, args: &[Value]) -> StoreResult<u64>;
    /// Runs a query; returns its rows.
    async fn fetch(&mut self, sql: &str, args: &[Value]) -> StoreResult<Vec<Row>>;
    /// Commits the transaction.
    async fn commit(self: Box<Self>) -> StoreResult<()>;
}

/// A statement being built: SQL plus its arguments, run against a [`super::Tx`].
pub struct Query<'q> {
    sql: Cow<'q, str>,
    args: Vec<Value>,
}

/// `rows` groups of `cols` numbered placeholders, `($1, $2), ($3, $4)`, for a statement
/// that carries many rows of values at once.
pub fn placeholders(rows: usize, cols: usize) -> String {
    (0..rows)
        .map(|r| {
            let row: Vec<String> = (1..=cols).map(|c| format!("${}", r * cols + c)).collect();
            format!("({})", row.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Starts a statement.
pub fn query<'q>(sql: impl Into<Cow<'q, str>>) -> Query<'q> {
    Query {
        sql: sql.into(),
        args: Vec::new(),
    }
}

/// What a statement changed.
pub struct Done(u64);

impl Done {
    /// Rows inserted, updated or deleted.
    pub fn rows_affected(&self) -> u64 {
        self.0
    }
}

impl Query<'_> {
    /// Binds the next placeholder.
    pub fn bind(mut self, v: impl Into<Value>) -> Self {
        self.args.push(v.into());
        self
    }

    /// Runs it.
    pub async fn execute(self, tx: &super::Tx) -> StoreResult<Done> {
        let mut exec = tx.exec.lock().await;
        exec.execute(&self.sql, &self.args).await.map(Done)
    }

    /// All rows.
    pub async fn fetch_all(self, tx: &super::Tx) -> StoreResult<Vec<Row>> {
        let mut exec = tx.exec.lock().await;
        exec.fetch(&self.sql, &self.args).await
    }

    /// The first row, if any.
    pub async fn fetch_optional(self, tx: &super::Tx) -> StoreResult<Option<Row>> {
        Ok(self.fetch_all(tx).await?.into_iter().next())
    }

    /// The first row; `NotFound` when there is none.
    pub async fn fetch_one(self, tx: &super::Tx) -> StoreResult<Row> {
        self.fetch_optional(tx).await?.ok_or(StoreError::NotFound)
    }

    /// The first column of the first row, if any.
    pub async fn fetch_scalar<T: FromValue>(self, tx: &super::Tx) -> StoreResult<Option<T>> {
        self.fetch_optional(tx)
            .await?
            .map(|r| r.first::<T>())
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_null_of_any_type_reads_as_none() {
        let row = Row::new(
            vec!["a".to_owned(), "b".to_owned()].into(),
            vec![Value::Int(None), Value::Text(None)],
        );
        assert_eq!(row.try_get::<Option<String>>("a").unwrap(), None);
        assert_eq!(row.try_get::<Option<i64>>("b").unwrap(), None);
        assert!(row.try_get::<i64>("a").is_err());
    }

    #[test]
    fn an_integer_reads_as_a_boolean_as_sqlite_stores_them() {
        let row = Row::new(vec!["f".to_owned()].into(), vec![Value::Int(Some(1))]);
        assert!(row.try_get::<bool>("f").unwrap());
        assert!(row.try_get::<String>("f").is_err());
        assert!(row.try_get::<bool>("missing").is_err());
    }
}
