//! Reminders in the store: each user's choices (`reminder_pref`) and every reminder still to
//! come (`schedule`, one row per user, purpose and reference, indexed by due time). The
//! scheduler claims due rows in the transaction that fires them: on PostgreSQL with
//! `for update skip locked`, so replicas firing together never take the same row; SQLite
//! has one writer at a time.

use super::exec::{Row, placeholders, query};
use super::ops::{user_cols, user_from_row};
use super::{StoreError, StoreResult, Tx};
use crate::domain::reminders::{DiaryMode, Prefs, Purpose};
use crate::domain::user::User;
use chrono::{DateTime, NaiveTime, Utc};

/// One reminder to come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Whose.
    pub user_id: i64,
    /// What for.
    pub purpose: Purpose,
    /// What it is about: a dose, an attack, a day (see [`crate::domain::reminders::day_ref`]); 0 for none.
    pub ref_id: i64,
    /// When it is due (unix seconds).
    pub due_at: i64,
    /// How many times it was sent again (the diary reminder's repeats).
    pub round: i32,
}

/// A due job with what firing it needs to know.
#[derive(Debug, Clone)]
pub struct DueJob {
    /// The job.
    pub job: Job,
    /// Its user.
    pub user: User,
    /// Their choices.
    pub prefs: Prefs,
}

const PREF_COLS: &str = "p.user_id as pref_user, p.diary_mode, p.diary_repeat, p.dose_on, \
    p.dose_after_min, p.attack_on, p.attack_after_min, p.nudge_on, p.weekly_on, p.weekly_time, \
    p.paused_until, p.quiet_from, p.quiet_to, p.questionnaire_on";

fn time_of(row: &Row, column: &str) -> StoreResult<Option<NaiveTime>> {
    row.try_get::<Option<String>>(column)?
        .map(|t| {
            NaiveTime::parse_from_str(&t, "%H:%M")
                .map_err(|_| StoreError::Corrupt(format!("reminder_pref.{column} {t:?}")))
        })
        .transpose()
}

fn minutes(row: &Row, column: &str) -> StoreResult<u32> {
    let v: i64 = row.try_get(column)?;
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("reminder_pref.{column} {v}")))
}

/// A user's choices from a row of `reminder_pref` left-joined as `p` (defaults without one).
fn prefs_from_row(row: &Row) -> StoreResult<Prefs> {
    if row.try_get::<Option<i64>>("pref_user")?.is_none() {
        return Ok(Prefs::default());
    }
    let mode: String = row.try_get("diary_mode")?;
    let quiet = match (time_of(row, "quiet_from")?, time_of(row, "quiet_to")?) {
        (Some(from), Some(to)) => Some((from, to)),
        _ => None,
    };
    Ok(Prefs {
        diary_mode: DiaryMode::from_key(&mode)
            .ok_or_else(|| StoreError::Corrupt(format!("reminder_pref.diary_mode {mode:?}")))?,
        diary_repeat: row.try_get("diary_repeat")?,
        dose_on: row.try_get("dose_on")?,
        dose_after_min: minutes(row, "dose_after_min")?,
        attack_on: row.try_get("attack_on")?,
        attack_after_min: minutes(row, "attack_after_min")?,
        nudge_on: row.try_get("nudge_on")?,
        weekly_on: row.try_get("weekly_on")?,
        weekly_time: time_of(row, "weekly_time")?.unwrap_or(Prefs::default().weekly_time),
        questionnaire_on: row.try_get("questionnaire_on")?,
        paused_until: row.opt_time("paused_until")?,
        quiet,
    })
}

fn job_from_row(row: &Row) -> StoreResult<Job> {
    let purpose: String = row.try_get("purpose")?;
    Ok(Job {
        user_id: row.try_get("user_id")?,
        purpose: Purpose::from_key(&purpose)
            .ok_or_else(|| StoreError::Corrupt(format!("schedule.purpose {purpose:?}")))?,
        ref_id: row.try_get("ref_id")?,
        due_at: row.try_get("due_at")?,
        round: row.try_get("round")?,
    })
}

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

