//! Injected faults, stalls and emulated Bot API errors, seen through
//! teloxide-core.

use std::time::Duration;

use fakebot::{FakeBot, Fault, TgUser};
use serde_json::{Value, json};
use teloxide_core::prelude::*;
use teloxide_core::types::MessageId;
use teloxide_core::{ApiError, RequestError};

use crate::common::{WAIT, bot, exchange, post, post_raw};

#[tokio::test]
async fn faults_reach_teloxide_as_typed_errors() {
    let fake = FakeBot::start().await;
    let bot = bot(&fake);
    fake.fail("sendMessage", Fault::TooManyRequests { retry_after: 7 }, 1);
    fake.fail("SENDMESSAGE", Fault::Forbidden, 1);
    fake.fail("sendmessage", Fault::BadRequest("chat not found".into()), 1);

    let err = bot.send_message(ChatId(3), "a").await.unwrap_err();
    assert!(
        matches!(err, RequestError::RetryAfter(s) if s.seconds() == 7),
        "{err:?}"
    );
    let err = bot.send_message(ChatId(3), "b").await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::BotBlocked)),
        "{err:?}"
    );
    let err = bot.send_message(ChatId(3), "c").await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::ChatNotFound)),
        "{err:?}"
    );
    let sent = bot.send_message(ChatId(3), "d").await.unwrap();
    assert_eq!(sent.id.0, 1, "faulted calls produce no message");

    let calls = fake.calls();
    let codes: Vec<_> = calls
        .iter()
        .map(|call| (call.fault, call.error_code))
        .collect();
    assert_eq!(
        codes,
        [
            (true, Some(429)),
            (true, Some(403)),
            (true, Some(400)),
            (false, None)
        ]
    );
    assert_eq!(
        calls[0].text(),
        Some("a"),
        "faulted calls are recorded with their params"
    );
}

#[tokio::test]
async fn stalled_calls_are_recorded_then_answered_on_unstall() {
    let fake = FakeBot::start().await;
    let bot = bot(&fake);
    fake.stall("SendMessage");
    let pending = tokio::spawn({
        let bot = bot.clone();
        async move { bot.send_message(ChatId(9), "held").await }
    });
    let call = fake
        .next_call(WAIT)
        .await
        .expect("the stalled call is recorded");
    assert_eq!((call.text(), call.message_id), (Some("held"), None));
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert!(!pending.is_finished(), "a stalled call is not answered");
    // Other methods still work while sendMessage is stalled.
    bot.set_my_commands([]).await.unwrap();

    fake.unstall("sendMessage");
    let sent = tokio::time::timeout(WAIT, pending)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(sent.text(), Some("held"));
    assert_eq!(fake.calls()[0].message_id, Some(sent.id.0 as i64));
    assert_eq!(fake.next_call(WAIT).await.unwrap().method, "setmycommands");

    // A held call whose client gave up is still executed on unstall.
    fake.stall("sendMessage");
    let abandoned = tokio::spawn(async move { bot.send_message(ChatId(9), "lost").await });
    assert_eq!(fake.next_call(WAIT).await.unwrap().text(), Some("lost"));
    abandoned.abort();
    let _ = abandoned.await;
    fake.unstall("sendMessage");
    let deadline = tokio::time::Instant::now() + WAIT;
    while fake.message(9, 2).is_none() && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    assert_eq!(fake.message(9, 2).unwrap().text.as_deref(), Some("lost"));
    assert_eq!(fake.calls()[2].message_id, Some(2));
}

#[tokio::test]
async fn edits_and_deletes_are_checked_like_telegram() {
    let fake = FakeBot::start().await;
    let bot = bot(&fake);
    let err = bot
        .edit_message_text(ChatId(4), MessageId(99), "x")
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageToEditNotFound)),
        "{err:?}"
    );

    let sent = bot.send_message(ChatId(4), "same").await.unwrap();
    let err = bot
        .edit_message_text(ChatId(4), sent.id, "same")
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageNotModified)),
        "{err:?}"
    );

    bot.delete_message(ChatId(4), sent.id).await.unwrap();
    assert!(fake.message(4, sent.id.0 as i64).unwrap().deleted);
    let err = bot.delete_message(ChatId(4), sent.id).await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageToDeleteNotFound)),
        "{err:?}"
    );
    let err = bot
        .edit_message_text(ChatId(4), sent.id, "later")
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageToEditNotFound)),
        "{err:?}"
    );
}

