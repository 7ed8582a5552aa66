//! Habits (PRODUCT.md §2, MODEL.md "Habits"), the rules only: a habit's kind and frequency,
//! a day's mark, Loop Habit Tracker's strength score and the streaks. Pure functions over
//! marks already loaded; the habits feature (issue 9) stores, shows and reminds.
//!
//! The score is Loop's rule as the habits issue writes it: with `f = numerator /
//! denominator` and `m = 0.5^(sqrt(f) / 13)`, every day that is not skipped
//! `score = previous * m + c * (1 - m)`; a skipped day leaves it as it was (Loop's merged
//! rule, PR #630). Yes/no: `c = min(1, done marks in the last denominator days /
//! numerator)`, numerator and denominator both doubled when `f < 1`. Numeric: the sum over
//! the last denominator days; at least: `c = min(1, sum / target)`; at most:
//! `c = clamp(1 - (sum - target) / target, 0, 1)`, whose score starts at 1.

use super::key_enum;
use chrono::{Datelike, Days, NaiveDate};
use std::collections::HashMap;

/// How often: `numerator` times every `denominator` days (daily 1/1, 3 a week 3/7,
/// 10 a month 10/30, every 3 days 1/3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frequency {
    /// Times per period, at least 1.
    pub numerator: u32,
    /// Days per period, at least 1.
    pub denominator: u32,
}

impl Frequency {
    /// Every day.
    pub const DAILY: Frequency = Frequency {
        numerator: 1,
        denominator: 1,
    };

    /// `times` a week.
    pub fn weekly(times: u32) -> Frequency {
        Frequency {
            numerator: times.clamp(1, 7),
            denominator: 7,
        }
    }

    /// `times` a month.
    pub fn monthly(times: u32) -> Frequency {
        Frequency {
            numerator: times.clamp(1, 31),
            denominator: 30,
        }
    }

    /// Once every `days` days.
    pub fn every(days: u32) -> Frequency {
        Frequency {
            numerator: 1,
            denominator: days.max(1),
        }
    }

    fn ratio(self) -> f64 {
        f64::from(self.numerator.max(1)) / f64::from(self.denominator.max(1))
    }
}

/// Which way a numeric habit's target points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Done on a day whose value reaches the target.
    AtLeast,
    /// Done on a day with a value at or below the target.
    AtMost,
}

/// What kind of habit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// Done or not.
    YesNo,
    /// A number a day against a daily target.
    Numeric {
        /// The daily target (> 0).
        target: f64,
        /// At least or at most.
        direction: Direction,
    },
}

/// A day's mark; a day without one is "no entry".
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// Done (yes/no habits).
    Done,
    /// Skipped on purpose (a sick day): neither breaks nor extends a streak, freezes the
    /// score.
    Skipped,
    /// A number (numeric habits).
    Value(f64),
}

/// Whether a day's mark satisfies the habit on its own.
pub fn done(kind: Kind, mark: Option<Mark>) -> bool {
    match (kind, mark) {
        (Kind::YesNo, Some(Mark::Done)) => true,
        (
            Kind::Numeric {
                target,
                direction: Direction::AtLeast,
            },
            Some(Mark::Value(v)),
        ) => v >= target,
        (
            Kind::Numeric {
                target,
                direction: Direction::AtMost,
            },
            Some(Mark::Value(v)),
        ) => v <= target,
        _ => false,
    }
}

