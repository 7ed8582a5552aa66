//! Medication-overuse information per calendar month (MODEL.md; ICHD-3 8.2). A fact to
//! discuss with a doctor, never advice; the report says which rule applies.

use super::{ClassDays, DayFigure, Period, is_simple_analgesic};
use crate::domain::medication::MedClass;
use chrono::Datelike;

/// Days a month at or above which one class of triptan, ergotamine, opioid or combination
/// analgesic counts (ICHD-3 8.2.1, 8.2.2, 8.2.4, 8.2.5).
pub const SINGLE_CLASS_DAYS: u32 = 10;
/// Distinct days a month with an NSAID or a simple analgesic at or above which ICHD-3's
/// simple analgesics count (8.2.3).
pub const SIMPLE_ANALGESIC_DAYS: u32 = 15;
/// Distinct days a month with any counted class, two classes or more, at or above which
/// the multiple-class rule counts when no single class does (ICHD-3 8.2.6).
pub const COMBINED_DAYS: u32 = 10;

/// The classes the overuse rules count; gepant, ditan, other and preventive are not
/// among them (ICHD-3 8.2 names no threshold for them).
pub const OVERUSE_CLASSES: [MedClass; 6] = [
    MedClass::SimpleAnalgesic,
    MedClass::Nsaid,
    MedClass::Triptan,
    MedClass::Ergotamine,
    MedClass::Opioid,
    MedClass::Combination,
];

/// The classes counted alone with [`SINGLE_CLASS_DAYS`].
const SINGLE_CLASSES: [MedClass; 4] = [
    MedClass::Triptan,
    MedClass::Ergotamine,
    MedClass::Opioid,
    MedClass::Combination,
];

/// Which rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OveruseRule {
    /// One of triptan, ergotamine, opioid or combination analgesic on at least
    /// [`SINGLE_CLASS_DAYS`] days.
    SingleClass {
        /// The class.
        class: MedClass,
        /// Its days that month.
        days: u32,
    },
    /// NSAID and simple analgesic together on at least [`SIMPLE_ANALGESIC_DAYS`] distinct
    /// days.
    SimpleAnalgesics {
        /// Distinct days with either.
        days: u32,
    },
    /// No class reaches its threshold, but the counted classes together were taken on at
    /// least [`COMBINED_DAYS`] distinct days, two or more of them used that month. NSAID
    /// and simple analgesic are one class here, ICHD-3's simple (non-opioid) analgesics.
    MultipleClasses {
        /// Distinct days with any counted class.
        days: u32,
        /// Counted classes used that month.
        classes: u32,
    },
}

/// One calendar month's medication-overuse information.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthOveruse {
    /// The month's days inside the period (the whole month unless the period cuts it).
    pub days: Period,
    /// Whether the period holds the whole month. In a cut month the counts cover only
    /// the days inside the period; a rule that applies there applies to the month.
    pub whole: bool,
    /// Acute-medication days per class (gepant and ditan shown, but no rule counts them).
    pub acute_days: ClassDays,
    /// Distinct days with an NSAID or a simple analgesic.
    pub simple_analgesic_days: u32,
    /// Distinct days with any of [`OVERUSE_CLASSES`].
    pub counted_days: u32,
    /// How many counted classes were used (simple analgesics, triptan, ergotamine, opioid,
    /// combination analgesic: NSAID and simple analgesic are one).
    pub counted_classes: u32,
    /// The rules that apply, in this order: single classes, simple analgesics; or the
    /// multiple-class rule alone. Empty when none does.
    pub rules: Vec<OveruseRule>,
}

impl MonthOveruse {
    /// The year and month.
    pub fn year_month(&self) -> (i32, u32) {
        (self.days.first.year(), self.days.first.month())
    }

    /// Whether any rule applies.
    pub fn applies(&self) -> bool {
        !self.rules.is_empty()
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The information for one month from its days.
fn month(days: Period, whole: bool, figures: &[&DayFigure]) -> MonthOveruse {
    let mut acute_days = ClassDays::default();
    for d in figures {
        acute_days.count_day(&d.acute);
    }
    let simple = count(
        figures
            .iter()
            .filter(|d| d.acute.iter().any(|c| is_simple_analgesic(*c)))
            .count(),
    );
    let counted = count(
        figures
            .iter()
            .filter(|d| d.acute.iter().any(|c| OVERUSE_CLASSES.contains(c)))
            .count(),
    );
    let classes = count(
        SINGLE_CLASSES
            .iter()
            .filter(|c| acute_days.get(**c) > 0)
            .count(),
    ) + u32::from(simple > 0);

    let mut rules: Vec<OveruseRule> = SINGLE_CLASSES
        .iter()
        .map(|c| (*c, acute_days.get(*c)))
        .filter(|(_, n)| *n >= SINGLE_CLASS_DAYS)
        .map(|(class, days)| OveruseRule::SingleClass { class, days })
        .collect();
    if simple >= SIMPLE_ANALGESIC_DAYS {
        rules.push(OveruseRule::SimpleAnalgesics { days: simple });
    }
    if rules.is_empty() && counted >= COMBINED_DAYS && classes >= 2 {
        rules.push(OveruseRule::MultipleClasses {
            days: counted,
            classes,
        });
    }
    MonthOveruse {
        days,
        whole,
        acute_days,
        simple_analgesic_days: simple,
        counted_days: counted,
        counted_classes: classes,
        rules,
    }
}

/// The information for each calendar month `period` touches, from its days.
pub(super) fn by_month(period: Period, days: &[DayFigure]) -> Vec<MonthOveruse> {
    period
        .months()
        .into_iter()
        .map(|cut| {
            let whole = Period::month(cut.first.year(), cut.first.month()) == Some(cut);
            let inside: Vec<&DayFigure> = days.iter().filter(|d| cut.contains(d.date)).collect();
            month(cut, whole, &inside)
        })
        .collect()
}