#[tokio::test]
async fn wait_for_skips_to_the_match_and_moves_the_cursor() {
    let fake = FakeBot::start().await;
    let bot = bot(&fake);
    for chat in [1, 2, 3] {
        bot.send_message(ChatId(chat), format!("to {chat}"))
            .await
            .unwrap();
    }
    let call = fake
        .wait_for(WAIT, |call| call.chat_id() == Some(2))
        .await
        .unwrap();
    assert_eq!(call.text(), Some("to 2"));
    assert_eq!(fake.next_call(WAIT).await.unwrap().chat_id(), Some(3));
    assert!(fake.next_call(Duration::from_millis(5)).await.is_none());
    assert!(
        fake.wait_for(Duration::from_millis(5), |call| call.chat_id() == Some(1))
            .await
            .is_none()
    );

    // A call arriving while waiting is found.
    let waiter = tokio::spawn({
        let fake = fake.clone();
        async move {
            fake.wait_for(WAIT, |call| call.text() == Some("late"))
                .await
        }
    });
    tokio::time::sleep(Duration::from_millis(5)).await;
    bot.send_message(ChatId(1), "late").await.unwrap();
    assert_eq!(waiter.await.unwrap().unwrap().chat_id(), Some(1));
}

#[tokio::test]
async fn subscribers_see_every_call() {
    let fake = FakeBot::start().await;
    let bot = bot(&fake);
    let mut calls = fake.subscribe();
    fake.set_recording(false);
    bot.get_me().await.unwrap();
    bot.send_message(ChatId(1), "one").await.unwrap();
    bot.send_message(ChatId(2), "two").await.unwrap();
    assert_eq!(calls.recv().await.unwrap().text(), Some("one"));
    assert_eq!(calls.recv().await.unwrap().message_id, Some(1));
    assert!(fake.calls().is_empty(), "recording is off");
}

#[tokio::test]
async fn drop_fault_closes_the_connection_without_an_answer() {
    let fake = FakeBot::start().await;
    fake.fail("sendMessage", Fault::Drop, 1);
    let path = format!("/bot{}/sendMessage", fake.token());
    let body = json!({ "chat_id": 5, "text": "into the void" }).to_string();
    let answer = exchange(
        &fake,
        "POST",
        &path,
        Some("application/json"),
        body.as_bytes(),
    )
    .await;
    assert!(
        answer.is_empty(),
        "not a byte of response: {:?}",
        String::from_utf8_lossy(&answer)
    );
    let call = fake
        .next_call(WAIT)
        .await
        .expect("a dropped call is recorded");
    assert_eq!(
        (
            call.method.as_str(),
            call.text(),
            call.fault,
            call.error_code
        ),
        ("sendmessage", Some("into the void"), true, None)
    );
    assert!(
        fake.message(5, 1).is_none(),
        "a dropped call is not executed"
    );

    // Through teloxide, on a pooled keep-alive connection.
    let bot = bot(&fake);
    bot.get_me().await.unwrap();
    fake.fail("sendMessage", Fault::Drop, 1);
    let err = bot.send_message(ChatId(5), "a").await.unwrap_err();
    assert!(matches!(err, RequestError::Network(_)), "{err:?}");
    let sent = bot.send_message(ChatId(5), "b").await.unwrap();
    assert_eq!(sent.id.0, 1, "the next call is served again");

    // getUpdates can be dropped too.
    fake.fail("getUpdates", Fault::Drop, 1);
    let err = bot.get_updates().await.unwrap_err();
    assert!(matches!(err, RequestError::Network(_)), "{err:?}");
    assert_eq!(fake.get_updates_count(), 1);
    assert!(bot.get_updates().await.unwrap().is_empty());
}

#[tokio::test]
async fn html_fault_answers_an_nginx_error_page() {
    let fake = FakeBot::start().await;
    fake.fail("sendMessage", Fault::Html(502), 1);
    fake.fail("getUpdates", Fault::Html(504), 1);
    let (status, head, body) =
        post_raw(&fake, "sendMessage", json!({ "chat_id": 1, "text": "a" })).await;
    assert_eq!(status, 502);
    assert!(
        head.to_ascii_lowercase()
            .contains("\r\ncontent-type: text/html"),
        "{head}"
    );
    let page = String::from_utf8(body).unwrap();
    assert!(
        page.starts_with("<html>\r\n<head><title>502 Bad Gateway</title></head>"),
        "{page}"
    );
    assert!(page.contains("<center>nginx/1.18.0</center>"), "{page}");
    assert!(serde_json::from_str::<Value>(&page).is_err());
    let (status, _, body) = post_raw(&fake, "getUpdates", json!({})).await;
    assert_eq!(status, 504);
    let page = String::from_utf8(body).unwrap();
    assert!(
        page.contains("<title>504 Gateway Timeout</title>"),
        "{page}"
    );
    let call = &fake.calls()[0];
    assert_eq!((call.fault, call.error_code), (true, Some(502)));
}

