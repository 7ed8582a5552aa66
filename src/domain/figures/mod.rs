//! The figures of MODEL.md ("Figures") over a period of local dates: headache days,
//! migraine-like days, acute-medication days per class, medication-overuse information and
//! the rest, with a per-day breakdown for the pictures and the calendar. Pure functions:
//! the caller loads the records ([`Diary`], deleted ones already left out) and labels the
//! numbers; migraine-like days are always "migraine-like by the recorded features".
//!
//! Every day is a local day in the zone stored with its record (an attack's or a dose's
//! own zone, a day record's date as written), so moving to another zone never shifts one.

mod days;
mod menstrual;
mod overuse;
mod preventive;
mod reliability;
#[cfg(test)]
pub(crate) mod testkit;

pub use days::{DayFigure, MIN_COVER, covered_days};
pub use menstrual::{
    MAX_CYCLE_DAYS, MENSTRUAL_CYCLES, MenstrualCycle, MenstrualPattern, MenstrualVerdict,
    menstrual_pattern, menstrual_span, menstrual_window, menstruation_starts,
};
pub use overuse::{
    COMBINED_DAYS, MonthOveruse, OVERUSE_CLASSES, OveruseRule, SIMPLE_ANALGESIC_DAYS,
    SINGLE_CLASS_DAYS,
};
pub use preventive::{
    BLOCK_DAYS, BLOCKS_BEFORE, BlockAfter, MIN_BLOCK_RECORDED_DAYS, PreventiveBlock,
    PreventiveEffect, PreventiveStart, preventive_effects, preventive_span, preventive_starts,
};
pub use reliability::{LATE_AFTER_DAYS, Reliability, reliability};

use super::attack::{Attack, Disability, Trigger};
use super::export::Diary;
use super::localtime::date_of;
use super::medication::MedClass;
use chrono::{Datelike, Days, Months, NaiveDate};
use std::collections::BTreeMap;

/// The acute classes, reported one by one in this order (MODEL.md): every class but
/// preventive, whose intakes never count.
pub const ACUTE: [MedClass; 9] = [
    MedClass::SimpleAnalgesic,
    MedClass::Nsaid,
    MedClass::Triptan,
    MedClass::Ergotamine,
    MedClass::Gepant,
    MedClass::Ditan,
    MedClass::Opioid,
    MedClass::Combination,
    MedClass::Other,
];

/// Whether a class is one of ICHD-3's "simple analgesics" (NSAID or simple analgesic).
pub fn is_simple_analgesic(class: MedClass) -> bool {
    matches!(class, MedClass::SimpleAnalgesic | MedClass::Nsaid)
}

/// Local dates from `first` to `last`, both included; empty when `first` is after `last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first day.
    pub first: NaiveDate,
    /// The last day (included).
    pub last: NaiveDate,
}

impl Period {
    /// The days from `first` to `last`, both included.
    pub fn new(first: NaiveDate, last: NaiveDate) -> Self {
        Period { first, last }
    }

    /// One calendar month; `None` for a month that does not exist.
    pub fn month(year: i32, month: u32) -> Option<Period> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
        Some(Period { first, last })
    }

    /// Whether `day` is in it.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.first <= day && day <= self.last
    }

    /// How many days it has.
    pub fn len(&self) -> u32 {
        u32::try_from((self.last - self.first).num_days() + 1).unwrap_or(0)
    }

    /// Whether it has no day.
    pub fn is_empty(&self) -> bool {
        self.first > self.last
    }

    /// Its days, in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let last = self.last;
        self.first.iter_days().take_while(move |d| *d <= last)
    }

    /// The part of it both periods share (possibly empty).
    pub fn clip(&self, other: Period) -> Period {
        Period::new(self.first.max(other.first), self.last.min(other.last))
    }

    /// The calendar months it touches, each cut to the period, in order.
    pub fn months(&self) -> Vec<Period> {
        let mut out = Vec::new();
        let mut at = self.first;
        while at <= self.last {
            let Some(month) = Period::month(at.year(), at.month()) else {
                break;
            };
            out.push(month.clip(*self));
            match month.last.checked_add_days(Days::new(1)) {
                Some(next) => at = next,
                None => break,
            }
        }
        out
    }
}

/// Days with at least one intake, per acute class ([`ACUTE`]); preventive is never counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClassDays([u32; ACUTE.len()]);

impl ClassDays {
    fn index(class: MedClass) -> Option<usize> {
        ACUTE.iter().position(|c| *c == class)
    }

    /// These counts with `days` for `class` (preventive is never counted: unchanged).
    pub fn with(mut self, class: MedClass, days: u32) -> Self {
        if let Some(i) = Self::index(class) {
            self.0[i] = days;
        }
        self
    }

    /// The days of one class (0 for preventive).
    pub fn get(&self, class: MedClass) -> u32 {
        Self::index(class).map_or(0, |i| self.0[i])
    }

