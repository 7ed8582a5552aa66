//! Imports (issue 12): recognising a file a user sent and reading it into [`Record`]s.
//!
//! Four sources: headlog's own archive (JSON) and diary CSV, Migraine Buddy's CSV export
//! and Loop Habit Tracker's export (its ZIP, or `Habits.csv` and `Checkmarks.csv` sent
//! one by one). Parsers are synchronous and stream: they hand each record to a sink as
//! soon as it is read, so memory stays flat whatever the number of records (the file
//! itself is bounded by [`MAX_FILE_BYTES`]). A file that cannot be read whole is refused
//! with a [`Refusal`] naming the row or field; the caller writes nothing then (the
//! preview reads the whole file before anything is offered).
//!
//! Text files are UTF-8 (a byte order mark is dropped) or, when they are not valid UTF-8,
//! Windows-1251 (common among Russian Windows users), converted with `encoding_rs`.

pub mod archive;
pub mod diary_csv;
pub mod loop_habits;
pub mod migraine_buddy;

use crate::domain::attack::Attack;
use crate::domain::day::DayRecord;
use crate::domain::habits::{Habit, Mark};
use crate::domain::key_enum;
use crate::domain::medication::{Effect, MedClass};
use crate::domain::questionnaires::Answers;
use crate::domain::reminders::Prefs;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use std::borrow::Cow;

/// Telegram's download limit for bots (TELEGRAM.md): larger files cannot be fetched.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// The most a ZIP may inflate to (a "zip bomb" is refused, not unpacked).
pub const MAX_UNZIPPED_BYTES: u64 = 64 * 1024 * 1024;

key_enum!(
    /// What a file was recognised as.
    Source {
        Archive = "archive", DiaryCsv = "diary_csv", MigraineBuddy = "migraine_buddy",
        Loop = "loop",
    }
);

/// Why a whole file is refused: a translation key (`import-refused-<key>` below) and
/// where, when the file says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What went wrong (see [`Refusal`]'s constructors).
    pub key: RefusalKey,
    /// The row (CSV, counting the header as row 1) or line (JSON) it happened on.
    pub row: Option<u64>,
    /// The column or field.
    pub field: Option<String>,
}

key_enum!(
    /// The reasons a file is refused; each has its translated explanation.
    RefusalKey {
        Unknown = "unknown", TooBig = "too_big", BadRow = "bad_row", BadValue = "bad_value",
        BadJson = "bad_json", NewerSchema = "newer_schema", BadZip = "bad_zip",
        Empty = "empty",
    }
);

impl Refusal {
    /// A refusal without a place.
    pub fn new(key: RefusalKey) -> Self {
        Refusal {
            key,
            row: None,
            field: None,
        }
    }

    /// A value that does not read as its column's: row and field named.
    pub fn value(row: u64, field: &str) -> Self {
        Refusal {
            key: RefusalKey::BadValue,
            row: Some(row),
            field: Some(field.to_owned()),
        }
    }

    /// A row that breaks the file's structure (wrong number of fields, bad quoting).
    pub fn row(row: u64) -> Self {
        Refusal {
            key: RefusalKey::BadRow,
            row: Some(row),
            field: None,
        }
    }
}

/// The result of a parser step: a record accepted, or the file refused.
pub type Parsed<T> = Result<T, Refusal>;

/// One dose as a file gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Dose {
    /// The medication's name.
    pub name: String,
    /// Its class (`other` when the file does not say).
    pub class: MedClass,
    /// Dose text.
    pub dose: Option<String>,
    /// When it was taken.
    pub taken_at: DateTime<Utc>,
    /// The zone it was recorded in.
    pub zone: Tz,
    /// Its effect, when known.
    pub effect: Option<Effect>,
    /// The source's id of the attack it was taken for (the archive's `attack_id`).
    pub attack_key: Option<i64>,
    /// When it was created in the source (else when it was taken).
    pub created_at: DateTime<Utc>,
}

/// The settings an archive carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Time zone.
    pub zone: Option<Tz>,
    /// The evening check-in's time.
    pub checkin_time: Option<NaiveTime>,
    /// Menstruation tracking.
    pub track_menstruation: Option<bool>,
    /// The start of the habit day.
    pub habit_day_start: Option<NaiveTime>,
    /// Reminder settings.
    pub reminders: Option<Prefs>,
}

