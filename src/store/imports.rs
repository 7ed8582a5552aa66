//! Imports (issue 12): the batch a file became (preview to undo), the natural keys the
//! importer skips duplicates by, and the inserts of imported records, each stamped with
//! its batch's id so that an undo deletes exactly what the import wrote. Ownership is in
//! every query (`user_id = …`).

use super::exec::{Row, query};
use super::{StoreError, StoreResult, Tx};
use crate::domain::attack::Attack;
use crate::domain::day::DayRecord;
use crate::domain::habits::{Habit, Kind, Mark, kind_from_key, kind_key};
use crate::domain::medication::{Effect, MedClass};
use crate::domain::questionnaires::Answers;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use std::collections::{HashMap, HashSet};

/// One import, from its preview on.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// Id (the buttons carry it).
    pub id: i64,
    /// Its user.
    pub user_id: i64,
    /// The source's key (`import::Source`).
    pub source: String,
    /// Telegram's file id.
    pub file_id: String,
    /// The file's name, when it had one.
    pub file_name: Option<String>,
    /// SHA-256 of the file (hex).
    pub sha256: String,
    /// The preview's summary (JSON).
    pub summary: String,
    /// previewed, applied, cancelled or undone.
    pub state: String,
}

fn batch_from_row(row: &Row) -> StoreResult<Batch> {
    Ok(Batch {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        source: row.try_get("source")?,
        file_id: row.try_get("file_id")?,
        file_name: row.try_get("file_name")?,
        sha256: row.try_get("sha256")?,
        summary: row.try_get("summary")?,
        state: row.try_get("state")?,
    })
}

/// What the diary already holds, by the keys an import compares: a record whose key is
/// here is a duplicate.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    /// Live attacks' starts (Unix seconds) and ids.
    pub attacks: HashMap<i64, i64>,
    /// Live doses: taken at (Unix seconds) and the medication's name in lower case.
    pub doses: HashSet<(i64, String)>,
    /// Days with a live day record.
    pub days: HashSet<NaiveDate>,
    /// Questionnaires: instrument key and when taken.
    pub questionnaires: HashSet<(String, i64)>,
    /// Live medications by lower-case name: id and class.
    pub medications: HashMap<String, (i64, MedClass)>,
    /// Habits by name: id and kind.
    pub habits: HashMap<String, (i64, Kind)>,
    /// Habit days that have an entry.
    pub marks: HashSet<(i64, NaiveDate)>,
}

/// Doses in one insert statement (11 values each: well under both stores' limits).
const DOSE_ROWS: usize = 200;
/// Attacks in one insert statement (23 values each).
const ATTACK_ROWS: usize = 100;

/// An imported dose, its medication and attack already the diary's.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDose {
    /// The medication.
    pub medication_id: i64,
    /// Its name as taken.
    pub name: String,
    /// The attack it was taken for.
    pub attack_id: Option<i64>,
    /// When.
    pub taken_at: DateTime<Utc>,
    /// The zone it was recorded in.
    pub zone: Tz,
    /// Dose text.
    pub dose: Option<String>,
    /// Effect.
    pub effect: Option<Effect>,
    /// Created in the source.
    pub created_at: DateTime<Utc>,
}

