//! Reminders as use-cases: what the user chose, the schedule rows that follow from it, and
//! what a due reminder comes to. The bot's reminder feature renders and sends; the
//! scheduler only asks [`decide`] and [`after`]. Every change of a user's choices, zone,
//! check-in time or blocked state re-arms their daily and weekly rows ([`rearm`]).

use crate::domain::reminders::{
    self as rules, NUDGE_AFTER, Prefs, Purpose, REPEAT_EVERY, REPEATS, WEEKLY_DAY,
};
use crate::domain::user::User;
use crate::store::schedule::{DueJob, Job};
use crate::store::{StoreResult, Tx};
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// What a due reminder comes to now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fire {
    /// Send it.
    Send,
    /// Quiet hours: due again when they end.
    Wait(DateTime<Utc>),
    /// Not sent: paused, or its user blocked the bot (the next one is scheduled as usual).
    Skip,
    /// Older than the scheduled lane's lateness: counted as expired, not sent.
    Expire,
}

/// Decides a due job by the user's state and choices (no store access: cheap per job).
pub fn decide(due: &DueJob, now: DateTime<Utc>, lateness: Duration) -> Fire {
    let at = DateTime::from_timestamp(due.job.due_at, 0).unwrap_or(now);
    if due.user.blocked_at.is_some() || due.prefs.paused(now) {
        return Fire::Skip;
    }
    if let Some(until) = due.prefs.quiet_until(now, due.user.zone_or_utc()) {
        return Fire::Wait(until);
    }
    if now - at > lateness {
        return Fire::Expire;
    }
    Fire::Send
}

/// The job that follows one that fired (`sent`: it went out; `answered`: its question is
/// answered already), or `None` when nothing follows. Daily and weekly jobs move on from
/// their own occurrence, so a run that was down for days counts each missed one.
pub fn after(due: &DueJob, sent: bool, answered: bool) -> Option<Job> {
    let job = &due.job;
    let zone = due.user.zone_or_utc();
    let at = DateTime::from_timestamp(job.due_at, 0)?;
    let next = |due_at: DateTime<Utc>, round: i32| Job {
        due_at: due_at.timestamp(),
        round,
        ..job.clone()
    };
    match job.purpose {
        Purpose::Diary => {
            if sent && !answered && due.prefs.diary_repeat && job.round < REPEATS {
                return Some(next(at + REPEAT_EVERY, job.round + 1));
            }
            let time = due.user.checkin_time?;
            let first = at - REPEAT_EVERY * job.round;
            Some(next(rules::next_daily(time, zone, first), 0))
        }
        Purpose::Weekly => due.prefs.weekly_on.then(|| {
            next(
                rules::next_weekly(WEEKLY_DAY, due.prefs.weekly_time, zone, at),
                0,
            )
        }),
        // An offer not taken up comes again a week on; one held back (paused, too late)
        // the next day; one with nothing to ask is re-armed from the store by the scheduler.
        Purpose::Questionnaire => {
            let time = due.prefs.weekly_time;
            if sent {
                let week = at + Duration::days(6);
                Some(next(rules::next_daily(time, zone, week), 0))
            } else if answered {
                None
            } else {
                Some(next(rules::next_daily(time, zone, at), 0))
            }
        }
        // A habit reminder is moved on from the store after it fired (its time and weekdays
        // are the reminder's).
        Purpose::Snooze | Purpose::Dose | Purpose::Attack | Purpose::Nudge | Purpose::Habit => None,
    }
}

/// The local day a diary reminder (or its snooze) asks about.
pub fn diary_day(due: &DueJob) -> Option<NaiveDate> {
    let job = &due.job;
    match job.purpose {
        Purpose::Snooze => rules::ref_day(job.ref_id),
        Purpose::Diary => {
            let at = DateTime::from_timestamp(job.due_at, 0)? - REPEAT_EVERY * job.round;
            Some(rules::diary_day(
                due.prefs.diary_mode,
                at,
                due.user.zone_or_utc(),
            ))
        }
        _ => None,
    }
}

