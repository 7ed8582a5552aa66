//! Raw HTTP behaviour: routing, token, errors, parameters, getUpdates.

use std::time::{Duration, Instant};

use fakebot::{FakeBot, Fault, TgUser};
use serde_json::{Value, json};

use crate::common::{WAIT, post, raw};

#[tokio::test]
async fn routes_methods_case_insensitively() {
    let fake = FakeBot::start().await;
    for method in ["sendMessage", "SendMessage", "SENDMESSAGE", "sendmessage"] {
        let (status, body) = post(&fake, method, json!({ "chat_id": 7, "text": method })).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["ok"], true);
        assert_eq!(body["result"]["text"], method);
    }
    let calls = fake.calls();
    assert!(calls.iter().all(|call| call.method == "sendmessage"));
    let ids: Vec<_> = calls.iter().map(|call| call.message_id).collect();
    assert_eq!(ids, [Some(1), Some(2), Some(3), Some(4)]);
    assert_eq!(calls[0].chat_id(), Some(7));
    assert_eq!(calls[0].text(), Some("sendMessage"));
}

#[tokio::test]
async fn rejects_other_tokens() {
    let fake = FakeBot::start().await;
    let (status, body) = raw(&fake, "POST", "/bot999:other/getMe", None, b"").await;
    assert_eq!(status, 401);
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        body,
        json!({ "ok": false, "error_code": 401, "description": "Unauthorized" })
    );
    let (status, _) = raw(&fake, "GET", "/nonsense", None, b"").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn unknown_method_is_404_not_5xx() {
    let fake = FakeBot::start().await;
    let (status, body) = post(&fake, "frobnicateChat", json!({})).await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        json!({ "ok": false, "error_code": 404, "description": "Not Found: method not found" })
    );
    assert_eq!(fake.calls()[0].error_code, Some(404));
}

#[tokio::test]
async fn malformed_requests_get_400() {
    let fake = FakeBot::start().await;
    let path = format!("/bot{}/sendMessage", fake.token());
    for body in [&b"{not json"[..], b"[1,2]", b"\"text\""] {
        let (status, answer) = raw(&fake, "POST", &path, Some("application/json"), body).await;
        assert_eq!(status, 400);
        let answer: Value = serde_json::from_slice(&answer).unwrap();
        assert_eq!(answer["ok"], false);
        assert_eq!(answer["error_code"], 400);
    }
    let (status, _) = raw(
        &fake,
        "POST",
        &path,
        Some("multipart/form-data; boundary=x"),
        b"garbage",
    )
    .await;
    assert_eq!(status, 400);
    let (status, body) = post(&fake, "sendMessage", json!({ "chat_id": 7 })).await;
    assert_eq!(status, 400);
    assert_eq!(body["description"], "Bad Request: message text is empty");
}

