//! The broadcast enqueuer: an admin's confirmed broadcast, once due, goes into the
//! outbox's scheduled lane in batches of [`BATCH`] users (each batch its own short
//! transaction, one row per user under the dedup key `broadcast:<id>:<user>`, so nothing
//! is queued twice even if two replicas run this at once). The scheduled lane's sender
//! drains them at `HEADLOG_SCHEDULED_PER_SECOND`, handling 429 and 403; a broadcast keeps
//! at most a minute's worth of sends waiting, so a long one never outlives the lane's
//! lateness while it waits.

use super::BotCtx;
use crate::store::StoreResult;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Users a batch covers.
pub const BATCH: i64 = 1000;
/// The longest sleep between two looks for due broadcasts.
const IDLE: Duration = Duration::from_secs(30);

/// Enqueues due broadcasts until `shutdown`.
pub async fn run(ctx: Arc<BotCtx>, per_second: u32, shutdown: CancellationToken) {
    loop {
        let wait = match step(&ctx, per_second, &shutdown).await {
            Ok(wait) => wait,
            Err(e) => {
                tracing::warn!(error = %e, "broadcasts: store unavailable");
                Duration::from_secs(1)
            }
        };
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = ctx.broadcast_wake.notified() => {}
            _ = tokio::time::sleep(wait) => {}
        }
    }
}

/// Enqueues what may be enqueued now; returns how long to sleep.
async fn step(
    ctx: &BotCtx,
    per_second: u32,
    shutdown: &CancellationToken,
) -> StoreResult<Duration> {
    // Broadcasts are sent by the delivery clock (the wall clock), as the outbox is.
    let now = ctx.outbox.now();
    let window = (i64::from(per_second) * 60).max(2 * BATCH);
    let ids = ctx
        .store
        .run(async |tx| tx.broadcasts_to_enqueue(now).await)
        .await?;
    let mut waiting = false;
    for id in ids {
        while !shutdown.is_cancelled() {
            let pending = ctx
                .store
                .run(async |tx| tx.broadcast_pending(id).await)
                .await?;
            if pending >= window {
                waiting = true;
                break;
            }
            let added = ctx
                .store
                .run(async |tx| {
                    let n = tx.broadcast_enqueue_batch(id, BATCH, now).await?;
                    if n.is_some_and(|n| n > 0) {
                        tx.notify_scheduled().await?;
                    }
                    Ok(n)
                })
                .await?;
            match added {
                Some(n) => {
                    if n > 0 {
                        ctx.outbox.poke_scheduled();
                    }
                }
                None => {
                    tracing::info!(broadcast = id, "broadcast fully enqueued");
                    break;
                }
            }
        }
    }
    if waiting {
        return Ok(Duration::from_secs(1));
    }
    let next = ctx
        .store
        .run(async |tx| tx.next_broadcast_due().await)
        .await?;
    Ok(match next {
        Some(at) if at > now => Duration::from_secs((at - now) as u64).min(IDLE),
        Some(_) => Duration::from_secs(1),
        None => IDLE,
    })
}