/// A habit reminder: a local time on weekdays (bit 0 Monday … bit 6 Sunday).
pub type Reminder = (NaiveTime, u8);

/// A habit day's entry: its mark (or none) and note.
pub type Entry = (NaiveDate, Option<Mark>, Option<String>);

/// One record read from a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// Settings (archives only).
    Settings(Box<Settings>),
    /// A medication of the list.
    Medication {
        /// Name.
        name: String,
        /// Class.
        class: MedClass,
        /// Usual dose.
        usual_dose: Option<String>,
    },
    /// An attack (its `id` is the source's, or 0) and the doses taken for it.
    Attack(Box<Attack>, Vec<Dose>),
    /// A dose on its own (or for an attack named by `attack_key`).
    Dose(Dose),
    /// A day record (its `id` unused).
    Day(DayRecord),
    /// A questionnaire result.
    Questionnaire(Answers, DateTime<Utc>, Tz),
    /// A habit (its `id` unused) with its reminders and marks.
    Habit(
        Box<Habit>,
        Vec<Reminder>,
        Vec<(NaiveDate, Option<Mark>, Option<String>)>,
    ),
    /// Loop's Checkmarks.csv value for the habit named so (read by that habit's kind).
    Mark(String, NaiveDate, i64),
    /// A row read but left out, and why.
    Skipped(SkipReason),
    /// Columns of the file no field holds; their values go to the comment.
    KeptColumns(Vec<String>),
}

key_enum!(
    /// Why a readable row is left out (the preview counts them by reason; records already
    /// in the diary are counted apart, as known).
    SkipReason {
        /// A row with nothing in it.
        Empty = "empty",
        /// A mark for a habit the file (or the diary) does not have.
        UnknownHabit = "unknown_habit",
        /// A day Loop only shows as done because its period is complete: no mark of its own.
        AutoMark = "auto_mark",
    }
);

/// Where the parsed records go; an `Err` stops the parser (the reader went away).
pub trait Sink {
    /// Takes one record.
    fn put(&mut self, record: Record) -> Result<(), Stopped>;
}

/// The sink stopped taking records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped;

impl<F: FnMut(Record) -> Result<(), Stopped>> Sink for F {
    fn put(&mut self, record: Record) -> Result<(), Stopped> {
        self(record)
    }
}

/// Why parsing ended early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The file was refused.
    Refused(Refusal),
    /// The sink stopped.
    Stopped,
}

impl From<Refusal> for Failure {
    fn from(r: Refusal) -> Self {
        Failure::Refused(r)
    }
}

impl From<Stopped> for Failure {
    fn from(_: Stopped) -> Self {
        Failure::Stopped
    }
}

/// What the parser needs beside the bytes.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// The user's zone: times a file gives without an offset are read in it.
    pub zone: Tz,
    /// The user's habit day today (a habit without marks starts on it).
    pub today: NaiveDate,
    /// Now: what an imported habit without a creation time was created at.
    pub now: DateTime<Utc>,
}

/// Text of a file: UTF-8 without its byte order mark, or Windows-1251 converted.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            encoding_rs::WINDOWS_1251
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// Recognises the file's source from its content (a name or extension says nothing reliable).
pub fn detect(bytes: &[u8]) -> Option<Source> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(Source::Loop);
    }
    let head = &bytes[..bytes.len().min(4096)];
    let text = decode(head);
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        return Some(Source::Archive);
    }
    let first_line = trimmed.lines().next().unwrap_or("");
    let header = csv_header(first_line);
    if header.len() == crate::domain::export::COLUMNS.len()
        && header
            .iter()
            .zip(crate::domain::export::COLUMNS)
            .all(|(a, b)| a == b)
    {
        return Some(Source::DiaryCsv);
    }
    let second_line = trimmed.lines().nth(1).unwrap_or("");
    if loop_habits::recognises(&header, second_line) {
        return Some(Source::Loop);
    }
    if migraine_buddy::recognises(&header) {
        return Some(Source::MigraineBuddy);
    }
    None
}

fn csv_header(line: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    reader
        .records()
        .next()
        .and_then(Result::ok)
        .map(|r| r.iter().map(|c| c.trim().to_owned()).collect())
        .unwrap_or_default()
}

