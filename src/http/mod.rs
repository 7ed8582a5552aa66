//! The HTTP side: `/health` (liveness: the process answers) and `/health/ready`
//! (readiness: 503 while the database does not answer). Later: metrics, webhook, API.

use crate::store::Store;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};
use std::sync::Arc;

/// The router, given the store it checks.
pub fn router(store: Arc<dyn Store>) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/health/ready", get(ready))
        .with_state(store)
}

async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

async fn ready(State(store): State<Arc<dyn Store>>) -> (StatusCode, Json<Value>) {
    match store.ping().await {
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
