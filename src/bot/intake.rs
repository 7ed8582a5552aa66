//! Intake, as TELEGRAM.md "Decisions" says: every received update is written to the inbox
//! (unique on update_id) before its offset is confirmed; each is then handled as one unit
//! of work ([`Dispatcher::work_once`]): one transaction takes the chat's oldest pending
//! update, runs the handler (its records, dialogue state and replies, queued in the
//! outbox), closes the inbox row and commits, or nothing happens. Replies go out after
//! commit. At start-up, unfinished rows are handled first.
//!
//! Faults: a store that is unavailable (locked, unreachable, file gone) is waited for with
//! back-off, without limit, and the update is never given up on for it. An update that
//! fails on itself (a handler error or panic) is tried [`MAX_ATTEMPTS`] times, then closed
//! as failed and the user told so. An unreadable update is stored as failed at once.
//! Updates from one user beyond the inbound limit are closed without effect (one notice).

use super::BotCtx;
use super::api::{self, RawUpdate};
use super::router;
use super::ui::{Ctx, Outgoing};
use crate::domain::lang::Lang;
use crate::domain::ratelimit::{Admit, RateLimiter};
use crate::store::{self, InboxOutcome, InboxRow, PendingUpdate, StoreError};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use teloxide_core::types::Update;
use tokio::sync::Semaphore;
use tokio_util::task::TaskTracker;

/// Attempts before an update that fails on itself is given up on.
pub const MAX_ATTEMPTS: i32 = 3;

/// The key-value entry that says a run is under way ("1") or stopped cleanly ("0").
const RUNNING: &str = "intake.running";

/// Hands chats to workers: one worker per chat at a time in this process (and, on
/// PostgreSQL, across processes, by a lock in the store), different chats in parallel.
#[derive(Clone)]
pub struct Dispatcher {
    inner: Arc<Inner>,
}

struct Inner {
    ctx: Arc<BotCtx>,
    /// Chats with a running worker; `true` when more work arrived while it ran.
    running: Mutex<HashMap<Option<i64>, bool>>,
    permits: Semaphore,
    tracker: TaskTracker,
    limiter: Mutex<RateLimiter>,
}

/// What one unit of work came to.
enum Worked {
    /// An update was handled (or closed); there may be more.
    Handled,
    /// The chat has nothing pending.
    Empty,
    /// Another worker holds the chat.
    Held,
}

impl Dispatcher {
    /// What handlers share (the poll loop takes its Bot API client from it).
    pub fn ctx(&self) -> &Arc<BotCtx> {
        &self.inner.ctx
    }

    /// A dispatcher running at most `max_chats` chats at once.
    pub fn new(ctx: Arc<BotCtx>, max_chats: usize) -> Self {
        let limiter = RateLimiter::new(ctx.rate);
        Dispatcher {
            inner: Arc::new(Inner {
                ctx,
                running: Mutex::new(HashMap::new()),
                permits: Semaphore::new(max_chats),
                tracker: TaskTracker::new(),
                limiter: Mutex::new(limiter),
            }),
        }
    }

    /// Makes sure a worker runs for `chat`.
    pub fn kick(&self, chat: Option<i64>) {
        let mut running = self.inner.running.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(more) = running.get_mut(&chat) {
            *more = true;
            return;
        }
        running.insert(chat, false);
        drop(running);
        let this = self.clone();
        self.inner
            .tracker
            .spawn(async move { this.drain(chat).await });
    }

