//! Habits, their marks and reminders, and the habit settings, in the store. Every read and
//! write of a habit is scoped to its user; marks and reminders are reached through a habit
//! already checked to be the user's (or carry the user themselves).

use super::exec::{Row, Value, query};
use super::{StoreError, StoreResult, Tx};
use crate::domain::habits::Kind;
use crate::domain::habits::{Entry, Factor, Frequency, Habit, Mark, kind_from_key, kind_key};
use chrono::{NaiveDate, NaiveTime};

const COLS: &str = "id, user_id, name, description, kind, unit, target_milli, numerator, \
                    denominator, goal_days, factor, routine, position, start_day, archived_at, \
                    goal_met_at, created_at";

/// A habit's reminder: a local time on the weekdays of a mask (Monday = 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HabitReminder {
    /// Its id (the schedule row's reference).
    pub id: i64,
    /// Its habit.
    pub habit_id: i64,
    /// Its user.
    pub user_id: i64,
    /// The local time.
    pub time: NaiveTime,
    /// The weekdays (bit 0 Monday … bit 6 Sunday).
    pub weekdays: u8,
}

/// A user's habit settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HabitPrefs {
    /// When the habit day starts, in minutes after midnight.
    pub day_start_min: u32,
    /// The habit day a sick-day offer was last made.
    pub sick_offer_day: Option<NaiveDate>,
}

impl HabitPrefs {
    /// The start of the habit day as a time.
    pub fn day_start(&self) -> NaiveTime {
        NaiveTime::from_num_seconds_from_midnight_opt(self.day_start_min.min(1439) * 60, 0)
            .unwrap_or(NaiveTime::MIN)
    }
}

fn date(row: &Row, col: &str) -> StoreResult<NaiveDate> {
    let s: String = row.try_get(col)?;
    iso_day(&s).ok_or_else(|| StoreError::Corrupt(format!("habit {col} {s:?}")))
}

/// `YYYY-MM-DD`, read without the general parser (an export reads one per mark).
fn iso_day(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

fn small(row: &Row, col: &str) -> StoreResult<u32> {
    let v: i64 = row.try_get(col)?;
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("habit.{col} {v}")))
}

fn habit_from_row(row: &Row) -> StoreResult<Habit> {
    let key: String = row.try_get("kind")?;
    let kind = kind_from_key(&key, row.try_get("target_milli")?)
        .ok_or_else(|| StoreError::Corrupt(format!("habit.kind {key:?}")))?;
    let factor: Option<String> = row.try_get("factor")?;
    let goal: Option<i64> = row.try_get("goal_days")?;
    Ok(Habit {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        kind,
        unit: row.try_get("unit")?,
        freq: Frequency {
            numerator: small(row, "numerator")?,
            denominator: small(row, "denominator")?,
        },
        goal_days: goal.and_then(|g| u32::try_from(g).ok()),
        factor: factor.as_deref().and_then(Factor::from_key),
        routine: row.try_get("routine")?,
        position: row.try_get("position")?,
        start_day: date(row, "start_day")?,
        archived_at: row.opt_time("archived_at")?,
        goal_met_at: row.opt_time("goal_met_at")?,
        created_at: row.time("created_at")?,
    })
}

/// A kind's target in thousandths (none for yes/no).
fn target_milli(kind: Kind) -> Option<i64> {
    match kind {
        Kind::YesNo => None,
        Kind::Numeric { target, .. } => Some((target * 1000.0).round() as i64),
    }
}

/// A mark as stored: status and value.
fn mark_columns(mark: Option<Mark>) -> (&'static str, Option<i64>) {
    match mark {
        None => ("none", None),
        Some(Mark::Done) => ("done", None),
        Some(Mark::Skipped) => ("skipped", None),
        Some(Mark::Value(v)) => ("value", Some((v * 1000.0).round() as i64)),
    }
}

fn entry_from_row(row: &Row) -> StoreResult<Entry> {
    let status: String = row.try_get("status")?;
    let value: Option<i64> = row.try_get("value_milli")?;
    let mark = match (status.as_str(), value) {
        ("none", _) => None,
        ("done", _) => Some(Mark::Done),
        ("skipped", _) => Some(Mark::Skipped),
        ("value", Some(v)) => Some(Mark::Value(v as f64 / 1000.0)),
        _ => return Err(StoreError::Corrupt(format!("habit_mark.status {status:?}"))),
    };
    Ok(Entry {
        day: date(row, "day")?,
        mark,
        note: row.try_get("note")?,
    })
}

