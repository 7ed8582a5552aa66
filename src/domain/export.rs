//! The diary CSV of MODEL.md: one row per attack or day record, times ISO 8601 with the
//! offset of the zone stored with each record, multi-valued cells joined with `;`.
//!
//! The file starts with a UTF-8 byte order mark. Inside a multi-valued cell, free text
//! escapes `\`, `;` and `|` with a backslash ([`escape`], [`split_items`], [`unescape`]).
//! Free text that a spreadsheet would run as a formula gets a leading `'` ([`neutralise`]).
//! Each dose in `medications` is `name|class|dose|taken_at|effect` ([`DOSE_FIELDS`]).

use super::attack::{Attack, join_keys};
use super::day::DayRecord;
use super::localtime::{date_of, start_of_day};
use super::medication::Intake;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use chrono_tz::Tz;
use std::collections::HashMap;

/// The UTF-8 byte order mark the file starts with (Excel reads the file as UTF-8 then).
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The fields of one dose in the `medications` cell, in order, joined with `|`.
pub const DOSE_FIELDS: [&str; 5] = ["name", "class", "dose", "taken_at", "effect"];

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
#[derive(Debug, Clone, Default)]
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

/// The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV
/// injection).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Free text as a spreadsheet may safely show it: text starting with `=`, `+`, `-`, `@`,
/// a tab or a carriage return gets a leading `'`, as OWASP advises; other text is kept.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The inverse of [`neutralise`]: a `'` put before a formula's first character goes.
pub fn unneutralise(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => text,
    }
}

/// Free text as one item of a multi-valued cell: `\`, `;` and `|` are escaped with a `\`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | ';' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The inverse of [`escape`]: a `\` takes the next character as it is.
pub fn unescape(item: &str) -> String {
    let mut out = String::with_capacity(item.len());
    let mut chars = item.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

/// Splits a cell at each `sep` that no `\` escapes; the items keep their escapes (split a
/// dose again at `|`, then [`unescape`] each field). An empty cell has no items.
pub fn split_items(cell: &str, sep: char) -> Vec<String> {
    if cell.is_empty() {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut item = String::new();
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            item.push(c);
            item.extend(chars.next());
        } else if c == sep {
            items.push(std::mem::take(&mut item));
        } else {
            item.push(c);
        }
    }
    items.push(item);
    items
}

/// Free text inside a multi-valued cell: neutralised, then escaped.
fn free_item(text: &str) -> String {
    escape(&neutralise(text))
}

/// One dose: `name|class|dose|taken_at|effect` (see [`DOSE_FIELDS`]); an unknown dose is
/// empty, an unknown effect is `unknown`.
fn dose_item(i: &Intake) -> String {
    let dose = i.dose.as_deref().map(free_item).unwrap_or_default();
    let effect = i.effect.map(|e| e.key()).unwrap_or("unknown");
    format!(
        "{}|{}|{dose}|{}|{effect}",
        free_item(&i.name),
        i.class.key(),
        iso(i.taken_at, i.zone),
    )
}

fn medications(intakes: &[&Intake]) -> String {
    intakes
        .iter()
        .map(|i| dose_item(i))
        .collect::<Vec<_>>()
        .join(";")
}

fn comment(text: Option<&str>) -> String {
    text.map(neutralise).unwrap_or_default()
}

fn attack_row(a: &Attack, intakes: &[&Intake]) -> Vec<String> {
    let triggers = {
        let mut t = join_keys(&a.triggers, |k| k.key());
        if let Some(note) = a.trigger_note.as_deref().filter(|n| !n.is_empty()) {
            if !t.is_empty() {
                t.push(';');
            }
            t.push_str(&free_item(note));
        }
        t
    };
    vec![
        "attack".into(),
        format!("a{}", a.id),
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
        comment(a.comment.as_deref()),
        iso(a.created_at, a.zone),
        iso(a.updated_at, a.zone),
    ]
}

fn day_row(d: &DayRecord, intakes: &[&Intake]) -> Vec<String> {
    let mut row = vec![String::new(); COLUMNS.len()];
    row[0] = "day".into();
    row[1] = format!("d{}", d.id);
    row[2] = iso(start_of_day(d.day, d.zone), d.zone);
    row[5] = d.zone.name().into();
    row[18] = medications(intakes);
    row[20] = opt_bool(d.headache_free);
    row[21] = opt_bool(d.menstruation);
    row[22] = comment(d.comment.as_deref());
    row[23] = iso(d.created_at, d.zone);
    row[24] = iso(d.updated_at, d.zone);
    row
}

