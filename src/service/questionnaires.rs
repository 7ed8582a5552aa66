//! Questionnaires as use-cases: where each one stands for a user (the last result and when
//! it is next due), a completed one kept once, the diary's own figures for the days it asked
//! about (the doctor report shows them side by side too), and the offer the scheduler
//! sends when one is due ([`arm`], re-armed after each completion).

use crate::domain::figures::Figures;
use crate::domain::localtime;
use crate::domain::questionnaires::{Answers, Instrument, Taken, next_due, recall};
use crate::domain::reminders::{self as rules, Prefs, Purpose, questionnaire_ref};
use crate::domain::user::User;
use crate::store::schedule::Job;
use crate::store::{StoreResult, Tx};
use chrono::{DateTime, Days, NaiveDate, Utc};

/// Where one questionnaire stands for a user.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// Which questionnaire.
    pub instrument: Instrument,
    /// The latest result, if any.
    pub last: Option<Taken>,
    /// The day it is next due; `None` while the diary is empty and it was never answered.
    pub due: Option<NaiveDate>,
}

/// Where each questionnaire stands, MIDAS first.
pub async fn standings(tx: &Tx, user_id: i64) -> StoreResult<Vec<Standing>> {
    let first_record = tx.first_record_day(user_id).await?;
    let mut out = Vec::new();
    for instrument in Instrument::ALL {
        out.push(standing(tx, user_id, *instrument, first_record).await?);
    }
    Ok(out)
}

async fn standing(
    tx: &Tx,
    user_id: i64,
    instrument: Instrument,
    first_record: Option<NaiveDate>,
) -> StoreResult<Standing> {
    let last = tx.last_questionnaire(user_id, instrument).await?;
    let due = next_due(instrument, last.as_ref().map(Taken::day), first_record);
    Ok(Standing {
        instrument,
        last,
        due,
    })
}

/// The user's results, newest first.
pub async fn history(tx: &Tx, user_id: i64, now: DateTime<Utc>) -> StoreResult<Vec<Taken>> {
    let mut all = tx.questionnaires(user_id, now.timestamp() + 1).await?;
    all.reverse();
    Ok(all)
}

/// The diary's figures for the days `instrument` answered on `day` asks about (its recall
/// period), counted up to `today`: headache days, days lost and days with activity reduced
/// stand beside the recalled answers.
pub async fn recall_figures(
    tx: &Tx,
    user_id: i64,
    instrument: Instrument,
    day: NaiveDate,
    today: NaiveDate,
) -> StoreResult<Figures> {
    let period = recall(instrument, day);
    crate::service::figures::for_period(tx, user_id, period.first, period.last, today).await
}

/// Keeps a completed questionnaire once: `None` when update `origin` recorded it already.
/// Its next offer is armed one recall period on.
pub async fn complete(
    tx: &Tx,
    user: &User,
    origin: i64,
    answers: &Answers,
    now: DateTime<Utc>,
) -> StoreResult<Option<Taken>> {
    let zone = user.zone_or_utc();
    let taken = tx
        .insert_questionnaire(user.id, Some(origin), answers, now, zone)
        .await?;
    if taken.is_some() {
        let prefs = tx.reminder_prefs(user.id).await?;
        arm_one(tx, user, &prefs, answers.instrument(), now, true).await?;
    }
    Ok(taken)
}

/// The instant an offer due on `day` is sent: the weekly summary's local time that day, or
/// the next such time when that has passed.
pub fn offer_at(day: NaiveDate, prefs: &Prefs, user: &User, now: DateTime<Utc>) -> DateTime<Utc> {
    let zone = user.zone_or_utc();
    let at = localtime::at(day, prefs.weekly_time, zone);
    if at > now {
        at
    } else {
        rules::next_daily(prefs.weekly_time, zone, now)
    }
}

/// Arms the offers of both questionnaires when they can be due: a pending offer (one put
/// off with "later") is kept; none while the user has turned offers off or blocks the bot,
/// nor before the diary has a first record.
pub async fn arm(tx: &Tx, user: &User, prefs: &Prefs, now: DateTime<Utc>) -> StoreResult<()> {
    for instrument in Instrument::ALL {
        arm_one(tx, user, prefs, *instrument, now, false).await?;
    }
    Ok(())
}

