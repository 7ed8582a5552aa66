//! Reminders as rules: what kinds there are, a user's choices, and when each one is due.
//! Every wall-clock time goes through [`super::localtime`], so a 09:00 reminder is at 09:00
//! local on both sides of a daylight-saving change, a time a gap skips moves to the first
//! minute after it, and a time that happens twice is sent once (the earlier instant).

use super::key_enum;
use super::localtime::{self, date_of};
use super::questionnaires::Instrument;
use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

key_enum!(
    /// Why a scheduled message is sent; with the user and a reference it keys a schedule row.
    Purpose {
        /// The daily diary reminder (its round counts repeats until answered).
        Diary = "diary",
        /// A diary reminder put off with "later" (ref: the day it asks about).
        Snooze = "snooze",
        /// "How did it work?" after a dose (ref: the dose).
        Dose = "dose",
        /// "Still going?" after the one tap (ref: the attack).
        Attack = "attack",
        /// Once, after a check-in left unfinished.
        Nudge = "nudge",
        /// The weekly summary, Monday morning, for the week before.
        Weekly = "weekly",
        /// The offer of a questionnaire that is due (ref: [`questionnaire_ref`]).
        Questionnaire = "questionnaire",
        /// A habit's reminder (ref: the habit reminder), moved on after it fires.
        Habit = "habit",
    }
);

key_enum!(
    /// What the daily diary reminder asks about.
    DiaryMode {
        /// "How was today?" (about the day it is sent on).
        Evening = "evening",
        /// "How were the last 24 hours?" (about the day before), as clinical e-diaries ask.
        Morning = "morning",
    }
);

/// How many times an unanswered diary reminder is sent again, an hour apart, when the user
/// asked for repeats: the reminder is shown at most three times a day.
pub const REPEATS: i32 = 2;
/// Between a diary reminder and its repeat.
pub const REPEAT_EVERY: Duration = Duration::hours(1);
/// A check-in left unfinished is nudged once, this long after it began.
pub const NUDGE_AFTER: Duration = Duration::hours(2);
/// "Later" on a diary reminder: an hour on.
pub const SNOOZE: Duration = Duration::hours(1);
/// "Tonight" on a diary reminder: this local time.
pub const TONIGHT: (u32, u32) = (21, 0);
/// The weekly summary's day.
pub const WEEKLY_DAY: Weekday = Weekday::Mon;
/// The longest pause the user can choose, in days.
pub const PAUSE_MAX_DAYS: u32 = 90;
/// Follow-up delays the user can choose, in minutes.
pub const FOLLOW_UP_MIN: u32 = 15;
/// The longest follow-up delay, in minutes (a day).
pub const FOLLOW_UP_MAX: u32 = 24 * 60;

/// A user's reminder choices (the diary reminder's time is the user's check-in time).
#[derive(Debug, Clone, PartialEq)]
pub struct Prefs {
    /// Evening or morning diary reminder.
    pub diary_mode: DiaryMode,
    /// Repeat an unanswered diary reminder (off by default).
    pub diary_repeat: bool,
    /// Ask how a dose worked.
    pub dose_on: bool,
    /// How long after a dose, in minutes (2 h by default).
    pub dose_after_min: u32,
    /// Ask whether an open attack still goes on.
    pub attack_on: bool,
    /// How long after the one tap, in minutes (4 h by default).
    pub attack_after_min: u32,
    /// Nudge once about an unfinished check-in.
    pub nudge_on: bool,
    /// The weekly summary.
    pub weekly_on: bool,
    /// Its local time on Mondays (questionnaire offers come at this time too).
    pub weekly_time: NaiveTime,
    /// Offer MIDAS and HIT-6 when they are due.
    pub questionnaire_on: bool,
    /// Nothing is sent before this instant.
    pub paused_until: Option<DateTime<Utc>>,
    /// A local window nothing is sent in: sends due inside it wait for its end.
    pub quiet: Option<(NaiveTime, NaiveTime)>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            diary_mode: DiaryMode::Evening,
            diary_repeat: false,
            dose_on: true,
            dose_after_min: 120,
            attack_on: true,
            attack_after_min: 240,
            nudge_on: true,
            weekly_on: true,
            weekly_time: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
            questionnaire_on: true,
            paused_until: None,
            quiet: None,
        }
    }
}

impl Prefs {
    /// True while the user has paused every reminder.
    pub fn paused(&self, at: DateTime<Utc>) -> bool {
        self.paused_until.is_some_and(|until| at < until)
    }

