//! A fake Telegram Bot API server for tests and benchmarks.
//!
//! [`FakeBot::start`] serves the Bot API on `127.0.0.1` (a free port) in a
//! tokio task. Point a client at [`FakeBot::api_url`] with
//! [`FakeBot::token`] (with teloxide-core:
//! `Bot::new(fake.token()).set_api_url(fake.api_url().parse()?)`), feed it
//! updates ([`FakeBot::send_text`], [`FakeBot::press`], ..) and assert on the
//! calls the bot made ([`FakeBot::next_call`], [`FakeBot::wait_for`],
//! [`FakeBot::calls`]).
//!
//! # Wire behaviour
//!
//! - Methods are routed on `/bot{token}/{method}` case-insensitively and
//!   recorded in lowercase (`SendMessage` and `sendMessage` are both
//!   `"sendmessage"`). Another token gets 401 `"Unauthorized"`; an unknown
//!   method gets 404 `"Not Found: method not found"` (never a 5xx, which
//!   would make teloxide sleep 10 s).
//! - Parameters come from a JSON body, `multipart/form-data`, a url-encoded
//!   form or the query string. Text values of the last three are parsed as
//!   JSON where possible (`chat_id` `"42"` becomes 42, a `reply_markup`
//!   string becomes an object) except for string parameters such as `text`
//!   and `caption`. A malformed request gets a 400 answer.
//! - Messages the bot sends are kept per chat with their current text and
//!   inline keyboard, so edits and deletes are checked like Telegram does
//!   (400 "message to edit not found", "message is not modified", ..).
//!   Bot and user messages share one message id counter per chat, from 1.
//!   A message dropped with [`FakeBot::forget_message`] is gone as if the
//!   user had deleted it: edits get 400 "message to edit not found",
//!   deletes 400 "message to delete not found".
//! - Chats are private chats whose id is the user id. User messages are
//!   dated now ([`FakeBot::send_text`]) or at a given Unix time
//!   ([`FakeBot::send_text_at`]).
//! - `getUpdates` takes `offset` (updates with a smaller id are confirmed
//!   and dropped for good; a negative offset keeps the last `-offset`),
//!   `limit` (1..=100, default 100), `timeout` (seconds to hold the request
//!   while nothing is pending; fractions are accepted, e.g. `0.05`) and
//!   `allowed_updates` (remembered, like Telegram does).
//! - The `getUpdates` answer is assembled as text,
//!   `{"ok":true,"result":[` + updates joined by `,` + `]}`, so updates
//!   queued with [`FakeBot::push_raw_update`] reach the client byte for
//!   byte (lone surrogates, ids of 2^32 and more, malformed objects); the
//!   same update id may be queued, and served, more than once.
//! - `getUpdates` and `getMe` are served but not recorded as calls; when
//!   each `getUpdates` request arrived is kept instead
//!   ([`FakeBot::get_updates_times`]).
//! - Faults ([`FakeBot::fail`]) apply to any method, `getUpdates` and
//!   `getMe` included, or to all of them (method `"*"`). JSON faults use
//!   the `error_code` as HTTP status; 429 carries
//!   `"parameters":{"retry_after":N}`, as Telegram sends it (also on
//!   `getUpdates`). [`Fault::Html`] answers an nginx `text/html` error page
//!   instead of JSON. [`Fault::Drop`] reads the request, records the call
//!   and closes the TCP connection without sending a byte, so the client
//!   sees the connection dropped before a complete message.
//!   [`FakeBot::fail_chat`] queues faults for the calls naming one chat,
//!   e.g. 403 `"Forbidden: bot was blocked by the user"` for one user
//!   while the others are served ([`FakeBot::block_chat`]).
//! - Flood control, off by default, as Telegram applies it
//!   ([`FakeBot::limit_rate`], [`FakeBot::limit_chat_rate`]): a counted call
//!   that would put more accepted calls than the limit into any sliding
//!   one-second window is answered 429 `"Too Many Requests: retry after
//!   N"` with `"parameters":{"retry_after":N}` and not executed. Counted are
//!   the calls that put or change a message in a chat: `sendMessage`,
//!   `sendDocument`, `sendPhoto`, `editMessageText`, `editMessageCaption`
//!   and `editMessageReplyMarkup`; not `answerCallbackQuery` (it shows no
//!   message), `deleteMessage`, `getUpdates` or the settings methods.
//!   [`FakeBot::rate_stats`] counts accepted and refused calls and the
//!   busiest one-second window, with or without a limit.
//! - The order of answers: a fault queued for the call's chat, then one
//!   queued for its method, then one for every method; then flood control;
//!   then a stall; then the emulated method.
//!
//! The server lives as long as the tokio runtime that started it.
//!
//! ```no_run
//! # async fn demo() {
//! use std::time::Duration;
//! use fakebot::{FakeBot, TgUser};
//!
//! let fake = FakeBot::start().await;
//! let user = TgUser::new(42, Some("en"));
//! fake.send_text(&user, "/start");
//! // .. start the bot against fake.api_url() ..
//! let reply = fake
//!     .wait_for(Duration::from_secs(5), |call| call.method == "sendmessage" && call.chat_id() == Some(42))
//!     .await
//!     .expect("the bot answers /start");
//! assert!(reply.text().is_some());
//! # }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod conn;
mod json;
mod methods;
mod observe;
mod params;
mod rate;
mod reply;
mod server;
mod state;
mod types;

