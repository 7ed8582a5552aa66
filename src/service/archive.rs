//! The full archive (`/archive`): one JSON document with every live record of a user, their
//! medications, doses, day records, questionnaire results, habits with their marks and
//! reminders, and their settings, under a schema version. The format is documented in the
//! README ("Archive format"); an import reads it back (issue 12). Times are RFC 3339 with
//! the offset of the record's own zone, which is given beside them; local days are
//! `YYYY-MM-DD`; every choice is its stable key (the same as the diary CSV's).

use crate::domain::attack::Attack;
use crate::domain::habits::{self, Habit, Kind, Mark};
use crate::domain::user::User;
use crate::store::{StoreResult, Tx};
use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

/// The archive's schema version: raised whenever a field changes meaning or goes away (a
/// reader refuses an archive newer than it knows).
pub const SCHEMA_VERSION: u32 = 1;

/// The archive's `format` field: what tells an archive from any other JSON.
pub const FORMAT: &str = "headlog-archive";

fn at(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn keys<T: Copy>(all: &[T], key: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| key(*v)).collect()
}

/// An attack as the archive writes it (fields in alphabetical order, as every object of
/// the format).
#[derive(serde::Serialize)]
struct AttackOut<'a> {
    aura: Vec<&'static str>,
    aura_min: Option<u32>,
    character: Option<&'static str>,
    comment: Option<&'a str>,
    created_at: String,
    disability: Option<&'static str>,
    end_unknown: bool,
    ended_at: Option<String>,
    id: i64,
    intensity: Option<u8>,
    light_sensitivity: Option<bool>,
    locations: Vec<&'static str>,
    nausea: Option<&'static str>,
    side: Option<&'static str>,
    sound_sensitivity: Option<bool>,
    started_at: String,
    trigger_note: Option<&'a str>,
    triggers: Vec<&'static str>,
    updated_at: String,
    vomiting: Option<bool>,
    worse_with_activity: Option<bool>,
    zone: &'static str,
}

fn attack(a: &Attack) -> AttackOut<'_> {
    use crate::domain::attack::{Aura, Character, Disability, Location, Nausea, Side, Trigger};
    let z = a.zone;
    AttackOut {
        aura: keys(&a.aura, Aura::key),
        aura_min: a.aura_min,
        character: a.character.map(Character::key),
        comment: a.comment.as_deref(),
        created_at: at(a.created_at, z),
        disability: a.disability.map(Disability::key),
        end_unknown: a.end_unknown,
        ended_at: a.ended_at.map(|t| at(t, z)),
        id: a.id,
        intensity: a.intensity,
        light_sensitivity: a.light_sensitivity,
        locations: keys(&a.locations, Location::key),
        nausea: a.nausea.map(Nausea::key),
        side: a.side.map(Side::key),
        sound_sensitivity: a.sound_sensitivity,
        started_at: at(a.started_at, z),
        trigger_note: a.trigger_note.as_deref(),
        triggers: keys(&a.triggers, Trigger::key),
        updated_at: at(a.updated_at, z),
        vomiting: a.vomiting,
        worse_with_activity: a.worse_with_activity,
        zone: z.name(),
    }
}

/// A dose as the archive writes it.
#[derive(serde::Serialize)]
struct DoseOut<'a> {
    attack_id: Option<i64>,
    class: &'static str,
    dose: Option<&'a str>,
    effect: Option<&'static str>,
    id: i64,
    medication_id: i64,
    name: &'a str,
    taken_at: String,
    zone: &'static str,
}

fn dose(i: &crate::domain::medication::Intake) -> DoseOut<'_> {
    DoseOut {
        attack_id: i.attack_id,
        class: i.class.key(),
        dose: i.dose.as_deref(),
        effect: i.effect.map(|e| e.key()),
        id: i.id,
        medication_id: i.medication_id,
        name: &i.name,
        taken_at: at(i.taken_at, i.zone),
        zone: i.zone.name(),
    }
}

