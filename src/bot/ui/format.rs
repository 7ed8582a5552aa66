//! Dates and durations as a user reads them, in their language and zone.

use crate::domain::lang::Lang;
use crate::i18n::{Arg, I18n};
use chrono::{DateTime, Datelike, Duration, Utc};
use chrono_tz::Tz;

/// `today 14:30`, `yesterday 22:05`, `Mon 3 Feb 08:00`, or with the year when it differs.
pub fn when(i18n: &I18n, lang: Lang, at: DateTime<Utc>, zone: Tz, now: DateTime<Utc>) -> String {
    let local = at.with_timezone(&zone);
    let today = now.with_timezone(&zone).date_naive();
    let time = local.format("%H:%M").to_string();
    let date = local.date_naive();
    if date == today {
        return i18n.tr(lang, "time-today", &[("time", time.into())]);
    }
    if today.pred_opt() == Some(date) {
        return i18n.tr(lang, "time-yesterday", &[("time", time.into())]);
    }
    let month = i18n.t(lang, &format!("month-{}", date.month()));
    let day = Arg::Str(date.day().to_string());
    if date.year() == today.year() {
        let weekday = i18n.t(
            lang,
            &format!("weekday-{}", date.weekday().number_from_monday()),
        );
        i18n.tr(
            lang,
            "time-date",
            &[
                ("weekday", weekday.into()),
                ("day", day),
                ("month", month.into()),
                ("time", time.into()),
            ],
        )
    } else {
        i18n.tr(
            lang,
            "time-date-year",
            &[
                ("day", day),
                ("month", month.into()),
                ("year", Arg::Str(date.year().to_string())),
                ("time", time.into()),
            ],
        )
    }
}

/// A start–end range as the user reads it: `today 10:00 – 12:00` when both fall on the
/// same local day (the day is named once), `yesterday 23:00 – today 01:00` otherwise.
/// Every start–end range a user sees goes through here.
pub fn range(
    i18n: &I18n,
    lang: Lang,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    zone: Tz,
    now: DateTime<Utc>,
) -> String {
    let same_day = start.with_timezone(&zone).date_naive() == end.with_timezone(&zone).date_naive();
    let end = if same_day {
        clock(end, zone)
    } else {
        when(i18n, lang, end, zone, now)
    };
    i18n.tr(
        lang,
        "time-range",
        &[
            ("start", when(i18n, lang, start, zone, now).into()),
            ("end", end.into()),
        ],
    )
}

/// `45 min`, `2 h 5 min`, `3 d 4 h`.
pub fn duration(i18n: &I18n, lang: Lang, d: Duration) -> String {
    let minutes = d.num_minutes().max(0);
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    if minutes < 60 {
        i18n.tr(lang, "duration-minutes", &[("m", mins.into())])
    } else if days == 0 {
        i18n.tr(
            lang,
            "duration-hours",
            &[("h", hours.into()), ("m", mins.into())],
        )
    } else {
        i18n.tr(
            lang,
            "duration-days",
            &[("d", days.into()), ("h", hours.into())],
        )
    }
}

/// A wall-clock time in a zone, `14:30`.
pub fn clock(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%H:%M").to_string()
}

/// Text cut to `max` characters, with an ellipsis when cut (button labels, notices).
pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_are_relative_when_close_and_full_when_far() {
        let i18n = I18n::new().unwrap();
        let zone: Tz = "Europe/Moscow".parse().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let at = |d: i64| now - Duration::days(d);
        assert_eq!(when(&i18n, Lang::En, at(0), zone, now), "today 15:00");
        assert_eq!(when(&i18n, Lang::Ru, at(1), zone, now), "вчера 15:00");
        assert_eq!(when(&i18n, Lang::En, at(3), zone, now), "Wed 18 Nov 15:00");
        assert_eq!(
            when(&i18n, Lang::Ru, at(400), zone, now),
            "17 окт 2025 15:00"
        );
    }

    #[test]
    fn durations_use_the_largest_sensible_units() {
        let i18n = I18n::new().unwrap();
        assert_eq!(duration(&i18n, Lang::En, Duration::minutes(45)), "45 min");
        assert_eq!(
            duration(&i18n, Lang::En, Duration::minutes(125)),
            "2 h 5 min"
        );
        assert_eq!(
            duration(&i18n, Lang::Ru, Duration::minutes(3 * 1440 + 250)),
            "3 д 4 ч"
        );
        assert_eq!(duration(&i18n, Lang::En, Duration::minutes(-5)), "0 min");
        // Whole hours and whole days drop the zero: "13 h", "1 д", not "13 h 0 min".
        assert_eq!(
            duration(&i18n, Lang::En, Duration::minutes(13 * 60)),
            "13 h"
        );
        assert_eq!(duration(&i18n, Lang::Ru, Duration::minutes(1440)), "1 д");
        assert_eq!(duration(&i18n, Lang::Ru, Duration::minutes(60)), "1 ч");
    }

    #[test]
    fn a_range_names_its_day_once_when_it_stays_within_it() {
        let i18n = I18n::new().unwrap();
        let zone: Tz = "Europe/Moscow".parse().unwrap();
        // 15:00 in Moscow on Saturday 21 November 2026.
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let h = |hours: i64| now + Duration::hours(hours);
        let r = |lang, start, end| range(&i18n, lang, start, end, zone, now);
        assert_eq!(r(Lang::En, h(-5), h(-3)), "today 10:00 – 12:00");
        assert_eq!(r(Lang::Ru, h(-5), h(-3)), "сегодня 10:00 – 12:00");
        assert_eq!(r(Lang::En, h(-16), h(-14)), "yesterday 23:00 – today 01:00");
        assert_eq!(r(Lang::Ru, h(-16), h(-14)), "вчера 23:00 – сегодня 01:00");
        assert_eq!(r(Lang::En, h(-24), h(-22)), "yesterday 15:00 – 17:00");
        assert_eq!(r(Lang::En, h(-72), h(-70)), "Wed 18 Nov 15:00 – 17:00");
        assert_eq!(
            r(Lang::Ru, h(-400 * 24), h(-400 * 24 + 1)),
            "17 окт 2025 15:00 – 16:00"
        );
        // The day is the user's local one: 23:30–00:30 in Moscow spans two days even
        // though both instants fall on one UTC date.
        assert_eq!(
            r(
                Lang::En,
                h(-39) - Duration::minutes(30),
                h(-38) - Duration::minutes(30)
            ),
            "Thu 19 Nov 23:30 – yesterday 00:30"
        );
    }
}