    /// When a send due at `at` may go out given quiet hours: `None` when it may go now,
    /// else the end of the window it falls in.
    pub fn quiet_until(&self, at: DateTime<Utc>, zone: Tz) -> Option<DateTime<Utc>> {
        let (from, to) = self.quiet?;
        let t = at.with_timezone(&zone).time();
        let inside = if from <= to {
            from <= t && t < to
        } else {
            t >= from || t < to
        };
        inside.then(|| next_daily(to, zone, at))
    }
}

/// The first instant strictly after `after` at which the local `time` occurs in `zone`.
pub fn next_daily(time: NaiveTime, zone: Tz, after: DateTime<Utc>) -> DateTime<Utc> {
    let mut day = date_of(after, zone);
    // A day with a long gap may resolve the time into the next day: a few days suffice.
    for _ in 0..4 {
        let at = localtime::at(day, time, zone);
        if at > after {
            return at;
        }
        day = day.checked_add_days(Days::new(1)).unwrap_or(day);
    }
    after + Duration::days(1)
}

/// The first instant strictly after `after` at `time` on a `weekday` in `zone`.
pub fn next_weekly(
    weekday: Weekday,
    time: NaiveTime,
    zone: Tz,
    after: DateTime<Utc>,
) -> DateTime<Utc> {
    let mut at = next_daily(time, zone, after);
    for _ in 0..7 {
        if date_of(at, zone).weekday() == weekday && at > after {
            return at;
        }
        at = next_daily(time, zone, at);
    }
    at
}

/// The local day a diary reminder first sent at `first` asks about.
pub fn diary_day(mode: DiaryMode, first: DateTime<Utc>, zone: Tz) -> NaiveDate {
    let day = date_of(first, zone);
    match mode {
        DiaryMode::Evening => day,
        DiaryMode::Morning => day.pred_opt().unwrap_or(day),
    }
}

/// The week (Monday to Sunday) before the local day of `at`.
pub fn week_before(at: DateTime<Utc>, zone: Tz) -> (NaiveDate, NaiveDate) {
    let day = date_of(at, zone);
    let this_monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
    let first = this_monday - Duration::days(7);
    (first, this_monday - Duration::days(1))
}

/// A local date as a schedule reference (days since the common era).
pub fn day_ref(day: NaiveDate) -> i64 {
    i64::from(day.num_days_from_ce())
}

/// A questionnaire as a schedule reference: 1 MIDAS, 2 HIT-6.
pub fn questionnaire_ref(instrument: Instrument) -> i64 {
    match instrument {
        Instrument::Midas => 1,
        Instrument::Hit6 => 2,
    }
}

/// The questionnaire a schedule reference stands for.
pub fn ref_questionnaire(r: i64) -> Option<Instrument> {
    match r {
        1 => Some(Instrument::Midas),
        2 => Some(Instrument::Hit6),
        _ => None,
    }
}

