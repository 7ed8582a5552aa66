//! The Bot API over HTTP, for the two paths whose faults headlog must survive: the
//! outbox's sends and getUpdates. Each call is one attempt whose answer is classified
//! (sent, wait `retry_after`, blocked, edit target gone, permanent, transient); retrying
//! is the caller's policy. Bodies are read once; a non-JSON answer (a proxy's HTML 502) is
//! transient. Updates are parsed one by one, so one unreadable update never stops intake.

use serde_json::Value;
use serde_json::value::RawValue;
use std::time::Duration;
use url::Url;

/// How one call ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Done; the `result` field.
    Ok(Value),
    /// 429: wait this long, then try again.
    RetryAfter(Duration),
    /// 403 blocked or deactivated: stop sending to this chat.
    Blocked(String),
    /// The message to edit is gone or can no longer be edited.
    EditGone(String),
    /// The edit changed nothing (counts as done).
    NotModified,
    /// An error that will not go away by trying again (a bad request).
    Permanent(String),
    /// A network error, a 5xx, a timeout, an unreadable answer: try again later.
    Transient(String),
}

/// The Bot API client.
#[derive(Clone)]
pub struct BotApi {
    client: reqwest::Client,
    base: String,
    files: String,
}

/// Why a file could not be downloaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownloadError {
    /// Larger than the limit given.
    TooBig,
    /// getFile or the download failed (the reason, for the log).
    Failed(String),
}

