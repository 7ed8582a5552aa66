//! Typed settings: defaults, then an optional TOML file (`HEADLOG_CONFIG`), then
//! `HEADLOG_*` environment variables. A missing or malformed setting is one clear sentence.

use secrecy::SecretString;
use serde::Deserialize;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use url::Url;

/// Everything headlog needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The bot token from @BotFather.
    pub bot_token: SecretString,
    /// `sqlite://path` (the default, `sqlite://headlog.db`) or `postgres://…`.
    pub database_url: SecretString,
    /// Base URL of the Bot API (`https://api.telegram.org`, or a local Bot API server).
    pub telegram_api_url: Url,
    /// Where the HTTP listener (health, later webhook and API) binds.
    pub http_addr: SocketAddr,
    /// Long-polling timeout in seconds (Telegram allows up to 50).
    pub poll_timeout_secs: u32,
    /// Log filter, e.g. `info` or `headlog=debug`.
    pub log: String,
    /// Most chats handled at the same time.
    pub max_concurrent_chats: usize,
    /// Runtime threads: 1 (the default) runs everything on one thread.
    pub worker_threads: usize,
    /// Updates one user may send per second, sustained (S3: 3).
    pub flood_per_second: u32,
    /// Updates one user may send at once (S3: 5).
    pub flood_burst: u32,
    /// How long a worker's hold on the replies it is sending lasts; after a crash on
    /// PostgreSQL, another process sends them again once it lapses.
    pub outbox_claim_secs: u32,
    /// Scheduled messages sent per second at most, across all replicas (25 by default;
    /// up to 1000 for paid broadcasts).
    pub scheduled_per_second: u32,
    /// Oldest a scheduled message may be when it goes out, in seconds (2 h by default);
    /// older ones are recorded as expired.
    pub scheduled_lateness_secs: u32,
    /// Webhook mode instead of long polling, when set.
    pub webhook: Option<Webhook>,
    /// Where `/metrics` is served on its own (`HEADLOG_METRICS_ADDR`); unset, it is on
    /// the HTTP listener.
    pub metrics_addr: Option<SocketAddr>,
    /// The public base URL of the HTTP listener (`HEADLOG_PUBLIC_URL`), which doctor
    /// links start with; without it the bot makes none.
    pub public_url: Option<Url>,
    /// How many days a doctor link works unless revoked (`HEADLOG_DOCTOR_LINK_DAYS`,
    /// 1–90, 14 by default).
    pub doctor_link_days: u32,
    /// `HEADLOG_LOG_FORMAT`: `text` (the default) or `json`, one object a line.
    pub log_format: LogFormat,
    /// Where the daily SQLite backups go (`HEADLOG_BACKUP_DIR`); unset, there are none.
    pub backup_dir: Option<PathBuf>,
    /// How many scheduled backups are kept (`HEADLOG_BACKUP_KEEP`, 7 by default).
    pub backup_keep: u32,
    /// Seconds between scheduled backups (`HEADLOG_BACKUP_EVERY_SECS`, a day by default;
    /// meant for tests, which need a short period).
    pub backup_every_secs: u64,
    /// Records older than this many days are erased by a daily job
    /// (`HEADLOG_RETENTION_DAYS`; unset keeps everything; never below
    /// [`MIN_RETENTION_DAYS`]).
    pub retention_days: Option<u32>,
    /// Where error reports go (`HEADLOG_SENTRY_DSN`; needs the `sentry` cargo feature).
    pub sentry_dsn: Option<SecretString>,
    /// Telegram user ids of the admins (`HEADLOG_ADMIN_IDS`, comma-separated; none by
    /// default, and then there is no admin page to sign in to).
    pub admin_ids: Vec<i64>,
    /// The bot's username (`HEADLOG_BOT_USERNAME`, without `@`): when set, the admin login
    /// page offers the Telegram Login Widget (the bot's domain set with /setdomain).
    pub bot_username: Option<String>,
}

/// The shortest retention allowed: half a year of diary is the least a doctor needs.
pub const MIN_RETENTION_DAYS: u32 = 180;

pub use crate::telemetry::LogFormat;