/// The strength score of each day from `first` to `last` (inclusive), 0–1, by Loop's rule.
pub fn scores(
    kind: Kind,
    freq: Frequency,
    marks: &HashMap<NaiveDate, Mark>,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<f64> {
    let f = freq.ratio();
    let m = 0.5f64.powf(f.sqrt() / 13.0);
    let (mut num, mut den) = (freq.numerator.max(1), freq.denominator.max(1));
    if f < 1.0 {
        num *= 2;
        den *= 2;
    }
    let mut score = match kind {
        Kind::Numeric {
            direction: Direction::AtMost,
            ..
        } => 1.0,
        _ => 0.0,
    };
    // The window of the last `den` days, kept as a running sum.
    let den_numeric = freq.denominator.max(1);
    let window_len = match kind {
        Kind::YesNo => den,
        Kind::Numeric { .. } => den_numeric,
    } as usize;
    let mut window: std::collections::VecDeque<f64> = std::collections::VecDeque::new();
    let mut sum = 0.0;
    let mut out = Vec::new();
    let mut day = first;
    while day <= last {
        let mark = marks.get(&day).copied();
        let value = match (kind, mark) {
            (Kind::YesNo, Some(Mark::Done)) => 1.0,
            (Kind::Numeric { .. }, Some(Mark::Value(v))) => v.max(0.0),
            _ => 0.0,
        };
        window.push_back(value);
        sum += value;
        if window.len() > window_len {
            sum -= window.pop_front().unwrap_or(0.0);
        }
        if mark != Some(Mark::Skipped) {
            let c = match kind {
                Kind::YesNo => (sum / f64::from(num)).min(1.0),
                Kind::Numeric {
                    target,
                    direction: Direction::AtLeast,
                } if target > 0.0 => (sum / target).min(1.0),
                Kind::Numeric {
                    target,
                    direction: Direction::AtMost,
                } if target > 0.0 => (1.0 - (sum - target) / target).clamp(0.0, 1.0),
                Kind::Numeric { .. } => 0.0,
            };
            score = score * m + c * (1.0 - m);
        }
        out.push(score);
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    out
}

/// The period `day` falls in for `freq`, counted from the habit's `start`: a day for daily
/// habits, the ISO week (Monday to Sunday) for `n` a week, the calendar month for `n` a
/// month, otherwise consecutive blocks of `denominator` days from `start`.
pub fn period_of(freq: Frequency, start: NaiveDate, day: NaiveDate) -> (NaiveDate, NaiveDate) {
    match freq.denominator {
        1 => (day, day),
        7 => {
            let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
            (monday, monday + Days::new(6))
        }
        30 | 31 => {
            let first = day.with_day(1).unwrap_or(day);
            let next = first
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(first);
            (first, next.pred_opt().unwrap_or(first))
        }
        n => {
            let since = (day - start).num_days().max(0) as u64;
            let block = since / u64::from(n);
            let from = start + Days::new(block * u64::from(n));
            (from, from + Days::new(u64::from(n) - 1))
        }
    }
}

/// Current and best streak, in days: consecutive satisfied periods (a period with at least
/// `numerator` done days; every day of it counts, as Loop shows the rest of a completed
/// period as done), skipped days left out of the count without breaking it, and the
/// period holding `today` not breaking it while it can still be completed.
pub fn streaks(
    kind: Kind,
    freq: Frequency,
    marks: &HashMap<NaiveDate, Mark>,
    start: NaiveDate,
    today: NaiveDate,
) -> (u32, u32) {
    let (mut current, mut best) = (0u32, 0u32);
    let mut from = start;
    while from <= today {
        let (p_first, p_last) = period_of(freq, start, from);
        let p_first = p_first.max(start);
        let end = p_last.min(today);
        let mut done_days = 0;
        let mut counted = 0;
        let mut d = p_first;
        while d <= end {
            let mark = marks.get(&d).copied();
            if done(kind, mark) {
                done_days += 1;
            }
            if mark != Some(Mark::Skipped) {
                counted += 1;
            }
            let Some(n) = d.succ_opt() else { break };
            d = n;
        }
        let open = p_last >= today;
        if done_days >= freq.numerator.max(1) {
            current += counted;
        } else if counted == 0 {
            // Only skipped days: neither breaks nor extends.
        } else if open {
            // Still open: the days done so far stand, none breaks it yet.
            current += done_days;
        } else {
            current = 0;
        }
        best = best.max(current);
        let Some(next) = p_last.succ_opt() else { break };
        from = next;
    }
    (current, best)
}

/// The habit day an instant falls on for a user in `zone` whose day starts at
/// `start_of_day` (e.g. 04:00: 02:30 still counts for the day before). Only habits and their
/// reminders use it; diary days stay calendar days (MODEL.md).
pub fn habit_day(
    at: chrono::DateTime<chrono::Utc>,
    zone: chrono_tz::Tz,
    start_of_day: chrono::NaiveTime,
) -> NaiveDate {
    let local = at.with_timezone(&zone);
    let day = local.date_naive();
    if local.time() < start_of_day {
        day.pred_opt().unwrap_or(day)
    } else {
        day
    }
}

/// Whether the goal of `goal_days` is reached: the current streak counts that many days.
pub fn goal_reached(current_streak: u32, goal_days: u32) -> bool {
    goal_days > 0 && current_streak >= goal_days
}

key_enum!(
    /// The headache factor a habit stands for (MODEL.md): reports place tagged habits
    /// beside headache days.
    Factor {
        /// Sleep.
        Sleep = "sleep",
        /// Water.
        Water = "water",
        /// Caffeine.
        Caffeine = "caffeine",
        /// Alcohol.
        Alcohol = "alcohol",
        /// Exercise.
        Exercise = "exercise",
        /// Stress.
        Stress = "stress",
        /// Screen time.
        ScreenTime = "screen_time",
        /// Anything else.
        Other = "other",
    }
);

/// The goal S1 suggests, in days.
pub const DEFAULT_GOAL_DAYS: u32 = 21;
/// Habits per page of a list (S1).
pub const PAGE: usize = 5;
/// The longest name, in characters.
pub const NAME_MAX: usize = 60;
/// The longest description, in characters.
pub const DESCRIPTION_MAX: usize = 300;
/// The longest unit, in characters.
pub const UNIT_MAX: usize = 20;
/// The longest note on a day's mark, in characters.
pub const NOTE_MAX: usize = 200;
/// The longest routine name, in characters.
pub const ROUTINE_MAX: usize = 30;
/// How far back a day's mark can be corrected, in days before today (the calendar shows
/// this many days, today included).
pub const CORRECTABLE_DAYS: u32 = 14;
/// The largest numeric value or target, in units.
pub const AMOUNT_MAX: i64 = 1_000_000;
/// Reminders per habit.
pub const REMINDERS_MAX: usize = 5;
/// Every weekday, as a reminder's weekday mask.
pub const EVERY_WEEKDAY: u8 = 0x7f;
/// Monday to Friday.
pub const WORKDAYS: u8 = 0x1f;

/// A habit as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Habit {
    /// Its id.
    pub id: i64,
    /// Its user.
    pub user_id: i64,
    /// What it is called.
    pub name: String,
    /// A longer description (Loop's "question" or notes).
    pub description: Option<String>,
    /// Yes/no or numeric.
    pub kind: Kind,
    /// A numeric habit's unit ("glasses").
    pub unit: Option<String>,
    /// How often.
    pub freq: Frequency,
    /// The goal in days, if any.
    pub goal_days: Option<u32>,
    /// The headache factor it stands for.
    pub factor: Option<Factor>,
    /// The routine it belongs to ("Morning").
    pub routine: Option<String>,
    /// Its place in the lists.
    pub position: i64,
    /// The habit day it began on (streaks and scores count from it).
    pub start_day: NaiveDate,
    /// When it was archived.
    pub archived_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When its goal was reached (congratulated once).
    pub goal_met_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When it was created.
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl Habit {
    /// True for numeric habits.
    pub fn is_numeric(&self) -> bool {
        matches!(self.kind, Kind::Numeric { .. })
    }

    /// The kind's stable key: `yes_no`, `at_least` or `at_most`.
    pub fn kind_key(&self) -> &'static str {
        kind_key(self.kind)
    }
}

/// A kind's stable key: `yes_no`, `at_least` or `at_most`.
pub fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::YesNo => "yes_no",
        Kind::Numeric {
            direction: Direction::AtLeast,
            ..
        } => "at_least",
        Kind::Numeric {
            direction: Direction::AtMost,
            ..
        } => "at_most",
    }
}

