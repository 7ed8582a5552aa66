//! Feeding updates: raw JSON text served verbatim and backdated messages.

use std::time::{SystemTime, UNIX_EPOCH};

use fakebot::{FakeBot, TgUser};
use serde_json::{Value, json};
use teloxide_core::prelude::*;

use crate::common::{bot, post, post_raw};

/// A message update as raw text, `text` inserted as it is (escapes and all).
fn raw_message(update_id: &str, text: &str) -> String {
    format!(
        r#"{{"update_id":{update_id},"message":{{"message_id":1,"date":1700000000,"chat":{{"id":3,"type":"private","first_name":"U"}},"from":{{"id":3,"is_bot":false,"first_name":"U"}},"text":"{text}"}}}}"#
    )
}

#[tokio::test]
async fn raw_updates_are_served_verbatim() {
    let fake = FakeBot::start().await;
    let big = 1_i64 << 32;
    let surrogate = raw_message(&big.to_string(), r"\ud800");
    let twin = r#"{ "update_id" : 4294967296, "callback_query": {"id": "broken"} }"#;
    let anonymous = r#"{"message":"not an object"}"#;
    assert_eq!(fake.push_raw_update(&surrogate), big);
    assert_eq!(fake.push_raw_update(twin), big, "the same id twice");
    assert_eq!(
        fake.push_raw_update(anonymous),
        big + 1,
        "no id: the next one"
    );
    let user = TgUser::new(3, None);
    assert_eq!(fake.send_text(&user, "plain"), big + 2);
    assert_eq!(fake.pending_updates(), 4);

    // Raw updates pass allowed_updates; the plain message does not.
    let (status, _, body) = post_raw(
        &fake,
        "getUpdates",
        json!({ "allowed_updates": ["edited_message"] }),
    )
    .await;
    assert_eq!(status, 200);
    let body = String::from_utf8(body).unwrap();
    assert_eq!(
        body,
        format!(r#"{{"ok":true,"result":[{surrogate},{twin},{anonymous}]}}"#)
    );
    assert!(
        serde_json::from_str::<Value>(&body).is_err(),
        "a lone surrogate is no valid JSON string for serde_json"
    );

    // Confirming past the big id drops both of its updates.
    let (_, body) = post(
        &fake,
        "getUpdates",
        json!({ "offset": big + 1, "allowed_updates": [] }),
    )
    .await;
    let result = body["result"].as_array().unwrap();
    assert_eq!(result.len(), 2);
    assert_eq!(result[0], json!({ "message": "not an object" }));
    assert_eq!(result[1]["update_id"], big + 2);
    assert_eq!(result[1]["message"]["text"], "plain");
    let (_, body) = post(&fake, "getUpdates", json!({ "offset": big + 3 })).await;
    assert_eq!(body["result"], json!([]));
    assert_eq!(fake.pending_updates(), 0);
}

#[tokio::test]
async fn raw_updates_reach_teloxide() {
    let fake = FakeBot::start().await;
    let bot = bot(&fake);
    fake.push_raw_update(&raw_message("41", "caf\\u00e9"));
    fake.push_raw_update(&raw_message("41", "again"));
    let updates = bot.get_updates().await.unwrap();
    let seen: Vec<_> = updates
        .iter()
        .map(|update| (update.id.0, update.chat().map(|chat| chat.id.0)))
        .collect();
    assert_eq!(seen, [(41, Some(3)), (41, Some(3))]);
    assert_eq!(fake.send_text(&TgUser::new(3, None), "after"), 42);
}

#[tokio::test]
async fn messages_are_dated_now_or_when_asked() {
    let fake = FakeBot::start().await;
    let user = TgUser::new(12, None);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    fake.send_text_at(&user, "/start from the past", 1_600_000_000);
    fake.send_text(&user, "now");
    let (_, body) = post(&fake, "getUpdates", json!({})).await;
    let old = &body["result"][0]["message"];
    assert_eq!(old["date"], 1_600_000_000);
    assert_eq!(old["text"], "/start from the past");
    assert_eq!(old["entities"][0]["type"], "bot_command");
    let date = body["result"][1]["message"]["date"].as_i64().unwrap();
    assert!((now..=now + 5).contains(&date), "{date} vs {now}");

    let updates = bot(&fake).get_updates().await.unwrap();
    let dates: Vec<_> = updates
        .iter()
        .filter_map(|update| match &update.kind {
            teloxide_core::types::UpdateKind::Message(message) => Some(message.date.timestamp()),
            _ => None,
        })
        .collect();
    assert_eq!(dates, [1_600_000_000, date]);
}
