//! `headlog run` starts the bot; `headlog migrate` only brings the database up to date.

use headlog::config::Settings;
use headlog::startup::{Application, shutdown_signal};
use secrecy::ExposeSecret;
use std::process::ExitCode;
use tokio_util::sync::CancellationToken;

const USAGE: &str = "usage: headlog <command>

commands:
  run       start the bot (long polling) and the HTTP listener (/health)
  migrate   create or update the database schema, then exit
  demo --out DIR
            write what headlog makes from a fictional 90-day diary into DIR
            (the report's text and pictures in every language, the diary CSV);
            needs no token and no Telegram
  help      show this text

settings (environment, or a TOML file named by HEADLOG_CONFIG):
  HEADLOG_BOT_TOKEN         required: the token from @BotFather
  HEADLOG_DATABASE_URL      sqlite://headlog.db (default) or postgres://user@host/db
  HEADLOG_TELEGRAM_API_URL  https://api.telegram.org (default)
  HEADLOG_HTTP_ADDR         127.0.0.1:8080 (default)
  HEADLOG_POLL_TIMEOUT      long-polling timeout in seconds, 30 (default), at most 50
  HEADLOG_LOG               log filter, info (default)
  HEADLOG_WORKER_THREADS    runtime threads, 1 (default)";

/// `headlog demo --out DIR`.
fn demo(mut args: impl Iterator<Item = String>) -> ExitCode {
    let out = match (args.next().as_deref(), args.next(), args.next()) {
        (Some("--out"), Some(dir), None) => std::path::PathBuf::from(dir),
        _ => {
            eprintln!("usage: headlog demo --out DIR");
            return ExitCode::from(2);
        }
    };
    let written = runtime(1)
        .map_err(anyhow::Error::from)
        .and_then(|rt| rt.block_on(headlog::demo::write(&out)));
    match written {
        Ok(files) => {
            for f in files {
                println!("{}", f.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("headlog demo: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// One thread (the default) serves a diary bot's load with the least CPU per update: no
/// wake-ups across threads. More threads help only when it is CPU-bound on many cores.
fn runtime(threads: usize) -> std::io::Result<tokio::runtime::Runtime> {
    if threads <= 1 {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(threads)
            .enable_all()
            .build()
    }
}

fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_default();
    match command.as_str() {
        "run" | "migrate" => {}
        "demo" => return demo(std::env::args().skip(2)),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        "--version" | "-V" => {
            println!("headlog {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("headlog: {e}");
            return ExitCode::from(2);
        }
    };
    headlog::telemetry::init(&settings.log);
    let runtime = match runtime(settings.worker_threads) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("headlog: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        if command == "migrate" {
            headlog::store::Db::open(settings.database_url.expose_secret()).await?;
            tracing::info!("database is up to date");
            return Ok(());
        }
        let app = Application::build(settings).await?;
        tracing::info!(http = %app.http_addr(), store = app.store().backend(), "headlog starting");
        let shutdown = CancellationToken::new();
        let trigger = shutdown.clone();
        tokio::spawn(async move {
            shutdown_signal().await;
            tracing::info!("shutdown requested");
            trigger.cancel();
        });
        app.run(shutdown).await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("headlog: {e:#}");
            ExitCode::FAILURE
        }
    }
}
