//! Flood control (overall and per chat) and faults for one chat, over HTTP
//! and through teloxide-core.

use std::time::{Duration, Instant};

use fakebot::{FakeBot, Fault};
use serde_json::{Value, json};
use teloxide_core::prelude::*;
use teloxide_core::{ApiError, RequestError};

use crate::common::{bot, post, post_raw};

fn send(chat: i64, text: &str) -> Value {
    json!({ "chat_id": chat, "text": text })
}

/// Sends `count` messages to `chat` one after the other; returns the HTTP
/// statuses.
async fn burst(fake: &FakeBot, chat: i64, count: usize) -> Vec<u16> {
    let mut statuses = Vec::new();
    for i in 0..count {
        let (status, _) = post(fake, "sendMessage", send(chat, &format!("m{i}"))).await;
        statuses.push(status);
    }
    statuses
}

/// Sleeps until one second (plus a margin) after `instant`.
async fn sleep_past_window(instant: Instant) {
    let until = instant + Duration::from_millis(1050);
    tokio::time::sleep(until.saturating_duration_since(Instant::now())).await;
}

#[tokio::test]
async fn one_call_over_the_limit_gets_telegrams_429_and_is_not_executed() {
    let fake = FakeBot::start().await;
    fake.limit_rate(5);
    let began = Instant::now();
    let statuses = burst(&fake, 1, 5).await;
    let (status, _, body) = post_raw(&fake, "sendMessage", send(1, "one too many")).await;
    let spent = began.elapsed();
    assert!(
        spent < Duration::from_millis(900),
        "the burst took {spent:?}: too slow to test a one-second window"
    );
    assert_eq!(statuses, [200; 5]);
    assert_eq!(status, 429);
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        body,
        json!({
            "ok": false,
            "error_code": 429,
            "description": "Too Many Requests: retry after 1",
            "parameters": { "retry_after": 1 },
        })
    );

    let messages = fake.messages(1);
    assert_eq!(messages.len(), 5, "the refused call sent nothing");
    assert!(
        messages
            .iter()
            .all(|m| m.text.as_deref() != Some("one too many"))
    );
    let last = fake.calls().pop().unwrap();
    assert_eq!(
        (last.fault, last.error_code, last.message_id),
        (false, Some(429), None),
        "recorded as an emulated error, not an injected fault"
    );

    let stats = fake.rate_stats();
    assert_eq!(
        (stats.accepted, stats.refused, stats.refused_by_chat),
        (5, 1, 0)
    );
    assert_eq!(stats.max_in_window, 5);
    assert!(stats.first_accepted.unwrap() >= began);
    assert!(stats.last_accepted.unwrap() > stats.first_accepted.unwrap());
}

#[tokio::test]
async fn after_a_second_the_calls_pass_again() {
    let fake = FakeBot::start().await;
    fake.limit_rate(3);
    assert_eq!(burst(&fake, 1, 4).await, [200, 200, 200, 429]);
    sleep_past_window(fake.rate_stats().last_accepted.unwrap()).await;
    assert_eq!(burst(&fake, 2, 4).await, [200, 200, 200, 429]);
    let stats = fake.rate_stats();
    assert_eq!((stats.accepted, stats.refused), (6, 2));
    assert_eq!(stats.max_in_window, 3);

    fake.limit_rate(None);
    assert_eq!(burst(&fake, 3, 5).await, [200; 5], "the limit is off");
    fake.limit_rate(2);
    fake.limit_rate(0);
    assert_eq!(burst(&fake, 3, 3).await, [200; 3], "0 turns it off too");
    assert!(fake.rate_stats().max_in_window >= 8);
}

#[tokio::test]
async fn the_busiest_window_is_counted_without_a_limit() {
    let fake = FakeBot::start().await;
    // Three groups 600 ms apart: a window holds two neighbouring groups,
    // never all three.
    for (group, size) in [3, 4, 2].into_iter().enumerate() {
        if group > 0 {
            tokio::time::sleep(Duration::from_millis(600)).await;
        }
        assert_eq!(burst(&fake, 1, size).await, vec![200; size]);
    }
    let stats = fake.rate_stats();
    assert_eq!((stats.accepted, stats.refused), (9, 0));
    assert_eq!(stats.max_in_window, 7, "the first two groups");
    let span = stats.last_accepted.unwrap() - stats.first_accepted.unwrap();
    assert!(span >= Duration::from_millis(1200), "{span:?}");

    fake.reset_rate_stats();
    assert_eq!(fake.rate_stats(), fakebot::RateStats::default());
    burst(&fake, 1, 2).await;
    assert_eq!(
        fake.rate_stats().max_in_window,
        2,
        "only calls after the reset"
    );
}

