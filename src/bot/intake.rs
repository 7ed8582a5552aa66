//! Intake, as TELEGRAM.md "Decisions" says: every received update is written to the inbox
//! (unique on update_id) before its offset is confirmed; handlers work from the inbox, in
//! order per chat, and close each row; at start-up, unfinished rows are handled first.
//!
//! Crash windows: an update received but not yet stored is delivered again by Telegram
//! (its offset was not confirmed); one stored but not yet closed is handled again at
//! start-up, and what it creates is keyed by its update_id, so nothing is doubled. Its
//! reply may be sent twice in that window; it is never lost.

use super::BotCtx;
use super::router;
use crate::store::{InboxOutcome, InboxRow};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use teloxide_core::payloads::GetUpdatesSetters;
use teloxide_core::prelude::Requester;
use teloxide_core::types::{AllowedUpdate, Update};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// Attempts before an update is given up on (the user is told; the row stays, marked).
const MAX_ATTEMPTS: i32 = 3;

/// One stored update waiting to be handled.
struct Job {
    update_id: i64,
    update: Option<Update>,
    attempts: i32,
}

/// Hands updates to handlers: one worker per chat at a time, so a chat's updates are
/// handled in order, while different chats proceed in parallel (bounded).
#[derive(Clone)]
pub struct Dispatcher {
    inner: Arc<Inner>,
}

struct Inner {
    ctx: Arc<BotCtx>,
    queues: Mutex<HashMap<i64, VecDeque<Job>>>,
    permits: Semaphore,
    tracker: TaskTracker,
}

impl Dispatcher {
    /// A dispatcher running at most `max_chats` chats at once.
    pub fn new(ctx: Arc<BotCtx>, max_chats: usize) -> Self {
        Dispatcher {
            inner: Arc::new(Inner {
                ctx,
                queues: Mutex::new(HashMap::new()),
                permits: Semaphore::new(max_chats),
                tracker: TaskTracker::new(),
            }),
        }
    }

    /// Queues a stored update behind the earlier ones of its chat.
    fn enqueue(&self, chat: Option<i64>, job: Job) {
        // Updates without a chat have no order to keep with anything: key them apart.
        let key = chat.unwrap_or(i64::MIN);
        let mut queues = self.inner.queues.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(queue) = queues.get_mut(&key) {
            queue.push_back(job);
            return;
        }
        queues.insert(key, VecDeque::from([job]));
        drop(queues);
        let this = self.clone();
        self.inner
            .tracker
            .spawn(async move { this.drain(key).await });
    }

    /// Works through one chat's queue; the entry exists exactly while a worker runs.
    async fn drain(self, key: i64) {
        let Ok(_permit) = self.inner.permits.acquire().await else {
            return;
        };
        loop {
            let job = {
                let mut queues = self.inner.queues.lock().unwrap_or_else(|e| e.into_inner());
                match queues.get_mut(&key).and_then(VecDeque::pop_front) {
                    Some(job) => job,
                    None => {
                        queues.remove(&key);
                        return;
                    }
                }
            };
            self.run(job).await;
        }
    }

    /// Handles one update, retrying a failed attempt; closes its inbox row.
    async fn run(&self, job: Job) {
        let ctx = &self.inner.ctx;
        let Some(update) = job.update else {
            tracing::warn!(
                update_id = job.update_id,
                "unreadable update closed as failed"
            );
            finish(ctx, job.update_id, InboxOutcome::Failed).await;
            return;
        };
        let update = Arc::new(update);
        let mut attempts = job.attempts;
        while attempts < MAX_ATTEMPTS {
            attempts += 1;
            // Its own task, so a panic in a handler is one failed attempt, not a dead chat.
            let ctx2 = ctx.clone();
            let upd = update.clone();
            let id = job.update_id;
            let outcome = tokio::spawn(async move { router::handle(&ctx2, id, &upd).await }).await;
            match outcome {
                Ok(Ok(())) => {
                    finish(ctx, job.update_id, InboxOutcome::Done).await;
                    return;
                }
                Ok(Err(e)) => tracing::warn!(
                    update_id = id,
                    attempt = attempts,
                    error = format!("{e:#}"),
                    "handling failed"
                ),
                Err(e) => {
                    tracing::error!(update_id = id, attempt = attempts, error = %e, "handler panicked")
                }
            }
            if let Err(e) = ctx.store.inbox_attempt(job.update_id).await {
                tracing::warn!(error = %e, "could not count an attempt");
            }
            tokio::time::sleep(Duration::from_millis(100 * 4u64.pow(attempts as u32))).await;
        }
        give_up(ctx, job.update_id, &update).await;
    }