/// A day record that says nothing (all unknown, no comment, no dose of its day) has no row.
fn holds_nothing(d: &DayRecord, intakes: &[&Intake]) -> bool {
    d.headache_free.is_none()
        && d.menstruation.is_none()
        && d.comment.as_deref().is_none_or(str::is_empty)
        && intakes.is_empty()
}

/// True when the diary CSV would hold a row: an attack, a dose, or a day record that says
/// something.
pub fn has_rows(diary: &Diary) -> bool {
    !diary.attacks.is_empty()
        || !diary.intakes.is_empty()
        || diary.days.iter().any(|d| !holds_nothing(d, &[]))
}

/// One row of the diary CSV, before its cells are made.
enum Row<'a> {
    Attack(&'a Attack, &'a [&'a Intake]),
    Day(&'a DayRecord, &'a [&'a Intake]),
    /// A dose without an attack on a day without a day record: a `day` row of its own.
    Alone(&'a Intake),
}

/// The written file and how many attack and day records it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct DiaryCsv {
    /// The file, BOM first.
    pub bytes: Vec<u8>,
    /// Attack rows plus day-record rows (rows of doses with no day record not counted).
    pub records: i64,
}

/// Writes the whole diary as CSV, oldest first. Doses without an attack go to the day
/// record of their local day when there is one; the rest stand as their own `day` row.
/// Day records that hold nothing are left out.
pub fn diary_csv(diary: &Diary) -> DiaryCsv {
    // Doses grouped once (by attack; strays by the day records of their local day in each
    // zone the day records use), so 100,000 records take one pass, not one per row.
    let mut by_attack: HashMap<i64, Vec<&Intake>> = HashMap::new();
    let mut strays: Vec<&Intake> = Vec::new();
    for i in &diary.intakes {
        match i.attack_id {
            Some(id) => by_attack.entry(id).or_default().push(i),
            None => strays.push(i),
        }
    }
    let mut day_at: HashMap<(Tz, NaiveDate), Vec<usize>> = HashMap::new();
    for (n, d) in diary.days.iter().enumerate() {
        day_at.entry((d.zone, d.day)).or_default().push(n);
    }
    let mut zones: Vec<Tz> = diary.days.iter().map(|d| d.zone).collect();
    zones.sort_by_key(|z| z.name());
    zones.dedup();
    let mut of_day: Vec<Vec<&Intake>> = vec![Vec::new(); diary.days.len()];
    let mut alone: Vec<&Intake> = Vec::new();
    for i in strays {
        let mut matched = false;
        for z in &zones {
            for n in day_at
                .get(&(*z, date_of(i.taken_at, *z)))
                .into_iter()
                .flatten()
            {
                of_day[*n].push(i);
                matched = true;
            }
        }
        if !matched {
            alone.push(i);
        }
    }

    // Which rows, in time order; each is made only when written, so memory holds the file
    // and one row, not every row's cells at once.
    let mut rows: Vec<(DateTime<Utc>, Row<'_>)> =
        Vec::with_capacity(diary.attacks.len() + diary.days.len() + alone.len());
    for a in &diary.attacks {
        let intakes = by_attack.get(&a.id).map_or(&[][..], Vec::as_slice);
        rows.push((a.started_at, Row::Attack(a, intakes)));
    }
    let mut records = rows.len();
    for (d, intakes) in diary.days.iter().zip(&of_day) {
        if holds_nothing(d, intakes) {
            continue;
        }
        records += 1;
        rows.push((start_of_day(d.day, d.zone), Row::Day(d, intakes)));
    }
    for i in alone {
        rows.push((i.taken_at, Row::Alone(i)));
    }
    // Stable: rows at the same instant keep the order above.
    rows.sort_by_key(|(at, _)| *at);

    let mut out = csv::Writer::from_writer(BOM.to_vec());
    // Writing to a Vec cannot fail; a failure here would be a csv bug, so keep what we have.
    let _ = out.write_record(COLUMNS);
    for (_, row) in rows {
        let cells = match row {
            Row::Attack(a, intakes) => attack_row(a, intakes),
            Row::Day(d, intakes) => day_row(d, intakes),
            Row::Alone(i) => {
                let day = DayRecord {
                    id: 0,
                    day: date_of(i.taken_at, i.zone),
                    zone: i.zone,
                    headache_free: None,
                    menstruation: None,
                    comment: None,
                    questionnaire: None,
                    created_at: i.taken_at,
                    updated_at: i.taken_at,
                };
                let mut cells = day_row(&day, &[i]);
                cells[1] = String::new();
                cells
            }
        };
        let _ = out.write_record(&cells);
    }
    DiaryCsv {
        bytes: out.into_inner().unwrap_or_default(),
        records: i64::try_from(records).unwrap_or(i64::MAX),
    }
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

    fn berlin() -> Tz {
        "Europe/Berlin".parse().unwrap()
    }

    fn attack(id: i64, start: DateTime<Utc>, zone: Tz) -> Attack {
        let mut a = Attack::new(7, start, zone, start);
        a.id = id;
        a
    }

    fn dose(name: &str, dose: Option<&str>, taken_at: DateTime<Utc>, zone: Tz) -> Intake {
        Intake {
            id: 1,
            medication_id: 1,
            name: name.into(),
            class: MedClass::Nsaid,
            taken_at,
            zone,
            dose: dose.map(str::to_owned),
            attack_id: None,
            effect: None,
        }
    }

    fn day(id: i64, date: NaiveDate, zone: Tz, at: DateTime<Utc>) -> DayRecord {
        DayRecord {
            id,
            day: date,
            zone,
            headache_free: None,
            menstruation: None,
            comment: None,
            questionnaire: None,
            created_at: at,
            updated_at: at,
        }
    }

    /// Splits a `medications` cell back into each dose's unescaped fields.
    fn doses_of(cell: &str) -> Vec<Vec<String>> {
        split_items(cell, ';')
            .iter()
            .map(|d| split_items(d, '|').iter().map(|f| unescape(f)).collect())
            .collect()
    }

    #[test]
    fn an_attack_row_carries_local_times_with_the_offset_and_joined_cells() {
        let zone = berlin();
        let start = Utc.with_ymd_and_hms(2026, 1, 10, 13, 30, 0).unwrap();
        let mut a = attack(42, start, zone);
        a.ended_at = Some(start + Duration::minutes(135));
        a.intensity = Some(6);
        a.locations = vec![Location::Temples, Location::BehindEyes];
        a.triggers = vec![Trigger::Stress];
        a.trigger_note = Some("long, \"quoted\" meeting".into());
        a.comment = Some("line one\nline two; DROP TABLE".into());
        let mut ibuprofen = dose(
            "Ibuprofen",
            Some("400 mg"),
            start + Duration::minutes(15),
            zone,
        );
        ibuprofen.attack_id = Some(42);
        ibuprofen.effect = Some(Effect::Partial);
        let csv = diary_csv(&Diary {
            attacks: vec![a],
            days: vec![],
            intakes: vec![ibuprofen],
        });
        assert_eq!(csv.records, 1);
        let rows = read(&csv.bytes);
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(&r[0], "attack");
        assert_eq!(&r[1], "a42");
        assert_eq!(&r[2], "2026-01-10T14:30:00+01:00");
        assert_eq!(&r[3], "2026-01-10T16:45:00+01:00");
        assert_eq!(&r[4], "135");
        assert_eq!(&r[5], "Europe/Berlin");
        assert_eq!(&r[6], "6");
        assert_eq!(&r[7], "temples;eyes");
        assert_eq!(&r[10], "", "unknown stays empty, not false");
        assert_eq!(&r[17], "stress;long, \"quoted\" meeting");
        assert_eq!(
            &r[18],
            "Ibuprofen|nsaid|400 mg|2026-01-10T14:45:00+01:00|partial"
        );
        assert_eq!(
            &r[22], "line one\nline two; DROP TABLE",
            "a single-valued cell is verbatim"
        );
    }

    #[test]
    fn the_file_starts_with_a_bom_then_the_header() {
        let csv = diary_csv(&Diary::default());
        assert_eq!(&csv.bytes[..3], [0xEF, 0xBB, 0xBF]);
        let text = std::str::from_utf8(&csv.bytes[3..]).unwrap();
        assert_eq!(text, format!("{}\n", COLUMNS.join(",")));
        assert_eq!(csv.records, 0);
        // A reader that knows the BOM sees the plain header.
        let mut reader = csv::Reader::from_reader(csv.bytes.as_slice());
        assert_eq!(&reader.headers().unwrap()[0], "record");
    }

    #[test]
    fn a_dose_carries_name_class_dose_full_time_in_its_own_zone_and_effect() {
        let start = Utc.with_ymd_and_hms(2026, 1, 10, 13, 30, 0).unwrap();
        let a = attack(3, start, berlin());
        // Taken after flying to Tokyo: the dose keeps the zone it was stored with.
        let tokyo: Tz = "Asia/Tokyo".parse().unwrap();
        let mut first = dose("Ibuprofen", Some("400 mg"), start, berlin());
        first.attack_id = Some(3);
        first.effect = Some(Effect::Full);
        let mut second = dose("Sumatriptan", None, start + Duration::hours(2), tokyo);
        second.class = MedClass::Triptan;
        second.attack_id = Some(3);
        let rows = read(
            &diary_csv(&Diary {
                attacks: vec![a],
                days: vec![],
                intakes: vec![first, second],
            })
            .bytes,
        );
        assert_eq!(
            doses_of(&rows[0][18]),
            vec![
                vec![
                    "Ibuprofen",
                    "nsaid",
                    "400 mg",
                    "2026-01-10T14:30:00+01:00",
                    "full"
                ],
                vec![
                    "Sumatriptan",
                    "triptan",
                    "",
                    "2026-01-11T00:30:00+09:00",
                    "unknown"
                ],
            ]
        );
        assert_eq!(DOSE_FIELDS.len(), doses_of(&rows[0][18])[0].len());
    }

    #[test]
    fn separators_inside_free_text_are_escaped_and_split_back_to_the_original_items() {
        let start = Utc.with_ymd_and_hms(2026, 1, 10, 13, 30, 0).unwrap();
        let mut a = attack(1, start, berlin());
        a.triggers = vec![Trigger::Stress, Trigger::PoorSleep];
        let note = r"red wine; late \ night | party";
        a.trigger_note = Some(note.into());
        let name = r"Cafergot; C\D | forte";
        let amount = "1 tab; then 1 | 2";
        let mut d = dose(name, Some(amount), start, berlin());
        d.attack_id = Some(1);
        let mut plain = dose("Aspirin", Some("500 mg"), start, berlin());
        plain.attack_id = Some(1);
        let rows = read(
            &diary_csv(&Diary {
                attacks: vec![a],
                days: vec![],
                intakes: vec![d, plain],
            })
            .bytes,
        );
        assert_eq!(
            &rows[0][17],
            r"stress;poor_sleep;red wine\; late \\ night \| party"
        );
        let triggers: Vec<String> = split_items(&rows[0][17], ';')
            .iter()
            .map(|t| unescape(t))
            .collect();
        assert_eq!(triggers, vec!["stress", "poor_sleep", note]);
        let doses = doses_of(&rows[0][18]);
        assert_eq!(doses.len(), 2);
        assert_eq!((doses[0][0].as_str(), doses[0][2].as_str()), (name, amount));
        assert_eq!(doses[1][0], "Aspirin");
        assert_eq!(split_items("", ';'), Vec::<String>::new());
    }

    #[test]
    fn free_text_that_a_spreadsheet_would_run_gets_a_leading_quote() {
        for start in ["=", "+", "-", "@", "\t", "\r"] {
            let text = format!("{start}HYPERLINK(\"http://x\")");
            assert_eq!(neutralise(&text), format!("'{text}"), "{start:?}");
        }
        for kept in ["a=b", "1+1", "'quoted", "", "Ибупрофен"] {
            assert_eq!(neutralise(kept), kept);
        }
        let zone: Tz = "America/New_York".parse().unwrap();
        let start = Utc.with_ymd_and_hms(2026, 1, 10, 13, 30, 0).unwrap();
        let mut a = attack(9, start, zone);
        a.ended_at = Some(start + Duration::minutes(30));
        a.intensity = Some(5);
        a.trigger_note = Some("=1+2".into());
        a.comment = Some("@SUM(A1:A9)".into());
        let mut d = dose("-cmd|' /C calc'!A0", Some("+2"), start, zone);
        d.attack_id = Some(9);
        let mut day_note = day(
            9,
            NaiveDate::from_ymd_opt(2026, 1, 11).unwrap(),
            zone,
            start,
        );
        day_note.comment = Some("\tcalc".into());
        let rows = read(
            &diary_csv(&Diary {
                attacks: vec![a],
                days: vec![day_note],
                intakes: vec![d],
            })
            .bytes,
        );
        let r = &rows[0];
        assert_eq!(&r[17], "'=1+2");
        assert_eq!(&r[22], "'@SUM(A1:A9)");
        let doses = doses_of(&r[18]);
        assert_eq!(doses[0][0], "'-cmd|' /C calc'!A0");
        assert_eq!(doses[0][2], "'+2");
        assert!(r[18].starts_with("'-cmd"), "{}", &r[18]);
        // Numbers and times are never touched, a negative offset included.
        assert_eq!(&r[2], "2026-01-10T08:30:00-05:00");
        assert_eq!(doses[0][3], "2026-01-10T08:30:00-05:00");
        assert_eq!((&r[4], &r[6]), ("30", "5"));
        assert_eq!(&rows[1][22], "'\tcalc");
    }

    #[test]
    fn ids_name_their_record_kind_so_an_attack_and_a_day_never_share_one() {
        let zone = berlin();
        let start = Utc.with_ymd_and_hms(2026, 2, 1, 10, 0, 0).unwrap();
        let mut free = day(3, NaiveDate::from_ymd_opt(2026, 2, 2).unwrap(), zone, start);
        free.headache_free = Some(true);
        let rows = read(
            &diary_csv(&Diary {
                attacks: vec![attack(3, start, zone)],
                days: vec![free],
                intakes: vec![],
            })
            .bytes,
        );
        let ids: Vec<(&str, &str)> = rows.iter().map(|r| (&r[0], &r[1])).collect();
        assert_eq!(ids, vec![("attack", "a3"), ("day", "d3")]);
    }

    #[test]
    fn day_records_and_stray_doses_have_rows_in_time_order() {
        let zone: Tz = "Europe/Moscow".parse().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 2, 3, 18, 0, 0).unwrap();
        let mut free = day(5, NaiveDate::from_ymd_opt(2026, 2, 2).unwrap(), zone, now);
        free.headache_free = Some(true);
        let mut stray = dose("Sumatriptan", None, now, zone);
        stray.class = MedClass::Triptan;
        let csv = diary_csv(&Diary {
            attacks: vec![],
            days: vec![free],
            intakes: vec![stray],
        });
        assert_eq!(csv.records, 1, "a dose with no day record is not a record");
        let rows = read(&csv.bytes);
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][1], "d5");
        assert_eq!(&rows[0][2], "2026-02-02T00:00:00+03:00");
        assert_eq!(&rows[0][20], "true");
        assert_eq!((&rows[1][0], &rows[1][1]), ("day", ""));
        assert_eq!(
            &rows[1][18],
            "Sumatriptan|triptan||2026-02-03T21:00:00+03:00|unknown"
        );
    }

    #[test]
    fn a_day_record_that_holds_nothing_has_no_row() {
        let zone = berlin();
        let now = Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap();
        let date = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        let empty = day(1, date(1), zone, now);
        let mut blank_comment = day(2, date(2), zone, now);
        blank_comment.comment = Some(String::new());
        let mut period = day(3, date(3), zone, now);
        period.menstruation = Some(true);
        let mut noted = day(4, date(4), zone, now);
        noted.comment = Some("slept badly".into());
        // Nothing but a dose taken that day: the dose is content, the row stays.
        let with_dose = day(5, date(5), zone, now);
        let taken = dose("Aspirin", None, zone_noon(date(5), zone), zone);
        let csv = diary_csv(&Diary {
            attacks: vec![],
            days: vec![empty, blank_comment, period, noted, with_dose],
            intakes: vec![taken],
        });
        let rows = read(&csv.bytes);
        let ids: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
        assert_eq!(ids, vec!["d3", "d4", "d5"]);
        assert_eq!(csv.records, 3);
        assert!(rows[2][18].starts_with("Aspirin|nsaid||2026-03-05T12:00:00+01:00"));
    }

    fn zone_noon(date: NaiveDate, zone: Tz) -> DateTime<Utc> {
        crate::domain::localtime::at(
            date,
            chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
            zone,
        )
    }
}
