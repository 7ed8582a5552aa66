//! The scheduler: fires due reminders. It reads the soonest due time from the schedule's
//! index and sleeps until then, woken when a unit of work changes a schedule (no scan of
//! every user, no polling each minute). Firing a batch is one transaction: claim the due
//! rows (PostgreSQL: `skip locked`, so replicas share the work), decide each (paused,
//! quiet hours, blocked, too late), render what is still worth asking into the outbox's
//! scheduled lane under a unique key per (user, purpose, due instant), and move each row to
//! its next occurrence or remove it. A crash before commit fires the batch again; its keys
//! make the second firing send nothing new.

use super::BotCtx;
use super::ui::{Ctx, Outgoing};
use super::{checkin, habits, questionnaire, reminders};
use crate::domain::localtime;
use crate::domain::reminders::Purpose;
use crate::service::reminders::{self as service, Fire};
use crate::store::outbox::{Lane, NewOut};
use crate::store::schedule::DueJob;
use crate::store::{StoreError, StoreResult};
use chrono::Duration as Span;
use chrono::NaiveDate;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Jobs fired per transaction: large enough that a minute with 100,000 due reminders is a
/// few dozen commits, small enough that a reply never waits long for the write lock.
const BATCH: i64 = 2000;
/// How long one batch works before it commits what it did and leaves the rest due for the
/// next: a weekly summary draws a picture (about 10 ms), and 2,000 of them in one unit of
/// work would keep every other writer waiting for many seconds on SQLite.
const BATCH_BUDGET: std::time::Duration = std::time::Duration::from_millis(200);
/// The longest sleep: another replica may have changed a schedule without waking us.
const MAX_SLEEP: Duration = Duration::from_secs(60);

/// What the scheduler did (read by tests now, by /metrics later).
#[derive(Debug, Default)]
pub struct Stats {
    /// Messages queued.
    pub queued: AtomicU64,
    /// Due jobs with nothing left to ask (answered, ended, noted).
    pub answered: AtomicU64,
    /// Jobs skipped while paused or blocked.
    pub skipped: AtomicU64,
    /// Jobs due too long ago, recorded as expired.
    pub expired: AtomicU64,
    /// Jobs held back by quiet hours.
    pub held: AtomicU64,
    /// Batches committed early by their time budget (the rest went to the next one).
    pub cut: AtomicU64,
}

fn add(c: &AtomicU64) {
    c.fetch_add(1, Ordering::Relaxed);
}

/// The unique key of one reminder's message.
fn key(due: &DueJob) -> String {
    let j = &due.job;
    format!(
        "{}:{}:{}:{}",
        j.user_id,
        j.purpose.key(),
        j.ref_id,
        j.due_at
    )
}

fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// Renders one due job into the outbox; true when a message was queued.
async fn render(ctx: &Ctx<'_>, due: &DueJob, day: Option<NaiveDate>) -> anyhow::Result<bool> {
    match due.job.purpose {
        Purpose::Diary | Purpose::Snooze => match day {
            Some(day) => reminders::diary(ctx, due, day).await,
            None => Ok(false),
        },
        Purpose::Dose => reminders::dose(ctx, due.job.ref_id).await,
        Purpose::Attack => reminders::attack(ctx, due.job.ref_id).await,
        Purpose::Nudge => {
            if checkin::under_way(ctx).await? {
                reminders::nudge(ctx).await
            } else {
                Ok(false)
            }
        }
        Purpose::Weekly => reminders::weekly(ctx, due).await,
        Purpose::Questionnaire => questionnaire::offer(ctx, due).await,
        Purpose::Habit => habits::remind(ctx, due.job.ref_id).await,
    }
}

/// Fires due reminders.
pub struct Scheduler {
    ctx: Arc<BotCtx>,
    /// What it did.
    pub stats: Stats,
}

impl Scheduler {
    /// A scheduler over the bot's store, clock and outbox.
    pub fn new(ctx: Arc<BotCtx>) -> Self {
        Scheduler {
            ctx,
            stats: Stats::default(),
        }
    }

    /// Fires everything due now; returns how many jobs it took.
    pub async fn fire_due(&self) -> StoreResult<usize> {
        let mut total = 0;
        loop {
            let (n, cut) = self.fire_batch().await?;
            total += n;
            if !cut && n < BATCH as usize {
                return Ok(total);
            }
        }
    }

