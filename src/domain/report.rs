//! The periods a report covers (PRODUCT.md §3, /report): the choices offered as buttons,
//! resolved against the user's local today, and two typed dates. Pure: the bot, the doctor
//! report and the API resolve a period the same way.

use super::figures::Period;
use super::key_enum;
use chrono::{Datelike, Days, Months, NaiveDate};

key_enum! {
    /// A period chosen by a button, relative to the user's local today.
    Span {
        /// Monday of this week to today.
        ThisWeek = "this_week",
        /// Last Monday to Sunday.
        LastWeek = "last_week",
        /// The first of this month to today.
        ThisMonth = "this_month",
        /// Last calendar month.
        LastMonth = "last_month",
        /// The three months up to today (from the day after the same date three months ago).
        Last3Months = "last_3_months",
        /// From the first record to today.
        All = "all",
    }
}

impl Span {
    /// The days this choice covers on `today`; "all" starts at the first record (`None`
    /// without any record: then it is just today).
    pub fn resolve(self, today: NaiveDate, first_record: Option<NaiveDate>) -> Period {
        let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
        let first_of_month = today.with_day(1).unwrap_or(today);
        match self {
            Span::ThisWeek => Period::new(monday, today),
            Span::LastWeek => Period::new(monday - Days::new(7), monday - Days::new(1)),
            Span::ThisMonth => Period::new(first_of_month, today),
            Span::LastMonth => {
                let last = first_of_month - Days::new(1);
                Period::new(last.with_day(1).unwrap_or(last), last)
            }
            Span::Last3Months => {
                let back = today
                    .checked_sub_months(Months::new(3))
                    .map_or(today, |d| d + Days::new(1));
                Period::new(back, today)
            }
            Span::All => Period::new(first_record.unwrap_or(today).min(today), today),
        }
    }
}

/// Why typed dates were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatesError {
    /// No date could be read.
    Unreadable,
    /// Looks like a date but does not exist (31.02).
    Impossible,
    /// More than two dates.
    TooMany,
    /// The period starts after today.
    Future,
}

/// Reads one or two typed dates (`1.3.2026`, `01.03`, `2026-03-01`; separated by spaces,
/// a dash or `–`) as a period: in either order; one date means from then to today; a last
/// day after today is cut to today. A date without a year is in `today`'s year.
pub fn parse_dates(text: &str, today: NaiveDate) -> Result<Period, DatesError> {
    let mut dates = Vec::new();
    let spaced = text.replace(['–', '—', ','], " ");
    for token in spaced.split_whitespace() {
        if token.chars().all(|c| c == '-' || c == '.') {
            continue;
        }
        match parse_date(token, today) {
            Ok(d) => dates.push(d),
            // "1.3-31.3": two dates joined by a dash.
            Err(DatesError::Unreadable) if token.contains('-') && token.contains('.') => {
                for part in token.split('-').filter(|p| !p.is_empty()) {
                    dates.push(parse_date(part, today)?);
                }
            }
            Err(e) => return Err(e),
        }
    }
    let (first, last) = match dates[..] {
        [] => return Err(DatesError::Unreadable),
        [one] => (one, today),
        [a, b] => (a.min(b), a.max(b)),
        _ => return Err(DatesError::TooMany),
    };
    if first > today {
        return Err(DatesError::Future);
    }
    Ok(Period::new(first, last.min(today)))
}

fn parse_date(token: &str, today: NaiveDate) -> Result<NaiveDate, DatesError> {
    let token = token.trim_matches(|c: char| c == '.' || c == '-');
    let numbers = |sep: char| -> Option<Vec<u32>> {
        let parts: Vec<&str> = token.split(sep).collect();
        let ok = (2..=3).contains(&parts.len())
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()));
        ok.then(|| parts.iter().filter_map(|p| p.parse().ok()).collect())
    };
    let (year, month, day) = if let Some(n) = numbers('.') {
        let year = match n.get(2) {
            None => today.year(),
            Some(&y) if y < 100 => 2000 + i32::try_from(y).unwrap_or(0),
            Some(&y) => i32::try_from(y).unwrap_or(0),
        };
        (year, n[1], n[0])
    } else if let Some(n) = numbers('-').filter(|n| n.len() == 3) {
        (i32::try_from(n[0]).unwrap_or(0), n[1], n[2])
    } else {
        return Err(DatesError::Unreadable);
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(DatesError::Unreadable);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DatesError::Impossible)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn spans_resolve_against_today() {
        // Tuesday 1 December 2026.
        let today = d(2026, 12, 1);
        let first = Some(d(2025, 6, 15));
        let p = |s: Span| {
            let p = s.resolve(today, first);
            (p.first, p.last)
        };
        assert_eq!(p(Span::ThisWeek), (d(2026, 11, 30), today));
        assert_eq!(p(Span::LastWeek), (d(2026, 11, 23), d(2026, 11, 29)));
        assert_eq!(p(Span::ThisMonth), (today, today));
        assert_eq!(p(Span::LastMonth), (d(2026, 11, 1), d(2026, 11, 30)));
        assert_eq!(p(Span::Last3Months), (d(2026, 9, 2), today));
        assert_eq!(p(Span::All), (d(2025, 6, 15), today));
        assert_eq!(Span::All.resolve(today, None).first, today);
        // March: last month is February of 28 days; three months back from 31 May.
        let march = d(2026, 3, 10);
        assert_eq!(
            Span::LastMonth.resolve(march, None),
            Period::new(d(2026, 2, 1), d(2026, 2, 28))
        );
        assert_eq!(
            Span::Last3Months.resolve(d(2026, 5, 31), None).first,
            d(2026, 3, 1)
        );
        for s in Span::ALL {
            assert_eq!(Span::from_key(s.key()), Some(*s));
        }
    }

    #[test]
    fn typed_dates() {
        let today = d(2026, 12, 1);
        let ok = |t: &str| parse_dates(t, today).map(|p| (p.first, p.last));
        let march = Ok((d(2026, 3, 1), d(2026, 3, 31)));
        assert_eq!(ok("1.3.2026 31.3.2026"), march);
        assert_eq!(ok("01.03.2026 – 31.03.2026"), march);
        assert_eq!(ok("1.3 - 31.3"), march);
        assert_eq!(ok("1.3-31.3"), march);
        assert_eq!(ok("2026-03-01 2026-03-31"), march);
        assert_eq!(ok("31.03.26, 01.03.26"), march);
        assert_eq!(ok("15.11.2026"), Ok((d(2026, 11, 15), today)));
        assert_eq!(ok("1.11.2026 31.12.2026"), Ok((d(2026, 11, 1), today)));
        assert_eq!(ok("31.02.2026"), Err(DatesError::Impossible));
        assert_eq!(ok("29.02.2025"), Err(DatesError::Impossible));
        assert_eq!(ok("29.02.2024"), Ok((d(2024, 2, 29), today)));
        assert_eq!(ok("25.61"), Err(DatesError::Unreadable));
        assert_eq!(ok("abc"), Err(DatesError::Unreadable));
        assert_eq!(ok(""), Err(DatesError::Unreadable));
        assert_eq!(ok("1.1 2.1 3.1"), Err(DatesError::TooMany));
        assert_eq!(ok("2.12.2026"), Err(DatesError::Future));
        assert_eq!(ok("99999.1.1"), Err(DatesError::Unreadable));
    }
}
