//! A report over a period (/report, the weekly summary's picture, later the doctor report
//! and the API): every figure of the period, read once from the store and counted once by
//! [`crate::domain::figures`], so every place that shows a number shows the same one.

use crate::domain::export::Diary;
use crate::domain::figures::{
    self, Figures, MenstrualPattern, Period, PreventiveEffect, Reliability,
};
use crate::domain::questionnaires::Taken;
use crate::service::figures::{self as load, records};
use crate::store::{StoreError, Tx};
use chrono::NaiveDate;

/// Everything a report shows about one period.
#[derive(Debug, Clone)]
pub struct Report {
    /// The user's local today when it was made.
    pub today: NaiveDate,
    /// The day of the user's first record, if any.
    pub first_record: Option<NaiveDate>,
    /// The figures of the whole period (with its per-day breakdown).
    pub figures: Figures,
    /// The figures of each calendar month the period touches (the first and last cut to it).
    pub months: Vec<Figures>,
    /// The share of recorded days entered in time, and late entries.
    pub reliability: Reliability,
    /// The menstrual pattern as of the period's last day, for a user who recorded a
    /// menstruation start by then.
    pub menstrual: Option<MenstrualPattern>,
    /// Before and after each preventive taken by the period's last day.
    pub preventives: Vec<PreventiveEffect>,
    /// The questionnaires answered by the period's last day, oldest first.
    pub questionnaires: Vec<Taken>,
    /// The records the figures were counted from: the period's, and those a day either
    /// side of it (an attack across its first midnight); lists cut them to the period.
    pub diary: Diary,
}

/// The report of `period` for `user_id`, whose local today is `today`.
pub async fn load(
    tx: &Tx,
    user_id: i64,
    period: Period,
    today: NaiveDate,
) -> Result<Report, StoreError> {
    let first_record = tx.first_record_day(user_id).await?;
    let diary = records(tx, user_id, period).await?;
    let as_of = period.last.min(today);
    let menstrual = load::menstrual(tx, user_id, as_of).await?;
    Ok(Report {
        today,
        first_record,
        figures: figures::figures(&diary, first_record, period, today),
        months: figures::months(&diary, first_record, period, today),
        reliability: figures::reliability(&diary, period, today),
        menstrual,
        preventives: load::preventives(tx, user_id, as_of).await?,
        questionnaires: questionnaires_by(tx, user_id, as_of).await?,
        diary,
    })
}

/// The questionnaires `user_id` answered by the end of `day` (read in each one's zone).
async fn questionnaires_by(
    tx: &Tx,
    user_id: i64,
    day: NaiveDate,
) -> Result<Vec<Taken>, StoreError> {
    // A day later than any zone's end of `day`, then cut by each result's own day.
    let until = day
        .succ_opt()
        .and_then(|d| d.succ_opt())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(i64::MAX, |t| t.and_utc().timestamp());
    let mut all = tx.questionnaires(user_id, until).await?;
    all.retain(|t| t.day() <= day);
    Ok(all)
}