/// Webhook mode: where Telegram sends updates and the secret it proves itself with.
#[derive(Debug, Clone)]
pub struct Webhook {
    /// The public URL Telegram POSTs to (`HEADLOG_WEBHOOK_URL`); its path is served on
    /// the HTTP listener. Telegram needs HTTPS on port 443, 80, 88 or 8443 (a reverse
    /// proxy in front of headlog terminates TLS).
    pub url: Url,
    /// `HEADLOG_WEBHOOK_SECRET`: 1–256 characters of `A–Z a–z 0–9 _ -`, sent by Telegram in
    /// `X-Telegram-Bot-Api-Secret-Token` with every update.
    pub secret: SecretString,
}

/// Why the settings could not be read; the message names the setting.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A required setting is absent.
    #[error("{0} is not set: {1}")]
    Missing(&'static str, &'static str),
    /// A setting is present but unusable.
    #[error("{name} is not valid: {why}")]
    Invalid {
        /// The environment variable's name.
        name: &'static str,
        /// What is wrong with it.
        why: String,
    },
    /// The config file could not be read or parsed.
    #[error("the config file {path} could not be used: {why}")]
    File {
        /// The file's path.
        path: PathBuf,
        /// What went wrong.
        why: String,
    },
}

/// The optional file: the same keys as the environment, lower case, without the prefix.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    bot_token: Option<String>,
    database_url: Option<String>,
    telegram_api_url: Option<String>,
    http_addr: Option<String>,
    poll_timeout: Option<u32>,
    log: Option<String>,
    max_concurrent_chats: Option<usize>,
    worker_threads: Option<usize>,
    flood_per_second: Option<u32>,
    flood_burst: Option<u32>,
    outbox_claim_secs: Option<u32>,
    scheduled_per_second: Option<u32>,
    scheduled_lateness_secs: Option<u32>,
    webhook_url: Option<String>,
    webhook_secret: Option<String>,
    metrics_addr: Option<String>,
    public_url: Option<String>,
    doctor_link_days: Option<u32>,
    log_format: Option<String>,
    backup_dir: Option<String>,
    backup_keep: Option<u32>,
    backup_every_secs: Option<u64>,
    retention_days: Option<u32>,
    sentry_dsn: Option<String>,
    admin_ids: Option<String>,
    bot_username: Option<String>,
}

