//! Sending what the outbox holds. A unit of work writes its replies as outbox rows, claimed
//! by the writer; after commit the writer sends them at once, in order ([`Outbox::deliver`]).
//! Whatever could not go out then (Telegram down, a 429, a crash before "sent" was
//! written) is taken by the pump ([`Outbox::pump`]), which sleeps until the next row is due
//! and is woken when one is queued.
//!
//! Every row ends `sent`, `expired` (older than its lane's lateness: 24 h for replies) or
//! `failed` (a permanent error such as a block), and each ending is counted. The one
//! repeat: a crash between Telegram's answer and the commit of "sent" sends that row again
//! after restart (at-least-once; counted in [`Stats::resent`]).

use super::api::{Answer, BotApi, Upload};
use crate::clock::Clock;
use crate::store::outbox::{Lane, OutRow, OutStatus};
use crate::store::{Db, StoreResult};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

/// A message of this chat the bot refers to: a Telegram message id (> 0), or an outbox row
/// (< 0, its id negated) whose message id is known once it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct MsgRef(pub i64);

/// Counters of how sends ended (read by tests now, by /metrics later).
#[derive(Debug, Default)]
pub struct Stats {
    /// Delivered.
    pub sent: AtomicU64,
    /// Tries that failed and were scheduled again.
    pub retried: AtomicU64,
    /// Given up on because too old.
    pub expired: AtomicU64,
    /// Given up on because of a permanent error.
    pub failed: AtomicU64,
    /// 429 answers.
    pub limited: AtomicU64,
    /// Rows that were in flight when a process stopped, sent again after restart.
    pub resent: AtomicU64,
    /// Edits whose message was gone, sent as new messages instead.
    pub edit_fallbacks: AtomicU64,
}

impl Stats {
    fn add(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// Tunables of delivery.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// How long a writer's claim on its rows holds (another worker takes them after).
    pub claim_secs: i64,
    /// Oldest a reply may be when it goes out.
    pub reply_lateness_secs: i64,
    /// Longest pause between two tries of a failing send.
    pub max_backoff_secs: i64,
    /// Oldest a scheduled message may be when it goes out (from its due time, or the end
    /// of the quiet hours it waited for).
    pub scheduled_lateness_secs: i64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            claim_secs: 30,
            reply_lateness_secs: 24 * 3600,
            max_backoff_secs: 60,
            scheduled_lateness_secs: 2 * 3600,
        }
    }
}

/// The sender.
pub struct Outbox {
    db: Db,
    api: BotApi,
    clock: Arc<dyn Clock>,
    policy: Policy,
    /// How sends ended.
    pub stats: Stats,
    wake: Notify,
    scheduled: Notify,
}

/// What a batch sent so far: Telegram's ids of its rows, and the "sent" marks to write.
#[derive(Default)]
struct Sent {
    ids: HashMap<i64, i64>,
    marks: Vec<(i64, Option<i64>)>,
}

/// What one send came to.
enum Step {
    /// Go on with the chat's next row.
    Next,
    /// Stop this chat for now (the row waits for another try); with Telegram's
    /// `retry_after` when it asked to wait.
    Stop(Option<Duration>),
}

impl Outbox {
    /// A sender over `db`, calling `api`.
    pub fn new(db: Db, api: BotApi, clock: Arc<dyn Clock>, policy: Policy) -> Self {
        Outbox {
            db,
            api,
            clock,
            policy,
            stats: Stats::default(),
            wake: Notify::new(),
            scheduled: Notify::new(),
        }
    }

    /// The delivery policy.
    pub fn policy(&self) -> Policy {
        self.policy
    }

    /// Now, by the delivery clock (unix seconds).
    pub fn now(&self) -> i64 {
        self.clock.now().timestamp()
    }

    /// Wakes the pump (a row was queued that the writer will not send itself).
    pub fn poke(&self) {
        self.wake.notify_one();
    }

    /// Wakes the scheduled lane's sender (a scheduled message was queued).
    pub fn poke_scheduled(&self) {
        self.scheduled.notify_one();
    }

    /// Resolves when [`Outbox::poke_scheduled`] was called.
    pub async fn scheduled_woken(&self) {
        self.scheduled.notified().await;
    }

    /// Sends rows a writer claimed, in order, right after its commit.
    pub async fn deliver(&self, rows: Vec<OutRow>) {
        if rows.is_empty() {
            return;
        }
        if !self.send_chat(rows).await {
            self.poke();
        }
    }

    /// Sends a chat's rows in order; false when it stopped early (rows left for later).
    /// The "sent" marks of a batch are written together, in one transaction, at its end.
    async fn send_chat(&self, rows: Vec<OutRow>) -> bool {
        self.send_rows(rows).await.0
    }

    /// Sends one scheduled message (the scheduled lane's sender paces the calls); Telegram's
    /// `retry_after` when it asked to wait.
    pub async fn send_scheduled(&self, row: OutRow) -> Option<Duration> {
        self.send_rows(vec![row]).await.1
    }