/// A day record as the archive writes it.
#[derive(serde::Serialize)]
struct DayOut<'a> {
    comment: Option<&'a str>,
    created_at: String,
    day: String,
    headache_free: Option<bool>,
    id: i64,
    menstruation: Option<bool>,
    updated_at: String,
    zone: &'static str,
}

fn day(d: &crate::domain::day::DayRecord) -> DayOut<'_> {
    DayOut {
        comment: d.comment.as_deref(),
        created_at: at(d.created_at, d.zone),
        day: d.day.to_string(),
        headache_free: d.headache_free,
        id: d.id,
        menstruation: d.menstruation,
        updated_at: at(d.updated_at, d.zone),
        zone: d.zone.name(),
    }
}

/// A list written a record at a time: each record is made, written and dropped, so
/// 100,000 records never stand as one tree in memory.
struct Each<'a, T, R>(&'a [T], fn(&'a T) -> R);

impl<T, R: serde::Serialize> serde::Serialize for Each<'_, T, R> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(self.1))
    }
}

/// The document. Fields in alphabetical order: the order `json!` objects are written in,
/// which the format has always had.
#[derive(serde::Serialize)]
struct Doc<'a> {
    attacks: Each<'a, Attack, AttackOut<'a>>,
    days: Each<'a, crate::domain::day::DayRecord, DayOut<'a>>,
    doses: Each<'a, crate::domain::medication::Intake, DoseOut<'a>>,
    exported_at: String,
    format: &'static str,
    habits: Vec<Value>,
    medications: Value,
    questionnaires: Value,
    schema_version: u32,
    settings: Value,
}