impl Settings {
    /// Reads the settings from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_map(&std::env::vars().collect())
    }

    /// Only the database URL and the log settings, from the process environment: what
    /// `migrate`, `backup` and `restore` need (no bot token).
    pub fn store_from_env() -> Result<StoreSettings, ConfigError> {
        Self::store_from_map(&std::env::vars().collect())
    }

    /// [`Settings::store_from_env`] from a map standing for the environment.
    pub fn store_from_map(env: &HashMap<String, String>) -> Result<StoreSettings, ConfigError> {
        let file = file_of(env)?;
        let pick = |key: &str, from_file: Option<String>| pick(env, key, from_file);
        let log_format = log_format(pick("HEADLOG_LOG_FORMAT", file.log_format))?;
        Ok(StoreSettings {
            database_url: SecretString::from(database_url(pick(
                "HEADLOG_DATABASE_URL",
                file.database_url,
            ))?),
            log: log_filter(env, pick("HEADLOG_LOG", file.log)),
            log_format,
        })
    }

    /// Reads the settings from a map standing for the environment (tests pass their own).
    pub fn from_map(env: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let file = file_of(env)?;
        let pick = |key: &str, from_file: Option<String>| pick(env, key, from_file);

        let token = pick("HEADLOG_BOT_TOKEN", file.bot_token).ok_or(ConfigError::Missing(
            "HEADLOG_BOT_TOKEN",
            "set it to the token @BotFather gave you",
        ))?;
        check_token(&token)?;

        let database_url = database_url(pick("HEADLOG_DATABASE_URL", file.database_url))?;

        let api = pick("HEADLOG_TELEGRAM_API_URL", file.telegram_api_url)
            .unwrap_or_else(|| "https://api.telegram.org".to_owned());
        let telegram_api_url = Url::parse(&api)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .ok_or_else(|| invalid("HEADLOG_TELEGRAM_API_URL", "it must be an http(s) URL"))?;

        let addr = pick("HEADLOG_HTTP_ADDR", file.http_addr)
            .unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let http_addr = addr.parse().map_err(|_| {
            invalid(
                "HEADLOG_HTTP_ADDR",
                "it must be an address with a port, such as 127.0.0.1:8080",
            )
        })?;

        let poll_timeout_secs = number(env, "HEADLOG_POLL_TIMEOUT", file.poll_timeout, 30)?;
        if poll_timeout_secs > 50 {
            return Err(invalid(
                "HEADLOG_POLL_TIMEOUT",
                "Telegram allows at most 50 seconds",
            ));
        }
        let max_concurrent_chats = number(
            env,
            "HEADLOG_MAX_CONCURRENT_CHATS",
            file.max_concurrent_chats,
            64,
        )?;
        if max_concurrent_chats == 0 {
            return Err(invalid(
                "HEADLOG_MAX_CONCURRENT_CHATS",
                "it must be at least 1",
            ));
        }

        let worker_threads = number(env, "HEADLOG_WORKER_THREADS", file.worker_threads, 1)?;
        if worker_threads == 0 {
            return Err(invalid("HEADLOG_WORKER_THREADS", "it must be at least 1"));
        }

        let flood_per_second = number(env, "HEADLOG_FLOOD_PER_SECOND", file.flood_per_second, 3)?;
        let flood_burst = number(env, "HEADLOG_FLOOD_BURST", file.flood_burst, 5)?;
        if flood_per_second == 0 || flood_burst == 0 {
            return Err(invalid(
                "HEADLOG_FLOOD_PER_SECOND",
                "the inbound limit and its burst must be at least 1",
            ));
        }
        let outbox_claim_secs =
            number(env, "HEADLOG_OUTBOX_CLAIM_SECS", file.outbox_claim_secs, 30)?;
        if outbox_claim_secs == 0 {
            return Err(invalid(
                "HEADLOG_OUTBOX_CLAIM_SECS",
                "it must be at least 1",
            ));
        }
        let scheduled_per_second = number(
            env,
            "HEADLOG_SCHEDULED_PER_SECOND",
            file.scheduled_per_second,
            25,
        )?;
        if !(1..=1000).contains(&scheduled_per_second) {
            return Err(invalid(
                "HEADLOG_SCHEDULED_PER_SECOND",
                "it must be between 1 and 1000",
            ));
        }
        let scheduled_lateness_secs = number(
            env,
            "HEADLOG_SCHEDULED_LATENESS",
            file.scheduled_lateness_secs,
            7200,
        )?;
        if scheduled_lateness_secs < 60 {
            return Err(invalid(
                "HEADLOG_SCHEDULED_LATENESS",
                "it must be at least 60 seconds",
            ));
        }
        let webhook = match pick("HEADLOG_WEBHOOK_URL", file.webhook_url) {
            None => None,
            Some(url) => {
                let url = Url::parse(&url)
                    .ok()
                    .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
                    .ok_or_else(|| invalid("HEADLOG_WEBHOOK_URL", "it must be an https:// URL"))?;
                let secret = pick("HEADLOG_WEBHOOK_SECRET", file.webhook_secret).ok_or(
                    ConfigError::Missing(
                        "HEADLOG_WEBHOOK_SECRET",
                        "webhook mode needs a secret of 1–256 letters, digits, _ or -",
                    ),
                )?;
                let fine = (1..=256).contains(&secret.len())
                    && secret
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                if !fine {
                    return Err(invalid(
                        "HEADLOG_WEBHOOK_SECRET",
                        "it must be 1–256 letters, digits, _ or -",
                    ));
                }
                Some(Webhook {
                    url,
                    secret: SecretString::from(secret),
                })
            }
        };
        let metrics_addr = match pick("HEADLOG_METRICS_ADDR", file.metrics_addr) {
            Some(a) => Some(a.parse().map_err(|_| {
                invalid(
                    "HEADLOG_METRICS_ADDR",
                    "it must be an address with a port, such as 127.0.0.1:9090",
                )
            })?),
            None => None,
        };
        let public_url = match pick("HEADLOG_PUBLIC_URL", file.public_url) {
            Some(u) => Some(
                Url::parse(&u)
                    .ok()
                    .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
                    .map(|mut u| {
                        // A base: links are joined under its path.
                        if !u.path().ends_with('/') {
                            let path = format!("{}/", u.path());
                            u.set_path(&path);
                        }
                        u
                    })
                    .ok_or_else(|| invalid("HEADLOG_PUBLIC_URL", "it must be an https:// URL"))?,
            ),
            None => None,
        };
        let doctor_link_days = number(
            env,
            "HEADLOG_DOCTOR_LINK_DAYS",
            file.doctor_link_days,
            crate::service::links::LINK_DAYS,
        )?;
        if !(1..=90).contains(&doctor_link_days) {
            return Err(invalid(
                "HEADLOG_DOCTOR_LINK_DAYS",
                "it must be between 1 and 90",
            ));
        }
        let log = log_filter(env, pick("HEADLOG_LOG", file.log));
        let log_format = log_format(pick("HEADLOG_LOG_FORMAT", file.log_format))?;
        let backup_dir = pick("HEADLOG_BACKUP_DIR", file.backup_dir).map(PathBuf::from);
        let backup_keep = number(env, "HEADLOG_BACKUP_KEEP", file.backup_keep, 7)?;
        if backup_keep == 0 {
            return Err(invalid("HEADLOG_BACKUP_KEEP", "it must be at least 1"));
        }
        let backup_every_secs = number(
            env,
            "HEADLOG_BACKUP_EVERY_SECS",
            file.backup_every_secs,
            86_400,
        )?;
        if backup_every_secs == 0 {
            return Err(invalid(
                "HEADLOG_BACKUP_EVERY_SECS",
                "it must be at least 1",
            ));
        }
        let retention_days = match env.get("HEADLOG_RETENTION_DAYS") {
            Some(v) if !v.trim().is_empty() => Some(v.trim().parse::<u32>().map_err(|_| {
                invalid(
                    "HEADLOG_RETENTION_DAYS",
                    "it must be a whole number of days",
                )
            })?),
            _ => file.retention_days,
        };
        if let Some(days) = retention_days
            && days < MIN_RETENTION_DAYS
        {
            return Err(ConfigError::Invalid {
                name: "HEADLOG_RETENTION_DAYS",
                why: format!(
                    "{days} days is too short: records are kept at least {MIN_RETENTION_DAYS} days (unset it to keep everything)"
                ),
            });
        }

        let sentry_dsn = pick("HEADLOG_SENTRY_DSN", file.sentry_dsn).map(SecretString::from);
        let admin_ids = admin_ids(pick("HEADLOG_ADMIN_IDS", file.admin_ids))?;
        let bot_username = match pick("HEADLOG_BOT_USERNAME", file.bot_username) {
            Some(name) => {
                let name = name.trim().trim_start_matches('@').to_owned();
                let fits = (3..=64).contains(&name.len())
                    && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
                if !fits {
                    return Err(invalid(
                        "HEADLOG_BOT_USERNAME",
                        "it must be the bot's username: letters, digits and _",
                    ));
                }
                Some(name)
            }
            None => None,
        };

        Ok(Settings {
            bot_token: SecretString::from(token),
            database_url: SecretString::from(database_url),
            telegram_api_url,
            http_addr,
            poll_timeout_secs,
            log,
            max_concurrent_chats,
            worker_threads,
            flood_per_second,
            flood_burst,
            outbox_claim_secs,
            scheduled_per_second,
            scheduled_lateness_secs,
            webhook,
            metrics_addr,
            public_url,
            doctor_link_days,
            log_format,
            backup_dir,
            backup_keep,
            backup_every_secs,
            retention_days,
            sentry_dsn,
            admin_ids,
            bot_username,
        })
    }
}

