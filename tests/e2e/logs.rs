//! Logs of the real binary with `HEADLOG_LOG_FORMAT=json` at debug level: every line on
//! stderr is one JSON object, and neither the comment a user typed into the diary nor
//! the user's name appears in any of them.

use crate::db::{self, Backend};
use crate::process::{headlog, until};
use fakebot::{FakeBot, Fault, TgUser};
use headlog::domain::lang::Lang;
use headlog::i18n::I18n;
use std::process::Stdio;
use std::time::Duration;
use tokio::process::Command;

const COMMENT: &str = "Marmalade thunderstorm behind my left eye 4711";
const NAME: &str = "Zelda Quixotic";

/// Waits for a message call to `chat` after call number `from`; its message id.
async fn next_message(fake: &FakeBot, chat: i64, from: usize, method: &str) -> i64 {
    let mut id = None;
    until(method, async || {
        id = fake
            .calls()
            .into_iter()
            .skip(from)
            .find(|c| c.method == method && c.chat_id() == Some(chat) && c.error_code.is_none())
            .and_then(|c| c.message_id.or(c.target_message_id()));
        id.is_some()
    })
    .await;
    id.unwrap()
}

/// Presses the button labelled `label` on a message and waits for the press's answer.
async fn press(fake: &FakeBot, user: &TgUser, msg: i64, label: &str) {
    let message = fake.message(user.id, msg).expect("the message");
    let data = message
        .reply_markup
        .as_ref()
        .and_then(|m| m["inline_keyboard"].as_array())
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .find(|b| b["text"] == label)
        .and_then(|b| b["callback_data"].as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("no button {label:?}"));
    let from = fake.calls().len();
    fake.press(user, msg, &data);
    until("the press answered", async || {
        fake.calls()
            .iter()
            .skip(from)
            .any(|c| c.method == "answercallbackquery")
    })
    .await;
}

#[tokio::test]
async fn json_logs_are_one_object_a_line_without_diary_text_or_names() {
    let url = db::fresh(Backend::Sqlite).await.unwrap();
    let fake = FakeBot::start().await;
    let i18n = I18n::new().unwrap();
    let mut user = TgUser::new(961, Some("en"));
    user.first_name = NAME.to_owned();
    let dir = crate::backup::scratch_dir("logs");
    let log_path = dir.join("stderr.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut child = headlog()
        .arg("run")
        .env("HEADLOG_BOT_TOKEN", fake.token())
        .env("HEADLOG_TELEGRAM_API_URL", fake.api_url())
        .env("HEADLOG_DATABASE_URL", &url)
        .env("HEADLOG_HTTP_ADDR", "127.0.0.1:0")
        .env("HEADLOG_POLL_TIMEOUT", "1")
        .env("HEADLOG_LOG", "debug")
        .env("HEADLOG_LOG_FORMAT", "json")
        .stderr(Stdio::from(log))
        .spawn()
        .unwrap();

    // One tap, then the details editor's comment, typed; a Telegram failure on the way
    // (an error page) so that warnings are logged too.
    fake.fail("sendMessage", Fault::Html(502), 1);
    let from = fake.calls().len();
    fake.send_text(&user, &i18n.t(Lang::En, "btn-headache-now"));
    let card = next_message(&fake, user.id, from, "sendmessage").await;
    for label in ["btn-details-add", "btn-details-all", "btn-details-comment"] {
        press(&fake, &user, card, &i18n.t(Lang::En, label)).await;
    }
    let from = fake.calls().len();
    fake.send_text(&user, COMMENT);
    next_message(&fake, user.id, from, "editmessagetext").await;
    let shown = fake
        .message(user.id, card)
        .unwrap()
        .text
        .unwrap_or_default();
    assert!(shown.contains(COMMENT), "the comment was recorded: {shown}");

    let pid = child.id().unwrap().to_string();
    Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .unwrap();
    let exit = tokio::time::timeout(Duration::from_secs(15), child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(exit.success(), "{exit:?}");

    let text = std::fs::read_to_string(&log_path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 5, "debug logging says something: {text}");
    let mut messages = Vec::new();
    for line in &lines {
        let value: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(value["timestamp"].is_string(), "{line}");
        assert!(value["level"].is_string(), "{line}");
        messages.push(value["fields"]["message"].as_str().unwrap_or("").to_owned());
    }
    assert!(
        messages.iter().any(|m| m.starts_with("shutdown requested")),
        "{messages:?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("\"WARN\"")),
        "the 502 was logged: {text}"
    );
    for secret in [COMMENT, "Marmalade", NAME, "Zelda", "Quixotic"] {
        assert!(!text.contains(secret), "{secret:?} is in the logs: {text}");
    }
}

#[cfg(feature = "sentry")]
/// Accepts one HTTP request on `listener` and answers 200; its request line, headers and
/// body.
async fn one_request(listener: &tokio::net::TcpListener) -> (String, Vec<u8>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (mut conn, _) = listener.accept().await.unwrap();
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        let n = conn.read(&mut buf).await.unwrap();
        assert!(n > 0, "the request ended early");
        data.extend_from_slice(&buf[..n]);
        if let Some(at) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map(|v| v.trim().parse().unwrap())
        .unwrap_or(0);
    while data.len() < head_end + length {
        let n = conn.read(&mut buf).await.unwrap();
        assert!(n > 0, "the body ended early");
        data.extend_from_slice(&buf[..n]);
    }
    conn.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}")
        .await
        .unwrap();
    (head, data[head_end..].to_vec())
}

/// With `HEADLOG_SENTRY_DSN`, an error logged by the real binary (here a scheduled
/// backup that cannot be written) reaches the DSN's host as a Sentry envelope.
#[cfg(feature = "sentry")]
#[tokio::test]
async fn an_error_is_reported_to_the_sentry_dsn() {
    let url = db::fresh(Backend::Sqlite).await.unwrap();
    let fake = FakeBot::start().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut child = headlog()
        .arg("run")
        .env("HEADLOG_BOT_TOKEN", fake.token())
        .env("HEADLOG_TELEGRAM_API_URL", fake.api_url())
        .env("HEADLOG_DATABASE_URL", &url)
        .env("HEADLOG_HTTP_ADDR", "127.0.0.1:0")
        .env("HEADLOG_POLL_TIMEOUT", "1")
        .env("HEADLOG_LOG", "warn")
        .env(
            "HEADLOG_SENTRY_DSN",
            format!("http://publickey@127.0.0.1:{port}/42"),
        )
        // No directory can be made under /proc: the backup fails and says so as an error.
        .env("HEADLOG_BACKUP_DIR", "/proc/headlog-backups")
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (head, body) = tokio::time::timeout(Duration::from_secs(20), one_request(&listener))
        .await
        .expect("an envelope within 20 s");
    child.kill().await.unwrap();
    assert!(head.starts_with("post /api/42/envelope/ "), "{head}");
    assert!(
        head.contains("x-sentry-auth: sentry sentry_key=publickey"),
        "{head}"
    );
    let body = String::from_utf8_lossy(&body);
    assert!(
        body.contains("{\"type\":\"event\""),
        "an error event: {body}"
    );
    assert!(
        body.contains("\"message\":\"scheduled backup failed\""),
        "{body}"
    );
}
