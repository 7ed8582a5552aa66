//! The user's medication list and the doses taken.

use crate::domain::medication::{Effect, Intake, MedClass, MedField, Medication, NewIntake};
use async_trait::async_trait;

use super::StoreResult;

/// Medications and intakes of a user. Every query is scoped to the user.
#[async_trait]
pub trait MedStore: Send + Sync {
    /// The user's non-deleted medications, by name.
    async fn medications(&self, user_id: i64) -> StoreResult<Vec<Medication>>;
    /// One non-deleted medication of the user.
    async fn medication(&self, user_id: i64, id: i64) -> StoreResult<Option<Medication>>;
    /// Adds a medication to the list.
    async fn insert_medication(
        &self,
        user_id: i64,
        name: &str,
        class: MedClass,
        default_dose: Option<&str>,
        now: i64,
    ) -> StoreResult<Medication>;
    /// Sets one field of a medication; `None` when there is no such medication.
    async fn set_medication_field(
        &self,
        user_id: i64,
        id: i64,
        field: &MedField,
        now: i64,
    ) -> StoreResult<Option<Medication>>;
    /// Takes a medication off the list (its past doses stay); false when not found.
    async fn delete_medication(&self, user_id: i64, id: i64, now: i64) -> StoreResult<bool>;
    /// Records a dose. With an `origin`, recording twice returns the first one.
    async fn insert_intake(
        &self,
        user_id: i64,
        intake: &NewIntake,
        origin: Option<i64>,
        now: i64,
    ) -> StoreResult<Intake>;
    /// One dose of the user, deleted or not.
    async fn intake(&self, user_id: i64, id: i64) -> StoreResult<Option<Intake>>;
    /// Non-deleted doses taken for an attack, in time order.
    async fn intakes_for_attack(&self, user_id: i64, attack_id: i64) -> StoreResult<Vec<Intake>>;
    /// Non-deleted doses taken in `[from, to)`, in time order.
    async fn intakes_between(&self, user_id: i64, from: i64, to: i64) -> StoreResult<Vec<Intake>>;
    /// Sets the effect after two hours; `None` when there is no such dose.
    async fn set_intake_effect(
        &self,
        user_id: i64,
        id: i64,
        effect: Option<Effect>,
        now: i64,
    ) -> StoreResult<Option<Intake>>;
    /// Soft-deletes (`Some(at)`) or restores (`None`) a dose; `None` when not found.
    async fn set_intake_deleted(
        &self,
        user_id: i64,
        id: i64,
        deleted_at: Option<i64>,
        now: i64,
    ) -> StoreResult<Option<Intake>>;
}

