//! headlog's own archive (`/archive`, `service::archive`, README "Archive format") read
//! back. The document is streamed: each array element is read, checked and handed on
//! before the next, so a large archive never stands in memory as a tree. The archive's
//! keys come sorted (`attacks`, `days`, `doses`, …, `medications`, …, `settings`), so the
//! file is read twice: first everything but the doses, then the doses (which name their
//! medication and attack, both known by then). `format` and `schema_version` are checked
//! at the end of the first pass: a file that is not an archive, or one from a newer
//! schema, is refused before any dose is read.

use super::{Dose, Failure, Parsed, Record, Refusal, RefusalKey, Settings, Sink};
use crate::domain::attack::{self as a, Attack};
use crate::domain::day::DayRecord;
use crate::domain::habits::{self, Direction, Factor, Frequency, Habit, Kind, Mark};
use crate::domain::medication::{Effect, MedClass};
use crate::domain::questionnaires::{Answers, Instrument};
use crate::domain::reminders::{DiaryMode, Prefs};
use crate::service::archive::SCHEMA_VERSION;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::cell::RefCell;
use std::fmt;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AttackIn {
    id: i64,
    started_at: String,
    ended_at: Option<String>,
    #[serde(default)]
    end_unknown: bool,
    zone: String,
    intensity: Option<u8>,
    #[serde(default)]
    locations: Vec<String>,
    side: Option<String>,
    character: Option<String>,
    worse_with_activity: Option<bool>,
    nausea: Option<String>,
    vomiting: Option<bool>,
    light_sensitivity: Option<bool>,
    sound_sensitivity: Option<bool>,
    #[serde(default)]
    aura: Vec<String>,
    aura_min: Option<u32>,
    #[serde(default)]
    triggers: Vec<String>,
    trigger_note: Option<String>,
    disability: Option<String>,
    comment: Option<String>,
    created_at: Option<String>,
    updated_at: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DoseIn {
    #[allow(dead_code)]
    id: Option<i64>,
    #[allow(dead_code)]
    medication_id: Option<i64>,
    name: String,
    class: String,
    dose: Option<String>,
    taken_at: String,
    zone: String,
    attack_id: Option<i64>,
    effect: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DayIn {
    #[allow(dead_code)]
    id: Option<i64>,
    day: String,
    zone: String,
    headache_free: Option<bool>,
    menstruation: Option<bool>,
    comment: Option<String>,
    created_at: Option<String>,
    updated_at: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MedIn {
    #[allow(dead_code)]
    id: Option<i64>,
    name: String,
    class: String,
    usual_dose: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TakenIn {
    #[allow(dead_code)]
    id: Option<i64>,
    instrument: String,
    answers: Vec<String>,
    #[allow(dead_code)]
    score: Option<i64>,
    taken_at: String,
    zone: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReminderIn {
    time: String,
    weekdays: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkIn {
    day: String,
    status: String,
    value: Option<f64>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HabitIn {
    #[allow(dead_code)]
    id: Option<i64>,
    name: String,
    description: Option<String>,
    kind: String,
    unit: Option<String>,
    target: Option<f64>,
    numerator: u32,
    denominator: u32,
    goal_days: Option<u32>,
    factor: Option<String>,
    routine: Option<String>,
    position: i64,
    start_day: String,
    archived_at: Option<String>,
    goal_met_at: Option<String>,
    created_at: String,
    #[serde(default)]
    reminders: Vec<ReminderIn>,
    #[serde(default)]
    marks: Vec<MarkIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RemindersIn {
    diary_mode: String,
    diary_repeat: bool,
    dose_on: bool,
    dose_after_min: u32,
    attack_on: bool,
    attack_after_min: u32,
    nudge_on: bool,
    weekly_on: bool,
    weekly_time: String,
    questionnaire_on: bool,
    paused_until: Option<String>,
    quiet_from: Option<String>,
    quiet_to: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsIn {
    #[allow(dead_code)]
    language: Option<String>,
    time_zone: Option<String>,
    checkin_time: Option<String>,
    track_menstruation: Option<bool>,
    habit_day_start: Option<String>,
    reminders: Option<RemindersIn>,
}

/// Checks one value read from element `index` of `array`.
struct Place<'a> {
    array: &'a str,
    index: usize,
}

impl Place<'_> {
    fn bad(&self, field: &str) -> Refusal {
        Refusal {
            key: RefusalKey::BadValue,
            row: None,
            field: Some(format!("{}[{}].{field}", self.array, self.index)),
        }
    }

    fn time(&self, field: &str, text: &str) -> Parsed<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| self.bad(field))
    }

    fn opt_time(&self, field: &str, text: Option<&str>) -> Parsed<Option<DateTime<Utc>>> {
        text.map(|t| self.time(field, t)).transpose()
    }

    fn zone(&self, field: &str, text: &str) -> Parsed<Tz> {
        text.parse().map_err(|_| self.bad(field))
    }

    fn day(&self, field: &str, text: &str) -> Parsed<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| self.bad(field))
    }

    fn hm(&self, field: &str, text: &str) -> Parsed<NaiveTime> {
        NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| self.bad(field))
    }

    fn key<T>(
        &self,
        field: &str,
        text: Option<&str>,
        from: fn(&str) -> Option<T>,
    ) -> Parsed<Option<T>> {
        text.map(|k| from(k).ok_or_else(|| self.bad(field)))
            .transpose()
    }

    fn keys<T>(
        &self,
        field: &str,
        items: &[String],
        from: fn(&str) -> Option<T>,
    ) -> Parsed<Vec<T>> {
        items
            .iter()
            .map(|k| from(k).ok_or_else(|| self.bad(field)))
            .collect()
    }
}

fn attack(p: &Place, v: AttackIn) -> Parsed<Record> {
    let zone = p.zone("zone", &v.zone)?;
    let started_at = p.time("started_at", &v.started_at)?;
    if v.intensity.is_some_and(|i| i > a::MAX_INTENSITY) {
        return Err(p.bad("intensity"));
    }
    let created_at = p
        .opt_time("created_at", v.created_at.as_deref())?
        .unwrap_or(started_at);
    let mut at = Attack::new(0, started_at, zone, created_at);
    at.id = v.id;
    at.ended_at = p.opt_time("ended_at", v.ended_at.as_deref())?;
    if at.ended_at.is_some_and(|e| e < started_at) {
        return Err(p.bad("ended_at"));
    }
    at.end_unknown = v.end_unknown && at.ended_at.is_none();
    at.intensity = v.intensity;
    at.locations = p.keys("locations", &v.locations, a::Location::from_key)?;
    at.side = p.key("side", v.side.as_deref(), a::Side::from_key)?;
    at.character = p.key("character", v.character.as_deref(), a::Character::from_key)?;
    at.worse_with_activity = v.worse_with_activity;
    at.nausea = p.key("nausea", v.nausea.as_deref(), a::Nausea::from_key)?;
    at.vomiting = v.vomiting;
    at.light_sensitivity = v.light_sensitivity;
    at.sound_sensitivity = v.sound_sensitivity;
    at.aura = p.keys("aura", &v.aura, a::Aura::from_key)?;
    at.aura_min = v.aura_min;
    at.triggers = p.keys("triggers", &v.triggers, a::Trigger::from_key)?;
    at.trigger_note = v.trigger_note;
    at.disability = p.key(
        "disability",
        v.disability.as_deref(),
        a::Disability::from_key,
    )?;
    at.comment = v.comment;
    at.created_at = created_at;
    at.updated_at = p
        .opt_time("updated_at", v.updated_at.as_deref())?
        .unwrap_or(created_at);
    Ok(Record::Attack(Box::new(at), Vec::new()))
}

fn dose(p: &Place, v: DoseIn) -> Parsed<Record> {
    let taken_at = p.time("taken_at", &v.taken_at)?;
    Ok(Record::Dose(Dose {
        name: v.name,
        class: MedClass::from_key(&v.class).ok_or_else(|| p.bad("class"))?,
        dose: v.dose,
        taken_at,
        zone: p.zone("zone", &v.zone)?,
        effect: p.key("effect", v.effect.as_deref(), Effect::from_key)?,
        attack_key: v.attack_id,
        created_at: taken_at,
    }))
}

fn day(p: &Place, v: DayIn) -> Parsed<Record> {
    let zone = p.zone("zone", &v.zone)?;
    let date = p.day("day", &v.day)?;
    let created_at = p
        .opt_time("created_at", v.created_at.as_deref())?
        .unwrap_or_else(|| crate::domain::localtime::start_of_day(date, zone));
    Ok(Record::Day(DayRecord {
        id: 0,
        day: date,
        zone,
        headache_free: v.headache_free,
        menstruation: v.menstruation,
        comment: v.comment,
        questionnaire: None,
        created_at,
        updated_at: p
            .opt_time("updated_at", v.updated_at.as_deref())?
            .unwrap_or(created_at),
    }))
}

fn medication(p: &Place, v: MedIn) -> Parsed<Record> {
    Ok(Record::Medication {
        name: v.name,
        class: MedClass::from_key(&v.class).ok_or_else(|| p.bad("class"))?,
        usual_dose: v.usual_dose,
    })
}

fn taken(p: &Place, v: TakenIn) -> Parsed<Record> {
    let instrument = Instrument::from_key(&v.instrument).ok_or_else(|| p.bad("instrument"))?;
    let answers =
        Answers::decode(instrument, &v.answers.join(",")).ok_or_else(|| p.bad("answers"))?;
    Ok(Record::Questionnaire(
        answers,
        p.time("taken_at", &v.taken_at)?,
        p.zone("zone", &v.zone)?,
    ))
}

const WEEK: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn habit(p: &Place, v: HabitIn) -> Parsed<Record> {
    let kind = match (v.kind.as_str(), v.target) {
        ("yes_no", _) => Kind::YesNo,
        ("at_least", Some(target)) if target > 0.0 => Kind::Numeric {
            target,
            direction: Direction::AtLeast,
        },
        ("at_most", Some(target)) if target > 0.0 => Kind::Numeric {
            target,
            direction: Direction::AtMost,
        },
        _ => return Err(p.bad("kind")),
    };
    if v.numerator == 0 || v.denominator == 0 || v.numerator > v.denominator {
        return Err(p.bad("numerator"));
    }
    let name = v.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > habits::NAME_MAX {
        return Err(p.bad("name"));
    }
    let mut reminders = Vec::with_capacity(v.reminders.len());
    for r in &v.reminders {
        let mut mask = 0u8;
        for d in &r.weekdays {
            let i = WEEK
                .iter()
                .position(|w| w == d)
                .ok_or_else(|| p.bad("reminders"))?;
            mask |= 1 << i;
        }
        reminders.push((p.hm("reminders", &r.time)?, mask));
    }
    let mut marks = Vec::with_capacity(v.marks.len());
    for m in v.marks {
        let mark = match (m.status.as_str(), m.value) {
            ("done", _) => Some(Mark::Done),
            ("skipped", _) => Some(Mark::Skipped),
            ("value", Some(v)) if v.is_finite() && v >= 0.0 => Some(Mark::Value(v)),
            ("none", _) => None,
            _ => return Err(p.bad("marks")),
        };
        let date = p.day("marks", &m.day)?;
        if mark.is_some() || m.note.is_some() {
            marks.push((date, mark, m.note));
        }
    }
    let h = Habit {
        id: 0,
        user_id: 0,
        name,
        description: v.description,
        kind,
        unit: v.unit,
        freq: Frequency {
            numerator: v.numerator,
            denominator: v.denominator,
        },
        goal_days: v.goal_days,
        factor: p.key("factor", v.factor.as_deref(), Factor::from_key)?,
        routine: v.routine,
        position: v.position,
        start_day: p.day("start_day", &v.start_day)?,
        archived_at: p.opt_time("archived_at", v.archived_at.as_deref())?,
        goal_met_at: p.opt_time("goal_met_at", v.goal_met_at.as_deref())?,
        created_at: p.time("created_at", &v.created_at)?,
    };
    Ok(Record::Habit(Box::new(h), reminders, marks))
}

fn settings(v: SettingsIn) -> Parsed<Record> {
    let p = Place {
        array: "settings",
        index: 0,
    };
    let reminders = match v.reminders {
        None => None,
        Some(r) => {
            let quiet = match (r.quiet_from.as_deref(), r.quiet_to.as_deref()) {
                (Some(f), Some(t)) => Some((p.hm("quiet_from", f)?, p.hm("quiet_to", t)?)),
                _ => None,
            };
            Some(Prefs {
                diary_mode: DiaryMode::from_key(&r.diary_mode)
                    .ok_or_else(|| p.bad("diary_mode"))?,
                diary_repeat: r.diary_repeat,
                dose_on: r.dose_on,
                dose_after_min: r.dose_after_min,
                attack_on: r.attack_on,
                attack_after_min: r.attack_after_min,
                nudge_on: r.nudge_on,
                weekly_on: r.weekly_on,
                weekly_time: p.hm("weekly_time", &r.weekly_time)?,
                questionnaire_on: r.questionnaire_on,
                paused_until: p.opt_time("paused_until", r.paused_until.as_deref())?,
                quiet,
            })
        }
    };
    Ok(Record::Settings(Box::new(Settings {
        zone: v
            .time_zone
            .as_deref()
            .map(|z| p.zone("time_zone", z))
            .transpose()?,
        checkin_time: v
            .checkin_time
            .as_deref()
            .map(|t| p.hm("checkin_time", t))
            .transpose()?,
        track_menstruation: v.track_menstruation,
        habit_day_start: v
            .habit_day_start
            .as_deref()
            .map(|t| p.hm("habit_day_start", t))
            .transpose()?,
        reminders,
    })))
}

/// Which pass reads which arrays.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Everything but the doses, and the format checks.
    First,
    /// The doses.
    Doses,
}

/// The state a pass shares with the serde visitors: the sink, and why it stopped.
struct Reader<'s> {
    sink: &'s mut dyn Sink,
    failure: Option<Failure>,
    format: Option<String>,
    version: Option<u64>,
}