/// A file to upload with a call.
pub struct Upload<'a> {
    /// The parameter it goes in (`document`).
    pub field: &'a str,
    /// The file name shown.
    pub name: &'a str,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl BotApi {
    /// A client for `token` at `api_url`; each call gives up after `timeout`.
    pub fn new(token: &str, api_url: &Url, timeout: Duration) -> Self {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        let root = api_url.as_str().trim_end_matches('/');
        BotApi {
            client,
            base: format!("{root}/bot{token}/"),
            files: format!("{root}/file/bot{token}/"),
        }
    }

    /// Calls `method` with JSON parameters (and a file, as multipart).
    pub async fn call(&self, method: &str, params: &Value, upload: Option<Upload<'_>>) -> Answer {
        let url = format!("{}{method}", self.base);
        let request = match upload {
            None => self.client.post(url).json(params),
            Some(up) => {
                let mut form = reqwest::multipart::Form::new();
                if let Some(obj) = params.as_object() {
                    for (k, v) in obj {
                        let text = match v {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        form = form.text(k.clone(), text);
                    }
                }
                let part = reqwest::multipart::Part::bytes(up.bytes).file_name(up.name.to_owned());
                self.client
                    .post(url)
                    .multipart(form.part(up.field.to_owned(), part))
            }
        };
        let response = match request.send().await {
            Ok(r) => r,
            Err(e) => return Answer::Transient(network_reason(&e)),
        };
        let status = response.status().as_u16();
        let body = match response.bytes().await {
            Ok(b) => b,
            Err(e) => return Answer::Transient(network_reason(&e)),
        };
        classify(status, &body)
    }

    /// Downloads a file a user sent (getFile, then its path under `/file/bot…/`), at most
    /// `max` bytes; read as it arrives, so a larger file is refused without being kept.
    pub async fn download(&self, file_id: &str, max: u64) -> Result<Vec<u8>, DownloadError> {
        let found = self
            .call("getFile", &serde_json::json!({ "file_id": file_id }), None)
            .await;
        let Answer::Ok(file) = found else {
            return Err(DownloadError::Failed(format!("getFile: {found:?}")));
        };
        if file["file_size"].as_u64().is_some_and(|size| size > max) {
            return Err(DownloadError::TooBig);
        }
        let Some(path) = file["file_path"].as_str() else {
            return Err(DownloadError::Failed("getFile: no file_path".into()));
        };
        let url = [self.files.as_str(), path].concat();
        let mut response = self
            .client
            .get(url)
            .send()
            .await
            .map_err(|e| DownloadError::Failed(network_reason(&e)))?;
        if !response.status().is_success() {
            return Err(DownloadError::Failed(format!(
                "status {}",
                response.status()
            )));
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| DownloadError::Failed(network_reason(&e)))?
        {
            if (bytes.len() + chunk.len()) as u64 > max {
                return Err(DownloadError::TooBig);
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    }

    /// One getUpdates call: the updates one by one, unparsed, or how it failed.
    pub async fn get_updates(
        &self,
        offset: i64,
        timeout_secs: u32,
    ) -> Result<Vec<RawUpdate>, Answer> {
        let params = serde_json::json!({
            "offset": offset,
            "timeout": timeout_secs,
            "allowed_updates": ["message", "callback_query", "my_chat_member"],
        });
        let url = format!("{}getUpdates", self.base);
        let response = self
            .client
            .post(url)
            .timeout(Duration::from_secs(u64::from(timeout_secs) + 15))
            .json(&params)
            .send()
            .await
            .map_err(|e| Answer::Transient(network_reason(&e)))?;
        let status = response.status().as_u16();
        let body = response
            .bytes()
            .await
            .map_err(|e| Answer::Transient(network_reason(&e)))?;
        if status != 200 {
            return Err(classify(status, &body));
        }
        parse_batch(&body).ok_or_else(|| Answer::Transient("unreadable getUpdates answer".into()))
    }
}

/// A reason without the URL (it holds the token).
fn network_reason(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connect"
    } else if e.is_body() || e.is_decode() {
        "body"
    } else {
        "request"
    };
    let mut source = std::error::Error::source(e);
    let mut detail = String::new();
    while let Some(s) = source {
        detail = s.to_string();
        source = s.source();
    }
    format!("network ({kind}): {detail}")
}

/// Reads an answer.
pub fn classify(status: u16, body: &[u8]) -> Answer {
    #[derive(serde::Deserialize)]
    struct Envelope {
        ok: bool,
        result: Option<Value>,
        error_code: Option<u16>,
        #[serde(default)]
        description: String,
        parameters: Option<Parameters>,
    }
    #[derive(serde::Deserialize)]
    struct Parameters {
        retry_after: Option<u64>,
    }
    let Ok(env) = serde_json::from_slice::<Envelope>(body) else {
        return Answer::Transient(format!(
            "HTTP {status} with a body that is not the Bot API's"
        ));
    };
    if env.ok {
        return Answer::Ok(env.result.unwrap_or(Value::Bool(true)));
    }
    let code = env.error_code.unwrap_or(status);
    let d = env.description;
    let lower = d.to_ascii_lowercase();
    match code {
        429 => {
            let secs = env.parameters.and_then(|p| p.retry_after).unwrap_or(1);
            Answer::RetryAfter(Duration::from_secs(secs.max(1)))
        }
        403 if lower.contains("blocked")
            || lower.contains("deactivated")
            || lower.contains("kicked") =>
        {
            Answer::Blocked(d)
        }
        400 if lower.contains("message is not modified") => Answer::NotModified,
        400 if lower.contains("message to edit not found")
            || lower.contains("message can't be edited")
            || lower.contains("message_id_invalid") =>
        {
            Answer::EditGone(d)
        }
        400..=499 if code != 401 && code != 404 && code != 409 => {
            Answer::Permanent(format!("{code} {d}"))
        }
        _ => Answer::Transient(format!("{code} {d}")),
    }
}

/// One update of a batch, not yet parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct RawUpdate {
    /// Its update_id (64-bit), when it could be read.
    pub update_id: Option<i64>,
    /// The update as Telegram sent it.
    pub json: String,
}