#[tokio::test]
async fn status_faults_can_target_every_method() {
    let fake = FakeBot::start().await;
    let conflict = "Conflict: terminated by other getUpdates request";
    fake.fail("*", Fault::Status(409, conflict.into()), 3);
    fake.fail("getMe", Fault::Forbidden, 1);

    // A fault for the method itself comes before one for every method.
    let (status, body) = post(&fake, "getMe", json!({})).await;
    assert_eq!((status, body["error_code"].as_u64()), (403, Some(403)));
    let expected = json!({ "ok": false, "error_code": 409, "description": conflict });
    for method in ["getMe", "getUpdates", "sendMessage"] {
        let (status, body) = post(&fake, method, json!({ "chat_id": 1, "text": "a" })).await;
        assert_eq!((status, &body), (409, &expected), "{method}");
    }
    let (status, body) = post(&fake, "sendMessage", json!({ "chat_id": 1, "text": "b" })).await;
    assert_eq!((status, body["ok"].as_bool()), (200, Some(true)));
    let codes: Vec<_> = fake
        .calls()
        .iter()
        .map(|call| (call.fault, call.error_code))
        .collect();
    assert_eq!(
        codes,
        [(true, Some(409)), (false, None)],
        "only sendMessage is recorded"
    );
}

#[tokio::test]
async fn get_updates_answers_retry_after_and_records_arrivals() {
    let fake = FakeBot::start().await;
    let bot = bot(&fake);
    let user = TgUser::new(8, None);
    fake.send_text(&user, "hello");
    fake.fail("getUpdates", Fault::TooManyRequests { retry_after: 1 }, 2);

    let (status, body) = post(&fake, "getUpdates", json!({ "offset": 5 })).await;
    assert_eq!(status, 429);
    assert_eq!(
        body,
        json!({
            "ok": false,
            "error_code": 429,
            "description": "Too Many Requests: retry after 1",
            "parameters": { "retry_after": 1 },
        })
    );
    assert_eq!(
        (fake.pending_updates(), fake.confirmed_offset()),
        (1, 0),
        "a faulted getUpdates confirms nothing"
    );
    let err = bot.get_updates().await.unwrap_err();
    let RequestError::RetryAfter(wait) = err else {
        panic!("{err:?}");
    };
    assert_eq!(wait.seconds(), 1);
    // A client that waits out retry_after.
    tokio::time::sleep(wait.duration()).await;
    let updates = bot.get_updates().await.unwrap();
    assert_eq!(updates.len(), 1);

    let times = fake.get_updates_times();
    assert_eq!(times.len(), 3);
    assert_eq!(fake.get_updates_count(), 3);
    assert!(times.windows(2).all(|pair| pair[0] <= pair[1]));
    assert!(times[2] - times[1] >= Duration::from_secs(1));
}

#[tokio::test]
async fn forgotten_messages_are_gone_like_telegram() {
    let fake = FakeBot::start().await;
    let bot = bot(&fake);
    let user = TgUser::new(6, None);
    let sent = bot.send_message(ChatId(6), "soon gone").await.unwrap();
    let id = sent.id.0 as i64;
    assert!(fake.forget_message(6, id));
    assert!(!fake.forget_message(6, id), "already forgotten");
    assert!(!fake.forget_message(6, 99), "never sent");
    assert!(!fake.forget_message(77, 1), "unknown chat");
    assert!(fake.message(6, id).is_none());
    assert!(fake.messages(6).is_empty());

    let err = bot
        .edit_message_text(ChatId(6), sent.id, "changed")
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageToEditNotFound)),
        "{err:?}"
    );
    let (status, body) = post(
        &fake,
        "editMessageText",
        json!({ "chat_id": 6, "message_id": id, "text": "changed" }),
    )
    .await;
    assert_eq!(
        (status, body["description"].as_str()),
        (400, Some("Bad Request: message to edit not found"))
    );
    let err = bot.delete_message(ChatId(6), sent.id).await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageToDeleteNotFound)),
        "{err:?}"
    );

    // A press under it carries an inaccessible message.
    fake.press(&user, id, "late");
    let (_, body) = post(&fake, "getUpdates", json!({})).await;
    let message = &body["result"][0]["callback_query"]["message"];
    assert_eq!(
        (message["message_id"].as_i64(), message["date"].as_i64()),
        (Some(id), Some(0))
    );

    // A user's message in the chat can still be deleted, later ones too.
    fake.send_text(&user, "mine");
    let mine = MessageId(fake.last_message_id(6) as i32);
    bot.delete_message(ChatId(6), mine).await.unwrap();
    let next = bot.send_message(ChatId(6), "next").await.unwrap();
    assert_eq!(next.id.0, mine.0 + 1);
    bot.edit_message_text(ChatId(6), next.id, "edited")
        .await
        .unwrap();
}
