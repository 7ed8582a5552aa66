//! The HTTP side: routing `/bot{token}/{method}` and
//! `/file/bot{token}/{path}`, faults, flood control, stalls, recording and
//! `getUpdates`.

use std::pin::pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use tokio::net::TcpListener;

use crate::conn::{CuttableListener, Link};
use crate::json::TOKEN;
use crate::methods;
use crate::params;
use crate::rate::RateState;
use crate::reply::{Reply, respond};
use crate::state::Shared;
use crate::types::{Call, UploadedFile, as_i64};

/// Serves the fake API on `listener` until the runtime shuts down.
pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let app = Router::new()
        .fallback(handle)
        .layer(DefaultBodyLimit::max(params::BODY_LIMIT))
        .with_state(shared);
    // `axum::serve` only returns if the listener fails; nothing to report to.
    let listener = CuttableListener(listener);
    let _ = axum::serve(listener, app.into_make_service_with_connect_info::<Link>()).await;
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    if let Some(rest) = path.strip_prefix("/file/") {
        return download(&shared, rest);
    }
    let Some((bot, method)) = path.trim_start_matches('/').split_once('/') else {
        return respond(Reply::error(404, "Not Found"));
    };
    let Some(token) = percent_decode(bot).strip_prefix("bot").map(str::to_owned) else {
        return respond(Reply::error(404, "Not Found"));
    };
    if token != TOKEN {
        return respond(Reply::error(401, "Unauthorized"));
    }
    let method = percent_decode(method).to_ascii_lowercase();
    if method.is_empty() || method.contains('/') {
        return respond(Reply::not_found());
    }
    let link = request
        .extensions()
        .get::<ConnectInfo<Link>>()
        .map(|ConnectInfo(link)| link.clone());
    let reply = match params::read(request).await {
        Ok((params, files)) => dispatch(&shared, method, params, files).await,
        Err(problem) => Reply::bad_request(&problem),
    };
    if let (Reply::Drop, Some(link)) = (&reply, link) {
        // The (empty) response below is never written.
        link.cut();
    }
    respond(reply)
}

/// Answers a call: an injected fault, a 429 of flood control, or (after a
/// stall) the emulated method.
async fn dispatch(
    shared: &Arc<Shared>,
    method: String,
    params: Value,
    files: Vec<UploadedFile>,
) -> Reply {
    if method == "getupdates" {
        return get_updates(shared, &params).await;
    }
    let at = Instant::now();
    let recorded = method != "getme";
    let chat = params.get("chat_id").and_then(as_i64);
    let call = |params: Value, files: Vec<UploadedFile>, reply: Option<&Reply>, message_id| Call {
        method: method.clone(),
        params,
        files,
        at,
        message_id,
        fault: false,
        error_code: reply.and_then(Reply::error_code),
    };
    let stalled_index = {
        let mut inner = shared.lock();
        if let Some(fault) = inner.take_fault(&method, chat) {
            let reply = Reply::from_fault(&fault);
            if recorded {
                inner.record(Call {
                    fault: true,
                    ..call(params, files, Some(&reply), None)
                });
            }
            drop(inner);
            shared.call_recorded.notify_waiters();
            return reply;
        }
        // Taken under the lock, so the arrivals flood control keeps are in
        // order even when requests race.
        if RateState::counts(&method)
            && let Err(refusal) = inner.rate.admit(chat, Instant::now())
        {
            let reply = Reply::too_many_requests(refusal.retry_after);
            inner.record(call(params, files, Some(&reply), None));
            drop(inner);
            shared.call_recorded.notify_waiters();
            return reply;
        }
        if !inner.stalled.contains(&method) {
            let (reply, message_id) = methods::execute(&mut inner, &method, &params, &files);
            if recorded {
                inner.record(call(params, files, Some(&reply), message_id));
            }
            drop(inner);
            shared.call_recorded.notify_waiters();
            return reply;
        }
        if recorded {
            inner.record(call(params.clone(), files.clone(), None, None))
        } else {
            None
        }
    };
    shared.call_recorded.notify_waiters();
    // The held call runs in its own task, so it is executed on unstall even
    // if the client gave up meanwhile (like Telegram, which does not notice
    // a client timeout).
    let shared = Arc::clone(shared);
    let held = tokio::spawn(async move {
        wait_unstalled(&shared, &method).await;
        let mut inner = shared.lock();
        let (reply, message_id) = methods::execute(&mut inner, &method, &params, &files);
        if let Some(call) = stalled_index.and_then(|index| inner.calls.get_mut(index)) {
            call.message_id = message_id;
            call.error_code = reply.error_code();
        }
        reply
    });
    // A join error means the runtime is shutting down; avoid a 5xx anyway.
    held.await
        .unwrap_or_else(|_| Reply::bad_request("the fake is shutting down"))
}

