//! Day records: a local day's "no headache today", menstruation start, comment and
//! questionnaire answers. One row per user and local date, created on first write.

use super::exec::{Row, query};
use super::{StoreError, StoreResult, Tx};
use crate::domain::day::{DayField, DayRecord};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

const COLS: &str =
    "id, day, zone, headache_free, menstruation, comment, questionnaire, created_at, updated_at";

fn day_from_row(row: &Row) -> StoreResult<DayRecord> {
    let day: String = row.try_get("day")?;
    Ok(DayRecord {
        id: row.try_get("id")?,
        day: NaiveDate::parse_from_str(&day, "%Y-%m-%d")
            .map_err(|_| StoreError::Corrupt(format!("day_record.day {day:?}")))?,
        zone: row.zone("zone")?,
        headache_free: row.try_get("headache_free")?,
        menstruation: row.try_get("menstruation")?,
        comment: row.try_get("comment")?,
        questionnaire: row.try_get("questionnaire")?,
        created_at: row.time("created_at")?,
        updated_at: row.time("updated_at")?,
    })
}

impl Tx {
    pub async fn day_record(&self, user_id: i64, day: NaiveDate) -> StoreResult<Option<DayRecord>> {
        let sql = format!(
            "select {COLS} from day_record where user_id = $1 and day = $2 and deleted_at is null"
        );
        let row = query(sql)
            .bind(user_id)
            .bind(day.format("%Y-%m-%d").to_string())
            .fetch_optional(self)
            .await?;
        row.as_ref().map(day_from_row).transpose()
    }

    pub async fn set_day_field(
        &self,
        user_id: i64,
        day: NaiveDate,
        zone: Tz,
        field: &DayField,
        now: i64,
    ) -> StoreResult<DayRecord> {
        let date = day.format("%Y-%m-%d").to_string();
        // Only a live record is one per day: a deleted one stays in the trash meanwhile.
        query(
            "insert into day_record (user_id, day, zone, created_at, updated_at) values ($1, $2, $3, $4, $4) \
             on conflict (user_id, day) where deleted_at is null do nothing",
        )
        .bind(user_id)
        .bind(&date)
        .bind(zone.name())
        .bind(now)
        .execute(self)
        .await?;
        let (column, text, flag) = match field {
            DayField::HeadacheFree(v) => ("headache_free", None, *v),
            DayField::Menstruation(v) => ("menstruation", None, *v),
            DayField::Comment(v) => ("comment", v.clone(), None),
            DayField::Questionnaire(v) => ("questionnaire", v.clone(), None),
        };
        // The column comes from the fixed list above, never from input.
        let sql = format!(
            "update day_record set {column} = $3, updated_at = $4 where user_id = $1 and day = $2 \
             and deleted_at is null returning {COLS}"
        );
        let query = query(sql).bind(user_id).bind(&date);
        let query = if matches!(field, DayField::Comment(_) | DayField::Questionnaire(_)) {
            query.bind(text)
        } else {
            query.bind(flag)
        };
        let row = query.bind(now).fetch_one(self).await?;
        day_from_row(&row)
    }

    pub async fn day_records(
        &self,
        user_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<DayRecord>> {
        let sql = format!(
            "select {COLS} from day_record where user_id = $1 and day >= $2 and day <= $3 \
             and deleted_at is null order by day"
        );
        let rows = query(sql)
            .bind(user_id)
            .bind(from.format("%Y-%m-%d").to_string())
            .bind(to.format("%Y-%m-%d").to_string())
            .fetch_all(self)
            .await?;
        rows.iter().map(day_from_row).collect()
    }

    /// Day records deleted at or after `since`, newest deletion first, with that time.
    pub async fn deleted_day_records(
        &self,
        user_id: i64,
        since: i64,
    ) -> StoreResult<Vec<(DateTime<Utc>, DayRecord)>> {
        let sql = format!(
            "select {COLS}, deleted_at from day_record where user_id = $1 and deleted_at >= $2 \
             order by deleted_at desc, id desc"
        );
        let rows = query(sql).bind(user_id).bind(since).fetch_all(self).await?;
        rows.iter()
            .map(|r| Ok((r.time("deleted_at")?, day_from_row(r)?)))
            .collect()
    }

    /// Deletes (`Some`) or restores (`None`) one day record of the user; `None` when there
    /// is no such record. Restoring fails while a live record of that day exists.
    pub async fn set_day_record_deleted(
        &self,
        user_id: i64,
        id: i64,
        deleted_at: Option<i64>,
        now: i64,
    ) -> StoreResult<Option<DayRecord>> {
        let sql = format!(
            "update day_record set deleted_at = $3, updated_at = $4 where user_id = $1 and id = $2 \
             returning {COLS}"
        );
        let row = query(sql)
            .bind(user_id)
            .bind(id)
            .bind(deleted_at)
            .bind(now)
            .fetch_optional(self)
            .await?;
        row.as_ref().map(day_from_row).transpose()
    }
}
