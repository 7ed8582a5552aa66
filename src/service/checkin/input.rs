//! What the typed answers accept: dates, times on the questionnaire's day, free text.

use super::QUICK_HOURS;
use crate::domain::localtime;
use crate::domain::typed_time::{TimeParseError, parse_typed_time};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

/// An instant as stored in the answers: ISO 8601 with the zone's offset.
pub fn iso(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The start given to an attack the questionnaire creates before its start is asked:
/// local noon of the day, or now when that is earlier.
pub fn default_start(day: NaiveDate, now: DateTime<Utc>, zone: Tz) -> DateTime<Utc> {
    let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN);
    localtime::at(day, noon, zone).min(now)
}

/// Quick times on `day` that have passed and come after `after`, for the buttons.
pub fn quick_times(
    day: NaiveDate,
    now: DateTime<Utc>,
    zone: Tz,
    after: Option<DateTime<Utc>>,
) -> Vec<NaiveTime> {
    QUICK_HOURS
        .iter()
        .filter_map(|h| NaiveTime::from_hms_opt(*h, 0, 0))
        .filter(|t| {
            let at = localtime::at(day, *t, zone);
            at <= now && after.is_none_or(|a| at > a)
        })
        .collect()
}

/// A quick time as a button carries it (`0900`), and back.
pub fn time_code(t: NaiveTime) -> String {
    t.format("%H%M").to_string()
}

/// Reads a quick-time code.
pub fn parse_time_code(code: &str) -> Option<NaiveTime> {
    if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveTime::parse_from_str(code, "%H%M").ok()
}

/// Whether the input is a bare clock time (`14:30`, `at 9.05`, `в 14:30`).
fn bare_time(input: &str) -> Option<&str> {
    let t = input.trim();
    let t = ["at ", "в "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t)
        .trim();
    let (h, m) = t.split_once([':', '.'])?;
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    (digits(h, 1..=2) && digits(m, 2..=2)).then_some(t)
}

/// A typed time during the questionnaire about `day`: a bare clock time is on that day;
/// everything else reads as anywhere in the diary ("yesterday 22:00", "2h ago").
pub fn parse_time_on(
    input: &str,
    day: NaiveDate,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<DateTime<Utc>, TimeParseError> {
    match bare_time(&input.to_lowercase()) {
        Some(t) => parse_typed_time(&format!("{} {t}", day.format("%d.%m.%Y")), now, zone),
        None => parse_typed_time(input, now, zone),
    }
}

/// Why a typed date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not a date in any accepted form.
    Unrecognised,
    /// A date the calendar does not have (`31.02`).
    Invalid,
    /// Too far back.
    TooFarBack,
    /// After today.
    Future,
}

/// A typed date: `today`, `yesterday`, `day before yesterday` (and Russian), `08.03`,
/// `08.03.2026`, `08.03.26`, `2026-03-08`; a date without a year is its latest occurrence.
pub fn parse_date(input: &str, now: DateTime<Utc>, zone: Tz) -> Result<NaiveDate, DateError> {
    let lowered = input.trim().to_lowercase();
    let words = lowered.split_whitespace().collect::<Vec<_>>().join(" ");
    let today = localtime::date_of(now, zone);
    let back = match words.as_str() {
        "today" | "сегодня" => Some(0),
        "yesterday" | "вчера" => Some(1),
        "day before yesterday" | "позавчера" => Some(2),
        _ => None,
    };
    if let Some(days) = back {
        return today
            .checked_sub_days(Days::new(days))
            .ok_or(DateError::TooFarBack);
    }
    if words.is_empty() || words.contains(':') || words.contains(' ') || words.len() > 12 {
        return Err(DateError::Unrecognised);
    }
    let at = parse_typed_time(&format!("{words} 12:00"), now, zone).map_err(|e| match e {
        TimeParseError::InvalidDate => DateError::Invalid,
        TimeParseError::TooFarBack => DateError::TooFarBack,
        _ => DateError::Unrecognised,
    })?;
    let day = at.with_timezone(&zone).date_naive();
    if day > today {
        return Err(DateError::Future);
    }
    // A day and month that fall within the coming month this year were meant for this year
    // (`02.12` typed on 1 December): refused as future, not moved a year back. Further
    // ahead, the latest occurrence is meant (`31.12` in March is last New Year's Eve).
    if is_day_and_month(&words)
        && let Some(this_year) = day.with_year(today.year())
        && this_year > today
        && this_year <= today + Days::new(31)
    {
        return Err(DateError::Future);
    }
    Ok(day)
}

