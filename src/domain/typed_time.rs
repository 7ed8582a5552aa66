//! Parsing of the times a user types into the diary, in English and Russian.
//!
//! [`parse_typed_time`] turns a short phrase such as `yesterday 22:00`,
//! `вчера в 22:00`, `2h ago` or `31.01 08:00` into an instant. The phrase is
//! read on the user's wall clock (an IANA zone) relative to a given `now`.
//! Matching is case-insensitive; the input is trimmed and runs of whitespace
//! count as one space.
//!
//! # Accepted forms
//!
//! | form | English | Russian |
//! |---|---|---|
//! | the current minute | `now` | `сейчас` |
//! | a bare time | `14:30`, `14.30`, `9:05`, `at 14:30` | `в 14:30` |
//! | a day word and a time | `today 14:30`, `yesterday 22:00`, `yesterday at 22:00`, `day before yesterday 10:00` | `сегодня 14:30`, `вчера в 22:00`, `позавчера 10:00` |
//! | an amount ago | `2h ago`, `2 h ago`, `2 hours ago`, `an hour ago`, `30m ago`, `30 min ago`, `1h30m ago`, `1h 30m ago`, `2 days ago` | `2ч назад`, `2 часа назад`, `час назад`, `полчаса назад`, `30 мин назад`, `1 минуту назад`, `1ч 30м назад`, `2 дня назад`, `сутки назад` |
//! | a date and a time | `31.01 08:00`, `31.01.2026 08:00`, `31.01.26 08:00`, `2026-01-31 08:00`, `2026-01-31T08:00`, `31.01 at 08:00` | `31.01 в 08:00` |
//!
//! Amounts use the units minutes (`m`, `min`, `mins`, `minute`, `minutes`,
//! `м`, `мин`, `минута`, `минуту`, `минуты`, `минут`), hours (`h`, `hr`,
//! `hrs`, `hour`, `hours`, `ч`, `час`, `часа`, `часов`) and days (`d`, `day`,
//! `days`, `д`, `дн`, `день`, `дня`, `дней`, `сутки`, `суток`), in whole
//! numbers, largest unit first, each unit at most once; a Russian abbreviation
//! may end in a dot (`30 мин. назад`).
//!
//! Not accepted (the answer is [`TimeParseError::Unrecognised`]): a day word or
//! a date without a time (`yesterday`, `вчера`, `31.01.2026`), a lone hour
//! (`14`), four digits (`0930`), fractions (`1.5h ago`), slashed dates
//! (`31/01`: day/month and month/day order differ between languages), and
//! anything else.
//!
//! # How ambiguity is resolved
//!
//! - A bare time is its most recent occurrence at or before now: today if that
//!   minute has come (or is the current one), otherwise yesterday.
//! - Day words are taken literally: `today 23:00` typed at 10:00 is today at
//!   23:00, in the future. Callers refuse future instants where they must.
//! - A day and month without a year is its most recent occurrence at or before
//!   today's local date (on 2026-01-05, `31.12` is 2025-12-31); `29.02` is the
//!   latest leap day, up to eight years back. A two-digit year is in the 2000s.
//! - A lone `dd.mm` is read as a clock time (`12.05` is 12:05). When it cannot
//!   be a time but is a valid day and month (`31.12`), it is a date without a
//!   time and therefore unrecognised.
//! - An amount ago is exact instant arithmetic: a day is 24 hours.
//! - A local time that daylight saving skips moves to the first minute after
//!   the gap (Europe/Berlin 2026-03-29 02:30 is 03:00 local); a local time
//!   that happens twice takes the earlier instant (summer time).
//! - Checks run in this order: length, emptiness, shape (anything that fits no
//!   form is unrecognised), the calendar date, the clock time, and finally how
//!   far back the instant is (before 1970 in local terms, or more than ten
//!   years before now, is too far back).
//!
//! The result is always a whole minute: of the user's wall clock for times of day and
//! dates, of UTC for `now` and amounts ago. The two differ only in the few historical
//! zones whose offset had seconds (Africa/Monrovia was UTC−0:44:30 until 1972): there
//! `04:22` stays 04:22 local, which is 05:06:30 UTC. Nanoseconds are always zero.

use std::fmt;

use super::localtime;
use chrono::{
    DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta,
    TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;

/// The longest input, in characters, that is parsed at all.
const MAX_INPUT_CHARS: usize = 64;
/// How far back, in months, a typed time may lie before now.
const MAX_MONTHS_BACK: u32 = 10 * 12;
/// The earliest local year accepted.
const EARLIEST_YEAR: i32 = 1970;
/// How many years back a day and month without a year is looked for.
const YEARS_SEARCHED_BACK: i32 = 8;
/// A leap year, for checking that a day and month exist in some year.
const LEAP_YEAR: i32 = 2000;

/// Why a typed time could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeParseError {
    /// The input is empty or only whitespace.
    Empty,
    /// The input fits none of the accepted forms.
    Unrecognised,
    /// The clock time does not exist, such as `25:00` or `14:61`.
    InvalidTime,
    /// The calendar date does not exist, such as `31.02`, `29.02.2027` or month 13.
    InvalidDate,
    /// The input is longer than 64 characters (Unicode scalar values).
    TooLong,
    /// The instant lies before 1970 or more than ten years before now.
    TooFarBack,
}

impl TimeParseError {
    /// The translation key of the message that explains this error to the user.
    pub fn key(self) -> &'static str {
        match self {
            Self::Empty => "time-error-empty",
            Self::Unrecognised => "time-error-unrecognised",
            Self::InvalidTime => "time-error-invalid-time",
            Self::InvalidDate => "time-error-invalid-date",
            Self::TooLong => "time-error-too-long",
            Self::TooFarBack => "time-error-too-far-back",
        }
    }
}

impl fmt::Display for TimeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl std::error::Error for TimeParseError {}

