//! Migraine Buddy's CSV export. Migraine Buddy publishes no specification of its CSV, so
//! headlog reads its columns by name, case and spacing aside, through the aliases below
//! (the labels its export uses in English, and the plain variants other diaries use), and
//! keeps every other column's value in the attack's comment as `Column: value`; the
//! preview names the columns kept that way. Assumed columns:
//!
//! | headlog field      | columns read                                               |
//! |--------------------|------------------------------------------------------------|
//! | start (required)   | Start Time, Start, Started, Start Date, Date               |
//! | end                | End Time, End, Ended, End Date                             |
//! | intensity 0–10     | Pain Level, Pain Intensity, Intensity, Pain, Severity      |
//! | locations and side | Pain Position, Pain Positions, Pain Location, Location     |
//! | triggers           | Triggers, Trigger, Potential Triggers                      |
//! | symptoms           | Symptoms, Associated Symptoms                              |
//! | aura               | Aura                                                       |
//! | doses              | Medication, Medications, Medicine, Acute Medication, Drugs |
//! | their effect       | Medication Effect, Effect, Relief, Helpful                 |
//! | comment            | Notes, Note, Comment, Comments                             |
//! | created at         | Created At, Created, Recorded At                           |
//! | time zone          | Time Zone, Timezone                                        |
//!
//! Times are ISO (`2024-03-05 14:30`, with or without an offset) or slashed dates with a
//! 24- or 12-hour time (`03/05/2024 2:30 PM`); whether a slashed date is day first or month
//! first is decided for the whole file from its dates (a first part above 12 means day
//! first, a second part above 12 month first; when nothing tells, month first, as the
//! app's US export writes). Dotted dates (`05.03.2024 14:30`) are day first. A time
//! without an offset is read in the row's time zone column, else the user's zone. Lists
//! (positions, triggers, symptoms, medications) are separated by `,`, `;` or `|`.

use super::{Context, Dose, Failure, Parsed, Record, Refusal, RefusalKey, Rows, Sink, SkipReason};
use crate::domain::attack::{Attack, Aura, Location, Nausea, Side, Trigger};
use crate::domain::medication::{Effect, MedClass};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;

/// The fields and their column aliases (normalised: lower case, letters and digits only).
const FIELDS: [(Field, &[&str]); 12] = [
    (
        Field::Start,
        &[
            "starttime",
            "start",
            "started",
            "startdate",
            "date",
            "startedat",
        ],
    ),
    (
        Field::End,
        &["endtime", "end", "ended", "enddate", "endedat"],
    ),
    (
        Field::Intensity,
        &[
            "painlevel",
            "painintensity",
            "intensity",
            "pain",
            "severity",
        ],
    ),
    (
        Field::Position,
        &[
            "painposition",
            "painpositions",
            "painlocation",
            "location",
            "painlocations",
        ],
    ),
    (
        Field::Triggers,
        &["triggers", "trigger", "potentialtriggers"],
    ),
    (Field::Symptoms, &["symptoms", "associatedsymptoms"]),
    (Field::Aura, &["aura"]),
    (
        Field::Medication,
        &[
            "medication",
            "medications",
            "medicine",
            "acutemedication",
            "drugs",
        ],
    ),
    (
        Field::Effect,
        &[
            "medicationeffect",
            "effect",
            "relief",
            "helpful",
            "medicationefficacy",
        ],
    ),
    (Field::Notes, &["notes", "note", "comment", "comments"]),
    (Field::Created, &["createdat", "created", "recordedat"]),
    (Field::Zone, &["timezone", "tz"]),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Start,
    End,
    Intensity,
    Position,
    Triggers,
    Symptoms,
    Aura,
    Medication,
    Effect,
    Notes,
    Created,
    Zone,
}

fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn field_of(name: &str) -> Option<Field> {
    let n = normalise(name);
    FIELDS
        .iter()
        .find(|(_, aliases)| aliases.contains(&n.as_str()))
        .map(|(f, _)| *f)
}

/// True for a header with a start column and a pain level or end column.
pub fn recognises(header: &[String]) -> bool {
    let fields: Vec<Field> = header.iter().filter_map(|h| field_of(h)).collect();
    fields.contains(&Field::Start)
        && (fields.contains(&Field::Intensity) || fields.contains(&Field::End))
}

/// Day or month first in slashed dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    DayFirst,
    MonthFirst,
}