/// `dd.mm` alone (no year).
fn is_day_and_month(words: &str) -> bool {
    let mut parts = words.split('.');
    let (Some(d), Some(m), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    [d, m]
        .iter()
        .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone, Utc};

    fn berlin() -> Tz {
        chrono_tz::Europe::Berlin
    }

    fn now() -> DateTime<Utc> {
        // Tuesday 10 March 2026, 21:00 in Berlin.
        Utc.with_ymd_and_hms(2026, 3, 10, 20, 0, 0).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_bare_time_is_on_the_questionnaires_day() {
        let yesterday = date(2026, 3, 9);
        let at = parse_time_on("14:30", yesterday, now(), berlin()).unwrap();
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 3, 9, 13, 30, 0).unwrap());
        let at = parse_time_on("at 9.05", yesterday, now(), berlin()).unwrap();
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 3, 9, 8, 5, 0).unwrap());
        // Today's 23:00 has not come: it is in the future, for the caller to refuse.
        let at = parse_time_on("23:00", date(2026, 3, 10), now(), berlin()).unwrap();
        assert!(at > now());
        let at = parse_time_on("2h ago", yesterday, now(), berlin()).unwrap();
        assert_eq!(at, now() - Duration::hours(2));
        assert_eq!(
            parse_time_on("25:00", yesterday, now(), berlin()),
            Err(TimeParseError::InvalidTime)
        );
    }

    #[test]
    fn a_typed_date_may_be_a_word_a_day_and_month_or_a_full_date() {
        let p = |s| parse_date(s, now(), berlin());
        assert_eq!(p("today"), Ok(date(2026, 3, 10)));
        assert_eq!(p("Вчера"), Ok(date(2026, 3, 9)));
        assert_eq!(p("day before  yesterday"), Ok(date(2026, 3, 8)));
        assert_eq!(p("08.03"), Ok(date(2026, 3, 8)));
        assert_eq!(p("2026-03-01"), Ok(date(2026, 3, 1)));
        assert_eq!(p("01.02.26"), Ok(date(2026, 2, 1)));
        assert_eq!(p("31.12"), Ok(date(2025, 12, 31)));
    }

    #[test]
    fn impossible_future_and_unreadable_dates_are_refused() {
        let p = |s| parse_date(s, now(), berlin());
        assert_eq!(p("31.02"), Err(DateError::Invalid));
        assert_eq!(p("2026-03-11"), Err(DateError::Future));
        assert_eq!(p("11.03.2026"), Err(DateError::Future));
        assert_eq!(p("14:30"), Err(DateError::Unrecognised));
        assert_eq!(p("soon"), Err(DateError::Unrecognised));
        assert_eq!(p(""), Err(DateError::Unrecognised));
        assert_eq!(p("01.01.1990"), Err(DateError::TooFarBack));
    }

    #[test]
    fn a_day_and_month_just_ahead_is_refused_rather_than_moved_a_year_back() {
        // 10 March 2026: 11.03 and 09.04 are ahead this year, so they are not last year's.
        let p = |s| parse_date(s, now(), berlin());
        assert_eq!(p("11.03"), Err(DateError::Future));
        assert_eq!(p("09.04"), Err(DateError::Future));
        // Further ahead than a month, the latest occurrence is meant.
        assert_eq!(p("11.04"), Ok(date(2025, 4, 11)));
        assert_eq!(p("31.12"), Ok(date(2025, 12, 31)));
        assert_eq!(p("10.03"), Ok(date(2026, 3, 10)));
    }

    #[test]
    fn quick_times_are_the_passed_ones_after_the_start() {
        let today = date(2026, 3, 10);
        let hours = |v: Vec<NaiveTime>| v.into_iter().map(time_code).collect::<Vec<_>>();
        assert_eq!(
            hours(quick_times(today, now(), berlin(), None)),
            ["0600", "0900", "1200", "1500", "1800", "2100"]
        );
        let start = localtime::at(today, NaiveTime::from_hms_opt(12, 0, 0).unwrap(), berlin());
        let early = Utc.with_ymd_and_hms(2026, 3, 10, 10, 0, 0).unwrap();
        assert_eq!(
            hours(quick_times(today, early, berlin(), None)),
            ["0600", "0900"]
        );
        assert_eq!(
            hours(quick_times(today, now(), berlin(), Some(start))),
            ["1500", "1800", "2100"]
        );
        assert_eq!(parse_time_code("0930"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_time_code("2561"), None);
        assert_eq!(parse_time_code("93"), None);
    }

    #[test]
    fn a_created_attack_starts_at_noon_unless_that_is_still_to_come() {
        let today = date(2026, 3, 10);
        assert_eq!(
            default_start(today, now(), berlin()),
            Utc.with_ymd_and_hms(2026, 3, 10, 11, 0, 0).unwrap()
        );
        let morning = Utc.with_ymd_and_hms(2026, 3, 10, 7, 0, 0).unwrap();
        assert_eq!(default_start(today, morning, berlin()), morning);
    }

    #[test]
    fn a_day_spans_its_local_midnights_even_when_the_clocks_change() {
        let (from, to) = localtime::day_bounds(date(2026, 3, 29), berlin());
        assert_eq!(from, Utc.with_ymd_and_hms(2026, 3, 28, 23, 0, 0).unwrap());
        assert_eq!(to - from, Duration::hours(23));
        let gap = localtime::at(
            date(2026, 3, 29),
            NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
            berlin(),
        );
        assert_eq!(gap, Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap());
    }
}
