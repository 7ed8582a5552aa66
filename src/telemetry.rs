//! Logging set-up, on stderr (stdout is left to what a command prints). Text by default,
//! or one JSON object a line (`HEADLOG_LOG_FORMAT=json`) for a log collector. Logs carry
//! ids, counts, timings and error causes; never diary text, names or update payloads.

use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// Human-readable lines (the default).
    #[default]
    Text,
    /// One JSON object a line: `timestamp`, `level`, `fields` (with `message`), `span`.
    Json,
}

/// Installs the global text subscriber once; later calls (tests) are ignored.
pub fn init(filter: &str) {
    init_with(filter, LogFormat::Text);
}

/// Installs the global subscriber in `format` once; later calls are ignored.
pub fn init_with(filter: &str, format: LogFormat) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder
            .with_ansi(std::io::stderr().is_terminal())
            .try_init(),
        LogFormat::Json => builder.json().with_ansi(false).try_init(),
    };
}