/// Re-arms a user's daily and weekly reminders from their state and choices: none while
/// they block the bot; the diary reminder at their check-in time; the weekly summary; the
/// questionnaire offers once they can be due (see [`crate::service::questionnaires::arm`]).
pub async fn rearm(tx: &Tx, user: &User, now: DateTime<Utc>) -> StoreResult<()> {
    if user.blocked_at.is_some() {
        tx.schedule_clear(user.id).await?;
        return Ok(());
    }
    let prefs = tx.reminder_prefs(user.id).await?;
    let zone = user.zone_or_utc();
    let job = |purpose, at: DateTime<Utc>| Job {
        user_id: user.id,
        purpose,
        ref_id: 0,
        due_at: at.timestamp(),
        round: 0,
    };
    match user.checkin_time {
        Some(time) => {
            tx.schedule_set(&job(Purpose::Diary, rules::next_daily(time, zone, now)))
                .await?
        }
        None => tx.schedule_remove(user.id, Purpose::Diary, 0).await?,
    }
    if prefs.weekly_on {
        let at = rules::next_weekly(WEEKLY_DAY, prefs.weekly_time, zone, now);
        tx.schedule_set(&job(Purpose::Weekly, at)).await?;
    } else {
        tx.schedule_remove(user.id, Purpose::Weekly, 0).await?;
    }
    crate::service::questionnaires::arm(tx, user, &prefs, now).await?;
    crate::service::habits::arm_all(tx, user, now).await
}

/// Stores new choices and re-arms the user's reminders.
pub async fn set_prefs(tx: &Tx, user: &User, prefs: &Prefs, now: DateTime<Utc>) -> StoreResult<()> {
    tx.set_reminder_prefs(user.id, prefs, now.timestamp())
        .await?;
    rearm(tx, user, now).await
}

/// A one-shot reminder, unless one is pending for the same thing or it would be in the past.
async fn follow_up(
    tx: &Tx,
    user_id: i64,
    purpose: Purpose,
    ref_id: i64,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    if at <= now {
        return Ok(());
    }
    tx.schedule_add(&Job {
        user_id,
        purpose,
        ref_id,
        due_at: at.timestamp(),
        round: 0,
    })
    .await
}

/// After a dose: "how did it work?" when the user wants it.
pub async fn dose_taken(
    tx: &Tx,
    user_id: i64,
    intake_id: i64,
    taken_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let prefs = tx.reminder_prefs(user_id).await?;
    if !prefs.dose_on {
        return Ok(());
    }
    let at = taken_at + Duration::minutes(i64::from(prefs.dose_after_min));
    follow_up(tx, user_id, Purpose::Dose, intake_id, at, now).await
}

/// After the one tap: "still going?" when the user wants it.
pub async fn attack_begun(
    tx: &Tx,
    user_id: i64,
    attack_id: i64,
    started_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let prefs = tx.reminder_prefs(user_id).await?;
    if !prefs.attack_on {
        return Ok(());
    }
    let at = started_at + Duration::minutes(i64::from(prefs.attack_after_min));
    follow_up(tx, user_id, Purpose::Attack, attack_id, at, now).await
}

/// A check-in has begun: one nudge if it is still unfinished two hours on.
pub async fn checkin_begun(tx: &Tx, user_id: i64, now: DateTime<Utc>) -> StoreResult<()> {
    let prefs = tx.reminder_prefs(user_id).await?;
    if !prefs.nudge_on {
        return Ok(());
    }
    follow_up(tx, user_id, Purpose::Nudge, 0, now + NUDGE_AFTER, now).await
}

/// "Later" on a diary reminder: asked again about `day` at `at`.
pub async fn snooze(tx: &Tx, user_id: i64, day: NaiveDate, at: DateTime<Utc>) -> StoreResult<()> {
    tx.schedule_set(&snooze_job(user_id, day, at)).await
}

/// The job of a diary reminder about `day` asked again at `at` (a snooze, or quiet hours).
pub fn snooze_job(user_id: i64, day: NaiveDate, at: DateTime<Utc>) -> Job {
    Job {
        user_id,
        purpose: Purpose::Snooze,
        ref_id: rules::day_ref(day),
        due_at: at.timestamp(),
        round: 0,
    }
}

