//! The daily jobs of `headlog run`: retention (records older than
//! `HEADLOG_RETENTION_DAYS` erased) and scheduled backups (`HEADLOG_BACKUP_DIR`, SQLite
//! only: a `VACUUM INTO` copy, the newest `HEADLOG_BACKUP_KEEP` kept). With several
//! replicas on PostgreSQL one does them: the holder of the maintenance lease (another takes
//! over when it stops). Retention runs at start and then once a day; a backup is due one
//! period (a day, `HEADLOG_BACKUP_EVERY_SECS` in tests) after the newest in the directory,
//! so restarts neither skip nor add one.

use crate::clock::Clock;
use crate::store::Db;
use crate::store::backup;
use crate::store::lease::{Lease, MAINTENANCE};
use chrono::Utc;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How often retention runs.
const RETENTION_EVERY: Duration = Duration::from_secs(86_400);
/// How soon a failed backup is tried again (or its period, when shorter).
const BACKUP_RETRY: Duration = Duration::from_secs(3600);

/// What the jobs are asked to do.
#[derive(Debug, Clone, Default)]
pub struct Jobs {
    /// Erase records older than this many days.
    pub retention_days: Option<u32>,
    /// Take scheduled backups.
    pub backups: Option<Backups>,
}

/// Scheduled backups: where, how many, how often.
#[derive(Debug, Clone)]
pub struct Backups {
    /// The directory the copies go to.
    pub dir: PathBuf,
    /// How many are kept.
    pub keep: u32,
    /// The period between two.
    pub every: Duration,
}

impl Jobs {
    /// The jobs the settings ask for.
    pub fn from_settings(s: &crate::config::Settings) -> Jobs {
        Jobs {
            retention_days: s.retention_days,
            backups: s.backup_dir.clone().map(|dir| Backups {
                dir,
                keep: s.backup_keep,
                every: Duration::from_secs(s.backup_every_secs),
            }),
        }
    }
}

/// Erases what retention says is too old, now; how many rows went.
pub async fn retention_once(
    store: &Db,
    days: u32,
    now: chrono::DateTime<Utc>,
) -> anyhow::Result<u64> {
    let before = (now - chrono::Duration::days(i64::from(days))).timestamp();
    let erased = store
        .run(async |tx| tx.retention_purge(before).await)
        .await?;
    let total = erased.iter().map(|(_, n)| n).sum();
    if total > 0 {
        let tables: Vec<String> = erased
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        tracing::info!(rows = total, tables = %tables.join(", "), days, "retention: old records erased");
    }
    Ok(total)
}

/// Runs the jobs until `shutdown`; a job under way when it comes is finished first.
pub async fn run(store: Db, clock: Arc<dyn Clock>, mut jobs: Jobs, shutdown: CancellationToken) {
    if jobs.backups.is_some() && matches!(store, Db::Postgres(_)) {
        tracing::warn!(
            "HEADLOG_BACKUP_DIR is for SQLite: on PostgreSQL take backups with pg_dump from cron or a CronJob (see the README)"
        );
        jobs.backups = None;
    }
    if jobs.retention_days.is_none() && jobs.backups.is_none() {
        return;
    }
    let mut lease = Lease::new(store.clone(), MAINTENANCE);
    let mut next_retention = tokio::time::Instant::now();
    let mut next_backup = jobs.backups.as_ref().map(due_after_newest);
    loop {
        if !lease.hold().await {
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = tokio::time::sleep(Duration::from_secs(5)) => continue,
            }
        }
        if let Some(days) = jobs.retention_days
            && tokio::time::Instant::now() >= next_retention
        {
            if let Err(e) = retention_once(&store, days, clock.now()).await {
                tracing::warn!(error = %e, "retention failed; trying again in a day");
            }
            next_retention = tokio::time::Instant::now() + RETENTION_EVERY;
        }
        if let (Some(plan), Some(due)) = (&jobs.backups, next_backup)
            && Utc::now() >= due
        {
            next_backup = Some(match backup_once(&store, plan).await {
                Ok(()) => due_after_newest(plan),
                Err(e) => {
                    tracing::error!(error = %format!("{e:#}"), "scheduled backup failed");
                    Utc::now()
                        + chrono::Duration::from_std(BACKUP_RETRY.min(plan.every))
                            .unwrap_or_default()
                }
            });
        }
        let mut wait = next_retention.saturating_duration_since(tokio::time::Instant::now());
        if jobs.retention_days.is_none() {
            wait = RETENTION_EVERY;
        }
        if let Some(due) = next_backup {
            wait = wait.min((due - Utc::now()).to_std().unwrap_or_default());
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(wait) => {}
        }
    }
    lease.release().await;
}

/// When the next backup is due, from the newest in the directory.
fn due_after_newest(plan: &Backups) -> chrono::DateTime<Utc> {
    let newest = backup::scheduled_backups(&plan.dir)
        .ok()
        .and_then(|all| all.last().map(|(at, _)| *at));
    backup::next_due(newest, Utc::now(), plan.every)
}

/// One scheduled backup of the SQLite file, off the runtime's threads.
async fn backup_once(store: &Db, plan: &Backups) -> anyhow::Result<()> {
    let Db::Sqlite(db) = store else {
        return Ok(());
    };
    let Some(path) = db.path() else {
        anyhow::bail!("an in-memory database is not backed up");
    };
    let (dir, keep) = (plan.dir.clone(), plan.keep as usize);
    let started = std::time::Instant::now();
    let out = tokio::task::spawn_blocking(move || {
        backup::scheduled_backup(&path, &dir, keep, Utc::now())
    })
    .await??;
    tracing::info!(
        file = %out.display(),
        ms = started.elapsed().as_millis() as u64,
        "scheduled backup written"
    );
    Ok(())
}
