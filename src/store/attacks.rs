//! Attacks: insert, read, end, change a field, soft delete and restore, list, purge.
//! Ownership is part of every query (`user_id = …`), so one user never reaches another's.

use super::exec::{Query, Row, Value, query};
use super::{StoreResult, Tx};
use crate::domain::attack::{self as attack_dom, Attack, AttackField};

/// Columns of `attack`, in the order `attack_from_row` reads them.
macro_rules! attack_cols {
    () => {
        "id, user_id, started_at, ended_at, end_unknown, zone, intensity, location, side, character, \
         worse_with_activity, nausea, vomiting, light_sensitivity, sound_sensitivity, aura, \
         aura_min, triggers, trigger_note, disability, comment, created_at, updated_at, deleted_at"
    };
}
pub(super) use attack_cols;

pub(super) fn attack_from_row(row: &Row) -> StoreResult<Attack> {
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

/// Binds an attack's fields from `started_at` to `end_unknown`, in the order every insert
/// lists them after its own first columns: `started_at, ended_at, zone, intensity,
/// location, side, character, worse_with_activity, nausea, vomiting, light_sensitivity,
/// sound_sensitivity, aura, aura_min, triggers, trigger_note, disability, comment,
/// created_at, updated_at, end_unknown`.
pub(super) fn bind_fields<'q>(q: Query<'q>, a: &Attack) -> Query<'q> {
    q.bind(a.started_at.timestamp())
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
}

impl Tx {
    pub async fn insert_attack(&self, a: &Attack, origin: Option<i64>) -> StoreResult<Attack> {
        let q = query(concat!(
            "insert into attack (user_id, origin, started_at, ended_at, zone, intensity, location, side, \
             character, worse_with_activity, nausea, vomiting, light_sensitivity, sound_sensitivity, aura, \
             aura_min, triggers, trigger_note, disability, comment, created_at, updated_at, end_unknown) values \
             ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23) \
             on conflict (user_id, origin) do nothing returning ",
            attack_cols!()
        ))
        .bind(a.user_id)
        .bind(origin);
        let row = bind_fields(q, a).fetch_optional(self).await?;
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
}
