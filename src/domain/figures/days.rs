//! Which local days an attack covers, and what each day of a period holds.

use super::{ACUTE, Period, live};
use crate::domain::attack::{Attack, Aura, Character, Disability, Nausea, Side};
use crate::domain::day::DayRecord;
use crate::domain::export::Diary;
use crate::domain::localtime::{date_of, day_bounds};
use crate::domain::medication::MedClass;
use chrono::{Days, Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// The time an attack must spend on a day other than its start day to cover it, in real
/// elapsed time (a daylight-saving gap is not counted).
pub const MIN_COVER: Duration = Duration::minutes(30);

/// One day of a period, as the pictures and the calendar show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayFigure {
    /// The local date.
    pub date: NaiveDate,
    /// An attack starts on it or covers it.
    pub headache: bool,
    /// Migraine-like by the recorded features.
    pub migraine_like: bool,
    /// The highest intensity of the attacks covering it, when any has one.
    pub peak_intensity: Option<u8>,
    /// The acute classes taken on it, in [`ACUTE`] order (never preventive).
    pub acute: Vec<MedClass>,
    /// A headache-free record, and not a headache day.
    pub headache_free: bool,
    /// An attack, a headache-free record or an answered check-in.
    pub recorded: bool,
    /// Counted as a day with no record: not recorded, on or after the user's first
    /// record, and not after today.
    pub no_record: bool,
    /// The most any covering attack took from a day (a lost day over reduced over none).
    pub disability: Option<Disability>,
}

/// The local days (in the attack's zone) that `a` covers, its start day first: the start
/// day always; each later day on which it spends at least [`MIN_COVER`], when its end is
/// known. An open attack, or one whose end is unknown, covers its start day only.
pub fn covered_days(a: &Attack) -> Vec<NaiveDate> {
    let start = date_of(a.started_at, a.zone);
    let mut out = vec![start];
    let Some(end) = a.ended_at.filter(|e| !a.end_unknown && *e > a.started_at) else {
        return out;
    };
    let last = date_of(end, a.zone);
    let mut day = start;
    while let Some(next) = day.checked_add_days(Days::new(1)).filter(|d| *d <= last) {
        day = next;
        let (from, to) = day_bounds(day, a.zone);
        if end.min(to) - a.started_at.max(from) >= MIN_COVER {
            out.push(day);
        }
    }
    out
}

/// At least two of {one-sided, pulsating, intensity ≥ 4, worse with activity} and at
/// least one of {nausea, vomiting, light and sound sensitivity both}; unknown is absent.
fn migraine_features(a: &Attack) -> bool {
    let pain = [
        matches!(a.side, Some(Side::Left | Side::Right)),
        a.character == Some(Character::Pulsating),
        a.intensity.is_some_and(|i| i >= 4),
        a.worse_with_activity == Some(true),
    ];
    let with = matches!(a.nausea, Some(Nausea::Slight | Nausea::Marked))
        || a.vomiting == Some(true)
        || (a.light_sensitivity == Some(true) && a.sound_sensitivity == Some(true));
    pain.iter().filter(|p| **p).count() >= 2 && with
}

/// An aura of some kind was recorded ("none" is not one).
fn aura_recorded(a: &Attack) -> bool {
    a.aura.iter().any(|k| *k != Aura::None)
}

/// The migraine-specific acute classes: an intake of one makes its day migraine-like.
fn migraine_specific(class: MedClass) -> bool {
    matches!(
        class,
        MedClass::Triptan | MedClass::Ergotamine | MedClass::Gepant | MedClass::Ditan
    )
}

/// Whether the evening check-in was answered (its answers are kept as JSON; an empty
/// object is a check-in started and nothing answered).
fn answered(questionnaire: Option<&str>) -> bool {
    questionnaire.is_some_and(|q| !matches!(q.trim(), "" | "{}" | "null"))
}