/// `HEADLOG_ADMIN_IDS`: Telegram user ids, comma-separated (spaces allowed).
fn admin_ids(value: Option<String>) -> Result<Vec<i64>, ConfigError> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let mut ids = Vec::new();
    for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.parse::<i64>() {
            Ok(id) if id > 0 => ids.push(id),
            _ => {
                return Err(ConfigError::Invalid {
                    name: "HEADLOG_ADMIN_IDS",
                    why: format!(
                        "{part:?} is not a Telegram user id (a positive whole number; separate ids with commas)"
                    ),
                });
            }
        }
    }
    Ok(ids)
}

/// What the commands that only touch the store need.
#[derive(Debug, Clone)]
pub struct StoreSettings {
    /// As [`Settings::database_url`].
    pub database_url: SecretString,
    /// As [`Settings::log`].
    pub log: String,
    /// As [`Settings::log_format`].
    pub log_format: LogFormat,
}

fn file_of(env: &HashMap<String, String>) -> Result<FileSettings, ConfigError> {
    match env.get("HEADLOG_CONFIG") {
        Some(path) => read_file(PathBuf::from(path)),
        None => Ok(FileSettings::default()),
    }
}

/// The environment's value (blank counts as unset), else the file's.
fn pick(env: &HashMap<String, String>, key: &str, from_file: Option<String>) -> Option<String> {
    env.get(key)
        .filter(|v| !v.trim().is_empty())
        .cloned()
        .or(from_file)
}