    /// Every acute class with its days, in [`ACUTE`] order, zeros included.
    pub fn iter(&self) -> impl Iterator<Item = (MedClass, u32)> + '_ {
        ACUTE.iter().copied().zip(self.0.iter().copied())
    }

    /// The classes used at all, with their days, in [`ACUTE`] order.
    pub fn used(&self) -> impl Iterator<Item = (MedClass, u32)> + '_ {
        self.iter().filter(|(_, n)| *n > 0)
    }

    fn count_day(&mut self, classes: &[MedClass]) {
        for class in classes {
            if let Some(i) = Self::index(*class) {
                self.0[i] += 1;
            }
        }
    }
}

/// Intensities of the attacks started in the period that have one (the field is 0–10;
/// attacks without an intensity are left out, never read as 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Intensity {
    /// Attacks with an intensity.
    pub rated: u32,
    /// Their intensities added up.
    pub sum: u32,
    /// The highest of them.
    pub peak: u8,
}

impl Intensity {
    /// The mean, `sum / rated` (never called with `rated` 0: then there is no `Intensity`).
    pub fn average(&self) -> f64 {
        f64::from(self.sum) / f64::from(self.rated.max(1))
    }
}

/// How many attacks started in the period named a preset trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerCount {
    /// The trigger.
    pub trigger: Trigger,
    /// Attacks naming it (each attack once).
    pub attacks: u32,
}

/// The figures of one period (MODEL.md, "Figures"). Day counts count local days of the
/// period; attack counts, intensity and triggers count attacks whose start day is in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// The period.
    pub period: Period,
    /// Days an attack starts on or covers for at least [`MIN_COVER`].
    pub headache_days: u32,
    /// Migraine-like days by the recorded features (not all of them are headache days: a
    /// triptan taken on a day without an attack makes that day migraine-like).
    pub migraine_like_days: u32,
    /// Days with a headache-free record that are not headache days.
    pub headache_free_days: u32,
    /// Days with an attack, a headache-free record or an answered check-in.
    pub recorded_days: u32,
    /// Days without a record, from the later of the period's start and the user's first
    /// record to the earlier of the period's end and today.
    pub no_record_days: u32,
    /// Attacks started in the period.
    pub attacks: u32,
    /// Acute-medication days per class.
    pub acute_days: ClassDays,
    /// ICHD-3's simple analgesics: distinct days with an NSAID or a simple analgesic.
    pub simple_analgesic_days: u32,
    /// Distinct days with any acute medication.
    pub any_acute_days: u32,
    /// Average and peak intensity; `None` when no attack started in the period has one.
    pub intensity: Option<Intensity>,
    /// Preset triggers named by attacks started in the period: most attacks first, then
    /// by key; triggers named by none are left out.
    pub triggers: Vec<TriggerCount>,
    /// Attacks started in the period with a free-text trigger (counted, not read).
    pub trigger_notes: u32,
    /// Days a covering attack records as a lost day.
    pub lost_days: u32,
    /// Days a covering attack records as reduced (≤ 50 %), lost days not counted again.
    pub reduced_days: u32,
    /// Medication-overuse information for each calendar month the period touches.
    pub overuse: Vec<MonthOveruse>,
    /// Each day of the period, in order.
    pub days: Vec<DayFigure>,
}

impl Figures {
    /// True when nothing at all was recorded in the period: no recorded day and no dose.
    pub fn is_empty(&self) -> bool {
        self.recorded_days == 0 && self.any_acute_days == 0
    }
}

/// The local day of the user's first record (an attack's start, a day record, a dose), or
/// `None` with no record at all; for a [`Diary`] that holds the whole history (the store
/// answers the same with `Tx::first_record_day`).
pub fn first_record(diary: &Diary) -> Option<NaiveDate> {
    let deleted = |id: i64| diary.attacks.iter().any(|a| a.id == id && !live(a));
    let attacks = diary
        .attacks
        .iter()
        .filter(|a| live(a))
        .map(|a| date_of(a.started_at, a.zone));
    let days = diary.days.iter().map(|d| d.day);
    let intakes = diary
        .intakes
        .iter()
        .filter(|i| !i.attack_id.is_some_and(deleted))
        .map(|i| date_of(i.taken_at, i.zone));
    attacks.chain(days).chain(intakes).min()
}

/// Whether an attack counts: not deleted (the caller leaves deleted records out already).
fn live(a: &Attack) -> bool {
    a.deleted_at.is_none()
}

/// The figures of `period`. `first_record` is the day of the user's first record (see
/// [`first_record`]; the diary may hold only the records around the period) and `today`
/// the user's local date: days after it are never "no record" days.
pub fn figures(
    diary: &Diary,
    first_record: Option<NaiveDate>,
    period: Period,
    today: NaiveDate,
) -> Figures {
    let days = days::day_figures(diary, period, first_record, today);
    let started = started(diary);
    aggregate(period, days, &started)
}

