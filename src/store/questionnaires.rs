//! Questionnaire results in the store, scoped to their user.

use super::exec::{Row, query};
use super::{StoreError, StoreResult, Tx};
use crate::domain::questionnaires::{Answers, Instrument, Taken};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

const COLS: &str = "id, instrument, answers, taken_at, zone";

fn taken_from_row(row: &Row) -> StoreResult<Taken> {
    let key: String = row.try_get("instrument")?;
    let instrument = Instrument::from_key(&key)
        .ok_or_else(|| StoreError::Corrupt(format!("questionnaire.instrument {key:?}")))?;
    let stored: String = row.try_get("answers")?;
    let answers = Answers::decode(instrument, &stored)
        .ok_or_else(|| StoreError::Corrupt("questionnaire.answers".into()))?;
    Ok(Taken {
        id: row.try_get("id")?,
        answers,
        taken_at: row.time("taken_at")?,
        zone: row.zone("zone")?,
    })
}

impl Tx {
    /// Keeps a completed questionnaire; `None` when update `origin` recorded one already.
    pub async fn insert_questionnaire(
        &self,
        user_id: i64,
        origin: Option<i64>,
        answers: &Answers,
        taken_at: DateTime<Utc>,
        zone: Tz,
    ) -> StoreResult<Option<Taken>> {
        let sql = format!(
            "insert into questionnaire (user_id, origin, instrument, answers, score, taken_at, zone) \
             values ($1, $2, $3, $4, $5, $6, $7) on conflict (user_id, origin) do nothing \
             returning {COLS}"
        );
        let row = query(sql)
            .bind(user_id)
            .bind(origin)
            .bind(answers.instrument().key())
            .bind(answers.encode())
            .bind(i32::from(answers.score()))
            .bind(taken_at.timestamp())
            .bind(zone.name())
            .fetch_optional(self)
            .await?;
        row.as_ref().map(taken_from_row).transpose()
    }

    /// The user's questionnaire results completed before `until` (Unix seconds), oldest
    /// first.
    pub async fn questionnaires(&self, user_id: i64, until: i64) -> StoreResult<Vec<Taken>> {
        let sql = format!(
            "select {COLS} from questionnaire where user_id = $1 and taken_at < $2 \
             order by taken_at, id"
        );
        let rows = query(sql).bind(user_id).bind(until).fetch_all(self).await?;
        rows.iter().map(taken_from_row).collect()
    }

    /// The user's latest result of `instrument`, if any.
    pub async fn last_questionnaire(
        &self,
        user_id: i64,
        instrument: Instrument,
    ) -> StoreResult<Option<Taken>> {
        let sql = format!(
            "select {COLS} from questionnaire where user_id = $1 and instrument = $2 \
             order by taken_at desc, id desc limit 1"
        );
        let row = query(sql)
            .bind(user_id)
            .bind(instrument.key())
            .fetch_optional(self)
            .await?;
        row.as_ref().map(taken_from_row).transpose()
    }
}
