//! A running headlog against a fake Bot API, a fresh database and a manual clock, with
//! helpers that act as a user and return exactly what the bot sent back.

use crate::db::{self, Backend};
use chrono::{DateTime, TimeZone, Utc};
use fakebot::{Call, FakeBot, TgUser};
use headlog::clock::ManualClock;
use headlog::config::Settings;
use headlog::domain::lang::Lang;
use headlog::i18n::{Arg, I18n};
use headlog::startup::Application;
use headlog::store::Db;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// How long a test waits for the bot before failing.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// The instant every test starts at: Tuesday 10 March 2026, 09:00 UTC.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap()
}

/// The main menu's buttons as a new user reads them, written out (not looked up), so a
/// changed label or order shows.
pub fn main_menu(lang: Lang) -> Vec<String> {
    match lang {
        Lang::En => [
            "🤕 Headache now",
            "✅ Habits",
            "📖 History",
            "📊 Report",
            "📤 Export",
            "❓ Help",
        ],
        Lang::Ru => [
            "🤕 Болит голова",
            "✅ Привычки",
            "📖 История",
            "📊 Отчёт",
            "📤 Экспорт",
            "❓ Помощь",
        ],
    }
    .map(str::to_owned)
    .to_vec()
}

pub struct TestApp {
    pub fake: FakeBot,
    pub clock: ManualClock,
    pub i18n: I18n,
    pub store: Db,
    pub http: std::net::SocketAddr,
    /// Where `/metrics` is served on its own, when configured.
    pub metrics_addr: Option<std::net::SocketAddr>,
    pub db_url: String,
    /// The scheduler (its counters).
    pub scheduler: Arc<headlog::bot::scheduler::Scheduler>,
    /// The outbox sender (its counters).
    pub outbox: Arc<headlog::bot::outbox::Outbox>,
    wake: Box<dyn Fn() + Send + Sync>,
    shutdown: CancellationToken,
    task: JoinHandle<anyhow::Result<()>>,
}

/// Test settings. The test clock stands still, so every update looks simultaneous: the
/// flood limit is lifted unless `flood_limited` (faults.rs tests it with it set).
pub fn settings_with(fake: &FakeBot, database_url: &str, flood_limited: bool) -> Settings {
    settings_env(fake, database_url, flood_limited, &[])
}

