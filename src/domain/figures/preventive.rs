//! Before and after a preventive (MODEL.md): for each preventive medication, migraine-like
//! days in 28-day blocks from its first intake, the mean of the three blocks before
//! against each full block since, and the "50 % response" trials report. Migraine-like
//! days are always "migraine-like by the recorded features".
//!
//! Blocks are counted from the first intake's local day, which opens the first block
//! after: blocks before are days −84 to −57, −56 to −29 and −28 to −1. A block with fewer
//! than [`MIN_BLOCK_RECORDED_DAYS`] recorded days is incomplete: shown, but left out of the
//! mean and of the response.

use super::{DayFigure, Period, days, live};
use crate::domain::export::Diary;
use crate::domain::localtime::date_of;
use crate::domain::medication::MedClass;
use chrono::{DateTime, Days, NaiveDate, Utc};
use std::collections::{BTreeMap, BTreeSet};

/// The days of a block.
pub const BLOCK_DAYS: u32 = 28;
/// Blocks before the first intake.
pub const BLOCKS_BEFORE: u32 = 3;
/// Recorded days a block needs to be complete.
pub const MIN_BLOCK_RECORDED_DAYS: u32 = 20;

/// A preventive medication and the local day of its first intake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreventiveStart {
    /// The medication.
    pub medication_id: i64,
    /// Its name.
    pub name: String,
    /// The local day of its first intake (in that dose's zone): day 1 of the first block
    /// after.
    pub first_day: NaiveDate,
}

/// One 28-day block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PreventiveBlock {
    /// Its days.
    pub days: Period,
    /// Migraine-like days in it, by the recorded features.
    pub migraine_like_days: u32,
    /// Recorded days in it.
    pub recorded_days: u32,
}

impl PreventiveBlock {
    /// Whether it has at least [`MIN_BLOCK_RECORDED_DAYS`] recorded days (an incomplete
    /// block is left out of the mean and of the response).
    pub fn complete(&self) -> bool {
        self.recorded_days >= MIN_BLOCK_RECORDED_DAYS
    }
}

/// A full block since the first intake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockAfter {
    /// The block.
    pub block: PreventiveBlock,
    /// Whether it has at least 50 % fewer migraine-like days than the mean before (days ≤
    /// mean × 0.5); `None` when it is incomplete, or there is no mean or a mean of 0.
    pub response: Option<bool>,
}

/// Before and after one preventive medication.
#[derive(Debug, Clone, PartialEq)]
pub struct PreventiveEffect {
    /// The medication.
    pub medication_id: i64,
    /// Its name.
    pub name: String,
    /// The local day of its first intake.
    pub first_day: NaiveDate,
    /// The three blocks before, oldest first (days −84..−57, −56..−29, −28..−1).
    pub before: Vec<PreventiveBlock>,
    /// The mean of migraine-like days over the complete blocks before; `None` with none.
    pub mean_before: Option<f64>,
    /// Each full block since the first intake (its last day on or before today), oldest
    /// first; a block still running is not shown.
    pub after: Vec<BlockAfter>,
}

/// The preventive medications of `diary`'s doses, each with the day of its first dose (a
/// deleted attack's doses left out), by that day and then by id; the name is the one its
/// latest dose was taken under. For a [`Diary`] that holds the whole history (the store
/// answers the same with `Tx::preventive_starts`, with the list's current name).
pub fn preventive_starts(diary: &Diary) -> Vec<PreventiveStart> {
    let deleted: BTreeSet<i64> = diary
        .attacks
        .iter()
        .filter(|a| !live(a))
        .map(|a| a.id)
        .collect();
    // Per medication: its first dose (time, local day) and its latest dose (time, name).
    let mut firsts: BTreeMap<i64, (DateTime<Utc>, NaiveDate)> = BTreeMap::new();
    let mut latest: BTreeMap<i64, (DateTime<Utc>, &str)> = BTreeMap::new();
    for i in diary.intakes.iter().filter(|i| {
        i.class == MedClass::Preventive && !i.attack_id.is_some_and(|id| deleted.contains(&id))
    }) {
        let first = (i.taken_at, date_of(i.taken_at, i.zone));
        firsts
            .entry(i.medication_id)
            .and_modify(|old| *old = (*old).min(first))
            .or_insert(first);
        let last = (i.taken_at, i.name.as_str());
        latest
            .entry(i.medication_id)
            .and_modify(|old| *old = (*old).max(last))
            .or_insert(last);
    }
    let mut starts: Vec<PreventiveStart> = firsts
        .into_iter()
        .map(|(id, (_, first_day))| PreventiveStart {
            medication_id: id,
            name: latest
                .get(&id)
                .map(|(_, n)| (*n).to_owned())
                .unwrap_or_default(),
            first_day,
        })
        .collect();
    starts.sort_by_key(|s| (s.first_day, s.medication_id));
    starts
}

