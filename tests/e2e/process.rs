//! The real `headlog` binary: clear start-up errors, SIGTERM, and SIGKILL inside each
//! window: while Telegram holds a reply (after commit, before its answer), and while the
//! store fails in the middle of a chat's work. After restart every update is handled
//! exactly once and every reply arrives at least once.

use crate::db::{self, Backend};
use fakebot::{FakeBot, TgUser};
use headlog::domain::lang::Lang;
use headlog::i18n::I18n;
use headlog::store::Db;
use std::process::Stdio;
use std::time::Duration;
use tokio::process::{Child, Command};

/// The real binary with no HEADLOG_* settings from the test's environment.
pub fn headlog() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_headlog"));
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("HEADLOG_")) {
        cmd.env_remove(key);
    }
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .kill_on_drop(true);
    cmd
}

/// Starts the real binary against `fake` and the database at `url`.
pub fn start(fake: &FakeBot, url: &str) -> Child {
    start_with(fake, url, &[])
}

/// Like [`start`], with more settings.
pub fn start_with(fake: &FakeBot, url: &str, settings: &[(&str, String)]) -> Child {
    let mut cmd = headlog();
    cmd.arg("run")
        .env("HEADLOG_BOT_TOKEN", fake.token())
        .env("HEADLOG_TELEGRAM_API_URL", fake.api_url())
        .env("HEADLOG_DATABASE_URL", url)
        .env("HEADLOG_HTTP_ADDR", "127.0.0.1:0")
        .env("HEADLOG_POLL_TIMEOUT", "1")
        // What a killed process held is sent again once its hold lapses (PostgreSQL).
        .env("HEADLOG_OUTBOX_CLAIM_SECS", "2")
        .env("HEADLOG_LOG", "warn")
        .stderr(Stdio::null());
    // The caller's settings win over the defaults above.
    for (key, value) in settings {
        cmd.env(key, value);
    }
    cmd.spawn().expect("start headlog")
}

/// Waits (up to 20 s) until `check` holds.
pub async fn until(what: &str, check: impl AsyncFnMut() -> bool) {
    until_within(what, Duration::from_secs(20), check).await
}

