//! The HTTP side: `/health` (liveness: the process answers) and `/health/ready`
//! (readiness: 200 only when a write would succeed now; 503 within a second otherwise).
//! [`webhook`] receives updates in webhook mode; [`metrics_router`] serves `/metrics`
//! (on this listener, or on its own address when `HEADLOG_METRICS_ADDR` is set); [`api`] is
//! the REST API, [`doctor`] the doctor links' pages, [`admin`] the admin page.

pub mod admin;
pub mod api;
pub mod doctor;
pub mod webhook;

use crate::store::Db;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

/// The router, given the store it checks.
pub fn router(store: Db) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/health/ready", get(ready))
        .with_state(store)
}

/// `/metrics` in Prometheus text format, its store gauges read at each scrape
/// ([`crate::metrics::render`]); 503 when the store cannot be read.
pub fn metrics_router(store: Db, clock: std::sync::Arc<dyn crate::clock::Clock>) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .with_state((store, clock))
}

async fn metrics(
    State((store, clock)): State<(Db, std::sync::Arc<dyn crate::clock::Clock>)>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let wall = chrono::Utc::now().timestamp();
    let read = crate::metrics::render(&store, wall, clock.now().timestamp());
    match tokio::time::timeout(std::time::Duration::from_secs(2), read).await {
        Ok(Ok(text)) => (
            [(
                axum::http::header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            )],
            text,
        )
            .into_response(),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "metrics: the store could not be read");
            (StatusCode::SERVICE_UNAVAILABLE, "store unavailable\n").into_response()
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "store unavailable\n").into_response(),
    }
}

async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

async fn ready(State(store): State<Db>) -> (StatusCode, Json<Value>) {
    let check = tokio::time::timeout(std::time::Duration::from_secs(1), store.ready()).await;
    let result = check.unwrap_or_else(|_| {
        Err(crate::store::StoreError::Unavailable(
            "no answer within 1 s".into(),
        ))
    });
    match result {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({ "status": "ok", "database": "ok" })),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check: database unavailable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": "unavailable" })),
            )
        }
    }
}