impl Tx {
    /// Keeps a previewed import; its id.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_import_batch(
        &self,
        user_id: i64,
        source: &str,
        file_id: &str,
        file_name: Option<&str>,
        sha256: &str,
        summary: &str,
        now: i64,
    ) -> StoreResult<i64> {
        query(
            "insert into import_batch (user_id, source, file_id, file_name, sha256, summary, state, created_at) \
             values ($1, $2, $3, $4, $5, $6, 'previewed', $7) returning id",
        )
        .bind(user_id)
        .bind(source)
        .bind(file_id)
        .bind(file_name)
        .bind(sha256)
        .bind(summary)
        .bind(now)
        .fetch_scalar(self)
        .await?
        .ok_or(StoreError::NotFound)
    }

    /// One of the user's imports.
    pub async fn import_batch(&self, user_id: i64, id: i64) -> StoreResult<Option<Batch>> {
        let row = query(
            "select id, user_id, source, file_id, file_name, sha256, summary, state from import_batch \
             where user_id = $1 and id = $2",
        )
        .bind(user_id)
        .bind(id)
        .fetch_optional(self)
        .await?;
        row.as_ref().map(batch_from_row).transpose()
    }

    /// Moves an import from state `from` to `to`; false when it was not in `from` (a
    /// second tap, a stale button).
    pub async fn set_import_state(
        &self,
        user_id: i64,
        id: i64,
        from: &str,
        to: &str,
        now: i64,
    ) -> StoreResult<bool> {
        // Applied and undone keep when; cancelled needs no time of its own.
        let done = query(
            "update import_batch set state = $4, \
             applied_at = case when $4 = 'applied' then $5 else applied_at end, \
             undone_at = case when $4 = 'undone' then $5 else undone_at end \
             where user_id = $1 and id = $2 and state = $3",
        )
        .bind(user_id)
        .bind(id)
        .bind(from)
        .bind(to)
        .bind(now)
        .execute(self)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The keys the diary holds now.
    pub async fn import_keys(&self, user_id: i64) -> StoreResult<Keys> {
        let mut keys = Keys::default();
        for row in
            query("select id, started_at from attack where user_id = $1 and deleted_at is null")
                .bind(user_id)
                .fetch_all(self)
                .await?
        {
            keys.attacks
                .insert(row.try_get("started_at")?, row.try_get("id")?);
        }
        for row in query(
            "select i.taken_at, coalesce(i.med_name, m.name) as name from intake i \
             join medication m on m.id = i.medication_id where i.user_id = $1 and i.deleted_at is null",
        )
        .bind(user_id)
        .fetch_all(self)
        .await?
        {
            let name: String = row.try_get("name")?;
            keys.doses
                .insert((row.try_get("taken_at")?, name.to_lowercase()));
        }
        for row in query("select day from day_record where user_id = $1 and deleted_at is null")
            .bind(user_id)
            .fetch_all(self)
            .await?
        {
            let day: String = row.try_get("day")?;
            if let Ok(d) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
                keys.days.insert(d);
            }
        }
        for row in query("select instrument, taken_at from questionnaire where user_id = $1")
            .bind(user_id)
            .fetch_all(self)
            .await?
        {
            keys.questionnaires
                .insert((row.try_get("instrument")?, row.try_get("taken_at")?));
        }
        for row in query(
            "select id, name, class from medication where user_id = $1 and deleted_at is null order by id",
        )
        .bind(user_id)
        .fetch_all(self)
        .await?
        {
            let name: String = row.try_get("name")?;
            let class: String = row.try_get("class")?;
            keys.medications.entry(name.to_lowercase()).or_insert((
                row.try_get("id")?,
                MedClass::from_key(&class).unwrap_or(MedClass::Other),
            ));
        }
        for row in
            query("select id, name, kind, target_milli from habit where user_id = $1 order by id")
                .bind(user_id)
                .fetch_all(self)
                .await?
        {
            let kind: String = row.try_get("kind")?;
            let target: Option<i64> = row.try_get("target_milli")?;
            let kind = kind_from_key(&kind, target)
                .ok_or_else(|| StoreError::Corrupt(format!("habit.kind {kind:?}")))?;
            keys.habits
                .entry(row.try_get("name")?)
                .or_insert((row.try_get("id")?, kind));
        }
        for row in query(
            "select m.habit_id, m.day from habit_mark m join habit h on h.id = m.habit_id \
             where h.user_id = $1",
        )
        .bind(user_id)
        .fetch_all(self)
        .await?
        {
            let day: String = row.try_get("day")?;
            if let Ok(d) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
                keys.marks.insert((row.try_get("habit_id")?, d));
            }
        }
        Ok(keys)
    }

    /// Inserts imported attacks (their times as given), many rows a statement; each one's
    /// start and id (the importer's attacks have distinct starts).
    pub async fn import_attacks(
        &self,
        import_id: i64,
        attacks: &[Attack],
    ) -> StoreResult<Vec<(i64, i64)>> {
        let mut ids = Vec::with_capacity(attacks.len());
        for chunk in attacks.chunks(ATTACK_ROWS) {
            let sql = format!(
                "insert into attack (user_id, import_id, started_at, ended_at, zone, intensity, location, side, \
                 character, worse_with_activity, nausea, vomiting, light_sensitivity, sound_sensitivity, aura, \
                 aura_min, triggers, trigger_note, disability, comment, created_at, updated_at, end_unknown) \
                 values {} returning id, started_at",
                super::exec::placeholders(chunk.len(), 23)
            );
            let mut q = query(sql);
            for a in chunk {
                q = super::attacks::bind_fields(q.bind(a.user_id).bind(import_id), a);
            }
            for row in q.fetch_all(self).await? {
                ids.push((row.try_get("started_at")?, row.try_get("id")?));
            }
        }
        Ok(ids)
    }

    /// Inserts an imported medication; its id.
    pub async fn import_medication(
        &self,
        user_id: i64,
        import_id: i64,
        name: &str,
        class: MedClass,
        usual_dose: Option<&str>,
        now: i64,
    ) -> StoreResult<i64> {
        query(
            "insert into medication (user_id, import_id, name, class, default_dose, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $6) returning id",
        )
        .bind(user_id)
        .bind(import_id)
        .bind(name)
        .bind(class.key())
        .bind(usual_dose)
        .bind(now)
        .fetch_scalar(self)
        .await?
        .ok_or(StoreError::NotFound)
    }

    /// Inserts imported doses, many rows a statement.
    pub async fn import_intakes(
        &self,
        user_id: i64,
        import_id: i64,
        doses: &[NewDose],
    ) -> StoreResult<()> {
        for chunk in doses.chunks(DOSE_ROWS) {
            let sql = format!(
                "insert into intake (user_id, import_id, medication_id, med_name, attack_id, taken_at, zone, \
                 dose, effect, created_at, updated_at) values {}",
                super::exec::placeholders(chunk.len(), 11)
            );
            let mut q = query(sql);
            for d in chunk {
                q = q
                    .bind(user_id)
                    .bind(import_id)
                    .bind(d.medication_id)
                    .bind(d.name.as_str())
                    .bind(d.attack_id)
                    .bind(d.taken_at.timestamp())
                    .bind(d.zone.name())
                    .bind(d.dose.as_deref())
                    .bind(d.effect.map(|e| e.key()))
                    .bind(d.created_at.timestamp())
                    .bind(d.created_at.timestamp());
            }
            q.execute(self).await?;
        }
        Ok(())
    }

    /// Inserts an imported day record (the importer checked the day has none).
    pub async fn import_day(&self, user_id: i64, import_id: i64, d: &DayRecord) -> StoreResult<()> {
        query(
            "insert into day_record (user_id, import_id, day, zone, headache_free, menstruation, comment, \
             created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(user_id)
        .bind(import_id)
        .bind(d.day.format("%Y-%m-%d").to_string())
        .bind(d.zone.name())
        .bind(d.headache_free)
        .bind(d.menstruation)
        .bind(d.comment.as_deref())
        .bind(d.created_at.timestamp())
        .bind(d.updated_at.timestamp())
        .execute(self)
        .await?;
        Ok(())
    }

    /// Inserts an imported questionnaire result.
    pub async fn import_questionnaire(
        &self,
        user_id: i64,
        import_id: i64,
        answers: &Answers,
        taken_at: DateTime<Utc>,
        zone: Tz,
    ) -> StoreResult<()> {
        query(
            "insert into questionnaire (user_id, import_id, instrument, answers, score, taken_at, zone) \
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(user_id)
        .bind(import_id)
        .bind(answers.instrument().key())
        .bind(answers.encode())
        .bind(i32::from(answers.score()))
        .bind(taken_at.timestamp())
        .bind(zone.name())
        .execute(self)
        .await?;
        Ok(())
    }

    /// Inserts an imported habit (its position, start, archive and goal as given); its id.
    pub async fn import_habit(&self, import_id: i64, h: &Habit) -> StoreResult<i64> {
        let target = match h.kind {
            Kind::YesNo => None,
            Kind::Numeric { target, .. } => Some((target * 1000.0).round() as i64),
        };
        query(
            "insert into habit (user_id, import_id, name, description, kind, unit, target_milli, numerator, \
             denominator, goal_days, factor, routine, position, start_day, archived_at, goal_met_at, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id",
        )
        .bind(h.user_id)
        .bind(import_id)
        .bind(&h.name)
        .bind(h.description.as_deref())
        .bind(kind_key(h.kind))
        .bind(h.unit.as_deref())
        .bind(target)
        .bind(i64::from(h.freq.numerator))
        .bind(i64::from(h.freq.denominator))
        .bind(h.goal_days.map(i64::from))
        .bind(h.factor.map(|f| f.key()))
        .bind(h.routine.as_deref())
        .bind(h.position)
        .bind(h.start_day.to_string())
        .bind(h.archived_at.map(|t| t.timestamp()))
        .bind(h.goal_met_at.map(|t| t.timestamp()))
        .bind(h.created_at.timestamp())
        .fetch_scalar(self)
        .await?
        .ok_or(StoreError::NotFound)
    }

    /// Inserts an imported habit mark (the importer checked the day has no entry).
    pub async fn import_habit_mark(
        &self,
        import_id: i64,
        habit_id: i64,
        day: NaiveDate,
        mark: Option<Mark>,
        note: Option<&str>,
        now: i64,
    ) -> StoreResult<()> {
        let (status, value) = match mark {
            None => ("none", None),
            Some(Mark::Done) => ("done", None),
            Some(Mark::Skipped) => ("skipped", None),
            Some(Mark::Value(v)) => ("value", Some((v * 1000.0).round() as i64)),
        };
        query(
            "insert into habit_mark (habit_id, import_id, day, status, value_milli, note, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(habit_id)
        .bind(import_id)
        .bind(day.to_string())
        .bind(status)
        .bind(value)
        .bind(note)
        .bind(now)
        .execute(self)
        .await?;
        Ok(())
    }

    /// Adds an imported habit's reminder (deleted with its habit).
    pub async fn import_habit_reminder(
        &self,
        user_id: i64,
        habit_id: i64,
        time: NaiveTime,
        weekdays: u8,
    ) -> StoreResult<()> {
        self.insert_habit_reminder(user_id, habit_id, time, weekdays)
            .await
            .map(|_| ())
    }

    /// Deletes what import `import_id` wrote: doses, marks, habits (with their reminders
    /// and schedule rows), attacks, day records, questionnaire results, and the
    /// medications no remaining dose names. Returns how many records went.
    pub async fn undo_import(&self, user_id: i64, import_id: i64) -> StoreResult<u64> {
        let mut gone = 0;
        let statements = [
            "delete from intake where user_id = $1 and import_id = $2",
            "delete from habit_mark where import_id = $2 and habit_id in (select id from habit where user_id = $1)",
            "delete from schedule where user_id = $1 and purpose = 'habit' and ref_id in \
             (select r.id from habit_reminder r join habit h on h.id = r.habit_id where h.user_id = $1 and h.import_id = $2)",
            "delete from habit where user_id = $1 and import_id = $2",
            "delete from attack where user_id = $1 and import_id = $2",
            "delete from day_record where user_id = $1 and import_id = $2",
            "delete from questionnaire where user_id = $1 and import_id = $2",
            "delete from medication where user_id = $1 and import_id = $2 and not exists \
             (select 1 from intake i where i.medication_id = medication.id)",
        ];
        for (i, sql) in statements.iter().enumerate() {
            let done = query(*sql)
                .bind(user_id)
                .bind(import_id)
                .execute(self)
                .await?;
            // Schedule rows are not records.
            if i != 2 {
                gone += done.rows_affected();
            }
        }
        Ok(gone)
    }
}