/// Waits until `method` is not stalled.
async fn wait_unstalled(shared: &Shared, method: &str) {
    loop {
        let mut unstalled = pin!(shared.unstalled.notified());
        unstalled.as_mut().enable();
        if !shared.lock().stalled.contains(method) {
            return;
        }
        unstalled.await;
    }
}

/// `getUpdates`: confirms updates before `offset`, then answers pending
/// updates at once or holds the request until one is pushed or `timeout`
/// seconds passed.
async fn get_updates(shared: &Shared, params: &Value) -> Reply {
    let arrived = Instant::now();
    let offset = params.get("offset").and_then(as_i64);
    let limit = params
        .get("limit")
        .and_then(as_i64)
        .unwrap_or(100)
        .clamp(1, 100);
    let limit = usize::try_from(limit).unwrap_or(100);
    // Telegram takes whole seconds; the fake also takes fractions, so tests
    // can long-poll for a few milliseconds.
    let timeout = params
        .get("timeout")
        .and_then(seconds)
        .unwrap_or(0.0)
        .clamp(0.0, 3600.0);
    let deadline = Instant::now() + Duration::from_secs_f64(timeout);
    let allowed = params
        .get("allowed_updates")
        .and_then(Value::as_array)
        .map(|kinds| {
            kinds
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect::<std::collections::HashSet<_>>()
        });
    let stalled = {
        let mut inner = shared.lock();
        inner.get_updates_count += 1;
        if inner.recording {
            inner.get_updates_times.push(arrived);
        }
        if let Some(fault) = inner.take_fault("getupdates", None) {
            return Reply::from_fault(&fault);
        }
        if let Some(offset) = offset {
            inner.confirm(offset);
        }
        if let Some(allowed) = allowed {
            inner.allowed_updates = Some(allowed).filter(|kinds| !kinds.is_empty());
        }
        inner.stalled.contains("getupdates")
    };
    if stalled {
        wait_unstalled(shared, "getupdates").await;
    }
    loop {
        let mut pushed = pin!(shared.updates_pushed.notified());
        pushed.as_mut().enable();
        let updates = shared.lock().take_updates(limit);
        if !updates.is_empty() {
            return updates_reply(&updates);
        }
        if tokio::time::timeout_at(deadline.into(), pushed)
            .await
            .is_err()
        {
            return updates_reply(&[]);
        }
    }
}

/// The `getUpdates` result, assembled as text so that raw updates are sent
/// as they were pushed.
fn updates_reply(updates: &[String]) -> Reply {
    Reply::OkRaw(format!("[{}]", updates.join(",")))
}

/// A finite number of seconds, sent as a number or a numeric string.
fn seconds(value: &Value) -> Option<f64> {
    let seconds = match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    };
    seconds.filter(|seconds: &f64| seconds.is_finite())
}

/// `GET /file/bot{token}/{file_path}`.
fn download(shared: &Shared, rest: &str) -> Response {
    let Some((bot, file_path)) = rest.split_once('/') else {
        return respond(Reply::error(404, "Not Found"));
    };
    if percent_decode(bot).strip_prefix("bot") != Some(TOKEN) {
        return respond(Reply::error(401, "Unauthorized"));
    }
    let file_path = percent_decode(file_path);
    let inner = shared.lock();
    let file = inner
        .file_paths
        .get(&file_path)
        .and_then(|file_id| inner.files.get(file_id));
    match file {
        Some(file) => {
            let bytes = file.bytes.as_ref().clone();
            ([(header::CONTENT_TYPE, "application/octet-stream")], bytes).into_response()
        }
        None => respond(Reply::error(404, "Not Found")),
    }
}

/// Decodes `%XX` escapes (invalid ones are kept as they are).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
