//! Optional error reports to Sentry (`HEADLOG_SENTRY_DSN`, cargo feature `sentry`):
//! error-level log events become Sentry events (warnings and infos their breadcrumbs) and
//! panics are reported. They carry what the logs carry, never diary text or names
//! (`send_default_pii` stays off). The envelopes go out through our own reqwest client
//! (rustls with ring, already in the tree) on a thread of their own, so the sentry crate
//! needs none of its transports (which pull reqwest 0.13 and aws-lc or OpenSSL).

use sentry::{ClientOptions, Envelope, Transport};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Envelopes waiting to go at most; more are dropped (a storm of errors must not grow
/// memory).
const QUEUE: usize = 100;

/// Starts the Sentry client for `dsn`; reports go until the guard is dropped (which
/// waits up to two seconds for what is queued).
pub fn start(dsn: &str) -> anyhow::Result<sentry::ClientInitGuard> {
    let dsn: sentry::types::Dsn = dsn
        .parse()
        .map_err(|e| anyhow::anyhow!("HEADLOG_SENTRY_DSN is not valid: {e}"))?;
    let transport = Arc::new(HttpTransport::new(&dsn)?);
    let mut options = ClientOptions::default();
    options.dsn = Some(dsn);
    options.release = sentry::release_name!();
    options.send_default_pii = false;
    options.shutdown_timeout = Duration::from_secs(2);
    options.transport = Some(Arc::new(transport));
    Ok(sentry::init(options))
}

/// Posts envelopes to the DSN's envelope endpoint from a thread of its own.
struct HttpTransport {
    queue: std::sync::mpsc::SyncSender<Envelope>,
    pending: Arc<AtomicUsize>,
}

impl HttpTransport {
    fn new(dsn: &sentry::types::Dsn) -> anyhow::Result<Self> {
        let url = dsn.envelope_api_url().to_string();
        let agent = concat!("headlog/", env!("CARGO_PKG_VERSION"));
        let auth = dsn.to_auth(Some(agent)).to_string();
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .user_agent(agent)
            .build()?;
        let (queue, inbox) = std::sync::mpsc::sync_channel::<Envelope>(QUEUE);
        let pending = Arc::new(AtomicUsize::new(0));
        let done = pending.clone();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        std::thread::Builder::new()
            .name("sentry".into())
            .spawn(move || {
                for envelope in inbox {
                    let mut body = Vec::new();
                    if envelope.to_writer(&mut body).is_ok() {
                        // Nothing is logged here: a log line could be reported again.
                        let _ = runtime.block_on(async {
                            client
                                .post(&url)
                                .header("X-Sentry-Auth", &auth)
                                .header("Content-Type", "application/x-sentry-envelope")
                                .body(body)
                                .send()
                                .await
                        });
                    }
                    done.fetch_sub(1, Ordering::AcqRel);
                }
            })?;
        Ok(HttpTransport { queue, pending })
    }

    fn wait(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while self.pending.load(Ordering::Acquire) > 0 {
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        true
    }
}

impl Transport for HttpTransport {
    fn send_envelope(&self, envelope: Envelope) {
        self.pending.fetch_add(1, Ordering::AcqRel);
        if self.queue.try_send(envelope).is_err() {
            self.pending.fetch_sub(1, Ordering::AcqRel);
        }
    }

    fn flush(&self, timeout: Duration) -> bool {
        self.wait(timeout)
    }

    fn shutdown(&self, timeout: Duration) -> bool {
        self.wait(timeout)
    }
}
