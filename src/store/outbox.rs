//! The outbox's rows: every message headlog sends, written in the transaction that decided
//! it. Two lanes: replies (sent right after commit, in order per chat) and scheduled sends
//! (reminders, reports, broadcasts: drained under the global rate limit). A row is claimed
//! while a worker sends it (`claimed_until`), so replicas never send one row twice.

use super::exec::{Row, placeholders, query};
use super::{StoreResult, Tx};

/// Which lane a message goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// A reply to what the user just did.
    Reply,
    /// A scheduled message, follow-up or broadcast.
    Scheduled,
}

impl Lane {
    /// The stored name.
    pub fn key(self) -> &'static str {
        match self {
            Lane::Reply => "reply",
            Lane::Scheduled => "scheduled",
        }
    }

    fn from_key(key: &str) -> Lane {
        if key == "scheduled" {
            Lane::Scheduled
        } else {
            Lane::Reply
        }
    }
}

/// How a send ended, or that it has not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutStatus {
    /// Not sent yet (or to be tried again).
    Pending,
    /// Telegram took it.
    Sent,
    /// Older than its lane's lateness when it could have gone out.
    Expired,
    /// A permanent error (blocked, bad request).
    Failed,
}

impl OutStatus {
    /// The stored name.
    pub fn key(self) -> &'static str {
        match self {
            OutStatus::Pending => "pending",
            OutStatus::Sent => "sent",
            OutStatus::Expired => "expired",
            OutStatus::Failed => "failed",
        }
    }
}

/// A message to send.
#[derive(Debug, Clone, PartialEq)]
pub struct NewOut {
    /// The chat.
    pub chat_id: i64,
    /// Its lane.
    pub lane: Lane,
    /// What to call (`send`, `edit`, `keyboard`, `answer`, `document`).
    pub kind: String,
    /// The call's parameters (JSON).
    pub body: String,
    /// A document's bytes.
    pub file: Option<Vec<u8>>,
    /// The message an edit applies to: a Telegram message id (> 0) or an earlier outbox
    /// row (< 0, its id negated) whose message id is known once it is sent.
    pub target: Option<i64>,
    /// For scheduled sends: one row per key, ever (user, purpose, due instant).
    pub dedup_key: Option<String>,
    /// When it is due (unix seconds).
    pub due_at: i64,
}

/// A stored message.
#[derive(Debug, Clone, PartialEq)]
pub struct OutRow {
    /// Its id.
    pub id: i64,
    /// The chat.
    pub chat_id: i64,
    /// Its lane.
    pub lane: Lane,
    /// What to call.
    pub kind: String,
    /// Parameters (JSON).
    pub body: String,
    /// A document's bytes.
    pub file: Option<Vec<u8>>,
    /// See [`NewOut::target`].
    pub target: Option<i64>,
    /// When it was due.
    pub due_at: i64,
    /// Failed tries so far.
    pub attempts: i32,
}

const COLS: &str = "id, chat_id, lane, kind, body, file, target, due_at, attempts";

fn out_from_row(row: &Row) -> StoreResult<OutRow> {
    Ok(OutRow {
        id: row.try_get("id")?,
        chat_id: row.try_get("chat_id")?,
        lane: Lane::from_key(&row.try_get::<String>("lane")?),
        kind: row.try_get("kind")?,
        body: row.try_get::<Option<String>>("body")?.unwrap_or_default(),
        file: row.try_get("file")?,
        target: row.try_get("target")?,
        due_at: row.try_get("due_at")?,
        attempts: row.try_get("attempts")?,
    })
}

impl Tx {
    /// Queues a message; `claimed_until` set means the writer will send it itself right
    /// after commit. Returns its id, or `None` when its dedup key was already used.
    pub async fn outbox_insert(
        &self,
        m: &NewOut,
        now: i64,
        claimed_until: Option<i64>,
    ) -> StoreResult<Option<i64>> {
        query(
            "insert into outbox (chat_id, lane, dedup_key, kind, body, file, target, due_at, \
             created_at, next_at, claimed_until) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $10) \
             on conflict (dedup_key) where dedup_key is not null do nothing returning id",
        )
        .bind(m.chat_id)
        .bind(m.lane.key())
        .bind(m.dedup_key.as_deref())
        .bind(m.kind.as_str())
        .bind(m.body.as_str())
        .bind(m.file.clone())
        .bind(m.target)
        .bind(m.due_at)
        .bind(now)
        .bind(claimed_until)
        .fetch_scalar::<i64>(self)
        .await
    }