    async fn send_rows(&self, rows: Vec<OutRow>) -> (bool, Option<Duration>) {
        let Some(chat) = rows.first().map(|r| r.chat_id) else {
            return (true, None);
        };
        let mut sent = Sent::default();
        let mut finished = true;
        let mut limited = None;
        for row in rows {
            if let Step::Stop(wait) = self.send_one(&row, &mut sent).await {
                finished = false;
                limited = wait;
                break;
            }
        }
        let (marks, now) = (std::mem::take(&mut sent.marks), self.now());
        self.record(async |tx| {
            for (id, message_id) in marks {
                tx.outbox_sent(id, message_id, now).await?;
            }
            if !finished {
                tx.outbox_release_chat(chat).await?;
            }
            Ok(())
        })
        .await;
        (finished, limited)
    }

    /// Runs one small write, logging (not propagating) a failure: the row then stays
    /// pending and is tried again, which at worst sends it twice.
    async fn record<F>(&self, write: F)
    where
        F: AsyncFnOnce(&crate::store::Tx) -> StoreResult<()>,
    {
        let result = async {
            let tx = self.db.begin().await?;
            write(&tx).await?;
            tx.commit().await
        }
        .await;
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not record a send's outcome");
        }
    }

    async fn target_of(&self, row: &OutRow, sent: &Sent) -> Option<i64> {
        match row.target? {
            t if t > 0 => Some(t),
            t => {
                let id = -t;
                if let Some(m) = sent.ids.get(&id) {
                    return Some(*m);
                }
                let db = &self.db;
                let found = async {
                    let tx = db.begin().await?;
                    tx.outbox_message_id(id).await
                }
                .await;
                found.ok().flatten()
            }
        }
    }

    fn lateness(&self, lane: Lane) -> i64 {
        match lane {
            Lane::Reply => self.policy.reply_lateness_secs,
            Lane::Scheduled => self.policy.scheduled_lateness_secs,
        }
    }

    async fn send_one(&self, row: &OutRow, sent: &mut Sent) -> Step {
        let now = self.now();
        if now - row.due_at > self.lateness(row.lane) {
            Stats::add(&self.stats.expired);
            crate::metrics::message(row.lane.key(), "expired");
            tracing::warn!(chat = row.chat_id, id = row.id, "send expired");
            let id = row.id;
            self.record(async |tx| {
                tx.outbox_give_up(id, OutStatus::Expired, "too late", now)
                    .await
            })
            .await;
            return Step::Next;
        }
        let Ok(mut params) = serde_json::from_str::<Value>(&row.body) else {
            self.give_up(row, "unreadable body").await;
            return Step::Next;
        };
        let mut method = row.kind.clone();
        if let Some(obj) = params.as_object_mut() {
            // A press is answered by its id alone; every other call names the chat.
            if method != "answerCallbackQuery" {
                obj.insert("chat_id".into(), Value::from(row.chat_id));
            }
            if method.starts_with("edit") {
                match self.target_of(row, sent).await {
                    Some(m) => {
                        obj.insert("message_id".into(), Value::from(m));
                    }
                    None if method == "editMessageText" => method = "sendMessage".into(),
                    // A keyboard to retire on a message that never went out: nothing to do.
                    None => {
                        self.mark_sent(row, None, sent);
                        return Step::Next;
                    }
                }
            }
        }
        let mut answer = self.call(&method, &params, row).await;
        tracing::debug!(id = row.id, chat = row.chat_id, method = %method, ok = matches!(answer, Answer::Ok(_)), "sent");
        if let Answer::EditGone(_) = answer
            && method == "editMessageText"
        {
            Stats::add(&self.stats.edit_fallbacks);
            if let Some(obj) = params.as_object_mut() {
                obj.remove("message_id");
            }
            answer = self.call("sendMessage", &params, row).await;
        }
        self.settle(row, answer, sent).await
    }

    async fn call(&self, method: &str, params: &Value, row: &OutRow) -> Answer {
        let upload = row.file.as_ref().map(|bytes| Upload {
            field: if method == "sendPhoto" {
                "photo"
            } else {
                "document"
            },
            name: params
                .get("file_name")
                .and_then(Value::as_str)
                .unwrap_or("file"),
            bytes: bytes.clone(),
        });
        let mut params = params.clone();
        if let Some(obj) = params.as_object_mut() {
            obj.remove("file_name");
        }
        self.api.call(method, &params, upload).await
    }

    async fn settle(&self, row: &OutRow, answer: Answer, sent: &mut Sent) -> Step {
        match answer {
            Answer::Ok(result) => {
                let message_id = result.get("message_id").and_then(Value::as_i64);
                self.mark_sent(row, message_id, sent);
                Step::Next
            }
            Answer::NotModified | Answer::EditGone(_) => {
                // An edit of a message that is gone or unchanged: nothing more to show.
                self.mark_sent(row, row.target.filter(|t| *t > 0), sent);
                Step::Next
            }
            Answer::RetryAfter(wait) => {
                Stats::add(&self.stats.limited);
                crate::metrics::message(row.lane.key(), "rate_limited");
                tracing::warn!(
                    chat = row.chat_id,
                    wait_s = wait.as_secs(),
                    "Bot API asked to wait"
                );
                // Due times are whole seconds: one more, so the wait is never cut short.
                self.retry(row, wait.as_secs() as i64 + 1, "429").await;
                Step::Stop(Some(wait))
            }
            Answer::Transient(why) => {
                let wait = (1i64 << row.attempts.clamp(0, 6)).min(self.policy.max_backoff_secs);
                tracing::warn!(chat = row.chat_id, method = %row.kind, reason = %why, wait_s = wait, "send failed; will retry");
                self.retry(row, wait, &why).await;
                Step::Stop(None)
            }
            Answer::Blocked(why) => {
                tracing::info!(chat = row.chat_id, "user has blocked the bot");
                let (id, chat, now) = (row.id, row.chat_id, self.now());
                Stats::add(&self.stats.failed);
                crate::metrics::message(row.lane.key(), "blocked");
                crate::metrics::message(row.lane.key(), "failed");
                // "blocked:" marks the reason, so a broadcast counts it apart (store/admin.rs).
                let why = format!("blocked: {why}");
                self.record(async |tx| {
                    tx.outbox_give_up(id, OutStatus::Failed, &why, now).await?;
                    tx.set_user_blocked(chat, Some(now), now).await?;
                    tx.schedule_clear(chat).await.map(drop)
                })
                .await;
                Step::Next
            }
            Answer::Permanent(why) => {
                self.give_up(row, &why).await;
                Step::Next
            }
        }
    }

    async fn give_up(&self, row: &OutRow, why: &str) {
        Stats::add(&self.stats.failed);
        crate::metrics::message(row.lane.key(), "failed");
        tracing::warn!(chat = row.chat_id, method = %row.kind, reason = %why, "send failed for good");
        let (id, now) = (row.id, self.now());
        self.record(async |tx| tx.outbox_give_up(id, OutStatus::Failed, why, now).await)
            .await;
    }

    async fn retry(&self, row: &OutRow, wait_secs: i64, why: &str) {
        Stats::add(&self.stats.retried);
        crate::metrics::message(row.lane.key(), "retried");
        let (id, next) = (row.id, self.now() + wait_secs.max(1));
        self.record(async |tx| tx.outbox_retry(id, next, why).await)
            .await;
    }

    fn mark_sent(&self, row: &OutRow, message_id: Option<i64>, sent: &mut Sent) {
        Stats::add(&self.stats.sent);
        crate::metrics::message(row.lane.key(), "sent");
        if let Some(m) = message_id {
            sent.ids.insert(row.id, m);
        }
        sent.marks.push((row.id, message_id));
    }

    /// Sends what is due and was not sent by its writer, until `shutdown`. On SQLite, rows
    /// held by a process that is gone are released first (only one process uses a file).
    pub async fn pump(self: Arc<Self>, shutdown: CancellationToken) {
        if let Db::Sqlite(_) = self.db {
            match self.take_back().await {
                Ok(n) if n > 0 => {
                    self.stats.resent.fetch_add(n, Ordering::Relaxed);
                    tracing::warn!(
                        rows = n,
                        "sending again what was in flight when the last run stopped"
                    );
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "could not release old claims"),
            }
        }
        loop {
            let wait = match self.pump_once().await {
                Ok(wait) => wait,
                Err(e) => {
                    tracing::warn!(error = %e, "outbox pump: store unavailable");
                    Duration::from_secs(1)
                }
            };
            tokio::select! {
                _ = shutdown.cancelled() => return,
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }

    async fn take_back(&self) -> StoreResult<u64> {
        let tx = self.db.begin().await?;
        let n = tx.outbox_release_all().await?;
        tx.commit().await?;
        Ok(n)
    }

    /// One round: every chat with due rows; returns how long to sleep.
    async fn pump_once(&self) -> StoreResult<Duration> {
        loop {
            let now = self.now();
            let chats = {
                let tx = self.db.begin().await?;
                tx.outbox_due_chats(now, 100).await?
            };
            if chats.is_empty() {
                break;
            }
            let mut progressed = false;
            for chat in chats {
                let rows = {
                    let tx = self.db.begin().await?;
                    let rows = tx
                        .outbox_claim_chat(chat, now, now + self.policy.claim_secs)
                        .await?;
                    tx.commit().await?;
                    rows
                };
                if !rows.is_empty() && self.send_chat(rows).await {
                    progressed = true;
                }
            }
            if !progressed {
                break;
            }
        }
        let next = {
            let tx = self.db.begin().await?;
            tx.outbox_next_wake(Lane::Reply).await?
        };
        let now = self.now();
        Ok(match next {
            Some(at) if at > now => Duration::from_secs((at - now) as u64),
            Some(_) => Duration::from_millis(500),
            None => Duration::from_secs(3600),
        })
    }
}
