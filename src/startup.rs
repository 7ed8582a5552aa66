//! Wires settings, store, translations, the Bot API client, intake and the HTTP listener
//! into an [`Application`] that tests start on port 0 with their own clock and database.

use crate::bot::BotCtx;
use crate::bot::api::{Answer, BotApi};
use crate::bot::intake::Dispatcher;
use crate::bot::outbox::{Outbox, Policy};
use crate::bot::scheduler::Scheduler;
use crate::clock::{Clock, SystemClock};
use crate::config::Settings;
use crate::i18n::I18n;
use crate::store::Db;
use anyhow::Context;
use secrecy::ExposeSecret;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// A built application, not yet running.
pub struct Application {
    settings: Settings,
    listener: TcpListener,
    metrics_listener: Option<TcpListener>,
    ctx: Arc<BotCtx>,
    scheduler: Arc<Scheduler>,
}

impl Application {
    /// Opens the store (migrating it), binds the HTTP listener and builds the bot.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        Self::build_with_clock(settings, Arc::new(SystemClock)).await
    }

    /// Like [`Application::build`], with a given clock for the diary (tests step time).
    /// Delivery (retry_after, back-off, lateness) keeps to the wall clock.
    pub async fn build_with_clock(
        settings: Settings,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        let store = Db::open(settings.database_url.expose_secret()).await?;
        let listener = TcpListener::bind(settings.http_addr)
            .await
            .with_context(|| format!("binding the HTTP listener to {}", settings.http_addr))?;
        let metrics_listener = match settings.metrics_addr {
            Some(addr) => Some(
                TcpListener::bind(addr)
                    .await
                    .with_context(|| format!("binding the metrics listener to {addr}"))?,
            ),
            None => None,
        };
        crate::metrics::handle();
        let i18n = Arc::new(I18n::new()?);
        let token = settings.bot_token.expose_secret();
        let url = &settings.telegram_api_url;
        // Sends give up after 20 s (and are tried again); a poll outlasts its own timeout.
        let send_api = BotApi::new(token, url, Duration::from_secs(20));
        let poll_api = BotApi::new(token, url, Duration::from_secs(75));
        let outbox = Arc::new(Outbox::new(
            store.clone(),
            send_api,
            Arc::new(SystemClock),
            Policy {
                claim_secs: i64::from(settings.outbox_claim_secs),
                scheduled_lateness_secs: i64::from(settings.scheduled_lateness_secs),
                ..Policy::default()
            },
        ));
        let mut bot = BotCtx::new(store, clock, i18n, poll_api, outbox);
        bot.rate = crate::domain::ratelimit::Rate {
            per_second: f64::from(settings.flood_per_second),
            burst: f64::from(settings.flood_burst),
        };
        bot.public_url = settings.public_url.clone();
        bot.doctor_link_days = settings.doctor_link_days;
        bot.admin_ids = settings.admin_ids.clone();
        let ctx = Arc::new(bot);
        let scheduler = Arc::new(Scheduler::new(ctx.clone()));
        Ok(Application {
            settings,
            listener,
            metrics_listener,
            ctx,
            scheduler,
        })
    }

    /// Where the HTTP listener is bound.
    pub fn http_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or(self.settings.http_addr)
    }

    /// Where `/metrics` is served on its own, when configured.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics_listener
            .as_ref()
            .and_then(|l| l.local_addr().ok())
    }

    /// The store in use.
    pub fn store(&self) -> Db {
        self.ctx.store.clone()
    }

    /// The scheduler (its counters; tests fire it after stepping the clock).
    pub fn scheduler(&self) -> Arc<Scheduler> {
        self.scheduler.clone()
    }

    /// Wakes the scheduler (after a test stepped the clock).
    pub fn wake_scheduler(&self) -> impl Fn() + Send + Sync + 'static {
        let ctx = self.ctx.clone();
        move || ctx.schedule_changed.notify_one()
    }

    /// The outbox sender (its counters).
    pub fn outbox(&self) -> Arc<Outbox> {
        self.ctx.outbox.clone()
    }

    /// Runs until `shutdown` is cancelled: resumes unfinished updates, polls (or receives
    /// the webhook's requests), serves HTTP.
    pub async fn run(self, shutdown: CancellationToken) -> anyhow::Result<()> {
        let Application {
            settings,
            listener,
            metrics_listener,
            ctx,
            scheduler,
        } = self;
        match crate::service::reminders::arm_existing(&ctx.store, ctx.clock.now()).await {
            Ok(n) if n > 0 => tracing::info!(users = n, "reminders armed for existing users"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not arm existing users' reminders"),
        }
        let dispatcher = Dispatcher::new(ctx.clone(), settings.max_concurrent_chats);
        dispatcher
            .resume()
            .await
            .context("resuming unfinished updates")?;

        let mut routes = crate::http::router(ctx.store.clone())
            .merge(crate::http::doctor::router(ctx.clone()))
            .merge(crate::http::api::router(
                ctx.clone(),
                settings.bot_token.clone(),
            ))
            .merge(crate::http::admin::router(
                ctx.clone(),
                crate::http::admin::AdminConfig::from_settings(&settings),
            ));
        let metrics = crate::http::metrics_router(ctx.store.clone(), ctx.clock.clone());
        let metrics_task = match metrics_listener {
            Some(l) => {
                let serve = axum::serve(l, metrics)
                    .with_graceful_shutdown(shutdown.clone().cancelled_owned());
                Some(tokio::spawn(async move { serve.await }))
            }
            None => {
                routes = routes.merge(metrics);
                None
            }
        };
        if let Some(hook) = &settings.webhook {
            routes = routes.merge(crate::http::webhook::router(
                hook.url.path(),
                dispatcher.clone(),
                hook.secret.clone(),
            ));
        }
        let http = axum::serve(listener, routes)
            .with_graceful_shutdown(shutdown.clone().cancelled_owned());
        let http = tokio::spawn(async move { http.await });
        let pump = tokio::spawn(ctx.outbox.clone().pump(shutdown.clone()));
        let scheduled = tokio::spawn(crate::bot::sender::run(
            ctx.outbox.clone(),
            ctx.store.clone(),
            settings.scheduled_per_second,
            shutdown.clone(),
        ));
        let scheduling = tokio::spawn(scheduler.run(shutdown.clone()));
        let broadcasts = tokio::spawn(crate::bot::broadcasts::run(
            ctx.clone(),
            settings.scheduled_per_second,
            shutdown.clone(),
        ));
        tokio::spawn(register_commands(ctx.clone()));
        tokio::spawn(purge(ctx.clone(), shutdown.clone()));
        let maintenance = tokio::spawn(crate::maintenance::run(
            ctx.store.clone(),
            ctx.clock.clone(),
            crate::maintenance::Jobs::from_settings(&settings),
            shutdown.clone(),
        ));

        match &settings.webhook {
            // Updates come over HTTP; every replica says where (setWebhook is idempotent)
            // and none deletes it on the way out, so the others keep receiving.
            Some(hook) => {
                tokio::spawn(crate::http::webhook::register(
                    ctx.poll_api.clone(),
                    hook.url.clone(),
                    hook.secret.clone(),
                    shutdown.clone(),
                ));
                shutdown.cancelled().await;
            }
            None => {
                crate::bot::poll::poll(
                    dispatcher.clone(),
                    settings.poll_timeout_secs,
                    shutdown.clone(),
                )
                .await
            }
        }
        dispatcher.drain_all(Duration::from_secs(10)).await;
        let _ = pump.await;
        let _ = scheduled.await;
        let _ = scheduling.await;
        let _ = broadcasts.await;
        let _ = maintenance.await;
        http.await.context("HTTP task")?.context("HTTP server")?;
        if let Some(task) = metrics_task {
            task.await
                .context("metrics task")?
                .context("metrics server")?;
        }
        tracing::info!("stopped");
        Ok(())
    }
}