impl Tx {
    /// A user's reminder choices (the defaults until they change one).
    pub async fn reminder_prefs(&self, user_id: i64) -> StoreResult<Prefs> {
        let sql = format!(
            "select {PREF_COLS} from app_user u left join reminder_pref p on p.user_id = u.id \
             where u.id = $1"
        );
        match query(sql).bind(user_id).fetch_optional(self).await? {
            Some(row) => prefs_from_row(&row),
            None => Ok(Prefs::default()),
        }
    }

    /// Stores a user's reminder choices.
    pub async fn set_reminder_prefs(&self, user_id: i64, p: &Prefs, now: i64) -> StoreResult<()> {
        query(
            "insert into reminder_pref (user_id, diary_mode, diary_repeat, dose_on, dose_after_min, \
             attack_on, attack_after_min, nudge_on, weekly_on, weekly_time, paused_until, quiet_from, \
             quiet_to, updated_at, questionnaire_on) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
             on conflict (user_id) do update set diary_mode = excluded.diary_mode, \
             diary_repeat = excluded.diary_repeat, dose_on = excluded.dose_on, \
             dose_after_min = excluded.dose_after_min, attack_on = excluded.attack_on, \
             attack_after_min = excluded.attack_after_min, nudge_on = excluded.nudge_on, \
             weekly_on = excluded.weekly_on, weekly_time = excluded.weekly_time, \
             paused_until = excluded.paused_until, quiet_from = excluded.quiet_from, \
             quiet_to = excluded.quiet_to, updated_at = excluded.updated_at, \
             questionnaire_on = excluded.questionnaire_on",
        )
        .bind(user_id)
        .bind(p.diary_mode.key())
        .bind(p.diary_repeat)
        .bind(p.dose_on)
        .bind(i64::from(p.dose_after_min))
        .bind(p.attack_on)
        .bind(i64::from(p.attack_after_min))
        .bind(p.nudge_on)
        .bind(p.weekly_on)
        .bind(hhmm(p.weekly_time))
        .bind(p.paused_until.map(|t| t.timestamp()))
        .bind(p.quiet.map(|(f, _)| hhmm(f)))
        .bind(p.quiet.map(|(_, t)| hhmm(t)))
        .bind(now)
        .bind(p.questionnaire_on)
        .execute(self)
        .await?;
        Ok(())
    }

    /// Sets when a reminder is due (a new row, or the existing one moved).
    pub async fn schedule_set(&self, job: &Job) -> StoreResult<()> {
        self.schedule_set_many(std::slice::from_ref(job)).await
    }

    /// Sets a reminder only when none is pending for the same user, purpose and reference.
    pub async fn schedule_add(&self, job: &Job) -> StoreResult<()> {
        self.schedule_insert(std::slice::from_ref(job), "do nothing")
            .await
    }

    /// Inserts jobs, a statement per 200; `on_conflict` says what an existing one gets.
    async fn schedule_insert(&self, jobs: &[Job], on_conflict: &str) -> StoreResult<()> {
        if !jobs.is_empty() {
            self.touch_schedule();
        }
        for chunk in jobs.chunks(200) {
            let mut q = query(format!(
                "insert into schedule (user_id, purpose, ref_id, due_at, round) values {} \
                 on conflict (user_id, purpose, ref_id) {on_conflict}",
                placeholders(chunk.len(), 5)
            ));
            for j in chunk {
                q = q
                    .bind(j.user_id)
                    .bind(j.purpose.key())
                    .bind(j.ref_id)
                    .bind(j.due_at)
                    .bind(j.round);
            }
            q.execute(self).await?;
        }
        Ok(())
    }

    /// Removes a pending reminder (if there is one).
    pub async fn schedule_remove(
        &self,
        user_id: i64,
        purpose: Purpose,
        ref_id: i64,
    ) -> StoreResult<()> {
        query("delete from schedule where user_id = $1 and purpose = $2 and ref_id = $3")
            .bind(user_id)
            .bind(purpose.key())
            .bind(ref_id)
            .execute(self)
            .await?;
        Ok(())
    }

    /// Removes every pending reminder of a user (blocked, or gone).
    pub async fn schedule_clear(&self, user_id: i64) -> StoreResult<u64> {
        Ok(query("delete from schedule where user_id = $1")
            .bind(user_id)
            .execute(self)
            .await?
            .rows_affected())
    }