/// The user blocked the bot (`Some`) or came back (`None`): their reminders stop, or are
/// armed again.
pub async fn set_blocked(
    tx: &Tx,
    user_id: i64,
    blocked_at: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    tx.set_user_blocked(user_id, blocked_at, now.timestamp())
        .await?;
    if let Some(user) = tx.user(user_id).await? {
        rearm(tx, &user, now).await?;
    }
    Ok(())
}

/// The key-value entry that says every user's reminders were armed once (after the
/// upgrade that brought reminders, users with a zone or check-in time had none).
const ARMED: &str = "reminders.armed";
/// The same for the questionnaire offers, which came later.
const OFFERS_ARMED: &str = "questionnaires.armed";

/// Arms every user's daily and weekly reminders (or, where those were armed already, only
/// the questionnaire offers), once per database; returns how many users it armed. Batches
/// of a thousand, each its own transaction.
pub async fn arm_existing(db: &crate::store::Db, now: DateTime<Utc>) -> StoreResult<usize> {
    let all = db.run(async |tx| tx.kv_get(ARMED).await).await?.is_none();
    let offers = db
        .run(async |tx| tx.kv_get(OFFERS_ARMED).await)
        .await?
        .is_none();
    if !all && !offers {
        return Ok(0);
    }
    let (mut after, mut total) = (i64::MIN, 0);
    loop {
        let users = db
            .run(async |tx| tx.users_to_arm(after, 1000).await)
            .await?;
        let Some(last) = users.last().map(|u| u.id) else {
            break;
        };
        db.run(async |tx| {
            for user in &users {
                if all {
                    rearm(tx, user, now).await?;
                } else {
                    let prefs = tx.reminder_prefs(user.id).await?;
                    crate::service::questionnaires::arm(tx, user, &prefs, now).await?;
                }
            }
            Ok(())
        })
        .await?;
        total += users.len();
        after = last;
    }
    db.run(async |tx| {
        tx.kv_set(ARMED, "1").await?;
        tx.kv_set(OFFERS_ARMED, "1").await
    })
    .await?;
    Ok(total)
}

/// "No headache" on a diary reminder: marks `day` headache-free, unless an attack was
/// recorded on it meanwhile (a day can't be both; the check-in is where to change that).
/// True when marked.
pub async fn mark_headache_free(
    tx: &Tx,
    who: crate::service::checkin::write::Answering,
    day: NaiveDate,
) -> StoreResult<bool> {
    let (from, to) = crate::domain::localtime::day_bounds(day, who.zone);
    let attacks = tx
        .attacks_between(who.user_id, from.timestamp(), to.timestamp())
        .await?;
    if !attacks.is_empty() {
        return Ok(false);
    }
    crate::service::checkin::write::set_headache_free(tx, who, day, Some(true)).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn offer_due(at: DateTime<Utc>) -> DueJob {
        let mut user = User::unknown(1);
        user.zone = Some(chrono_tz::Europe::Berlin);
        DueJob {
            job: Job {
                user_id: 1,
                purpose: Purpose::Questionnaire,
                ref_id: 2,
                due_at: at.timestamp(),
                round: 0,
            },
            user,
            prefs: Prefs::default(),
        }
    }

    #[test]
    fn an_offer_not_taken_up_comes_a_week_later_one_held_back_the_next_day() {
        // Tuesday 7 April 2026, 09:00 in Berlin.
        let at = Utc.with_ymd_and_hms(2026, 4, 7, 7, 0, 0).unwrap();
        let due = offer_due(at);
        let next = |sent, answered| after(&due, sent, answered).map(|j| j.due_at);
        let day = |d: u32| {
            Utc.with_ymd_and_hms(2026, 4, d, 7, 0, 0)
                .unwrap()
                .timestamp()
        };
        assert_eq!(next(true, false), Some(day(14)));
        assert_eq!(next(false, false), Some(day(8)));
        // Nothing to ask: the scheduler re-arms it from the store.
        assert_eq!(next(false, true), None);
    }
}