/// The live attacks with the local day each starts on (read once: a zone lookup each).
fn started(diary: &Diary) -> Vec<(NaiveDate, &Attack)> {
    diary
        .attacks
        .iter()
        .filter(|a| live(a))
        .map(|a| (date_of(a.started_at, a.zone), a))
        .collect()
}

/// The figures of `period` from its days and the attacks with their start days.
fn aggregate(period: Period, days: Vec<DayFigure>, started: &[(NaiveDate, &Attack)]) -> Figures {
    let count = |f: fn(&DayFigure) -> bool| {
        u32::try_from(days.iter().filter(|d| f(d)).count()).unwrap_or(u32::MAX)
    };
    let mut acute_days = ClassDays::default();
    for d in &days {
        acute_days.count_day(&d.acute);
    }

    let started: Vec<&Attack> = started
        .iter()
        .filter(|(day, _)| period.contains(*day))
        .map(|(_, a)| *a)
        .collect();
    let mut intensity: Option<Intensity> = None;
    let mut triggers: BTreeMap<&'static str, (Trigger, u32)> = BTreeMap::new();
    let mut trigger_notes = 0;
    for a in &started {
        if let Some(v) = a.intensity {
            let i = intensity.get_or_insert(Intensity {
                rated: 0,
                sum: 0,
                peak: 0,
            });
            i.rated += 1;
            i.sum += u32::from(v);
            i.peak = i.peak.max(v);
        }
        for t in Trigger::ALL.iter().filter(|t| a.triggers.contains(t)) {
            triggers.entry(t.key()).or_insert((*t, 0)).1 += 1;
        }
        if a.trigger_note
            .as_deref()
            .is_some_and(|n| !n.trim().is_empty())
        {
            trigger_notes += 1;
        }
    }
    let mut triggers: Vec<TriggerCount> = triggers
        .into_values()
        .map(|(trigger, attacks)| TriggerCount { trigger, attacks })
        .collect();
    // Stable: equal counts stay in key order.
    triggers.sort_by_key(|t| std::cmp::Reverse(t.attacks));

    Figures {
        period,
        headache_days: count(|d| d.headache),
        migraine_like_days: count(|d| d.migraine_like),
        headache_free_days: count(|d| d.headache_free),
        recorded_days: count(|d| d.recorded),
        no_record_days: count(|d| d.no_record),
        attacks: u32::try_from(started.len()).unwrap_or(u32::MAX),
        acute_days,
        simple_analgesic_days: count(|d| d.acute.iter().any(|c| is_simple_analgesic(*c))),
        any_acute_days: count(|d| !d.acute.is_empty()),
        intensity,
        triggers,
        trigger_notes,
        lost_days: count(|d| d.disability == Some(Disability::LostDay)),
        reduced_days: count(|d| d.disability == Some(Disability::Reduced)),
        overuse: overuse::by_month(period, &days),
        days,
    }
}

