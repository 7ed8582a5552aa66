//! How reliable the diary of a period is (MODEL.md, "Diary reliability"): the share of
//! recorded days whose first record was made by the end of the next local day, and the
//! records made more than five calendar days after the day they describe, as clinical
//! e-diaries lock entries after five days.
//!
//! The records that count are those that make a day recorded ([`DayFigure`]): attacks
//! (each for every day it starts on or covers) and day records with "no headache today"
//! or an answered check-in. A dose, a comment or a menstruation mark alone records no
//! day. A day record's creation time is that of its row, whichever field came first.

use super::{DayFigure, Period, covered_days, days, live};
use crate::domain::export::Diary;
use crate::domain::localtime::{date_of, day_bounds};
use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// A record created more than this many calendar days after the day it describes is late.
pub const LATE_AFTER_DAYS: i64 = 5;

/// The reliability of a period's diary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reliability {
    /// The days counted: the period, up to today.
    pub period: Period,
    /// Recorded days (as [`DayFigure::recorded`]).
    pub recorded_days: u32,
    /// Recorded days whose first record was created no later than the end of the next
    /// local day, in that record's zone.
    pub timely_days: u32,
    /// Records created more than [`LATE_AFTER_DAYS`] calendar days after the day they
    /// describe (an attack its start day, a day record its day), that day in the period.
    pub late_records: u32,
}

impl Reliability {
    /// The share of recorded days that are timely, 0 to 1; `None` without a recorded day.
    pub fn share(&self) -> Option<f64> {
        (self.recorded_days > 0)
            .then(|| f64::from(self.timely_days) / f64::from(self.recorded_days))
    }
}

/// Whether a record created `at` (in `zone`) for `day` was made by the end of the next
/// local day.
fn timely(day: NaiveDate, at: DateTime<Utc>, zone: Tz) -> bool {
    let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
    at < day_bounds(next, zone).1
}

