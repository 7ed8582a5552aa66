//! The inbox: every received update, stored before Telegram is told it arrived, handled
//! in order per chat. The next update of a chat is chosen inside the unit of work that
//! handles it, so the order is kept by the store (and, on PostgreSQL, a chat is held by one
//! worker at a time with a transaction-scoped advisory lock), not by one process's memory.

use super::exec::{Row, query};
use super::{StoreResult, Tx};

/// A received update to store.
#[derive(Debug, Clone, PartialEq)]
pub struct InboxRow {
    /// Telegram's update_id (64-bit everywhere).
    pub update_id: i64,
    /// The chat it belongs to, if any; updates of one chat are handled in order.
    pub chat_id: Option<i64>,
    /// The update as received (JSON text, kept verbatim).
    pub payload: String,
}

/// A stored update waiting to be handled.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingUpdate {
    /// Telegram's update_id.
    pub update_id: i64,
    /// Its chat, if any.
    pub chat_id: Option<i64>,
    /// The update as received.
    pub payload: String,
    /// Handling attempts that failed on the update itself (not on an unavailable store).
    pub attempts: i32,
    /// When it was stored (unix seconds): the instant of a button press.
    pub received_at: i64,
}

/// How handling an update ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InboxOutcome {
    /// Handled.
    Done,
    /// Given up on (unreadable, or failing on itself every time; the user was told).
    Failed,
}

fn pending_from_row(row: &Row) -> StoreResult<PendingUpdate> {
    Ok(PendingUpdate {
        update_id: row.try_get("update_id")?,
        chat_id: row.try_get("chat_id")?,
        payload: row
            .try_get::<Option<String>>("payload")?
            .unwrap_or_default(),
        attempts: row.try_get("attempts")?,
        received_at: row.try_get("received_at")?,
    })
}

const PENDING_COLS: &str = "update_id, chat_id, payload, attempts, received_at";

impl Tx {
    /// Records received updates; returns the update_ids that were new (the others were
    /// already there: a repeated delivery, or the same id twice in one batch).
    pub async fn inbox_insert(&self, rows: &[InboxRow], now: i64) -> StoreResult<Vec<i64>> {
        let mut fresh = Vec::with_capacity(rows.len());
        for r in rows {
            let done = query(
                "insert into inbox (update_id, chat_id, payload, received_at) \
                 values ($1, $2, $3, $4) on conflict (update_id) do nothing",
            )
            .bind(r.update_id)
            .bind(r.chat_id)
            .bind(r.payload.as_str())
            .bind(now)
            .execute(self)
            .await?;
            if done.rows_affected() == 1 {
                fresh.push(r.update_id);
            }
        }
        Ok(fresh)
    }