/// Reads a time the user typed, in English or Russian, as an instant.
///
/// `input` is read on the wall clock of `zone` relative to `now`; see the
/// module documentation for the accepted forms and how ambiguity is resolved.
/// The result is truncated to the minute. Future instants are returned as
/// they are: whether they are allowed is the caller's decision.
///
/// # Errors
///
/// Returns a [`TimeParseError`] saying why the input could not be read. The
/// checks run in the order listed in the module documentation. A `now` so
/// close to the limits of `chrono` that its local date in `zone` cannot be
/// represented gives [`TimeParseError::InvalidDate`].
pub fn parse_typed_time(
    input: &str,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<DateTime<Utc>, TimeParseError> {
    if input.chars().nth(MAX_INPUT_CHARS).is_some() {
        return Err(TimeParseError::TooLong);
    }
    let lowered = input.to_lowercase();
    let words: Vec<&str> = lowered.split_whitespace().collect();
    if words.is_empty() {
        return Err(TimeParseError::Empty);
    }
    let phrase = parse_phrase(&words).ok_or(TimeParseError::Unrecognised)?;
    let clock = Clock::new(now, zone)?;
    let instant = match phrase {
        Phrase::Now => clock.now,
        Phrase::Ago(parts) => clock.before_now(&parts)?,
        Phrase::At { day, time } => clock.at(day, time)?,
    };
    clock.ensure_not_too_far_back(instant)
}

// ---------------------------------------------------------------------------
// Shapes: what the user typed, before any value is checked.
// ---------------------------------------------------------------------------

/// The recognised shape of a whole input.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Phrase {
    /// `now`, `сейчас`.
    Now,
    /// An amount before now, largest unit first.
    Ago(Vec<Part>),
    /// A clock time on some day.
    At { day: DaySpec, time: ClockTime },
}

/// Which day a clock time is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DaySpec {
    /// No day given: the most recent occurrence of the time.
    Latest,
    /// A day word: this many days before today.
    DaysBack(u64),
    /// A day and month without a year.
    DayMonth { day: u32, month: u32 },
    /// A full calendar date.
    Date { year: i32, month: u32, day: u32 },
}

/// An hour and minute as typed, not yet checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ClockTime {
    hour: u32,
    minute: u32,
    /// Whether hour and minute were separated by a dot, as in a date.
    dotted: bool,
}

/// One component of an amount, such as the `30m` in `1h 30m ago`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    /// The number of units; `None` when the number is too large to hold.
    amount: Option<u64>,
    unit: Unit,
}

/// A unit of an amount, ordered from smallest to largest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Minute,
    Hour,
    Day,
}

impl Unit {
    fn minutes(self) -> i64 {
        match self {
            Self::Minute => 1,
            Self::Hour => 60,
            Self::Day => 24 * 60,
        }
    }
}

/// A piece of one whitespace-separated word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    /// A run of ASCII digits.
    Number(&'a str),
    /// A run of letters, in any script.
    Word(&'a str),
    /// Any other single character.
    Symbol(char),
}

/// Splits a word into runs of digits, runs of letters and single symbols.
fn lex(word: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut rest = word;
    while let Some(first) = rest.chars().next() {
        let (token, tail) = if first.is_ascii_digit() {
            let (number, tail) = split_run(rest, |c| c.is_ascii_digit());
            (Token::Number(number), tail)
        } else if first.is_alphabetic() {
            let (letters, tail) = split_run(rest, char::is_alphabetic);
            (Token::Word(letters), tail)
        } else {
            (Token::Symbol(first), rest.split_at(first.len_utf8()).1)
        };
        tokens.push(token);
        rest = tail;
    }
    tokens
}

/// Splits `text` after the longest prefix whose characters all match.
fn split_run(text: &str, matches: impl Fn(char) -> bool) -> (&str, &str) {
    let end = text
        .char_indices()
        .find(|&(_, c)| !matches(c))
        .map_or(text.len(), |(index, _)| index);
    text.split_at(end)
}

/// Reads a number of `min_len..=max_len` digits.
fn digits(text: &str, min_len: usize, max_len: usize) -> Option<u32> {
    if (min_len..=max_len).contains(&text.len()) {
        text.parse().ok()
    } else {
        None
    }
}

/// Finds the shape of a whole input, given as lower-case words.
fn parse_phrase(words: &[&str]) -> Option<Phrase> {
    match words {
        ["now" | "сейчас"] => Some(Phrase::Now),
        [amount @ .., "ago" | "назад"] => parse_amount(amount).map(Phrase::Ago),
        [single] => parse_iso_date_time(single).or_else(|| parse_moment(words)),
        _ => parse_moment(words),
    }
}

/// Reads `[day] [at|в] time`, where the day is a day word or a date.
fn parse_moment(words: &[&str]) -> Option<Phrase> {
    let (day, rest) = split_day(words);
    let time_words = match rest {
        ["at" | "в", tail @ ..] => tail,
        _ => rest,
    };
    match time_words {
        [time] => Some(Phrase::At {
            day,
            time: parse_time_word(time)?,
        }),
        _ => None,
    }
}

/// Takes a leading day word or date off `words`, if there is one.
fn split_day<'w, 's>(words: &'w [&'s str]) -> (DaySpec, &'w [&'s str]) {
    match words {
        ["the", "day", "before", "yesterday", rest @ ..]
        | ["day", "before", "yesterday", rest @ ..]
        | ["позавчера", rest @ ..] => (DaySpec::DaysBack(2), rest),
        ["yesterday" | "вчера", rest @ ..] => (DaySpec::DaysBack(1), rest),
        ["today" | "сегодня", rest @ ..] => (DaySpec::DaysBack(0), rest),
        // A date counts only when something follows it: a lone `14.30` is a time.
        [first, rest @ ..] if !rest.is_empty() => match parse_date_word(first) {
            Some(day) => (day, rest),
            None => (DaySpec::Latest, words),
        },
        _ => (DaySpec::Latest, words),
    }
}

/// Reads `hh:mm` or `hh.mm` with a one- or two-digit hour and two-digit minutes.
fn parse_time_word(word: &str) -> Option<ClockTime> {
    match lex(word).as_slice() {
        [
            Token::Number(hour),
            Token::Symbol(sep @ (':' | '.')),
            Token::Number(minute),
        ] => clock_time(hour, minute, *sep == '.'),
        _ => None,
    }
}

fn clock_time(hour: &str, minute: &str, dotted: bool) -> Option<ClockTime> {
    Some(ClockTime {
        hour: digits(hour, 1, 2)?,
        minute: digits(minute, 2, 2)?,
        dotted,
    })
}

