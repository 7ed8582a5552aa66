//! Webhook mode: headlog sets the webhook with its secret and never polls; an update POSTed
//! with the secret is stored, then handled and answered once (a repeated delivery too);
//! without the secret, with a wrong one, with a body that is no update or is too big, it is
//! refused and nothing happens; while the store cannot take it the answer is 503, and
//! Telegram's retry afterwards is handled. The fake stands for Telegram: the test takes the
//! updates it queued and delivers them as Telegram would.

use crate::db::Backend;
use crate::faults::sqlite_path;
use crate::harness::{TestApp, on_both_stores, wait_calls};
use headlog::domain::lang::Lang;
use std::time::Duration;

on_both_stores!(
    the_webhook_is_set_and_what_telegram_posts_is_answered_once,
    requests_without_the_secret_or_an_update_are_refused,
);

const URL: &str = "https://bot.example.test/telegram/hook";
const SECRET: &str = "s3cret_Token-42";

async fn spawn(b: Backend) -> Option<TestApp> {
    TestApp::spawn_with(
        b,
        &[
            ("HEADLOG_WEBHOOK_URL", URL),
            ("HEADLOG_WEBHOOK_SECRET", SECRET),
        ],
    )
    .await
}

/// POSTs `body` to the webhook path with `secret` (none: no header); the status.
async fn post(app: &TestApp, secret: Option<&str>, body: impl Into<reqwest::Body>) -> u16 {
    let mut request = reqwest::Client::new()
        .post(format!("http://{}/telegram/hook", app.http))
        .header("content-type", "application/json")
        .body(body);
    if let Some(s) = secret {
        request = request.header("X-Telegram-Bot-Api-Secret-Token", s);
    }
    request
        .send()
        .await
        .expect("the webhook answers")
        .status()
        .as_u16()
}

fn replies(app: &TestApp, chat: i64) -> usize {
    app.fake
        .calls()
        .iter()
        .filter(|c| c.method == "sendmessage" && c.chat_id() == Some(chat))
        .count()
}

async fn the_webhook_is_set_and_what_telegram_posts_is_answered_once(b: Backend) {
    let Some(app) = spawn(b).await else { return };
    let set = wait_calls(&app.fake, 0, 1, Duration::from_secs(5), |c| {
        c.method == "setwebhook"
    })
    .await;
    assert_eq!(set[0].params["url"], URL);
    assert_eq!(set[0].params["secret_token"], SECRET);

    let user = app.user(700, Lang::En);
    app.fake.send_text(&user, "/start");
    let delivered = app.fake.take_pending();
    assert_eq!(delivered.len(), 1);
    assert_eq!(post(&app, Some(SECRET), delivered[0].1.clone()).await, 200);
    // /start answers with three messages: all of them before counting (on a busy machine
    // the third came after the count and looked like a second handling).
    wait_calls(&app.fake, 0, 3, Duration::from_secs(5), |c| {
        c.method == "sendmessage" && c.chat_id() == Some(700)
    })
    .await;
    // Telegram delivers it again (it did not see our answer): stored once, answered once.
    let before = replies(&app, 700);
    assert_eq!(post(&app, Some(SECRET), delivered[0].1.clone()).await, 200);
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(
        replies(&app, 700),
        before,
        "a repeated delivery is not handled again"
    );
    assert!(
        !app.fake.calls().iter().any(|c| c.method == "getupdates"),
        "webhook mode never polls"
    );

    if b == Backend::Sqlite {
        // The store cannot take it: 503, so Telegram keeps it and retries.
        let other = rusqlite::Connection::open(sqlite_path(&app.db_url)).unwrap();
        other.execute_batch("begin immediate").unwrap();
        app.fake.send_text(&user, "/help");
        let (_, update) = app.fake.take_pending().remove(0);
        assert_eq!(post(&app, Some(SECRET), update.clone()).await, 503);
        other.execute_batch("rollback").unwrap();
        let before = replies(&app, 700);
        assert_eq!(post(&app, Some(SECRET), update).await, 200);
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while replies(&app, 700) == before {
            assert!(
                std::time::Instant::now() < deadline,
                "the retried update is answered"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    app.stop().await;
}

async fn requests_without_the_secret_or_an_update_are_refused(b: Backend) {
    let Some(app) = spawn(b).await else { return };
    let user = app.user(701, Lang::En);
    app.fake.send_text(&user, "/start");
    let (_, update) = app.fake.take_pending().remove(0);
    let wrong_same_length: String = SECRET.chars().rev().collect();
    for (secret, body, status) in [
        (None, update.clone(), 401),
        (Some("nope"), update.clone(), 401),
        (Some(wrong_same_length.as_str()), update.clone(), 401),
        (Some(""), update.clone(), 401),
        (Some(SECRET), "{not json".to_owned(), 400),
        (Some(SECRET), "{\"message\":{}}".to_owned(), 400),
        (Some(SECRET), "[1,2,3]".to_owned(), 400),
        (
            Some(SECRET),
            format!("{{\"update_id\":1,\"pad\":\"{}\"}}", "x".repeat(2 << 20)),
            413,
        ),
    ] {
        assert_eq!(
            post(&app, secret, body.clone()).await,
            status,
            "{secret:?} {}",
            &body[..body.len().min(40)]
        );
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(replies(&app, 701), 0, "nothing refused was handled");
    assert_eq!(db!(app.store, count_attacks(701)).unwrap(), 0);
    app.stop().await;
}

/// A free port on loopback (bound, read, released: the replica takes it a moment later).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One port in front of `backends`, each new connection sent to the next in turn (a load
/// balancer's round robin).
async fn round_robin(backends: Vec<u16>) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut next = 0usize;
        loop {
            let Ok((mut client, _)) = listener.accept().await else {
                return;
            };
            let port = backends[next % backends.len()];
            next += 1;
            tokio::spawn(async move {
                if let Ok(mut server) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                }
            });
        }
    });
    addr
}