    /// Records an update that could not be read at all, closed as failed at once (its
    /// payload is not kept: it may hold anything).
    pub async fn inbox_insert_unreadable(&self, update_id: i64, now: i64) -> StoreResult<bool> {
        let done = query(
            "insert into inbox (update_id, status, received_at, finished_at) \
             values ($1, 'failed', $2, $2) on conflict (update_id) do nothing",
        )
        .bind(update_id)
        .bind(now)
        .execute(self)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Takes the chat for this transaction. Always true on SQLite (one writer at a time);
    /// on PostgreSQL false while another worker holds the chat.
    pub async fn hold_chat(&self, chat_id: Option<i64>) -> StoreResult<bool> {
        if self.backend() != "postgres" {
            return Ok(true);
        }
        let key = chat_id.unwrap_or(i64::MIN);
        Ok(query("select pg_try_advisory_xact_lock($1)")
            .bind(key)
            .fetch_scalar::<bool>(self)
            .await?
            .unwrap_or(false))
    }

    /// The oldest unhandled update of a chat (`None` for updates without a chat).
    pub async fn inbox_next(&self, chat_id: Option<i64>) -> StoreResult<Option<PendingUpdate>> {
        let row =
            match chat_id {
                Some(chat) => query(format!(
                    "select {PENDING_COLS} from inbox where chat_id = $1 and status = 'pending' \
                     order by update_id limit 1"
                ))
                .bind(chat)
                .fetch_optional(self)
                .await?,
                None => query(format!(
                    "select {PENDING_COLS} from inbox where chat_id is null and status = 'pending' \
                     order by update_id limit 1"
                ))
                .fetch_optional(self)
                .await?,
            };
        row.as_ref().map(pending_from_row).transpose()
    }

    /// Unhandled updates, oldest first.
    pub async fn inbox_pending(&self, limit: i64) -> StoreResult<Vec<PendingUpdate>> {
        let rows = query(format!(
            "select {PENDING_COLS} from inbox where status = 'pending' order by update_id limit $1"
        ))
        .bind(limit)
        .fetch_all(self)
        .await?;
        rows.iter().map(pending_from_row).collect()
    }

    /// One pending update by its id.
    pub async fn inbox_row(&self, update_id: i64) -> StoreResult<Option<PendingUpdate>> {
        let row = query(format!(
            "select {PENDING_COLS} from inbox where update_id = $1 and status = 'pending'"
        ))
        .bind(update_id)
        .fetch_optional(self)
        .await?;
        row.as_ref().map(pending_from_row).transpose()
    }

    /// Whether a chat has unhandled updates.
    pub async fn inbox_pending_in(&self, chat_id: Option<i64>) -> StoreResult<bool> {
        let n = match chat_id {
            Some(chat) => {
                query("select count(*) from inbox where chat_id = $1 and status = 'pending'")
                    .bind(chat)
                    .fetch_scalar::<i64>(self)
                    .await?
            }
            None => {
                query("select count(*) from inbox where chat_id is null and status = 'pending'")
                    .fetch_scalar::<i64>(self)
                    .await?
            }
        };
        Ok(n.unwrap_or(0) > 0)
    }

    /// Chats with unhandled updates, by their oldest one (start-up resumes them).
    pub async fn inbox_pending_chats(&self) -> StoreResult<Vec<Option<i64>>> {
        let rows = query(
            "select chat_id, min(update_id) as first from inbox where status = 'pending' \
             group by chat_id order by first",
        )
        .fetch_all(self)
        .await?;
        rows.iter().map(|r| r.try_get("chat_id")).collect()
    }

    /// Counts a failed handling attempt.
    pub async fn inbox_attempt(&self, update_id: i64) -> StoreResult<()> {
        query("update inbox set attempts = attempts + 1 where update_id = $1")
            .bind(update_id)
            .execute(self)
            .await?;
        Ok(())
    }

    /// Closes an update; its payload is dropped (diary text is not kept twice).
    pub async fn inbox_finish(
        &self,
        update_id: i64,
        outcome: InboxOutcome,
        now: i64,
    ) -> StoreResult<()> {
        let status = match outcome {
            InboxOutcome::Done => "done",
            InboxOutcome::Failed => "failed",
        };
        query(
            "update inbox set status = $2, payload = null, finished_at = $3 where update_id = $1",
        )
        .bind(update_id)
        .bind(status)
        .bind(now)
        .execute(self)
        .await?;
        Ok(())
    }

    /// Forgets closed updates finished before `before`.
    pub async fn inbox_purge(&self, before: i64) -> StoreResult<u64> {
        let done = query("delete from inbox where status <> 'pending' and finished_at < $1")
            .bind(before)
            .execute(self)
            .await?;
        Ok(done.rows_affected())
    }

    /// A value of the small key-value table.
    pub async fn kv_get(&self, key: &str) -> StoreResult<Option<String>> {
        query("select value from kv where key = $1")
            .bind(key)
            .fetch_scalar::<String>(self)
            .await
    }

    /// Sets a value of the key-value table.
    pub async fn kv_set(&self, key: &str, value: &str) -> StoreResult<()> {
        query(
            "insert into kv (key, value) values ($1, $2) \
             on conflict (key) do update set value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(self)
        .await?;
        Ok(())
    }

    /// Every update of the inbox with its status, oldest first (tests and the admin side).
    pub async fn inbox_statuses(&self) -> StoreResult<Vec<(i64, String)>> {
        let rows = query("select update_id, status from inbox order by update_id")
            .fetch_all(self)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("update_id")?, r.try_get("status")?)))
            .collect()
    }
}
