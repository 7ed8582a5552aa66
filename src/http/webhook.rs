//! Webhook mode (TELEGRAM.md "Decisions"): Telegram POSTs each update to
//! `HEADLOG_WEBHOOK_URL`'s path. A request is answered 2xx only once its update is in the
//! inbox, so an update Telegram was told about is never lost: a wrong or missing
//! `X-Telegram-Bot-Api-Secret-Token` (compared in constant time) is 401, a body that is
//! not an update 400, a body over [`MAX_BODY`] 413, a store that cannot take it now 503
//! (Telegram retries). A repeated delivery is stored once (the inbox is unique on
//! `update_id`) and answered 200. Handling then goes through the same inbox, per-chat order
//! and unit of work as long polling, so several replicas behind one load balancer share
//! the work.

use crate::bot::api::RawUpdate;
use crate::bot::intake::Dispatcher;
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// The largest body accepted: Telegram's updates are a few kilobytes; a text message is at
/// most 4096 characters.
pub const MAX_BODY: usize = 1024 * 1024;

/// The header Telegram sends the secret in.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

struct Hook {
    dispatcher: Dispatcher,
    secret: SecretString,
}

/// The webhook route at `path`, storing updates through `dispatcher`.
pub fn router(path: &str, dispatcher: Dispatcher, secret: SecretString) -> Router {
    let hook = Arc::new(Hook { dispatcher, secret });
    Router::new()
        .route(path, post(receive))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(hook)
}

fn error(status: StatusCode, key: &str) -> (StatusCode, Json<Value>) {
    (status, Json(json!({ "error": key })))
}

async fn receive(
    State(hook): State<Arc<Hook>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, Json<Value>) {
    let given = headers
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    let expected = hook.secret.expose_secret().as_bytes();
    if !bool::from(given.ct_eq(expected)) {
        tracing::warn!("webhook request with a wrong or missing secret token");
        return error(StatusCode::UNAUTHORIZED, "unauthorized");
    }
    #[derive(serde::Deserialize)]
    struct IdOnly {
        update_id: i64,
    }
    let Ok(id) = serde_json::from_slice::<IdOnly>(&body) else {
        tracing::warn!(bytes = body.len(), "webhook body is not an update");
        return error(StatusCode::BAD_REQUEST, "not_an_update");
    };
    let Ok(text) = std::str::from_utf8(&body) else {
        return error(StatusCode::BAD_REQUEST, "not_an_update");
    };
    let raw = RawUpdate {
        update_id: Some(id.update_id),
        json: text.to_owned(),
    };
    match hook.dispatcher.receive(&[raw]).await {
        Ok(()) => (StatusCode::OK, Json(json!({}))),
        Err(e) => {
            tracing::error!(error = %e, update_id = id.update_id, "could not store a webhook update; Telegram will retry");
            error(StatusCode::SERVICE_UNAVAILABLE, "store_unavailable")
        }
    }
}

/// Calls setWebhook (the URL, its secret, every update kind the bot handles) until
/// Telegram accepts it, backing off up to 30 s; gives up only on shutdown.
pub async fn register(
    api: crate::bot::api::BotApi,
    url: url::Url,
    secret: SecretString,
    shutdown: tokio_util::sync::CancellationToken,
) {
    let params = json!({
        "url": url.as_str(),
        "secret_token": secret.expose_secret(),
        "allowed_updates": ["message", "callback_query", "my_chat_member"],
        "drop_pending_updates": false,
    });
    let mut wait = std::time::Duration::from_millis(500);
    loop {
        match api.call("setWebhook", &params, None).await {
            crate::bot::api::Answer::Ok(_) => {
                tracing::info!("webhook set; receiving updates over HTTP");
                return;
            }
            answer => {
                tracing::warn!(answer = ?answer, "setWebhook failed; trying again");
            }
        }
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(wait) => {}
        }
        wait = (wait * 2).min(std::time::Duration::from_secs(30));
    }
}