fn habit(
    h: &Habit,
    entries: &[habits::Entry],
    reminders: &[crate::store::habits::HabitReminder],
    zone: Tz,
) -> Value {
    let (target, kind) = match h.kind {
        Kind::YesNo => (None, habits::kind_key(h.kind)),
        Kind::Numeric { target, .. } => (Some(target), habits::kind_key(h.kind)),
    };
    let week = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    json!({
        "id": h.id,
        "name": h.name,
        "description": h.description,
        "kind": kind,
        "unit": h.unit,
        "target": target,
        "numerator": h.freq.numerator,
        "denominator": h.freq.denominator,
        "goal_days": h.goal_days,
        "factor": h.factor.map(habits::Factor::key),
        "routine": h.routine,
        "position": h.position,
        "start_day": h.start_day.to_string(),
        "archived_at": h.archived_at.map(|t| at(t, zone)),
        "goal_met_at": h.goal_met_at.map(|t| at(t, zone)),
        "created_at": at(h.created_at, zone),
        "reminders": reminders.iter().map(|r| json!({
            "time": r.time.format("%H:%M").to_string(),
            "weekdays": week.iter().enumerate()
                .filter(|(i, _)| r.weekdays & (1 << i) != 0)
                .map(|(_, d)| *d)
                .collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "marks": entries.iter().map(|e| {
            let (status, value) = match e.mark {
                None => ("none", None),
                Some(Mark::Done) => ("done", None),
                Some(Mark::Skipped) => ("skipped", None),
                Some(Mark::Value(v)) => ("value", Some(v)),
            };
            json!({ "day": e.day.to_string(), "status": status, "value": value, "note": e.note })
        }).collect::<Vec<_>>(),
    })
}

/// The user's archive as pretty-printed JSON, made at `now`.
pub async fn export(tx: &Tx, user: &User, now: DateTime<Utc>) -> StoreResult<Vec<u8>> {
    let zone = user.zone_or_utc();
    let diary = tx.diary(user.id).await?;
    let meds = tx.medications(user.id).await?;
    let prefs = tx.reminder_prefs(user.id).await?;
    let habit_prefs = tx.habit_prefs(user.id).await?;
    let taken = tx.questionnaires(user.id, i64::MAX).await?;
    let all_habits = tx.all_habits(user.id).await?;
    let entries = tx.all_habit_entries(user.id).await?;
    let reminders = tx.user_habit_reminders(user.id).await?;
    let mut habit_values = Vec::with_capacity(all_habits.len());
    let mut by_habit: std::collections::HashMap<i64, Vec<habits::Entry>> = Default::default();
    for (id, e) in entries {
        by_habit.entry(id).or_default().push(e);
    }
    for h in &all_habits {
        let mine: Vec<_> = reminders
            .iter()
            .filter(|r| r.habit_id == h.id)
            .cloned()
            .collect();
        let marks = by_habit.remove(&h.id).unwrap_or_default();
        habit_values.push(habit(h, &marks, &mine, zone));
    }
    let hm = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
    let settings = json!({
        "language": user.lang.map(|l| l.code()),
        "time_zone": user.zone.map(|z| z.name()),
        "checkin_time": user.checkin_time.map(hm),
        "track_menstruation": user.track_menstruation,
        "habit_day_start": hm(habit_prefs.day_start()),
        "reminders": {
            "diary_mode": prefs.diary_mode.key(),
            "diary_repeat": prefs.diary_repeat,
            "dose_on": prefs.dose_on,
            "dose_after_min": prefs.dose_after_min,
            "attack_on": prefs.attack_on,
            "attack_after_min": prefs.attack_after_min,
            "nudge_on": prefs.nudge_on,
            "weekly_on": prefs.weekly_on,
            "weekly_time": hm(prefs.weekly_time),
            "questionnaire_on": prefs.questionnaire_on,
            "paused_until": prefs.paused_until.map(|t| at(t, zone)),
            "quiet_from": prefs.quiet.map(|(f, _)| hm(f)),
            "quiet_to": prefs.quiet.map(|(_, t)| hm(t)),
        },
    });
    let medications = Value::from(
        meds.iter()
            .map(|m| {
                json!({
                    "id": m.id,
                    "name": m.name,
                    "class": m.class.key(),
                    "usual_dose": m.default_dose,
                })
            })
            .collect::<Vec<_>>(),
    );
    let questionnaires = Value::from(
        taken
            .iter()
            .map(|t| {
                json!({
                    "id": t.id,
                    "instrument": t.answers.instrument().key(),
                    "answers": t.answers.encode().split(',').collect::<Vec<_>>(),
                    "score": t.answers.score(),
                    "taken_at": at(t.taken_at, t.zone),
                    "zone": t.zone.name(),
                })
            })
            .collect::<Vec<_>>(),
    );
    let doc = Doc {
        attacks: Each(&diary.attacks, attack),
        days: Each(&diary.days, day),
        doses: Each(&diary.intakes, dose),
        exported_at: at(now, zone),
        format: FORMAT,
        habits: habit_values,
        medications,
        questionnaires,
        schema_version: SCHEMA_VERSION,
        settings,
    };
    let mut out = serde_json::to_vec_pretty(&doc)
        .map_err(|e| crate::store::StoreError::Other(anyhow::anyhow!("archive: {e}")))?;
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// The records are written from structs now; the bytes must stay those of the `json!`
    /// objects they replaced, whose keys came out sorted.
    fn sorted<T: serde::Serialize>(v: &T) -> bool {
        let direct = serde_json::to_string(v).unwrap();
        let via_value = serde_json::to_string(&serde_json::to_value(v).unwrap()).unwrap();
        direct == via_value
    }

    #[test]
    fn records_are_written_with_their_keys_in_the_archive_s_order() {
        let zone: Tz = "Europe/Berlin".parse().unwrap();
        let t = Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap();
        let mut a = Attack::new(1, t, zone, t);
        a.comment = Some("c".into());
        a.ended_at = Some(t);
        assert!(sorted(&attack(&a)));
        let i = crate::domain::medication::Intake {
            id: 1,
            medication_id: 2,
            name: "x".into(),
            class: crate::domain::medication::MedClass::Nsaid,
            taken_at: t,
            zone,
            dose: None,
            attack_id: Some(3),
            effect: None,
        };
        assert!(sorted(&dose(&i)));
        let d = crate::domain::day::DayRecord {
            id: 1,
            day: t.date_naive(),
            zone,
            headache_free: Some(true),
            menstruation: None,
            comment: None,
            questionnaire: None,
            created_at: t,
            updated_at: t,
        };
        assert!(sorted(&day(&d)));
    }
}
