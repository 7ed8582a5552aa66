//! `headlog run` starts the bot; the other commands (`headlog --help`) manage its store or
//! show what it makes. Exit codes: 0 done, 1 failed, 2 a usage or settings mistake.

use clap::Parser;
use headlog::cli::{Cli, Command};
use headlog::config::Settings;
use headlog::startup::{Application, shutdown_signal};
use secrecy::ExposeSecret;
use std::process::ExitCode;
use tokio_util::sync::CancellationToken;

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
    let cli = Cli::parse();
    let name = match &cli.command {
        Command::Run => "run",
        Command::Migrate => "migrate",
        Command::Backup { .. } => "backup",
        Command::Restore { .. } => "restore",
        Command::Demo { .. } => "demo",
    };
    let result = match cli.command {
        Command::Run => return run(),
        Command::Demo { out } => runtime(1)
            .map_err(anyhow::Error::from)
            .and_then(|rt| rt.block_on(headlog::demo::write(&out)))
            .map(|files| {
                for f in files {
                    println!("{}", f.display());
                }
            }),
        Command::Migrate | Command::Backup { .. } | Command::Restore { .. } => {
            let store = match Settings::store_from_env() {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("headlog: {e}");
                    return ExitCode::from(2);
                }
            };
            headlog::telemetry::init_with(&store.log, store.log_format);
            let url = store.database_url.expose_secret();
            match cli.command {
                Command::Backup { out } => headlog::store::backup::backup(url, &out).map(|()| {
                    tracing::info!(file = %out.display(), "backup written");
                }),
                Command::Restore { from } => {
                    headlog::store::backup::restore(url, &from).map(|()| {
                        tracing::info!(file = %from.display(), "restored; start headlog to bring the schema up to date");
                    })
                }
                _ => runtime(1).map_err(anyhow::Error::from).and_then(|rt| {
                    rt.block_on(async {
                        headlog::store::Db::open(url).await?;
                        tracing::info!("database is up to date");
                        Ok(())
                    })
                }),
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("headlog {name}: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `headlog run`: until SIGTERM or SIGINT, then a graceful stop (exit 0).
fn run() -> ExitCode {
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("headlog: {e}");
            return ExitCode::from(2);
        }
    };
    let _telemetry = headlog::telemetry::start(
        &settings.log,
        settings.log_format,
        settings.sentry_dsn.as_ref().map(|d| d.expose_secret()),
    );
    let runtime = match runtime(settings.worker_threads) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("headlog: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        let app = Application::build(settings).await?;
        tracing::info!(http = %app.http_addr(), store = app.store().backend(), "headlog starting");
        let shutdown = CancellationToken::new();
        let trigger = shutdown.clone();
        tokio::spawn(async move {
            shutdown_signal().await;
            tracing::info!("shutdown requested: finishing the updates and sends under way");
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
