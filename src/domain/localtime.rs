//! Local times, resolved one way everywhere: a wall-clock time that a daylight-saving gap
//! skips moves to the first minute after the gap; a time that happens twice is the earlier
//! instant. Every local-to-instant conversion in headlog goes through [`resolve`].

use chrono::{
    DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc,
};
use chrono_tz::Tz;

/// Longer than any gap a zone has had (Samoa skipped a whole day in 2011).
const LONGEST_GAP_MINUTES: i64 = 48 * 60;

/// The instant of a local date and time in `zone`.
pub fn resolve(local: NaiveDateTime, zone: Tz) -> DateTime<Utc> {
    let mut candidate = local;
    for _ in 0..=LONGEST_GAP_MINUTES {
        if let Some(at) = zone.from_local_datetime(&candidate).earliest() {
            return at.with_timezone(&Utc);
        }
        match candidate.checked_add_signed(TimeDelta::minutes(1)) {
            Some(next) => candidate = next,
            None => break,
        }
    }
    // Unreachable for real zones; read the wall time with the offset in force then.
    let offset = zone.offset_from_utc_datetime(&local).fix();
    (local - TimeDelta::seconds(i64::from(offset.local_minus_utc()))).and_utc()
}

/// The instant of `time` on `day` in `zone`.
pub fn at(day: NaiveDate, time: NaiveTime, zone: Tz) -> DateTime<Utc> {
    resolve(day.and_time(time), zone)
}

/// The first instant of a local day.
pub fn start_of_day(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    at(day, NaiveTime::MIN, zone)
}

/// The instants a local day spans, `[start, end)`.
pub fn day_bounds(day: NaiveDate, zone: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
    (start_of_day(day, zone), start_of_day(next, zone))
}

/// The local date of an instant in `zone`.
pub fn date_of(at: DateTime<Utc>, zone: Tz) -> NaiveDate {
    at.with_timezone(&zone).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_time_in_a_spring_gap_moves_to_the_first_minute_after_it() {
        let zone: Tz = "Europe/Berlin".parse().unwrap();
        let t = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        let got = at(date(2026, 3, 29), t, zone);
        assert_eq!(got.to_rfc3339(), "2026-03-29T01:00:00+00:00");
    }

    #[test]
    fn a_time_that_happens_twice_is_the_earlier_instant() {
        let zone: Tz = "Europe/Berlin".parse().unwrap();
        let t = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        let got = at(date(2026, 10, 25), t, zone);
        assert_eq!(got.to_rfc3339(), "2026-10-25T00:30:00+00:00");
    }

    #[test]
    fn midnight_skipped_by_a_gap_starts_the_day_at_one() {
        // Havana and Santiago move their clocks forward at midnight.
        let zone: Tz = "America/Havana".parse().unwrap();
        let (start, end) = day_bounds(date(2026, 3, 8), zone);
        assert_eq!(
            start.with_timezone(&zone).to_rfc3339(),
            "2026-03-08T01:00:00-04:00"
        );
        assert_eq!((end - start).num_hours(), 23);
        let skipped: Tz = "America/Santiago".parse().unwrap();
        let s = start_of_day(date(2026, 9, 6), skipped);
        assert_eq!(
            s.with_timezone(&skipped).format("%H:%M").to_string(),
            "01:00"
        );
    }

    #[test]
    fn samoa_s_skipped_day_starts_on_the_next_one() {
        let zone: Tz = "Pacific/Apia".parse().unwrap();
        let s = start_of_day(date(2011, 12, 30), zone);
        assert_eq!(date_of(s, zone), date(2011, 12, 31));
    }
}
