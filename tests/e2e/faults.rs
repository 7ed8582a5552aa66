//! Faults from outside, end to end: Telegram failing sends (5xx, an nginx HTML page, a
//! dropped connection, 429s), a 429 on getUpdates, unreadable and oversized updates in one
//! batch, a late delivery, a locked or deleted SQLite file, a flooding user, and start-up
//! errors of the real binary. Each test checks what a user (or an operator) would see.
//!
//! Time budgets are marked per test: the outbox backs off by the wall clock (1 s, 2 s,
//! 4 s …) and a 429 is waited out in full, so some of these tests take seconds by design.

use crate::db::{self, Backend};
use crate::harness::{TestApp, e2e, t0, wait_calls};
use fakebot::{Call, FakeBot, Fault, TgUser};
use headlog::clock::SystemClock;
use headlog::domain::lang::Lang;
use headlog::i18n::{Arg, I18n};
use headlog::startup::Application;
use headlog::store::Db;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

e2e!(
    an_export_survives_a_server_error,
    one_batch_with_an_unreadable_a_huge_and_a_repeated_id,
    a_late_message_is_recorded_at_its_own_date,
);

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// The calls of `method` to `chat` after `from`, as they stand now.
fn calls_to(fake: &FakeBot, from: usize, method: &str, chat: i64) -> Vec<Call> {
    fake.calls()
        .into_iter()
        .skip(from)
        .filter(|c| c.method == method && c.chat_id() == Some(chat))
        .collect()
}

fn is_send_to(chat: i64) -> impl Fn(&Call) -> bool {
    move |c: &Call| c.method == "sendmessage" && c.chat_id() == Some(chat)
}

