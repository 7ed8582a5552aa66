//! Long polling (the default way in; a webhook comes later): getUpdates, each batch
//! stored in the inbox by the [`Dispatcher`] before the offset moves past it. With several
//! replicas on PostgreSQL exactly one polls: the one holding the poller lease; the others
//! wait and take over within about a second of its death.

use super::api::Answer;
use super::intake::Dispatcher;
use crate::store::lease::{Lease, POLLER};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Long polling: fetch, store, then confirm (by asking with the next offset). A 429 is
/// waited out in full; other failures back off up to 30 s.
pub async fn poll(dispatcher: Dispatcher, timeout_secs: u32, shutdown: CancellationToken) {
    let ctx = dispatcher.ctx().clone();
    let mut lease = Lease::new(ctx.store.clone(), POLLER);
    let mut waiting = false;
    while !lease.hold().await {
        if !waiting {
            tracing::info!("another replica polls; waiting to take over");
            waiting = true;
        }
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
    let api = ctx.poll_api.clone();
    let deleted = api
        .call("deleteWebhook", &serde_json::json!({}), None)
        .await;
    if !matches!(deleted, Answer::Ok(_)) {
        tracing::warn!(answer = ?deleted, "deleteWebhook failed; polling anyway");
    }
    let mut offset: i64 = 0;
    let mut backoff = Duration::from_millis(500);
    tracing::info!("polling for updates");
    loop {
        if !lease.hold().await {
            tracing::warn!("poller lease lost; waiting to take it again");
            while !lease.hold().await {
                tokio::select! {
                    _ = shutdown.cancelled() => return,
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
            }
        }
        let result = tokio::select! {
            _ = shutdown.cancelled() => break,
            r = api.get_updates(offset, timeout_secs) => r,
        };
        let batch = match result {
            Ok(batch) => batch,
            Err(answer) => {
                let wait = match answer {
                    Answer::RetryAfter(wait) => wait,
                    _ => backoff,
                };
                tracing::warn!(answer = ?answer, wait_ms = wait.as_millis() as u64, "getUpdates failed");
                tokio::select! {
                    _ = shutdown.cancelled() => break,
                    _ = tokio::time::sleep(wait) => {}
                }
                backoff = (backoff * 2).min(Duration::from_secs(30));
                continue;
            }
        };
        backoff = Duration::from_millis(500);
        tracing::debug!(updates = batch.len(), "received");
        let Some(last) = batch.iter().filter_map(|u| u.update_id).max() else {
            continue;
        };
        // Keep trying to store the batch: the offset moves only once it is durable.
        let mut wait = Duration::from_millis(100);
        loop {
            match dispatcher.receive(&batch).await {
                Ok(()) => break,
                Err(e) => {
                    tracing::error!(error = %e, "could not store updates; retrying");
                    tokio::select! {
                        _ = shutdown.cancelled() => return,
                        _ = tokio::time::sleep(wait) => {}
                    }
                    wait = (wait * 2).min(Duration::from_secs(5));
                }
            }
        }
        offset = last.saturating_add(1);
    }
    lease.release().await;
    tracing::info!("polling stopped");
}
