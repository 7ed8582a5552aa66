//! Wires settings, store, translations, the Bot API client, intake and the HTTP listener
//! into an [`Application`] that tests start on port 0 with their own clock and database.

use crate::bot::BotCtx;
use crate::bot::intake::{self, Dispatcher};
use crate::bot::telegram::Telegram;
use crate::clock::{Clock, SystemClock};
use crate::config::Settings;
use crate::i18n::I18n;
use crate::store::{self, Store};
use anyhow::Context;
use secrecy::ExposeSecret;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use teloxide_core::prelude::Requester;
use teloxide_core::types::BotCommand;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// A built application, not yet running.
pub struct Application {
    settings: Settings,
    listener: TcpListener,
    ctx: Arc<BotCtx>,
}

impl Application {
    /// Opens the store (migrating it), binds the HTTP listener and builds the bot.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        Self::build_with_clock(settings, Arc::new(SystemClock)).await
    }

    /// Like [`Application::build`], with a given clock (tests step time).
    pub async fn build_with_clock(
        settings: Settings,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        let store = store::open(settings.database_url.expose_secret()).await?;
        let listener = TcpListener::bind(settings.http_addr)
            .await
            .with_context(|| format!("binding the HTTP listener to {}", settings.http_addr))?;
        let i18n = Arc::new(I18n::new()?);
        let tg = Telegram::new(
            settings.bot_token.expose_secret(),
            settings.telegram_api_url.clone(),
        );
        let ctx = Arc::new(BotCtx::new(store, clock, i18n, tg));
        Ok(Application {
            settings,
            listener,
            ctx,
        })
    }

    /// Where the HTTP listener is bound.
    pub fn http_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or(self.settings.http_addr)
    }

    /// The store in use.
    pub fn store(&self) -> Arc<dyn Store> {
        self.ctx.store.clone()
    }

    /// Runs until `shutdown` is cancelled: resumes unfinished updates, polls, serves HTTP.
    pub async fn run(self, shutdown: CancellationToken) -> anyhow::Result<()> {
        let Application {
            settings,
            listener,
            ctx,
        } = self;
        let dispatcher = Dispatcher::new(ctx.clone(), settings.max_concurrent_chats);
        dispatcher
            .resume()
            .await
            .context("resuming unfinished updates")?;

        let http = axum::serve(listener, crate::http::router(ctx.store.clone()))
            .with_graceful_shutdown(shutdown.clone().cancelled_owned());
        let http = tokio::spawn(async move { http.await });
        tokio::spawn(register_commands(ctx.clone()));
        tokio::spawn(purge_inbox(ctx.clone(), shutdown.clone()));

        intake::poll(
            dispatcher.clone(),
            settings.poll_timeout_secs,
            shutdown.clone(),
        )
        .await;
        dispatcher.drain_all(Duration::from_secs(10)).await;
        http.await.context("HTTP task")?.context("HTTP server")?;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Registers the command menu in both languages (English is the default list).
async fn register_commands(ctx: Arc<BotCtx>) {
    const COMMANDS: [&str; 13] = [
        "start", "checkin", "took", "history", "trash", "export", "settings", "timezone",
        "language", "privacy", "forget", "cancel", "help",
    ];
    for lang in crate::domain::lang::Lang::ALL {
        let commands: Vec<BotCommand> = COMMANDS
            .iter()
            .map(|c| BotCommand::new(*c, ctx.i18n.t(lang, &format!("cmd-{c}"))))
            .collect();
        let mut request = ctx.tg.bot().set_my_commands(commands);
        if lang != crate::domain::lang::Lang::En {
            request =
                teloxide_core::payloads::SetMyCommandsSetters::language_code(request, lang.code());
        }
        let result = ctx.tg.retrying(|| request.clone().into_future()).await;
        if let Err(e) = result {
            tracing::warn!(lang = lang.code(), error = %e, "setMyCommands failed");
        }
    }
}

/// Hourly upkeep: closed inbox rows are kept two days (Telegram redelivers for at most
/// one), deleted records 30 days (the trash); then both are removed for good.
async fn purge_inbox(ctx: Arc<BotCtx>, shutdown: CancellationToken) {
    loop {
        let now = ctx.clock.now();
        match ctx.store.inbox_purge(now.timestamp() - 2 * 86_400).await {
            Ok(n) if n > 0 => tracing::info!(rows = n, "purged old inbox rows"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "inbox purge failed"),
        }
        let before = (now - crate::bot::handlers::trash::KEEP).timestamp();
        match ctx.store.purge_deleted(before).await {
            Ok(n) if n > 0 => tracing::info!(rows = n, "purged records deleted over 30 days ago"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "trash purge failed"),
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