/// Whether a record created `at` (in `zone`) for `day` is late.
fn late(day: NaiveDate, at: DateTime<Utc>, zone: Tz) -> bool {
    (date_of(at, zone) - day).num_days() > LATE_AFTER_DAYS
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The reliability of `period`'s diary as of `today` (the user's local date: later days
/// are not counted). `diary` holds the records that can fall on the period's days, deleted
/// ones left out (a deleted attack in it is skipped all the same).
pub fn reliability(diary: &Diary, period: Period, today: NaiveDate) -> Reliability {
    let period = period.clip(Period::new(period.first, today));
    let figures: Vec<DayFigure> = days::day_figures(diary, period, None, today);

    // Each day's first record: its creation time and zone.
    let mut first: BTreeMap<NaiveDate, (DateTime<Utc>, Tz)> = BTreeMap::new();
    let mut note = |day: NaiveDate, at: DateTime<Utc>, zone: Tz| {
        if period.contains(day) {
            first
                .entry(day)
                .and_modify(|old| {
                    if at < old.0 {
                        *old = (at, zone);
                    }
                })
                .or_insert((at, zone));
        }
    };
    let mut late_records = 0;
    for a in diary.attacks.iter().filter(|a| live(a)) {
        let covered = covered_days(a);
        for day in &covered {
            note(*day, a.created_at, a.zone);
        }
        let start = covered[0];
        if period.contains(start) && late(start, a.created_at, a.zone) {
            late_records += 1;
        }
    }
    for r in diary.days.iter().filter(|r| days::records_day(r)) {
        note(r.day, r.created_at, r.zone);
        if period.contains(r.day) && late(r.day, r.created_at, r.zone) {
            late_records += 1;
        }
    }

    let recorded: Vec<&DayFigure> = figures.iter().filter(|d| d.recorded).collect();
    let timely_days = recorded
        .iter()
        .filter(|d| {
            first
                .get(&d.date)
                .is_some_and(|(at, zone)| timely(d.date, *at, *zone))
        })
        .count();
    Reliability {
        period,
        recorded_days: count(recorded.len()),
        timely_days: count(timely_days),
        late_records,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::domain::attack::Attack;
    use crate::domain::day::DayRecord;
    use crate::domain::medication::MedClass;

    fn mar(d: u32) -> NaiveDate {
        date(2026, 3, d)
    }

    /// An attack 10:00–11:00 on `day`, created at `created`.
    fn logged(id: i64, day: NaiveDate, created: DateTime<Utc>) -> Attack {
        attack(id, at(day, 10, 0), Some(at(day, 11, 0)), created)
    }

    fn free_at(day: NaiveDate, created: DateTime<Utc>) -> DayRecord {
        let mut r = day_record(day, created);
        r.headache_free = Some(true);
        r
    }

    fn march(d: &Diary) -> Reliability {
        reliability(d, Period::month(2026, 3).unwrap(), date(2026, 4, 30))
    }

    #[test]
    fn a_day_is_timely_when_first_recorded_by_the_end_of_the_next_day_and_late_after_five() {
        let mut across = attack(
            6,
            at(mar(20), 23, 0),
            Some(at(mar(21), 2, 0)),
            at(mar(20), 23, 0),
        );
        across.intensity = Some(6);
        let mut gone = logged(7, mar(25), at(mar(25), 10, 0));
        gone.deleted_at = Some(at(mar(25), 12, 0));
        let mut gone_late = logged(8, mar(26), at(date(2026, 4, 5), 9, 0));
        gone_late.deleted_at = Some(at(date(2026, 4, 5), 10, 0));
        let d = diary(
            vec![
                // 2 Mar: logged the same day → timely.
                logged(1, mar(2), at(mar(2), 10, 5)),
                // 10 Mar: logged on 16 Mar, 6 days later → not timely, and late.
                logged(2, mar(10), at(mar(16), 9, 0)),
                // 11 Mar: logged on 16 Mar, 5 days later → not timely, not yet late.
                logged(3, mar(11), at(mar(16), 9, 0)),
                // 20 Mar 23:00 → 21 Mar 02:00, logged at its start: 120 min on the 21st, so
                // both days are recorded, and both timely (the 21st's record is early).
                across,
                // Deleted: neither a recorded day nor a late record.
                gone,
                gone_late,
            ],
            // A dose alone records no day, however late.
            vec![dose(1, MedClass::Nsaid, at(mar(27), 9, 0))],
            vec![
                // 3 Mar: said on 4 Mar at 20:00, the next day → timely.
                free_at(mar(3), at(mar(4), 20, 0)),
                // 4 Mar: said on 5 Mar at 23:59, the last minute of the next day → timely.
                free_at(mar(4), at(mar(5), 23, 59)),
                // 5 Mar: said on 7 Mar at 00:00, two days later → not timely.
                free_at(mar(5), at(mar(7), 0, 0)),
                // 28 Mar: a comment only, made on 10 April: no recorded day, no record.
                {
                    let mut r = day_record(mar(28), at(date(2026, 4, 10), 9, 0));
                    r.comment = Some("late note".into());
                    r
                },
            ],
        );
        let r = march(&d);
        // Recorded: 2, 3, 4, 5, 10, 11, 20, 21 March = 8; timely: 2, 3, 4, 20, 21 = 5.
        assert_eq!((r.recorded_days, r.timely_days), (8, 5));
        // Late: the attack of 10 March only.
        assert_eq!(r.late_records, 1);
        assert_eq!(r.share(), Some(5.0 / 8.0));
    }

    #[test]
    fn the_first_record_of_a_day_decides_and_each_record_is_late_on_its_own() {
        // 12 Mar: the check-in answered that evening, then an attack of that day logged a
        // week later. The first record (the check-in) is timely, so the day is; the attack
        // is a late record (19 − 12 = 7 > 5 days).
        let mut checkin = day_record(mar(12), at(mar(12), 21, 0));
        checkin.questionnaire = Some(r#"{"headache":true}"#.into());
        // 13 Mar: an empty check-in (nothing answered) made on time records nothing; the
        // attack logged on 15 Mar is the first record → not timely, not late.
        let mut empty = day_record(mar(13), at(mar(13), 21, 0));
        empty.questionnaire = Some("{}".into());
        let d = diary(
            vec![
                logged(1, mar(12), at(mar(19), 8, 0)),
                logged(2, mar(13), at(mar(15), 8, 0)),
            ],
            vec![],
            vec![checkin, empty],
        );
        let r = march(&d);
        assert_eq!((r.recorded_days, r.timely_days, r.late_records), (2, 1, 1));
    }

    #[test]
    fn the_deadline_is_the_end_of_the_next_day_in_the_record_s_own_zone() {
        // A Tokyo day record of 5 Mar: the next day ends on 6 Mar 24:00 Tokyo time, which
        // is 6 Mar 15:00 UTC (16:00 in Berlin). 14:30 UTC is in time; 15:30 UTC is not,
        // although it is still 6 March in Berlin.
        let tokyo: Tz = "Asia/Tokyo".parse().unwrap();
        let record = |created| {
            let mut r = free_at(mar(5), created);
            r.zone = tokyo;
            r
        };
        let utc = |h, m| at_in(Tz::UTC, mar(6), h, m);
        let on_time = march(&diary(vec![], vec![], vec![record(utc(14, 30))]));
        assert_eq!((on_time.recorded_days, on_time.timely_days), (1, 1));
        let too_late = march(&diary(vec![], vec![], vec![record(utc(15, 30))]));
        assert_eq!((too_late.recorded_days, too_late.timely_days), (1, 0));
    }

    #[test]
    fn records_count_where_the_day_they_describe_lies_and_days_after_today_do_not() {
        // 28 Feb 23:00 → 1 Mar 01:00 (60 min on 1 March), logged on 9 March: 1 March is
        // recorded and not timely; the attack describes 28 February, outside March, so it
        // is no late record of March.
        let before = attack(
            1,
            at(date(2026, 2, 28), 23, 0),
            Some(at(mar(1), 1, 0)),
            at(mar(9), 9, 0),
        );
        // 20 March lies after today (15 March): not counted.
        let d = diary(
            vec![before, logged(2, mar(20), at(mar(20), 11, 0))],
            vec![],
            vec![],
        );
        let r = reliability(&d, Period::month(2026, 3).unwrap(), mar(15));
        assert_eq!(r.period, Period::new(mar(1), mar(15)));
        assert_eq!((r.recorded_days, r.timely_days, r.late_records), (1, 0, 0));
        assert_eq!(r.share(), Some(0.0));
        // No recorded day: no share.
        let r = march(&Diary::default());
        assert_eq!((r.recorded_days, r.share()), (0, None));
    }
}