/// Reads `dd.mm`, `dd.mm.yy`, `dd.mm.yyyy` or `yyyy-mm-dd`.
fn parse_date_word(word: &str) -> Option<DaySpec> {
    let tokens = lex(word);
    match tokens.as_slice() {
        [Token::Number(day), Token::Symbol('.'), Token::Number(month)] => Some(DaySpec::DayMonth {
            day: digits(day, 1, 2)?,
            month: digits(month, 1, 2)?,
        }),
        [
            Token::Number(day),
            Token::Symbol('.'),
            Token::Number(month),
            Token::Symbol('.'),
            Token::Number(year),
        ] => Some(DaySpec::Date {
            year: dotted_year(year)?,
            month: digits(month, 1, 2)?,
            day: digits(day, 1, 2)?,
        }),
        other => iso_date(other),
    }
}

/// Reads the tokens of `yyyy-mm-dd`.
fn iso_date(tokens: &[Token<'_>]) -> Option<DaySpec> {
    match tokens {
        [
            Token::Number(year),
            Token::Symbol('-'),
            Token::Number(month),
            Token::Symbol('-'),
            Token::Number(day),
        ] => Some(DaySpec::Date {
            year: i32::try_from(digits(year, 4, 4)?).ok()?,
            month: digits(month, 1, 2)?,
            day: digits(day, 1, 2)?,
        }),
        _ => None,
    }
}

/// Reads a year typed after a day and month: four digits, or two for the 2000s.
fn dotted_year(text: &str) -> Option<i32> {
    let year = i32::try_from(digits(text, 2, 4)?).ok()?;
    match text.len() {
        2 => Some(2000 + year),
        4 => Some(year),
        _ => None,
    }
}

/// Reads `yyyy-mm-ddThh:mm` typed as one word.
fn parse_iso_date_time(word: &str) -> Option<Phrase> {
    match lex(word).as_slice() {
        [
            date @ ..,
            Token::Word("t"),
            Token::Number(hour),
            Token::Symbol(':'),
            Token::Number(minute),
        ] => Some(Phrase::At {
            day: iso_date(date)?,
            time: clock_time(hour, minute, false)?,
        }),
        _ => None,
    }
}

/// Reads the words before `ago`/`назад` as parts, largest unit first.
fn parse_amount(words: &[&str]) -> Option<Vec<Part>> {
    let tokens: Vec<Token<'_>> = words.iter().flat_map(|word| lex(word)).collect();
    let mut parts: Vec<Part> = Vec::new();
    let mut rest = tokens.as_slice();
    while !rest.is_empty() {
        let (part, tail) = next_part(rest)?;
        if parts
            .last()
            .is_some_and(|previous| previous.unit <= part.unit)
        {
            return None;
        }
        parts.push(part);
        rest = match tail {
            [Token::Symbol('.'), after_dot @ ..] => after_dot,
            _ => tail,
        };
    }
    (!parts.is_empty()).then_some(parts)
}

/// Reads one part of an amount off the front of `tokens`.
fn next_part<'t, 'a>(tokens: &'t [Token<'a>]) -> Option<(Part, &'t [Token<'a>])> {
    match tokens {
        [Token::Number(number), Token::Word(word), tail @ ..] => Some((
            Part {
                amount: number.parse().ok(),
                unit: unit_named(word)?,
            },
            tail,
        )),
        [Token::Word("a" | "an"), Token::Word(word), tail @ ..] => Some((
            Part {
                amount: Some(1),
                unit: singular_english_unit(word)?,
            },
            tail,
        )),
        [Token::Word(word), tail @ ..] => Some((part_without_number(word)?, tail)),
        _ => None,
    }
}

/// The unit a word names after a number.
fn unit_named(word: &str) -> Option<Unit> {
    match word {
        "m" | "min" | "mins" | "minute" | "minutes" | "м" | "мин" | "минута" | "минуту"
        | "минуты" | "минут" => Some(Unit::Minute),
        "h" | "hr" | "hrs" | "hour" | "hours" | "ч" | "час" | "часа" | "часов" => {
            Some(Unit::Hour)
        }
        "d" | "day" | "days" | "д" | "дн" | "день" | "дня" | "дней" | "сутки" | "суток" => {
            Some(Unit::Day)
        }
        _ => None,
    }
}

/// The unit after `a`/`an`, as in `an hour ago`.
fn singular_english_unit(word: &str) -> Option<Unit> {
    match word {
        "minute" => Some(Unit::Minute),
        "hour" => Some(Unit::Hour),
        "day" => Some(Unit::Day),
        _ => None,
    }
}

/// Russian words that are an amount by themselves, as in `час назад`.
fn part_without_number(word: &str) -> Option<Part> {
    let (amount, unit) = match word {
        "минуту" => (1, Unit::Minute),
        "полчаса" => (30, Unit::Minute),
        "час" => (1, Unit::Hour),
        "день" | "сутки" => (1, Unit::Day),
        _ => return None,
    };
    Some(Part {
        amount: Some(amount),
        unit,
    })
}

// ---------------------------------------------------------------------------
// Values: turning a shape into an instant on the user's clock.
// ---------------------------------------------------------------------------

/// The moment of parsing, on the user's wall clock.
struct Clock {
    /// Now, truncated to the minute.
    now: DateTime<Utc>,
    zone: Tz,
    /// Today's date in `zone`.
    today: NaiveDate,
}

impl Clock {
    fn new(now: DateTime<Utc>, zone: Tz) -> Result<Self, TimeParseError> {
        let now = truncate_to_minute(now);
        let today = local_date_time(now, zone)
            .ok_or(TimeParseError::InvalidDate)?
            .date();
        Ok(Self { now, zone, today })
    }

    /// Now minus an amount, in exact instant arithmetic.
    fn before_now(&self, parts: &[Part]) -> Result<DateTime<Utc>, TimeParseError> {
        let total = parts.iter().try_fold(0_i64, |total, part| {
            let amount = i64::try_from(part.amount?).ok()?;
            total.checked_add(amount.checked_mul(part.unit.minutes())?)
        });
        total
            .and_then(TimeDelta::try_minutes)
            .and_then(|amount| self.now.checked_sub_signed(amount))
            .ok_or(TimeParseError::TooFarBack)
    }