    /// Queues scheduled messages together (one statement per 200); rows whose dedup key
    /// was used already are left out. Returns how many were new.
    pub async fn outbox_insert_many(&self, rows: &[NewOut], now: i64) -> StoreResult<u64> {
        let mut new = 0;
        for chunk in rows.chunks(200) {
            let values = placeholders(chunk.len(), 10);
            let mut q = query(format!(
                "insert into outbox (chat_id, lane, dedup_key, kind, body, file, target, due_at, \
                 created_at, next_at) values {values} \
                 on conflict (dedup_key) where dedup_key is not null do nothing"
            ));
            for m in chunk {
                q = q
                    .bind(m.chat_id)
                    .bind(m.lane.key())
                    .bind(m.dedup_key.as_deref())
                    .bind(m.kind.as_str())
                    .bind(m.body.as_str())
                    .bind(m.file.clone())
                    .bind(m.target)
                    .bind(m.due_at)
                    .bind(now)
                    // next_at starts at due_at.
                    .bind(m.due_at);
            }
            new += q.execute(self).await?.rows_affected();
        }
        Ok(new)
    }

    /// Records a scheduled message that was due too long ago to send (counted, never sent).
    pub async fn outbox_insert_expired(&self, m: &NewOut, now: i64) -> StoreResult<bool> {
        let id = query(
            "insert into outbox (chat_id, lane, dedup_key, kind, body, target, due_at, created_at, \
             next_at, status, finished_at, error) values ($1, $2, $3, $4, null, null, $5, $6, $5, \
             'expired', $6, 'too late') on conflict (dedup_key) where dedup_key is not null do nothing \
             returning id",
        )
        .bind(m.chat_id)
        .bind(m.lane.key())
        .bind(m.dedup_key.as_deref())
        .bind(m.kind.as_str())
        .bind(m.due_at)
        .bind(now)
        .fetch_scalar::<i64>(self)
        .await?;
        Ok(id.is_some())
    }

