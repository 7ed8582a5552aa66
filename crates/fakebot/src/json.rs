//! Builders for the JSON objects the fake sends: users, chats, messages and
//! updates, in the shapes teloxide-core 0.13 deserializes.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value, json};

use crate::types::{BotMessage, TgUser};

/// Id of the fake bot's own user (the part of the token before the colon).
pub(crate) const BOT_ID: i64 = 123_456;
/// The fake bot token.
pub(crate) const TOKEN: &str = "123456:TEST-token";
const BOT_NAME: &str = "Fake Bot";
const BOT_USERNAME: &str = "fake_test_bot";

/// Current Unix time in seconds; never 0 (teloxide reads a message dated 0
/// as inaccessible).
pub(crate) fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|elapsed| i64::try_from(elapsed.as_secs()).ok())
        .unwrap_or(1)
        .max(1)
}

/// The bot's `User` object, as in `from` of its messages.
pub(crate) fn bot_user() -> Value {
    json!({
        "id": BOT_ID,
        "is_bot": true,
        "first_name": BOT_NAME,
        "username": BOT_USERNAME,
    })
}

/// The `getMe` result (teloxide's `Me` requires `has_main_web_app` too).
pub(crate) fn me() -> Value {
    let mut me = bot_user();
    if let Value::Object(map) = &mut me {
        map.insert("can_join_groups".into(), Value::Bool(true));
        map.insert("can_read_all_group_messages".into(), Value::Bool(false));
        map.insert("supports_inline_queries".into(), Value::Bool(false));
        map.insert("can_connect_to_business".into(), Value::Bool(false));
        map.insert("has_main_web_app".into(), Value::Bool(false));
    }
    me
}

/// A user's `User` object.
pub(crate) fn user(user: &TgUser) -> Value {
    let mut map = Map::new();
    map.insert("id".into(), user.id.into());
    map.insert("is_bot".into(), false.into());
    map.insert("first_name".into(), user.first_name.clone().into());
    if let Some(code) = &user.language_code {
        map.insert("language_code".into(), code.clone().into());
    }
    Value::Object(map)
}

/// A private `Chat` object.
pub(crate) fn private_chat(chat_id: i64, first_name: &str) -> Value {
    json!({ "id": chat_id, "type": "private", "first_name": first_name })
}

/// A bot message in its current state.
pub(crate) fn bot_message(message: &BotMessage, first_name: &str) -> Value {
    let mut map = Map::new();
    map.insert("message_id".into(), message.message_id.into());
    map.insert("from".into(), bot_user());
    map.insert("chat".into(), private_chat(message.chat_id, first_name));
    map.insert("date".into(), message.date.into());
    if message.edits > 0 {
        map.insert("edit_date".into(), now_unix().into());
    }
    let text_key = match &message.media {
        Some((key, media)) => {
            map.insert((*key).into(), media.clone());
            "caption"
        }
        None => "text",
    };
    match &message.text {
        Some(text) => {
            map.insert(text_key.into(), text.clone().into());
        }
        // A text message must have a text to parse as one.
        None if message.media.is_none() => {
            map.insert("text".into(), "".into());
        }
        None => {}
    }
    if let Some(markup) = &message.reply_markup {
        map.insert("reply_markup".into(), markup.clone());
    }
    Value::Object(map)
}

/// A message of an inaccessible (unknown or deleted) message: Telegram marks
/// those with `date: 0`.
pub(crate) fn inaccessible_message(chat_id: i64, message_id: i64, first_name: &str) -> Value {
    json!({
        "message_id": message_id,
        "date": 0,
        "chat": private_chat(chat_id, first_name),
    })
}

/// A message from `from` in its private chat with the bot, sent at Unix
/// time `date`; `content` holds the content fields (`text`, `location`, ..).
pub(crate) fn user_message(
    from: &TgUser,
    message_id: i64,
    content: Map<String, Value>,
    date: i64,
) -> Value {
    let mut map = Map::new();
    map.insert("message_id".into(), message_id.into());
    map.insert("from".into(), user(from));
    map.insert("chat".into(), private_chat(from.id, &from.first_name));
    map.insert("date".into(), date.into());
    map.extend(content);
    Value::Object(map)
}

/// The content of a text message, with a `bot_command` entity when the text
/// starts with a command, as Telegram adds one.
pub(crate) fn text_content(text: &str) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("text".into(), text.into());
    if text.starts_with('/') {
        let command = text.split_whitespace().next().unwrap_or(text);
        let length = command.encode_utf16().count();
        map.insert(
            "entities".into(),
            json!([{ "type": "bot_command", "offset": 0, "length": length }]),
        );
    }
    map
}

/// The content of a location message.
pub(crate) fn location_content(latitude: f64, longitude: f64) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert(
        "location".into(),
        json!({ "latitude": latitude, "longitude": longitude }),
    );
    map
}

/// A `callback_query` object.
pub(crate) fn callback_query(id: &str, from: &TgUser, message: Value, data: &str) -> Value {
    let mut map = Map::new();
    map.insert("id".into(), id.into());
    map.insert("from".into(), user(from));
    map.insert("message".into(), message);
    map.insert("chat_instance".into(), format!("ci{}", from.id).into());
    map.insert("data".into(), data.into());
    Value::Object(map)
}

/// Wraps a payload into an update object without id, `{key: payload}`
/// (`Inner::push_update` adds the `update_id`).
pub(crate) fn update(key: &str, payload: Value) -> Value {
    let mut map = Map::new();
    map.insert(key.into(), payload);
    Value::Object(map)
}

/// The kind of an update: its first key other than `update_id`.
pub(crate) fn update_kind(update: &Value) -> Option<&str> {
    update
        .as_object()?
        .keys()
        .map(String::as_str)
        .find(|key| *key != "update_id")
}