fn database_url(value: Option<String>) -> Result<String, ConfigError> {
    let url = value.unwrap_or_else(|| "sqlite://headlog.db".to_owned());
    if !(url.starts_with("sqlite:")
        || url.starts_with("postgres://")
        || url.starts_with("postgresql://"))
    {
        return Err(invalid(
            "HEADLOG_DATABASE_URL",
            "it must start with sqlite: or postgres://",
        ));
    }
    Ok(url)
}

/// RUST_LOG is honoured too, as Rust programs usually do; HEADLOG_LOG wins.
fn log_filter(env: &HashMap<String, String>, value: Option<String>) -> String {
    value
        .or_else(|| env.get("RUST_LOG").cloned())
        .unwrap_or_else(|| "info".to_owned())
}

fn log_format(value: Option<String>) -> Result<LogFormat, ConfigError> {
    match value.as_deref().map(str::trim) {
        None | Some("text") => Ok(LogFormat::Text),
        Some("json") => Ok(LogFormat::Json),
        Some(_) => Err(invalid("HEADLOG_LOG_FORMAT", "it must be text or json")),
    }
}

fn invalid(name: &'static str, why: &str) -> ConfigError {
    ConfigError::Invalid {
        name,
        why: why.to_owned(),
    }
}

fn read_file(path: PathBuf) -> Result<FileSettings, ConfigError> {
    let text = std::fs::read_to_string(&path).map_err(|e| ConfigError::File {
        path: path.clone(),
        why: e.to_string(),
    })?;
    toml::from_str(&text).map_err(|e| ConfigError::File {
        path,
        why: e.message().to_owned(),
    })
}

fn number<T: std::str::FromStr>(
    env: &HashMap<String, String>,
    name: &'static str,
    from_file: Option<T>,
    default: T,
) -> Result<T, ConfigError> {
    match env.get(name) {
        Some(v) => v
            .trim()
            .parse()
            .map_err(|_| invalid(name, "it must be a whole number")),
        None => Ok(from_file.unwrap_or(default)),
    }
}

