//! Logging set-up, on stderr (stdout is left to what a command prints). Text by default,
//! or one JSON object a line (`HEADLOG_LOG_FORMAT=json`) for a log collector; errors to
//! Sentry too when `HEADLOG_SENTRY_DSN` is set and the build has the `sentry` feature.
//! Logs carry ids, counts, timings and error causes; never diary text, names or update
//! payloads.

use std::io::IsTerminal;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// Human-readable lines (the default).
    #[default]
    Text,
    /// One JSON object a line: `timestamp`, `level`, `fields` (with `message`), `span`.
    Json,
}

/// Keeps error reporting alive; dropping it sends what is queued (up to two seconds).
pub struct Telemetry {
    #[cfg(feature = "sentry")]
    _sentry: Option<sentry::ClientInitGuard>,
}

/// Installs the global text subscriber once; later calls (tests) are ignored.
pub fn init(filter: &str) {
    init_with(filter, LogFormat::Text);
}

/// Installs the global subscriber in `format` once; later calls are ignored.
pub fn init_with(filter: &str, format: LogFormat) {
    let _ = start(filter, format, None);
}

/// Installs the global subscriber, with Sentry when `sentry_dsn` is given (a DSN that
/// cannot be used, or a build without the feature, is logged and reporting stays off).
pub fn start(filter: &str, format: LogFormat, sentry_dsn: Option<&str>) -> Telemetry {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let lines = match format {
        LogFormat::Text => tracing_subscriber::fmt::layer()
            .with_target(false)
            .with_writer(std::io::stderr)
            .with_ansi(std::io::stderr().is_terminal())
            .boxed(),
        LogFormat::Json => tracing_subscriber::fmt::layer()
            .json()
            .with_target(false)
            .with_writer(std::io::stderr)
            .boxed(),
    };
    #[cfg(feature = "sentry")]
    {
        let (guard, why) = match sentry_dsn.map(crate::error_reports::start) {
            Some(Ok(guard)) => (Some(guard), None),
            Some(Err(e)) => (None, Some(e.to_string())),
            None => (None, None),
        };
        use sentry::integrations::tracing::{BreadcrumbLayer, ErrorLayer};
        use tracing_subscriber::filter::LevelFilter;
        // Errors become events, infos and warnings the breadcrumbs leading up to them.
        let on = guard.is_some();
        let _ = tracing_subscriber::registry()
            .with(lines.with_filter(filter))
            .with(on.then(|| ErrorLayer::new().with_filter(LevelFilter::ERROR)))
            .with(on.then(|| BreadcrumbLayer::new().with_filter(LevelFilter::INFO)))
            .try_init();
        if let Some(why) = why {
            tracing::warn!(error = %why, "Sentry reporting is off");
        } else if guard.is_some() {
            tracing::info!("errors are reported to Sentry");
        }
        Telemetry { _sentry: guard }
    }
    #[cfg(not(feature = "sentry"))]
    {
        let _ = tracing_subscriber::registry()
            .with(lines.with_filter(filter))
            .try_init();
        if sentry_dsn.is_some() {
            tracing::warn!(
                "HEADLOG_SENTRY_DSN is set but this build has no Sentry support: build with --features sentry"
            );
        }
        Telemetry {}
    }
}