/// The kind a key and a target (thousandths) stand for.
pub fn kind_from_key(key: &str, target_milli: Option<i64>) -> Option<Kind> {
    let target = || Some(target_milli? as f64 / 1000.0);
    Some(match key {
        "yes_no" => Kind::YesNo,
        "at_least" => Kind::Numeric {
            target: target()?,
            direction: Direction::AtLeast,
        },
        "at_most" => Kind::Numeric {
            target: target()?,
            direction: Direction::AtMost,
        },
        _ => return None,
    })
}

/// A day's entry: its mark (none when only a note is kept) and its note.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The habit day.
    pub day: NaiveDate,
    /// The mark, if any.
    pub mark: Option<Mark>,
    /// A short note.
    pub note: Option<String>,
}

/// What a day comes to, as the calendar and Loop's Checkmarks.csv show it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DayState {
    /// Before the habit began, or after today.
    Outside,
    /// Marked done (or a numeric value meeting the target).
    Done,
    /// Not marked itself, but its period is complete (Loop shows it as done).
    DoneByPeriod,
    /// Skipped on purpose.
    Skipped,
    /// A numeric value that does not meet the target.
    Short,
    /// No entry.
    Empty,
}

/// The state of each day from `first` to `last` (inclusive).
pub fn day_states(
    kind: Kind,
    freq: Frequency,
    marks: &HashMap<NaiveDate, Mark>,
    start: NaiveDate,
    today: NaiveDate,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<(NaiveDate, DayState)> {
    let mut out = Vec::new();
    let mut complete: Option<((NaiveDate, NaiveDate), bool)> = None;
    let mut day = first;
    while day <= last {
        let state = if day < start || day > today {
            DayState::Outside
        } else {
            let mark = marks.get(&day).copied();
            if done(kind, mark) {
                DayState::Done
            } else if mark == Some(Mark::Skipped) {
                DayState::Skipped
            } else {
                let period = period_of(freq, start, day);
                let full = match complete {
                    Some((p, full)) if p == period => full,
                    _ => {
                        let full = freq.numerator > 0
                            && freq.denominator > 1
                            && done_in(kind, marks, period.0.max(start), period.1.min(today))
                                >= freq.numerator;
                        complete = Some((period, full));
                        full
                    }
                };
                if full {
                    DayState::DoneByPeriod
                } else if matches!(mark, Some(Mark::Value(_))) {
                    DayState::Short
                } else {
                    DayState::Empty
                }
            }
        };
        out.push((day, state));
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    out
}

fn done_in(kind: Kind, marks: &HashMap<NaiveDate, Mark>, from: NaiveDate, to: NaiveDate) -> u32 {
    let mut n = 0;
    let mut d = from;
    while d <= to {
        if done(kind, marks.get(&d).copied()) {
            n += 1;
        }
        let Some(next) = d.succ_opt() else { break };
        d = next;
    }
    n
}

/// Why a typed habit value is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// Not a number.
    NotANumber,
    /// Negative, zero where it must be positive, or too large.
    OutOfRange,
}

/// A typed amount ("8", "2.5", "2,5", "1 000") in thousandths; `positive` refuses zero
/// (targets), values may be zero. At most three decimals, at most [`AMOUNT_MAX`].
pub fn parse_amount(text: &str, positive: bool) -> Result<i64, AmountError> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let t = t.replace(',', ".");
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.as_str()),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && frac.is_empty()
        || !all_digits(whole)
        || !all_digits(frac)
        || frac.len() > 3
        || whole.len() > 9
    {
        return Err(AmountError::NotANumber);
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| AmountError::NotANumber)?
    };
    let frac_milli: i64 = format!("{frac:0<3}")
        .parse()
        .map_err(|_| AmountError::NotANumber)?;
    let milli = whole * 1000 + frac_milli;
    if negative && milli > 0 || milli > AMOUNT_MAX * 1000 || positive && milli == 0 {
        return Err(AmountError::OutOfRange);
    }
    Ok(milli)
}