    /// Due scheduled messages not held by a sender, soonest first, leaving out chats whose
    /// replies are still going out (replies take precedence).
    pub async fn outbox_scheduled_due(&self, now: i64, limit: i64) -> StoreResult<Vec<OutRow>> {
        query(format!(
            "select {COLS} from outbox o where status = 'pending' and lane = 'scheduled' \
             and next_at <= $1 and (claimed_until is null or claimed_until < $1) \
             and not exists (select 1 from outbox r where r.chat_id = o.chat_id \
             and r.status = 'pending' and r.lane = 'reply') order by next_at, id limit $2"
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(self)
        .await?
        .iter()
        .map(out_from_row)
        .collect()
    }

    /// Holds rows for a sender until `until`.
    pub async fn outbox_claim_ids(&self, ids: &[i64], until: i64) -> StoreResult<()> {
        for chunk in ids.chunks(500) {
            // $1 is the hold; the ids follow.
            let marks = (2..chunk.len() + 2)
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut q = query(format!(
                "update outbox set claimed_until = $1 where id in ({marks})"
            ))
            .bind(until);
            for id in chunk {
                q = q.bind(*id);
            }
            q.execute(self).await?;
        }
        Ok(())
    }

    /// Releases scheduled rows a sender held when it stopped (a new sender takes over):
    /// each was perhaps sent already, and is sent again (the counted crash window).
    pub async fn outbox_take_back_scheduled(&self) -> StoreResult<u64> {
        Ok(query(
            "update outbox set claimed_until = null where status = 'pending' and lane = 'scheduled' \
             and claimed_until is not null",
        )
        .execute(self)
        .await?
        .rows_affected())
    }

    /// True when the chat has unsent replies (new ones must wait behind them).
    pub async fn outbox_chat_busy(&self, chat_id: i64) -> StoreResult<bool> {
        Ok(query(
            "select count(*) from outbox where chat_id = $1 and status = 'pending' and lane = 'reply'",
        )
        .bind(chat_id)
        .fetch_scalar::<i64>(self)
        .await?
        .unwrap_or(0)
            > 0)
    }

    /// Claims a chat's pending replies, oldest first, when all are due and none is held by
    /// another worker; else nothing.
    pub async fn outbox_claim_chat(
        &self,
        chat_id: i64,
        now: i64,
        claimed_until: i64,
    ) -> StoreResult<Vec<OutRow>> {
        let blocked = query(
            "select count(*) from outbox where chat_id = $1 and status = 'pending' and lane = 'reply' \
             and (next_at > $2 or claimed_until >= $2)",
        )
        .bind(chat_id)
        .bind(now)
        .fetch_scalar::<i64>(self)
        .await?
        .unwrap_or(0);
        if blocked > 0 {
            return Ok(Vec::new());
        }
        let mut rows = query(format!(
            "update outbox set claimed_until = $2 where chat_id = $1 and status = 'pending' \
             and lane = 'reply' returning {COLS}"
        ))
        .bind(chat_id)
        .bind(claimed_until)
        .fetch_all(self)
        .await?
        .iter()
        .map(out_from_row)
        .collect::<StoreResult<Vec<_>>>()?;
        rows.sort_by_key(|r| r.id);
        Ok(rows)
    }

    /// Chats with replies due and not held, oldest first.
    pub async fn outbox_due_chats(&self, now: i64, limit: i64) -> StoreResult<Vec<i64>> {
        let rows = query(
            "select chat_id, min(id) as first from outbox where status = 'pending' and lane = 'reply' \
             and next_at <= $1 and (claimed_until is null or claimed_until < $1) \
             group by chat_id order by first limit $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(self)
        .await?;
        rows.iter().map(|r| r.try_get("chat_id")).collect()
    }

    /// The earliest instant a pending message of `lane` becomes due or its claim lapses.
    pub async fn outbox_next_wake(&self, lane: Lane) -> StoreResult<Option<i64>> {
        query(
            "select min(case when claimed_until is not null and claimed_until > next_at \
             then claimed_until else next_at end) from outbox where status = 'pending' and lane = $1",
        )
        .bind(lane.key())
        .fetch_optional(self)
        .await?
        .map(|r| r.first::<Option<i64>>())
        .transpose()
        .map(Option::flatten)
    }

    /// Puts a chat's held replies back (after a failed try), so any worker may take them.
    pub async fn outbox_release_chat(&self, chat_id: i64) -> StoreResult<()> {
        query("update outbox set claimed_until = null where chat_id = $1 and status = 'pending' and lane = 'reply'")
            .bind(chat_id)
            .execute(self)
            .await?;
        Ok(())
    }

    /// Releases every claim (SQLite at start-up: no other process can hold one).
    pub async fn outbox_release_all(&self) -> StoreResult<u64> {
        Ok(query("update outbox set claimed_until = null where status = 'pending' and claimed_until is not null")
            .execute(self)
            .await?
            .rows_affected())
    }

    /// Marks a message sent with the id Telegram gave it; its body is dropped.
    pub async fn outbox_sent(&self, id: i64, message_id: Option<i64>, now: i64) -> StoreResult<()> {
        query(
            "update outbox set status = 'sent', message_id = $2, finished_at = $3, body = null, \
             file = null, claimed_until = null where id = $1",
        )
        .bind(id)
        .bind(message_id)
        .bind(now)
        .execute(self)
        .await?;
        Ok(())
    }

    /// Schedules another try.
    pub async fn outbox_retry(&self, id: i64, next_at: i64, error: &str) -> StoreResult<()> {
        query(
            "update outbox set attempts = attempts + 1, next_at = $2, error = $3, claimed_until = null \
             where id = $1",
        )
        .bind(id)
        .bind(next_at)
        .bind(error)
        .execute(self)
        .await?;
        Ok(())
    }

    /// Ends a message as expired or failed (counted; its body is dropped).
    pub async fn outbox_give_up(
        &self,
        id: i64,
        status: OutStatus,
        error: &str,
        now: i64,
    ) -> StoreResult<()> {
        query(
            "update outbox set status = $2, error = $3, finished_at = $4, body = null, file = null, \
             claimed_until = null where id = $1",
        )
        .bind(id)
        .bind(status.key())
        .bind(error)
        .bind(now)
        .execute(self)
        .await?;
        Ok(())
    }

    /// The Telegram message id of a sent row (for an edit that refers to it).
    pub async fn outbox_message_id(&self, id: i64) -> StoreResult<Option<i64>> {
        query("select message_id from outbox where id = $1")
            .bind(id)
            .fetch_optional(self)
            .await?
            .map(|r| r.first::<Option<i64>>())
            .transpose()
            .map(Option::flatten)
    }

    /// Whether a message with this dedup key was queued (and not purged yet).
    pub async fn outbox_has_key(&self, key: &str) -> StoreResult<bool> {
        Ok(query("select id from outbox where dedup_key = $1")
            .bind(key)
            .fetch_optional(self)
            .await?
            .is_some())
    }

    /// Forgets finished messages older than `before`.
    pub async fn outbox_purge(&self, before: i64) -> StoreResult<u64> {
        Ok(
            query("delete from outbox where status <> 'pending' and finished_at < $1")
                .bind(before)
                .execute(self)
                .await?
                .rows_affected(),
        )
    }

    /// How many messages stand in each status, by lane (for metrics and tests).
    pub async fn outbox_counts(&self) -> StoreResult<Vec<(String, String, i64)>> {
        let rows = query("select lane, status, count(*) as n from outbox group by lane, status order by lane, status")
            .fetch_all(self)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("lane")?, r.try_get("status")?, r.try_get("n")?)))
            .collect()
    }
}

impl Tx {
    /// Pending messages per lane: how many, and how many seconds the oldest due one is
    /// late at `now` (negative when none is due yet).
    pub async fn outbox_pending_by_lane(&self, now: i64) -> StoreResult<Vec<(String, i64, i64)>> {
        let rows = query(
            "select lane, count(*) as n, coalesce(min(next_at), $1) as oldest from outbox \
             where status = 'pending' group by lane",
        )
        .bind(now)
        .fetch_all(self)
        .await?;
        rows.iter()
            .map(|r| {
                let oldest: i64 = r.try_get("oldest")?;
                Ok((r.try_get("lane")?, r.try_get("n")?, now - oldest))
            })
            .collect()
    }

    /// Distinct chats that sent an update since `since` (Unix seconds).
    pub async fn active_users(&self, since: i64) -> StoreResult<i64> {
        query("select count(distinct chat_id) as n from inbox where received_at >= $1")
            .bind(since)
            .fetch_one(self)
            .await?
            .try_get("n")
    }
}
