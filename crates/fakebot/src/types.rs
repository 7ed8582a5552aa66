//! Plain data types shared by the public API: recorded calls, users, faults
//! and the state of messages the fake sent on behalf of the bot.

use std::time::Instant;

use serde_json::Value;

/// One Bot API request the bot made, as the fake recorded it.
///
/// `getUpdates` and `getMe` are never recorded as calls; see
/// [`FakeBot::get_updates_count`](crate::FakeBot::get_updates_count).
#[derive(Clone, Debug)]
pub struct Call {
    /// The API method in lowercase, e.g. `"sendmessage"`.
    pub method: String,
    /// The request parameters as a JSON object. Multipart text parts are
    /// parsed as JSON where possible (see the crate documentation).
    pub params: Value,
    /// Files uploaded with a `multipart/form-data` request.
    pub files: Vec<UploadedFile>,
    /// When the request arrived.
    pub at: Instant,
    /// The id of the message this call produced (`sendMessage`,
    /// `sendDocument`, `sendPhoto`), if any.
    pub message_id: Option<i64>,
    /// `true` if the answer was a fault injected with
    /// [`FakeBot::fail`](crate::FakeBot::fail).
    pub fault: bool,
    /// The `error_code` of the answer if the call was answered with an error
    /// (injected or emulated, e.g. 400 "message to edit not found"; the
    /// HTTP status for [`Fault::Html`]); `None` if it succeeded, has not
    /// been answered yet (stalled) or got no answer ([`Fault::Drop`]).
    pub error_code: Option<u16>,
}

impl Call {
    /// The `chat_id` parameter as an integer (numeric strings are accepted).
    pub fn chat_id(&self) -> Option<i64> {
        as_i64(self.params.get("chat_id")?)
    }

    /// The `message_id` parameter (the message an edit or delete targets).
    pub fn target_message_id(&self) -> Option<i64> {
        as_i64(self.params.get("message_id")?)
    }

    /// The `text` parameter, or else the `caption` parameter.
    pub fn text(&self) -> Option<&str> {
        self.params
            .get("text")
            .and_then(Value::as_str)
            .or_else(|| self.params.get("caption").and_then(Value::as_str))
    }

    /// One parameter by name.
    pub fn param(&self, name: &str) -> Option<&Value> {
        self.params.get(name)
    }

    /// The buttons of an inline keyboard sent in `reply_markup`, row by row,
    /// as `(text, callback_data)`. URL buttons give their URL instead of
    /// callback data; other kinds give an empty string.
    pub fn inline_buttons(&self) -> Vec<(String, String)> {
        let Some(rows) = self.markup_rows("inline_keyboard") else {
            return Vec::new();
        };
        rows.iter()
            .filter_map(Value::as_array)
            .flatten()
            .map(|button| {
                let text = button
                    .get("text")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let data = button
                    .get("callback_data")
                    .or_else(|| button.get("url"))
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                (text.to_owned(), data.to_owned())
            })
            .collect()
    }

    /// The button texts of a reply keyboard (`reply_markup.keyboard`), row
    /// by row. Buttons may be plain strings or `{"text": ..}` objects.
    pub fn reply_keyboard(&self) -> Vec<String> {
        let Some(rows) = self.markup_rows("keyboard") else {
            return Vec::new();
        };
        rows.iter()
            .filter_map(Value::as_array)
            .flatten()
            .filter_map(|button| match button {
                Value::String(text) => Some(text.clone()),
                other => other.get("text").and_then(Value::as_str).map(str::to_owned),
            })
            .collect()
    }

    /// `true` if `reply_markup` asks the client to remove the reply keyboard.
    pub fn removes_keyboard(&self) -> bool {
        self.params
            .get("reply_markup")
            .and_then(|markup| markup.get("remove_keyboard"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    fn markup_rows(&self, key: &str) -> Option<&Vec<Value>> {
        self.params.get("reply_markup")?.get(key)?.as_array()
    }
}

/// Reads an integer that may also be sent as a numeric string.
pub(crate) fn as_i64(value: &Value) -> Option<i64> {
    match value {
        Value::Number(number) => number.as_i64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// A file part of a `multipart/form-data` request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadedFile {
    /// The API field the file is for, e.g. `"document"`. teloxide uploads
    /// files as parts with a random name referenced by
    /// `"document": "attach://<name>"`; the fake resolves that reference, so
    /// this is `"document"` either way.
    pub field: String,
    /// The file name the client sent, if any (empty names become `None`).
    pub file_name: Option<String>,
    /// The file contents.
    pub bytes: Vec<u8>,
}

/// A Telegram user who talks to the bot in a private chat (whose chat id is
/// the user id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TgUser {
    /// User id, also the id of the private chat with the bot.
    pub id: i64,
    /// First name, shown in `from` and `chat`.
    pub first_name: String,
    /// IETF language tag the client reports, e.g. `"de"`.
    pub language_code: Option<String>,
}

impl TgUser {
    /// A user named `"User {id}"` with the given language.
    pub fn new(id: i64, language_code: Option<&str>) -> TgUser {
        TgUser {
            id,
            first_name: format!("User {id}"),
            language_code: language_code.map(str::to_owned),
        }
    }
}

/// An error the fake answers instead of executing a call; see
/// [`FakeBot::fail`](crate::FakeBot::fail).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// 429 `"Too Many Requests: retry after N"` with
    /// `"parameters": {"retry_after": N}`.
    TooManyRequests {
        /// Seconds the client is asked to wait.
        retry_after: u32,
    },
    /// 403 `"Forbidden: bot was blocked by the user"`.
    Forbidden,
    /// 500 `"Internal Server Error"`. Note that teloxide-core sleeps 10 s
    /// after any 5xx answer.
    ServerError,
    /// 400 with the given description, prefixed with `"Bad Request: "`
    /// unless it already starts with it.
    BadRequest(String),
    /// Any JSON error: `{"ok":false,"error_code":code,"description":..}`
    /// with `code` as the HTTP status too (a code that is no valid HTTP
    /// status, outside 100..=999, is sent with HTTP status 400).
    Status(u16, String),
    /// Not the Bot API answering but the nginx in front of it: the given
    /// HTTP status (e.g. 502) with a `text/html` error page such as
    /// `<html><head><title>502 Bad Gateway</title></head>..`.
    Html(u16),
    /// No answer at all: the request is read (and recorded), then the TCP
    /// connection is closed without a single byte of response, so the
    /// client sees the connection dropped before a complete message.
    Drop,
}

/// The current state of a message the fake sent on behalf of the bot.
#[derive(Clone, Debug, PartialEq)]
pub struct BotMessage {
    /// Chat the message is in.
    pub chat_id: i64,
    /// Id of the message in that chat.
    pub message_id: i64,
    /// Current text, or caption for a document or photo.
    pub text: Option<String>,
    /// Current inline keyboard (`{"inline_keyboard": ..}`), if any.
    pub reply_markup: Option<Value>,
    /// `true` once the bot deleted the message.
    pub deleted: bool,
    /// How many successful edits the message went through.
    pub edits: u32,
    /// Unix time the message was sent.
    pub date: i64,
    /// Media part of the message: `("document", {..})` or `("photo", [..])`.
    pub(crate) media: Option<(&'static str, Value)>,
}
