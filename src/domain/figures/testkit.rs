//! Records for the tests of the figures modules, in Europe/Berlin unless told otherwise.

use crate::domain::attack::{Attack, Aura};
use crate::domain::day::DayRecord;
use crate::domain::export::Diary;
use crate::domain::localtime;
use crate::domain::medication::{Intake, MedClass};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

pub fn berlin() -> Tz {
    "Europe/Berlin".parse().unwrap()
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A wall-clock time in `zone`.
pub fn at_in(zone: Tz, day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    localtime::at(day, NaiveTime::from_hms_opt(h, m, 0).unwrap(), zone)
}

/// A Berlin wall-clock time.
pub fn at(day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    at_in(berlin(), day, h, m)
}

/// A Berlin attack from `start` to `end`, created at `created`; every detail unknown.
pub fn attack(
    id: i64,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
    created: DateTime<Utc>,
) -> Attack {
    let mut a = Attack::new(1, start, berlin(), created);
    a.id = id;
    a.ended_at = end;
    a
}

/// An attack from 10:00 to 12:00 on `day` with a visual aura, logged at its start: its
/// day is a headache day, a recorded day and a migraine-like day.
pub fn aura_attack(id: i64, day: NaiveDate) -> Attack {
    let mut a = attack(id, at(day, 10, 0), Some(at(day, 12, 0)), at(day, 10, 0));
    a.aura = vec![Aura::Visual];
    a
}

/// A Berlin dose of `class` (medication `medication_id`) at `taken_at`, for no attack.
pub fn dose(medication_id: i64, class: MedClass, taken_at: DateTime<Utc>) -> Intake {
    Intake {
        id: 0,
        medication_id,
        name: format!("med {medication_id}"),
        class,
        taken_at,
        zone: berlin(),
        dose: None,
        attack_id: None,
        effect: None,
    }
}

/// A triptan at noon on `day`: a migraine-like day that is not a recorded day.
pub fn triptan(day: NaiveDate) -> Intake {
    dose(1, MedClass::Triptan, at(day, 12, 0))
}

/// An empty Berlin day record of `day`, created at `created`.
pub fn day_record(day: NaiveDate, created: DateTime<Utc>) -> DayRecord {
    DayRecord {
        id: 0,
        day,
        zone: berlin(),
        headache_free: None,
        menstruation: None,
        comment: None,
        questionnaire: None,
        created_at: created,
        updated_at: created,
    }
}

/// "No headache today" for `day`, said at 21:00 that day: a recorded day.
pub fn headache_free(day: NaiveDate) -> DayRecord {
    let mut r = day_record(day, at(day, 21, 0));
    r.headache_free = Some(true);
    r
}

/// A menstruation start marked on `day` at 08:00.
pub fn menstruation(day: NaiveDate) -> DayRecord {
    let mut r = day_record(day, at(day, 8, 0));
    r.menstruation = Some(true);
    r
}

pub fn diary(attacks: Vec<Attack>, intakes: Vec<Intake>, days: Vec<DayRecord>) -> Diary {
    Diary {
        attacks,
        days,
        intakes,
    }
}
