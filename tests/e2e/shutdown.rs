//! Graceful shutdown of the real binary: SIGTERM (and SIGINT) while Telegram holds a
//! reply. The process stops taking updates at once, waits for the send under way, marks
//! it sent and exits 0; started again, it sends nothing twice and handles the update that
//! arrived meanwhile exactly once.

use crate::db::{self, Backend};
use crate::harness::on_both_stores;
use crate::process::{start, until};
use fakebot::{FakeBot, TgUser};
use headlog::domain::lang::Lang;
use headlog::i18n::I18n;
use headlog::store::Db;
use std::time::Duration;
use tokio::process::Command;

on_both_stores!(
    sigterm_finishes_the_send_under_way_and_nothing_goes_twice,
    sigint_stops_as_gracefully,
);

/// The bot's messages to `chat`: their texts, in order.
fn sends(fake: &FakeBot, chat: i64) -> Vec<String> {
    fake.calls()
        .into_iter()
        .filter(|c| c.method == "sendmessage" && c.chat_id() == Some(chat))
        .map(|c| c.text().unwrap_or("").to_owned())
        .collect()
}

async fn stop_while_a_send_is_held(b: Backend, signal: &str, chat: i64) {
    let Some(url) = db::fresh(b).await else {
        return;
    };
    let fake = FakeBot::start().await;
    let i18n = I18n::new().unwrap();
    let user = TgUser::new(chat, Some("en"));
    fake.stall("sendMessage");
    let mut first = start(&fake, &url);
    fake.send_text(&user, "/help");
    until("the reply is in flight", async || {
        !sends(&fake, chat).is_empty()
    })
    .await;

    let pid = first.id().unwrap().to_string();
    let sent = Command::new("kill")
        .args([signal, &pid])
        .status()
        .await
        .unwrap();
    assert!(sent.success());
    tokio::time::sleep(Duration::from_millis(300)).await;
    // Arrives after the signal: left with Telegram for the next run.
    let late = fake.send_text(&user, "/privacy");
    // Telegram holds the reply for a second: the process waits for it.
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(
        first.try_wait().unwrap().is_none(),
        "still finishing the send under way"
    );
    fake.unstall("sendMessage");
    let exit = tokio::time::timeout(Duration::from_secs(15), first.wait())
        .await
        .expect("stops once the send is done")
        .unwrap();
    assert_eq!(exit.code(), Some(0), "{exit:?}");

    let store = Db::open(&url).await.unwrap();
    assert_eq!(
        db!(store, outbox_counts()).unwrap(),
        vec![("reply".to_owned(), "sent".to_owned(), 1)],
        "the held reply was marked sent before the exit"
    );
    assert!(
        db!(store, inbox_row(late)).unwrap().is_none(),
        "no update taken after the signal"
    );

    let mut second = start(&fake, &url);
    until("the late update answered", async || {
        sends(&fake, chat).len() >= 2
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let replies = sends(&fake, chat);
    assert_eq!(replies.len(), 2, "each reply once: {replies:?}");
    assert_eq!(replies[0], i18n.t(Lang::En, "help"));
    let privacy = i18n.t(Lang::En, "privacy");
    assert!(
        replies[1].starts_with(privacy.split(':').next().unwrap()),
        "{replies:?}"
    );
    second.kill().await.unwrap();
}

async fn sigterm_finishes_the_send_under_way_and_nothing_goes_twice(b: Backend) {
    stop_while_a_send_is_held(b, "-TERM", 951).await;
}

async fn sigint_stops_as_gracefully(b: Backend) {
    stop_while_a_send_is_held(b, "-INT", 952).await;
}