/// The local date a schedule reference stands for.
pub fn ref_day(r: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(r).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn local(zone: Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        zone.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .earliest()
            .unwrap()
            .with_timezone(&Utc)
    }

    /// Each day of a week, the reminder instant at `time`, as local wall times.
    fn week(zone: Tz, time: NaiveTime, from: DateTime<Utc>) -> Vec<String> {
        let mut at = from;
        (0..7)
            .map(|_| {
                at = next_daily(time, zone, at);
                at.with_timezone(&zone).format("%m-%d %H:%M %Z").to_string()
            })
            .collect()
    }

    #[test]
    fn nine_o_clock_stays_nine_o_clock_across_berlin_s_spring_and_autumn_changes() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let spring = week(berlin, hm(9, 0), local(berlin, 2026, 3, 26, 12, 0));
        assert_eq!(
            spring,
            [
                "03-27 09:00 CET",
                "03-28 09:00 CET",
                "03-29 09:00 CEST",
                "03-30 09:00 CEST",
                "03-31 09:00 CEST",
                "04-01 09:00 CEST",
                "04-02 09:00 CEST"
            ]
        );
        let autumn = week(berlin, hm(9, 0), local(berlin, 2026, 10, 22, 12, 0));
        assert_eq!(autumn[2], "10-25 09:00 CET");
        assert_eq!(autumn[1], "10-24 09:00 CEST");
        // 23 hours, then 25 hours between two reminders on the change days.
        let a = next_daily(hm(9, 0), berlin, local(berlin, 2026, 3, 28, 12, 0));
        let b = next_daily(hm(9, 0), berlin, local(berlin, 2026, 3, 28, 8, 0));
        assert_eq!((a - b).num_hours(), 23);
    }

    #[test]
    fn new_york_s_changes_keep_the_wall_time_too() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let spring = week(ny, hm(21, 45), local(ny, 2026, 3, 6, 12, 0));
        assert!(spring.iter().all(|s| s.contains("21:45")), "{spring:?}");
        assert!(spring[0].ends_with("EST") && spring[3].ends_with("EDT"));
        let autumn = week(ny, hm(21, 45), local(ny, 2026, 10, 30, 12, 0));
        assert!(autumn.iter().all(|s| s.contains("21:45")), "{autumn:?}");
    }

    #[test]
    fn a_time_the_gap_skips_is_sent_at_the_next_valid_minute_and_a_doubled_one_once() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let at = next_daily(hm(2, 30), berlin, local(berlin, 2026, 3, 28, 12, 0));
        assert_eq!(at.to_rfc3339(), "2026-03-29T01:00:00+00:00");
        assert_eq!(
            at.with_timezone(&berlin).format("%H:%M").to_string(),
            "03:00"
        );
        // 02:30 happens twice on 25 October: one reminder, at the first, then the next day.
        let first = next_daily(hm(2, 30), berlin, local(berlin, 2026, 10, 24, 12, 0));
        assert_eq!(first.to_rfc3339(), "2026-10-25T00:30:00+00:00");
        let next = next_daily(hm(2, 30), berlin, first);
        assert_eq!(next.to_rfc3339(), "2026-10-26T01:30:00+00:00");
        let ny: Tz = "America/New_York".parse().unwrap();
        let skipped = next_daily(hm(2, 15), ny, local(ny, 2026, 3, 7, 12, 0));
        assert_eq!(
            skipped.with_timezone(&ny).format("%d %H:%M").to_string(),
            "08 03:00"
        );
    }

    #[test]
    fn the_weekly_summary_is_on_monday_morning_for_the_week_before() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        // Thursday 26 March 2026: the next Monday is 30 March, after the change.
        let at = next_weekly(
            WEEKLY_DAY,
            hm(9, 0),
            berlin,
            local(berlin, 2026, 3, 26, 12, 0),
        );
        assert_eq!(
            at.with_timezone(&berlin).to_rfc3339(),
            "2026-03-30T09:00:00+02:00"
        );
        let (first, last) = week_before(at, berlin);
        assert_eq!(
            (first.to_string(), last.to_string()),
            ("2026-03-23".into(), "2026-03-29".into())
        );
        // On a Monday before nine, it is that same Monday.
        let monday = local(berlin, 2026, 3, 30, 8, 0);
        assert_eq!(
            next_weekly(WEEKLY_DAY, hm(9, 0), berlin, monday)
                .with_timezone(&berlin)
                .day(),
            30
        );
    }

    #[test]
    fn quiet_hours_hold_a_send_until_they_end_also_across_midnight() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let prefs = Prefs {
            quiet: Some((hm(22, 0), hm(7, 30))),
            ..Prefs::default()
        };
        let late = local(berlin, 2026, 3, 28, 23, 10);
        let until = prefs.quiet_until(late, berlin).unwrap();
        // The night the clocks go forward: 07:30 CEST.
        assert_eq!(
            until.with_timezone(&berlin).to_rfc3339(),
            "2026-03-29T07:30:00+02:00"
        );
        assert_eq!(
            prefs.quiet_until(local(berlin, 2026, 3, 29, 6, 0), berlin),
            Some(until)
        );
        assert_eq!(
            prefs.quiet_until(local(berlin, 2026, 3, 29, 7, 30), berlin),
            None
        );
        assert_eq!(
            prefs.quiet_until(local(berlin, 2026, 3, 28, 21, 59), berlin),
            None
        );
        let day = Prefs {
            quiet: Some((hm(13, 0), hm(15, 0))),
            ..Prefs::default()
        };
        assert!(
            day.quiet_until(local(berlin, 2026, 3, 28, 14, 0), berlin)
                .is_some()
        );
        assert!(
            day.quiet_until(local(berlin, 2026, 3, 28, 15, 0), berlin)
                .is_none()
        );
    }

    #[test]
    fn the_morning_reminder_asks_about_the_day_before_and_refs_round_trip() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let at = local(berlin, 2026, 3, 29, 8, 0);
        assert_eq!(
            diary_day(DiaryMode::Morning, at, berlin).to_string(),
            "2026-03-28"
        );
        assert_eq!(
            diary_day(DiaryMode::Evening, at, berlin).to_string(),
            "2026-03-29"
        );
        let d = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        assert_eq!(ref_day(day_ref(d)), Some(d));
        for i in Instrument::ALL {
            assert_eq!(ref_questionnaire(questionnaire_ref(*i)), Some(*i));
        }
        assert_eq!(ref_questionnaire(0), None);
        let paused = Prefs {
            paused_until: Some(at),
            ..Prefs::default()
        };
        assert!(paused.paused(at - Duration::seconds(1)) && !paused.paused(at));
    }
}