fn reminder_from_row(row: &Row) -> StoreResult<HabitReminder> {
    let t: String = row.try_get("time")?;
    let weekdays: i64 = row.try_get("weekdays")?;
    Ok(HabitReminder {
        id: row.try_get("id")?,
        habit_id: row.try_get("habit_id")?,
        user_id: row.try_get("user_id")?,
        time: NaiveTime::parse_from_str(&t, "%H:%M")
            .map_err(|_| StoreError::Corrupt(format!("habit_reminder.time {t:?}")))?,
        weekdays: u8::try_from(weekdays & 0x7f).unwrap_or(0),
    })
}

fn opt_u32(v: Option<u32>) -> Value {
    Value::Int(v.map(i64::from))
}

impl Tx {
    /// Keeps a new habit at the end of the user's list; `None` when update `origin` created
    /// one already.
    pub async fn insert_habit(&self, h: &Habit, origin: Option<i64>) -> StoreResult<Option<Habit>> {
        let sql = format!(
            "insert into habit (user_id, origin, name, description, kind, unit, target_milli, \
             numerator, denominator, goal_days, factor, routine, position, start_day, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
             (select coalesce(max(position), 0) + 1 from habit where user_id = $1), $13, $14) \
             on conflict (user_id, origin) do nothing returning {COLS}"
        );
        let row = query(sql)
            .bind(h.user_id)
            .bind(origin)
            .bind(&h.name)
            .bind(h.description.clone())
            .bind(kind_key(h.kind))
            .bind(h.unit.clone())
            .bind(target_milli(h.kind))
            .bind(i64::from(h.freq.numerator))
            .bind(i64::from(h.freq.denominator))
            .bind(opt_u32(h.goal_days))
            .bind(h.factor.map(Factor::key))
            .bind(h.routine.clone())
            .bind(h.start_day.to_string())
            .bind(h.created_at.timestamp())
            .fetch_optional(self)
            .await?;
        row.as_ref().map(habit_from_row).transpose()
    }

    /// Writes every editable field of a habit back; `None` when it is not the user's.
    pub async fn update_habit(&self, h: &Habit) -> StoreResult<Option<Habit>> {
        let sql = format!(
            "update habit set name = $3, description = $4, kind = $5, unit = $6, \
             target_milli = $7, numerator = $8, denominator = $9, goal_days = $10, factor = $11, \
             routine = $12, start_day = $13, archived_at = $14, goal_met_at = $15 \
             where user_id = $1 and id = $2 returning {COLS}"
        );
        let row = query(sql)
            .bind(h.user_id)
            .bind(h.id)
            .bind(&h.name)
            .bind(h.description.clone())
            .bind(kind_key(h.kind))
            .bind(h.unit.clone())
            .bind(target_milli(h.kind))
            .bind(i64::from(h.freq.numerator))
            .bind(i64::from(h.freq.denominator))
            .bind(opt_u32(h.goal_days))
            .bind(h.factor.map(Factor::key))
            .bind(h.routine.clone())
            .bind(h.start_day.to_string())
            .bind(h.archived_at.map(|t| t.timestamp()))
            .bind(h.goal_met_at.map(|t| t.timestamp()))
            .fetch_optional(self)
            .await?;
        row.as_ref().map(habit_from_row).transpose()
    }

    /// One of the user's habits (archived ones too).
    pub async fn habit(&self, user_id: i64, id: i64) -> StoreResult<Option<Habit>> {
        let sql = format!("select {COLS} from habit where user_id = $1 and id = $2");
        let row = query(sql)
            .bind(user_id)
            .bind(id)
            .fetch_optional(self)
            .await?;
        row.as_ref().map(habit_from_row).transpose()
    }

    /// The user's habits in list order: the active ones, or the archived ones.
    pub async fn habits(&self, user_id: i64, archived: bool) -> StoreResult<Vec<Habit>> {
        let filter = if archived {
            "archived_at is not null"
        } else {
            "archived_at is null"
        };
        let sql = format!(
            "select {COLS} from habit where user_id = $1 and {filter} order by position, id"
        );
        let rows = query(sql).bind(user_id).fetch_all(self).await?;
        rows.iter().map(habit_from_row).collect()
    }

    /// Every habit of the user, archived ones included, in list order.
    pub async fn all_habits(&self, user_id: i64) -> StoreResult<Vec<Habit>> {
        let sql = format!("select {COLS} from habit where user_id = $1 order by position, id");
        let rows = query(sql).bind(user_id).fetch_all(self).await?;
        rows.iter().map(habit_from_row).collect()
    }

    /// Deletes one of the user's habits with its marks and reminders (and their schedule
    /// rows); false when it was not theirs.
    pub async fn delete_habit(&self, user_id: i64, id: i64) -> StoreResult<bool> {
        query(
            "delete from schedule where user_id = $1 and purpose = 'habit' and ref_id in \
             (select id from habit_reminder where habit_id = $2 and user_id = $1)",
        )
        .bind(user_id)
        .bind(id)
        .execute(self)
        .await?;
        let done = query("delete from habit where user_id = $1 and id = $2")
            .bind(user_id)
            .bind(id)
            .execute(self)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Sets a habit's place in the list.
    pub async fn set_habit_position(
        &self,
        user_id: i64,
        id: i64,
        position: i64,
    ) -> StoreResult<()> {
        query("update habit set position = $3 where user_id = $1 and id = $2")
            .bind(user_id)
            .bind(id)
            .bind(position)
            .execute(self)
            .await?;
        Ok(())
    }

    /// A habit's entries from `from` to `to` (inclusive), oldest first.
    pub async fn habit_entries(
        &self,
        habit_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<Entry>> {
        let rows = query(
            "select day, status, value_milli, note from habit_mark \
             where habit_id = $1 and day >= $2 and day <= $3 order by day",
        )
        .bind(habit_id)
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(self)
        .await?;
        rows.iter().map(entry_from_row).collect()
    }

    /// The entries of all the user's habits on one day: (habit, entry).
    pub async fn habit_entries_on(
        &self,
        user_id: i64,
        day: NaiveDate,
    ) -> StoreResult<Vec<(i64, Entry)>> {
        let rows = query(
            "select m.habit_id, m.day, m.status, m.value_milli, m.note from habit_mark m \
             join habit h on h.id = m.habit_id where h.user_id = $1 and m.day = $2",
        )
        .bind(user_id)
        .bind(day.to_string())
        .fetch_all(self)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("habit_id")?, entry_from_row(r)?)))
            .collect()
    }

    /// Every entry of all the user's habits: (habit, entry), by habit then day.
    pub async fn all_habit_entries(&self, user_id: i64) -> StoreResult<Vec<(i64, Entry)>> {
        let rows = query(
            "select m.habit_id, m.day, m.status, m.value_milli, m.note from habit_mark m \
             join habit h on h.id = m.habit_id where h.user_id = $1 order by m.habit_id, m.day",
        )
        .bind(user_id)
        .fetch_all(self)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("habit_id")?, entry_from_row(r)?)))
            .collect()
    }

    /// Sets a day's mark, keeping its note; `None` clears the mark (the row stays while a
    /// note is kept).
    pub async fn set_habit_mark(
        &self,
        habit_id: i64,
        day: NaiveDate,
        mark: Option<Mark>,
        now: i64,
    ) -> StoreResult<()> {
        let (status, value) = mark_columns(mark);
        query(
            "insert into habit_mark (habit_id, day, status, value_milli, updated_at) \
             values ($1, $2, $3, $4, $5) on conflict (habit_id, day) do update set \
             status = excluded.status, value_milli = excluded.value_milli, \
             updated_at = excluded.updated_at",
        )
        .bind(habit_id)
        .bind(day.to_string())
        .bind(status)
        .bind(value)
        .bind(now)
        .execute(self)
        .await?;
        self.drop_empty_mark(habit_id, day).await
    }

    /// Sets (or with `None` removes) the note of a day's entry.
    pub async fn set_habit_note(
        &self,
        habit_id: i64,
        day: NaiveDate,
        note: Option<&str>,
        now: i64,
    ) -> StoreResult<()> {
        query(
            "insert into habit_mark (habit_id, day, status, note, updated_at) \
             values ($1, $2, 'none', $3, $4) on conflict (habit_id, day) do update set \
             note = excluded.note, updated_at = excluded.updated_at",
        )
        .bind(habit_id)
        .bind(day.to_string())
        .bind(note)
        .bind(now)
        .execute(self)
        .await?;
        self.drop_empty_mark(habit_id, day).await
    }

    async fn drop_empty_mark(&self, habit_id: i64, day: NaiveDate) -> StoreResult<()> {
        query(
            "delete from habit_mark where habit_id = $1 and day = $2 and status = 'none' \
             and note is null",
        )
        .bind(habit_id)
        .bind(day.to_string())
        .execute(self)
        .await?;
        Ok(())
    }

    /// A habit's reminders, earliest time first.
    pub async fn habit_reminders(&self, habit_id: i64) -> StoreResult<Vec<HabitReminder>> {
        let rows = query(
            "select id, habit_id, user_id, time, weekdays from habit_reminder \
             where habit_id = $1 order by time, id",
        )
        .bind(habit_id)
        .fetch_all(self)
        .await?;
        rows.iter().map(reminder_from_row).collect()
    }

    /// Every habit reminder of the user.
    pub async fn user_habit_reminders(&self, user_id: i64) -> StoreResult<Vec<HabitReminder>> {
        let rows = query(
            "select r.id, r.habit_id, r.user_id, r.time, r.weekdays from habit_reminder r \
             join habit h on h.id = r.habit_id where r.user_id = $1 order by r.id",
        )
        .bind(user_id)
        .fetch_all(self)
        .await?;
        rows.iter().map(reminder_from_row).collect()
    }

    /// One of the user's habit reminders.
    pub async fn habit_reminder(
        &self,
        user_id: i64,
        id: i64,
    ) -> StoreResult<Option<HabitReminder>> {
        let row = query(
            "select id, habit_id, user_id, time, weekdays from habit_reminder \
             where user_id = $1 and id = $2",
        )
        .bind(user_id)
        .bind(id)
        .fetch_optional(self)
        .await?;
        row.as_ref().map(reminder_from_row).transpose()
    }

    /// Adds a reminder to a habit (already checked to be the user's).
    pub async fn insert_habit_reminder(
        &self,
        user_id: i64,
        habit_id: i64,
        time: NaiveTime,
        weekdays: u8,
    ) -> StoreResult<HabitReminder> {
        let row = query(
            "insert into habit_reminder (habit_id, user_id, time, weekdays) values ($1, $2, $3, $4) \
             returning id, habit_id, user_id, time, weekdays",
        )
        .bind(habit_id)
        .bind(user_id)
        .bind(time.format("%H:%M").to_string())
        .bind(i64::from(weekdays))
        .fetch_one(self)
        .await?;
        reminder_from_row(&row)
    }

    /// Sets the weekdays of one of the user's habit reminders.
    pub async fn set_habit_reminder_weekdays(
        &self,
        user_id: i64,
        id: i64,
        weekdays: u8,
    ) -> StoreResult<()> {
        query("update habit_reminder set weekdays = $3 where user_id = $1 and id = $2")
            .bind(user_id)
            .bind(id)
            .bind(i64::from(weekdays))
            .execute(self)
            .await?;
        Ok(())
    }

    /// Deletes one of the user's habit reminders and its schedule row.
    pub async fn delete_habit_reminder(&self, user_id: i64, id: i64) -> StoreResult<bool> {
        query("delete from schedule where user_id = $1 and purpose = 'habit' and ref_id = $2")
            .bind(user_id)
            .bind(id)
            .execute(self)
            .await?;
        let done = query("delete from habit_reminder where user_id = $1 and id = $2")
            .bind(user_id)
            .bind(id)
            .execute(self)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The user's habit settings (defaults without a row).
    pub async fn habit_prefs(&self, user_id: i64) -> StoreResult<HabitPrefs> {
        let row = query("select day_start_min, sick_offer_day from habit_pref where user_id = $1")
            .bind(user_id)
            .fetch_optional(self)
            .await?;
        let Some(row) = row else {
            return Ok(HabitPrefs::default());
        };
        let sick: Option<String> = row.try_get("sick_offer_day")?;
        Ok(HabitPrefs {
            day_start_min: small(&row, "day_start_min")?,
            sick_offer_day: sick.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()),
        })
    }

    /// Stores the user's habit settings.
    pub async fn set_habit_prefs(&self, user_id: i64, p: &HabitPrefs, now: i64) -> StoreResult<()> {
        query(
            "insert into habit_pref (user_id, day_start_min, sick_offer_day, updated_at) \
             values ($1, $2, $3, $4) on conflict (user_id) do update set \
             day_start_min = excluded.day_start_min, sick_offer_day = excluded.sick_offer_day, \
             updated_at = excluded.updated_at",
        )
        .bind(user_id)
        .bind(i64::from(p.day_start_min))
        .bind(p.sick_offer_day.map(|d| d.to_string()))
        .bind(now)
        .execute(self)
        .await?;
        Ok(())
    }
}