/// Reads `bytes` as `source`, handing each record to `sink`.
pub fn parse(
    source: Source,
    bytes: &[u8],
    ctx: Context,
    sink: &mut dyn Sink,
) -> Result<(), Failure> {
    // The size is the downloader's to limit (MAX_FILE_BYTES): the parsers stream, so the
    // benchmark reads larger files than Telegram hands over.
    match source {
        Source::Archive => archive::parse(bytes, sink),
        Source::DiaryCsv => diary_csv::parse(&decode(bytes), sink),
        Source::MigraineBuddy => migraine_buddy::parse(&decode(bytes), ctx, sink),
        Source::Loop => loop_habits::parse(bytes, ctx, sink),
    }
}

/// A CSV reader over text that keeps each row's line number.
pub(crate) fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .trim(csv::Trim::None)
        .from_reader(text.as_bytes())
}

/// The data rows of a CSV text, each with the line it starts on.
pub(crate) struct Rows<'t> {
    reader: csv::Reader<&'t [u8]>,
    lines: Lines<'t>,
    record: csv::StringRecord,
}

impl<'t> Rows<'t> {
    /// The rows of `text`, after its header.
    pub(crate) fn new(text: &'t str) -> Self {
        Rows {
            reader: csv_reader(text),
            lines: Lines::new(text),
            record: csv::StringRecord::new(),
        }
    }

    /// The header's cells, trimmed.
    pub(crate) fn header(&mut self) -> Parsed<Vec<String>> {
        match self.reader.headers() {
            Ok(h) => Ok(h.iter().map(|c| c.trim().to_owned()).collect()),
            Err(e) => Err(self.lines.refusal(&e)),
        }
    }

    /// The next row and its line; a row that breaks the file is refused by its line.
    pub(crate) fn next(&mut self) -> Parsed<Option<(&csv::StringRecord, u64)>> {
        match self.reader.read_record(&mut self.record) {
            Ok(false) => Ok(None),
            Ok(true) => {
                let line = self.lines.of(&self.record);
                Ok(Some((&self.record, line)))
            }
            Err(e) => Err(self.lines.refusal(&e)),
        }
    }
}

/// Line numbers of byte offsets into a text, counted as the reader moves forward (the csv
/// crate's own line count leaves blank lines out, which a user counting rows would not).
pub(crate) struct Lines<'t> {
    text: &'t [u8],
    byte: usize,
    line: u64,
}

impl<'t> Lines<'t> {
    /// A counter at the start of `text`.
    pub(crate) fn new(text: &'t str) -> Self {
        Lines {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    /// The line `byte` is on (offsets must not go backwards).
    /// (The csv crate places a record at the line end before it: the first character at
    /// or after `byte` that ends no line is the one counted.)
    pub(crate) fn at(&mut self, byte: u64) -> u64 {
        let mut to = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while to < self.text.len() && matches!(self.text[to], b'\r' | b'\n') {
            to += 1;
        }
        if to > self.byte {
            self.line += self.text[self.byte..to]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            self.byte = to;
        }
        self.line
    }

    /// The line a record starts on.
    pub(crate) fn of(&mut self, record: &csv::StringRecord) -> u64 {
        let byte = record.position().map_or(self.byte as u64, |p| p.byte());
        self.at(byte)
    }

    /// The refusal of a CSV error: the row it happened on.
    pub(crate) fn refusal(&mut self, e: &csv::Error) -> Refusal {
        let row = match e.position() {
            Some(p) => self.at(p.byte()),
            None => self.line + 1,
        };
        Refusal::row(row)
    }
}

/// A local time without offset read in `zone` (a gap hour moves forward, an ambiguous one
/// takes the earlier instant, as MODEL.md resolves typed times).
pub(crate) fn local(naive: NaiveDateTime, zone: Tz) -> DateTime<Utc> {
    crate::domain::localtime::resolve(naive, zone)
}

/// An RFC 3339 time, or a local one (`YYYY-MM-DD HH:MM[:SS]`, `T` or space) in `zone`.
pub(crate) fn time(text: &str, zone: Tz) -> Option<DateTime<Utc>> {
    let t = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Some(at.with_timezone(&Utc));
    }
    for format in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(t, format) {
            return Some(local(naive, zone));
        }
    }
    None
}