use std::net::SocketAddr;
use std::sync::Arc;

use serde_json::Value;
use tokio::net::TcpListener;

pub use crate::rate::RateStats;
use crate::state::Shared;
pub use crate::types::{BotMessage, Call, Fault, TgUser, UploadedFile};

/// A running fake Bot API server. Cheap to clone; all clones share the
/// server and its state.
#[derive(Clone)]
pub struct FakeBot {
    shared: Arc<Shared>,
    addr: SocketAddr,
}

impl std::fmt::Debug for FakeBot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeBot")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl FakeBot {
    /// Starts a server on `127.0.0.1` with a free port, serving in a task of
    /// the current tokio runtime.
    ///
    /// # Panics
    ///
    /// If no loopback port can be bound, or outside a tokio runtime.
    pub async fn start() -> FakeBot {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("fakebot: cannot bind a port on 127.0.0.1");
        let addr = listener
            .local_addr()
            .expect("fakebot: bound socket has no address");
        let shared = Shared::new();
        tokio::spawn(server::serve(listener, Arc::clone(&shared)));
        FakeBot { shared, addr }
    }

    /// The API base URL, `http://127.0.0.1:PORT` (no trailing slash).
    pub fn api_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The only token the fake accepts, `"123456:TEST-token"`; the bot's user
    /// id is 123456.
    pub fn token(&self) -> &str {
        json::TOKEN
    }

    /// Queues a raw update for `getUpdates` and returns its `update_id`. An
    /// `update_id` in `update` is kept (later ids continue after it);
    /// otherwise the next id (from 1) is inserted.
    pub fn push_update(&self, update: Value) -> i64 {
        let id = self.shared.lock().push_update(update);
        self.shared.updates_pushed.notify_waiters();
        id
    }

    /// Queues an update given as raw JSON text, served verbatim as one
    /// element of the `result` array of `getUpdates`, so a test can feed
    /// what a JSON encoder would never produce: a lone UTF-16 surrogate
    /// (`"data":"\ud800"`), an `update_id` of 2^32 or more, a malformed
    /// update object. Returns the update id.
    ///
    /// The id, for ordering and offset confirmation, is the `N` of the first
    /// `"update_id":N` in the text, found by a tolerant scan (no JSON
    /// parsing); without one (or if `N` is no `i64`) the update takes the
    /// next id, which the text does not show. Later ids continue after it.
    /// The same id may be pushed more than once: every copy is served, in
    /// push order, until an offset confirms them all. Raw updates are
    /// served whatever `allowed_updates` says.
    pub fn push_raw_update(&self, json_text: &str) -> i64 {
        let id = self.shared.lock().push_raw_update(json_text);
        self.shared.updates_pushed.notify_waiters();
        id
    }

    /// Takes every queued update out (as Telegram does when it delivers them to a
    /// webhook instead of `getUpdates`): their ids and JSON texts, in order.
    pub fn take_pending(&self) -> Vec<(i64, String)> {
        self.shared
            .lock()
            .pending
            .drain(..)
            .map(|u| (u.id, u.text))
            .collect()
    }

    /// Queues a text message from `user` in its private chat with the bot
    /// (commands get a `bot_command` entity, as Telegram adds), dated now.
    /// Returns the `update_id`; the message id is
    /// [`FakeBot::last_message_id`].
    pub fn send_text(&self, user: &TgUser, text: &str) -> i64 {
        self.push_user_message(user, json::text_content(text), json::now_unix())
    }

    /// Like [`FakeBot::send_text`], but the message's `date` is `unix_date`
    /// (Unix time in seconds), e.g. a message sent long ago that Telegram
    /// delivers only now. Returns the `update_id`.
    pub fn send_text_at(&self, user: &TgUser, text: &str, unix_date: i64) -> i64 {
        self.push_user_message(user, json::text_content(text), unix_date)
    }

    /// Queues a location message from `user`, dated now. Returns the
    /// `update_id`.
    pub fn send_location(&self, user: &TgUser, latitude: f64, longitude: f64) -> i64 {
        let content = json::location_content(latitude, longitude);
        self.push_user_message(user, content, json::now_unix())
    }

    fn push_user_message(
        &self,
        user: &TgUser,
        content: serde_json::Map<String, Value>,
        date: i64,
    ) -> i64 {
        let id = {
            let mut inner = self.shared.lock();
            let chat = inner.chat(user.id);
            chat.first_name = Some(user.first_name.clone());
            let message_id = chat.next_message_id();
            let message = json::user_message(user, message_id, content, date);
            inner.push_update(json::update("message", message))
        };
        self.shared.updates_pushed.notify_waiters();
        id
    }

    /// Queues a `callback_query` from `user` pressing a button with
    /// `callback_data` `data` under message `message_id` of their chat. The
    /// query carries the bot's message in its current state (text and
    /// keyboard after edits), or an inaccessible message (`date: 0`) if the
    /// fake does not know it or it was deleted. Returns the `update_id`.
    pub fn press(&self, user: &TgUser, message_id: i64, data: &str) -> i64 {
        let id = {
            let mut inner = self.shared.lock();
            let query_id = format!("cbq{}", inner.serial());
            let chat = inner.chat(user.id);
            chat.first_name = Some(user.first_name.clone());
            let message = match chat
                .messages
                .get(&message_id)
                .filter(|message| !message.deleted)
            {
                Some(message) => json::bot_message(message, &user.first_name),
                None => json::inaccessible_message(user.id, message_id, &user.first_name),
            };
            let query = json::callback_query(&query_id, user, message, data);
            inner.push_update(json::update("callback_query", query))
        };
        self.shared.updates_pushed.notify_waiters();
        id
    }

    /// The last message id handed out in `chat_id` (0 if none yet): after
    /// [`FakeBot::send_text`] it is the id of the user's message.
    pub fn last_message_id(&self, chat_id: i64) -> i64 {
        self.shared
            .lock()
            .chats
            .get(&chat_id)
            .map_or(0, |chat| chat.last_message_id)
    }

    /// The current state of a message the bot sent, after edits and deletes.
    pub fn message(&self, chat_id: i64, message_id: i64) -> Option<BotMessage> {
        self.shared
            .lock()
            .chats
            .get(&chat_id)?
            .messages
            .get(&message_id)
            .cloned()
    }

    /// Drops the bot message `message_id` of `chat_id` from the fake's
    /// memory, as if the user had deleted it for both sides: from now on
    /// `editMessageText` (and the other edits) on it get 400
    /// `"Bad Request: message to edit not found"`, `deleteMessage` gets 400
    /// `"Bad Request: message to delete not found"`, a
    /// [`FakeBot::press`] under it carries an inaccessible message, and
    /// [`FakeBot::message`] gives `None`. Returns `false` if the fake did
    /// not know such a bot message (nothing changes then).
    pub fn forget_message(&self, chat_id: i64, message_id: i64) -> bool {
        let mut inner = self.shared.lock();
        let Some(chat) = inner.chats.get_mut(&chat_id) else {
            return false;
        };
        if chat.messages.remove(&message_id).is_none() {
            return false;
        }
        chat.forgotten.insert(message_id);
        true
    }

    /// All messages the bot sent in `chat_id` (deleted ones included), by id.
    pub fn messages(&self, chat_id: i64) -> Vec<BotMessage> {
        let inner = self.shared.lock();
        let Some(chat) = inner.chats.get(&chat_id) else {
            return Vec::new();
        };
        let mut messages: Vec<BotMessage> = chat.messages.values().cloned().collect();
        messages.sort_by_key(|message| message.message_id);
        messages
    }

    /// Makes a file known to `getFile` and downloadable at
    /// `/file/bot{token}/{file_path}`. Files the bot uploads with
    /// `sendDocument` / `sendPhoto` are registered automatically under the
    /// `file_id` of the answer.
    pub fn register_file(&self, file_id: &str, name: &str, bytes: Vec<u8>) {
        self.shared
            .lock()
            .store_file(file_id, name, Arc::new(bytes));
    }
}
