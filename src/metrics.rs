//! Metrics in Prometheus text format (`/metrics`), through the `metrics` facade and its
//! Prometheus exporter (rendered by our own HTTP route: the exporter's listener and TLS
//! stack are left out). Counters and the latency histogram are recorded where things
//! happen (intake, workers, the outbox); the gauges (outbox depth and lag per lane, active
//! users, the store's connections) are read from the store when scraped, so every replica
//! reports the same shared figures beside its own counters. No label carries user data.

use crate::store::{Db, StoreError};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;

/// Updates stored in the inbox for the first time.
pub const UPDATES_RECEIVED: &str = "headlog_updates_received_total";
/// Deliveries of an update already stored (dropped by `update_id`).
pub const UPDATES_DUPLICATE: &str = "headlog_updates_duplicate_total";
/// Updates finished, by `outcome`: `ok`, or `failed` (unreadable, or given up on).
pub const UPDATES_HANDLED: &str = "headlog_updates_handled_total";
/// Seconds one update's unit of work took, handler and commit included.
pub const HANDLE_SECONDS: &str = "headlog_update_handle_seconds";
/// Messages to Telegram by `lane` (`reply`, `scheduled`) and `outcome`: `sent`, `failed`,
/// `expired`, `retried`, `rate_limited` (429) and `blocked` (403, also counted failed).
pub const MESSAGES: &str = "headlog_messages_total";
/// Messages waiting in the outbox, by `lane`.
pub const OUTBOX_DEPTH: &str = "headlog_outbox_depth";
/// How late the oldest due message of each `lane` is, in seconds (0 when none is late).
pub const OUTBOX_LAG: &str = "headlog_outbox_lag_seconds";
/// Distinct users who sent something in the last 24 hours.
pub const ACTIVE_USERS: &str = "headlog_active_users";
/// The store's connections by `state` (`open`, `idle`); SQLite has one writer.
pub const STORE_CONNECTIONS: &str = "headlog_store_connections";

/// The process's recorder, installed on first use (one per process: tests start several
/// applications in one, and they share it).
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(
                metrics_exporter_prometheus::Matcher::Full(HANDLE_SECONDS.to_owned()),
                &[
                    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                ],
            )
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed; /metrics shows none of ours");
        }
        describe();
        handle
    })
}

fn describe() {
    use metrics::{Unit, describe_counter, describe_gauge, describe_histogram};
    describe_counter!(
        UPDATES_RECEIVED,
        "Updates stored in the inbox for the first time"
    );
    describe_counter!(UPDATES_DUPLICATE, "Repeated deliveries of a stored update");
    describe_counter!(UPDATES_HANDLED, "Updates finished, by outcome");
    describe_histogram!(HANDLE_SECONDS, Unit::Seconds, "One update's unit of work");
    describe_counter!(MESSAGES, "Messages to Telegram, by lane and outcome");
    describe_gauge!(OUTBOX_DEPTH, "Messages waiting in the outbox, by lane");
    describe_gauge!(
        OUTBOX_LAG,
        Unit::Seconds,
        "How late the oldest due message is, by lane"
    );
    describe_gauge!(
        ACTIVE_USERS,
        "Users who sent something in the last 24 hours"
    );
    describe_gauge!(STORE_CONNECTIONS, "Store connections, by state");
}

/// Counts one outcome of a message of `lane`.
pub fn message(lane: &'static str, outcome: &'static str) {
    handle();
    metrics::counter!(MESSAGES, "lane" => lane, "outcome" => outcome).increment(1);
}

/// The metrics as Prometheus text, the store's gauges read now: `sent_now` on the
/// outbox's clock (the wall clock), `received_now` on the intake's (the diary clock).
pub async fn render(store: &Db, sent_now: i64, received_now: i64) -> Result<String, StoreError> {
    let handle = handle();
    let tx = store.begin().await?;
    let lanes = tx.outbox_pending_by_lane(sent_now).await?;
    let active = tx.active_users(received_now - 86_400).await?;
    tx.commit().await?;
    for lane in ["reply", "scheduled"] {
        let (depth, lag) = lanes
            .iter()
            .find(|(l, _, _)| l == lane)
            .map(|(_, d, lag)| (*d, *lag))
            .unwrap_or((0, 0));
        metrics::gauge!(OUTBOX_DEPTH, "lane" => lane).set(depth as f64);
        metrics::gauge!(OUTBOX_LAG, "lane" => lane).set(lag.max(0) as f64);
    }
    metrics::gauge!(ACTIVE_USERS).set(active as f64);
    let (open, idle) = store.connections();
    metrics::gauge!(STORE_CONNECTIONS, "state" => "open").set(open as f64);
    metrics::gauge!(STORE_CONNECTIONS, "state" => "idle").set(idle as f64);
    Ok(handle.render())
}