/// The figures of each calendar month `period` touches (the first and last cut to it).
pub fn months(
    diary: &Diary,
    first_record: Option<NaiveDate>,
    period: Period,
    today: NaiveDate,
) -> Vec<Figures> {
    // The days once for the whole period, each month a slice of them.
    let all = days::day_figures(diary, period, first_record, today);
    let started = started(diary);
    period
        .months()
        .into_iter()
        .map(|m| {
            let from = usize::try_from((m.first - period.first).num_days()).unwrap_or(0);
            let to = from + m.len() as usize;
            let days = all
                .get(from..to)
                .map(<[DayFigure]>::to_vec)
                .unwrap_or_default();
            aggregate(m, days, &started)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::testkit::{at, berlin, date};
    use super::*;
    use crate::domain::attack::{Aura, Character, Nausea, Side};
    use crate::domain::day::DayRecord;
    use crate::domain::medication::Intake;
    use chrono::{DateTime, Duration, TimeZone, Utc};
    use chrono_tz::Tz;

    fn attack(id: i64, start: DateTime<Utc>, end: Option<DateTime<Utc>>) -> Attack {
        let mut a = Attack::new(1, start, berlin(), start);
        a.id = id;
        a.ended_at = end;
        a
    }

    fn dose(class: MedClass, taken_at: DateTime<Utc>) -> Intake {
        super::testkit::dose(1, class, taken_at)
    }

    fn day_record(day: NaiveDate) -> DayRecord {
        super::testkit::day_record(day, at(day, 21, 0))
    }

    fn march() -> Period {
        Period::month(2026, 3).unwrap()
    }

    /// The figures of March 2026 with the records counted from 1 March and today far on.
    fn of_march(diary: &Diary) -> Figures {
        figures(diary, Some(date(2026, 3, 1)), march(), date(2026, 12, 31))
    }

    fn diary(attacks: Vec<Attack>, intakes: Vec<Intake>, days: Vec<DayRecord>) -> Diary {
        Diary {
            attacks,
            days,
            intakes,
        }
    }

    /// `class` taken at noon on each of `days` of March 2026.
    fn doses(class: MedClass, days: impl IntoIterator<Item = u32>) -> Vec<Intake> {
        days.into_iter()
            .map(|d| dose(class, at(date(2026, 3, d), 12, 0)))
            .collect()
    }

    fn headache_dates(f: &Figures) -> Vec<NaiveDate> {
        f.days
            .iter()
            .filter(|d| d.headache)
            .map(|d| d.date)
            .collect()
    }

    #[test]
    fn an_attack_across_midnight_with_40_minutes_on_each_side_makes_two_headache_days() {
        let d = date(2026, 3, 10);
        let a = attack(1, at(d, 23, 20), Some(at(date(2026, 3, 11), 0, 40)));
        let f = of_march(&diary(vec![a], vec![], vec![]));
        assert_eq!(f.headache_days, 2);
        assert_eq!(headache_dates(&f), vec![d, date(2026, 3, 11)]);
        assert_eq!(f.attacks, 1);
        assert_eq!(f.recorded_days, 2);
    }

    #[test]
    fn an_attack_with_20_minutes_after_midnight_counts_on_its_start_day_only() {
        let d = date(2026, 3, 10);
        let a = attack(1, at(d, 23, 50), Some(at(date(2026, 3, 11), 0, 20)));
        let f = of_march(&diary(vec![a], vec![], vec![]));
        assert_eq!(headache_dates(&f), vec![d]);
    }

    #[test]
    fn two_attacks_on_one_day_are_one_headache_day_and_two_attacks() {
        // 5 March 08:00–09:00 (intensity 3) and 18:00–20:00 (intensity 6): one local day.
        let d = date(2026, 3, 5);
        let mut morning = attack(1, at(d, 8, 0), Some(at(d, 9, 0)));
        morning.intensity = Some(3);
        let mut evening = attack(2, at(d, 18, 0), Some(at(d, 20, 0)));
        evening.intensity = Some(6);
        let f = of_march(&diary(vec![morning, evening], vec![], vec![]));
        assert_eq!((f.headache_days, f.attacks, f.recorded_days), (1, 2, 1));
        assert_eq!(headache_dates(&f), vec![d]);
        assert_eq!(f.days[4].peak_intensity, Some(6));
        assert_eq!(
            f.intensity,
            Some(Intensity {
                rated: 2,
                sum: 9,
                peak: 6
            })
        );
    }

    #[test]
    fn february_2026_has_28_days_and_is_a_whole_month_for_the_overuse_rules() {
        let feb = Period::month(2026, 2).unwrap();
        assert_eq!(
            (feb.first, feb.last, feb.len()),
            (date(2026, 2, 1), date(2026, 2, 28), 28)
        );
        // A triptan on 1–10 February, and an attack from 28 February 23:00 to 1 March
        // 01:00 (60 minutes on 1 March): February holds its start day only.
        let mut intakes: Vec<Intake> = (1..=10)
            .map(|n| dose(MedClass::Triptan, at(date(2026, 2, n), 12, 0)))
            .collect();
        intakes.push(dose(MedClass::Nsaid, at(date(2026, 3, 1), 0, 30)));
        let a = attack(
            1,
            at(date(2026, 2, 28), 23, 0),
            Some(at(date(2026, 3, 1), 1, 0)),
        );
        let d = diary(vec![a], intakes, vec![]);
        let f = figures(&d, Some(date(2026, 2, 1)), feb, date(2026, 3, 10));
        assert_eq!(f.days.len(), 28);
        assert_eq!((f.headache_days, f.recorded_days), (1, 1));
        // 28 days from the first record to the month's end, one of them recorded.
        assert_eq!(f.no_record_days, 27);
        assert_eq!(f.migraine_like_days, 10);
        assert_eq!(
            f.acute_days.get(MedClass::Nsaid),
            0,
            "1 March is not February"
        );
        let m = &f.overuse[0];
        assert_eq!(m.year_month(), (2026, 2));
        assert!(m.whole);
        assert_eq!(
            m.rules,
            vec![OveruseRule::SingleClass {
                class: MedClass::Triptan,
                days: 10
            }]
        );
    }

    #[test]
    fn twenty_nine_minutes_after_midnight_do_not_cover_the_day_and_thirty_do() {
        let d = date(2026, 3, 10);
        let a29 = attack(1, at(d, 23, 0), Some(at(date(2026, 3, 11), 0, 29)));
        let a30 = attack(2, at(d, 23, 0), Some(at(date(2026, 3, 11), 0, 30)));
        assert_eq!(of_march(&diary(vec![a29], vec![], vec![])).headache_days, 1);
        assert_eq!(of_march(&diary(vec![a30], vec![], vec![])).headache_days, 2);
    }

    #[test]
    fn the_spring_forward_attack_from_1_30_to_3_30_lasts_60_minutes_on_one_day() {
        let sunday = date(2026, 3, 29);
        let a = attack(1, at(sunday, 1, 30), Some(at(sunday, 3, 30)));
        assert_eq!(
            a.duration(at(sunday, 12, 0)),
            Some(Duration::minutes(60)),
            "02:00–03:00 does not exist"
        );
        let f = of_march(&diary(vec![a], vec![], vec![]));
        assert_eq!(headache_dates(&f), vec![sunday]);
    }

    #[test]
    fn a_triptan_on_a_day_without_an_attack_is_a_triptan_and_migraine_like_day_only() {
        let d = date(2026, 3, 5);
        let f = of_march(&diary(
            vec![],
            vec![dose(MedClass::Triptan, at(d, 12, 0))],
            vec![],
        ));
        assert_eq!(f.acute_days.get(MedClass::Triptan), 1);
        assert_eq!(f.migraine_like_days, 1);
        assert_eq!(f.headache_days, 0);
        // A dose alone says nothing about pain: the day is not recorded.
        assert_eq!(f.recorded_days, 0);
        let day = &f.days[4];
        assert_eq!(day.date, d);
        assert!(day.migraine_like && !day.headache && !day.recorded && day.no_record);
        assert_eq!(day.acute, vec![MedClass::Triptan]);
    }

    #[test]
    fn ibuprofen_on_8_days_and_paracetamol_on_7_others_is_15_simple_analgesic_days() {
        let mut intakes = doses(MedClass::Nsaid, 1..=8);
        intakes.extend(doses(MedClass::SimpleAnalgesic, 11..=17));
        let f = of_march(&diary(vec![], intakes, vec![]));
        assert_eq!(f.simple_analgesic_days, 15);
        let m = &f.overuse[0];
        assert!(m.whole && m.applies());
        assert_eq!(m.rules, vec![OveruseRule::SimpleAnalgesics { days: 15 }]);
    }

    #[test]
    fn sumatriptan_on_6_days_and_ibuprofen_on_4_others_applies_across_classes() {
        let mut intakes = doses(MedClass::Triptan, 1..=6);
        intakes.extend(doses(MedClass::Nsaid, 20..=23));
        let f = of_march(&diary(vec![], intakes, vec![]));
        let m = &f.overuse[0];
        assert_eq!(
            m.rules,
            vec![OveruseRule::MultipleClasses {
                days: 10,
                classes: 2
            }]
        );
        assert_eq!((m.counted_days, m.counted_classes), (10, 2));
    }

    #[test]
    fn nine_triptan_days_are_below_the_threshold_and_ten_reach_it() {
        let nine = of_march(&diary(vec![], doses(MedClass::Triptan, 1..=9), vec![]));
        assert!(!nine.overuse[0].applies(), "one class alone: no mixed rule");
        let ten = of_march(&diary(vec![], doses(MedClass::Triptan, 1..=10), vec![]));
        assert_eq!(
            ten.overuse[0].rules,
            vec![OveruseRule::SingleClass {
                class: MedClass::Triptan,
                days: 10
            }]
        );
        // Two doses on one day are one day.
        let mut twice = doses(MedClass::Triptan, 1..=9);
        twice.push(dose(MedClass::Triptan, at(date(2026, 3, 9), 20, 0)));
        let twice = of_march(&diary(vec![], twice, vec![]));
        assert_eq!(twice.acute_days.get(MedClass::Triptan), 9);
    }

    #[test]
    fn fourteen_simple_analgesic_days_are_below_and_fifteen_reach_it_counted_once_a_day() {
        // NSAID and paracetamol on the same day 7: one simple-analgesic day.
        let mut fourteen = doses(MedClass::Nsaid, 1..=7);
        fourteen.extend(doses(MedClass::SimpleAnalgesic, 7..=14));
        let f = of_march(&diary(vec![], fourteen.clone(), vec![]));
        assert_eq!(f.simple_analgesic_days, 14);
        assert!(
            !f.overuse[0].applies(),
            "one class (simple analgesics): no mixed rule"
        );
        fourteen.extend(doses(MedClass::SimpleAnalgesic, [20]));
        let f = of_march(&diary(vec![], fourteen, vec![]));
        assert_eq!(
            f.overuse[0].rules,
            vec![OveruseRule::SimpleAnalgesics { days: 15 }]
        );
    }

    #[test]
    fn nsaid_and_paracetamol_together_are_one_class_for_the_mixed_rule() {
        let mut intakes = doses(MedClass::SimpleAnalgesic, 1..=8);
        intakes.extend(doses(MedClass::Nsaid, 10..=13));
        let m = &of_march(&diary(vec![], intakes, vec![])).overuse[0];
        assert_eq!((m.counted_days, m.counted_classes), (12, 1));
        assert!(!m.applies());
    }

    #[test]
    fn several_rules_may_apply_and_then_the_mixed_rule_is_not_named() {
        let mut intakes = doses(MedClass::Triptan, 1..=10);
        intakes.extend(doses(MedClass::Opioid, 1..=12));
        intakes.extend(doses(MedClass::Combination, 20..=22));
        let m = &of_march(&diary(vec![], intakes, vec![])).overuse[0];
        assert_eq!(
            m.rules,
            vec![
                OveruseRule::SingleClass {
                    class: MedClass::Triptan,
                    days: 10
                },
                OveruseRule::SingleClass {
                    class: MedClass::Opioid,
                    days: 12
                },
            ]
        );
    }

    #[test]
    fn preventive_intakes_never_count() {
        let f = of_march(&diary(vec![], doses(MedClass::Preventive, 1..=31), vec![]));
        assert_eq!(f.acute_days, ClassDays::default());
        assert_eq!((f.any_acute_days, f.migraine_like_days), (0, 0));
        assert!(f.days.iter().all(|d| d.acute.is_empty()));
        assert!(!f.overuse[0].applies());
        assert_eq!(f.acute_days.get(MedClass::Preventive), 0);
    }

    #[test]
    fn gepant_days_are_shown_and_migraine_like_but_no_overuse_rule_counts_them() {
        let f = of_march(&diary(vec![], doses(MedClass::Gepant, 1..=20), vec![]));
        assert_eq!(f.acute_days.get(MedClass::Gepant), 20);
        assert_eq!(f.migraine_like_days, 20);
        let m = &f.overuse[0];
        assert_eq!(m.acute_days.get(MedClass::Gepant), 20);
        assert_eq!((m.counted_days, m.counted_classes), (0, 0));
        assert!(!m.applies());
        // With a triptan on 5 other days: 5 counted days, 1 class, nothing applies.
        let mut intakes = doses(MedClass::Ditan, 1..=6);
        intakes.extend(doses(MedClass::Triptan, 10..=14));
        intakes.extend(doses(MedClass::Other, 20..=25));
        let m = &of_march(&diary(vec![], intakes, vec![])).overuse[0];
        assert_eq!((m.counted_days, m.counted_classes), (5, 1));
        assert!(!m.applies());
    }

    #[test]
    fn no_record_days_run_from_the_first_record_to_today() {
        let mut free = day_record(date(2026, 3, 15));
        free.headache_free = Some(true);
        let mut checkin = day_record(date(2026, 3, 17));
        checkin.questionnaire = Some(r#"{"headache":false,"completed":true}"#.into());
        let empty_checkin = {
            let mut r = day_record(date(2026, 3, 18));
            r.questionnaire = Some("{}".into());
            r
        };
        let a = attack(
            1,
            at(date(2026, 3, 12), 9, 0),
            Some(at(date(2026, 3, 12), 11, 0)),
        );
        let d = diary(
            vec![a],
            vec![dose(MedClass::Nsaid, at(date(2026, 3, 19), 9, 0))],
            vec![free, checkin, empty_checkin],
        );
        let first = Some(date(2026, 3, 10));
        let f = figures(&d, first, march(), date(2026, 3, 20));
        // 10–20 March: 11 days, of which 12, 15 and 17 are recorded.
        assert_eq!(f.recorded_days, 3);
        assert_eq!(f.no_record_days, 8);
        assert_eq!(f.headache_free_days, 1);
        let none: Vec<u32> = f
            .days
            .iter()
            .filter(|d| d.no_record)
            .map(|d| d.date.day())
            .collect();
        assert_eq!(none, vec![10, 11, 13, 14, 16, 18, 19, 20]);
        // A first record before the period counts from the period's start.
        let f = figures(&d, Some(date(2026, 2, 1)), march(), date(2026, 3, 20));
        assert_eq!(f.no_record_days, 17);
        // No record at all: nothing is counted as missing.
        let f = figures(&Diary::default(), None, march(), date(2026, 3, 20));
        assert_eq!((f.no_record_days, f.recorded_days), (0, 0));
        // Today before the period: no day of it is missing yet.
        let f = figures(&d, first, march(), date(2026, 2, 27));
        assert_eq!(f.no_record_days, 0);
    }

    #[test]
    fn a_day_with_a_headache_and_a_headache_free_record_is_a_headache_day() {
        let d = date(2026, 3, 3);
        let mut free = day_record(d);
        free.headache_free = Some(true);
        let a = attack(1, at(d, 9, 0), Some(at(d, 10, 0)));
        let f = of_march(&diary(vec![a], vec![], vec![free]));
        assert_eq!((f.headache_days, f.headache_free_days), (1, 0));
        assert_eq!(f.recorded_days, 1);
    }

    #[test]
    fn features_make_each_covered_day_migraine_like_and_an_aura_its_start_day() {
        let (d1, d2) = (date(2026, 3, 3), date(2026, 3, 4));
        let mut aura = attack(1, at(d1, 22, 0), Some(at(d2, 2, 0)));
        aura.aura = vec![Aura::Visual];
        let f = of_march(&diary(vec![aura.clone()], vec![], vec![]));
        let like: Vec<bool> = f.days[2..4].iter().map(|d| d.migraine_like).collect();
        assert_eq!(like, vec![true, false]);
        let mut features = aura;
        features.aura = vec![Aura::None];
        features.side = Some(Side::Right);
        features.character = Some(Character::Pulsating);
        features.nausea = Some(Nausea::Marked);
        let f = of_march(&diary(vec![features], vec![], vec![]));
        assert_eq!(f.migraine_like_days, 2);
    }

    #[test]
    fn intensity_triggers_and_disability_come_from_the_attacks() {
        let d = |n| date(2026, 3, n);
        let mut a = attack(1, at(d(2), 9, 0), Some(at(d(2), 12, 0)));
        a.intensity = Some(7);
        a.triggers = vec![Trigger::Weather, Trigger::Stress];
        a.disability = Some(Disability::Reduced);
        let mut b = attack(2, at(d(2), 18, 0), Some(at(d(3), 9, 0)));
        b.intensity = Some(4);
        b.triggers = vec![Trigger::Stress];
        b.trigger_note = Some("  ".into());
        b.disability = Some(Disability::LostDay);
        let mut c = attack(3, at(d(9), 9, 0), None);
        c.triggers = vec![Trigger::Alcohol];
        c.trigger_note = Some("wine".into());
        // Started in February, covering 1 March: counted as a day, not as an attack.
        let mut before = attack(4, at(date(2026, 2, 28), 20, 0), Some(at(d(1), 8, 0)));
        before.intensity = Some(9);
        before.triggers = vec![Trigger::Caffeine];
        let f = of_march(&diary(vec![a, b, c, before], vec![], vec![]));
        assert_eq!(f.attacks, 3);
        assert_eq!(f.headache_days, 4);
        assert_eq!(
            f.intensity,
            Some(Intensity {
                rated: 2,
                sum: 11,
                peak: 7
            })
        );
        assert!((f.intensity.unwrap().average() - 5.5).abs() < 1e-9);
        let triggers: Vec<(Trigger, u32)> =
            f.triggers.iter().map(|t| (t.trigger, t.attacks)).collect();
        assert_eq!(
            triggers,
            vec![
                (Trigger::Stress, 2),
                (Trigger::Alcohol, 1),
                (Trigger::Weather, 1)
            ]
        );
        assert_eq!(f.trigger_notes, 1);
        // 2 March: reduced and lost → lost; 3 March: lost (b covers it).
        assert_eq!((f.lost_days, f.reduced_days), (2, 0));
        assert_eq!(f.days[0].peak_intensity, Some(9));
        assert_eq!(f.days[1].peak_intensity, Some(7));
        assert_eq!(f.days[8].peak_intensity, None);
    }

    #[test]
    fn each_record_is_read_in_its_own_zone() {
        let tokyo: Tz = "Asia/Tokyo".parse().unwrap();
        // 28 Feb 20:00 UTC is 1 March 05:00 in Tokyo and 28 Feb 21:00 in Berlin.
        let t = Utc.with_ymd_and_hms(2026, 2, 28, 20, 0, 0).unwrap();
        let mut a = Attack::new(1, t, tokyo, t);
        a.ended_at = Some(t + Duration::hours(1));
        let mut i = dose(MedClass::Triptan, t);
        i.zone = tokyo;
        let berlin_dose = dose(MedClass::Nsaid, t);
        let f = of_march(&diary(vec![a], vec![i, berlin_dose], vec![]));
        assert_eq!((f.attacks, f.headache_days), (1, 1));
        assert_eq!(f.days[0].acute, vec![MedClass::Triptan]);
    }

    #[test]
    fn a_deleted_attack_and_its_doses_are_left_out() {
        let d = date(2026, 3, 6);
        let mut a = attack(5, at(d, 9, 0), Some(at(d, 11, 0)));
        a.deleted_at = Some(at(d, 12, 0));
        let mut i = dose(MedClass::Triptan, at(d, 9, 30));
        i.attack_id = Some(5);
        let later = dose(MedClass::Nsaid, at(date(2026, 3, 20), 8, 0));
        let all = diary(vec![a], vec![i, later], vec![]);
        let f = of_march(&all);
        assert_eq!((f.attacks, f.headache_days), (0, 0));
        assert_eq!(f.acute_days, ClassDays::default().with(MedClass::Nsaid, 1));
        assert_eq!(first_record(&all), Some(date(2026, 3, 20)));
        assert_eq!(first_record(&Diary::default()), None);
    }

    #[test]
    fn months_split_a_period_at_calendar_months() {
        let p = Period::new(date(2026, 1, 20), date(2026, 3, 5));
        let months = p.months();
        assert_eq!(
            months,
            vec![
                Period::new(date(2026, 1, 20), date(2026, 1, 31)),
                Period::month(2026, 2).unwrap(),
                Period::new(date(2026, 3, 1), date(2026, 3, 5)),
            ]
        );
        assert_eq!(p.len(), 45);
        assert!(
            Period::new(date(2026, 3, 2), date(2026, 3, 1))
                .months()
                .is_empty()
        );
        let mut intakes = doses(MedClass::Triptan, 1..=3);
        intakes.push(dose(MedClass::Triptan, at(date(2026, 2, 10), 8, 0)));
        let d = diary(vec![], intakes, vec![]);
        let by_month = months_of(&d, p);
        let triptan: Vec<u32> = by_month
            .iter()
            .map(|f| f.acute_days.get(MedClass::Triptan))
            .collect();
        assert_eq!(triptan, vec![0, 1, 3]);
        let whole: Vec<bool> = by_month.iter().map(|f| f.overuse[0].whole).collect();
        assert_eq!(whole, vec![false, true, false]);
        let all = figures(&d, Some(date(2026, 1, 1)), p, date(2026, 12, 31));
        assert_eq!(all.overuse.len(), 3);
        assert_eq!(all.overuse[2].year_month(), (2026, 3));
        assert_eq!(all.days.len(), 45);
    }

    fn months_of(d: &Diary, p: Period) -> Vec<Figures> {
        months(d, first_record(d), p, date(2026, 12, 31))
    }

    /// Each month of `months()` (its days a slice of the period's) is what `figures()`
    /// gives for that month alone, and the months add up to the period, on random diaries
    /// across two daylight-saving changes: attacks of up to 40 hours, some deleted, doses
    /// of every class, headache-free days and check-ins.
    #[test]
    fn the_months_are_the_period_cut_up_on_random_diaries() {
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut below = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let period = Period::new(date(2026, 2, 20), date(2026, 11, 5));
        let today = date(2026, 10, 20);
        for _ in 0..20 {
            let mut d = Diary::default();
            for (n, day) in period.days().enumerate() {
                let r = below(100);
                if r < 30 {
                    let start = at(day, below(24) as u32, 0);
                    let end = start + Duration::minutes(10 + below(40 * 60) as i64);
                    let mut a = Attack::new(1, start, berlin(), start);
                    a.id = n as i64 + 1;
                    a.ended_at = (r % 7 != 0).then_some(end);
                    a.intensity = Some(below(11) as u8);
                    a.side = Some(Side::Left);
                    a.character = (r % 2 == 0).then_some(Character::Pulsating);
                    a.nausea = (r % 3 == 0).then_some(Nausea::Marked);
                    a.disability = Some(Disability::ALL[below(3) as usize]);
                    if r % 11 == 0 {
                        a.deleted_at = Some(start);
                    }
                    d.attacks.push(a);
                }
                if below(4) == 0 {
                    let class = MedClass::ALL[below(MedClass::ALL.len() as u64) as usize];
                    d.intakes.push(dose(class, at(day, below(24) as u32, 30)));
                }
                if (30..60).contains(&r) {
                    let mut rec = day_record(day);
                    rec.headache_free = Some(true);
                    rec.questionnaire = (r % 5 == 0).then(|| r#"{"a":1}"#.to_owned());
                    d.days.push(rec);
                }
            }
            d.attacks.retain(|a| a.deleted_at.is_none());
            let first = first_record(&d);
            let whole = figures(&d, first, period, today);
            let by_month = months(&d, first, period, today);
            assert_eq!(by_month.len(), 10);
            for m in &by_month {
                assert_eq!(*m, figures(&d, first, m.period, today), "{:?}", m.period);
            }
            let sum = |f: fn(&Figures) -> u32| by_month.iter().map(f).sum::<u32>();
            assert_eq!(sum(|f| f.headache_days), whole.headache_days);
            assert_eq!(sum(|f| f.migraine_like_days), whole.migraine_like_days);
            assert_eq!(sum(|f| f.headache_free_days), whole.headache_free_days);
            assert_eq!(sum(|f| f.recorded_days), whole.recorded_days);
            assert_eq!(sum(|f| f.no_record_days), whole.no_record_days);
            assert_eq!(sum(|f| f.any_acute_days), whole.any_acute_days);
            assert_eq!(
                sum(|f| f.simple_analgesic_days),
                whole.simple_analgesic_days
            );
            assert_eq!(sum(|f| f.lost_days), whole.lost_days);
            assert_eq!(sum(|f| f.reduced_days), whole.reduced_days);
            assert_eq!(sum(|f| f.attacks), whole.attacks);
            for class in ACUTE {
                let per_month: u32 = by_month.iter().map(|f| f.acute_days.get(class)).sum();
                assert_eq!(per_month, whole.acute_days.get(class), "{class:?}");
            }
            let days: Vec<DayFigure> = by_month.iter().flat_map(|m| m.days.clone()).collect();
            assert_eq!(days, whole.days);
            let overuse: Vec<MonthOveruse> =
                by_month.iter().flat_map(|m| m.overuse.clone()).collect();
            assert_eq!(overuse, whole.overuse);
        }
    }
}
