//! What the figures of a period read beside attacks and day records: the doses around it
//! (a deleted attack's doses go with it) and the day of the user's first record. Every
//! query is scoped to the user.

use super::exec::query;
use super::meds::{INTAKE, intake_from_row};
use super::{StoreError, StoreResult, Tx};
use crate::domain::localtime::date_of;
use crate::domain::medication::Intake;
use chrono::NaiveDate;

impl Tx {
    /// Doses taken in `[from, to)` (Unix seconds), in time order; deleted doses and the
    /// doses of a deleted attack left out.
    pub async fn live_intakes_between(
        &self,
        user_id: i64,
        from: i64,
        to: i64,
    ) -> StoreResult<Vec<Intake>> {
        let sql = format!(
            "{INTAKE} left join attack a on a.id = i.attack_id \
             where i.user_id = $1 and i.taken_at >= $2 and i.taken_at < $3 \
             and i.deleted_at is null and a.deleted_at is null order by i.taken_at, i.id"
        );
        let rows = query(sql)
            .bind(user_id)
            .bind(from)
            .bind(to)
            .fetch_all(self)
            .await?;
        rows.iter().map(intake_from_row).collect()
    }

    /// The local day of the user's first record, deleted ones left out: the earliest of
    /// the first attack's start day and the first dose's day (each read in its own zone)
    /// and the first day record's date; `None` with no record at all.
    pub async fn first_record_day(&self, user_id: i64) -> StoreResult<Option<NaiveDate>> {
        let mut days = Vec::new();
        for sql in [
            "select started_at as moment, zone from attack where user_id = $1 and deleted_at is null \
             order by started_at, id limit 1",
            "select i.taken_at as moment, i.zone from intake i left join attack a on a.id = i.attack_id \
             where i.user_id = $1 and i.deleted_at is null and a.deleted_at is null \
             order by i.taken_at, i.id limit 1",
        ] {
            if let Some(row) = query(sql).bind(user_id).fetch_optional(self).await? {
                days.push(date_of(row.time("moment")?, row.zone("zone")?));
            }
        }
        let day: Option<String> = query(
            "select day from day_record where user_id = $1 and deleted_at is null \
             order by day limit 1",
        )
        .bind(user_id)
        .fetch_scalar(self)
        .await?;
        if let Some(day) = day {
            days.push(
                NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                    .map_err(|_| StoreError::Corrupt(format!("day_record.day {day:?}")))?,
            );
        }
        Ok(days.into_iter().min())
    }
}