/// Splits a getUpdates answer into its updates without decoding their strings (a lone
/// surrogate in one update must not make the whole batch unreadable).
pub fn parse_batch(body: &[u8]) -> Option<Vec<RawUpdate>> {
    #[derive(serde::Deserialize)]
    struct Batch<'a> {
        ok: bool,
        #[serde(borrow)]
        result: Option<Vec<&'a RawValue>>,
    }
    #[derive(serde::Deserialize)]
    struct IdOnly {
        update_id: i64,
    }
    let batch: Batch<'_> = serde_json::from_slice(body).ok()?;
    if !batch.ok {
        return None;
    }
    Some(
        batch
            .result
            .unwrap_or_default()
            .into_iter()
            .map(|raw| RawUpdate {
                update_id: serde_json::from_str::<IdOnly>(raw.get())
                    .ok()
                    .map(|u| u.update_id),
                json: raw.get().to_owned(),
            })
            .collect(),
    )
}

/// Parses one update into teloxide's types. Telegram's ids are 64-bit here; teloxide's
/// `UpdateId` is 32-bit, so the id is taken apart first and not read by teloxide.
pub fn parse_update(json: &str) -> Option<teloxide_core::types::Update> {
    use teloxide_core::types::{Update, UpdateKind};
    // The common case, an id within 32 bits: one pass.
    if let Ok(update) = serde_json::from_str::<Update>(json)
        && !matches!(update.kind, UpdateKind::Error(_))
    {
        return Some(update);
    }
    let mut value: Value = serde_json::from_str(json).ok()?;
    value
        .as_object_mut()?
        .insert("update_id".into(), Value::from(0));
    // From text, not from the `Value`: teloxide borrows strings while reading, which a
    // `Value` cannot lend, and it then reads the update as an unknown kind.
    let update: teloxide_core::types::Update = serde_json::from_str(&value.to_string()).ok()?;
    (!matches!(update.kind, teloxide_core::types::UpdateKind::Error(_))).then_some(update)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_surrogate_spoils_only_its_own_update() {
        let body = br#"{"ok":true,"result":[
            {"update_id":5000000000,"callback_query":{"id":"1","data":"\ud800"}},
            {"update_id":7,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"hi"}}
        ]}"#;
        let batch = parse_batch(body).unwrap();
        assert_eq!(batch.len(), 2);
        assert_eq!(batch[0].update_id, Some(5_000_000_000));
        assert!(parse_update(&batch[0].json).is_none());
        assert_eq!(batch[1].update_id, Some(7));
        assert!(parse_update(&batch[1].json).is_some());
    }

    #[test]
    fn an_id_beyond_32_bits_still_parses() {
        let json = r#"{"update_id":5000000000,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"hi"}}"#;
        assert!(parse_update(json).is_some());
    }

    #[test]
    fn answers_are_classified_as_telegram_means_them() {
        let r = |s: &str| classify(400, s.as_bytes());
        assert_eq!(
            classify(429, br#"{"ok":false,"error_code":429,"description":"Too Many Requests","parameters":{"retry_after":7}}"#),
            Answer::RetryAfter(Duration::from_secs(7))
        );
        assert!(matches!(
            classify(403, br#"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#),
            Answer::Blocked(_)
        ));
        assert_eq!(
            r(
                r#"{"ok":false,"error_code":400,"description":"Bad Request: message is not modified"}"#
            ),
            Answer::NotModified
        );
        assert!(matches!(
            r(
                r#"{"ok":false,"error_code":400,"description":"Bad Request: message to edit not found"}"#
            ),
            Answer::EditGone(_)
        ));
        assert!(matches!(
            r(r#"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#),
            Answer::Permanent(_)
        ));
        assert!(matches!(
            classify(
                502,
                b"<html><head><title>502 Bad Gateway</title></head></html>"
            ),
            Answer::Transient(_)
        ));
        assert!(matches!(
            classify(
                500,
                br#"{"ok":false,"error_code":500,"description":"Internal Server Error"}"#
            ),
            Answer::Transient(_)
        ));
        assert_eq!(
            classify(200, br#"{"ok":true,"result":{"message_id":3}}"#),
            Answer::Ok(serde_json::json!({"message_id":3}))
        );
    }
}
