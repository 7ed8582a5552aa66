//! Injected faults, stalls and emulated Bot API errors, seen through
//! teloxide-core.

use std::time::Duration;

use fakebot::{FakeBot, Fault};
use teloxide_core::prelude::*;
use teloxide_core::types::MessageId;
use teloxide_core::{ApiError, RequestError};

use crate::common::{WAIT, bot};

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
