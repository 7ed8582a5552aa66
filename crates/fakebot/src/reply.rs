//! Answers in the Bot API's JSON envelope, and the non-JSON answers of
//! faults (an nginx error page, a dropped connection).

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::types::Fault;

/// The answer to a request.
pub(crate) enum Reply {
    /// `{"ok":true,"result":..}`
    Ok(Value),
    /// `{"ok":true,"result":..}` with the result given as JSON text, sent
    /// verbatim (it may hold what `serde_json` rejects, e.g. a lone UTF-16
    /// surrogate escape).
    OkRaw(String),
    /// `{"ok":false,"error_code":..,"description":..}`
    Err {
        code: u16,
        description: String,
        retry_after: Option<u32>,
    },
    /// An nginx-style `text/html` error page with this HTTP status.
    Html(u16),
    /// No answer at all: the connection is closed.
    Drop,
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

    /// Telegram's 429: `"Too Many Requests: retry after N"` with
    /// `"parameters":{"retry_after":N}`.
    pub fn too_many_requests(retry_after: u32) -> Reply {
        Reply::Err {
            code: 429,
            description: format!("Too Many Requests: retry after {retry_after}"),
            retry_after: Some(retry_after),
        }
    }

    pub fn error_code(&self) -> Option<u16> {
        match self {
            Reply::Ok(_) | Reply::OkRaw(_) | Reply::Drop => None,
            Reply::Err { code, .. } | Reply::Html(code) => Some(*code),
        }
    }

    pub fn from_fault(fault: &Fault) -> Reply {
        match fault {
            Fault::TooManyRequests { retry_after } => Reply::too_many_requests(*retry_after),
            Fault::Forbidden => Reply::error(403, "Forbidden: bot was blocked by the user"),
            Fault::ServerError => Reply::error(500, "Internal Server Error"),
            Fault::BadRequest(text) if text.starts_with("Bad Request") => {
                Reply::error(400, text.clone())
            }
            Fault::BadRequest(text) => Reply::bad_request(text),
            Fault::Status(code, description) => Reply::error(*code, description.clone()),
            Fault::Html(code) => Reply::Html(*code),
            Fault::Drop => Reply::Drop,
        }
    }
}

/// Turns a reply into the Bot API's JSON envelope; the HTTP status is the
/// `error_code`, as Telegram does. [`Reply::Drop`] gives an empty answer
/// here: the caller cuts the connection so that it is never sent.
pub(crate) fn respond(reply: Reply) -> Response {
    match reply {
        Reply::Ok(result) => Json(json!({ "ok": true, "result": result })).into_response(),
        Reply::OkRaw(result) => (
            [(header::CONTENT_TYPE, "application/json")],
            format!("{{\"ok\":true,\"result\":{result}}}"),
        )
            .into_response(),
        Reply::Err {
            code,
            description,
            retry_after,
        } => {
            let mut body = json!({ "ok": false, "error_code": code, "description": description });
            if let (Some(seconds), Some(map)) = (retry_after, body.as_object_mut()) {
                map.insert("parameters".into(), json!({ "retry_after": seconds }));
            }
            (status(code), Json(body)).into_response()
        }
        Reply::Html(code) => (
            status(code),
            [(header::CONTENT_TYPE, "text/html")],
            error_page(code),
        )
            .into_response(),
        Reply::Drop => ().into_response(),
    }
}

/// The HTTP status for a code; codes outside 100..=999 become 400.
fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST)
}

/// The error page nginx (in front of the Bot API) shows, e.g. for 502.
fn error_page(code: u16) -> String {
    let reason = StatusCode::from_u16(code)
        .ok()
        .and_then(|status| status.canonical_reason());
    let title = match reason {
        Some(reason) => format!("{code} {reason}"),
        None => code.to_string(),
    };
    format!(
        "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n\
         <center><h1>{title}</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n\
         </body>\r\n</html>\r\n"
    )
}