struct Top<'r, 's> {
    reader: &'r RefCell<Reader<'s>>,
    pass: Pass,
}

impl<'de> DeserializeSeed<'de> for Top<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a headlog archive object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let pass = self.pass;
            match (key.as_str(), pass) {
                ("format", Pass::First) => {
                    let v: serde_json::Value = map.next_value()?;
                    self.reader.borrow_mut().format = v.as_str().map(str::to_owned);
                }
                ("schema_version", Pass::First) => {
                    let v: serde_json::Value = map.next_value()?;
                    self.reader.borrow_mut().version = Some(v.as_u64().unwrap_or(u64::MAX));
                }
                ("settings", Pass::First) => {
                    let v: SettingsIn = map.next_value()?;
                    self.emit(settings(v))?;
                }
                ("attacks", Pass::First) => {
                    map.next_value_seed(self.each::<AttackIn>("attacks", attack))?
                }
                ("days", Pass::First) => map.next_value_seed(self.each::<DayIn>("days", day))?,
                ("medications", Pass::First) => {
                    map.next_value_seed(self.each::<MedIn>("medications", medication))?
                }
                ("questionnaires", Pass::First) => {
                    map.next_value_seed(self.each::<TakenIn>("questionnaires", taken))?
                }
                ("habits", Pass::First) => {
                    map.next_value_seed(self.each::<HabitIn>("habits", habit))?
                }
                ("doses", Pass::Doses) => {
                    map.next_value_seed(self.each::<DoseIn>("doses", dose))?
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

impl<'r, 's> Top<'r, 's> {
    fn emit<E: de::Error>(&self, record: Parsed<Record>) -> Result<(), E> {
        let mut r = self.reader.borrow_mut();
        let result = match record {
            Ok(record) => r.sink.put(record).map_err(Failure::from),
            Err(refusal) => Err(Failure::Refused(refusal)),
        };
        result.map_err(|f| {
            r.failure = Some(f);
            E::custom("stopped")
        })
    }

    fn each<T>(
        &self,
        array: &'static str,
        convert: fn(&Place, T) -> Parsed<Record>,
    ) -> Each<'_, 'r, 's, T> {
        Each {
            top: self,
            array,
            convert,
        }
    }
}

struct Each<'t, 'r, 's, T> {
    top: &'t Top<'r, 's>,
    array: &'static str,
    convert: fn(&Place, T) -> Parsed<Record>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Each<'_, '_, '_, T> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Each<'_, '_, '_, T> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an array of {}", self.array)
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        let mut index = 0;
        loop {
            let item: Option<T> = match seq.next_element() {
                Ok(item) => item,
                Err(e) => {
                    let mut r = self.top.reader.borrow_mut();
                    if r.failure.is_none() {
                        r.failure = Some(Failure::Refused(Refusal {
                            key: RefusalKey::BadJson,
                            row: None,
                            field: Some(format!("{}[{index}]", self.array)),
                        }));
                    }
                    return Err(e);
                }
            };
            let Some(item) = item else { break };
            let place = Place {
                array: self.array,
                index,
            };
            self.top.emit((self.convert)(&place, item))?;
            index += 1;
        }
        Ok(())
    }
}