    async fn drain(self, chat: Option<i64>) {
        let Ok(_permit) = self.inner.permits.acquire().await else {
            return;
        };
        let mut unavailable = Duration::from_millis(100);
        let mut held = 0u32;
        loop {
            match self.work_once(chat).await {
                Ok(Worked::Handled) => {
                    unavailable = Duration::from_millis(100);
                    held = 0;
                }
                Ok(Worked::Held) if held < 600 => {
                    held += 1;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Ok(Worked::Empty | Worked::Held) => {
                    let mut running = self.inner.running.lock().unwrap_or_else(|e| e.into_inner());
                    if running.get(&chat) == Some(&true) {
                        running.insert(chat, false);
                        continue;
                    }
                    running.remove(&chat);
                    return;
                }
                Err(e) => {
                    tracing::warn!(error = %e, wait_ms = unavailable.as_millis() as u64, "store unavailable; the update waits");
                    tokio::time::sleep(unavailable).await;
                    unavailable = (unavailable * 2).min(Duration::from_secs(5));
                }
            }
        }
    }

    /// Handles the chat's oldest pending update as one unit of work. `Err` only when the
    /// store is unavailable (the caller waits and tries again).
    async fn work_once(&self, chat: Option<i64>) -> Result<Worked, StoreError> {
        let ctx = self.inner.ctx.clone();
        let limiter_admit = {
            let this = self.clone();
            move |user: i64, at: DateTime<Utc>| {
                let mut l = this.inner.limiter.lock().unwrap_or_else(|e| e.into_inner());
                l.admit(user, at)
            }
        };
        // Its own task, so a panicking handler rolls back its transaction and costs one attempt.
        let task = tokio::spawn(async move { unit_of_work(&ctx, chat, limiter_admit).await });
        match task.await {
            Ok(Ok(Some((worked, rows, poke)))) => {
                let outbox = &self.inner.ctx.outbox;
                outbox.deliver(rows).await;
                if poke {
                    outbox.poke();
                }
                Ok(worked)
            }
            Ok(Ok(None)) => Ok(Worked::Handled),
            Ok(Err(Failure::Unavailable(e))) => Err(e),
            Ok(Err(Failure::Update(update_id, why))) => {
                self.failed_attempt(update_id, &why).await?;
                Ok(Worked::Handled)
            }
            Err(join) => {
                // The update that panicked is the chat's oldest pending one.
                let pending = self.oldest(chat).await?;
                if let Some(p) = pending {
                    self.failed_attempt(p.update_id, &format!("handler panicked: {join}"))
                        .await?;
                }
                Ok(Worked::Handled)
            }
        }
    }

    async fn oldest(&self, chat: Option<i64>) -> Result<Option<PendingUpdate>, StoreError> {
        let tx = self.inner.ctx.store.begin().await?;
        tx.inbox_next(chat).await
    }

    /// Counts a failed attempt; at the limit, closes the update as failed and tells the
    /// user the truth (what they sent was not recorded), in one transaction.
    async fn failed_attempt(&self, update_id: i64, why: &str) -> Result<(), StoreError> {
        tracing::warn!(update_id, error = %why, "handling failed");
        let ctx = &self.inner.ctx;
        let tx = ctx.store.begin().await?;
        tx.inbox_attempt(update_id).await?;
        self.finish_attempt(tx, update_id).await
    }

    async fn finish_attempt(&self, tx: store::Tx, update_id: i64) -> Result<(), StoreError> {
        let ctx = &self.inner.ctx;
        let row = tx.inbox_row(update_id).await?;
        let Some(row) = row else {
            return tx.commit().await;
        };
        if row.attempts < MAX_ATTEMPTS {
            tx.commit().await?;
            // Wait outside the transaction: the store stays free for other chats.
            let pause = 100 * 4u64.pow(row.attempts.clamp(0, 4) as u32);
            tokio::time::sleep(Duration::from_millis(pause)).await;
            return Ok(());
        }
        tracing::error!(
            update_id,
            "giving up on an update after {MAX_ATTEMPTS} attempts"
        );
        let now = ctx.clock.now();
        tx.inbox_finish(update_id, InboxOutcome::Failed, now.timestamp())
            .await?;
        crate::metrics::handle();
        metrics::counter!(crate::metrics::UPDATES_HANDLED, "outcome" => "failed").increment(1);
        let mut rows = Vec::new();
        if let Some(update) = api::parse_update(&row.payload)
            && let Some(chat) = update.chat().map(|c| c.id.0)
        {
            let lang = update
                .from()
                .and_then(|u| u.language_code.as_deref())
                .map(Lang::from_code)
                .unwrap_or_default();
            let user = crate::domain::user::User::unknown(chat);
            let c = Ctx {
                bot: ctx,
                tx: &tx,
                user,
                lang,
                now,
                chat,
                update_id,
                keyboard: None,
                out: Outgoing::default(),
            };
            c.send(&c.t("error-not-recorded"), None).await;
            if let Some(id) = callback_id(&update) {
                c.answer(&id, Some(&c.t("error-not-recorded"))).await;
            }
            rows = c.out.finish()?;
        }
        tx.commit().await?;
        ctx.outbox.deliver(rows).await;
        Ok(())
    }

    /// Handles what an earlier run left unfinished, before anything new.
    ///
    /// On SQLite (one process per file) a run that did not stop cleanly counts one attempt
    /// on each chat's oldest pending update: it may be the one that brought the process
    /// down, and must not do so forever.
    pub async fn resume(&self) -> anyhow::Result<usize> {
        let store = &self.inner.ctx.store;
        let tx = store.begin().await?;
        let chats = tx.inbox_pending_chats().await?;
        if let crate::store::Db::Sqlite(_) = store {
            if tx.kv_get(RUNNING).await?.as_deref() == Some("1") {
                for chat in &chats {
                    if let Some(p) = tx.inbox_next(*chat).await? {
                        tx.inbox_attempt(p.update_id).await?;
                    }
                }
            }
            tx.kv_set(RUNNING, "1").await?;
        }
        tx.commit().await?;
        let count = chats.len();
        for chat in chats {
            self.kick(chat);
        }
        if count > 0 {
            tracing::info!(chats = count, "resuming unfinished updates");
        }
        Ok(count)
    }

    /// Stores a received batch, then wakes the chats' workers. Returns once it is durable.
    /// Unreadable updates are stored as failed; repeated ids are ignored.
    pub async fn receive(&self, batch: &[RawUpdate]) -> Result<(), StoreError> {
        let ctx = &self.inner.ctx;
        let now = ctx.clock.now().timestamp();
        let mut rows = Vec::with_capacity(batch.len());
        let mut unreadable = Vec::new();
        for raw in batch {
            let Some(update_id) = raw.update_id else {
                continue;
            };
            match api::parse_update(&raw.json) {
                Some(update) => rows.push(InboxRow {
                    update_id,
                    chat_id: update.chat().map(|c| c.id.0),
                    payload: raw.json.clone(),
                }),
                None => unreadable.push(update_id),
            }
        }
        let tx = ctx.store.begin().await?;
        let fresh = tx.inbox_insert(&rows, now).await?;
        for id in &unreadable {
            if tx.inbox_insert_unreadable(*id, now).await? {
                tracing::warn!(update_id = id, "unreadable update stored as failed");
            }
        }
        tx.commit().await?;
        crate::metrics::handle();
        let mut counted = std::collections::HashSet::new();
        for row in rows {
            // A batch may carry the same update twice: the second is a repeat too.
            if fresh.contains(&row.update_id) && counted.insert(row.update_id) {
                metrics::counter!(crate::metrics::UPDATES_RECEIVED).increment(1);
                self.kick(row.chat_id);
            } else {
                metrics::counter!(crate::metrics::UPDATES_DUPLICATE).increment(1);
                tracing::debug!(update_id = row.update_id, "repeated delivery ignored");
            }
        }
        if !unreadable.is_empty() {
            let n = unreadable.len() as u64;
            metrics::counter!(crate::metrics::UPDATES_RECEIVED).increment(n);
            metrics::counter!(crate::metrics::UPDATES_HANDLED, "outcome" => "failed").increment(n);
        }
        Ok(())
    }

    /// Waits (up to `limit`) for the running workers to finish; when all did, records a
    /// clean stop.
    pub async fn drain_all(&self, limit: Duration) {
        self.inner.tracker.close();
        if tokio::time::timeout(limit, self.inner.tracker.wait())
            .await
            .is_err()
        {
            tracing::warn!("shutdown: unfinished updates stay in the inbox for the next start");
            return;
        }
        let store = &self.inner.ctx.store;
        if let crate::store::Db::Sqlite(_) = store {
            let clean = async {
                let tx = store.begin().await?;
                tx.kv_set(RUNNING, "0").await?;
                tx.commit().await
            };
            if let Err(e) = clean.await {
                tracing::warn!(error = %e, "could not record a clean stop");
            }
        }
    }
}

/// The id of a button press, to answer it.
fn callback_id(update: &Update) -> Option<String> {
    match &update.kind {
        teloxide_core::types::UpdateKind::CallbackQuery(q) => Some(q.id.0.clone()),
        _ => None,
    }
}

/// Why a unit of work did not commit.
enum Failure {
    /// The store could not take it: wait and try again.
    Unavailable(StoreError),
    /// The update failed on itself.
    Update(i64, String),
}

/// What a committed unit of work left to do: rows to send, and whether to wake the pump.
type Committed = (Worked, Vec<store::outbox::OutRow>, bool);

/// One transaction: take the chat's next update, handle it, close it, commit.
async fn unit_of_work(
    ctx: &Arc<BotCtx>,
    chat: Option<i64>,
    admit: impl Fn(i64, DateTime<Utc>) -> Admit,
) -> Result<Option<Committed>, Failure> {
    let tx = ctx.store.begin().await.map_err(Failure::Unavailable)?;
    if !tx.hold_chat(chat).await.map_err(Failure::Unavailable)? {
        return Ok(Some((Worked::Held, Vec::new(), false)));
    }
    let Some(pending) = tx.inbox_next(chat).await.map_err(Failure::Unavailable)? else {
        return Ok(Some((Worked::Empty, Vec::new(), false)));
    };
    let id = pending.update_id;
    let started = std::time::Instant::now();
    tracing::debug!(update_id = id, "handling");
    let handled_at = ctx.clock.now();
    let mut outcome = "ok";
    let out = match api::parse_update(&pending.payload) {
        None => {
            outcome = "failed";
            tracing::warn!(update_id = id, "unreadable update closed as failed");
            tx.inbox_finish(id, InboxOutcome::Failed, handled_at.timestamp())
                .await
                .map_err(Failure::Unavailable)?;
            Outgoing::default()
        }
        Some(update) => {
            let acted_at = acted_at(&update, pending.received_at, handled_at);
            let admitted = match update.from().map(|u| u.id.0 as i64) {
                Some(user) => admit(user, acted_at),
                None => Admit::Yes,
            };
            let result = router::handle(ctx, &tx, id, &update, acted_at, admitted).await;
            match result {
                Ok(out) => {
                    tx.inbox_finish(id, InboxOutcome::Done, handled_at.timestamp())
                        .await
                        .map_err(Failure::Unavailable)?;
                    out
                }
                Err(e) if store::is_unavailable(&e) => {
                    return Err(Failure::Unavailable(StoreError::Unavailable(format!(
                        "{e:#}"
                    ))));
                }
                Err(e) => return Err(Failure::Update(id, format!("{e:#}"))),
            }
        }
    };
    let poke = out.left_for_pump();
    let rows = out.finish().map_err(Failure::Unavailable)?;
    // Whether to come back for this chat, known now rather than by another transaction.
    let more = tx
        .inbox_pending_in(chat)
        .await
        .map_err(Failure::Unavailable)?;
    let touched = tx.schedule_touched();
    tx.commit().await.map_err(Failure::Unavailable)?;
    crate::metrics::handle();
    metrics::histogram!(crate::metrics::HANDLE_SECONDS).record(started.elapsed().as_secs_f64());
    metrics::counter!(crate::metrics::UPDATES_HANDLED, "outcome" => outcome).increment(1);
    if touched {
        ctx.schedule_changed.notify_one();
    }
    let worked = if more { Worked::Handled } else { Worked::Empty };
    Ok(Some((worked, rows, poke)))
}

/// When the user acted: a message's own date (a late delivery keeps its time), or when a
/// button press was received; never later than now.
fn acted_at(update: &Update, received_at: i64, now: DateTime<Utc>) -> DateTime<Utc> {
    use teloxide_core::types::UpdateKind;
    let at = match &update.kind {
        UpdateKind::Message(m) => Some(m.date),
        _ => DateTime::from_timestamp(received_at, 0),
    };
    at.map_or(now, |at| at.min(now))
}