/// The commands in the menu, each described by the key `cmd-<command>`.
pub const COMMANDS: [&str; 18] = [
    "start", "checkin", "habits", "took", "history", "report", "trash", "export", "archive",
    "import", "settings", "timezone", "language", "token", "privacy", "forget", "cancel", "help",
];

/// Registers the command menu in both languages (English is the default list).
async fn register_commands(ctx: Arc<BotCtx>) {
    for lang in crate::domain::lang::Lang::ALL {
        let commands: Vec<serde_json::Value> = COMMANDS
            .iter()
            .map(|c| serde_json::json!({"command": c, "description": ctx.i18n.t(lang, &format!("cmd-{c}"))}))
            .collect();
        let mut params = serde_json::json!({ "commands": commands });
        if lang != crate::domain::lang::Lang::En {
            params["language_code"] = lang.code().into();
        }
        for _ in 0..5 {
            match ctx.poll_api.call("setMyCommands", &params, None).await {
                Answer::Ok(_) => break,
                Answer::RetryAfter(wait) => tokio::time::sleep(wait).await,
                Answer::Transient(_) => tokio::time::sleep(Duration::from_secs(2)).await,
                other => {
                    tracing::warn!(lang = lang.code(), answer = ?other, "setMyCommands failed");
                    break;
                }
            }
        }
    }
}

/// Hourly upkeep: closed inbox rows and sent outbox rows are kept two days (Telegram
/// redelivers for at most one; sent rows carry no text), deleted records 30 days (the
/// trash); then they are removed for good.
async fn purge(ctx: Arc<BotCtx>, shutdown: CancellationToken) {
    loop {
        let now = ctx.clock.now();
        let before = (now - crate::service::diary::TRASH_KEEP).timestamp();
        let two_days = now.timestamp() - 2 * 86_400;
        let result = ctx
            .store
            .run(async |tx| {
                let inbox = tx.inbox_purge(two_days).await?;
                // A broadcast keeps the outcomes of its rows as they go.
                tx.broadcast_fold_finished(two_days).await?;
                let outbox = tx.outbox_purge(two_days).await?;
                let records = tx.purge_deleted(before).await?;
                Ok((inbox, outbox, records))
            })
            .await;
        match result {
            Ok((i, o, r)) if i + o + r > 0 => {
                tracing::info!(inbox = i, outbox = o, records = r, "purged old rows")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "purge failed"),
        }
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(Duration::from_secs(3600)) => {}
        }
    }
}

/// Resolves on SIGTERM (Kubernetes) or SIGINT (Ctrl-C).
pub async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
