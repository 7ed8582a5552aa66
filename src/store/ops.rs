//! Users, dialogue state, the whole diary of a user and erasing it: rows, read and written inside one
//! transaction ([`Tx`]). Ownership is part of every query that touches a record
//! (`user_id = …`), so one user never reaches another's.

use super::attacks::{attack_cols, attack_from_row};
use super::exec::{Row, query};
use super::meds::med_class;
use super::{StoreError, StoreResult, Tx};
use crate::domain::day::DayRecord;
use crate::domain::export::Diary;
use crate::domain::lang::Lang;
use crate::domain::medication::{Effect, Intake};
use crate::domain::user::User;
use chrono::NaiveDate;
use chrono_tz::Tz;

/// Columns of `app_user`, in the order `user_from_row` reads them.
macro_rules! user_cols {
    () => {
        "id, lang, tg_lang, zone, blocked_at, checkin_time, track_menstruation"
    };
}
pub(super) use user_cols;

pub(super) fn user_from_row(row: &Row) -> StoreResult<User> {
    Ok(User {
        id: row.try_get("id")?,
        lang: row
            .try_get::<Option<String>>("lang")?
            .map(|c| Lang::from_code(&c)),
        tg_lang: row.try_get("tg_lang")?,
        zone: row.opt_zone("zone")?,
        blocked_at: row.try_get("blocked_at")?,
        checkin_time: row
            .try_get::<Option<String>>("checkin_time")?
            .map(|t| {
                chrono::NaiveTime::parse_from_str(&t, "%H:%M")
                    .map_err(|_| StoreError::Corrupt(format!("app_user.checkin_time {t:?}")))
            })
            .transpose()?,
        track_menstruation: row.try_get("track_menstruation")?,
    })
}

impl Tx {
    pub async fn touch_user(&self, id: i64, tg_lang: Option<&str>, now: i64) -> StoreResult<User> {
        if let Some(user) = self.user(id).await?
            && (user.tg_lang.as_deref() == tg_lang || tg_lang.is_none())
        {
            return Ok(user);
        }
        let row = query(concat!(
            "insert into app_user (id, tg_lang, created_at, updated_at) values ($1, $2, $3, $3) \
             on conflict (id) do update set tg_lang = excluded.tg_lang, updated_at = excluded.updated_at \
             returning ", user_cols!()),
        )
        .bind(id)
        .bind(tg_lang)
        .bind(now)
        .fetch_one(self)
        .await?;
        user_from_row(&row)
    }