fn add(day: NaiveDate, days: u32) -> Option<NaiveDate> {
    day.checked_add_days(Days::new(u64::from(days)))
}

fn sub(day: NaiveDate, days: u32) -> Option<NaiveDate> {
    day.checked_sub_days(Days::new(u64::from(days)))
}

/// The days the blocks of `starts` as of `today` read: from the first block before the
/// earliest first intake to today (empty when today is before it); `None` without a start.
/// The caller loads the records of these days for [`preventive_effects`].
pub fn preventive_span(starts: &[PreventiveStart], today: NaiveDate) -> Option<Period> {
    let earliest = starts.iter().map(|s| s.first_day).min()?;
    let first = sub(earliest, BLOCKS_BEFORE * BLOCK_DAYS)?;
    Some(Period::new(first, today))
}

/// The block of `days` from the figures of `span` (in order, one per day).
fn block(figures: &[DayFigure], span: Period, days: Period) -> PreventiveBlock {
    let index = |d: NaiveDate| {
        usize::try_from((d - span.first).num_days().max(0))
            .unwrap_or(0)
            .min(figures.len())
    };
    let inside = figures
        .get(index(days.first)..index(days.last.succ_opt().unwrap_or(days.last)))
        .unwrap_or(&[]);
    let count = |f: fn(&DayFigure) -> bool| {
        u32::try_from(inside.iter().filter(|d| f(d)).count()).unwrap_or(u32::MAX)
    };
    PreventiveBlock {
        days,
        migraine_like_days: count(|d| d.migraine_like),
        recorded_days: count(|d| d.recorded),
    }
}

