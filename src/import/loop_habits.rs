//! Loop Habit Tracker's export (iSoron/uhabits, `HabitsCSVExporter` and
//! `HabitList.writeCSV`, `Entry` for the values): a ZIP holding `Habits.csv`,
//! `Checkmarks.csv` and `Scores.csv` (and a folder per habit), or those CSVs sent one by
//! one.
//!
//! - `Habits.csv`: `Position,Name,Type,Question,Description,FrequencyNumerator,
//!   FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?` (Loop 2.x; 1.x
//!   wrote `Position,Name,Question,Description,NumRepetitions,Interval,Color`). Columns are
//!   read by name; headlog's own export adds `Factor`, `Routine` and `Goal Days`.
//! - `Checkmarks.csv`: `Date,<habit name>…`, newest day first, one value per habit:
//!   `2` done (YES_MANUAL), `1` done only because the period is complete (YES_AUTO: not a
//!   mark of its own, skipped), `0` not done, `-1` no entry, `3` skipped; a numeric habit's
//!   value in thousandths.
//! - `Scores.csv` is derived and not read.
//!
//! A habit's start is its first marked day (or today). `Checkmarks.csv` alone marks the
//! habits of the diary with those names; a column naming no habit is skipped (send the ZIP
//! or `Habits.csv` first).

use super::{
    Context, Failure, MAX_UNZIPPED_BYTES, Parsed, Record, Refusal, RefusalKey, Rows, Sink,
    SkipReason, decode,
};
use crate::domain::habits::{self, Direction, Factor, Frequency, Habit, Kind, Mark};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::io::Read;

/// True for the header of Habits.csv, or of Checkmarks.csv (`Date` and a dated first row).
pub fn recognises(header: &[String], second_line: &str) -> bool {
    if header.len() >= 2 && header[0] == "Position" && header[1] == "Name" {
        return true;
    }
    header.first().is_some_and(|h| h == "Date") && header.len() >= 2 && checkmark_row(second_line)
}

fn checkmark_row(line: &str) -> bool {
    let mut cells = line.trim().split(',');
    cells
        .next()
        .is_some_and(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
        && cells.all(|c| c.trim().parse::<i64>().is_ok())
}

/// The habits of Habits.csv (each starting today until its marks say otherwise).
fn habits_csv(text: &str, ctx: Context) -> Parsed<Vec<Habit>> {
    let mut csv = Rows::new(text);
    let header = csv.header()?;
    let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let name_col = col("Name").ok_or_else(|| Refusal::new(RefusalKey::Unknown))?;
    let mut rows = Vec::new();
    while let Some((record, line)) = csv.next()? {
        let cell = |name: &str| {
            col(name)
                .and_then(|i| record.get(i))
                .map(str::trim)
                .unwrap_or("")
        };
        let bad = |name: &str| Refusal::value(line, name);
        let name = record.get(name_col).unwrap_or("").trim().to_owned();
        if name.is_empty() || name.chars().count() > habits::NAME_MAX {
            return Err(bad("Name"));
        }
        let number = |name: &str, default: u32| -> Parsed<u32> {
            match cell(name) {
                "" => Ok(default),
                n => n.parse().map_err(|_| bad(name)),
            }
        };
        let (numerator, denominator) = if col("FrequencyNumerator").is_some() {
            (
                number("FrequencyNumerator", 1)?,
                number("FrequencyDenominator", 1)?,
            )
        } else {
            (number("NumRepetitions", 1)?, number("Interval", 1)?)
        };
        if numerator == 0 || denominator == 0 || numerator > denominator {
            return Err(bad("FrequencyNumerator"));
        }
        let kind = match cell("Type") {
            "" | "YES_NO" | "0" => Kind::YesNo,
            "NUMERICAL" | "1" => {
                let target: f64 = cell("Target Value")
                    .parse()
                    .map_err(|_| bad("Target Value"))?;
                if !(target > 0.0 && target.is_finite()) {
                    return Err(bad("Target Value"));
                }
                let direction = match cell("Target Type") {
                    "" | "AT_LEAST" | "0" => Direction::AtLeast,
                    "AT_MOST" | "1" => Direction::AtMost,
                    _ => return Err(bad("Target Type")),
                };
                Kind::Numeric { target, direction }
            }
            _ => return Err(bad("Type")),
        };
        let text = |name: &str| Some(cell(name).to_owned()).filter(|t| !t.is_empty());
        let description = match (text("Question"), text("Description")) {
            (Some(q), Some(d)) => Some(format!("{q}\n{d}")),
            (q, d) => q.or(d),
        };
        let archived = matches!(cell("Archived?"), "true" | "TRUE" | "1");
        let position = cell("Position").parse().unwrap_or(rows.len() as i64 + 1);
        rows.push(Habit {
            id: 0,
            user_id: 0,
            name,
            description,
            kind,
            unit: text("Unit"),
            freq: Frequency {
                numerator,
                denominator,
            },
            goal_days: match cell("Goal Days") {
                "" => None,
                g => Some(g.parse().map_err(|_| bad("Goal Days"))?),
            },
            factor: match cell("Factor") {
                "" => None,
                f => Some(Factor::from_key(f).ok_or_else(|| bad("Factor"))?),
            },
            routine: text("Routine"),
            position,
            start_day: ctx.today,
            archived_at: archived.then_some(ctx.now),
            goal_met_at: None,
            created_at: ctx.now,
        });
    }
    Ok(rows)
}

/// A Checkmarks.csv value as a mark for a habit of `kind` (`None`: no mark that day), or
/// the skip reason for Loop's automatic "done by period".
pub(crate) fn mark(value: i64, kind: Option<Kind>) -> Result<Option<Mark>, SkipReason> {
    match kind {
        Some(Kind::Numeric { .. }) => match value {
            v if v < 0 => Ok(None),
            v => Ok(Some(Mark::Value(v as f64 / 1000.0))),
        },
        _ => match value {
            2 => Ok(Some(Mark::Done)),
            3 => Ok(Some(Mark::Skipped)),
            1 => Err(SkipReason::AutoMark),
            _ => Ok(None),
        },
    }
}

/// Reads Checkmarks.csv: each mark goes to `put` with its column's name.
fn checkmarks(
    text: &str,
    kinds: &HashMap<String, Kind>,
    mut put: impl FnMut(&str, NaiveDate, i64, Result<Option<Mark>, SkipReason>) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let mut rows = Rows::new(text);
    let header = rows.header()?;
    if header.first().map(String::as_str) != Some("Date") {
        return Err(Refusal::new(RefusalKey::Unknown).into());
    }
    while let Some((record, line)) = rows.next()? {
        let day = NaiveDate::parse_from_str(record.get(0).unwrap_or("").trim(), "%Y-%m-%d")
            .map_err(|_| Refusal::value(line, "Date"))?;
        for (i, name) in header.iter().enumerate().skip(1) {
            let cell = record.get(i).unwrap_or("").trim();
            if cell.is_empty() {
                continue;
            }
            let value: i64 = cell.parse().map_err(|_| Refusal::value(line, name))?;
            put(name, day, value, mark(value, kinds.get(name).copied()))?;
        }
    }
    Ok(())
}

fn unzip(bytes: &[u8]) -> Parsed<(Option<String>, Option<String>)> {
    let bad = || Refusal::new(RefusalKey::BadZip);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| bad())?;
    let mut total = 0u64;
    let mut read = |name: &str| -> Parsed<Option<String>> {
        let Ok(mut file) = zip.by_name(name) else {
            return Ok(None);
        };
        let mut out = Vec::new();
        let limit = MAX_UNZIPPED_BYTES.saturating_sub(total);
        (&mut file)
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|_| bad())?;
        total += out.len() as u64;
        if total > MAX_UNZIPPED_BYTES {
            return Err(Refusal::new(RefusalKey::TooBig));
        }
        Ok(Some(decode(&out).into_owned()))
    };
    let habits = read("Habits.csv")?;
    let checks = read("Checkmarks.csv")?;
    if habits.is_none() && checks.is_none() {
        return Err(Refusal::new(RefusalKey::Unknown));
    }
    Ok((habits, checks))
}

