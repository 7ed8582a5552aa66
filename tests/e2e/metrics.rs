//! `/metrics`: Prometheus text with the counters of what happened (updates received,
//! handled; messages sent and 429 per lane; the handling latency histogram) and
//! the store's gauges (outbox depth and lag per lane, active users, connections). The
//! recorder is one per process and the tests run together, so counters are compared
//! before and after what this test does, never as absolute numbers. With
//! `HEADLOG_METRICS_ADDR` the metrics leave the main listener for their own address.

use crate::db::Backend;
use crate::harness::{TestApp, on_both_stores, wait_calls};
use fakebot::Fault;
use headlog::domain::lang::Lang;
use std::collections::HashMap;
use std::time::Duration;

on_both_stores!(
    metrics_count_what_happened_and_read_the_store,
    metrics_move_to_their_own_address_when_configured,
);

/// GET `path`: status and body.
async fn get(addr: std::net::SocketAddr, path: &str) -> (u16, String, String) {
    let r = reqwest::get(format!("http://{addr}{path}")).await.unwrap();
    let status = r.status().as_u16();
    let kind = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, kind, r.text().await.unwrap())
}

/// Every sample of a Prometheus text: `name{labels}` → value.
fn samples(text: &str) -> HashMap<String, f64> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (name, value) = l.rsplit_once(' ')?;
            Some((name.to_owned(), value.parse().ok()?))
        })
        .collect()
}

async fn scrape(app: &TestApp) -> (String, HashMap<String, f64>) {
    let (status, kind, text) = get(app.http, "/metrics").await;
    assert_eq!(status, 200, "{text}");
    assert!(kind.starts_with("text/plain"), "{kind}");
    let s = samples(&text);
    (text, s)
}

fn at(s: &HashMap<String, f64>, key: &str) -> f64 {
    s.get(key).copied().unwrap_or(0.0)
}

async fn metrics_count_what_happened_and_read_the_store(b: Backend) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let (_, before) = scrape(&app).await;
    let user = app.user(720, Lang::En);
    app.onboard(&user, chrono_tz::UTC).await;
    // Telegram answers the first reply with 429 once; it goes out after the wait.
    app.fake
        .fail("sendMessage", Fault::TooManyRequests { retry_after: 1 }, 1);
    app.fake.send_text(&user, "/help");
    wait_calls(&app.fake, 0, 2, Duration::from_secs(10), |c| {
        c.method == "sendmessage" && c.chat_id() == Some(720)
    })
    .await;
    // (Repeated deliveries are counted in webhook.rs, where the test delivers them.)

    let (text, after) = scrape(&app).await;
    for (kind, name) in [
        ("counter", "headlog_updates_received_total"),
        ("counter", "headlog_updates_handled_total"),
        ("counter", "headlog_messages_total"),
        ("histogram", "headlog_update_handle_seconds"),
        ("gauge", "headlog_outbox_depth"),
        ("gauge", "headlog_outbox_lag_seconds"),
        ("gauge", "headlog_active_users"),
        ("gauge", "headlog_store_connections"),
    ] {
        assert!(
            text.contains(&format!("# TYPE {name} {kind}")),
            "{name} {kind} in {text}"
        );
    }
    let grew = |key: &str| at(&after, key) - at(&before, key);
    assert!(grew("headlog_updates_received_total") >= 1.0, "{text}");
    assert!(
        grew("headlog_updates_handled_total{outcome=\"ok\"}") >= 1.0,
        "{text}"
    );
    assert!(grew("headlog_update_handle_seconds_count") >= 1.0, "{text}");
    assert!(
        grew("headlog_messages_total{lane=\"reply\",outcome=\"sent\"}") >= 1.0,
        "{text}"
    );
    assert!(
        grew("headlog_messages_total{lane=\"reply\",outcome=\"rate_limited\"}") >= 1.0,
        "{text}"
    );
    assert!(
        after.contains_key("headlog_update_handle_seconds_bucket{le=\"0.005\"}"),
        "{text}"
    );
    for lane in ["reply", "scheduled"] {
        assert!(
            after.contains_key(&format!("headlog_outbox_depth{{lane=\"{lane}\"}}")),
            "{text}"
        );
        assert!(
            at(
                &after,
                &format!("headlog_outbox_lag_seconds{{lane=\"{lane}\"}}")
            ) >= 0.0
        );
    }
    assert!(at(&after, "headlog_active_users") >= 1.0, "{text}");
    assert!(
        at(&after, "headlog_store_connections{state=\"open\"}") >= 1.0,
        "{text}"
    );
    let labels: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            l.split_once('{')
                .map(|(_, rest)| rest.split('}').next().unwrap_or(""))
        })
        .collect();
    assert!(
        labels
            .iter()
            .all(|l| !l.contains("720") && !l.contains("chat") && !l.contains("user")),
        "no user id in any label: {labels:?}"
    );
    app.stop().await;
}

async fn metrics_move_to_their_own_address_when_configured(b: Backend) {
    let Some(app) = TestApp::spawn_with(b, &[("HEADLOG_METRICS_ADDR", "127.0.0.1:0")]).await else {
        return;
    };
    let own = app.metrics_addr.expect("a metrics address");
    let (status, _, text) = get(own, "/metrics").await;
    assert_eq!(status, 200);
    assert!(text.contains("# TYPE headlog_outbox_depth gauge"), "{text}");
    let (status, _, _) = get(app.http, "/metrics").await;
    assert_eq!(status, 404, "not on the main listener then");
    let (status, _, _) = get(own, "/health").await;
    assert_eq!(status, 404, "only metrics there");
    app.stop().await;
}
