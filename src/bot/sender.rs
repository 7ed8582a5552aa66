//! The scheduled lane's sender: one per deployment (on PostgreSQL it holds the sender
//! lease, so three replicas never send 3 × 25/s), draining due scheduled messages in
//! order at the configured pace ([`super::pace`]): at most N a second overall, one a second
//! per chat, none to a chat whose replies are still going out, and a pause for Telegram's
//! `retry_after`. A few sends are in flight at once, so a high limit (paid broadcasts, up
//! to 1000/s) is reached over a real network too. Each row then ends as the reply lane's
//! do ([`super::outbox`]): sent, retried with back-off, expired or failed, each counted.

use super::outbox::Outbox;
use super::pace::Pace;
use crate::store::lease::{Lease, SENDER};
use crate::store::notify::Listener;
use crate::store::{Db, StoreResult};
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

/// Sends in flight at once.
const IN_FLIGHT: usize = 32;
/// How often a replica without the lease tries to take it.
const LEASE_RETRY: Duration = Duration::from_secs(1);

/// Drains the scheduled lane until `shutdown`.
pub async fn run(outbox: Arc<Outbox>, db: Db, per_second: u32, shutdown: CancellationToken) {
    let mut lease = Lease::new(db.clone(), SENDER);
    let mut queued_elsewhere = Listener::scheduled(&db).await;
    let mut pace = Pace::new(per_second);
    let mut holding = false;
    loop {
        if shutdown.is_cancelled() {
            break;
        }
        if !lease.hold().await {
            holding = false;
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = tokio::time::sleep(LEASE_RETRY) => continue,
            }
        }
        if !holding {
            holding = true;
            take_over(&outbox, &db).await;
            // The last holder may have sent a whole second's worth just before it stopped:
            // a new one starts a window later, so no second ever sees twice the limit.
            pace.pause(Instant::now(), super::pace::WINDOW);
        }
        let wait = match drain(&outbox, &db, &mut pace, per_second, &shutdown).await {
            Ok(wait) => wait,
            Err(e) => {
                tracing::warn!(error = %e, "scheduled sender: store unavailable");
                Duration::from_secs(1)
            }
        };
        if wait.is_zero() {
            continue;
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = outbox.scheduled_woken() => {}
            _ = queued_elsewhere.recv() => {}
            _ = tokio::time::sleep(wait) => {}
        }
    }
    lease.release().await;
}

/// A new holder first releases what the last one held when it stopped.
async fn take_over(outbox: &Outbox, db: &Db) {
    let taken = db
        .run(async |tx| tx.outbox_take_back_scheduled().await)
        .await;
    match taken {
        Ok(n) if n > 0 => {
            outbox.stats.resent.fetch_add(n, Ordering::Relaxed);
            tracing::warn!(
                rows = n,
                "scheduled messages in flight at the last stop are sent again"
            );
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "could not take back held scheduled messages"),
    }
}

/// Sends one batch of due rows; returns how long to wait before the next.
async fn drain(
    outbox: &Arc<Outbox>,
    db: &Db,
    pace: &mut Pace,
    per_second: u32,
    shutdown: &CancellationToken,
) -> StoreResult<Duration> {
    let now = outbox.now();
    let limit = i64::from(per_second.clamp(25, 500)) * 2;
    let rows = db
        .run(async |tx| tx.outbox_scheduled_due(now, limit).await)
        .await?;
    if rows.is_empty() {
        let next = db
            .run(async |tx| {
                tx.outbox_next_wake(crate::store::outbox::Lane::Scheduled)
                    .await
            })
            .await?;
        return Ok(match next {
            Some(at) if at > now => Duration::from_secs((at - now) as u64),
            Some(_) => Duration::from_millis(200),
            None => Duration::from_secs(3600),
        });
    }
    // One row per chat a batch, and only for chats not sent to within the last second.
    let start = Instant::now();
    let mut chats = HashSet::new();
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|r| pace.chat_ready(r.chat_id, start) && chats.insert(r.chat_id))
        .collect();
    if rows.is_empty() {
        return Ok(super::pace::PER_CHAT / 4);
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let hold = now + outbox.policy().claim_secs;
    db.run(async |tx| tx.outbox_claim_ids(&ids, hold).await)
        .await?;
    let mut flying = JoinSet::new();
    let mut rows = rows.into_iter();
    let mut next = rows.next();
    while let Some(row) = next.take() {
        if shutdown.is_cancelled() {
            break;
        }
        let wait = pace.wait(Instant::now());
        if !wait.is_zero() {
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                Some(done) = flying.join_next(), if !flying.is_empty() => {
                    if let Ok(Some(retry_after)) = done {
                        pace.pause(Instant::now(), retry_after);
                    }
                }
            }
            next = Some(row);
            continue;
        }
        if flying.len() >= IN_FLIGHT {
            if let Some(Ok(Some(retry_after))) = flying.join_next().await {
                pace.pause(Instant::now(), retry_after);
            }
            next = Some(row);
            continue;
        }
        pace.record(row.chat_id, Instant::now());
        let o = outbox.clone();
        flying.spawn(async move { o.send_scheduled(row).await });
        next = rows.next();
    }
    while let Some(done) = flying.join_next().await {
        if let Ok(Some(retry_after)) = done {
            pace.pause(Instant::now(), retry_after);
        }
    }
    // Rows not sent (shutdown) keep their hold until it lapses, then go to whoever holds
    // the lease.
    Ok(Duration::ZERO)
}
