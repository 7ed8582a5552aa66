//! Bad input gets a clear answer and nothing is lost: forged and stale buttons, another
//! user's ids, oversized or odd text, repeated deliveries, Bot API errors, health checks.

use crate::db::Backend;
use crate::harness::{TestApp, e2e};
use fakebot::Fault;
use headlog::domain::lang::Lang;
use headlog::i18n::Arg;
use serde_json::json;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

e2e!(
    forged_and_stale_buttons_change_nothing,
    odd_text_gets_a_translated_answer,
    a_repeated_delivery_is_handled_once,
    a_429_is_waited_out_and_a_block_is_remembered,
    an_edit_of_a_message_that_is_gone_becomes_a_new_message,
);

async fn forged_and_stale_buttons_change_nothing(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let owner = app.user(50, lang);
    let intruder = app.user(51, lang);
    app.onboard(&owner, chrono_tz::UTC).await;
    app.say(&owner, &app.t(lang, "btn-headache-now")).await;
    let id = db!(app.store, list_attacks(50, 1, 0)).unwrap()[0].id;
    let mine = app.say(&intruder, "/help").await.message_id.unwrap();
    for data in [
        format!("e:{id}"),
        format!("u:{id}"),
        format!("d:{id}:0"),
        format!("o:{id}:0"),
        format!("t:{id}"),
    ] {
        let (made, answer) = app.press(&intruder, mine, &data).await;
        assert_eq!(answer, Some(app.t(lang, "attack-gone")), "{data}");
        assert!(made.is_empty(), "{data}: {made:?}");
    }
    let attack = db!(app.store, attack(50, id)).unwrap().unwrap();
    assert!(
        attack.is_open() && attack.deleted_at.is_none(),
        "the owner's attack is untouched"
    );
    for data in [
        "",
        "garbage",
        "e:-5",
        "z:Mars/Base",
        "l:xx",
        "e:1:2:3",
        "' OR 1=1 --",
    ] {
        let (made, answer) = app.press(&intruder, mine, data).await;
        assert_eq!(answer, Some(app.t(lang, "error-stale-button")), "{data:?}");
        assert!(made.is_empty());
    }
    // A button on a message the bot can no longer see (too old to edit): the press is the
    // owner's own, so it acts, and the answer says so since the message can't show it.
    let (_, answer) = app.press(&owner, 999_999, &format!("e:{id}")).await;
    assert_eq!(answer, Some(app.t(lang, "done")));
    assert!(!db!(app.store, attack(50, id)).unwrap().unwrap().is_open());
    app.stop().await;
}

async fn odd_text_gets_a_translated_answer(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(52, lang);
    for text in ["hello", "🤕🤕🤕", "'; drop table attack; --", "   "] {
        let reply = app.say(&user, text).await;
        assert_eq!(
            reply.text(),
            Some(app.t(lang, "error-unknown-input").as_str()),
            "{text:?}"
        );
    }
    // Telegram never sends more than 4096 characters; a forged update may.
    let long = "я".repeat(5000);
    let reply = app.push_raw(52, lang, json!({ "text": long })).await;
    let expected = app.tr(
        lang,
        "error-too-long",
        &[("length", Arg::Num(5000)), ("max", Arg::Num(4096))],
    );
    assert_eq!(reply.text(), Some(expected.as_str()));
    // A sticker or photo: no text at all.
    let sticker = json!({"sticker": {
        "file_id": "s", "file_unique_id": "s", "type": "regular", "width": 1, "height": 1,
        "is_animated": false, "is_video": false
    }});
    let reply = app.push_raw(52, lang, sticker).await;
    assert_eq!(
        reply.text(),
        Some(app.t(lang, "error-unknown-input").as_str())
    );
    // Group chats are not served.
    app.fake.push_update(json!({"message": {
        "message_id": 3, "date": 1_773_133_200, "text": "/start",
        "chat": {"id": -100, "type": "group", "title": "G"},
        "from": {"id": 52, "is_bot": false, "first_name": "U"}
    }}));
    app.assert_quiet(-100).await;
    app.stop().await;
}