fn run(bytes: &[u8], pass: Pass, reader: &RefCell<Reader<'_>>) -> Result<(), Failure> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let result = Top { reader, pass }
        .deserialize(&mut de)
        .and_then(|()| de.end());
    match result {
        Ok(()) => Ok(()),
        Err(e) => {
            let mut r = reader.borrow_mut();
            Err(match r.failure.take() {
                Some(Failure::Refused(mut refusal)) => {
                    if refusal.key == RefusalKey::BadJson {
                        refusal.row = Some(e.line() as u64);
                    }
                    Failure::Refused(refusal)
                }
                Some(Failure::Stopped) => Failure::Stopped,
                None => Failure::Refused(Refusal {
                    key: if r.format.is_some() {
                        RefusalKey::BadJson
                    } else {
                        RefusalKey::Unknown
                    },
                    row: Some(e.line() as u64),
                    field: None,
                }),
            })
        }
    }
}

/// Reads an archive, handing on every record.
pub fn parse(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Failure> {
    let reader = RefCell::new(Reader {
        sink,
        failure: None,
        format: None,
        version: None,
    });
    run(bytes, Pass::First, &reader)?;
    {
        let r = reader.borrow();
        if r.format.as_deref() != Some(crate::service::archive::FORMAT) {
            return Err(Refusal::new(RefusalKey::Unknown).into());
        }
        match r.version {
            Some(v) if (1..=u64::from(SCHEMA_VERSION)).contains(&v) => {}
            Some(v) if v > u64::from(SCHEMA_VERSION) => {
                return Err(Refusal {
                    key: RefusalKey::NewerSchema,
                    row: None,
                    field: Some(v.min(i64::MAX as u64).to_string()),
                }
                .into());
            }
            _ => return Err(Refusal::value(1, "schema_version").into()),
        }
    }
    run(bytes, Pass::Doses, &reader)
}