/// Thousandths as people read them: `8`, `2.5`, `0.125` (a dot; the bot's texts put it in
/// the user's words).
pub fn format_amount(milli: i64) -> String {
    let whole = milli / 1000;
    let frac = (milli % 1000).abs();
    if frac == 0 {
        whole.to_string()
    } else {
        let f = format!("{frac:03}");
        format!("{whole}.{}", f.trim_end_matches('0'))
    }
}

/// A weekday's bit in a reminder's weekday mask (Monday = 1, Sunday = 64).
pub fn weekday_bit(day: chrono::Weekday) -> u8 {
    1 << day.num_days_from_monday()
}

/// The next instant strictly after `after` of a habit reminder at the local `time` on the
/// habit days of `weekdays`, for a user in `zone` whose habit day starts at `day_start`: a
/// reminder at 01:00 with days starting at 04:00 belongs to the habit day before, so its
/// "Monday" is the night from Monday to Tuesday. `None` for an empty mask.
pub fn next_reminder(
    time: chrono::NaiveTime,
    weekdays: u8,
    zone: chrono_tz::Tz,
    day_start: chrono::NaiveTime,
    after: chrono::DateTime<chrono::Utc>,
) -> Option<chrono::DateTime<chrono::Utc>> {
    if weekdays & EVERY_WEEKDAY == 0 {
        return None;
    }
    let from = habit_day(after, zone, day_start).pred_opt()?;
    (0..10u64).find_map(|i| {
        let day = from + Days::new(i);
        if weekdays & weekday_bit(day.weekday()) == 0 {
            return None;
        }
        let calendar = if time < day_start {
            day.succ_opt()?
        } else {
            day
        };
        let at = super::localtime::at(calendar, time, zone);
        (at > after).then_some(at)
    })
}