    /// Handles what an earlier run left unfinished, before anything new.
    pub async fn resume(&self) -> anyhow::Result<usize> {
        let ctx = &self.inner.ctx;
        let rows = ctx.store.inbox_pending(100_000).await?;
        let count = rows.len();
        for row in rows {
            // A row that was being handled when the process died counts as an attempt,
            // so an update that crashes the process cannot do so forever.
            ctx.store.inbox_attempt(row.update_id).await?;
            let update = serde_json::from_str::<Update>(&row.payload).ok();
            let job = Job {
                update_id: row.update_id,
                update,
                attempts: row.attempts + 1,
            };
            self.enqueue(row.chat_id, job);
        }
        if count > 0 {
            tracing::info!(count, "resuming unfinished updates");
        }
        Ok(count)
    }

    /// Stores received updates, then queues the new ones. Returns once they are durable.
    pub async fn receive(&self, updates: &[Update]) -> anyhow::Result<()> {
        let ctx = &self.inner.ctx;
        let rows: Vec<InboxRow> = updates
            .iter()
            .map(|u| InboxRow {
                update_id: i64::from(u.id.0),
                chat_id: u.chat().map(|c| c.id.0),
                payload: serde_json::to_string(u).unwrap_or_default(),
                attempts: 0,
            })
            .collect();
        let fresh = ctx
            .store
            .inbox_insert(&rows, ctx.clock.now().timestamp())
            .await?;
        for (row, update) in rows.into_iter().zip(updates) {
            if fresh.contains(&row.update_id) {
                let job = Job {
                    update_id: row.update_id,
                    update: Some(update.clone()),
                    attempts: 0,
                };
                self.enqueue(row.chat_id, job);
            } else {
                tracing::debug!(update_id = row.update_id, "repeated delivery ignored");
            }
        }
        Ok(())
    }

    /// Waits (up to `limit`) for the queued updates to be handled.
    pub async fn drain_all(&self, limit: Duration) {
        self.inner.tracker.close();
        if tokio::time::timeout(limit, self.inner.tracker.wait())
            .await
            .is_err()
        {
            tracing::warn!("shutdown: unfinished updates stay in the inbox for the next start");
        }
    }
}

async fn finish(ctx: &BotCtx, update_id: i64, outcome: InboxOutcome) {
    let now = ctx.clock.now().timestamp();
    if let Err(e) = ctx.store.inbox_finish(update_id, outcome, now).await {
        // The row stays pending and is handled again at the next start (idempotently).
        tracing::warn!(update_id, error = %e, "could not close an inbox row");
    }
}

async fn give_up(ctx: &BotCtx, update_id: i64, update: &Update) {
    tracing::error!(
        update_id,
        "giving up on an update after {MAX_ATTEMPTS} attempts"
    );
    if let Some(chat) = update.chat().map(|c| c.id.0) {
        let lang = update
            .from()
            .and_then(|u| u.language_code.as_deref())
            .map(crate::domain::lang::Lang::from_code)
            .unwrap_or_default();
        let text = ctx.i18n.t(lang, "error-internal");
        if let Err(e) = ctx.tg.send(chat, &text, None).await {
            tracing::warn!(chat, error = %e, "could not tell the user about a failure");
        }
    }
    finish(ctx, update_id, InboxOutcome::Failed).await;
}

/// Long polling: fetch, store, then confirm (by asking with the next offset).
pub async fn poll(dispatcher: Dispatcher, timeout_secs: u32, shutdown: CancellationToken) {
    let ctx = dispatcher.inner.ctx.clone();
    let bot = ctx.tg.bot().clone();
    if let Err(e) = bot.delete_webhook().await {
        tracing::warn!(error = %e, "deleteWebhook failed; polling anyway");
    }
    let mut offset: i32 = 0;
    let mut backoff = Duration::from_millis(500);
    tracing::info!("polling for updates");
    loop {
        let request = bot
            .get_updates()
            .offset(offset)
            .timeout(timeout_secs)
            .allowed_updates([
                AllowedUpdate::Message,
                AllowedUpdate::CallbackQuery,
                AllowedUpdate::MyChatMember,
            ]);
        let result = tokio::select! {
            _ = shutdown.cancelled() => break,
            r = request.into_future() => r,
        };
        let updates = match result {
            Ok(updates) => updates,
            Err(e) => {
                tracing::warn!(error = %e, wait_ms = backoff.as_millis() as u64, "getUpdates failed");
                tokio::select! {
                    _ = shutdown.cancelled() => break,
                    _ = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(Duration::from_secs(30));
                continue;
            }
        };
        backoff = Duration::from_millis(500);
        let Some(last) = updates.iter().map(|u| u.id.0).max() else {
            continue;
        };
        // Keep trying to store the batch: the offset moves only once it is durable.
        loop {
            match dispatcher.receive(&updates).await {
                Ok(()) => break,
                Err(e) => {
                    tracing::error!(
                        error = format!("{e:#}"),
                        "could not store updates; retrying"
                    );
                    tokio::select! {
                        _ = shutdown.cancelled() => return,
                        _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    }
                }
            }
        }
        offset = i32::try_from(last).unwrap_or(i32::MAX).saturating_add(1);
    }
    tracing::info!("polling stopped");
}