    /// A user's pending reminders, soonest first.
    pub async fn schedule_of(&self, user_id: i64) -> StoreResult<Vec<Job>> {
        query(
            "select user_id, purpose, ref_id, due_at, round from schedule where user_id = $1 \
             order by due_at, purpose, ref_id",
        )
        .bind(user_id)
        .fetch_all(self)
        .await?
        .iter()
        .map(job_from_row)
        .collect()
    }

    /// Takes up to `limit` jobs due by `now`, soonest first, with their users and choices.
    /// They stay taken until this transaction ends (PostgreSQL: locked, skipped by others).
    pub async fn schedule_claim_due(&self, now: i64, limit: i64) -> StoreResult<Vec<DueJob>> {
        let lock = if self.backend() == "postgres" {
            " for update of s skip locked"
        } else {
            ""
        };
        let sql = format!(
            "select s.user_id, s.purpose, s.ref_id, s.due_at, s.round, {user}, {PREF_COLS} \
             from schedule s join app_user u on u.id = s.user_id \
             left join reminder_pref p on p.user_id = s.user_id \
             where s.due_at <= $1 order by s.due_at limit $2{lock}",
            user = user_cols!(),
        );
        query(sql)
            .bind(now)
            .bind(limit)
            .fetch_all(self)
            .await?
            .iter()
            .map(|row| {
                Ok(DueJob {
                    job: job_from_row(row)?,
                    user: user_from_row(row)?,
                    prefs: prefs_from_row(row)?,
                })
            })
            .collect()
    }

    /// When the soonest reminder is due.
    pub async fn schedule_next_due(&self) -> StoreResult<Option<DateTime<Utc>>> {
        let at = query("select min(due_at) from schedule")
            .fetch_optional(self)
            .await?
            .map(|r| r.first::<Option<i64>>())
            .transpose()?
            .flatten();
        Ok(at.and_then(|s| DateTime::from_timestamp(s, 0)))
    }
}

impl Tx {
    /// Users who may get reminders (onboarded, not blocking the bot), by id from `after`.
    pub async fn users_to_arm(&self, after: i64, limit: i64) -> StoreResult<Vec<User>> {
        query(concat!(
            "select ",
            user_cols!(),
            " from app_user where id > $1 and blocked_at is null \
             and (zone is not null or checkin_time is not null) order by id limit $2",
        ))
        .bind(after)
        .bind(limit)
        .fetch_all(self)
        .await?
        .iter()
        .map(user_from_row)
        .collect()
    }
}

impl Tx {
    /// Moves (or adds) many jobs at once: one statement per 200.
    pub async fn schedule_set_many(&self, jobs: &[Job]) -> StoreResult<()> {
        self.schedule_insert(
            jobs,
            "do update set due_at = excluded.due_at, round = excluded.round",
        )
        .await
    }

    /// Of `asked` (user, local day as `YYYY-MM-DD`, the day's bounds in unix seconds), the
    /// ones whose day already has an attack or a headache-free record: one query per 200.
    pub async fn days_answered(
        &self,
        asked: &[(i64, String, i64, i64)],
    ) -> StoreResult<std::collections::HashSet<(i64, String)>> {
        let mut answered = std::collections::HashSet::new();
        for chunk in asked.chunks(200) {
            let values = placeholders(chunk.len(), 4);
            let mut q = query(format!(
                "with q (user_id, day, day_from, day_to) as (values {values}) \
                 select q.user_id, q.day from q where exists (select 1 from attack a \
                 where a.user_id = q.user_id and a.deleted_at is null and a.started_at < q.day_to \
                 and (a.ended_at is null and a.started_at >= q.day_from or a.ended_at > q.day_from)) \
                 or exists (select 1 from day_record r where r.user_id = q.user_id and r.day = q.day \
                 and r.deleted_at is null and r.headache_free)"
            ));
            for (user, day, from, to) in chunk {
                q = q.bind(*user).bind(day.as_str()).bind(*from).bind(*to);
            }
            for row in q.fetch_all(self).await? {
                answered.insert((row.try_get("user_id")?, row.try_get("day")?));
            }
        }
        Ok(answered)
    }
}