/// Whether a day record makes its day a recorded day: "no headache today" or an answered
/// check-in (an attack starting on or covering the day is the other way).
pub(super) fn records_day(r: &DayRecord) -> bool {
    r.headache_free == Some(true) || answered(r.questionnaire.as_deref())
}

fn rank(d: Disability) -> u8 {
    match d {
        Disability::No => 0,
        Disability::Reduced => 1,
        Disability::LostDay => 2,
    }
}

#[derive(Default)]
struct Acc {
    headache: bool,
    migraine_like: bool,
    peak: Option<u8>,
    acute: BTreeSet<usize>,
    free_record: bool,
    checkin: bool,
    disability: Option<Disability>,
}

/// Each day of `period` (see [`DayFigure`]).
pub(super) fn day_figures(
    diary: &Diary,
    period: Period,
    first_record: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<DayFigure> {
    let mut acc: BTreeMap<NaiveDate, Acc> = BTreeMap::new();
    for a in diary.attacks.iter().filter(|a| live(a)) {
        let features = migraine_features(a);
        for (n, day) in covered_days(a).into_iter().enumerate() {
            if !period.contains(day) {
                continue;
            }
            let d = acc.entry(day).or_default();
            d.headache = true;
            d.migraine_like |= features || (n == 0 && aura_recorded(a));
            d.peak = d.peak.max(a.intensity);
            if let Some(v) = a.disability
                && d.disability.is_none_or(|old| rank(v) > rank(old))
            {
                d.disability = Some(v);
            }
        }
    }
    // A dose of a deleted attack goes with it (the caller leaves them out already).
    let deleted: BTreeSet<i64> = diary
        .attacks
        .iter()
        .filter(|a| !live(a))
        .map(|a| a.id)
        .collect();
    for i in &diary.intakes {
        let day = date_of(i.taken_at, i.zone);
        if !period.contains(day) || i.attack_id.is_some_and(|id| deleted.contains(&id)) {
            continue;
        }
        let Some(index) = ACUTE.iter().position(|c| *c == i.class) else {
            continue; // preventive
        };
        let d = acc.entry(day).or_default();
        d.acute.insert(index);
        d.migraine_like |= migraine_specific(i.class);
    }
    for r in diary.days.iter().filter(|r| period.contains(r.day)) {
        let d = acc.entry(r.day).or_default();
        d.free_record |= r.headache_free == Some(true);
        d.checkin |= answered(r.questionnaire.as_deref());
    }

    let counted_from = first_record.map(|f| f.max(period.first));
    let counted = |day: NaiveDate| counted_from.is_some_and(|f| f <= day) && day <= today;
    period
        .days()
        .map(|date| {
            let d = acc.remove(&date).unwrap_or_default();
            let recorded = d.headache || d.free_record || d.checkin;
            DayFigure {
                date,
                headache: d.headache,
                migraine_like: d.migraine_like,
                peak_intensity: d.peak,
                acute: d.acute.iter().map(|i| ACUTE[*i]).collect(),
                headache_free: d.free_record && !d.headache,
                recorded,
                no_record: !recorded && counted(date),
                disability: d.disability,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, NaiveTime, TimeZone, Utc};
    use chrono_tz::Tz;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn local(zone: Tz, day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
        zone.from_local_datetime(&day.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap()))
            .earliest()
            .unwrap()
            .with_timezone(&Utc)
    }

    fn attack(zone: Tz, start: DateTime<Utc>, end: Option<DateTime<Utc>>) -> Attack {
        let mut a = Attack::new(1, start, zone, start);
        a.ended_at = end;
        a
    }

    #[test]
    fn a_day_after_the_start_is_covered_from_thirty_minutes_on() {
        let zone: Tz = "Europe/Berlin".parse().unwrap();
        let (d1, d2) = (date(2026, 1, 10), date(2026, 1, 11));
        let start = local(zone, d1, 23, 0);
        let a29 = attack(zone, start, Some(local(zone, d2, 0, 29)));
        let a30 = attack(zone, start, Some(local(zone, d2, 0, 30)));
        assert_eq!(covered_days(&a29), vec![d1]);
        assert_eq!(covered_days(&a30), vec![d1, d2]);
        let to_midnight = attack(zone, start, Some(local(zone, d2, 0, 0)));
        assert_eq!(covered_days(&to_midnight), vec![d1]);
    }

    #[test]
    fn an_attack_over_several_days_covers_each_full_day_and_its_zone_decides() {
        let zone: Tz = "Asia/Tokyo".parse().unwrap();
        let start = local(zone, date(2026, 5, 1), 20, 0);
        let a = attack(zone, start, Some(local(zone, date(2026, 5, 4), 0, 45)));
        assert_eq!(
            covered_days(&a),
            vec![
                date(2026, 5, 1),
                date(2026, 5, 2),
                date(2026, 5, 3),
                date(2026, 5, 4)
            ]
        );
        // The same instants read in UTC start on 1 May 11:00 and end on 3 May 15:45.
        let utc = attack(Tz::UTC, a.started_at, a.ended_at);
        assert_eq!(covered_days(&utc).last(), Some(&date(2026, 5, 3)));
    }

    #[test]
    fn an_open_or_end_unknown_attack_covers_its_start_day_only() {
        let zone: Tz = "Europe/Berlin".parse().unwrap();
        let start = local(zone, date(2026, 1, 10), 22, 0);
        assert_eq!(
            covered_days(&attack(zone, start, None)),
            vec![date(2026, 1, 10)]
        );
        let mut unknown = attack(zone, start, Some(start + Duration::hours(30)));
        unknown.end_unknown = true;
        assert_eq!(covered_days(&unknown), vec![date(2026, 1, 10)]);
        let backwards = attack(zone, start, Some(start - Duration::hours(30)));
        assert_eq!(covered_days(&backwards), vec![date(2026, 1, 10)]);
    }

    #[test]
    fn minutes_skipped_by_a_gap_at_midnight_do_not_count() {
        // Havana moves from 00:00 to 01:00 on 8 March 2026: 23:40 → 01:20 spends 20 real
        // minutes on the 8th although its clock shows 01:20.
        let zone: Tz = "America/Havana".parse().unwrap();
        let start = local(zone, date(2026, 3, 7), 23, 40);
        let a = attack(zone, start, Some(local(zone, date(2026, 3, 8), 1, 20)));
        assert_eq!((a.ended_at.unwrap() - start).num_minutes(), 40);
        assert_eq!(covered_days(&a), vec![date(2026, 3, 7)]);
    }

    #[test]
    fn migraine_features_need_two_pain_features_and_one_companion() {
        let zone = Tz::UTC;
        let t = Utc.with_ymd_and_hms(2026, 2, 1, 10, 0, 0).unwrap();
        let mut a = attack(zone, t, None);
        a.side = Some(Side::Left);
        a.intensity = Some(4);
        assert!(!migraine_features(&a), "no companion yet");
        a.light_sensitivity = Some(true);
        assert!(!migraine_features(&a), "light alone is not enough");
        a.sound_sensitivity = Some(true);
        assert!(migraine_features(&a));
        a.side = Some(Side::Both);
        assert!(!migraine_features(&a), "both sides is not one-sided");
        a.worse_with_activity = Some(true);
        assert!(migraine_features(&a));
        a.light_sensitivity = None;
        a.nausea = Some(Nausea::No);
        assert!(!migraine_features(&a), "no nausea is absent");
        a.nausea = Some(Nausea::Slight);
        assert!(migraine_features(&a));
        a.intensity = Some(3);
        a.worse_with_activity = None;
        a.character = Some(Character::Pulsating);
        assert!(!migraine_features(&a), "one pain feature only");
    }

    #[test]
    fn a_check_in_counts_once_something_was_answered() {
        assert!(!answered(None));
        assert!(!answered(Some("{}")));
        assert!(!answered(Some(" ")));
        assert!(answered(Some(r#"{"headache":false}"#)));
    }
}
