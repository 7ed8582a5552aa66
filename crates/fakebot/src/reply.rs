//! Answers in the Bot API's JSON envelope.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::types::Fault;

/// The answer to a request.
pub(crate) enum Reply {
    /// `{"ok":true,"result":..}`
    Ok(Value),
    /// `{"ok":false,"error_code":..,"description":..}`
    Err {
        code: u16,
        description: String,
        retry_after: Option<u32>,
    },
}

impl Reply {
    pub fn error(code: u16, description: impl Into<String>) -> Reply {
        Reply::Err {
            code,
            description: description.into(),
            retry_after: None,
        }
    }

    pub fn bad_request(what: &str) -> Reply {
        Reply::error(400, format!("Bad Request: {what}"))
    }

    pub fn not_found() -> Reply {
        Reply::error(404, "Not Found: method not found")
    }

    pub fn error_code(&self) -> Option<u16> {
        match self {
            Reply::Ok(_) => None,
            Reply::Err { code, .. } => Some(*code),
        }
    }

    pub fn from_fault(fault: &Fault) -> Reply {
        match fault {
            Fault::TooManyRequests { retry_after } => Reply::Err {
                code: 429,
                description: format!("Too Many Requests: retry after {retry_after}"),
                retry_after: Some(*retry_after),
            },
            Fault::Forbidden => Reply::error(403, "Forbidden: bot was blocked by the user"),
            Fault::ServerError => Reply::error(500, "Internal Server Error"),
            Fault::BadRequest(text) if text.starts_with("Bad Request") => {
                Reply::error(400, text.clone())
            }
            Fault::BadRequest(text) => Reply::bad_request(text),
        }
    }
}

/// Turns a reply into the Bot API's JSON envelope; the HTTP status is the
/// `error_code`, as Telegram does.
pub(crate) fn respond(reply: Reply) -> Response {
    match reply {
        Reply::Ok(result) => Json(json!({ "ok": true, "result": result })).into_response(),
        Reply::Err {
            code,
            description,
            retry_after,
        } => {
            let mut body = json!({ "ok": false, "error_code": code, "description": description });
            if let (Some(seconds), Some(map)) = (retry_after, body.as_object_mut()) {
                map.insert("parameters".into(), json!({ "retry_after": seconds }));
            }
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST);
            (status, Json(body)).into_response()
        }
    }
}