    /// Fires one batch; returns how many jobs it took, and whether its time budget cut it
    /// short (the jobs it did not reach stay due, untouched).
    async fn fire_batch(&self) -> StoreResult<(usize, bool)> {
        let started = std::time::Instant::now();
        let bot = &*self.ctx;
        let now = bot.clock.now();
        let lateness = Span::seconds(bot.outbox.policy().scheduled_lateness_secs);
        let tx = bot.store.begin().await?;
        let jobs = tx.schedule_claim_due(now.timestamp(), BATCH).await?;
        // Each job's fate, and the day a diary reminder asks about.
        let decided: Vec<(&DueJob, Fire, Option<NaiveDate>)> = jobs
            .iter()
            .map(|due| {
                (
                    due,
                    service::decide(due, now, lateness),
                    service::diary_day(due),
                )
            })
            .collect();
        // Which diary reminders' days are answered already: one query for the batch.
        let asked: Vec<(i64, String, i64, i64)> = decided
            .iter()
            .filter(|(_, fire, _)| *fire == Fire::Send)
            .filter_map(|(due, _, day)| {
                let day = (*day)?;
                let (from, to) = localtime::day_bounds(day, due.user.zone_or_utc());
                Some((due.job.user_id, iso(day), from.timestamp(), to.timestamp()))
            })
            .collect();
        let answered = tx.days_answered(&asked).await?;
        let (mut rows, mut moved, mut expired) = (Vec::new(), Vec::new(), Vec::new());
        let mut done = 0;
        for (due, fire, day) in decided {
            if done > 0 && started.elapsed() >= BATCH_BUDGET {
                break;
            }
            done += 1;
            let job = &due.job;
            // The delivery clock's instant of the due time (the same clock in production).
            let wall_due = bot.outbox.now() - (now.timestamp() - job.due_at).max(0);
            let (sent, was_answered) = match fire {
                Fire::Wait(until) => {
                    add(&self.stats.held);
                    // A diary reminder keeps the day it asks about: it waits as a snooze,
                    // and the daily one moves on to tomorrow.
                    if let (Purpose::Diary, Some(day)) = (job.purpose, day) {
                        moved.push(service::snooze_job(job.user_id, day, until));
                        (false, false)
                    } else {
                        let mut later = job.clone();
                        later.due_at = until.timestamp();
                        moved.push(later);
                        continue;
                    }
                }
                Fire::Skip => {
                    add(&self.stats.skipped);
                    (false, false)
                }
                Fire::Expire => {
                    add(&self.stats.expired);
                    tracing::warn!(
                        user = job.user_id,
                        purpose = job.purpose.key(),
                        "reminder expired"
                    );
                    expired.push(NewOut {
                        chat_id: job.user_id,
                        lane: Lane::Scheduled,
                        kind: "sendMessage".into(),
                        body: String::new(),
                        file: None,
                        target: None,
                        dedup_key: Some(format!("{}:0", key(due))),
                        due_at: wall_due,
                    });
                    (false, false)
                }
                Fire::Send => {
                    if day.is_some_and(|d| answered.contains(&(job.user_id, iso(d)))) {
                        add(&self.stats.answered);
                        (false, true)
                    } else {
                        let sent = self.render(&tx, due, day, wall_due, &mut rows).await?;
                        add(if sent {
                            &self.stats.queued
                        } else {
                            &self.stats.answered
                        });
                        (sent, !sent)
                    }
                }
            };
            match service::after(due, sent, was_answered) {
                Some(next) => moved.push(next),
                None => {
                    tx.schedule_remove(job.user_id, job.purpose, job.ref_id)
                        .await?
                }
            }
            // A habit reminder moves on to its next time and weekday (from the store).
            if job.purpose == Purpose::Habit {
                crate::service::habits::rearm_one(&tx, &due.user, job.ref_id, now).await?;
            }
            // An offer with nothing to ask (answered meanwhile) goes to the next due day.
            if job.purpose == Purpose::Questionnaire && fire == Fire::Send && !sent {
                crate::service::questionnaires::arm(&tx, &due.user, &due.prefs, now).await?;
            }
        }
        let delivery_now = bot.outbox.now();
        tx.outbox_insert_many(&rows, delivery_now).await?;
        for m in &expired {
            tx.outbox_insert_expired(m, delivery_now).await?;
        }
        tx.schedule_set_many(&moved).await?;
        if !rows.is_empty() {
            tx.notify_scheduled().await?;
        }
        tx.commit().await?;
        if !rows.is_empty() {
            bot.outbox.poke_scheduled();
        }
        let cut = done < jobs.len();
        if cut {
            add(&self.stats.cut);
        }
        Ok((done, cut))
    }

    /// Renders one due job; its rows are added to `rows`. True when it asks something.
    async fn render(
        &self,
        tx: &crate::store::Tx,
        due: &DueJob,
        day: Option<NaiveDate>,
        wall_due: i64,
        rows: &mut Vec<NewOut>,
    ) -> StoreResult<bool> {
        let job = &due.job;
        let c = Ctx {
            bot: &self.ctx,
            tx,
            lang: due.user.lang(),
            user: due.user.clone(),
            now: self.ctx.clock.now(),
            chat: job.user_id,
            update_id: 0,
            keyboard: None,
            out: Outgoing::scheduled(key(due), wall_due),
        };
        let sent = match render(&c, due, day).await {
            Ok(sent) => sent,
            Err(e) if crate::store::is_unavailable(&e) => {
                return Err(StoreError::Unavailable(format!("{e:#}")));
            }
            Err(e) => {
                // A job that fails on itself must not block the queue: it moves on.
                tracing::warn!(user = job.user_id, purpose = job.purpose.key(), error = %e, "reminder failed");
                false
            }
        };
        c.out.finish()?;
        if sent {
            rows.extend(c.out.take_scheduled());
        }
        Ok(sent)
    }

    /// How long until the next job is due (capped, see [`MAX_SLEEP`]).
    async fn until_next(&self) -> StoreResult<Duration> {
        let tx = self.ctx.store.begin().await?;
        let next = tx.schedule_next_due().await?;
        let now = self.ctx.clock.now();
        Ok(match next {
            Some(at) if at > now => (at - now).to_std().unwrap_or(MAX_SLEEP).min(MAX_SLEEP),
            // Due but not taken: another replica holds it; look again shortly.
            Some(_) => Duration::from_millis(200),
            None => MAX_SLEEP,
        })
    }

    /// Fires due jobs until `shutdown`, sleeping until the next one between rounds.
    pub async fn run(self: Arc<Self>, shutdown: CancellationToken) {
        loop {
            let wait = match self.fire_due().await {
                Ok(_) => self.until_next().await,
                Err(e) => Err(e),
            };
            let wait = wait.unwrap_or_else(|e| {
                tracing::warn!(error = %e, "scheduler: store unavailable");
                Duration::from_secs(1)
            });
            tokio::select! {
                _ = shutdown.cancelled() => return,
                _ = self.ctx.schedule_changed.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }
}