/// Before and after each of `starts` as of `today` (the user's local date), in their
/// order. `diary` holds the records of [`preventive_span`]'s days.
pub fn preventive_effects(
    starts: &[PreventiveStart],
    diary: &Diary,
    today: NaiveDate,
) -> Vec<PreventiveEffect> {
    let Some(span) = preventive_span(starts, today) else {
        return Vec::new();
    };
    // Computed once for the whole span; each block is a slice of it.
    let figures = days::day_figures(diary, span, None, today);
    let block_at = |first: NaiveDate| {
        let last = add(first, BLOCK_DAYS - 1)?;
        Some(block(&figures, span, Period::new(first, last)))
    };
    starts
        .iter()
        .map(|s| {
            let before: Vec<PreventiveBlock> = (1..=BLOCKS_BEFORE)
                .rev()
                .filter_map(|k| block_at(sub(s.first_day, k * BLOCK_DAYS)?))
                .collect();
            let complete: Vec<&PreventiveBlock> = before.iter().filter(|b| b.complete()).collect();
            // The mean is sum / n; days ≤ mean × 0.5 is 2 × n × days ≤ sum in whole numbers.
            let n = u32::try_from(complete.len()).unwrap_or(0);
            let sum: u32 = complete.iter().map(|b| b.migraine_like_days).sum();
            let mean_before = (n > 0).then(|| f64::from(sum) / f64::from(n));
            let mut after = Vec::new();
            let mut first = Some(s.first_day);
            while let Some(b) = first.and_then(block_at).filter(|b| b.days.last <= today) {
                let response =
                    (n > 0 && sum > 0 && b.complete()).then(|| 2 * n * b.migraine_like_days <= sum);
                after.push(BlockAfter { block: b, response });
                first = add(b.days.first, BLOCK_DAYS);
            }
            PreventiveEffect {
                medication_id: s.medication_id,
                name: s.name.clone(),
                first_day: s.first_day,
                before,
                mean_before,
                after,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::domain::attack::Attack;
    use crate::domain::day::DayRecord;
    use crate::domain::medication::Intake;

    /// A block from `first`: an aura attack (a migraine-like, recorded day) on each of its
    /// first `migraine` days, then "no headache today" on the next `recorded - migraine`
    /// days, the rest empty.
    fn fill(d: &mut Diary, first: NaiveDate, migraine: u32, recorded: u32) {
        for (n, day) in first.iter_days().take(BLOCK_DAYS as usize).enumerate() {
            let n = u32::try_from(n).unwrap();
            if n < migraine {
                let id = i64::try_from(d.attacks.len()).unwrap() + 1;
                d.attacks.push(aura_attack(id, day));
            } else if n < recorded {
                d.days.push(headache_free(day));
            }
        }
    }

    fn preventive(id: i64, day: NaiveDate) -> Intake {
        let mut i = dose(id, MedClass::Preventive, at(day, 8, 0));
        i.name = "Propranolol".into();
        i
    }

    fn start(first_day: NaiveDate) -> PreventiveStart {
        PreventiveStart {
            medication_id: 7,
            name: "Propranolol".into(),
            first_day,
        }
    }

    fn apr(d: u32) -> NaiveDate {
        date(2026, 4, d)
    }

    fn counts(blocks: &[PreventiveBlock]) -> Vec<(u32, u32)> {
        blocks
            .iter()
            .map(|b| (b.migraine_like_days, b.recorded_days))
            .collect()
    }

    /// First intake on 1 April 2026. Blocks before: 7 Jan–3 Feb (1 Apr − 84 days: − 31 →
    /// 1 Mar, − 28 → 1 Feb, − 25 → 7 Jan), 4 Feb–3 Mar, 4 Mar–31 Mar. Blocks after:
    /// 1–28 Apr, 29 Apr–26 May, 27 May–23 Jun, 24 Jun–21 Jul.
    fn worked_example() -> Diary {
        let mut d = Diary::default();
        fill(&mut d, date(2026, 1, 7), 8, 28); // complete, 8
        fill(&mut d, date(2026, 2, 4), 6, 28); // complete, 6
        fill(&mut d, date(2026, 3, 4), 10, 19); // 19 recorded: incomplete
        fill(&mut d, apr(1), 3, 28); // complete, 3
        fill(&mut d, apr(29), 4, 20); // exactly 20 recorded: complete, 4
        fill(&mut d, date(2026, 5, 27), 0, 5); // incomplete
        fill(&mut d, date(2026, 6, 24), 1, 5); // not full until 21 July
        // Daily preventive doses from 1 April: never migraine-like, never recorded.
        d.intakes = apr(1)
            .iter_days()
            .take(60)
            .map(|day| preventive(7, day))
            .collect();
        d
    }

    #[test]
    fn three_blocks_before_give_the_mean_and_each_full_block_since_a_response() {
        let d = worked_example();
        let starts = preventive_starts(&d);
        assert_eq!(starts, vec![start(apr(1))]);
        let today = date(2026, 6, 30);
        assert_eq!(
            preventive_span(&starts, today),
            Some(Period::new(date(2026, 1, 7), today))
        );
        let e = &preventive_effects(&starts, &d, today)[0];
        assert_eq!((e.medication_id, e.name.as_str()), (7, "Propranolol"));
        let periods: Vec<Period> = e.before.iter().map(|b| b.days).collect();
        assert_eq!(
            periods,
            vec![
                Period::new(date(2026, 1, 7), date(2026, 2, 3)),
                Period::new(date(2026, 2, 4), date(2026, 3, 3)),
                Period::new(date(2026, 3, 4), date(2026, 3, 31)),
            ]
        );
        assert_eq!(counts(&e.before), vec![(8, 28), (6, 28), (10, 19)]);
        let complete: Vec<bool> = e.before.iter().map(PreventiveBlock::complete).collect();
        assert_eq!(complete, vec![true, true, false]);
        // The incomplete block (10 days) is left out: (8 + 6) / 2 = 7, half of it 3.5.
        assert_eq!(e.mean_before, Some(7.0));
        let after: Vec<(Period, u32, u32, Option<bool>)> = e
            .after
            .iter()
            .map(|a| {
                let b = a.block;
                (b.days, b.migraine_like_days, b.recorded_days, a.response)
            })
            .collect();
        assert_eq!(
            after,
            vec![
                // 3 ≤ 3.5: a 50 % response.
                (Period::new(apr(1), apr(28)), 3, 28, Some(true)),
                // 4 > 3.5: none (20 recorded days is complete).
                (Period::new(apr(29), date(2026, 5, 26)), 4, 20, Some(false)),
                // 5 recorded days: incomplete, no response.
                (
                    Period::new(date(2026, 5, 27), date(2026, 6, 23)),
                    0,
                    5,
                    None
                ),
                // 24 Jun–21 Jul is not full on 30 June: not shown.
            ]
        );
    }

    #[test]
    fn a_block_is_shown_once_its_last_day_is_today_or_earlier() {
        let d = worked_example();
        let starts = preventive_starts(&d);
        let shown = |today| preventive_effects(&starts, &d, today)[0].after.len();
        assert_eq!(shown(date(2026, 6, 22)), 2);
        assert_eq!(shown(date(2026, 6, 23)), 3);
        assert_eq!(shown(date(2026, 7, 21)), 4);
        // On the first intake's day no block since is full yet; the blocks before are.
        let e = &preventive_effects(&starts, &d, apr(1))[0];
        assert!(e.after.is_empty());
        assert_eq!(e.before.len(), 3);
    }

    #[test]
    fn exactly_half_the_mean_is_a_response_and_one_day_more_is_not() {
        // Before: 8, 4 and 6 migraine-like days, all complete → mean (8 + 4 + 6) / 3 = 6,
        // half of it 3. Since: 3 days (= 3, "at least 50 % fewer") and then 4 (> 3).
        let mut d = Diary::default();
        fill(&mut d, date(2026, 1, 7), 8, 28);
        fill(&mut d, date(2026, 2, 4), 4, 28);
        fill(&mut d, date(2026, 3, 4), 6, 28);
        fill(&mut d, apr(1), 3, 28);
        fill(&mut d, apr(29), 4, 28);
        let e = &preventive_effects(&[start(apr(1))], &d, date(2026, 5, 26))[0];
        assert_eq!(e.mean_before, Some(6.0));
        let responses: Vec<Option<bool>> = e.after.iter().map(|a| a.response).collect();
        assert_eq!(responses, vec![Some(true), Some(false)]);
    }

    #[test]
    fn no_complete_block_before_or_a_mean_of_zero_computes_no_response() {
        // Before: 19, 10 and 0 recorded days → no complete block, no mean.
        let mut d = Diary::default();
        fill(&mut d, date(2026, 1, 7), 5, 19);
        fill(&mut d, date(2026, 2, 4), 5, 10);
        fill(&mut d, apr(1), 0, 28);
        d.intakes.push(preventive(7, apr(1)));
        let e = &preventive_effects(&[start(apr(1))], &d, date(2026, 4, 28))[0];
        assert_eq!(counts(&e.before), vec![(5, 19), (5, 10), (0, 0)]);
        assert_eq!(e.mean_before, None);
        assert_eq!(e.after.len(), 1);
        assert_eq!(e.after[0].response, None);
        // Three complete blocks without a migraine-like day: mean 0, no response.
        let mut d = Diary::default();
        for first in [date(2026, 1, 7), date(2026, 2, 4), date(2026, 3, 4), apr(1)] {
            fill(&mut d, first, 0, 28);
        }
        let e = &preventive_effects(&[start(apr(1))], &d, date(2026, 4, 28))[0];
        assert_eq!(e.mean_before, Some(0.0));
        assert_eq!(e.after[0].response, None);
    }

    #[test]
    fn the_first_dose_of_each_preventive_starts_it_and_other_classes_do_not() {
        let mut gone = Attack::new(
            1,
            at(date(2026, 1, 2), 9, 0),
            berlin(),
            at(date(2026, 1, 2), 9, 0),
        );
        gone.id = 9;
        gone.deleted_at = Some(at(date(2026, 1, 2), 10, 0));
        let mut of_deleted = preventive(7, date(2026, 1, 2));
        of_deleted.attack_id = Some(9);
        let mut renamed = preventive(7, date(2026, 3, 10));
        renamed.name = "Propranolol 40".into();
        let mut other = dose(8, MedClass::Preventive, at(date(2026, 2, 1), 8, 0));
        other.name = "Erenumab".into();
        let d = diary(
            vec![gone],
            vec![
                renamed,
                preventive(7, date(2026, 3, 1)),
                of_deleted,
                other,
                dose(1, MedClass::Triptan, at(date(2026, 1, 1), 8, 0)),
            ],
            Vec::<DayRecord>::new(),
        );
        let starts = preventive_starts(&d);
        assert_eq!(
            starts,
            vec![
                PreventiveStart {
                    medication_id: 8,
                    name: "Erenumab".into(),
                    first_day: date(2026, 2, 1)
                },
                PreventiveStart {
                    medication_id: 7,
                    name: "Propranolol 40".into(),
                    first_day: date(2026, 3, 1)
                },
            ]
        );
        // Both are read from one span, from 84 days before the earlier start.
        let effects = preventive_effects(&starts, &d, date(2026, 3, 31));
        assert_eq!(effects.len(), 2);
        assert_eq!(effects[0].before[0].days.first, date(2025, 11, 9));
        assert_eq!(
            effects[1].after[0].block.days,
            Period::new(date(2026, 3, 1), date(2026, 3, 28))
        );
        assert!(preventive_effects(&[], &d, date(2026, 3, 31)).is_empty());
    }
}
