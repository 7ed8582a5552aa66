//! The HTTP side: `/health` (liveness: the process answers) and `/health/ready`
//! (readiness: 200 only when a write would succeed now; 503 within a second otherwise).
//! [`webhook`] receives updates in webhook mode. Later: metrics, API.

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
