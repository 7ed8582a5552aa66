//! Users, attacks and dialogue state: the diary's own rows, read and written inside one
//! transaction ([`Tx`]). Ownership is part of every query that touches a record
//! (`user_id = …`), so one user never reaches another's.

use super::exec::{Row, Value, query};
use super::meds::med_class;
use super::{StoreError, StoreResult, Tx};
use crate::domain::attack::{self as attack_dom, Attack, AttackField};
use crate::domain::day::DayRecord;
use crate::domain::export::Diary;
use crate::domain::lang::Lang;
use crate::domain::medication::{Effect, Intake};
use crate::domain::user::User;
use chrono::NaiveDate;
use chrono_tz::Tz;

/// Columns of `attack`, in the order `attack_from_row` reads them.
macro_rules! attack_cols {
    () => {
        "id, user_id, started_at, ended_at, end_unknown, zone, intensity, location, side, character, \
         worse_with_activity, nausea, vomiting, light_sensitivity, sound_sensitivity, aura, \
         aura_min, triggers, trigger_note, disability, comment, created_at, updated_at, deleted_at"
    };
}

/// Columns of `app_user`, in the order `user_from_row` reads them.
macro_rules! user_cols {
    () => {
        "id, lang, tg_lang, zone, blocked_at, checkin_time, track_menstruation"
    };
}

