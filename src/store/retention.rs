//! Retention (`HEADLOG_RETENTION_DAYS`, off by default, never below 180 days): records
//! older than the configured age are erased for good by a daily job, whoever they belong
//! to. [`TABLES`] is the one list of what "a record's age" means per table: a table that
//! holds diary records or leftovers of them gets its line here. A habit itself (its name
//! and rules) is not a record and stays; its old marks go.

use super::exec::query;
use super::{StoreResult, Tx};

/// What a table's age is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cutoff {
    /// An instant in Unix seconds (`$1`).
    Instant,
    /// A local day as `YYYY-MM-DD` text (`$1`), for rows dated by day.
    Day,
}

/// Every table retention erases from, in order (dependants before what they refer to),
/// with the condition that makes a row old.
pub const TABLES: &[(&str, &str, Cutoff)] = &[
    // Doses: by the time taken, and those of an attack that goes below.
    (
        "intake",
        "taken_at < $1 or attack_id in (select id from attack where started_at < $1)",
        Cutoff::Instant,
    ),
    ("attack", "started_at < $1", Cutoff::Instant),
    ("day_record", "day < $1", Cutoff::Day),
    ("questionnaire", "taken_at < $1", Cutoff::Instant),
    ("habit_mark", "day < $1", Cutoff::Day),
    ("doctor_link", "expires_at < $1", Cutoff::Instant),
    // Leftovers: updates and messages (the hourly purge keeps finished ones two days;
    // these catch any that were left behind), and dialogue states nobody came back to.
    ("inbox", "received_at < $1", Cutoff::Instant),
    ("outbox", "created_at < $1", Cutoff::Instant),
    ("dialogue", "updated_at < $1", Cutoff::Instant),
];

impl Tx {
    /// Erases every row of [`TABLES`] older than `before` (Unix seconds; rows dated by day
    /// go when their day is before `before`'s UTC day). How many went, per table.
    pub async fn retention_purge(&self, before: i64) -> StoreResult<Vec<(&'static str, u64)>> {
        let day = chrono::DateTime::from_timestamp(before, 0)
            .unwrap_or_default()
            .format("%Y-%m-%d")
            .to_string();
        let mut erased = Vec::with_capacity(TABLES.len());
        for (table, condition, cutoff) in TABLES {
            let sql = format!("delete from {table} where {condition}");
            let q = match cutoff {
                Cutoff::Instant => query(sql).bind(before),
                Cutoff::Day => query(sql).bind(day.as_str()),
            };
            erased.push((*table, q.execute(self).await?.rows_affected()));
        }
        Ok(erased)
    }
}