/// Reads Loop's ZIP, Habits.csv or Checkmarks.csv.
pub fn parse(bytes: &[u8], ctx: Context, sink: &mut dyn Sink) -> Result<(), Failure> {
    let (habits_text, checks_text) = if bytes.starts_with(b"PK\x03\x04") {
        unzip(bytes)?
    } else {
        let text = decode(bytes);
        if text.trim_start().starts_with("Position") {
            (Some(text.into_owned()), None)
        } else {
            (None, Some(text.into_owned()))
        }
    };
    let Some(habits_text) = habits_text else {
        // Checkmarks.csv alone: marks for habits named so (the importer finds them).
        let text = checks_text.unwrap_or_default();
        return checkmarks(&text, &HashMap::new(), |name, day, value, _| {
            sink.put(Record::Mark(name.to_owned(), day, value))?;
            Ok(())
        });
    };
    let rows = habits_csv(&habits_text, ctx)?;
    let kinds: HashMap<String, Kind> = rows.iter().map(|r| (r.name.clone(), r.kind)).collect();
    let mut marks: HashMap<String, Vec<super::Entry>> = HashMap::new();
    let mut skipped = Vec::new();
    if let Some(text) = checks_text {
        checkmarks(&text, &kinds, |name, day, _, m| {
            match m {
                Ok(Some(mark)) if kinds.contains_key(name) => {
                    marks
                        .entry(name.to_owned())
                        .or_default()
                        .push((day, Some(mark), None));
                }
                Ok(Some(_)) => skipped.push(SkipReason::UnknownHabit),
                Ok(None) => {}
                Err(reason) => skipped.push(reason),
            }
            Ok(())
        })?;
    }
    for reason in skipped {
        sink.put(Record::Skipped(reason))?;
    }
    for mut row in rows {
        let mut mine = marks.remove(&row.name).unwrap_or_default();
        mine.sort_by_key(|(d, _, _)| *d);
        if let Some((first, _, _)) = mine.first() {
            row.start_day = (*first).min(ctx.today);
        }
        sink.put(Record::Habit(Box::new(row), Vec::new(), mine))?;
    }
    Ok(())
}