    /// A clock time on a day: the date is checked first, then the time.
    fn at(&self, day: DaySpec, time: ClockTime) -> Result<DateTime<Utc>, TimeParseError> {
        let date = match day {
            DaySpec::Latest => None,
            DaySpec::DaysBack(days) => Some(
                self.today
                    .checked_sub_days(Days::new(days))
                    .ok_or(TimeParseError::TooFarBack)?,
            ),
            DaySpec::DayMonth { day, month } => Some(self.latest_day_month(day, month)?),
            DaySpec::Date { year, month, day } => {
                Some(NaiveDate::from_ymd_opt(year, month, day).ok_or(TimeParseError::InvalidDate)?)
            }
        };
        if date.is_none() && time.looks_like_a_date() {
            return Err(TimeParseError::Unrecognised);
        }
        if date.is_none() && time.looks_like_an_impossible_date() {
            return Err(TimeParseError::InvalidDate);
        }
        let time = NaiveTime::from_hms_opt(time.hour, time.minute, 0)
            .ok_or(TimeParseError::InvalidTime)?;
        match date {
            Some(date) => self.localise(date.and_time(time)),
            None => self.latest_occurrence(time),
        }
    }

    /// The most recent day and month at or before today, up to eight years back.
    fn latest_day_month(&self, day: u32, month: u32) -> Result<NaiveDate, TimeParseError> {
        if !is_day_and_month(day, month) {
            return Err(TimeParseError::InvalidDate);
        }
        let this_year = self.today.year();
        (0..=YEARS_SEARCHED_BACK)
            .filter_map(|back| this_year.checked_sub(back))
            .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
            .find(|date| *date <= self.today)
            .ok_or(TimeParseError::TooFarBack)
    }

    /// Today at `time` if that has come, else yesterday at `time`.
    fn latest_occurrence(&self, time: NaiveTime) -> Result<DateTime<Utc>, TimeParseError> {
        let today = self.localise(self.today.and_time(time))?;
        if today <= self.now {
            return Ok(today);
        }
        let yesterday = self.today.pred_opt().ok_or(TimeParseError::TooFarBack)?;
        self.localise(yesterday.and_time(time))
    }

    /// The instant of a local time (see [`localtime::resolve`]).
    fn localise(&self, local: NaiveDateTime) -> Result<DateTime<Utc>, TimeParseError> {
        Ok(localtime::resolve(local, self.zone))
    }

    /// Refuses instants before 1970 (local) or more than ten years before now.
    fn ensure_not_too_far_back(
        &self,
        instant: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, TimeParseError> {
        let before_1970 =
            local_date_time(instant, self.zone).is_none_or(|local| local.year() < EARLIEST_YEAR);
        let limit = self.now.checked_sub_months(Months::new(MAX_MONTHS_BACK));
        if before_1970 || limit.is_some_and(|limit| instant < limit) {
            Err(TimeParseError::TooFarBack)
        } else {
            Ok(instant)
        }
    }
}

impl ClockTime {
    /// A lone `31.12`: not a time, but a day and month without a time.
    fn looks_like_a_date(self) -> bool {
        self.dotted && self.hour > 23 && is_day_and_month(self.hour, self.minute)
    }