/// An optional boolean cell: empty is unknown.
pub(crate) fn opt_bool(cell: &str) -> Result<Option<bool>, ()> {
    match cell.trim() {
        "" => Ok(None),
        "true" => Ok(Some(true)),
        "false" => Ok(Some(false)),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1251_is_converted_and_utf8_kept() {
        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode("Дата,Боль");
        assert_eq!(decode(&cp), "Дата,Боль");
        assert_eq!(decode("\u{feff}Дата".as_bytes()), "Дата");
    }

    #[test]
    fn sources_are_recognised_by_their_first_bytes() {
        assert_eq!(detect(b"PK\x03\x04rest"), Some(Source::Loop));
        assert_eq!(detect(b"  {\"format\":1}"), Some(Source::Archive));
        let header = crate::domain::export::COLUMNS.join(",");
        assert_eq!(
            detect(format!("\u{feff}{header}\n").as_bytes()),
            Some(Source::DiaryCsv)
        );
        assert_eq!(detect(b"hello world"), None);
        assert_eq!(detect(&[0xff, 0x00, 0x12]), None);
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn a_broken_row_is_named_by_its_line_blank_lines_counted() {
        let text = "a,b\r\n1,2\r\n\r\n3,4\r\n5,6,7\r\n";
        let mut reader = csv_reader(text);
        let mut lines = Lines::new(text);
        let mut record = csv::StringRecord::new();
        let mut seen = Vec::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => seen.push(lines.of(&record)),
                Err(e) => {
                    seen.push(lines.refusal(&e).row.unwrap());
                    break;
                }
            }
        }
        assert_eq!(seen, vec![2, 4, 5]);
    }
}

/// The fuzz targets' property on stable Rust, in CI: sample files of every source,
/// mutated many times over (bytes flipped, cut, repeated, inserted), are read or refused,
/// never panic. (`fuzz/` holds the libFuzzer targets for longer runs.)
#[cfg(test)]
mod mutation_tests {
    use super::*;
    use std::io::Write;

    fn samples() -> Vec<(Source, Vec<u8>)> {
        let archive = r#"{"format":"headlog-archive","schema_version":1,
            "settings":{"language":"en","time_zone":"Europe/Berlin","checkin_time":"21:00",
              "track_menstruation":false,"habit_day_start":"00:00","reminders":null},
            "medications":[{"id":1,"name":"Ibuprofen","class":"nsaid","usual_dose":"400 mg"}],
            "attacks":[{"id":4,"started_at":"2026-01-02T10:00:00+01:00","ended_at":null,
              "end_unknown":true,"zone":"Europe/Berlin","intensity":6,"locations":["temples"],
              "side":"left","character":null,"worse_with_activity":null,"nausea":"slight",
              "vomiting":null,"light_sensitivity":true,"sound_sensitivity":null,"aura":[],
              "aura_min":null,"triggers":["stress"],"trigger_note":null,"disability":null,
              "comment":"x","created_at":"2026-01-02T10:00:00+01:00","updated_at":"2026-01-02T10:00:00+01:00"}],
            "doses":[{"id":2,"medication_id":1,"name":"Ibuprofen","class":"nsaid","dose":null,
              "taken_at":"2026-01-02T10:30:00+01:00","zone":"Europe/Berlin","attack_id":4,"effect":"full"}],
            "days":[{"id":3,"day":"2026-01-03","zone":"Europe/Berlin","headache_free":true,
              "menstruation":null,"comment":null,"created_at":"2026-01-03T21:00:00+01:00","updated_at":"2026-01-03T21:00:00+01:00"}],
            "questionnaires":[{"id":5,"instrument":"midas","answers":["1","2","3","4","5"],"score":15,
              "taken_at":"2026-01-04T10:00:00+01:00","zone":"Europe/Berlin"}],
            "habits":[{"id":6,"name":"Walk","description":null,"kind":"yes_no","unit":null,"target":null,
              "numerator":3,"denominator":7,"goal_days":null,"factor":null,"routine":null,"position":1,
              "start_day":"2026-01-01","archived_at":null,"goal_met_at":null,"created_at":"2026-01-01T08:00:00+01:00",
              "reminders":[{"time":"07:15","weekdays":["mon"]}],
              "marks":[{"day":"2026-01-02","status":"done","value":null,"note":"park"}]}]}"#;
        let mut diary = crate::domain::export::COLUMNS.join(",");
        diary.push_str("\nattack,a1,2026-01-02T10:00:00+01:00,2026-01-02T12:00:00+01:00,120,Europe/Berlin,6,temples;eyes,left,pulsating,true,slight,false,true,false,visual,20,stress;red\\; wine,Ibuprofen|nsaid|400 mg|2026-01-02T10:30:00+01:00|partial,reduced,,,'=x,2026-01-02T10:00:00+01:00,2026-01-02T10:00:00+01:00\n");
        diary.push_str("day,d2,2026-01-03T00:00:00+01:00,,,Europe/Berlin,,,,,,,,,,,,,,,true,,quiet,2026-01-03T21:00:00+01:00,2026-01-03T21:00:00+01:00\n");
        let mb = "Start Time,End Time,Pain Level,Pain Position,Triggers,Symptoms,Medication,Medication Effect,Notes,Weather\n\
            03/14/2024 2:30 PM,03/14/2024 9:00 PM,7,\"Left temple, Right eye\",Stress,Nausea,Ibuprofen,Helpful,ok,Rainy\n";
        let habits = "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?\n\
            001,Meditate,YES_NO,,,3,7,#FF8F00,,,,false\n002,Water,NUMERICAL,,,1,1,#039BE5,glasses,AT_LEAST,8,false\n";
        let checks = "Date,Meditate,Water\n2024-03-03,2,8000\n2024-03-02,1,-1\n2024-03-01,3,5500\n";
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in [("Habits.csv", habits), ("Checkmarks.csv", checks)] {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        let zip = zip.finish().unwrap().into_inner();
        vec![
            (Source::Archive, archive.as_bytes().to_vec()),
            (Source::DiaryCsv, diary.into_bytes()),
            (Source::MigraineBuddy, mb.as_bytes().to_vec()),
            (Source::Loop, habits.as_bytes().to_vec()),
            (Source::Loop, checks.as_bytes().to_vec()),
            (Source::Loop, zip),
        ]
    }

