//! Persistence: one [`Store`] trait, implemented for SQLite (the embedded default) and
//! PostgreSQL (the scale-out store) from the same SQL (see `sql.rs`), with versioned
//! migrations per backend. The backend is picked from the URL scheme.

mod days;
mod meds;
mod migrate;
mod postgres;
mod sql;
mod sqlite;

pub use days::DayStore;
pub use meds::MedStore;

pub use postgres::PgStore;
pub use sqlite::SqliteStore;

use crate::domain::attack::{Attack, AttackField};
use crate::domain::export::Diary;
use crate::domain::lang::Lang;
use crate::domain::user::User;
use async_trait::async_trait;
use chrono_tz::Tz;
use std::sync::Arc;

/// What transport code can act on; everything else is `Other` with its cause.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A row that should be there is not.
    #[error("not found")]
    NotFound,
    /// A stored value could not be read back.
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// Anything else (connection lost, disk full, …).
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            other => StoreError::Other(other.into()),
        }
    }
}

/// Results of store calls.
pub type StoreResult<T> = Result<T, StoreError>;

/// A received update waiting in (or done with) the inbox.
#[derive(Debug, Clone, PartialEq)]
pub struct InboxRow {
    /// Telegram's update_id.
    pub update_id: i64,
    /// The chat it belongs to, if any; updates of one chat are handled in order.
    pub chat_id: Option<i64>,
    /// The update as received (JSON).
    pub payload: String,
    /// How many times handling was tried.
    pub attempts: i32,
}

/// How handling an update ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InboxOutcome {
    /// Handled.
    Done,
    /// Given up on after repeated failures (the user was told).
    Failed,
}

/// The operations every backend offers. Each call is atomic; ownership is part of every
/// query that touches a record (`user_id = …`), so one user never reaches another's.
#[async_trait]
pub trait Store: DayStore + MedStore + Send + Sync + 'static {
    /// `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;
    /// Checks the database answers.
    async fn ping(&self) -> StoreResult<()>;

    /// Creates the user on first sight, or refreshes Telegram's language for them.
    async fn touch_user(&self, id: i64, tg_lang: Option<&str>, now: i64) -> StoreResult<User>;
    /// The user, if known.
    async fn user(&self, id: i64) -> StoreResult<Option<User>>;
    /// Sets (or clears) the chosen language.
    async fn set_user_lang(&self, id: i64, lang: Option<Lang>, now: i64) -> StoreResult<()>;
    /// Sets the time zone.
    async fn set_user_zone(&self, id: i64, zone: Tz, now: i64) -> StoreResult<()>;
    /// Sets (or clears) the local time of the evening check-in.
    async fn set_user_checkin_time(
        &self,
        id: i64,
        at: Option<chrono::NaiveTime>,
        now: i64,
    ) -> StoreResult<()>;
    /// Turns menstruation tracking on or off.
    async fn set_user_menstruation(&self, id: i64, on: bool, now: i64) -> StoreResult<()>;
    /// Marks the user as having blocked the bot (or not any more).
    async fn set_user_blocked(&self, id: i64, blocked_at: Option<i64>, now: i64)
    -> StoreResult<()>;

    /// Inserts an attack. With an `origin` (the update that asked for it), inserting
    /// twice returns the first one: handling an update again never doubles a record.
    async fn insert_attack(&self, attack: &Attack, origin: Option<i64>) -> StoreResult<Attack>;
    /// The attack an update made, if it made one.
    async fn attack_by_origin(&self, user_id: i64, origin: i64) -> StoreResult<Option<Attack>>;
    /// One attack of the user, deleted or not.
    async fn attack(&self, user_id: i64, id: i64) -> StoreResult<Option<Attack>>;
    /// The user's most recently started open attack that is not deleted.
    async fn latest_open_attack(&self, user_id: i64) -> StoreResult<Option<Attack>>;
    /// Ends an open, non-deleted attack; `None` when there is no such attack.
    async fn end_attack(
        &self,
        user_id: i64,
        id: i64,
        ended_at: i64,
        now: i64,
    ) -> StoreResult<Option<Attack>>;
    /// Sets one field of a non-deleted attack; `None` when there is no such attack.
    async fn set_attack_field(
        &self,
        user_id: i64,
        id: i64,
        field: &AttackField,
        now: i64,
    ) -> StoreResult<Option<Attack>>;
    /// Non-deleted attacks overlapping `[from, to)` (open ones count from their start).
    async fn attacks_between(&self, user_id: i64, from: i64, to: i64) -> StoreResult<Vec<Attack>>;
    /// Attacks deleted at or after `since`, most recently deleted first (the trash).
    async fn deleted_attacks(&self, user_id: i64, since: i64) -> StoreResult<Vec<Attack>>;
    /// Removes for good every record deleted before `before` (all users); returns how many.
    async fn purge_deleted(&self, before: i64) -> StoreResult<u64>;
    /// Soft-deletes (`Some(at)`) or restores (`None`) an attack; `None` when not found.
    async fn set_attack_deleted(
        &self,
        user_id: i64,
        id: i64,
        deleted_at: Option<i64>,
        now: i64,
    ) -> StoreResult<Option<Attack>>;
    /// Non-deleted attacks, newest start first.
    async fn list_attacks(&self, user_id: i64, limit: i64, offset: i64)
    -> StoreResult<Vec<Attack>>;
    /// How many non-deleted attacks the user has.
    async fn count_attacks(&self, user_id: i64) -> StoreResult<i64>;
    /// Everything non-deleted of the user, for the export.
    async fn diary(&self, user_id: i64) -> StoreResult<Diary>;
    /// Removes everything of the user at once: records, trash, settings, dialogue state
    /// and received updates.
    async fn erase_user(&self, user_id: i64) -> StoreResult<()>;

    /// The user's dialogue state (JSON), if any.
    async fn dialogue(&self, user_id: i64) -> StoreResult<Option<String>>;
    /// Sets or clears the dialogue state.
    async fn set_dialogue(&self, user_id: i64, state: Option<&str>, now: i64) -> StoreResult<()>;

    /// Records received updates; returns the update_ids that were new (the others were
    /// already there: a repeated delivery).
    async fn inbox_insert(&self, rows: &[InboxRow], now: i64) -> StoreResult<Vec<i64>>;
    /// Updates not yet handled, oldest first.
    async fn inbox_pending(&self, limit: i64) -> StoreResult<Vec<InboxRow>>;
    /// Counts a handling attempt.
    async fn inbox_attempt(&self, update_id: i64) -> StoreResult<()>;
    /// Closes an update; its payload is dropped (diary text is not kept twice).
    async fn inbox_finish(
        &self,
        update_id: i64,
        outcome: InboxOutcome,
        now: i64,
    ) -> StoreResult<()>;
    /// Forgets closed updates finished before `before`.
    async fn inbox_purge(&self, before: i64) -> StoreResult<u64>;
}

/// Opens the store the URL names and brings its schema up to date.
pub async fn open(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open(url).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::open(url).await?))
    } else {
        anyhow::bail!("unsupported database URL scheme (use sqlite: or postgres://)")
    }
}