/// The outbox counters once nothing is pending any more (up to 5 s).
async fn settled_outbox(store: &Db) -> Vec<(String, String, i64)> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let counts = db!(store, outbox_counts()).unwrap();
        if !counts.iter().any(|(_, status, _)| status == "pending") {
            return counts;
        }
        assert!(
            Instant::now() < deadline,
            "outbox still pending: {counts:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The literal start of a translated text, before its first placeable.
fn lead(i18n: &I18n, lang: Lang, key: &str) -> String {
    let text = i18n.t(lang, key);
    text.split('{').next().unwrap_or_default().to_owned()
}

/// One HTTP GET; returns the whole response and how long it took.
async fn get(addr: std::net::SocketAddr, path: &str) -> (String, Duration) {
    let started = Instant::now();
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    (response, started.elapsed())
}

/// Waits (up to `within`) until `/health/ready` answers with `status`.
async fn ready_becomes(addr: std::net::SocketAddr, status: &str, within: Duration) -> String {
    let deadline = Instant::now() + within;
    loop {
        let (response, _) = get(addr, "/health/ready").await;
        if response.starts_with(&format!("HTTP/1.1 {status}")) {
            return response;
        }
        assert!(
            Instant::now() < deadline,
            "readiness never became {status}: {response}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The path of a test's SQLite file.
pub(crate) fn sqlite_path(url: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(url.trim_start_matches("sqlite://"))
}

// ---------------------------------------------------------------------------------------
// 1. Transient send failures: 500, an HTML 502, a dropped connection, then success
// ---------------------------------------------------------------------------------------

/// Time budget: ~7–9 s (the outbox backs off 1 s, 2 s, 4 s by the wall clock).
async fn help_survives_a_500_an_html_502_and_a_dropped_connection(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(60, lang);
    app.fake.fail("sendMessage", Fault::ServerError, 1);
    app.fake.fail("sendMessage", Fault::Html(502), 1);
    app.fake.fail("sendMessage", Fault::Drop, 1);
    let from = app.fake.calls().len();
    app.fake.send_text(&user, "/help");
    let calls = wait_calls(&app.fake, from, 4, Duration::from_secs(20), is_send_to(60)).await;
    let faults: Vec<(bool, Option<u16>)> =
        calls[..3].iter().map(|c| (c.fault, c.error_code)).collect();
    assert_eq!(
        faults,
        vec![(true, Some(500)), (true, Some(502)), (true, None)],
        "500, HTML 502, dropped connection"
    );
    assert!(!calls[3].fault && calls[3].error_code.is_none());
    assert_eq!(calls[3].text(), Some(app.t(lang, "help").as_str()));
    for c in &calls[..3] {
        assert_eq!(c.text(), calls[3].text(), "every try is the same reply");
    }
    // Nothing more: the reply went out exactly once, as the last call to the chat.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let all: Vec<Call> = app
        .fake
        .calls()
        .into_iter()
        .skip(from)
        .filter(|c| c.chat_id() == Some(60))
        .collect();
    assert_eq!(
        all.len(),
        4,
        "{:?}",
        all.iter().map(|c| &c.method).collect::<Vec<_>>()
    );
    let delivered: Vec<&Call> = all.iter().filter(|c| !c.fault).collect();
    assert_eq!(delivered.len(), 1);
    assert!(!all.last().unwrap().fault, "the success is the last call");
    assert_eq!(
        settled_outbox(&app.store).await,
        vec![("reply".to_owned(), "sent".to_owned(), 1)]
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_survives_transient_send_failures_sqlite() {
    help_survives_a_500_an_html_502_and_a_dropped_connection(Backend::Sqlite, Lang::En).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_survives_transient_send_failures_postgres() {
    help_survives_a_500_an_html_502_and_a_dropped_connection(Backend::Postgres, Lang::Ru).await;
}

/// Time budget: ~1–2 s (one back-off of 1 s).
async fn an_export_survives_a_server_error(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(61, lang);
    app.onboard(&user, chrono_tz::UTC).await;
    app.say(&user, &app.t(lang, "btn-headache-now")).await;
    assert_eq!(db!(app.store, count_attacks(61)).unwrap(), 1);
    app.fake.fail("sendDocument", Fault::ServerError, 1);
    let menu = app.say(&user, "/export").await;
    let from = app.fake.calls().len();
    app.fake
        .press(&user, menu.message_id.unwrap(), crate::export_menu::DIARY);
    let docs = wait_calls(&app.fake, from, 2, Duration::from_secs(10), |c| {
        c.method == "senddocument" && c.chat_id() == Some(61)
    })
    .await;
    assert!(docs[0].fault && docs[0].error_code == Some(500));
    let doc = &docs[1];
    assert!(
        !doc.fault && doc.error_code.is_none(),
        "the retry went through"
    );
    assert_eq!(
        doc.text(),
        Some(
            app.tr(lang, "export-caption", &[("count", Arg::Num(1))])
                .as_str()
        )
    );
    assert_eq!(doc.files.len(), 1, "the retry carries the file");
    assert_eq!(
        doc.files[0].file_name.as_deref(),
        Some("headlog-2026-03-10.csv")
    );
    let csv = String::from_utf8_lossy(&doc.files[0].bytes);
    assert_eq!(csv.lines().count(), 2, "a header and the one record: {csv}");
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(
        calls_to(&app.fake, from, "senddocument", 61).len(),
        2,
        "the document arrives once"
    );
    let counts = settled_outbox(&app.store).await;
    assert!(
        counts.iter().all(|(_, status, _)| status == "sent"),
        "{counts:?}"
    );
    app.stop().await;
}

// ---------------------------------------------------------------------------------------
// 2. Four 429s in a row
// ---------------------------------------------------------------------------------------

/// Time budget: ~4–6 s (four retry_after of 1 s, each waited out in full).
async fn four_429s_in_a_row_are_each_waited_out(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(62, lang);
    app.fake
        .fail("sendMessage", Fault::TooManyRequests { retry_after: 1 }, 4);
    let from = app.fake.calls().len();
    app.fake.send_text(&user, "/help");
    let calls = wait_calls(&app.fake, from, 5, Duration::from_secs(20), is_send_to(62)).await;
    for c in &calls[..4] {
        assert!(c.fault && c.error_code == Some(429));
    }
    assert!(!calls[4].fault && calls[4].error_code.is_none());
    assert_eq!(calls[4].text(), Some(app.t(lang, "help").as_str()));
    let gaps: Vec<Duration> = calls
        .windows(2)
        .map(|w| w[1].at.duration_since(w[0].at))
        .collect();
    let total = calls[4].at.duration_since(calls[0].at);
    eprintln!("429 gaps: {gaps:?}, total {total:?}");
    assert!(
        total >= Duration::from_secs(4),
        "four retry_after of 1 s waited out: total {total:?}, gaps {gaps:?}"
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        calls_to(&app.fake, from, "sendmessage", 62).len(),
        5,
        "one reply, sent once"
    );
    assert_eq!(
        settled_outbox(&app.store).await,
        vec![("reply".to_owned(), "sent".to_owned(), 1)]
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_429s_in_a_row_sqlite() {
    four_429s_in_a_row_are_each_waited_out(Backend::Sqlite, Lang::Ru).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_429s_in_a_row_postgres() {
    four_429s_in_a_row_are_each_waited_out(Backend::Postgres, Lang::En).await;
}

// ---------------------------------------------------------------------------------------
// 3. A 429 on getUpdates
// ---------------------------------------------------------------------------------------

/// Waits until the fake has seen more than `n` getUpdates requests.
async fn polled_more_than(fake: &FakeBot, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while fake.get_updates_times().len() <= n {
        assert!(Instant::now() < deadline, "no getUpdates after #{n}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Time budget: ~3–4 s (one poll of 1 s, then retry_after 2 s).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_on_get_updates_is_waited_out_and_nothing_is_lost() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    let lang = Lang::En;
    let user = app.user(63, lang);
    app.say(&user, "/help").await;
    // Hold the next getUpdates, so the fault lands on a known request: the one after it.
    app.fake.stall("getUpdates");
    let before = app.fake.get_updates_times().len();
    polled_more_than(&app.fake, before).await;
    let held = before; // index of the held request
    app.fake
        .fail("getUpdates", Fault::TooManyRequests { retry_after: 2 }, 1);
    app.fake.unstall("getUpdates");
    polled_more_than(&app.fake, held + 1).await; // the 429
    let from = app.fake.calls().len();
    app.fake.send_text(&user, "/help");
    polled_more_than(&app.fake, held + 2).await;
    let times = app.fake.get_updates_times();
    let waited = times[held + 2].duration_since(times[held + 1]);
    assert!(
        waited >= Duration::from_millis(1900),
        "the next getUpdates came {waited:?} after the 429 with retry_after 2"
    );
    let replies = wait_calls(&app.fake, from, 1, Duration::from_secs(10), is_send_to(63)).await;
    assert_eq!(replies[0].text(), Some(app.t(lang, "help").as_str()));
    app.assert_quiet(63).await;
    app.stop().await;
}

// ---------------------------------------------------------------------------------------
// 4. One batch: an unreadable update, an id beyond 32 bits, the same id twice
// ---------------------------------------------------------------------------------------

/// Time budget: ~4 s (a held poll of up to 1 s, 2 s watching the poll rate).
async fn one_batch_with_an_unreadable_a_huge_and_a_repeated_id(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let chat = 64;
    // Far above the fake's own ids (from 1) and beyond 32 bits.
    let bad: i64 = (1 << 32) + 1_000;
    let big = bad + 1;
    let unreadable = format!(
        r#"{{"update_id":{bad},"callback_query":{{"id":"cbq-bad","chat_instance":"1","data":"\ud800","from":{{"id":{chat},"is_bot":false,"first_name":"U","language_code":"{code}"}}}}}}"#,
        code = lang.code()
    );
    let help = format!(
        r#"{{"update_id":{big},"message":{{"message_id":1,"date":1773133200,"text":"/help","entities":[{{"type":"bot_command","offset":0,"length":5}}],"chat":{{"id":{chat},"type":"private","first_name":"U"}},"from":{{"id":{chat},"is_bot":false,"first_name":"U","language_code":"{code}"}}}}}}"#,
        code = lang.code()
    );
    // All three in one getUpdates answer: hold the poll while they are queued.
    app.fake.stall("getUpdates");
    let before = app.fake.get_updates_times().len();
    polled_more_than(&app.fake, before).await;
    let from = app.fake.calls().len();
    assert_eq!(app.fake.push_raw_update(&unreadable), bad);
    assert_eq!(app.fake.push_raw_update(&help), big);
    assert_eq!(app.fake.push_raw_update(&help), big);
    app.fake.unstall("getUpdates");

    let replies = wait_calls(
        &app.fake,
        from,
        1,
        Duration::from_secs(10),
        is_send_to(chat),
    )
    .await;
    assert_eq!(replies[0].text(), Some(app.t(lang, "help").as_str()));
    // No busy loop on the unreadable update: the poll rate stays that of long polling.
    let polls = app.fake.get_updates_count();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let polled = app.fake.get_updates_count() - polls;
    assert!(polled < 20, "{polled} getUpdates in 2 s");
    assert_eq!(
        calls_to(&app.fake, from, "sendmessage", chat).len(),
        1,
        "the /help sent twice in one batch is answered once"
    );
    assert!(
        app.fake
            .calls()
            .iter()
            .skip(from)
            .all(|c| c.method != "answercallbackquery"),
        "nothing is done with the unreadable press"
    );
    // Intake goes on: a later message (the fake's ids continue after the big one).
    let next = app.fake.send_text(&app.user(chat, lang), "/help");
    assert!(next > big);
    let reply = wait_calls(
        &app.fake,
        from,
        2,
        Duration::from_secs(10),
        is_send_to(chat),
    )
    .await;
    assert_eq!(reply[1].text(), Some(app.t(lang, "help").as_str()));
    let statuses = db!(app.store, inbox_statuses()).unwrap();
    let of = |id: i64| -> Vec<&str> {
        statuses
            .iter()
            .filter(|(u, _)| *u == id)
            .map(|(_, s)| s.as_str())
            .collect()
    };
    assert_eq!(of(bad), vec!["failed"], "{statuses:?}");
    assert_eq!(of(big), vec!["done"], "{statuses:?}");
    assert_eq!(of(next), vec!["done"], "{statuses:?}");
    app.stop().await;
}

// ---------------------------------------------------------------------------------------
// 5. A late message keeps its own time
// ---------------------------------------------------------------------------------------

/// Time budget: < 1 s.
async fn a_late_message_is_recorded_at_its_own_date(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(65, lang);
    app.onboard(&user, chrono_tz::UTC).await;
    let sent_at = t0() - chrono::Duration::hours(3);
    let from = app.fake.calls().len();
    app.fake
        .send_text_at(&user, &app.t(lang, "btn-headache-now"), sent_at.timestamp());
    let reply = wait_calls(&app.fake, from, 1, Duration::from_secs(10), is_send_to(65)).await;
    let attacks = db!(app.store, list_attacks(65, 10, 0)).unwrap();
    assert_eq!(attacks.len(), 1);
    assert_eq!(
        attacks[0].started_at,
        sent_at,
        "started when the message was written, not when it was handled ({})",
        app.clock_now()
    );
    let today_six = app.tr(lang, "time-today", &[("time", Arg::from("06:00"))]);
    assert_eq!(
        reply[0].text(),
        Some(
            app.tr(lang, "attack-recorded", &[("start", Arg::Str(today_six))])
                .as_str()
        )
    );
    app.stop().await;
}

// ---------------------------------------------------------------------------------------
// 6. A locked, a deleted, a replaced SQLite file
// ---------------------------------------------------------------------------------------

/// Time budget: ~5–7 s (2 s locked, then the store back-off catches up).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_sqlite_file_holds_updates_and_readiness_says_so() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    let lang = Lang::En;
    let user = app.user(66, lang);
    app.onboard(&user, chrono_tz::UTC).await;
    ready_becomes(app.http, "200", Duration::from_secs(2)).await;

    // Another process takes the write lock and keeps it.
    let other = rusqlite::Connection::open(sqlite_path(&app.db_url)).unwrap();
    other.execute_batch("begin immediate").unwrap();
    let (down, took) = get(app.http, "/health/ready").await;
    assert!(
        down.starts_with("HTTP/1.1 503") && down.contains("\"database\":\"unavailable\""),
        "{down}"
    );
    assert!(
        took < Duration::from_millis(1500),
        "readiness took {took:?}"
    );
    let (live, _) = get(app.http, "/health").await;
    assert!(live.starts_with("HTTP/1.1 200"), "{live}");

    let from = app.fake.calls().len();
    app.fake.send_text(&user, &app.t(lang, "btn-headache-now"));
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        calls_to(&app.fake, from, "sendmessage", 66).is_empty(),
        "nothing can be recorded while the file is locked"
    );
    let (still, took) = get(app.http, "/health/ready").await;
    assert!(still.starts_with("HTTP/1.1 503"), "{still}");
    assert!(
        took < Duration::from_millis(1500),
        "readiness took {took:?}"
    );

    other.execute_batch("rollback").unwrap();
    drop(other);
    let reply = wait_calls(&app.fake, from, 1, Duration::from_secs(15), is_send_to(66)).await;
    assert!(
        reply[0]
            .text()
            .unwrap_or("")
            .starts_with(&lead(&app.i18n, lang, "attack-recorded")),
        "{:?}",
        reply[0].text()
    );
    ready_becomes(app.http, "200", Duration::from_secs(3)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        db!(app.store, count_attacks(66)).unwrap(),
        1,
        "recorded once"
    );
    assert_eq!(
        calls_to(&app.fake, from, "sendmessage", 66).len(),
        1,
        "answered once"
    );
    app.stop().await;
}

/// Time budget: ~3 s, plus up to 10 s of shutdown while an update waits for the store.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_or_replaced_sqlite_file_fails_readiness_and_nothing_crashes() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    let lang = Lang::En;
    let user = app.user(67, lang);
    app.say(&user, "/help").await;
    ready_becomes(app.http, "200", Duration::from_secs(2)).await;
    let path = sqlite_path(&app.db_url);
    std::fs::remove_file(&path).unwrap();
    let deadline = Instant::now() + Duration::from_secs(1);
    let mut checks = 0;
    while Instant::now() < deadline || checks < 3 {
        let (down, took) = get(app.http, "/health/ready").await;
        assert!(
            down.starts_with("HTTP/1.1 503") && down.contains("\"database\":\"unavailable\""),
            "deleted file, check {checks}: {down}"
        );
        assert!(
            took < Duration::from_millis(1500),
            "readiness took {took:?}"
        );
        checks += 1;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A message meanwhile is not written into the unlinked file; nothing crashes.
    let from = app.fake.calls().len();
    app.fake.send_text(&user, "/help");
    tokio::time::sleep(Duration::from_millis(700)).await;
    // Someone puts a new (empty) file in its place: still not the database we opened.
    std::fs::write(&path, b"").unwrap();
    for check in 0..3 {
        let (down, _) = get(app.http, "/health/ready").await;
        assert!(
            down.starts_with("HTTP/1.1 503"),
            "replaced file, check {check}: {down}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (live, _) = get(app.http, "/health").await;
    assert!(
        live.starts_with("HTTP/1.1 200"),
        "the process is alive: {live}"
    );
    assert!(
        calls_to(&app.fake, from, "sendmessage", 67).is_empty(),
        "nothing answered from a database that is gone"
    );
    app.stop().await;
}

// ---------------------------------------------------------------------------------------
// 7. A flooding user
// ---------------------------------------------------------------------------------------

/// Time budget: ~3–4 s.
async fn a_flood_is_cut_short_and_a_real_tap_goes_through(b: Backend, lang: Lang) {
    let Some(url) = db::fresh(b).await else {
        return;
    };
    if let Ok(filter) = std::env::var("HEADLOG_TEST_LOG") {
        headlog::telemetry::init(&filter);
    }
    let fake = FakeBot::start().await;
    let i18n = I18n::new().unwrap();
    // The wall clock: the limit is over the instants users act, which must move on.
    let app = Application::build_with_clock(
        crate::harness::settings_with(&fake, &url, true),
        Arc::new(SystemClock),
    )
    .await
    .expect("build app");
    let store = app.store();
    let shutdown = CancellationToken::new();
    let task: JoinHandle<anyhow::Result<()>> = tokio::spawn(app.run(shutdown.clone()));

    let flooder = TgUser::new(70, Some(lang.code()));
    let other = TgUser::new(71, Some(lang.code()));
    let now = chrono::Utc::now().timestamp();
    for u in [&flooder, &other] {
        db!(store, touch_user(u.id, Some(lang.code()), now)).unwrap();
        db!(store, set_user_zone(u.id, chrono_tz::UTC, now)).unwrap();
    }
    let from = fake.calls().len();
    // Sixty messages within one second (Telegram dates messages in whole seconds).
    for i in 0..60 {
        fake.send_text_at(&flooder, "/help", now);
        if i == 30 {
            fake.send_text_at(&other, "/help", now);
        }
    }
    let help = i18n.t(lang, "help");
    let slow = i18n.t(lang, "error-slow-down");
    wait_calls(&fake, from, 1, Duration::from_secs(10), is_send_to(71)).await;
    // Wait until all sixty are handled (closed), then count what the flooder got.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let statuses = db!(store, inbox_statuses()).unwrap();
        if statuses.len() >= 61 && statuses.iter().all(|(_, s)| s != "pending") {
            assert!(statuses.iter().all(|(_, s)| s == "done"), "{statuses:?}");
            break;
        }
        assert!(Instant::now() < deadline, "flood not handled: {statuses:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let texts: Vec<String> = calls_to(&fake, from, "sendmessage", 70)
        .iter()
        .map(|c| c.text().unwrap_or("").to_owned())
        .collect();
    let helps = texts.iter().filter(|t| **t == help).count();
    let notices = texts.iter().filter(|t| **t == slow).count();
    assert_eq!(notices, 1, "one slow-down notice: {texts:#?}");
    assert!(
        (1..=6).contains(&helps),
        "{helps} help replies to 60 messages"
    );
    assert_eq!(texts.len(), helps + notices, "{texts:#?}");
    let theirs: Vec<String> = calls_to(&fake, from, "sendmessage", 71)
        .iter()
        .map(|c| c.text().unwrap_or("").to_owned())
        .collect();
    assert_eq!(theirs, vec![help.clone()], "the other user is unaffected");

    // A moment later, a real tap is recorded and answered promptly.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let from = fake.calls().len();
    let tapped = Instant::now();
    fake.send_text(&flooder, &i18n.t(lang, "btn-headache-now"));
    let reply = wait_calls(&fake, from, 1, Duration::from_secs(3), is_send_to(70)).await;
    assert!(tapped.elapsed() <= Duration::from_secs(3));
    assert!(
        reply[0]
            .text()
            .unwrap_or("")
            .starts_with(&lead(&i18n, lang, "attack-recorded")),
        "{:?}",
        reply[0].text()
    );
    assert_eq!(db!(store, count_attacks(70)).unwrap(), 1);

    shutdown.cancel();
    tokio::time::timeout(Duration::from_secs(15), task)
        .await
        .expect("stops in time")
        .expect("joins")
        .expect("runs without error");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_is_cut_short_sqlite() {
    a_flood_is_cut_short_and_a_real_tap_goes_through(Backend::Sqlite, Lang::En).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_is_cut_short_postgres() {
    a_flood_is_cut_short_and_a_real_tap_goes_through(Backend::Postgres, Lang::Ru).await;
}

// ---------------------------------------------------------------------------------------
// 8. Start-up errors of the real binary
// ---------------------------------------------------------------------------------------

/// Runs `headlog run` against `database_url`; returns its exit status, stderr and time.
async fn run_with_database(database_url: &str) -> (std::process::ExitStatus, String, Duration) {
    let started = Instant::now();
    let out = tokio::time::timeout(
        Duration::from_secs(30),
        crate::process::headlog()
            .arg("run")
            .env("HEADLOG_BOT_TOKEN", "1:a")
            // Nothing listens there: start-up must fail on the database before any call.
            .env("HEADLOG_TELEGRAM_API_URL", "http://127.0.0.1:1")
            .env("HEADLOG_DATABASE_URL", database_url)
            .env("HEADLOG_HTTP_ADDR", "127.0.0.1:0")
            .env("HEADLOG_LOG", "warn")
            .stderr(Stdio::piped())
            .output(),
    )
    .await
    .expect("headlog exits instead of hanging")
    .unwrap();
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        started.elapsed(),
    )
}

/// Time budget: < 1 s.
#[tokio::test]
async fn a_sqlite_url_naming_no_file_stops_start_up_and_says_so() {
    let (status, err, _) = run_with_database("sqlite:").await;
    assert!(!status.success() && status.code().is_some(), "{status:?}");
    assert!(err.starts_with("headlog: "), "{err}");
    assert!(
        err.contains("\"sqlite:\"") && err.contains("names no file"),
        "says which URL and that it names no file: {err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// Time budget: < 5 s.
#[tokio::test]
async fn an_unreachable_postgres_stops_start_up_naming_the_server_and_why() {
    let (status, err, took) =
        run_with_database("postgres://postgres:s3cret@127.0.0.1:1/test").await;
    assert!(!status.success() && status.code().is_some(), "{status:?}");
    assert!(err.starts_with("headlog: "), "{err}");
    assert!(err.contains("127.0.0.1:1"), "names the server: {err}");
    assert!(
        err.to_ascii_lowercase().contains("refused"),
        "says why: {err}"
    );
    assert!(!err.contains("timed out"), "not a pool time-out: {err}");
    assert!(!err.contains("s3cret"), "no password in the message: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        took < Duration::from_secs(5),
        "a refused connection fails fast: {took:?}"
    );
}

// ---------------------------------------------------------------------------------------
// 9. A poison update: one that fails on itself every time
// ---------------------------------------------------------------------------------------

/// A stored row that cannot be read back (here a day record whose date is garbage, written
/// behind headlog's back) makes /export fail on itself, every time. The update is tried
/// three times, then closed as failed and the user is told it was not recorded; the chat
/// goes on: the next message is answered.
#[tokio::test]
async fn a_poison_update_is_given_up_on_and_the_user_told() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    let user = app.user(93, Lang::En);
    app.onboard(&user, chrono_tz::UTC).await;
    let file = rusqlite::Connection::open(sqlite_path(&app.db_url)).unwrap();
    file.execute(
        "insert into day_record (user_id, day, zone, headache_free, created_at, updated_at) \
         values (93, 'garbage', 'UTC', 1, 0, 0)",
        [],
    )
    .unwrap();
    drop(file);
    let from = app.fake.calls().len();
    let export = app.fake.send_text(&user, "/export");
    let told = app
        .calls_after(from, 1, |c| {
            c.chat_id() == Some(93) && c.method == "sendmessage"
        })
        .await;
    assert_eq!(
        told[0].text(),
        Some(app.t(Lang::En, "error-not-recorded").as_str())
    );
    let statuses = db!(app.store, inbox_statuses()).unwrap();
    assert!(
        statuses.contains(&(export, "failed".to_owned())),
        "{statuses:?}"
    );
    assert!(
        app.fake
            .calls()
            .iter()
            .skip(from)
            .all(|c| c.method != "senddocument"),
        "nothing half-done"
    );
    let help = app.say(&user, "/help").await;
    assert_eq!(help.text(), Some(app.t(Lang::En, "help").as_str()));
    app.stop().await;
}