fn slashed_parts(text: &str) -> Option<(u32, u32)> {
    let date = text.split_whitespace().next()?;
    let mut parts = date.split('/');
    let first = parts.next()?.parse().ok()?;
    let second = parts.next()?.parse().ok()?;
    Some((first, second))
}

fn parse_time(text: &str, order: Order, zone: Tz) -> Option<DateTime<Utc>> {
    let t = text.trim();
    if let Some(at) = super::time(t, zone) {
        return Some(at);
    }
    let (date_part, rest) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
    let date = if date_part.contains('/') {
        let format = match order {
            Order::DayFirst => "%d/%m/%Y",
            Order::MonthFirst => "%m/%d/%Y",
        };
        NaiveDate::parse_from_str(date_part, format).ok()?
    } else if date_part.contains('.') {
        NaiveDate::parse_from_str(date_part, "%d.%m.%Y").ok()?
    } else {
        NaiveDate::parse_from_str(date_part, "%Y-%m-%d").ok()?
    };
    let rest = rest.trim().trim_start_matches(',').trim();
    let time = if rest.is_empty() {
        NaiveTime::MIN
    } else {
        let upper = rest.to_ascii_uppercase();
        ["%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p", "%I:%M%p"]
            .iter()
            .find_map(|f| NaiveTime::parse_from_str(&upper, f).ok())?
    };
    Some(super::local(NaiveDateTime::new(date, time), zone))
}