    pub async fn user(&self, id: i64) -> StoreResult<Option<User>> {
        let row = query(concat!(
            "select ",
            user_cols!(),
            " from app_user where id = $1"
        ))
        .bind(id)
        .fetch_optional(self)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    pub async fn set_user_lang(&self, id: i64, lang: Option<Lang>, now: i64) -> StoreResult<()> {
        query("update app_user set lang = $2, updated_at = $3 where id = $1")
            .bind(id)
            .bind(lang.map(|l| l.code()))
            .bind(now)
            .execute(self)
            .await?;
        Ok(())
    }

    pub async fn set_user_zone(&self, id: i64, zone: Tz, now: i64) -> StoreResult<()> {
        query("update app_user set zone = $2, updated_at = $3 where id = $1")
            .bind(id)
            .bind(zone.name())
            .bind(now)
            .execute(self)
            .await?;
        Ok(())
    }

    pub async fn set_user_checkin_time(
        &self,
        id: i64,
        at: Option<chrono::NaiveTime>,
        now: i64,
    ) -> StoreResult<()> {
        query("update app_user set checkin_time = $2, updated_at = $3 where id = $1")
            .bind(id)
            .bind(at.map(|t| t.format("%H:%M").to_string()))
            .bind(now)
            .execute(self)
            .await?;
        Ok(())
    }

    pub async fn set_user_menstruation(&self, id: i64, on: bool, now: i64) -> StoreResult<()> {
        query("update app_user set track_menstruation = $2, updated_at = $3 where id = $1")
            .bind(id)
            .bind(on)
            .bind(now)
            .execute(self)
            .await?;
        Ok(())
    }

    pub async fn set_user_blocked(
        &self,
        id: i64,
        blocked_at: Option<i64>,
        now: i64,
    ) -> StoreResult<()> {
        query("update app_user set blocked_at = $2, updated_at = $3 where id = $1")
            .bind(id)
            .bind(blocked_at)
            .bind(now)
            .execute(self)
            .await?;
        Ok(())
    }

    pub async fn diary(&self, user_id: i64) -> StoreResult<Diary> {
        let attacks = query(concat!(
            "select ",
            attack_cols!(),
            " from attack where user_id = $1 and deleted_at is null order by started_at, id"
        ))
        .bind(user_id)
        .fetch_all(self)
        .await?
        .iter()
        .map(attack_from_row)
        .collect::<StoreResult<Vec<_>>>()?;
        let mut days = Vec::new();
        for row in query(
            "select id, day, zone, headache_free, menstruation, comment, questionnaire, created_at, updated_at \
             from day_record where user_id = $1 and deleted_at is null order by day",
        )
        .bind(user_id)
        .fetch_all(self)
        .await?
        {
            let day: String = row.try_get("day")?;
            days.push(DayRecord {
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
            });
        }
        let mut intakes = Vec::new();
        for row in query(
            "select i.id, i.medication_id, coalesce(i.med_name, m.name) as name, m.class, i.taken_at, i.zone, i.dose, i.attack_id, i.effect \
             from intake i join medication m on m.id = i.medication_id \
             left join attack a on a.id = i.attack_id \
             where i.user_id = $1 and i.deleted_at is null and a.deleted_at is null order by i.taken_at, i.id",
        )
        .bind(user_id)
        .fetch_all(self)
        .await?
        {
            intakes.push(Intake {
                id: row.try_get("id")?,
                medication_id: row.try_get("medication_id")?,
                name: row.try_get("name")?,
                class: med_class(&row.try_get::<String>("class")?)?,
                taken_at: row.time("taken_at")?,
                zone: row.zone("zone")?,
                dose: row.try_get("dose")?,
                attack_id: row.try_get("attack_id")?,
                effect: row.try_get::<Option<String>>("effect")?.and_then(|e| Effect::from_key(&e)),
            });
        }
        Ok(Diary {
            attacks,
            days,
            intakes,
        })
    }

    pub async fn erase_user(&self, user_id: i64) -> StoreResult<()> {
        for sql in [
            "delete from intake where user_id = $1",
            "delete from day_record where user_id = $1",
            "delete from attack where user_id = $1",
            "delete from medication where user_id = $1",
            "delete from dialogue where user_id = $1",
            "delete from schedule where user_id = $1",
            "delete from reminder_pref where user_id = $1",
            "delete from inbox where chat_id = $1",
            "delete from outbox where chat_id = $1",
            "delete from app_user where id = $1",
        ] {
            query(sql).bind(user_id).execute(self).await?;
        }
        Ok(())
    }

    pub async fn dialogue(&self, user_id: i64) -> StoreResult<Option<String>> {
        query("select state from dialogue where user_id = $1")
            .bind(user_id)
            .fetch_scalar::<String>(self)
            .await
    }

    pub async fn set_dialogue(
        &self,
        user_id: i64,
        state: Option<&str>,
        now: i64,
    ) -> StoreResult<()> {
        match state {
            Some(state) => {
                query(
                    "insert into dialogue (user_id, state, updated_at) values ($1, $2, $3) \
                     on conflict (user_id) do update set state = excluded.state, updated_at = excluded.updated_at",
                )
                .bind(user_id)
                .bind(state)
                .bind(now)
                .execute(self)
                .await?;
            }
            None => {
                query("delete from dialogue where user_id = $1")
                    .bind(user_id)
                    .execute(self)
                    .await?;
            }
        }
        Ok(())
    }
}
