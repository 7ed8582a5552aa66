//! headlog's own diary CSV (`/export`, `domain::export`, README "Diary CSV") read back:
//! the header must be exactly [`COLUMNS`]; each `attack` row is an attack with its doses,
//! each `day` row a day record with the doses of that day taken without an attack. The
//! file does not tell an attack still going from one whose end is unknown: an attack row
//! without an end is imported as ended, end unknown (an import never opens an attack).

use super::{Dose, Failure, Parsed, Record, Refusal, Rows, Sink, SkipReason};
use crate::domain::attack::{self as a, Attack};
use crate::domain::day::DayRecord;
use crate::domain::export::{COLUMNS, split_items, unescape, unneutralise};
use crate::domain::localtime::date_of;
use crate::domain::medication::{Effect, MedClass};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

struct Row<'r> {
    record: &'r csv::StringRecord,
    line: u64,
}

impl Row<'_> {
    fn cell(&self, column: usize) -> &str {
        self.record.get(column).unwrap_or("")
    }

    fn bad(&self, column: usize) -> Refusal {
        Refusal::value(self.line, COLUMNS[column])
    }

    fn time(&self, column: usize) -> Parsed<Option<DateTime<Utc>>> {
        let cell = self.cell(column).trim();
        if cell.is_empty() {
            return Ok(None);
        }
        DateTime::parse_from_rfc3339(cell)
            .map(|t| Some(t.with_timezone(&Utc)))
            .map_err(|_| self.bad(column))
    }

    fn bool(&self, column: usize) -> Parsed<Option<bool>> {
        super::opt_bool(self.cell(column)).map_err(|()| self.bad(column))
    }

    fn key<T>(&self, column: usize, from: fn(&str) -> Option<T>) -> Parsed<Option<T>> {
        match self.cell(column).trim() {
            "" => Ok(None),
            k => from(k).map(Some).ok_or_else(|| self.bad(column)),
        }
    }

    fn keys<T>(&self, column: usize, from: fn(&str) -> Option<T>) -> Parsed<Vec<T>> {
        split_items(self.cell(column), ';')
            .iter()
            .map(|k| from(k.trim()).ok_or_else(|| self.bad(column)))
            .collect()
    }

    fn number<T: std::str::FromStr>(&self, column: usize) -> Parsed<Option<T>> {
        match self.cell(column).trim() {
            "" => Ok(None),
            n => n.parse().map(Some).map_err(|_| self.bad(column)),
        }
    }

    fn text(&self, column: usize) -> Option<String> {
        let cell = self.cell(column);
        (!cell.is_empty()).then(|| unneutralise(cell).to_owned())
    }

    fn doses(&self, column: usize, zone: Tz) -> Parsed<Vec<Dose>> {
        let mut doses = Vec::new();
        for item in split_items(self.cell(column), ';') {
            let fields: Vec<String> = split_items(&item, '|')
                .iter()
                .map(|f| unescape(f))
                .collect();
            if fields.len() != crate::domain::export::DOSE_FIELDS.len() {
                return Err(self.bad(column));
            }
            let name = unneutralise(fields[0].trim()).to_owned();
            let taken_at = DateTime::parse_from_rfc3339(fields[3].trim())
                .map_err(|_| self.bad(column))?
                .with_timezone(&Utc);
            if name.is_empty() {
                return Err(self.bad(column));
            }
            doses.push(Dose {
                name,
                class: MedClass::from_key(fields[1].trim()).ok_or_else(|| self.bad(column))?,
                dose: (!fields[2].is_empty()).then(|| unneutralise(&fields[2]).to_owned()),
                taken_at,
                zone,
                effect: match fields[4].trim() {
                    "" | "unknown" => None,
                    k => Some(Effect::from_key(k).ok_or_else(|| self.bad(column))?),
                },
                attack_key: None,
                created_at: taken_at,
            });
        }
        Ok(doses)
    }
}

fn attack(row: &Row, zone: Tz) -> Parsed<Record> {
    let started_at = row.time(2)?.ok_or_else(|| row.bad(2))?;
    let created_at = row.time(23)?.unwrap_or(started_at);
    let mut at = Attack::new(0, started_at, zone, created_at);
    at.id = row
        .cell(1)
        .strip_prefix('a')
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    at.ended_at = row.time(3)?;
    if at.ended_at.is_some_and(|e| e < started_at) {
        return Err(row.bad(3));
    }
    at.end_unknown = at.ended_at.is_none();
    at.intensity = row.number::<u8>(6)?;
    if at.intensity.is_some_and(|i| i > a::MAX_INTENSITY) {
        return Err(row.bad(6));
    }
    at.locations = row.keys(7, a::Location::from_key)?;
    at.side = row.key(8, a::Side::from_key)?;
    at.character = row.key(9, a::Character::from_key)?;
    at.worse_with_activity = row.bool(10)?;
    at.nausea = row.key(11, a::Nausea::from_key)?;
    at.vomiting = row.bool(12)?;
    at.light_sensitivity = row.bool(13)?;
    at.sound_sensitivity = row.bool(14)?;
    at.aura = row.keys(15, a::Aura::from_key)?;
    at.aura_min = row.number(16)?;
    let mut notes = Vec::new();
    for item in split_items(row.cell(17), ';') {
        match a::Trigger::from_key(item.trim()) {
            Some(t) => at.triggers.push(t),
            None => notes.push(unneutralise(&unescape(&item)).to_owned()),
        }
    }
    at.trigger_note = (!notes.is_empty()).then(|| notes.join("; "));
    at.disability = row.key(19, a::Disability::from_key)?;
    at.comment = row.text(22);
    at.updated_at = row.time(24)?.unwrap_or(created_at);
    let doses = row.doses(18, zone)?;
    Ok(Record::Attack(Box::new(at), doses))
}

fn day(row: &Row, zone: Tz, sink: &mut dyn Sink) -> Result<(), Failure> {
    let start = row.time(2)?.ok_or_else(|| row.bad(2))?;
    for dose in row.doses(18, zone)? {
        sink.put(Record::Dose(dose))?;
    }
    // A row of doses only (no id) has no day record of its own.
    if row.cell(1).is_empty() {
        return Ok(());
    }
    let created_at = row.time(23)?.unwrap_or(start);
    let record = DayRecord {
        id: 0,
        day: date_of(start, zone),
        zone,
        headache_free: row.bool(20)?,
        menstruation: row.bool(21)?,
        comment: row.text(22),
        questionnaire: None,
        created_at,
        updated_at: row.time(24)?.unwrap_or(created_at),
    };
    sink.put(Record::Day(record))?;
    Ok(())
}

/// Reads a diary CSV (text already decoded).
pub fn parse(text: &str, sink: &mut dyn Sink) -> Result<(), Failure> {
    let mut rows = Rows::new(text);
    let header = rows.header()?;
    if header.len() != COLUMNS.len() || header.iter().zip(COLUMNS).any(|(h, c)| h != c) {
        return Err(Refusal::new(super::RefusalKey::Unknown).into());
    }
    while let Some((record, line)) = rows.next()? {
        let row = Row { record, line };
        if record.iter().all(|c| c.trim().is_empty()) {
            sink.put(Record::Skipped(SkipReason::Empty))?;
            continue;
        }
        let zone: Tz = match row.cell(5).trim() {
            "" => return Err(row.bad(5).into()),
            z => z.parse().map_err(|_| row.bad(5))?,
        };
        match row.cell(0).trim() {
            "attack" => sink.put(attack(&row, zone)?)?,
            "day" => day(&row, zone, sink)?,
            _ => return Err(row.bad(0).into()),
        }
    }
    Ok(())
}