/// Three real processes on one PostgreSQL behind one port: each chat's updates are POSTed
/// in Telegram's order, every one twice at once (two replicas get the same update); each is
/// handled once and the replies come in the order of the updates.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_webhook_replicas_behind_one_port_handle_each_update_once_in_order() {
    use crate::process::{start_with, until_within};
    let Some(url) = crate::db::fresh(Backend::Postgres).await else {
        return;
    };
    let fake = fakebot::FakeBot::start().await;
    let ports: Vec<u16> = (0..3).map(|_| free_port()).collect();
    let mut replicas: Vec<_> = ports
        .iter()
        .map(|p| {
            start_with(
                &fake,
                &url,
                &[
                    ("HEADLOG_HTTP_ADDR", format!("127.0.0.1:{p}")),
                    ("HEADLOG_WEBHOOK_URL", URL.to_owned()),
                    ("HEADLOG_WEBHOOK_SECRET", SECRET.to_owned()),
                ],
            )
        })
        .collect();
    let front = round_robin(ports.clone()).await;
    let client = reqwest::Client::new();
    for p in &ports {
        until_within("a replica answers", Duration::from_secs(60), async || {
            client
                .get(format!("http://127.0.0.1:{p}/health/ready"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
        })
        .await;
    }

    let i18n = headlog::i18n::I18n::new().unwrap();
    let steps = [
        ("/help", i18n.t(Lang::En, "help")),
        ("/history", i18n.t(Lang::En, "history-empty")),
        ("/trash", i18n.t(Lang::En, "trash-empty")),
        ("/export", i18n.t(Lang::En, "export-empty")),
    ];
    let chats: Vec<i64> = (800..806).collect();
    let mut deliveries = Vec::new();
    for chat in &chats {
        let user = fakebot::TgUser::new(*chat, Some("en"));
        let updates: Vec<String> = steps
            .iter()
            .map(|(text, _)| {
                fake.send_text(&user, text);
                fake.take_pending().remove(0).1
            })
            .collect();
        let (client, front) = (client.clone(), front);
        deliveries.push(tokio::spawn(async move {
            for update in updates {
                let post = || {
                    client
                        .post(format!("http://{front}/telegram/hook"))
                        .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                        .header("content-type", "application/json")
                        .body(update.clone())
                        .send()
                };
                let (a, b) = tokio::join!(post(), post());
                assert_eq!(a.unwrap().status().as_u16(), 200);
                assert_eq!(b.unwrap().status().as_u16(), 200);
            }
        }));
    }
    for d in deliveries {
        d.await.unwrap();
    }
    let replies = |chat: i64| -> Vec<String> {
        fake.calls()
            .iter()
            .filter(|c| {
                c.method == "sendmessage" && c.chat_id() == Some(chat) && c.error_code.is_none()
            })
            .map(|c| c.text().unwrap_or_default().to_owned())
            .collect()
    };
    until_within(
        "every update answered",
        Duration::from_secs(60),
        async || chats.iter().all(|c| replies(*c).len() >= steps.len()),
    )
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    for chat in &chats {
        let got = replies(*chat);
        assert_eq!(
            got.len(),
            steps.len(),
            "chat {chat}: each update once: {got:#?}"
        );
        for ((command, expected), text) in steps.iter().zip(&got) {
            let head: String = expected.chars().take(24).collect();
            assert!(text.starts_with(&head), "chat {chat}, {command}: {text:?}");
        }
    }
    for r in &mut replicas {
        let _ = r.kill().await;
    }
}
