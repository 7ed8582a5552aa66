//! The user's medication list and the doses taken. Every query is scoped to the user.

use super::exec::{Row, query};
use super::{StoreError, StoreResult, Tx};
use crate::domain::medication::{Effect, Intake, MedClass, MedField, Medication, NewIntake};
use chrono::{DateTime, Utc};

/// A stored medication class; an unknown one is a corrupt row, not "other".
pub(super) fn med_class(key: &str) -> StoreResult<MedClass> {
    MedClass::from_key(key).ok_or_else(|| StoreError::Corrupt(format!("medication class {key:?}")))
}

pub(super) const INTAKE: &str = "select i.id, i.medication_id, coalesce(i.med_name, m.name) as name, m.class, i.taken_at, i.zone, i.dose, \
    i.attack_id, i.effect, i.deleted_at from intake i join medication m on m.id = i.medication_id";

fn med_from_row(row: &Row) -> StoreResult<Medication> {
    Ok(Medication {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        class: med_class(&row.try_get::<String>("class")?)?,
        default_dose: row.try_get("default_dose")?,
    })
}

pub(super) fn intake_from_row(row: &Row) -> StoreResult<Intake> {
    Ok(Intake {
        id: row.try_get("id")?,
        medication_id: row.try_get("medication_id")?,
        name: row.try_get("name")?,
        class: med_class(&row.try_get::<String>("class")?)?,
        taken_at: row.time("taken_at")?,
        zone: row.zone("zone")?,
        dose: row.try_get("dose")?,
        attack_id: row.try_get("attack_id")?,
        effect: row
            .try_get::<Option<String>>("effect")?
            .and_then(|e| Effect::from_key(&e)),
    })
}

impl Tx {
    async fn intake_where(&self, user_id: i64, id: i64) -> StoreResult<Option<Intake>> {
        let sql = format!("{INTAKE} where i.user_id = $1 and i.id = $2");
        let row = query(sql)
            .bind(user_id)
            .bind(id)
            .fetch_optional(self)
            .await?;
        row.as_ref().map(intake_from_row).transpose()
    }

    pub async fn medications(&self, user_id: i64) -> StoreResult<Vec<Medication>> {
        let rows = query(
            "select id, name, class, default_dose from medication where user_id = $1 \
             and deleted_at is null order by lower(name), id",
        )
        .bind(user_id)
        .fetch_all(self)
        .await?;
        rows.iter().map(med_from_row).collect()
    }

    pub async fn medication(&self, user_id: i64, id: i64) -> StoreResult<Option<Medication>> {
        let row = query(
            "select id, name, class, default_dose from medication where user_id = $1 and id = $2 \
             and deleted_at is null",
        )
        .bind(user_id)
        .bind(id)
        .fetch_optional(self)
        .await?;
        row.as_ref().map(med_from_row).transpose()
    }

    pub async fn insert_medication(
        &self,
        user_id: i64,
        name: &str,
        class: MedClass,
        default_dose: Option<&str>,
        now: i64,
    ) -> StoreResult<Medication> {
        let row = query(
            "insert into medication (user_id, name, class, default_dose, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $5) returning id, name, class, default_dose",
        )
        .bind(user_id)
        .bind(name)
        .bind(class.key())
        .bind(default_dose)
        .bind(now)
        .fetch_one(self)
        .await?;
        med_from_row(&row)
    }

    pub async fn set_medication_field(
        &self,
        user_id: i64,
        id: i64,
        field: &MedField,
        now: i64,
    ) -> StoreResult<Option<Medication>> {
        let (column, value) = match field {
            MedField::Name(n) => ("name", Some(n.clone())),
            MedField::Class(c) => ("class", Some(c.key().to_owned())),
            MedField::DefaultDose(d) => ("default_dose", d.clone()),
        };
        // The column comes from the fixed list above, never from input.
        let sql = format!(
            "update medication set {column} = $3, updated_at = $4 where user_id = $1 and id = $2 \
             and deleted_at is null returning id, name, class, default_dose"
        );
        let row = query(sql)
            .bind(user_id)
            .bind(id)
            .bind(value)
            .bind(now)
            .fetch_optional(self)
            .await?;
        row.as_ref().map(med_from_row).transpose()
    }