async fn a_repeated_delivery_is_handled_once(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let update = json!({"update_id": 500, "message": {
        "message_id": 7, "date": 1_773_133_200, "text": app.t(lang, "btn-headache-now"),
        "chat": {"id": 53, "type": "private", "first_name": "U"},
        "from": {"id": 53, "is_bot": false, "first_name": "U", "language_code": lang.code()}
    }});
    let from = app.fake.calls().len();
    app.fake.push_update(update.clone());
    app.calls_after(from, 1, |c| c.chat_id() == Some(53)).await;
    // Telegram delivers the same update again (say, after a lost confirmation).
    app.fake.push_update(update);
    app.assert_quiet(53).await;
    assert_eq!(db!(app.store, count_attacks(53)).unwrap(), 1);
    app.stop().await;
}

async fn a_429_is_waited_out_and_a_block_is_remembered(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(54, lang);
    app.fake
        .fail("sendMessage", Fault::TooManyRequests { retry_after: 1 }, 1);
    let calls = app.say_n(&user, "/help", 2).await;
    assert!(calls[0].fault);
    assert!(!calls[1].fault);
    assert_eq!(calls[1].text(), Some(app.t(lang, "help").as_str()));
    assert!(
        calls[1].at.duration_since(calls[0].at) >= Duration::from_millis(950),
        "waited retry_after"
    );

    app.fake.fail("sendMessage", Fault::Forbidden, 1);
    app.say(&user, "/help").await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while db!(app.store, user(54))
        .unwrap()
        .unwrap()
        .blocked_at
        .is_none()
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "block not remembered"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Writing again means the block is over.
    app.say(&user, "/help").await;
    assert_eq!(db!(app.store, user(54)).unwrap().unwrap().blocked_at, None);
    app.stop().await;
}

/// The message a button edits was deleted (or is too old to edit): the user still sees the
/// result, as a new message, and the press is answered.
async fn an_edit_of_a_message_that_is_gone_becomes_a_new_message(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(56, lang);
    app.onboard(&user, chrono_tz::UTC).await;
    let card = app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let card = card.message_id.unwrap();
    let id = db!(app.store, list_attacks(56, 1, 0)).unwrap()[0].id;
    assert!(app.fake.forget_message(56, card));
    let (made, _) = app.press(&user, card, &format!("e:{id}")).await;
    assert_eq!(made.len(), 2, "{made:?}");
    assert_eq!(made[0].method, "editmessagetext");
    assert_eq!(made[0].error_code, Some(400));
    assert_eq!(made[1].method, "sendmessage");
    assert!(made[1].error_code.is_none());
    assert_eq!(
        made[1].text(),
        made[0].text(),
        "the same text, as a new message"
    );
    assert!(
        db!(app.store, attack(56, id))
            .unwrap()
            .unwrap()
            .ended_at
            .is_some()
    );
    app.stop().await;
}

async fn get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
}

#[tokio::test]
async fn health_answers_and_readiness_follows_the_database() {
    let Some(app) = TestApp::spawn(Backend::Postgres).await else {
        return;
    };
    let live = get(app.http, "/health").await;
    assert!(live.starts_with("HTTP/1.1 200"), "{live}");
    let ready = get(app.http, "/health/ready").await;
    assert!(
        ready.starts_with("HTTP/1.1 200") && ready.contains("\"database\":\"ok\""),
        "{ready}"
    );
    // Take the database away under the running bot.
    let url = app.db_url.clone();
    let name = url.rsplit('/').next().unwrap().to_owned();
    let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&crate::db::admin_url())
        .await
        .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "drop database {name} with (force)"
    )))
    .execute(&mut admin)
    .await
    .unwrap();
    let down = get(app.http, "/health/ready").await;
    assert!(
        down.starts_with("HTTP/1.1 503") && down.contains("\"database\":\"unavailable\""),
        "{down}"
    );
    assert!(
        get(app.http, "/health").await.starts_with("HTTP/1.1 200"),
        "liveness stays up"
    );
    let missing = get(app.http, "/nope").await;
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
    app.stop().await;
}