fn items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([',', ';', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn has(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

fn location(item: &str, at: &mut Attack) -> bool {
    let t = item.to_lowercase();
    let side = match (has(&t, &["left", "лев"]), has(&t, &["right", "прав"])) {
        (true, true) => Some(Side::Both),
        (true, false) => Some(Side::Left),
        (false, true) => Some(Side::Right),
        _ => has(&t, &["both", "обе"]).then_some(Side::Both),
    };
    if let Some(s) = side {
        at.side = Some(match at.side {
            Some(old) if old != s => Side::Both,
            _ => s,
        });
    }
    let place = if has(&t, &["forehead", "frontal", "лоб"]) {
        Some(Location::Forehead)
    } else if has(&t, &["temple", "виск", "висок"]) {
        Some(Location::Temples)
    } else if has(&t, &["eye", "orbit", "глаз"]) {
        Some(Location::BehindEyes)
    } else if has(&t, &["back of", "occipit", "затыл"]) {
        Some(Location::BackOfHead)
    } else if has(&t, &["neck", "шея", "шеи", "шею"]) {
        Some(Location::Neck)
    } else if has(&t, &["whole", "all over", "entire", "вся", "всей"]) {
        Some(Location::WholeHead)
    } else {
        None
    };
    if let Some(p) = place.filter(|p| !at.locations.contains(p)) {
        at.locations.push(p);
    }
    place.is_some() || side.is_some()
}

fn trigger(item: &str) -> Option<Trigger> {
    let t = item.to_lowercase();
    Some(if has(&t, &["stress", "стресс"]) {
        Trigger::Stress
    } else if has(&t, &["too much sleep", "oversleep", "overslept"]) {
        Trigger::TooMuchSleep
    } else if has(&t, &["sleep", "сон", "недосып"]) {
        Trigger::PoorSleep
    } else if has(&t, &["meal", "hunger", "fasting", "голод"]) {
        Trigger::SkippedMeal
    } else if has(&t, &["alcohol", "wine", "beer", "алког"]) {
        Trigger::Alcohol
    } else if has(&t, &["caffeine", "coffee", "кофе"]) {
        Trigger::Caffeine
    } else if has(&t, &["weather", "pressure", "погод"]) {
        Trigger::Weather
    } else if has(&t, &["bright", "light", "свет"]) {
        Trigger::BrightLight
    } else if has(&t, &["smell", "odor", "odour", "запах"]) {
        Trigger::StrongSmell
    } else if has(&t, &["menstru", "period", "месяч"]) {
        Trigger::Menstruation
    } else if has(&t, &["screen", "экран"]) {
        Trigger::ScreenTime
    } else {
        return None;
    })
}

/// Sets what a symptom says; false when no field holds it.
fn symptom(item: &str, at: &mut Attack) -> bool {
    let t = item.to_lowercase();
    if has(&t, &["vomit", "рвот"]) {
        at.vomiting = Some(true);
    } else if has(&t, &["nausea", "тошнот"]) {
        // Its strength is not given: "slight" is the least that is true.
        at.nausea = Some(Nausea::Slight);
    } else if has(&t, &["light", "photophob", "свет"]) {
        at.light_sensitivity = Some(true);
    } else if has(&t, &["sound", "noise", "phonophob", "звук", "шум"]) {
        at.sound_sensitivity = Some(true);
    } else if has(&t, &["aura", "аура"]) {
        add_aura(at, Aura::Visual);
    } else {
        return false;
    }
    true
}

fn add_aura(at: &mut Attack, kind: Aura) {
    if !at.aura.contains(&kind) {
        at.aura = Aura::choose(&at.aura, kind, true);
    }
}

fn effect(cell: &str) -> Option<Effect> {
    let t = cell.trim().to_lowercase();
    if t.is_empty() {
        None
    } else if has(&t, &["not", "no ", "none", "unhelpful", "не "]) || t == "no" {
        Some(Effect::No)
    } else if has(&t, &["somewhat", "partial", "some", "частич", "немного"]) {
        Some(Effect::Partial)
    } else if has(&t, &["helpful", "yes", "full", "effective", "помог"]) {
        Some(Effect::Full)
    } else {
        None
    }
}

fn intensity(cell: &str) -> Option<Option<u8>> {
    let t = cell.trim();
    if t.is_empty() {
        return Some(None);
    }
    let number: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let v: f64 = number.parse().ok()?;
    (0.0..=10.0).contains(&v).then(|| Some(v.round() as u8))
}

/// Reads a Migraine Buddy CSV (text already decoded).
pub fn parse(text: &str, ctx: Context, sink: &mut dyn Sink) -> Result<(), Failure> {
    let mut rows = Rows::new(text);
    let header = rows.header()?;
    if !recognises(&header) {
        return Err(Refusal::new(RefusalKey::Unknown).into());
    }
    let columns: Vec<Option<Field>> = header.iter().map(|h| field_of(h)).collect();
    let column = |f: Field| columns.iter().position(|c| *c == Some(f));
    let start = column(Field::Start).unwrap_or(0);
    let kept: Vec<usize> = (0..header.len())
        .filter(|i| columns[*i].is_none())
        .collect();
    if !kept.is_empty() {
        sink.put(Record::KeptColumns(
            kept.iter().map(|i| header[*i].clone()).collect(),
        ))?;
    }
    // First pass: which way round slashed dates are.
    let mut order = None;
    let mut record = csv::StringRecord::new();
    {
        let mut first = super::csv_reader(text);
        while let Ok(true) = first.read_record(&mut record) {
            for f in [Some(start), column(Field::End)].into_iter().flatten() {
                if let Some((a, b)) = record.get(f).and_then(slashed_parts) {
                    if a > 12 {
                        order = Some(Order::DayFirst);
                    } else if b > 12 {
                        order = Some(Order::MonthFirst);
                    }
                }
            }
            if order.is_some() {
                break;
            }
        }
    }
    let order = order.unwrap_or(Order::MonthFirst);
    while let Some((record, line)) = rows.next()? {
        if record.iter().all(|c| c.trim().is_empty()) {
            sink.put(Record::Skipped(SkipReason::Empty))?;
            continue;
        }
        sink.put(row(record, line, &header, &columns, order, ctx)?)?;
    }
    Ok(())
}

fn row(
    record: &csv::StringRecord,
    line: u64,
    header: &[String],
    columns: &[Option<Field>],
    order: Order,
    ctx: Context,
) -> Parsed<Record> {
    let cell = |f: Field| {
        columns
            .iter()
            .position(|c| *c == Some(f))
            .and_then(|i| record.get(i))
            .map(str::trim)
            .unwrap_or("")
    };
    let name = |f: Field| {
        columns
            .iter()
            .position(|c| *c == Some(f))
            .map(|i| header[i].as_str())
            .unwrap_or("")
    };
    let zone: Tz = match cell(Field::Zone) {
        "" => ctx.zone,
        z => z
            .parse()
            .map_err(|_| Refusal::value(line, name(Field::Zone)))?,
    };
    let bad = |f: Field| Refusal::value(line, name(f));
    let started_at =
        parse_time(cell(Field::Start), order, zone).ok_or_else(|| bad(Field::Start))?;
    let created_at = match cell(Field::Created) {
        "" => started_at,
        c => parse_time(c, order, zone).ok_or_else(|| bad(Field::Created))?,
    };
    let mut at = Attack::new(0, started_at, zone, created_at);
    at.updated_at = created_at;
    match cell(Field::End) {
        "" => at.end_unknown = true,
        e => {
            let end = parse_time(e, order, zone).ok_or_else(|| bad(Field::End))?;
            if end < started_at {
                return Err(bad(Field::End));
            }
            at.ended_at = Some(end);
        }
    }
    at.intensity = intensity(cell(Field::Intensity)).ok_or_else(|| bad(Field::Intensity))?;
    let mut comment: Vec<String> = Vec::new();
    let mut unplaced = Vec::new();
    for item in items(cell(Field::Position)) {
        if !location(item, &mut at) {
            unplaced.push(item);
        }
    }
    if !unplaced.is_empty() {
        comment.push(format!(
            "{}: {}",
            name(Field::Position),
            unplaced.join(", ")
        ));
    }
    let mut notes = Vec::new();
    for item in items(cell(Field::Triggers)) {
        match trigger(item) {
            Some(t) if !at.triggers.contains(&t) => at.triggers.push(t),
            Some(_) => {}
            None => notes.push(item),
        }
    }
    at.trigger_note = (!notes.is_empty()).then(|| notes.join(", "));
    let mut other = Vec::new();
    for item in items(cell(Field::Symptoms)) {
        if !symptom(item, &mut at) {
            other.push(item);
        }
    }
    if !other.is_empty() {
        comment.push(format!("{}: {}", name(Field::Symptoms), other.join(", ")));
    }
    match cell(Field::Aura).to_lowercase().as_str() {
        "" => {}
        "yes" | "true" | "да" | "1" => add_aura(&mut at, Aura::Visual),
        "no" | "false" | "нет" | "0" => {
            if at.aura.is_empty() {
                at.aura = vec![Aura::None];
            }
        }
        other => comment.push(format!("{}: {other}", name(Field::Aura))),
    }
    let effect_cell = cell(Field::Effect);
    let effect = effect(effect_cell);
    if effect.is_none() && !effect_cell.is_empty() {
        comment.push(format!("{}: {effect_cell}", name(Field::Effect)));
    }
    let doses: Vec<Dose> = items(cell(Field::Medication))
        .map(|item| Dose {
            name: item
                .chars()
                .take(crate::domain::medication::NAME_MAX)
                .collect(),
            class: MedClass::Other,
            dose: None,
            taken_at: started_at,
            zone,
            effect,
            attack_key: None,
            created_at,
        })
        .collect();
    for (i, f) in columns.iter().enumerate() {
        let value = record.get(i).map(str::trim).filter(|v| !v.is_empty());
        if let (None, Some(v)) = (f, value) {
            comment.push(format!("{}: {v}", header[i]));
        }
    }
    let notes = cell(Field::Notes);
    if !notes.is_empty() {
        comment.insert(0, notes.to_owned());
    }
    at.comment = (!comment.is_empty()).then(|| comment.join("\n"));
    Ok(Record::Attack(Box::new(at), doses))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slashed_dates_follow_the_file_and_twelve_hour_times_read() {
        let utc: Tz = "UTC".parse().unwrap();
        let at = parse_time("03/05/2024 2:30 PM", Order::MonthFirst, utc).unwrap();
        assert_eq!(at.to_rfc3339(), "2024-03-05T14:30:00+00:00");
        let at = parse_time("03/05/2024 14:30", Order::DayFirst, utc).unwrap();
        assert_eq!(at.to_rfc3339(), "2024-05-03T14:30:00+00:00");
        let at = parse_time("05.03.2024 14:30", Order::DayFirst, utc).unwrap();
        assert_eq!(at.to_rfc3339(), "2024-03-05T14:30:00+00:00");
        assert!(parse_time("yesterday", Order::DayFirst, utc).is_none());
    }

    #[test]
    fn positions_sides_and_triggers_map() {
        let now = Utc::now();
        let mut at = Attack::new(0, now, "UTC".parse().unwrap(), now);
        assert!(location("Left temple", &mut at));
        assert!(location("Right eye", &mut at));
        assert!(!location("Jaw", &mut at));
        assert_eq!(at.side, Some(Side::Both));
        assert_eq!(at.locations, vec![Location::Temples, Location::BehindEyes]);
        assert_eq!(trigger("Lack of sleep"), Some(Trigger::PoorSleep));
        assert_eq!(trigger("Chocolate"), None);
    }
}