#[tokio::test]
async fn only_sends_and_edits_are_counted() {
    let fake = FakeBot::start().await;
    fake.limit_rate(2);
    let (status, sent) = post(&fake, "sendMessage", send(1, "a")).await;
    assert_eq!(status, 200);
    let message_id = sent["result"]["message_id"].as_i64().unwrap();
    let edit = json!({ "chat_id": 1, "message_id": message_id, "text": "b" });
    assert_eq!(post(&fake, "editMessageText", edit.clone()).await.0, 200);
    let (status, _) = post(&fake, "editMessageText", edit).await;
    assert_eq!(status, 429, "edits count");
    for _ in 0..3 {
        let answer = json!({ "callback_query_id": "q1" });
        assert_eq!(post(&fake, "answerCallbackQuery", answer).await.0, 200);
        let delete = json!({ "chat_id": 1, "message_id": 999 });
        assert_eq!(post(&fake, "deleteMessage", delete).await.0, 400);
        assert_eq!(
            post(&fake, "setMyCommands", json!({"commands": []}))
                .await
                .0,
            200
        );
    }
    assert_eq!(fake.rate_stats().accepted, 2);
}

#[tokio::test]
async fn a_chat_limit_refuses_that_chat_only() {
    let fake = FakeBot::start().await;
    fake.limit_chat_rate(1);
    assert_eq!(burst(&fake, 7, 2).await, [200, 429]);
    assert_eq!(burst(&fake, 8, 1).await, [200], "another chat is served");
    let stats = fake.rate_stats();
    assert_eq!(
        (stats.accepted, stats.refused, stats.refused_by_chat),
        (2, 1, 1)
    );
    assert_eq!((stats.max_in_window, stats.max_in_chat_window), (2, 1));
    sleep_past_window(stats.first_accepted.unwrap()).await;
    assert_eq!(burst(&fake, 7, 1).await, [200]);

    // teloxide reads the answer as a typed wait.
    let bot = bot(&fake);
    let err = bot.send_message(ChatId(7), "again").await.unwrap_err();
    assert!(
        matches!(err, RequestError::RetryAfter(s) if s.seconds() == 1),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_blocked_chat_gets_403_while_others_are_served() {
    let fake = FakeBot::start().await;
    let bot = bot(&fake);
    fake.block_chat(42);
    for _ in 0..3 {
        let err = bot.send_message(ChatId(42), "hi").await.unwrap_err();
        assert!(
            matches!(err, RequestError::Api(ApiError::BotBlocked)),
            "{err:?}"
        );
    }
    bot.send_message(ChatId(43), "hi").await.unwrap();
    let answer = json!({ "callback_query_id": "q" });
    assert_eq!(
        post(&fake, "answerCallbackQuery", answer).await.0,
        200,
        "a call without a chat is not the chat's"
    );
    assert!(fake.messages(42).is_empty());
    let faulted: Vec<_> = fake
        .calls()
        .iter()
        .map(|call| (call.chat_id(), call.fault, call.error_code))
        .collect();
    assert_eq!(
        faulted[..4],
        [
            (Some(42), true, Some(403)),
            (Some(42), true, Some(403)),
            (Some(42), true, Some(403)),
            (Some(43), false, None)
        ]
    );
    assert_eq!(
        fake.rate_stats().accepted,
        1,
        "faulted calls are not counted"
    );

    fake.clear_chat_faults(42);
    bot.send_message(ChatId(42), "back").await.unwrap();
}

#[tokio::test]
async fn chat_faults_count_down_per_method_before_method_faults() {
    let fake = FakeBot::start().await;
    fake.fail_chat(5, "sendMessage", Fault::Forbidden, 2);
    fake.fail_chat(5, "*", Fault::ServerError, 1);
    fake.fail("sendMessage", Fault::BadRequest("chat not found".into()), 1);
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(post(&fake, "sendMessage", send(5, "x")).await.0);
    }
    assert_eq!(statuses, [403, 403, 500, 400]);
    assert_eq!(post(&fake, "sendMessage", send(5, "x")).await.0, 200);

    // A fault for one method of a chat leaves its other methods alone.
    fake.fail_chat(6, "editMessageText", Fault::Forbidden, 1);
    assert_eq!(post(&fake, "sendMessage", send(6, "y")).await.0, 200);
    let edit = json!({ "chat_id": 6, "message_id": 1, "text": "z" });
    assert_eq!(post(&fake, "editMessageText", edit.clone()).await.0, 403);
    assert_eq!(post(&fake, "editMessageText", edit).await.0, 200);
}