/// Test settings with more of the environment (`extra` wins).
pub fn settings_env(
    fake: &FakeBot,
    database_url: &str,
    flood_limited: bool,
    extra: &[(&str, &str)],
) -> Settings {
    let mut env: HashMap<String, String> = [
        ("HEADLOG_BOT_TOKEN", fake.token().to_owned()),
        ("HEADLOG_TELEGRAM_API_URL", fake.api_url()),
        ("HEADLOG_DATABASE_URL", database_url.to_owned()),
        ("HEADLOG_HTTP_ADDR", "127.0.0.1:0".to_owned()),
        ("HEADLOG_POLL_TIMEOUT", "1".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    if !flood_limited {
        env.insert("HEADLOG_FLOOD_BURST".into(), "100000".into());
    }
    for (k, v) in extra {
        env.insert((*k).to_owned(), (*v).to_owned());
    }
    Settings::from_map(&env).expect("test settings")
}

/// Waits (up to `within`) until `count` calls after `from` satisfy `pred`; returns them all.
pub async fn wait_calls(
    fake: &FakeBot,
    from: usize,
    count: usize,
    within: Duration,
    pred: impl Fn(&Call) -> bool,
) -> Vec<Call> {
    let deadline = std::time::Instant::now() + within;
    loop {
        let calls: Vec<Call> = fake
            .calls()
            .into_iter()
            .skip(from)
            .filter(|c| pred(c))
            .collect();
        if calls.len() >= count {
            return calls;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "waited {within:?} for {count} calls, got {}: {:#?}",
            calls.len(),
            calls
                .iter()
                .map(|c| (&c.method, c.fault, c.error_code, c.text()))
                .collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

impl TestApp {
    /// Starts headlog on `backend`; `None` when that backend is unavailable outside CI.
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        let url = db::fresh(backend).await?;
        Self::spawn_at(&url).await
    }

    /// Starts headlog on `backend` with more settings (`extra`, as environment variables).
    pub async fn spawn_with(backend: Backend, extra: &[(&str, &str)]) -> Option<TestApp> {
        let url = db::fresh(backend).await?;
        Self::spawn_at_with(&url, extra).await
    }

    /// Starts headlog on the database at `url`.
    pub async fn spawn_at(url: &str) -> Option<TestApp> {
        Self::spawn_at_with(url, &[]).await
    }

    /// Starts headlog on the database at `url` with more settings.
    pub async fn spawn_at_with(url: &str, extra: &[(&str, &str)]) -> Option<TestApp> {
        let url = url.to_owned();
        if let Ok(filter) = std::env::var("HEADLOG_TEST_LOG") {
            headlog::telemetry::init(&filter);
        }
        let fake = FakeBot::start().await;
        let clock = ManualClock::new(t0());
        Some(Self::launch(fake, clock, url, extra, I18n::new().unwrap()).await)
    }

    /// Builds and runs headlog on `fake`, `clock` and the database at `url`.
    async fn launch(
        fake: FakeBot,
        clock: ManualClock,
        url: String,
        extra: &[(&str, &str)],
        i18n: I18n,
    ) -> TestApp {
        let settings = settings_env(&fake, &url, false, extra);
        let app = Application::build_with_clock(settings, Arc::new(clock.clone()))
            .await
            .expect("build app");
        let http = app.http_addr();
        let metrics_addr = app.metrics_addr();
        let store = app.store();
        let scheduler = app.scheduler();
        let outbox = app.outbox();
        let wake = Box::new(app.wake_scheduler());
        let shutdown = CancellationToken::new();
        let task = tokio::spawn(app.run(shutdown.clone()));
        TestApp {
            fake,
            clock,
            i18n,
            store,
            http,
            metrics_addr,
            db_url: url,
            scheduler,
            outbox,
            wake,
            shutdown,
            task,
        }
    }

    /// Puts the test clock at `at` and wakes the scheduler, as time passing would.
    pub fn step_to(&self, at: DateTime<Utc>) {
        self.clock.set(at);
        (self.wake)();
    }

    /// Waits for the next message sent to `chat` after call number `from`.
    pub async fn sent_after(&self, chat: i64, from: usize) -> Call {
        let calls = self
            .calls_after(from, 1, |c| {
                c.method == "sendmessage" && c.chat_id() == Some(chat) && c.error_code.is_none()
            })
            .await;
        calls.into_iter().next().unwrap()
    }

    /// The test clock's current instant.
    pub fn clock_now(&self) -> DateTime<Utc> {
        use headlog::clock::Clock;
        self.clock.now()
    }

    /// A Telegram user whose app speaks `lang`.
    pub fn user(&self, id: i64, lang: Lang) -> TgUser {
        TgUser::new(id, Some(lang.code()))
    }

    /// A translated text, as the bot should have sent it.
    pub fn tr(&self, lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
        self.i18n.tr(lang, key, args)
    }

    /// A translated text without arguments.
    pub fn t(&self, lang: Lang, key: &str) -> String {
        self.i18n.t(lang, key)
    }

    /// Waits until `count` calls after `from` satisfy `pred`; returns them.
    pub async fn calls_after(
        &self,
        from: usize,
        count: usize,
        pred: impl Fn(&Call) -> bool,
    ) -> Vec<Call> {
        wait_calls(&self.fake, from, count, PATIENCE, pred).await
    }

    /// The user sends `text`; returns the first `n` calls the bot made to their chat.
    pub async fn say_n(&self, user: &TgUser, text: &str, n: usize) -> Vec<Call> {
        let from = self.fake.calls().len();
        self.fake.send_text(user, text);
        let chat = user.id;
        self.calls_after(from, n, |c| c.chat_id() == Some(chat))
            .await
    }

    /// The user sends `text`; returns the bot's first reply to their chat.
    pub async fn say(&self, user: &TgUser, text: &str) -> Call {
        self.say_n(user, text, 1).await.remove(0)
    }

    /// Pushes a hand-made private message from `chat` (fields of `content` go into the
    /// message, e.g. `text` or `sticker`); returns the bot's first reply to that chat.
    pub async fn push_raw(&self, chat: i64, lang: Lang, content: serde_json::Value) -> Call {
        let mut message = serde_json::json!({
            "message_id": 1, "date": 1_773_133_200,
            "chat": {"id": chat, "type": "private", "first_name": "U"},
            "from": {"id": chat, "is_bot": false, "first_name": "U", "language_code": lang.code()}
        });
        if let (Some(m), Some(extra)) = (message.as_object_mut(), content.as_object()) {
            m.extend(extra.clone());
        }
        let from = self.fake.calls().len();
        self.fake
            .push_update(serde_json::json!({ "message": message }));
        self.calls_after(from, 1, |c| c.chat_id() == Some(chat))
            .await
            .remove(0)
    }

    /// The user shares a location; returns the bot's first reply.
    pub async fn share_location(&self, user: &TgUser, lat: f64, lon: f64) -> Call {
        let from = self.fake.calls().len();
        self.fake.send_location(user, lat, lon);
        let chat = user.id;
        self.calls_after(from, 1, |c| c.chat_id() == Some(chat))
            .await
            .remove(0)
    }

    /// The user presses a button with `data` under `message_id`. Returns what the bot did
    /// in their chat before answering the press, and the answer's text (if any).
    pub async fn press(
        &self,
        user: &TgUser,
        message_id: i64,
        data: &str,
    ) -> (Vec<Call>, Option<String>) {
        let from = self.fake.calls().len();
        self.fake.press(user, message_id, data);
        let chat = user.id;
        let calls = self
            .calls_after(from, 1, |c| c.method == "answercallbackquery")
            .await;
        let answer = calls[0].text().map(str::to_owned);
        let done = self.fake.calls();
        let made = done
            .into_iter()
            .skip(from)
            .take_while(|c| c.method != "answercallbackquery")
            .filter(|c| c.chat_id() == Some(chat))
            .collect();
        (made, answer)
    }

    /// Presses the button labelled `label` on the message a call produced or edited.
    pub async fn press_label(
        &self,
        user: &TgUser,
        message_id: i64,
        label: &str,
    ) -> (Vec<Call>, Option<String>) {
        let data = self.button_data(user.id, message_id, label);
        self.press(user, message_id, &data).await
    }

    /// The callback data of a button currently on a message.
    pub fn button_data(&self, chat: i64, message_id: i64, label: &str) -> String {
        let message = self.fake.message(chat, message_id).expect("message exists");
        let rows = message
            .reply_markup
            .as_ref()
            .and_then(|m| m.get("inline_keyboard"))
            .and_then(|k| k.as_array())
            .cloned()
            .unwrap_or_default();
        rows.iter()
            .flat_map(|r| r.as_array().cloned().unwrap_or_default())
            .find(|b| b.get("text").and_then(|t| t.as_str()) == Some(label))
            .and_then(|b| {
                b.get("callback_data")
                    .and_then(|d| d.as_str())
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| panic!("no button {label:?} on message {message_id}: {rows:?}"))
    }

    /// The reply keyboard the user has now: that of the last message sent to `chat` with a
    /// reply keyboard (empty when it was removed, or none was ever sent).
    pub fn current_reply_keyboard(&self, chat: i64) -> Vec<String> {
        self.fake
            .calls()
            .into_iter()
            .rev()
            .filter(|c| c.method == "sendmessage" && c.chat_id() == Some(chat))
            .filter(|c| c.error_code.is_none())
            .find(|c| !c.reply_keyboard().is_empty() || c.removes_keyboard())
            .map(|c| c.reply_keyboard())
            .unwrap_or_default()
    }

    /// The bot's messages in `chat` still carrying an inline button whose data starts
    /// with `prefix`, by id.
    pub fn live_buttons(&self, chat: i64, prefix: &str) -> Vec<i64> {
        self.fake
            .messages(chat)
            .into_iter()
            .filter(|m| !m.deleted)
            .filter(|m| {
                let rows = m
                    .reply_markup
                    .as_ref()
                    .and_then(|k| k.get("inline_keyboard"))
                    .and_then(|k| k.as_array())
                    .cloned()
                    .unwrap_or_default();
                rows.iter()
                    .flat_map(|r| r.as_array().cloned().unwrap_or_default())
                    .any(|b| {
                        b.get("callback_data")
                            .and_then(|d| d.as_str())
                            .is_some_and(|d| d.starts_with(prefix))
                    })
            })
            .map(|m| m.message_id)
            .collect()
    }

    /// Checks the bot sends nothing more to `chat` for a short while.
    pub async fn assert_quiet(&self, chat: i64) {
        let from = self.fake.calls().len();
        tokio::time::sleep(Duration::from_millis(150)).await;
        let extra: Vec<_> = self
            .fake
            .calls()
            .into_iter()
            .skip(from)
            .filter(|c| c.chat_id() == Some(chat))
            .map(|c| (c.method.clone(), c.text().map(str::to_owned)))
            .collect();
        assert!(extra.is_empty(), "unexpected calls: {extra:?}");
    }

    /// Sets the user's zone directly (most flows start after onboarding).
    pub async fn onboard(&self, user: &TgUser, zone: chrono_tz::Tz) {
        db!(
            self.store,
            touch_user(user.id, user.language_code.as_deref(), t0().timestamp())
        )
        .unwrap();
        db!(self.store, set_user_zone(user.id, zone, t0().timestamp())).unwrap();
    }

    /// Stops headlog and starts it again on the same database, fake Bot API and clock, as
    /// a restart would (the chat keeps its messages).
    pub async fn restart(self) -> TestApp {
        self.shutdown.cancel();
        let result = tokio::time::timeout(Duration::from_secs(15), self.task).await;
        result
            .expect("stops in time")
            .expect("joins")
            .expect("runs without error");
        let (fake, clock, url) = (self.fake, self.clock, self.db_url);
        Self::launch(fake, clock, url, &[], self.i18n).await
    }

    /// Stops headlog and starts it on the database at `url` (a restored copy), with the
    /// same fake Bot API and clock: Telegram's update ids go on where they were.
    pub async fn move_to(self, url: &str) -> TestApp {
        self.shutdown.cancel();
        let result = tokio::time::timeout(Duration::from_secs(15), self.task).await;
        result
            .expect("stops in time")
            .expect("joins")
            .expect("runs without error");
        Self::launch(self.fake, self.clock, url.to_owned(), &[], self.i18n).await
    }

    pub async fn stop(self) {
        self.shutdown.cancel();
        let result = tokio::time::timeout(Duration::from_secs(15), self.task).await;
        result
            .expect("stops in time")
            .expect("joins")
            .expect("runs without error");
    }
}

/// Runs a test body on both stores and both languages.
macro_rules! e2e {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use crate::db::Backend;
            use headlog::domain::lang::Lang;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite_en() { super::$name(Backend::Sqlite, Lang::En).await }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite_ru() { super::$name(Backend::Sqlite, Lang::Ru).await }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres_en() { super::$name(Backend::Postgres, Lang::En).await }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres_ru() { super::$name(Backend::Postgres, Lang::Ru).await }
        }
    )*};
}
pub(crate) use e2e;

/// Runs each named `async fn(Backend)` on SQLite and on PostgreSQL.
macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() { super::$name(crate::db::Backend::Sqlite).await }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() { super::$name(crate::db::Backend::Postgres).await }
        }
    )*};
}
pub(crate) use on_both_stores;