fn user_from_row(row: &Row) -> StoreResult<User> {
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

fn attack_from_row(row: &Row) -> StoreResult<Attack> {
    let intensity: Option<i32> = row.try_get("intensity")?;
    let aura_min: Option<i32> = row.try_get("aura_min")?;
    let key = |col: &str| -> StoreResult<Option<String>> { row.try_get(col) };
    Ok(Attack {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        started_at: row.time("started_at")?,
        ended_at: row.opt_time("ended_at")?,
        end_unknown: row.try_get("end_unknown")?,
        zone: row.zone("zone")?,
        intensity: intensity.and_then(|i| u8::try_from(i).ok()),
        locations: attack_dom::split_keys(
            &row.try_get::<String>("location")?,
            attack_dom::Location::from_key,
        ),
        side: key("side")?.and_then(|k| attack_dom::Side::from_key(&k)),
        character: key("character")?.and_then(|k| attack_dom::Character::from_key(&k)),
        worse_with_activity: row.try_get("worse_with_activity")?,
        nausea: key("nausea")?.and_then(|k| attack_dom::Nausea::from_key(&k)),
        vomiting: row.try_get("vomiting")?,
        light_sensitivity: row.try_get("light_sensitivity")?,
        sound_sensitivity: row.try_get("sound_sensitivity")?,
        aura: attack_dom::split_keys(&row.try_get::<String>("aura")?, attack_dom::Aura::from_key),
        aura_min: aura_min.and_then(|m| u32::try_from(m).ok()),
        triggers: attack_dom::split_keys(
            &row.try_get::<String>("triggers")?,
            attack_dom::Trigger::from_key,
        ),
        trigger_note: row.try_get("trigger_note")?,
        disability: key("disability")?.and_then(|k| attack_dom::Disability::from_key(&k)),
        comment: row.try_get("comment")?,
        created_at: row.time("created_at")?,
        updated_at: row.time("updated_at")?,
        deleted_at: row.opt_time("deleted_at")?,
    })
}

fn keys<T: Copy>(items: &[T], key: impl Fn(T) -> &'static str) -> Value {
    Value::Text(Some(attack_dom::join_keys(items, key)))
}

fn attack_field_value(field: &AttackField) -> (&'static str, Value) {
    use AttackField as F;
    let text = |v: Option<&str>| Value::Text(v.map(str::to_owned));
    match field {
        F::StartedAt(t) => ("started_at", Value::Int(Some(t.timestamp()))),
        // A known end (or "still going") is no longer an unknown one, and the other way.
        F::EndedAt(t) => (
            "end_unknown = false, ended_at",
            Value::Int(t.map(|t| t.timestamp())),
        ),
        F::EndUnknown(v) => ("ended_at = null, end_unknown", Value::Bool(Some(*v))),
        F::Intensity(v) => ("intensity", Value::from(v.map(i32::from))),
        F::Locations(v) => ("location", keys(v, |k| k.key())),
        F::Side(v) => ("side", text(v.map(|k| k.key()))),
        F::Character(v) => ("character", text(v.map(|k| k.key()))),
        F::WorseWithActivity(v) => ("worse_with_activity", Value::Bool(*v)),
        F::Nausea(v) => ("nausea", text(v.map(|k| k.key()))),
        F::Vomiting(v) => ("vomiting", Value::Bool(*v)),
        F::LightSensitivity(v) => ("light_sensitivity", Value::Bool(*v)),
        F::SoundSensitivity(v) => ("sound_sensitivity", Value::Bool(*v)),
        F::Aura(v) => ("aura", keys(v, |k| k.key())),
        F::AuraMin(v) => (
            "aura_min",
            Value::from(v.map(|m| i32::try_from(m).unwrap_or(i32::MAX))),
        ),
        F::Triggers(v) => ("triggers", keys(v, |k| k.key())),
        F::TriggerNote(v) => ("trigger_note", text(v.as_deref())),
        F::Disability(v) => ("disability", text(v.map(|k| k.key()))),
        F::Comment(v) => ("comment", text(v.as_deref())),
    }
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

    pub async fn insert_attack(&self, a: &Attack, origin: Option<i64>) -> StoreResult<Attack> {
        let row = query(concat!(
            "insert into attack (user_id, origin, started_at, ended_at, zone, intensity, location, side, \
             character, worse_with_activity, nausea, vomiting, light_sensitivity, sound_sensitivity, aura, \
             aura_min, triggers, trigger_note, disability, comment, created_at, updated_at, end_unknown) values \
             ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23) \
             on conflict (user_id, origin) do nothing returning ",
            attack_cols!()
        ))
        .bind(a.user_id)
        .bind(origin)
        .bind(a.started_at.timestamp())
        .bind(a.ended_at.map(|t| t.timestamp()))
        .bind(a.zone.name())
        .bind(a.intensity.map(i32::from))
        .bind(attack_dom::join_keys(&a.locations, |k| k.key()))
        .bind(a.side.map(|k| k.key()))
        .bind(a.character.map(|k| k.key()))
        .bind(a.worse_with_activity)
        .bind(a.nausea.map(|k| k.key()))
        .bind(a.vomiting)
        .bind(a.light_sensitivity)
        .bind(a.sound_sensitivity)
        .bind(attack_dom::join_keys(&a.aura, |k| k.key()))
        .bind(a.aura_min.map(|m| i32::try_from(m).unwrap_or(i32::MAX)))
        .bind(attack_dom::join_keys(&a.triggers, |k| k.key()))
        .bind(a.trigger_note.as_deref())
        .bind(a.disability.map(|k| k.key()))
        .bind(a.comment.as_deref())
        .bind(a.created_at.timestamp())
        .bind(a.updated_at.timestamp())
        .bind(a.end_unknown)
        .fetch_optional(self)
        .await?;
        if let Some(row) = row {
            return attack_from_row(&row);
        }
        let row = query(concat!(
            "select ",
            attack_cols!(),
            " from attack where user_id = $1 and origin = $2"
        ))
        .bind(a.user_id)
        .bind(origin)
        .fetch_one(self)
        .await?;
        attack_from_row(&row)
    }

    pub async fn attack_by_origin(&self, user_id: i64, origin: i64) -> StoreResult<Option<Attack>> {
        let row = query(concat!(
            "select ",
            attack_cols!(),
            " from attack where user_id = $1 and origin = $2"
        ))
        .bind(user_id)
        .bind(origin)
        .fetch_optional(self)
        .await?;
        row.as_ref().map(attack_from_row).transpose()
    }

    pub async fn attack(&self, user_id: i64, id: i64) -> StoreResult<Option<Attack>> {
        let row = query(concat!(
            "select ",
            attack_cols!(),
            " from attack where user_id = $1 and id = $2"
        ))
        .bind(user_id)
        .bind(id)
        .fetch_optional(self)
        .await?;
        row.as_ref().map(attack_from_row).transpose()
    }

    pub async fn latest_open_attack(&self, user_id: i64) -> StoreResult<Option<Attack>> {
        let row = query(concat!(
            "select ",
            attack_cols!(),
            " from attack where user_id = $1 and ended_at is null and not end_unknown \
             and deleted_at is null order by started_at desc, id desc limit 1"
        ))
        .bind(user_id)
        .fetch_optional(self)
        .await?;
        row.as_ref().map(attack_from_row).transpose()
    }

    pub async fn end_attack(
        &self,
        user_id: i64,
        id: i64,
        ended_at: i64,
        now: i64,
    ) -> StoreResult<Option<Attack>> {
        let row = query(concat!(
            "update attack set ended_at = $3, updated_at = $4 where user_id = $1 and id = $2 \
             and ended_at is null and not end_unknown and deleted_at is null returning ",
            attack_cols!()
        ))
        .bind(user_id)
        .bind(id)
        .bind(ended_at)
        .bind(now)
        .fetch_optional(self)
        .await?;
        row.as_ref().map(attack_from_row).transpose()
    }

    pub async fn set_attack_field(
        &self,
        user_id: i64,
        id: i64,
        field: &AttackField,
        now: i64,
    ) -> StoreResult<Option<Attack>> {
        let (column, value) = attack_field_value(field);
        // The column comes from the fixed list above, never from input.
        let sql = format!(
            "update attack set {column} = $3, updated_at = $4 where user_id = $1 and id = $2 \
             and deleted_at is null returning {}",
            attack_cols!()
        );
        let row = query(sql)
            .bind(user_id)
            .bind(id)
            .bind(value)
            .bind(now)
            .fetch_optional(self)
            .await?;
        row.as_ref().map(attack_from_row).transpose()
    }

    pub async fn attacks_between(
        &self,
        user_id: i64,
        from: i64,
        to: i64,
    ) -> StoreResult<Vec<Attack>> {
        let rows = query(concat!(
            "select ",
            attack_cols!(),
            " from attack where user_id = $1 and deleted_at is null \
             and started_at < $3 and (ended_at is null and started_at >= $2 or ended_at > $2) \
             order by started_at, id"
        ))
        .bind(user_id)
        .bind(from)
        .bind(to)
        .fetch_all(self)
        .await?;
        rows.iter().map(attack_from_row).collect()
    }

    pub async fn deleted_attacks(&self, user_id: i64, since: i64) -> StoreResult<Vec<Attack>> {
        let rows = query(concat!(
            "select ",
            attack_cols!(),
            " from attack where user_id = $1 \
             and deleted_at >= $2 order by deleted_at desc, id desc"
        ))
        .bind(user_id)
        .bind(since)
        .fetch_all(self)
        .await?;
        rows.iter().map(attack_from_row).collect()
    }

    /// Removes for good what was deleted before `before`: doses deleted then and the doses
    /// of attacks deleted then, those attacks, day records, and removed medications no
    /// dose refers to any more (a recorded dose keeps its medication's name, so a removed
    /// medication stays while a dose of it is kept, even one still in the trash).
    pub async fn purge_deleted(&self, before: i64) -> StoreResult<u64> {
        let mut purged = 0;
        for sql in [
            "delete from intake where deleted_at < $1 \
             or attack_id in (select id from attack where deleted_at < $1)",
            "delete from attack where deleted_at < $1",
            "delete from medication where deleted_at < $1 \
             and not exists (select 1 from intake i where i.medication_id = medication.id)",
            "delete from day_record where deleted_at < $1",
        ] {
            purged += query(sql).bind(before).execute(self).await?.rows_affected();
        }
        Ok(purged)
    }

    pub async fn set_attack_deleted(
        &self,
        user_id: i64,
        id: i64,
        deleted_at: Option<i64>,
        now: i64,
    ) -> StoreResult<Option<Attack>> {
        let row = query(concat!(
            "update attack set deleted_at = $3, updated_at = $4 where user_id = $1 and id = $2 returning ",
            attack_cols!()
        ))
        .bind(user_id)
        .bind(id)
        .bind(deleted_at)
        .bind(now)
        .fetch_optional(self)
        .await?;
        row.as_ref().map(attack_from_row).transpose()
    }

    pub async fn list_attacks(
        &self,
        user_id: i64,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<Attack>> {
        let rows = query(concat!(
            "select ",
            attack_cols!(),
            " from attack where user_id = $1 and deleted_at is null \
             order by started_at desc, id desc limit $2 offset $3"
        ))
        .bind(user_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(self)
        .await?;
        rows.iter().map(attack_from_row).collect()
    }

    pub async fn count_attacks(&self, user_id: i64) -> StoreResult<i64> {
        let n = query("select count(*) from attack where user_id = $1 and deleted_at is null")
            .bind(user_id)
            .fetch_scalar::<i64>(self)
            .await?;
        Ok(n.unwrap_or(0))
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