/// Waits (up to `within`) until `check` holds.
pub async fn until_within(what: &str, within: Duration, mut check: impl AsyncFnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + within;
    while !check().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn a_missing_or_malformed_setting_stops_start_up_with_one_sentence() {
    let out = headlog()
        .arg("run")
        .stderr(Stdio::piped())
        .output()
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "headlog: HEADLOG_BOT_TOKEN is not set: set it to the token @BotFather gave you\n"
    );
    let out = headlog()
        .arg("run")
        .env("HEADLOG_BOT_TOKEN", "1:a")
        .env("HEADLOG_HTTP_ADDR", "nowhere")
        .stderr(Stdio::piped())
        .output()
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("headlog: HEADLOG_HTTP_ADDR is not valid"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

async fn killed_between_receiving_and_handling(backend: Backend) {
    let Some(url) = db::fresh(backend).await else {
        return;
    };
    let fake = FakeBot::start().await;
    let i18n = I18n::new().unwrap();
    let tap = i18n.t(Lang::En, "btn-headache-now");
    let users: Vec<TgUser> = (1..=4).map(|id| TgUser::new(id, Some("en"))).collect();
    fake.stall("sendMessage");
    for u in &users {
        fake.send_text(u, &tap);
    }
    let last = fake.send_text(&users[0], "/help");

    let mut first = start(&fake, &url);
    // Stored (the next getUpdates confirmed them) and being handled (replies stalled).
    until("updates stored and confirmed", async || {
        fake.confirmed_offset() > last
    })
    .await;
    // Opened only now: the bot has migrated the database (one SQLite migrator at a time).
    let store = Db::open(&url).await.unwrap();
    until("handlers running", async || {
        fake.calls()
            .iter()
            .filter(|c| c.method == "sendmessage")
            .count()
            >= 4
    })
    .await;
    first.kill().await.unwrap();
    // Killed after each tap's unit of work committed, while Telegram held its reply: the
    // attacks are recorded, the replies wait in the outbox, and user 1's /help waits in
    // the inbox behind the reply to their tap.
    assert_eq!(
        db!(store, inbox_pending(100)).unwrap().len(),
        1,
        "four handled and closed, one waiting"
    );
    for u in &users {
        assert_eq!(db!(store, count_attacks(u.id)).unwrap(), 1);
    }
    assert_eq!(
        db!(store, outbox_counts()).unwrap(),
        vec![("reply".to_owned(), "pending".to_owned(), 4)],
        "four replies committed, none marked sent"
    );

    fake.unstall("sendMessage");
    let from = fake.calls().len();
    let mut second = start(&fake, &url);
    let sends = |fake: &FakeBot| -> Vec<(i64, String)> {
        fake.calls()
            .into_iter()
            .skip(from)
            .filter(|c| c.method == "sendmessage")
            .map(|c| (c.chat_id().unwrap(), c.text().unwrap_or("").to_owned()))
            .collect()
    };
    until("five replies after the restart", async || {
        sends(&fake).len() >= 5
    })
    .await;
    until("inbox drained", async || {
        db!(store, inbox_pending(100)).unwrap().is_empty()
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let replies = sends(&fake);
    assert_eq!(replies.len(), 5, "no reply twice: {replies:?}");
    for u in &users {
        assert_eq!(
            db!(store, count_attacks(u.id)).unwrap(),
            1,
            "user {} has exactly one attack",
            u.id
        );
        let theirs: Vec<&String> = replies
            .iter()
            .filter(|(c, _)| *c == u.id)
            .map(|(_, t)| t)
            .collect();
        assert!(
            theirs[0].starts_with(&i18n.t(Lang::En, "attack-recorded")[..20]),
            "{theirs:?}"
        );
    }
    let user1: Vec<&String> = replies
        .iter()
        .filter(|(c, _)| *c == 1)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(user1.len(), 2);
    assert_eq!(
        user1[1],
        &i18n.t(Lang::En, "help"),
        "a chat's updates stay in order"
    );

    // SIGTERM: a graceful stop.
    let pid = second.id().unwrap().to_string();
    let status = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .unwrap();
    assert!(status.success());
    let exit = tokio::time::timeout(Duration::from_secs(15), second.wait())
        .await
        .expect("stops promptly")
        .unwrap();
    assert!(exit.success(), "{exit:?}");
}

#[tokio::test]
async fn a_killed_process_handles_each_received_update_exactly_once_sqlite() {
    killed_between_receiving_and_handling(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_killed_process_handles_each_received_update_exactly_once_postgres() {
    killed_between_receiving_and_handling(Backend::Postgres).await;
}

/// The store fails in the middle of a chat's work (another process holds SQLite's write
/// lock), and the process is killed while it waits: after the lock is gone and headlog is
/// back, every stored update is handled exactly once and answered; the one reply whose
/// "sent" mark could not be written is sent again (the documented repeat), none is lost.
#[tokio::test]
async fn killed_while_the_store_is_locked_nothing_is_lost_or_doubled() {
    let Some(url) = db::fresh(Backend::Sqlite).await else {
        return;
    };
    let fake = FakeBot::start().await;
    let i18n = I18n::new().unwrap();
    let user = TgUser::new(8, Some("en"));
    fake.stall("sendMessage");
    let tap = fake.send_text(&user, &i18n.t(Lang::En, "btn-headache-now"));
    let mut first = start(&fake, &url);
    until("the tap handled, its reply held by Telegram", async || {
        fake.calls().iter().any(|c| c.method == "sendmessage")
    })
    .await;
    // Two more, stored behind the held reply.
    fake.send_text(&user, "/help");
    let last = fake.send_text(&user, "/history");
    until("both stored", async || fake.confirmed_offset() > last).await;

    let path = url.trim_start_matches("sqlite://").to_owned();
    let lock = rusqlite::Connection::open(&path).unwrap();
    lock.execute_batch("begin immediate").unwrap();
    // Telegram answers now: the "sent" mark and the next update both meet the lock.
    fake.unstall("sendMessage");
    tokio::time::sleep(Duration::from_millis(800)).await;
    first.kill().await.unwrap();
    lock.execute_batch("rollback").unwrap();
    drop(lock);

    let from = fake.calls().len();
    let mut second = start(&fake, &url);
    let replies = |fake: &FakeBot| -> Vec<String> {
        fake.calls()
            .into_iter()
            .skip(from)
            .filter(|c| c.method == "sendmessage" && c.chat_id() == Some(8))
            .map(|c| c.text().unwrap_or("").to_owned())
            .collect()
    };
    until("the replies after the restart", async || {
        replies(&fake).len() >= 3
    })
    .await;
    let store = Db::open(&url).await.unwrap();
    until("inbox drained", async || {
        db!(store, inbox_pending(100)).unwrap().is_empty()
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let replies = replies(&fake);
    assert_eq!(replies.len(), 3, "{replies:?}");
    assert_eq!(replies[1], i18n.t(Lang::En, "help"), "in order, each once");
    assert_eq!(
        db!(store, count_attacks(8)).unwrap(),
        1,
        "the tap recorded once"
    );
    let statuses = db!(store, inbox_statuses()).unwrap();
    assert_eq!(statuses.len(), 3);
    assert!(statuses.iter().all(|(_, s)| s == "done"), "{statuses:?}");
    assert!(statuses.iter().any(|(id, _)| *id == tap));
    second.kill().await.unwrap();
}