    fn ctx() -> Context {
        let now = DateTime::from_timestamp(1_773_133_200, 0).unwrap();
        Context {
            zone: chrono_tz::Europe::Berlin,
            today: now.date_naive(),
            now,
        }
    }

    fn count(source: Source, bytes: &[u8]) -> Result<usize, Failure> {
        let mut n = 0;
        let mut sink = |_: Record| {
            n += 1;
            Ok(())
        };
        parse(source, bytes, ctx(), &mut sink).map(|()| n)
    }

    #[test]
    fn the_samples_read_whole() {
        for (source, bytes) in samples() {
            assert_eq!(detect(&bytes), Some(source));
            let n = count(source, &bytes).unwrap_or_else(|e| panic!("{source:?}: {e:?}"));
            assert!(n > 0, "{source:?}");
        }
    }

    #[test]
    fn mutated_samples_are_read_or_refused_never_panic() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for (source, sample) in samples() {
            for _ in 0..1500 {
                let mut bytes = sample.clone();
                for _ in 0..(1 + next() % 4) {
                    let len = bytes.len().max(1);
                    let at = (next() as usize) % len;
                    match next() % 5 {
                        0 if !bytes.is_empty() => {
                            let i = at.min(bytes.len() - 1);
                            bytes[i] = next() as u8;
                        }
                        1 => bytes.truncate(at),
                        2 => bytes.insert(at.min(bytes.len()), next() as u8),
                        3 => {
                            let end = (at + (next() as usize % 64)).min(bytes.len());
                            let span = bytes[at.min(end)..end].to_vec();
                            bytes.splice(at.min(end)..at.min(end), span);
                        }
                        _ => {
                            let pick = [b',', b'"', b'\n', b'{', b'}', b'[', b':', 0xD0, 0xFF];
                            bytes.insert(at.min(bytes.len()), pick[next() as usize % pick.len()]);
                        }
                    }
                }
                let _ = detect(&bytes);
                match count(source, &bytes) {
                    Ok(_) | Err(Failure::Refused(_)) => {}
                    Err(Failure::Stopped) => panic!("the sink never stops here"),
                }
            }
        }
    }
}
