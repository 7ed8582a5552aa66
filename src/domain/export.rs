//! The diary CSV of MODEL.md: one row per attack or day record, times ISO 8601 with the
//! offset of the zone stored with each record, multi-valued cells joined with `;`.

use super::attack::{Attack, join_keys};
use super::day::DayRecord;
use super::medication::Intake;
use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;

/// The header, in order; documented in the README.
pub const COLUMNS: [&str; 25] = [
    "record",
    "id",
    "started_at",
    "ended_at",
    "duration_min",
    "zone",
    "intensity",
    "location",
    "side",
    "character",
    "worse_with_activity",
    "nausea",
    "vomiting",
    "light_sensitivity",
    "sound_sensitivity",
    "aura",
    "aura_min",
    "triggers",
    "medications",
    "disability",
    "headache_free",
    "menstruation",
    "comment",
    "created_at",
    "updated_at",
];

/// Everything one user has, as the export needs it (deleted records already left out).
#[derive(Debug, Default)]
pub struct Diary {
    /// Attacks.
    pub attacks: Vec<Attack>,
    /// Day records.
    pub days: Vec<DayRecord>,
    /// Doses.
    pub intakes: Vec<Intake>,
}

fn iso(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn opt_bool(v: Option<bool>) -> String {
    v.map(|b| b.to_string()).unwrap_or_default()
}

fn medications(intakes: &[&Intake]) -> String {
    intakes
        .iter()
        .map(|i| {
            let local = i.taken_at.with_timezone(&i.zone).format("%H:%M");
            let effect = i.effect.map(|e| e.key()).unwrap_or("unknown");
            match i.dose.as_deref().filter(|d| !d.is_empty()) {
                Some(dose) => format!("{} {dose} @{local} {effect}", i.name),
                None => format!("{} @{local} {effect}", i.name),
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

fn attack_row(a: &Attack, intakes: &[&Intake]) -> Vec<String> {
    let triggers = {
        let mut t = join_keys(&a.triggers, |k| k.key());
        if let Some(note) = a.trigger_note.as_deref().filter(|n| !n.is_empty()) {
            if !t.is_empty() {
                t.push(';');
            }
            t.push_str(note);
        }
        t
    };
    vec![
        "attack".into(),
        a.id.to_string(),
        iso(a.started_at, a.zone),
        a.ended_at.map(|e| iso(e, a.zone)).unwrap_or_default(),
        a.ended_at
            .map(|e| (e - a.started_at).num_minutes().to_string())
            .unwrap_or_default(),
        a.zone.name().into(),
        a.intensity.map(|i| i.to_string()).unwrap_or_default(),
        join_keys(&a.locations, |k| k.key()),
        a.side.map(|k| k.key()).unwrap_or_default().into(),
        a.character.map(|k| k.key()).unwrap_or_default().into(),
        opt_bool(a.worse_with_activity),
        a.nausea.map(|k| k.key()).unwrap_or_default().into(),
        opt_bool(a.vomiting),
        opt_bool(a.light_sensitivity),
        opt_bool(a.sound_sensitivity),
        join_keys(&a.aura, |k| k.key()),
        a.aura_min.map(|m| m.to_string()).unwrap_or_default(),
        triggers,
        medications(intakes),
        a.disability.map(|k| k.key()).unwrap_or_default().into(),
        String::new(),
        String::new(),
        a.comment.clone().unwrap_or_default(),
        iso(a.created_at, a.zone),
        iso(a.updated_at, a.zone),
    ]
}

fn day_row(d: &DayRecord, intakes: &[&Intake]) -> Vec<String> {
    let mut row = vec![String::new(); COLUMNS.len()];
    row[0] = "day".into();
    row[1] = d.id.to_string();
    row[2] = iso(super::localtime::start_of_day(d.day, d.zone), d.zone);
    row[5] = d.zone.name().into();
    row[18] = medications(intakes);
    row[20] = opt_bool(d.headache_free);
    row[21] = opt_bool(d.menstruation);
    row[22] = d.comment.clone().unwrap_or_default();
    row[23] = iso(d.created_at, d.zone);
    row[24] = iso(d.updated_at, d.zone);
    row
}

/// Writes the whole diary as CSV, oldest first. Doses without an attack go to the day
/// record of their local day when there is one; the rest stand as their own `day` row.
pub fn diary_csv(diary: &Diary) -> Vec<u8> {
    let mut rows: Vec<(DateTime<Utc>, Vec<String>)> = Vec::new();
    for a in &diary.attacks {
        let intakes: Vec<&Intake> = diary
            .intakes
            .iter()
            .filter(|i| i.attack_id == Some(a.id))
            .collect();
        rows.push((a.started_at, attack_row(a, &intakes)));
    }
    let stray = |i: &&Intake, d: &DayRecord| {
        i.attack_id.is_none() && i.taken_at.with_timezone(&d.zone).date_naive() == d.day
    };
    for d in &diary.days {
        let intakes: Vec<&Intake> = diary.intakes.iter().filter(|i| stray(i, d)).collect();
        rows.push((
            super::localtime::start_of_day(d.day, d.zone),
            day_row(d, &intakes),
        ));
    }
    for i in diary.intakes.iter().filter(|i| i.attack_id.is_none()) {
        if !diary.days.iter().any(|d| stray(&i, d)) {
            let day = DayRecord {
                id: 0,
                day: i.taken_at.with_timezone(&i.zone).date_naive(),
                zone: i.zone,
                headache_free: None,
                menstruation: None,
                comment: None,
                questionnaire: None,
                created_at: i.taken_at,
                updated_at: i.taken_at,
            };
            let mut row = day_row(&day, &[i]);
            row[1] = String::new();
            rows.push((i.taken_at, row));
        }
    }
    rows.sort_by_key(|(at, _)| *at);

    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail; a failure here would be a csv bug, so keep what we have.
    let _ = out.write_record(COLUMNS);
    for (_, row) in rows {
        let _ = out.write_record(&row);
    }
    out.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attack::{Location, Trigger};
    use crate::domain::medication::{Effect, MedClass};
    use chrono::{Duration, NaiveDate, TimeZone};

    fn read(bytes: &[u8]) -> Vec<csv::StringRecord> {
        csv::Reader::from_reader(bytes)
            .records()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn an_attack_row_carries_local_times_with_the_offset_and_joined_cells() {
        let zone: Tz = "Europe/Berlin".parse().unwrap();
        let start = Utc.with_ymd_and_hms(2026, 1, 10, 13, 30, 0).unwrap();
        let mut a = Attack::new(7, start, zone, start);
        a.id = 42;
        a.ended_at = Some(start + Duration::minutes(135));
        a.intensity = Some(6);
        a.locations = vec![Location::Temples, Location::BehindEyes];
        a.triggers = vec![Trigger::Stress];
        a.trigger_note = Some("long, \"quoted\" meeting".into());
        a.comment = Some("line one\nline two; DROP TABLE".into());
        let ibuprofen = Intake {
            id: 1,
            medication_id: 1,
            name: "Ibuprofen".into(),
            class: MedClass::Nsaid,
            taken_at: start + Duration::minutes(15),
            zone,
            dose: Some("400 mg".into()),
            attack_id: Some(42),
            effect: Some(Effect::Partial),
        };
        let csv = diary_csv(&Diary {
            attacks: vec![a],
            days: vec![],
            intakes: vec![ibuprofen],
        });
        let rows = read(&csv);
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(&r[0], "attack");
        assert_eq!(&r[1], "42");
        assert_eq!(&r[2], "2026-01-10T14:30:00+01:00");
        assert_eq!(&r[3], "2026-01-10T16:45:00+01:00");
        assert_eq!(&r[4], "135");
        assert_eq!(&r[5], "Europe/Berlin");
        assert_eq!(&r[7], "temples;eyes");
        assert_eq!(&r[10], "", "unknown stays empty, not false");
        assert_eq!(&r[17], "stress;long, \"quoted\" meeting");
        assert_eq!(&r[18], "Ibuprofen 400 mg @14:45 partial");
        assert_eq!(&r[22], "line one\nline two; DROP TABLE");
        let header = String::from_utf8(csv.clone()).unwrap();
        assert!(header.starts_with(&COLUMNS.join(",")));
    }

    #[test]
    fn day_records_and_stray_doses_have_rows_in_time_order() {
        let zone: Tz = "Europe/Moscow".parse().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 2, 3, 18, 0, 0).unwrap();
        let day = DayRecord {
            id: 5,
            day: NaiveDate::from_ymd_opt(2026, 2, 2).unwrap(),
            zone,
            headache_free: Some(true),
            menstruation: None,
            comment: None,
            questionnaire: None,
            created_at: now,
            updated_at: now,
        };
        let stray = Intake {
            id: 2,
            medication_id: 2,
            name: "Sumatriptan".into(),
            class: MedClass::Triptan,
            taken_at: now,
            zone,
            dose: None,
            attack_id: None,
            effect: None,
        };
        let rows = read(&diary_csv(&Diary {
            attacks: vec![],
            days: vec![day],
            intakes: vec![stray],
        }));
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][2], "2026-02-02T00:00:00+03:00");
        assert_eq!(&rows[0][20], "true");
        assert_eq!(&rows[1][0], "day");
        assert_eq!(&rows[1][18], "Sumatriptan @21:00 unknown");
    }
}