macro_rules! impl_med_store {
    ($store:ty, $db:ty) => {
        mod med_sql {
            use super::*;
            use crate::domain::medication::{Effect, Intake, MedClass, MedField, Medication, NewIntake};
            use crate::store::{MedStore, StoreResult};
            use chrono::DateTime;
            use chrono_tz::Tz;
            use sqlx::Row;

            type DbRow = <$db as sqlx::Database>::Row;

            const INTAKE: &str = "select i.id, i.medication_id, m.name, m.class, i.taken_at, i.zone, i.dose, \
                i.attack_id, i.effect from intake i join medication m on m.id = i.medication_id";

            fn med_from_row(row: &DbRow) -> StoreResult<Medication> {
                Ok(Medication {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    class: MedClass::from_key(&row.try_get::<String, _>("class")?).unwrap_or(MedClass::Other),
                    default_dose: row.try_get("default_dose")?,
                })
            }

            fn intake_from_row(row: &DbRow) -> StoreResult<Intake> {
                Ok(Intake {
                    id: row.try_get("id")?,
                    medication_id: row.try_get("medication_id")?,
                    name: row.try_get("name")?,
                    class: MedClass::from_key(&row.try_get::<String, _>("class")?).unwrap_or(MedClass::Other),
                    taken_at: DateTime::from_timestamp(row.try_get::<i64, _>("taken_at")?, 0).unwrap_or_default(),
                    zone: row.try_get::<String, _>("zone")?.parse().unwrap_or(Tz::UTC),
                    dose: row.try_get("dose")?,
                    attack_id: row.try_get("attack_id")?,
                    effect: row.try_get::<Option<String>, _>("effect")?.and_then(|e| Effect::from_key(&e)),
                })
            }

            impl $store {
                async fn intake_where(&self, user_id: i64, id: i64) -> StoreResult<Option<Intake>> {
                    let sql = format!("{INTAKE} where i.user_id = $1 and i.id = $2");
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(user_id)
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.as_ref().map(intake_from_row).transpose()
                }
            }

            #[async_trait::async_trait]
            impl MedStore for $store {
                async fn medications(&self, user_id: i64) -> StoreResult<Vec<Medication>> {
                    let rows = sqlx::query(
                        "select id, name, class, default_dose from medication where user_id = $1 \
                         and deleted_at is null order by lower(name), id",
                    )
                    .bind(user_id)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter().map(med_from_row).collect()
                }

                async fn medication(&self, user_id: i64, id: i64) -> StoreResult<Option<Medication>> {
                    let row = sqlx::query(
                        "select id, name, class, default_dose from medication where user_id = $1 and id = $2 \
                         and deleted_at is null",
                    )
                    .bind(user_id)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                    row.as_ref().map(med_from_row).transpose()
                }

                async fn insert_medication(
                    &self,
                    user_id: i64,
                    name: &str,
                    class: MedClass,
                    default_dose: Option<&str>,
                    now: i64,
                ) -> StoreResult<Medication> {
                    let row = sqlx::query(
                        "insert into medication (user_id, name, class, default_dose, created_at, updated_at) \
                         values ($1, $2, $3, $4, $5, $5) returning id, name, class, default_dose",
                    )
                    .bind(user_id)
                    .bind(name)
                    .bind(class.key())
                    .bind(default_dose)
                    .bind(now)
                    .fetch_one(&self.pool)
                    .await?;
                    med_from_row(&row)
                }

                async fn set_medication_field(&self, user_id: i64, id: i64, field: &MedField, now: i64) -> StoreResult<Option<Medication>> {
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
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(user_id)
                        .bind(id)
                        .bind(value)
                        .bind(now)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.as_ref().map(med_from_row).transpose()
                }

                async fn delete_medication(&self, user_id: i64, id: i64, now: i64) -> StoreResult<bool> {
                    let done = sqlx::query(
                        "update medication set deleted_at = $3, updated_at = $3 where user_id = $1 and id = $2 \
                         and deleted_at is null",
                    )
                    .bind(user_id)
                    .bind(id)
                    .bind(now)
                    .execute(&self.pool)
                    .await?;
                    Ok(done.rows_affected() == 1)
                }

                async fn insert_intake(&self, user_id: i64, n: &NewIntake, origin: Option<i64>, now: i64) -> StoreResult<Intake> {
                    let id: Option<i64> = sqlx::query_scalar(
                        "insert into intake (user_id, medication_id, attack_id, taken_at, zone, dose, origin, created_at, updated_at) \
                         select $1, m.id, $3, $4, $5, $6, $7, $8, $8 from medication m where m.id = $2 and m.user_id = $1 \
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
                    .fetch_optional(&self.pool)
                    .await?;
                    let id = match id {
                        Some(id) => id,
                        None => sqlx::query_scalar("select id from intake where user_id = $1 and origin = $2")
                            .bind(user_id)
                            .bind(origin)
                            .fetch_optional(&self.pool)
                            .await?
                            .ok_or(crate::store::StoreError::NotFound)?,
                    };
                    self.intake_where(user_id, id).await?.ok_or(crate::store::StoreError::NotFound)
                }

                async fn intake(&self, user_id: i64, id: i64) -> StoreResult<Option<Intake>> {
                    self.intake_where(user_id, id).await
                }

                async fn intakes_for_attack(&self, user_id: i64, attack_id: i64) -> StoreResult<Vec<Intake>> {
                    let sql = format!(
                        "{INTAKE} where i.user_id = $1 and i.attack_id = $2 and i.deleted_at is null order by i.taken_at, i.id"
                    );
                    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(user_id)
                        .bind(attack_id)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.iter().map(intake_from_row).collect()
                }

                async fn intakes_between(&self, user_id: i64, from: i64, to: i64) -> StoreResult<Vec<Intake>> {
                    let sql = format!(
                        "{INTAKE} where i.user_id = $1 and i.taken_at >= $2 and i.taken_at < $3 \
                         and i.deleted_at is null order by i.taken_at, i.id"
                    );
                    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(user_id)
                        .bind(from)
                        .bind(to)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.iter().map(intake_from_row).collect()
                }

                async fn set_intake_effect(&self, user_id: i64, id: i64, effect: Option<Effect>, now: i64) -> StoreResult<Option<Intake>> {
                    let done = sqlx::query(
                        "update intake set effect = $3, updated_at = $4 where user_id = $1 and id = $2 and deleted_at is null",
                    )
                    .bind(user_id)
                    .bind(id)
                    .bind(effect.map(|e| e.key()))
                    .bind(now)
                    .execute(&self.pool)
                    .await?;
                    if done.rows_affected() == 0 {
                        return Ok(None);
                    }
                    self.intake_where(user_id, id).await
                }

                async fn set_intake_deleted(&self, user_id: i64, id: i64, deleted_at: Option<i64>, now: i64) -> StoreResult<Option<Intake>> {
                    let done = sqlx::query("update intake set deleted_at = $3, updated_at = $4 where user_id = $1 and id = $2")
                        .bind(user_id)
                        .bind(id)
                        .bind(deleted_at)
                        .bind(now)
                        .execute(&self.pool)
                        .await?;
                    if done.rows_affected() == 0 {
                        return Ok(None);
                    }
                    self.intake_where(user_id, id).await
                }
            }
        }
    };
}

pub(crate) use impl_med_store;