/// A token looks like `123456:ABC-def_…`; checking the shape catches pasting mistakes early.
fn check_token(token: &str) -> Result<(), ConfigError> {
    let ok = token.split_once(':').is_some_and(|(id, secret)| {
        !id.is_empty()
            && id.bytes().all(|b| b.is_ascii_digit())
            && !secret.is_empty()
            && secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    });
    if ok {
        Ok(())
    } else {
        Err(invalid(
            "HEADLOG_BOT_TOKEN",
            "it must look like 123456789:ABCdef… (digits, a colon, then letters, digits, _ or -)",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn rust_log_is_read_when_headlog_log_is_not_set() {
        let s = Settings::from_map(&env(&[("HEADLOG_BOT_TOKEN", "1:a"), ("RUST_LOG", "debug")]))
            .unwrap();
        assert_eq!(s.log, "debug");
        let s = Settings::from_map(&env(&[
            ("HEADLOG_BOT_TOKEN", "1:a"),
            ("RUST_LOG", "debug"),
            ("HEADLOG_LOG", "warn"),
        ]))
        .unwrap();
        assert_eq!(s.log, "warn");
    }

    #[test]
    fn a_token_alone_is_enough_and_the_rest_has_defaults() {
        let s = Settings::from_map(&env(&[("HEADLOG_BOT_TOKEN", "123:abc")])).unwrap();
        assert_eq!(s.http_addr.to_string(), "127.0.0.1:8080");
        assert_eq!(s.telegram_api_url.as_str(), "https://api.telegram.org/");
        assert_eq!(s.poll_timeout_secs, 30);
    }

    #[test]
    fn webhook_mode_needs_a_url_and_a_well_formed_secret() {
        let base = [("HEADLOG_BOT_TOKEN", "1:a")];
        let with = |more: &[(&'static str, &'static str)]| {
            let mut pairs = base.to_vec();
            pairs.extend_from_slice(more);
            Settings::from_map(&env(&pairs))
        };
        assert!(
            with(&[]).unwrap().webhook.is_none(),
            "long polling by default"
        );
        let hook = with(&[
            ("HEADLOG_WEBHOOK_URL", "https://bot.example.org/tg/hook"),
            ("HEADLOG_WEBHOOK_SECRET", "abc_DEF-123"),
        ])
        .unwrap()
        .webhook
        .unwrap();
        assert_eq!(hook.url.path(), "/tg/hook");
        let err = with(&[("HEADLOG_WEBHOOK_URL", "https://bot.example.org/h")])
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("HEADLOG_WEBHOOK_SECRET is not set"),
            "{err}"
        );
        let long = "x".repeat(257);
        for bad in ["with space", "ключ", "a/b", long.as_str()] {
            let mut pairs = base.to_vec();
            pairs.push(("HEADLOG_WEBHOOK_URL", "https://bot.example.org/h"));
            pairs.push(("HEADLOG_WEBHOOK_SECRET", bad));
            let err = Settings::from_map(&env(&pairs)).unwrap_err().to_string();
            assert!(
                err.starts_with("HEADLOG_WEBHOOK_SECRET is not valid"),
                "{bad}: {err}"
            );
        }
        for bad in ["not a url", "ftp://bot.example.org/h", "https://"] {
            let mut pairs = base.to_vec();
            pairs.push(("HEADLOG_WEBHOOK_URL", bad));
            pairs.push(("HEADLOG_WEBHOOK_SECRET", "abc"));
            let err = Settings::from_map(&env(&pairs)).unwrap_err().to_string();
            assert!(
                err.starts_with("HEADLOG_WEBHOOK_URL is not valid"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn doctor_links_last_14_days_unless_set_between_1_and_90() {
        let with = |days: Option<&'static str>| {
            let mut pairs = vec![("HEADLOG_BOT_TOKEN", "1:a")];
            if let Some(d) = days {
                pairs.push(("HEADLOG_DOCTOR_LINK_DAYS", d));
            }
            Settings::from_map(&env(&pairs))
        };
        assert_eq!(with(None).unwrap().doctor_link_days, 14);
        assert_eq!(with(Some("30")).unwrap().doctor_link_days, 30);
        for bad in ["0", "91", "-1", "two"] {
            let err = with(Some(bad)).unwrap_err().to_string();
            assert!(
                err.starts_with("HEADLOG_DOCTOR_LINK_DAYS is not valid"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn admin_ids_are_a_comma_separated_list_of_positive_ids() {
        let with = |ids: Option<&'static str>| {
            let mut pairs = vec![("HEADLOG_BOT_TOKEN", "1:a")];
            if let Some(v) = ids {
                pairs.push(("HEADLOG_ADMIN_IDS", v));
            }
            Settings::from_map(&env(&pairs))
        };
        assert_eq!(with(None).unwrap().admin_ids, Vec::<i64>::new());
        assert_eq!(with(Some("42")).unwrap().admin_ids, vec![42]);
        assert_eq!(with(Some(" 42, 7 ,")).unwrap().admin_ids, vec![42, 7]);
        for bad in ["abc", "42;7", "-5", "0"] {
            let err = with(Some(bad)).unwrap_err().to_string();
            assert!(
                err.starts_with("HEADLOG_ADMIN_IDS is not valid"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn retention_is_off_by_default_and_never_below_180_days() {
        let with = |days: Option<&'static str>| {
            let mut pairs = vec![("HEADLOG_BOT_TOKEN", "1:a")];
            if let Some(d) = days {
                pairs.push(("HEADLOG_RETENTION_DAYS", d));
            }
            Settings::from_map(&env(&pairs))
        };
        assert_eq!(with(None).unwrap().retention_days, None);
        assert_eq!(with(Some("180")).unwrap().retention_days, Some(180));
        assert_eq!(with(Some("3650")).unwrap().retention_days, Some(3650));
        let err = with(Some("179")).unwrap_err().to_string();
        assert_eq!(
            err,
            "HEADLOG_RETENTION_DAYS is not valid: 179 days is too short: records are kept at least 180 days (unset it to keep everything)"
        );
        for bad in ["0", "-1", "a year"] {
            let err = with(Some(bad)).unwrap_err().to_string();
            assert!(
                err.starts_with("HEADLOG_RETENTION_DAYS is not valid"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn backups_are_off_unless_a_directory_is_set_and_keep_seven() {
        let s = Settings::from_map(&env(&[("HEADLOG_BOT_TOKEN", "1:a")])).unwrap();
        assert_eq!(s.backup_dir, None);
        assert_eq!((s.backup_keep, s.backup_every_secs), (7, 86_400));
        let s = Settings::from_map(&env(&[
            ("HEADLOG_BOT_TOKEN", "1:a"),
            ("HEADLOG_BACKUP_DIR", "/var/backups/headlog"),
            ("HEADLOG_BACKUP_KEEP", "3"),
        ]))
        .unwrap();
        assert_eq!(s.backup_dir, Some(PathBuf::from("/var/backups/headlog")));
        assert_eq!(s.backup_keep, 3);
        let err = Settings::from_map(&env(&[
            ("HEADLOG_BOT_TOKEN", "1:a"),
            ("HEADLOG_BACKUP_KEEP", "0"),
        ]))
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("HEADLOG_BACKUP_KEEP is not valid"), "{err}");
    }

    #[test]
    fn logs_are_text_unless_json_is_asked_for() {
        let with = |f: &'static str| {
            Settings::from_map(&env(&[
                ("HEADLOG_BOT_TOKEN", "1:a"),
                ("HEADLOG_LOG_FORMAT", f),
            ]))
        };
        assert_eq!(with("json").unwrap().log_format, LogFormat::Json);
        assert_eq!(with("text").unwrap().log_format, LogFormat::Text);
        let err = with("xml").unwrap_err().to_string();
        assert!(err.starts_with("HEADLOG_LOG_FORMAT is not valid"), "{err}");
    }

    #[test]
    fn store_commands_need_no_token() {
        let s = Settings::store_from_map(&env(&[("HEADLOG_DATABASE_URL", "sqlite:x.db")])).unwrap();
        assert_eq!(
            secrecy::ExposeSecret::expose_secret(&s.database_url),
            "sqlite:x.db"
        );
        let err = Settings::store_from_map(&env(&[("HEADLOG_DATABASE_URL", "mysql://x")]))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("HEADLOG_DATABASE_URL is not valid"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_token_is_named() {
        let err = Settings::from_map(&env(&[])).unwrap_err().to_string();
        assert!(err.starts_with("HEADLOG_BOT_TOKEN is not set"), "{err}");
    }

    #[test]
    fn malformed_settings_are_named() {
        for (key, value) in [
            ("HEADLOG_BOT_TOKEN", "not a token"),
            ("HEADLOG_DATABASE_URL", "mysql://x"),
            ("HEADLOG_TELEGRAM_API_URL", "ftp://x"),
            ("HEADLOG_HTTP_ADDR", "localhost"),
            ("HEADLOG_POLL_TIMEOUT", "soon"),
            ("HEADLOG_POLL_TIMEOUT", "51"),
        ] {
            let mut map = env(&[("HEADLOG_BOT_TOKEN", "123:abc")]);
            map.insert(key.into(), value.into());
            let err = Settings::from_map(&map).unwrap_err().to_string();
            assert!(err.starts_with(&format!("{key} is not valid")), "{err}");
        }
    }

    #[test]
    fn the_environment_overrides_the_file() {
        let dir = std::env::temp_dir().join(format!("headlog-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("headlog.toml");
        std::fs::write(&path, "bot_token = \"1:file\"\npoll_timeout = 5\n").unwrap();
        let p = path.to_string_lossy().to_string();
        let s = Settings::from_map(&env(&[
            ("HEADLOG_CONFIG", &p),
            ("HEADLOG_POLL_TIMEOUT", "7"),
        ]))
        .unwrap();
        assert_eq!(s.poll_timeout_secs, 7);
        std::fs::write(&path, "bot_tokn = \"1:file\"\n").unwrap();
        let err = Settings::from_map(&env(&[("HEADLOG_CONFIG", &p)])).unwrap_err();
        assert!(err.to_string().contains("could not be used"), "{err}");
    }
}