    pub async fn delete_medication(&self, user_id: i64, id: i64, now: i64) -> StoreResult<bool> {
        let done = query(
            "update medication set deleted_at = $3, updated_at = $3 where user_id = $1 and id = $2 \
             and deleted_at is null",
        )
        .bind(user_id)
        .bind(id)
        .bind(now)
        .execute(self)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn insert_intake(
        &self,
        user_id: i64,
        n: &NewIntake,
        origin: Option<i64>,
        now: i64,
    ) -> StoreResult<Intake> {
        let id: Option<i64> = query(
            "insert into intake (user_id, medication_id, med_name, attack_id, taken_at, zone, dose, origin, created_at, updated_at) \
             select $1, m.id, m.name, $3, $4, $5, $6, $7, $8, $8 from medication m where m.id = $2 and m.user_id = $1 \
             on conflict (user_id, origin) do nothing returning id",
        )
        .bind(user_id)
        .bind(n.medication_id)
        .bind(n.attack_id)
        .bind(n.taken_at.timestamp())
        .bind(n.zone.name())
        .bind(n.dose.as_deref())
        .bind(origin)
        .bind(now)
        .fetch_scalar(self)
        .await?;
        let id = match id {
            Some(id) => id,
            None => query("select id from intake where user_id = $1 and origin = $2")
                .bind(user_id)
                .bind(origin)
                .fetch_scalar(self)
                .await?
                .ok_or(StoreError::NotFound)?,
        };
        self.intake_where(user_id, id)
            .await?
            .ok_or(StoreError::NotFound)
    }

    pub async fn intake(&self, user_id: i64, id: i64) -> StoreResult<Option<Intake>> {
        self.intake_where(user_id, id).await
    }

    pub async fn intakes_for_attack(
        &self,
        user_id: i64,
        attack_id: i64,
    ) -> StoreResult<Vec<Intake>> {
        let sql = format!(
            "{INTAKE} where i.user_id = $1 and i.attack_id = $2 and i.deleted_at is null order by i.taken_at, i.id"
        );
        let rows = query(sql)
            .bind(user_id)
            .bind(attack_id)
            .fetch_all(self)
            .await?;
        rows.iter().map(intake_from_row).collect()
    }

    /// The doses of several attacks in one query (a History page), in time order.
    pub async fn intakes_for_attacks(
        &self,
        user_id: i64,
        attack_ids: &[i64],
    ) -> StoreResult<Vec<Intake>> {
        if attack_ids.is_empty() {
            return Ok(Vec::new());
        }
        // Placeholders only (`$2, $3, …`): the ids are bound, never written into the SQL.
        let marks: Vec<String> = (0..attack_ids.len())
            .map(|i| format!("${}", i + 2))
            .collect();
        let sql = format!(
            "{INTAKE} where i.user_id = $1 and i.attack_id in ({}) and i.deleted_at is null \
             order by i.taken_at, i.id",
            marks.join(", ")
        );
        let mut q = query(sql).bind(user_id);
        for id in attack_ids {
            q = q.bind(*id);
        }
        let rows = q.fetch_all(self).await?;
        rows.iter().map(intake_from_row).collect()
    }

    pub async fn intakes_between(
        &self,
        user_id: i64,
        from: i64,
        to: i64,
    ) -> StoreResult<Vec<Intake>> {
        let sql = format!(
            "{INTAKE} where i.user_id = $1 and i.taken_at >= $2 and i.taken_at < $3 \
             and i.deleted_at is null order by i.taken_at, i.id"
        );
        let rows = query(sql)
            .bind(user_id)
            .bind(from)
            .bind(to)
            .fetch_all(self)
            .await?;
        rows.iter().map(intake_from_row).collect()
    }

    pub async fn set_intake_effect(
        &self,
        user_id: i64,
        id: i64,
        effect: Option<Effect>,
        now: i64,
    ) -> StoreResult<Option<Intake>> {
        let done = query(
            "update intake set effect = $3, updated_at = $4 where user_id = $1 and id = $2 and deleted_at is null",
        )
        .bind(user_id)
        .bind(id)
        .bind(effect.map(|e| e.key()))
        .bind(now)
        .execute(self)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(None);
        }
        self.intake_where(user_id, id).await
    }

    pub async fn set_intake_deleted(
        &self,
        user_id: i64,
        id: i64,
        deleted_at: Option<i64>,
        now: i64,
    ) -> StoreResult<Option<Intake>> {
        let done = query(
            "update intake set deleted_at = $3, updated_at = $4 where user_id = $1 and id = $2",
        )
        .bind(user_id)
        .bind(id)
        .bind(deleted_at)
        .bind(now)
        .execute(self)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(None);
        }
        self.intake_where(user_id, id).await
    }

    /// Medications removed at or after `since`, newest removal first, with that time.
    pub async fn removed_medications(
        &self,
        user_id: i64,
        since: i64,
    ) -> StoreResult<Vec<(DateTime<Utc>, Medication)>> {
        let rows = query(
            "select id, name, class, default_dose, deleted_at from medication where user_id = $1 \
             and deleted_at >= $2 order by deleted_at desc, id desc",
        )
        .bind(user_id)
        .bind(since)
        .fetch_all(self)
        .await?;
        rows.iter()
            .map(|r| Ok((r.time("deleted_at")?, med_from_row(r)?)))
            .collect()
    }

    /// Puts a removed medication back on the list; `None` when the user has no removed
    /// medication of that id.
    pub async fn restore_medication(
        &self,
        user_id: i64,
        id: i64,
        now: i64,
    ) -> StoreResult<Option<Medication>> {
        let row = query(
            "update medication set deleted_at = null, updated_at = $3 where user_id = $1 and id = $2 \
             and deleted_at is not null returning id, name, class, default_dose",
        )
        .bind(user_id)
        .bind(id)
        .bind(now)
        .fetch_optional(self)
        .await?;
        row.as_ref().map(med_from_row).transpose()
    }

    /// Doses deleted at or after `since`, newest deletion first, with that time.
    pub async fn deleted_intakes(
        &self,
        user_id: i64,
        since: i64,
    ) -> StoreResult<Vec<(DateTime<Utc>, Intake)>> {
        let sql = format!(
            "{INTAKE} where i.user_id = $1 and i.deleted_at >= $2 order by i.deleted_at desc, i.id desc"
        );
        let rows = query(sql).bind(user_id).bind(since).fetch_all(self).await?;
        rows.iter()
            .map(|r| Ok((r.time("deleted_at")?, intake_from_row(r)?)))
            .collect()
    }
}