    /// A lone `31.02`: a day and month that exist in no year, not the time 31:02.
    fn looks_like_an_impossible_date(self) -> bool {
        self.dotted
            && (24..=31).contains(&self.hour)
            && (1..=12).contains(&self.minute)
            && !is_day_and_month(self.hour, self.minute)
    }
}

/// Whether the day and month exist in some year.
fn is_day_and_month(day: u32, month: u32) -> bool {
    NaiveDate::from_ymd_opt(LEAP_YEAR, month, day).is_some()
}

/// The wall-clock time of an instant in a zone, if it is representable.
fn local_date_time(instant: DateTime<Utc>, zone: Tz) -> Option<NaiveDateTime> {
    let utc = instant.naive_utc();
    let offset = zone.offset_from_utc_datetime(&utc).fix();
    utc.checked_add_offset(offset)
}

/// The instant with seconds and nanoseconds set to zero.
fn truncate_to_minute(instant: DateTime<Utc>) -> DateTime<Utc> {
    instant
        .with_second(0)
        .and_then(|whole| whole.with_nanosecond(0))
        .unwrap_or(instant)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;
    use chrono_tz::Asia::Kolkata;
    use chrono_tz::Europe::Berlin;
    use chrono_tz::Pacific::Auckland;
    use chrono_tz::UTC;

    /// An instant written in RFC 3339.
    fn instant(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("test instants are valid RFC 3339")
            .with_timezone(&Utc)
    }

    /// Thursday 2026-01-15, 14:00:45 in Berlin.
    fn berlin_afternoon() -> DateTime<Utc> {
        instant("2026-01-15T13:00:45.123Z")
    }

    #[test]
    fn a_time_of_day_keeps_its_wall_clock_minute_in_a_zone_with_a_seconds_offset() {
        // Found by the fuzz target: Monrovia's offset was -0:44:30 in 1970.
        let zone = chrono_tz::Africa::Monrovia;
        let now = instant("1970-07-14T04:02:41Z");

        let parsed = parse_typed_time("4:22", now, zone).expect("a valid time");

        assert_eq!(parsed, instant("1970-07-13T05:06:30Z"));
        assert_eq!(
            parsed.with_timezone(&zone).format("%H:%M:%S").to_string(),
            "04:22:00"
        );
    }

    /// Asserts that every input reads as `expected` at `now` in `zone`.
    fn assert_all(inputs: &[&str], now: DateTime<Utc>, zone: Tz, expected: &str) {
        for input in inputs {
            let parsed = parse_typed_time(input, now, zone);

            assert_eq!(parsed, Ok(instant(expected)), "input {input:?}");
        }
    }

    /// Asserts that every input fails with `expected` at `now` in `zone`.
    fn assert_all_fail(inputs: &[&str], now: DateTime<Utc>, zone: Tz, expected: TimeParseError) {
        for input in inputs {
            let parsed = parse_typed_time(input, now, zone);

            assert_eq!(parsed, Err(expected), "input {input:?}");
        }
    }

    #[test]
    fn now_in_english_and_russian_is_the_current_minute() {
        let now = berlin_afternoon();

        let english = parse_typed_time("now", now, Berlin);
        let russian = parse_typed_time("сейчас", now, Berlin);

        assert_eq!(english, Ok(instant("2026-01-15T13:00:00Z")));
        assert_eq!(russian, Ok(instant("2026-01-15T13:00:00Z")));
    }

    #[test]
    fn every_result_has_zero_seconds_and_nanoseconds() {
        let now = berlin_afternoon();
        let inputs = ["now", "2h ago", "14:00", "yesterday 22:00", "31.12 08:00"];

        let results: Vec<_> = inputs
            .iter()
            .map(|input| parse_typed_time(input, now, Berlin))
            .collect();

        for (input, result) in inputs.iter().zip(results) {
            let result = result.expect("all inputs are valid");
            assert_eq!((result.second(), result.nanosecond()), (0, 0), "{input}");
        }
    }

    #[test]
    fn input_is_case_insensitive_trimmed_and_whitespace_collapsed() {
        let now = berlin_afternoon();

        assert_all(
            &[
                "  YESTERDAY    At   22:00 ",
                "ВЧЕРА \t В\u{a0}22:00",
                "Вчера в 22:00",
            ],
            now,
            Berlin,
            "2026-01-14T21:00:00Z",
        );
        assert_all(&[" NOW ", "СЕЙЧАС"], now, Berlin, "2026-01-15T13:00:00Z");
        assert_all(
            &["2H AGO", "2 Часа  Назад"],
            now,
            Berlin,
            "2026-01-15T11:00:00Z",
        );
    }

    #[test]
    fn a_bare_time_earlier_than_now_means_today() {
        let now = berlin_afternoon();

        assert_all(&["13:30", "13.30"], now, Berlin, "2026-01-15T12:30:00Z");
    }

    #[test]
    fn a_bare_time_equal_to_now_means_today() {
        let now = berlin_afternoon();

        assert_all(&["14:00"], now, Berlin, "2026-01-15T13:00:00Z");
    }

    #[test]
    fn a_bare_time_later_than_now_means_yesterday() {
        let now = berlin_afternoon();

        assert_all(&["14:30", "14.30"], now, Berlin, "2026-01-14T13:30:00Z");
        assert_all(&["14:01"], now, Berlin, "2026-01-14T13:01:00Z");
    }

    #[test]
    fn a_bare_time_may_have_a_single_digit_hour_and_a_leading_at_or_v() {
        let now = berlin_afternoon();

        assert_all(
            &["9:05", "09:05", "9.05", "at 9:05", "в 9:05"],
            now,
            Berlin,
            "2026-01-15T08:05:00Z",
        );
    }

    #[test]
    fn lone_hours_four_digit_numbers_and_odd_minutes_are_unrecognised() {
        let now = berlin_afternoon();

        assert_all_fail(
            &["14", "0930", "9:5", "14:300", "114:00", "14:30:00", "14-30"],
            now,
            Berlin,
            TimeParseError::Unrecognised,
        );
    }

    #[test]
    fn hours_and_minutes_out_of_range_are_invalid_times() {
        let now = berlin_afternoon();

        assert_all_fail(
            &[
                "25:00",
                "24:00",
                "14:61",
                "25.00",
                "today 24:00",
                "вчера в 25:00",
                "31.01 14:60",
                "2026-01-31T24:00",
            ],
            now,
            Berlin,
            TimeParseError::InvalidTime,
        );
    }

    #[test]
    fn a_lone_day_and_month_is_a_date_without_a_time_and_unrecognised() {
        let now = berlin_afternoon();

        assert_all_fail(
            &["31.12", "25.12", "в 31.12"],
            now,
            Berlin,
            TimeParseError::Unrecognised,
        );
    }

    #[test]
    fn english_day_words_with_a_time_are_taken_literally() {
        let now = berlin_afternoon();

        assert_all(
            &["today 13:30", "today at 13:30"],
            now,
            Berlin,
            "2026-01-15T12:30:00Z",
        );
        assert_all(
            &["yesterday 22:00", "yesterday at 22:00", "yesterday 22.00"],
            now,
            Berlin,
            "2026-01-14T21:00:00Z",
        );
        assert_all(
            &[
                "day before yesterday 10:00",
                "the day before yesterday at 10:00",
            ],
            now,
            Berlin,
            "2026-01-13T09:00:00Z",
        );
    }

    #[test]
    fn russian_day_words_with_a_time_are_taken_literally() {
        let now = berlin_afternoon();

        assert_all(&["сегодня 13:30"], now, Berlin, "2026-01-15T12:30:00Z");
        assert_all(&["сегодня в 9:15"], now, Berlin, "2026-01-15T08:15:00Z");
        assert_all(
            &["вчера 22:00", "вчера в 22:00"],
            now,
            Berlin,
            "2026-01-14T21:00:00Z",
        );
        assert_all(
            &["позавчера 10:00", "позавчера в 10:00"],
            now,
            Berlin,
            "2026-01-13T09:00:00Z",
        );
    }

    #[test]
    fn today_with_a_later_time_is_returned_in_the_future() {
        let ten_in_the_morning = instant("2026-01-15T09:00:00Z");

        let parsed = parse_typed_time("today 23:00", ten_in_the_morning, Berlin);

        assert_eq!(parsed, Ok(instant("2026-01-15T22:00:00Z")));
    }

    #[test]
    fn a_day_word_without_a_time_is_unrecognised() {
        let now = berlin_afternoon();

        assert_all_fail(
            &[
                "today",
                "yesterday",
                "yesterday at",
                "сегодня",
                "вчера",
                "вчера в",
                "позавчера",
            ],
            now,
            Berlin,
            TimeParseError::Unrecognised,
        );
    }

    #[test]
    fn english_amounts_of_hours_ago_are_subtracted_from_now() {
        let now = berlin_afternoon();

        assert_all(
            &["2h ago", "2 h ago", "2 hours ago", "2 hrs ago", "2 hr ago"],
            now,
            Berlin,
            "2026-01-15T11:00:00Z",
        );
        assert_all(
            &["1 hour ago", "an hour ago", "1h ago"],
            now,
            Berlin,
            "2026-01-15T12:00:00Z",
        );
    }

    #[test]
    fn english_amounts_of_minutes_ago_are_subtracted_from_now() {
        let now = berlin_afternoon();

        assert_all(
            &["30 min ago", "30m ago", "30 minutes ago", "30 mins ago"],
            now,
            Berlin,
            "2026-01-15T12:30:00Z",
        );
        assert_all(
            &["a minute ago", "1 minute ago"],
            now,
            Berlin,
            "2026-01-15T12:59:00Z",
        );
    }

    #[test]
    fn english_hours_and_minutes_combine() {
        let now = berlin_afternoon();

        assert_all(
            &[
                "1h30m ago",
                "1h 30m ago",
                "1 hour 30 minutes ago",
                "1 h 30 min ago",
            ],
            now,
            Berlin,
            "2026-01-15T11:30:00Z",
        );
    }

    #[test]
    fn russian_amounts_of_hours_ago_are_subtracted_from_now() {
        let now = berlin_afternoon();

        assert_all(
            &["2 часа назад", "2ч назад", "2 ч назад"],
            now,
            Berlin,
            "2026-01-15T11:00:00Z",
        );
        assert_all(
            &["1 час назад", "час назад"],
            now,
            Berlin,
            "2026-01-15T12:00:00Z",
        );
        assert_all(&["5 часов назад"], now, Berlin, "2026-01-15T08:00:00Z");
    }

    #[test]
    fn russian_amounts_of_minutes_ago_are_subtracted_from_now() {
        let now = berlin_afternoon();

        assert_all(
            &[
                "30 минут назад",
                "30 мин назад",
                "30 мин. назад",
                "полчаса назад",
                "30м назад",
            ],
            now,
            Berlin,
            "2026-01-15T12:30:00Z",
        );
        assert_all(
            &["1 минуту назад", "минуту назад"],
            now,
            Berlin,
            "2026-01-15T12:59:00Z",
        );
        assert_all(&["2 минуты назад"], now, Berlin, "2026-01-15T12:58:00Z");
    }

    #[test]
    fn russian_hours_and_minutes_combine() {
        let now = berlin_afternoon();

        assert_all(
            &[
                "1ч 30м назад",
                "1ч30м назад",
                "1 час 30 минут назад",
                "1 ч. 30 мин. назад",
            ],
            now,
            Berlin,
            "2026-01-15T11:30:00Z",
        );
    }

    #[test]
    fn days_ago_are_exact_multiples_of_24_hours() {
        let now = berlin_afternoon();

        assert_all(
            &["2 days ago", "2d ago", "2 дня назад", "2 суток назад"],
            now,
            Berlin,
            "2026-01-13T13:00:00Z",
        );
        assert_all(
            &["a day ago", "1 day ago", "день назад", "сутки назад"],
            now,
            Berlin,
            "2026-01-14T13:00:00Z",
        );
        assert_all(
            &["1 day 2h ago", "1д 2ч назад"],
            now,
            Berlin,
            "2026-01-14T11:00:00Z",
        );
    }

    #[test]
    fn fractions_misordered_units_and_missing_amounts_are_unrecognised() {
        let now = berlin_afternoon();

        assert_all_fail(
            &[
                "1.5h ago",
                "1,5h ago",
                "30m 1h ago",
                "1h 1h ago",
                "2 ago",
                "ago",
                "назад",
                "h ago",
                "2 weeks ago",
                "an h ago",
                "полтора назад",
            ],
            now,
            Berlin,
            TimeParseError::Unrecognised,
        );
    }

    #[test]
    fn a_day_and_month_means_its_most_recent_occurrence() {
        let fifth_of_january = instant("2026-01-05T12:00:00Z");

        assert_all(
            &["31.12 08:00", "31.12 в 08:00"],
            fifth_of_january,
            Berlin,
            "2025-12-31T07:00:00Z",
        );
        assert_all(
            &["06.01 08:00"],
            fifth_of_january,
            Berlin,
            "2025-01-06T07:00:00Z",
        );
        assert_all(
            &["05.01 08:00", "5.1 в 08:00", "5.01 at 08:00"],
            fifth_of_january,
            Berlin,
            "2026-01-05T07:00:00Z",
        );
    }

    #[test]
    fn a_day_and_month_of_today_keeps_a_later_time_in_the_future() {
        let fifth_of_january = instant("2026-01-05T12:00:00Z");

        let parsed = parse_typed_time("05.01 20:00", fifth_of_january, Berlin);

        assert_eq!(parsed, Ok(instant("2026-01-05T19:00:00Z")));
    }

    #[test]
    fn dates_with_a_year_are_read_in_every_written_form() {
        let now = instant("2026-02-10T12:00:00Z");

        assert_all(
            &[
                "31.01.2026 08:00",
                "31.01.26 08:00",
                "31.01.2026 в 08:00",
                "2026-01-31 08:00",
                "2026-01-31T08:00",
                "2026-01-31t08:00",
                "2026-01-31 at 08:00",
                "2026-01-31 в 08:00",
                "2026-1-31 8:00",
            ],
            now,
            Berlin,
            "2026-01-31T07:00:00Z",
        );
    }

    #[test]
    fn future_dates_are_not_refused() {
        let now = instant("2026-02-10T12:00:00Z");

        assert_all(&["2030-01-01 08:00"], now, Berlin, "2030-01-01T07:00:00Z");
    }

    #[test]
    fn slashed_dates_and_dates_without_a_time_are_unrecognised() {
        let now = instant("2026-02-10T12:00:00Z");

        assert_all_fail(
            &[
                "31/01 08:00",
                "31/01/2026 08:00",
                "01/31 08:00",
                "31.01.2026",
                "2026-01-31",
                "31.01.2026 в",
                "2026-01-31T",
                "31.01.026 08:00",
                "2026-01-31T08.00",
            ],
            now,
            Berlin,
            TimeParseError::Unrecognised,
        );
    }

    #[test]
    fn impossible_calendar_dates_are_invalid_dates() {
        let now = instant("2026-02-10T12:00:00Z");

        assert_all_fail(
            &[
                "31.02 08:00",
                "31.02 25:00",
                "29.02.2027 08:00",
                "2027-02-29 08:00",
                "01.13 08:00",
                "2026-13-01 08:00",
                "00.01.2026 08:00",
                "31.04.2026 08:00",
                "14.30 08:00",
                "31.02",
                "30.02",
                "31.04",
            ],
            now,
            Berlin,
            TimeParseError::InvalidDate,
        );
        // Not dates at all: a minute past 59, or a "day" past 31, stays a bad time.
        assert_all_fail(
            &["25.61", "32.01"],
            now,
            Berlin,
            TimeParseError::InvalidTime,
        );
    }

    #[test]
    fn the_29th_of_february_without_a_year_is_the_latest_leap_day() {
        assert_all(
            &["29.02 10:00"],
            instant("2027-06-01T12:00:00Z"),
            UTC,
            "2024-02-29T10:00:00Z",
        );
        assert_all(
            &["29.02 10:00"],
            instant("2028-02-28T12:00:00Z"),
            UTC,
            "2024-02-29T10:00:00Z",
        );
        assert_all(
            &["29.02 10:00"],
            instant("2028-02-29T12:00:00Z"),
            UTC,
            "2028-02-29T10:00:00Z",
        );
    }

    #[test]
    fn instants_more_than_ten_years_back_are_too_far_back() {
        let now = instant("2026-03-01T12:00:30Z");

        assert_all(&["2016-03-01 12:00"], now, UTC, "2016-03-01T12:00:00Z");
        assert_all(&["3650 days ago"], now, UTC, "2016-03-03T12:00:00Z");
        assert_all_fail(
            &[
                "2016-03-01 11:59",
                "01.01.2000 10:00",
                "3660 days ago",
                "90000 hours ago",
                "99999999999999999999 hours ago",
                "9223372036854775807 minutes ago",
                "9223372036854775807 days 1 min ago",
            ],
            now,
            UTC,
            TimeParseError::TooFarBack,
        );
    }

    #[test]
    fn years_before_1970_are_too_far_back() {
        let now = instant("1975-01-01T12:00:00Z");

        assert_all(&["1970-01-01 00:00"], now, UTC, "1970-01-01T00:00:00Z");
        assert_all_fail(
            &["31.12.1969 23:59", "1969-06-01 10:00", "0000-01-01 00:00"],
            now,
            UTC,
            TimeParseError::TooFarBack,
        );
    }

    #[test]
    fn a_skipped_local_time_in_berlin_moves_to_the_end_of_the_gap() {
        let after_the_change = instant("2026-03-29T10:00:00Z");

        assert_all(
            &[
                "2026-03-29 02:30",
                "29.03 02:30",
                "today 02:00",
                "02:59",
                "03:00",
            ],
            after_the_change,
            Berlin,
            "2026-03-29T01:00:00Z",
        );
        assert_all(&["01:59"], after_the_change, Berlin, "2026-03-29T00:59:00Z");
    }

    #[test]
    fn a_repeated_local_time_in_berlin_takes_the_earlier_summer_instant() {
        let during_the_second_pass = instant("2026-10-25T01:45:00Z");

        assert_all(
            &["2026-10-25 02:30", "02:30", "today 02:30"],
            during_the_second_pass,
            Berlin,
            "2026-10-25T00:30:00Z",
        );
        assert_all(
            &["03:00"],
            instant("2026-10-25T10:00:00Z"),
            Berlin,
            "2026-10-25T02:00:00Z",
        );
    }

    #[test]
    fn a_skipped_local_time_in_new_york_moves_to_the_end_of_the_gap() {
        let now = instant("2026-03-08T15:00:00Z");

        assert_all(
            &["2026-03-08 02:30", "02:30"],
            now,
            New_York,
            "2026-03-08T07:00:00Z",
        );
    }

    #[test]
    fn a_repeated_local_time_in_new_york_takes_the_earlier_summer_instant() {
        let now = instant("2026-11-01T15:00:00Z");

        assert_all(
            &["2026-11-01 01:30", "01:30"],
            now,
            New_York,
            "2026-11-01T05:30:00Z",
        );
    }

    #[test]
    fn yesterday_in_auckland_is_the_local_yesterday_not_the_utc_one() {
        // 2026-01-10T20:00Z is Sunday 2026-01-11 09:00 in Auckland (UTC+13).
        let now = instant("2026-01-10T20:00:00Z");

        assert_all(
            &["yesterday 22:00", "вчера 22:00"],
            now,
            Auckland,
            "2026-01-10T09:00:00Z",
        );
        assert_all(
            &["today 08:00", "сегодня 08:00", "08:00"],
            now,
            Auckland,
            "2026-01-10T19:00:00Z",
        );
        assert_all(&["10:00"], now, Auckland, "2026-01-09T21:00:00Z");
    }

    #[test]
    fn kolkata_half_hour_offset_shifts_both_the_date_and_the_minutes() {
        // 2026-01-10T20:00Z is 2026-01-11 01:30 in Kolkata (UTC+5:30).
        let now = instant("2026-01-10T20:00:00Z");

        assert_all(
            &["yesterday 23:00", "вчера в 23:00"],
            now,
            Kolkata,
            "2026-01-10T17:30:00Z",
        );
        assert_all(
            &["01:00", "11.01 01:00", "today 01:00"],
            now,
            Kolkata,
            "2026-01-10T19:30:00Z",
        );
        assert_all(&["02:00"], now, Kolkata, "2026-01-09T20:30:00Z");
    }

    #[test]
    fn input_over_64_characters_is_too_long_before_anything_else() {
        let now = berlin_afternoon();
        let letters = "a".repeat(65);
        let spaces = " ".repeat(65);
        let cyrillic = "я".repeat(65);

        assert_all_fail(
            &[&letters, &spaces, &cyrillic],
            now,
            Berlin,
            TimeParseError::TooLong,
        );
    }

    #[test]
    fn input_of_exactly_64_characters_is_still_parsed() {
        let now = berlin_afternoon();
        let padded = format!("{:<64}", "вчера в 22:00");

        let parsed = parse_typed_time(&padded, now, Berlin);

        assert!(padded.len() > 64 && padded.chars().count() == 64);
        assert_eq!(parsed, Ok(instant("2026-01-14T21:00:00Z")));
    }

    #[test]
    fn empty_and_whitespace_input_is_empty() {
        let now = berlin_afternoon();

        assert_all_fail(
            &["", "   ", "\t \n", "\u{a0}"],
            now,
            Berlin,
            TimeParseError::Empty,
        );
    }

    #[test]
    fn other_text_is_unrecognised() {
        let now = berlin_afternoon();

        assert_all_fail(
            &[
                "hello",
                "🙂",
                "tomorrow 10:00",
                "завтра 10:00",
                "14:30 yesterday",
                "now please",
                "сейчас 14:30",
                "yesterday yesterday 10:00",
                "at at 10:00",
                "\u{663}\u{664}:\u{663}\u{660}",
            ],
            now,
            Berlin,
            TimeParseError::Unrecognised,
        );
    }

    #[test]
    fn keys_are_distinct_translation_keys() {
        let all = [
            TimeParseError::Empty,
            TimeParseError::Unrecognised,
            TimeParseError::InvalidTime,
            TimeParseError::InvalidDate,
            TimeParseError::TooLong,
            TimeParseError::TooFarBack,
        ];

        let keys: std::collections::BTreeSet<&str> = all.iter().map(|e| e.key()).collect();

        assert_eq!(keys.len(), all.len());
        assert!(keys.iter().all(|key| key.starts_with("time-error-")));
        assert_eq!(TimeParseError::TooLong.to_string(), "time-error-too-long");
    }

    /// A small deterministic xorshift generator for the never-panics test.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, bound: usize) -> usize {
            usize::try_from(self.next() % u64::try_from(bound).expect("small bound"))
                .expect("fits usize")
        }
    }

    /// A piece of generated input: a fragment of the alphabet or a number.
    fn random_piece(random: &mut XorShift, alphabet: &[&str]) -> String {
        match random.below(3) {
            0 => random_number(random).to_string(),
            _ => alphabet[random.below(alphabet.len())].to_string(),
        }
    }

    #[test]
    fn never_panics_on_generated_input() {
        let alphabet: Vec<&str> = concat!(
            "0|1|2|3|4|5|6|7|8|9|:|.|-|/| | |\t|t|T|a|h|m|d|z|ч|м|в|д|я|Ё|ß|İ|\u{0}|\u{a0}|\u{663}|",
            "🙂|🤕|ago|назад|now|сейчас|today|yesterday|вчера|сегодня|позавчера|at|an|hour|",
            "часов|полчаса|минуту|сутки|day before |29.02|31.12|2026-|1969|9999|24:00|99999999999999999999|9223372036854775807"
        )
        .split('|')
        .collect();
        let nows = [
            instant("2026-03-29T01:30:00Z"),
            instant("2026-10-25T00:59:59Z"),
            instant("1970-01-01T00:00:00Z"),
            instant("1969-12-31T23:59:59Z"),
            DateTime::<Utc>::MIN_UTC,
            DateTime::<Utc>::MAX_UTC,
        ];
        let zones = [
            Berlin,
            New_York,
            Auckland,
            Kolkata,
            UTC,
            chrono_tz::Pacific::Kiritimati,
            chrono_tz::Pacific::Pago_Pago,
            chrono_tz::Pacific::Apia,
        ];
        let mut random = XorShift(0x9E37_79B9_7F4A_7C15);

        for round in 0..6000 {
            let pieces = random.below(12);
            let input: String = (0..pieces)
                .map(|_| random_piece(&mut random, &alphabet))
                .collect();
            let now = nows[round % nows.len()];
            let zone = zones[random.below(zones.len())];

            let _ = parse_typed_time(&input, now, zone);
        }
    }

    /// A random number of random size, from one digit up to the whole of `u64`.
    fn random_number(random: &mut XorShift) -> u64 {
        let magnitude = [10, 100, 10_000, u64::MAX][random.below(4)];
        random.next() % magnitude
    }

    /// A phrase in one of the accepted shapes, filled with random numbers.
    fn random_phrase(random: &mut XorShift) -> String {
        let [a, b, c, d, e] = [(); 5].map(|()| random_number(random));
        match random.below(7) {
            0 => format!("{a}:{b}"),
            1 => format!("вчера в {a}.{b:02}"),
            2 => format!("{a}.{b} {c}:{d:02}"),
            3 => format!("{a}.{b}.{c} at {d}:{e:02}"),
            4 => format!("{a}-{b}-{c}T{d}:{e:02}"),
            5 => format!("{a}d {b}h {c}m ago"),
            _ => format!("{a} часов {b} минут назад"),
        }
    }

    #[test]
    fn never_panics_on_generated_phrases_of_accepted_shapes() {
        let nows = [
            instant("2026-03-29T00:59:00Z"),
            instant("2028-02-29T23:59:59Z"),
            DateTime::<Utc>::MIN_UTC,
            DateTime::<Utc>::MAX_UTC,
        ];
        let zones = [
            Berlin,
            New_York,
            Auckland,
            Kolkata,
            chrono_tz::Pacific::Apia,
        ];
        let mut random = XorShift(0x2545_F491_4F6C_DD1D);

        for round in 0..3000 {
            let input = random_phrase(&mut random);
            let now = nows[round % nows.len()];
            let zone = zones[random.below(zones.len())];

            let parsed = parse_typed_time(&input, now, zone);

            if let Ok(parsed) = parsed {
                assert_eq!((parsed.second(), parsed.nanosecond()), (0, 0), "{input}");
            }
        }
    }

    #[test]
    fn never_panics_on_valid_forms_at_the_ends_of_time() {
        let inputs = [
            "now",
            "14:30",
            "yesterday 22:00",
            "31.12 08:00",
            "29.02 10:00",
            "2h ago",
            "9999-12-31 23:59",
            "0000-01-01 00:00",
            "2026-03-29T02:30",
        ];

        for now in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            for zone in [Auckland, New_York, chrono_tz::Pacific::Kiritimati] {
                for input in inputs {
                    let _ = parse_typed_time(input, now, zone);
                }
            }
        }
    }
}