/// Arms one offer; `replace` moves a pending one (after a completion).
async fn arm_one(
    tx: &Tx,
    user: &User,
    prefs: &Prefs,
    instrument: Instrument,
    now: DateTime<Utc>,
    replace: bool,
) -> StoreResult<()> {
    let r = questionnaire_ref(instrument);
    if !prefs.questionnaire_on || user.blocked_at.is_some() {
        return tx.schedule_remove(user.id, Purpose::Questionnaire, r).await;
    }
    let first_record = tx.first_record_day(user.id).await?;
    let Standing { due, .. } = standing(tx, user.id, instrument, first_record).await?;
    let Some(due) = due else {
        return tx.schedule_remove(user.id, Purpose::Questionnaire, r).await;
    };
    let job = offer_job(user.id, instrument, offer_at(due, prefs, user, now));
    if replace {
        tx.schedule_set(&job).await
    } else {
        tx.schedule_add(&job).await
    }
}

fn offer_job(user_id: i64, instrument: Instrument, at: DateTime<Utc>) -> Job {
    Job {
        user_id,
        purpose: Purpose::Questionnaire,
        ref_id: questionnaire_ref(instrument),
        due_at: at.timestamp(),
        round: 0,
    }
}

/// True when `instrument` is due today or earlier, so an offer is worth sending.
pub async fn is_due(
    tx: &Tx,
    user_id: i64,
    instrument: Instrument,
    today: NaiveDate,
) -> StoreResult<bool> {
    let first_record = tx.first_record_day(user_id).await?;
    let s = standing(tx, user_id, instrument, first_record).await?;
    Ok(s.due.is_some_and(|d| d <= today))
}

/// How long "later" on an offer puts it off.
pub const LATER_DAYS: u64 = 7;

/// "Later" (a week on) or "not now" (one recall period on) on an offer: its next offer
/// goes to that day; the day, or `None` when offers are off.
pub async fn put_off(
    tx: &Tx,
    user: &User,
    instrument: Instrument,
    today: NaiveDate,
    skip_round: bool,
    now: DateTime<Utc>,
) -> StoreResult<Option<NaiveDate>> {
    let prefs = tx.reminder_prefs(user.id).await?;
    if !prefs.questionnaire_on || user.blocked_at.is_some() {
        return Ok(None);
    }
    let days = if skip_round {
        u64::from(instrument.recall_days())
    } else {
        LATER_DAYS
    };
    let day = today.checked_add_days(Days::new(days)).unwrap_or(today);
    let job = offer_job(user.id, instrument, offer_at(day, &prefs, user, now));
    tx.schedule_set(&job).await?;
    Ok(Some(day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveTime, TimeZone};

    #[test]
    fn an_offer_comes_at_the_weekly_time_on_its_day_or_the_next_one_once_passed() {
        let berlin = chrono_tz::Europe::Berlin;
        let mut user = User::unknown(1);
        user.zone = Some(berlin);
        let prefs = Prefs {
            weekly_time: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            ..Prefs::default()
        };
        let day = NaiveDate::from_ymd_opt(2026, 4, 7).unwrap();
        let before = Utc.with_ymd_and_hms(2026, 4, 1, 12, 0, 0).unwrap();
        // 09:00 in Berlin on 7 April is 07:00 UTC (summer time).
        assert_eq!(
            offer_at(day, &prefs, &user, before),
            Utc.with_ymd_and_hms(2026, 4, 7, 7, 0, 0).unwrap()
        );
        // Due days ago, it is 10:00 now: tomorrow at 09:00.
        let late = Utc.with_ymd_and_hms(2026, 4, 10, 8, 0, 0).unwrap();
        assert_eq!(
            offer_at(day, &prefs, &user, late),
            Utc.with_ymd_and_hms(2026, 4, 11, 7, 0, 0).unwrap()
        );
    }
}