/// Whether `day` may be marked on habit day `today`: not in the future, and within the
/// days the calendar corrects.
pub fn markable(day: NaiveDate, today: NaiveDate) -> Result<(), MarkError> {
    if day > today {
        return Err(MarkError::Future);
    }
    if (today - day).num_days() >= i64::from(CORRECTABLE_DAYS) {
        return Err(MarkError::TooOld);
    }
    Ok(())
}

/// Why a mark is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkError {
    /// A day that has not come yet.
    Future,
    /// Older than the calendar corrects.
    TooOld,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn marks(days: &[(&str, Mark)]) -> HashMap<NaiveDate, Mark> {
        days.iter().map(|(d, m)| (date(d), *m)).collect()
    }

    fn round6(v: f64) -> f64 {
        (v * 1e6).round() / 1e6
    }

    #[test]
    fn loop_golden_values_come_out_to_six_decimals() {
        // 30 daily "done" from nothing.
        let first = date("2026-03-02");
        let last = first + Days::new(29);
        let all: HashMap<NaiveDate, Mark> = (0..30)
            .map(|i| (first + Days::new(i), Mark::Done))
            .collect();
        let s = scores(Kind::YesNo, Frequency::DAILY, &all, first, last);
        assert_eq!(round6(*s.last().unwrap()), 0.798017);

        // Mon, Wed, Fri done for 4 weeks of a 3-a-week habit (2 March 2026 is a Monday).
        let mwf: HashMap<NaiveDate, Mark> = (0..28)
            .filter(|i| [0, 2, 4].contains(&(i % 7)))
            .map(|i| (first + Days::new(i), Mark::Done))
            .collect();
        let s = scores(
            Kind::YesNo,
            Frequency::weekly(3),
            &mwf,
            first,
            first + Days::new(27),
        );
        assert_eq!(round6(*s.last().unwrap()), 0.539897);

        // One "done" followed by 13 empty days: exactly half of the first day's score.
        let one = marks(&[("2026-03-02", Mark::Done)]);
        let s = scores(
            Kind::YesNo,
            Frequency::DAILY,
            &one,
            first,
            first + Days::new(13),
        );
        assert!((s[13] - s[0] / 2.0).abs() < 1e-12, "{} vs {}", s[13], s[0]);
    }

    #[test]
    fn a_skipped_day_freezes_the_score() {
        let first = date("2026-03-02");
        let m = marks(&[
            ("2026-03-02", Mark::Done),
            ("2026-03-03", Mark::Skipped),
            ("2026-03-04", Mark::Skipped),
            ("2026-03-05", Mark::Done),
        ]);
        let s = scores(Kind::YesNo, Frequency::DAILY, &m, first, date("2026-03-05"));
        assert_eq!(s[0], s[1]);
        assert_eq!(s[1], s[2]);
        assert!(s[3] > s[2]);
    }

    #[test]
    fn numeric_scores_at_least_and_at_most() {
        let first = date("2026-03-02");
        let at_least = Kind::Numeric {
            target: 8.0,
            direction: Direction::AtLeast,
        };
        let m = marks(&[
            ("2026-03-02", Mark::Value(4.0)),
            ("2026-03-03", Mark::Value(8.0)),
        ]);
        let s = scores(at_least, Frequency::DAILY, &m, first, date("2026-03-03"));
        let k = 1.0 - 0.5f64.powf(1.0 / 13.0);
        // Day 1: half the target; day 2: the whole of it.
        assert!((s[0] - 0.5 * k).abs() < 1e-12);
        assert!((s[1] - (s[0] * (1.0 - k) + k)).abs() < 1e-12);
        // At most 2 cups: starts at 1; 3 cups is half over, c = 0.5; 6 cups, c = 0.
        let at_most = Kind::Numeric {
            target: 2.0,
            direction: Direction::AtMost,
        };
        let m = marks(&[
            ("2026-03-02", Mark::Value(3.0)),
            ("2026-03-03", Mark::Value(6.0)),
        ]);
        let s = scores(at_most, Frequency::DAILY, &m, first, date("2026-03-04"));
        assert!((s[0] - (1.0 * (1.0 - k) + 0.5 * k)).abs() < 1e-12);
        assert!((s[1] - s[0] * (1.0 - k)).abs() < 1e-12);
        // No entry at all on an at-most habit: the sum is 0, under the target, c = 1.
        assert!((s[2] - (s[1] * (1.0 - k) + k)).abs() < 1e-12);
        assert!(done(at_most, Some(Mark::Value(2.0))) && !done(at_most, Some(Mark::Value(2.5))));
        assert!(!done(at_most, None), "no entry is not done");
        assert!(done(at_least, Some(Mark::Value(8.0))) && !done(at_least, Some(Mark::Value(7.9))));
    }

    #[test]
    fn daily_streaks_skip_without_breaking_and_today_waits() {
        let start = date("2026-03-02");
        let m = marks(&[
            ("2026-03-02", Mark::Done),
            ("2026-03-03", Mark::Done),
            ("2026-03-04", Mark::Skipped),
            ("2026-03-05", Mark::Done),
            // 6 March missed: broken.
            ("2026-03-07", Mark::Done),
            ("2026-03-08", Mark::Done),
        ]);
        // Today is 9 March, not marked yet: the streak of 7–8 March stands.
        assert_eq!(
            streaks(Kind::YesNo, Frequency::DAILY, &m, start, date("2026-03-09")),
            (2, 3)
        );
        // Once 9 March is over unmarked, it is broken.
        assert_eq!(
            streaks(Kind::YesNo, Frequency::DAILY, &m, start, date("2026-03-10")),
            (0, 3)
        );
    }

    #[test]
    fn weekly_streaks_count_every_day_of_a_completed_week() {
        let start = date("2026-03-02"); // a Monday
        let m = marks(&[
            ("2026-03-02", Mark::Done),
            ("2026-03-04", Mark::Done),
            ("2026-03-06", Mark::Done),
            ("2026-03-09", Mark::Done),
            ("2026-03-10", Mark::Done),
            ("2026-03-11", Mark::Done),
        ]);
        // Two completed weeks (3 of 3 each): 14 days; the third week has begun unmarked.
        assert_eq!(
            streaks(
                Kind::YesNo,
                Frequency::weekly(3),
                &m,
                start,
                date("2026-03-17")
            ),
            (14, 14)
        );
        // The third week ended without its three marks: broken.
        let (current, best) = streaks(
            Kind::YesNo,
            Frequency::weekly(3),
            &m,
            start,
            date("2026-03-23"),
        );
        assert_eq!((current, best), (0, 14));
    }

    #[test]
    fn periods_follow_weeks_months_and_blocks_across_daylight_saving() {
        let start = date("2026-03-25");
        // The week of 29 March 2026 (clocks change in Europe): Monday 23 to Sunday 29.
        assert_eq!(
            period_of(Frequency::weekly(3), start, date("2026-03-29")),
            (date("2026-03-23"), date("2026-03-29"))
        );
        assert_eq!(
            period_of(Frequency::monthly(10), start, date("2026-02-14")),
            (date("2026-02-01"), date("2026-02-28"))
        );
        assert_eq!(
            period_of(Frequency::every(3), start, date("2026-03-30")),
            (date("2026-03-28"), date("2026-03-30"))
        );
    }

    #[test]
    fn a_custom_start_of_day_moves_the_habit_day_across_daylight_saving() {
        use chrono::{NaiveTime, TimeZone};
        let berlin = chrono_tz::Europe::Berlin;
        let four = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        let at = |y, mo, d, h, mi| {
            berlin
                .with_ymd_and_hms(y, mo, d, h, mi, 0)
                .single()
                .unwrap()
                .with_timezone(&chrono::Utc)
        };
        // 02:30 on Saturday still counts for Friday; 04:00 is Saturday.
        assert_eq!(
            habit_day(at(2026, 3, 28, 2, 30), berlin, four),
            date("2026-03-27")
        );
        assert_eq!(
            habit_day(at(2026, 3, 28, 4, 0), berlin, four),
            date("2026-03-28")
        );
        // The night clocks spring forward (29 March, 02:00 → 03:00): 03:30 is still Saturday's.
        assert_eq!(
            habit_day(at(2026, 3, 29, 3, 30), berlin, four),
            date("2026-03-28")
        );
        assert_eq!(
            habit_day(at(2026, 3, 29, 4, 0), berlin, four),
            date("2026-03-29")
        );
        // Midnight as the start: calendar days.
        let midnight = NaiveTime::MIN;
        assert_eq!(
            habit_day(at(2026, 3, 29, 0, 10), berlin, midnight),
            date("2026-03-29")
        );
        assert!(goal_reached(21, 21) && !goal_reached(20, 21) && !goal_reached(5, 0));
    }

    /// `n` consecutive days from `first`, each with what `f(i)` gives.
    fn days_from(
        first: NaiveDate,
        n: u64,
        f: impl Fn(u64) -> Option<Mark>,
    ) -> HashMap<NaiveDate, Mark> {
        (0..n)
            .filter_map(|i| Some((first + Days::new(i), f(i)?)))
            .collect()
    }

    #[test]
    fn ninety_days_with_weekly_misses_and_a_sick_week_give_written_out_figures() {
        // Daily, from 1 January 2026: every 7th day missed, days 40–45 skipped (sick).
        let first = date("2026-01-01");
        let m = days_from(first, 90, |i| match i {
            40..=45 => Some(Mark::Skipped),
            _ if i % 7 == 6 => None,
            _ => Some(Mark::Done),
        });
        let last = first + Days::new(89);
        let s = scores(Kind::YesNo, Frequency::DAILY, &m, first, last);
        assert_eq!(round6(s[89]), 0.870163);
        // Frozen through the sick week: day 45 is where day 39 left it.
        assert_eq!(round6(s[39]), 0.773564);
        assert_eq!(s[45], s[39]);
        // Runs of six; 35–39 and 46–47 join across the skips into seven; today (day 89,
        // done) ends a run of six.
        assert_eq!(
            streaks(Kind::YesNo, Frequency::DAILY, &m, first, last),
            (6, 7)
        );
    }

    #[test]
    fn a_ten_a_month_habit_counts_whole_months() {
        let mut m = HashMap::new();
        for (month, done) in [(1, 12), (2, 9), (3, 10)] {
            for d in 1..=done {
                m.insert(NaiveDate::from_ymd_opt(2026, month, d).unwrap(), Mark::Done);
            }
        }
        let (first, last) = (date("2026-01-01"), date("2026-03-31"));
        let s = scores(Kind::YesNo, Frequency::monthly(10), &m, first, last);
        assert_eq!(round6(*s.last().unwrap()), 0.860462);
        // January complete (31 days), February short (9 of 10) breaks it, March complete.
        assert_eq!(
            streaks(Kind::YesNo, Frequency::monthly(10), &m, first, last),
            (31, 31)
        );
        // Mid-March: its ten marks are in, so March is complete already and each of its
        // fifteen days so far counts.
        assert_eq!(
            streaks(
                Kind::YesNo,
                Frequency::monthly(10),
                &m,
                first,
                date("2026-03-15")
            ),
            (15, 31)
        );
    }

    #[test]
    fn sixty_days_of_coffee_at_most_two_cups_and_a_walk_every_other_day() {
        let first = date("2026-01-01");
        let cups = [1.0, 2.0, 3.0, 0.0, 4.0];
        let m = days_from(first, 60, |i| Some(Mark::Value(cups[(i % 5) as usize])));
        let at_most = Kind::Numeric {
            target: 2.0,
            direction: Direction::AtMost,
        };
        let last = first + Days::new(59);
        let s = scores(at_most, Frequency::DAILY, &m, first, last);
        assert_eq!(round6(s[59]), 0.691529);
        // 1, 2, 3, 0, 4 cups: runs of at most two days within the limit; today's 4 cups
        // do not break yesterday's run while today can still be corrected.
        assert_eq!(streaks(at_most, Frequency::DAILY, &m, first, last), (1, 2));
        // Every other day (1 in 2): f < 1, so numerator and denominator double.
        let walk = days_from(first, 60, |i| (i % 2 == 0).then_some(Mark::Done));
        let s = scores(Kind::YesNo, Frequency::every(2), &walk, first, last);
        assert_eq!(round6(s[59]), 0.891794);
        // Each two-day block has its walk: sixty days, today's block complete.
        assert_eq!(
            streaks(Kind::YesNo, Frequency::every(2), &walk, first, last),
            (60, 60)
        );
    }

    #[test]
    fn a_daylight_saving_week_is_seven_habit_days() {
        // The week of 29 March 2026 (Europe's spring change), 3 a week: Mon, Wed, Sun done.
        let m = marks(&[
            ("2026-03-23", Mark::Done),
            ("2026-03-25", Mark::Done),
            ("2026-03-29", Mark::Done),
        ]);
        let states = day_states(
            Kind::YesNo,
            Frequency::weekly(3),
            &m,
            date("2026-03-23"),
            date("2026-03-29"),
            date("2026-03-23"),
            date("2026-03-30"),
        );
        use DayState::*;
        let got: Vec<DayState> = states.iter().map(|(_, s)| *s).collect();
        assert_eq!(
            got,
            [
                Done,
                DoneByPeriod,
                Done,
                DoneByPeriod,
                DoneByPeriod,
                DoneByPeriod,
                Done,
                Outside
            ]
        );
        assert_eq!(
            streaks(
                Kind::YesNo,
                Frequency::weekly(3),
                &m,
                date("2026-03-23"),
                date("2026-03-29")
            ),
            (7, 7)
        );
    }

    #[test]
    fn typed_amounts_are_read_in_thousandths_and_written_back() {
        for (typed, milli) in [
            ("8", 8000),
            (" 2.5 ", 2500),
            ("2,5", 2500),
            ("0.125", 125),
            ("1 000", 1_000_000),
            (".5", 500),
            ("0", 0),
        ] {
            assert_eq!(parse_amount(typed, false), Ok(milli), "{typed:?}");
        }
        assert_eq!(parse_amount("0", true), Err(AmountError::OutOfRange));
        assert_eq!(parse_amount("-3", true), Err(AmountError::OutOfRange));
        assert_eq!(parse_amount("1000001", true), Err(AmountError::OutOfRange));
        for bad in [
            "abc",
            "",
            "1.2345",
            "1e3",
            "+5",
            "٣",
            "--1",
            "1.2.3",
            "99999999999",
        ] {
            assert_eq!(
                parse_amount(bad, true),
                Err(AmountError::NotANumber),
                "{bad:?}"
            );
        }
        assert_eq!(format_amount(8000), "8");
        assert_eq!(format_amount(2500), "2.5");
        assert_eq!(format_amount(125), "0.125");
    }

    #[test]
    fn reminders_follow_weekdays_the_start_of_day_and_daylight_saving() {
        use chrono::{NaiveTime, TimeZone, Weekday};
        let berlin = chrono_tz::Europe::Berlin;
        let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let local = |at: chrono::DateTime<chrono::Utc>| {
            at.with_timezone(&berlin)
                .format("%a %d %H:%M %Z")
                .to_string()
        };
        let from = berlin
            .with_ymd_and_hms(2026, 3, 26, 12, 0, 0)
            .unwrap()
            .with_timezone(&chrono::Utc);
        // Mondays only at 07:15: Monday 30 March, after the change, still 07:15.
        let mon = weekday_bit(Weekday::Mon);
        let at = next_reminder(hm(7, 15), mon, berlin, NaiveTime::MIN, from).unwrap();
        assert_eq!(local(at), "Mon 30 07:15 CEST");
        // Saturday and Sunday at 09:00: Saturday 28 (CET), then Sunday 29 (CEST).
        let weekend = weekday_bit(Weekday::Sat) | weekday_bit(Weekday::Sun);
        let sat = next_reminder(hm(9, 0), weekend, berlin, NaiveTime::MIN, from).unwrap();
        assert_eq!(local(sat), "Sat 28 09:00 CET");
        let sun = next_reminder(hm(9, 0), weekend, berlin, NaiveTime::MIN, sat).unwrap();
        assert_eq!(local(sun), "Sun 29 09:00 CEST");
        // Days starting at 04:00: a 01:00 reminder on "Friday" comes in the night to Saturday.
        let fri = weekday_bit(Weekday::Fri);
        let late = next_reminder(hm(1, 0), fri, berlin, hm(4, 0), from).unwrap();
        assert_eq!(local(late), "Sat 28 01:00 CET");
        assert_eq!(habit_day(late, berlin, hm(4, 0)), date("2026-03-27"));
        // No weekday: never.
        assert_eq!(
            next_reminder(hm(9, 0), 0, berlin, NaiveTime::MIN, from),
            None
        );
        // Marks: today and the 13 days before; not tomorrow, not 14 days back.
        let today = date("2026-03-26");
        assert_eq!(markable(today, today), Ok(()));
        assert_eq!(markable(date("2026-03-13"), today), Ok(()));
        assert_eq!(markable(date("2026-03-12"), today), Err(MarkError::TooOld));
        assert_eq!(markable(date("2026-03-27"), today), Err(MarkError::Future));
    }
}