#[tokio::test]
async fn reads_forms_and_query_strings() {
    let fake = FakeBot::start().await;
    let path = format!("/bot{}/sendMessage", fake.token());
    let form = b"chat_id=7&text=hi%20there&reply_markup=%7B%22inline_keyboard%22%3A%5B%5D%7D";
    let (status, _) = raw(
        &fake,
        "POST",
        &path,
        Some("application/x-www-form-urlencoded"),
        form,
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = raw(
        &fake,
        "GET",
        &format!("{path}?chat_id=8&text=42"),
        None,
        b"",
    )
    .await;
    assert_eq!(status, 200);
    let calls = fake.calls();
    assert_eq!(calls[0].params["chat_id"], 7);
    assert_eq!(calls[0].text(), Some("hi there"));
    assert_eq!(
        calls[0].params["reply_markup"],
        json!({ "inline_keyboard": [] })
    );
    assert_eq!(calls[1].chat_id(), Some(8));
    assert_eq!(calls[1].text(), Some("42"));
}

#[tokio::test]
async fn server_error_fault_is_500_once() {
    let fake = FakeBot::start().await;
    fake.fail("SendMessage", Fault::ServerError, 1);
    let (status, body) = post(&fake, "sendMessage", json!({ "chat_id": 1, "text": "a" })).await;
    assert_eq!(status, 500);
    assert_eq!(body["error_code"], 500);
    let (status, _) = post(&fake, "sendMessage", json!({ "chat_id": 1, "text": "b" })).await;
    assert_eq!(status, 200);
    let calls = fake.calls();
    assert!(calls[0].fault && calls[0].error_code == Some(500) && calls[0].message_id.is_none());
    assert!(!calls[1].fault && calls[1].message_id == Some(1));
}

#[tokio::test]
async fn get_updates_confirms_offsets() {
    let fake = FakeBot::start().await;
    let user = TgUser::new(5, None);
    let ids: Vec<i64> = (0..3)
        .map(|i| fake.send_text(&user, &format!("m{i}")))
        .collect();
    assert_eq!(ids, [1, 2, 3]);
    let (_, body) = post(&fake, "getUpdates", json!({})).await;
    assert_eq!(body["result"].as_array().unwrap().len(), 3);
    let (_, body) = post(&fake, "getUpdates", json!({ "offset": 2, "limit": 1 })).await;
    assert_eq!(body["result"][0]["update_id"], 2);
    assert_eq!(body["result"].as_array().unwrap().len(), 1);
    assert_eq!(fake.pending_updates(), 2);
    assert_eq!(fake.confirmed_offset(), 2);
    // Confirmed updates are gone for good, even with a lower offset later.
    let (_, body) = post(&fake, "getUpdates", json!({ "offset": 1 })).await;
    assert_eq!(body["result"][0]["update_id"], 2);
    let (_, body) = post(&fake, "getUpdates", json!({ "offset": 4, "timeout": 0 })).await;
    assert_eq!(body["result"], json!([]));
    assert_eq!(fake.pending_updates(), 0);
    assert_eq!(fake.confirmed_offset(), 4);
    assert_eq!(fake.get_updates_count(), 4);
    // A raw update keeps its id, later ones continue after it.
    assert_eq!(
        fake.push_update(json!({ "update_id": 10, "message": {} })),
        10
    );
    assert_eq!(fake.send_text(&user, "after"), 11);
    assert!(fake.calls().is_empty(), "getUpdates is not recorded");
}

#[tokio::test]
async fn long_poll_wakes_on_push() {
    let fake = FakeBot::start().await;
    let started = Instant::now();
    let poll = {
        let fake = fake.clone();
        tokio::spawn(async move { post(&fake, "getUpdates", json!({ "timeout": 30 })).await })
    };
    while fake.get_updates_count() == 0 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    tokio::time::sleep(Duration::from_millis(5)).await;
    assert!(!poll.is_finished());
    fake.send_text(&TgUser::new(5, None), "wake up");
    let (status, body) = tokio::time::timeout(WAIT, poll).await.unwrap().unwrap();
    assert_eq!(status, 200);
    assert_eq!(body["result"][0]["message"]["text"], "wake up");
    assert!(started.elapsed() < WAIT);
}

#[tokio::test]
async fn long_poll_times_out_with_empty_list() {
    let fake = FakeBot::start().await;
    let started = Instant::now();
    let (status, body) = post(&fake, "getUpdates", json!({ "timeout": 0.05 })).await;
    assert_eq!(status, 200);
    assert_eq!(body, json!({ "ok": true, "result": [] }));
    assert!(started.elapsed() >= Duration::from_millis(50));
}

#[tokio::test]
async fn downloads_registered_files_only() {
    let fake = FakeBot::start().await;
    fake.register_file("f1", "notes.txt", b"hello".to_vec());
    let (_, body) = post(&fake, "getFile", json!({ "file_id": "f1" })).await;
    let file_path = body["result"]["file_path"].as_str().unwrap().to_owned();
    assert_eq!(body["result"]["file_size"], 5);
    let url = format!("/file/bot{}/{file_path}", fake.token());
    assert_eq!(
        raw(&fake, "GET", &url, None, b"").await,
        (200, b"hello".to_vec())
    );
    let missing = format!("/file/bot{}/documents/nope", fake.token());
    assert_eq!(raw(&fake, "GET", &missing, None, b"").await.0, 404);
    let (status, body) = post(&fake, "getFile", json!({ "file_id": "nope" })).await;
    assert_eq!(
        (status, body["description"].as_str()),
        (400, Some("Bad Request: invalid file id"))
    );
}
