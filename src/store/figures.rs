//! What the figures of a period read beside attacks and day records: the doses around it
//! (a deleted attack's doses go with it), the day of the user's first record, the
//! menstruation start days and each preventive's first dose. Every query is scoped to the
//! user.

use super::exec::query;
use super::meds::{INTAKE, intake_from_row};
use super::{StoreError, StoreResult, Tx};
use crate::domain::figures::PreventiveStart;
use crate::domain::localtime::date_of;
use crate::domain::medication::{Intake, MedClass};
use chrono::NaiveDate;

fn stored_day(day: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("day_record.day {day:?}")))
}

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
            days.push(stored_day(&day)?);
        }
        Ok(days.into_iter().min())
    }

    /// The days marked as a menstruation start on or before `until`, oldest first; deleted
    /// day records left out.
    pub async fn menstruation_starts(
        &self,
        user_id: i64,
        until: NaiveDate,
    ) -> StoreResult<Vec<NaiveDate>> {
        let rows = query(
            "select day from day_record where user_id = $1 and menstruation = $2 and day <= $3 \
             and deleted_at is null order by day",
        )
        .bind(user_id)
        .bind(true)
        .bind(until.format("%Y-%m-%d").to_string())
        .fetch_all(self)
        .await?;
        rows.iter()
            .map(|r| stored_day(&r.first::<String>()?))
            .collect()
    }

    /// Each preventive medication with a dose, and the local day of its first dose (in
    /// that dose's zone; deleted doses and the doses of a deleted attack left out), by that
    /// day and then by id. The name is the list's current one; a medication removed from
    /// the list still counts with the doses it keeps.
    pub async fn preventive_starts(&self, user_id: i64) -> StoreResult<Vec<PreventiveStart>> {
        // The time of each preventive's earliest live dose, then that dose for its zone
        // (two doses in the same second give two rows; the first is kept).
        let live = "i.user_id = $1 and i.deleted_at is null and a.deleted_at is null";
        let sql = format!(
            "select m.id, m.name, i.taken_at, i.zone from \
             (select i.medication_id, min(i.taken_at) as first_at from intake i \
              join medication m on m.id = i.medication_id left join attack a on a.id = i.attack_id \
              where {live} and m.user_id = $1 and m.class = $2 group by i.medication_id) f \
             join medication m on m.id = f.medication_id \
             join intake i on i.medication_id = f.medication_id and i.taken_at = f.first_at \
             left join attack a on a.id = i.attack_id where {live} \
             order by i.taken_at, m.id, i.id"
        );
        let rows = query(sql)
            .bind(user_id)
            .bind(MedClass::Preventive.key())
            .fetch_all(self)
            .await?;
        let mut starts: Vec<PreventiveStart> = Vec::with_capacity(rows.len());
        for row in &rows {
            let medication_id: i64 = row.try_get("id")?;
            if starts.iter().any(|s| s.medication_id == medication_id) {
                continue;
            }
            starts.push(PreventiveStart {
                medication_id,
                name: row.try_get("name")?,
                first_day: date_of(row.time("taken_at")?, row.zone("zone")?),
            });
        }
        starts.sort_by_key(|s| (s.first_day, s.medication_id));
        Ok(starts)
    }
}
