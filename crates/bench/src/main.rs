//! headlog-bench: starts the real `headlog` binary against a fast fake
//! Telegram Bot API served in this process, plays many users through a
//! realistic mix of actions and prints figures with the goals beside them.
//!
//! ```text
//! cargo build --release -p headlog -p headlog-bench
//! cargo run --release -p headlog-bench -- [--quick] [--database-url URL] [--binary PATH]
//! ```
//!
//! The phases: start-up (spawn to the first `getUpdates`), idle memory,
//! an unmeasured warm-up that onboards every chat, open loops at 50 and
//! 500 actions/s, a closed loop at saturation, and peak memory; then in-process figures,
//! pictures, habits and exports (`export.rs`: 100,000 records, `--quick` 2,000). Figures are
//! printed, never asserted: the exit code is 0 when the run completed, and
//! non-zero with one clear sentence when headlog did not start, exited, or
//! stopped answering.
#![forbid(unsafe_code)]

mod args;
mod child;
mod engine;
mod export;
mod figures;
mod habits;
mod import;
mod phase;
mod reminders;
mod report;
mod rng;
mod run;
mod users;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::args::{Options, USAGE};

fn main() -> ExitCode {
    let options = match Options::parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("headlog-bench: {problem}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // The in-process parts need no binary.
    let in_process = options.figures_only || options.export_only || options.imports_only;
    let binary = match resolve_binary(&options) {
        Ok(binary) => binary,
        Err(_) if in_process => PathBuf::new(),
        Err(problem) => {
            eprintln!("headlog-bench: {problem}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("headlog-bench: cannot start the tokio runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        if options.imports_only {
            return import::run(options.quick).await;
        }
        if options.figures_only {
            return figures::run(&options).await;
        }
        if options.export_only {
            return export::run(&options).await;
        }
        if !options.reminders_only {
            run::run(&options, &binary).await?;
        }
        reminders::run(&options, &binary).await?;
        figures::run(&options).await?;
        export::run(&options).await?;
        import::run(options.quick).await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("\nheadlog-bench: run failed: {problem}");
            ExitCode::FAILURE
        }
    }
}

/// The headlog binary: `--binary`, or `headlog` next to this executable.
fn resolve_binary(options: &Options) -> Result<PathBuf, String> {
    let binary = match &options.binary {
        Some(binary) => binary.clone(),
        None => std::env::current_exe()
            .map_err(|e| format!("cannot tell where this executable is ({e}); pass --binary"))?
            .with_file_name("headlog"),
    };
    if !binary.is_file() {
        return Err(format!(
            "the headlog binary was not found at {}; build it first with \
             `cargo build --release -p headlog` (or pass --binary PATH)",
            binary.display()
        ));
    }
    Ok(binary)
}
