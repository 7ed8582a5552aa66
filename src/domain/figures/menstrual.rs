//! The menstrual pattern of MODEL.md (ICHD-3 appendix A1.1), by the recorded features:
//! migraine-like days around recorded menstruation starts over the last three complete
//! consecutive cycles. Never a diagnosis.
//!
//! Day 1 is a recorded start and the day before it day −1 (there is no day 0); a cycle's
//! window is days −2 to +3, five days, so its first two days lie in the cycle before. A
//! cycle runs from one start to the day before the next and is complete once the next
//! start is recorded. A cycle's days "outside the windows" are those in no window at all:
//! its last two days are in the next start's window, so they are not outside.

use super::{DayFigure, Period, days};
use crate::domain::export::Diary;
use chrono::{Days, NaiveDate};

/// The longest cycle of a consecutive sequence: successive starts further apart than
/// this (a missed recording) break it.
pub const MAX_CYCLE_DAYS: i64 = 45;
/// How many complete consecutive cycles the analysis reads.
pub const MENSTRUAL_CYCLES: u32 = 3;
/// Days of a window before day 1 (days −2 and −1).
const WINDOW_BEFORE: u64 = 2;
/// Days of a window from day 1 on, day 1 included (days 1, 2 and 3).
const WINDOW_FROM: u64 = 3;
/// In how many of the cycles' windows migraine-like days make the pattern related.
const RELATED_WINDOWS: usize = 2;

/// The window of the cycle starting on `start`: days −2 to +3, five days.
pub fn menstrual_window(start: NaiveDate) -> Period {
    let first = start.checked_sub_days(Days::new(WINDOW_BEFORE));
    let last = start.checked_add_days(Days::new(WINDOW_FROM - 1));
    Period::new(first.unwrap_or(start), last.unwrap_or(start))
}

/// One complete cycle of the analysis, by the recorded features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MenstrualCycle {
    /// Its day 1, a recorded start.
    pub start: NaiveDate,
    /// The day before the next recorded start.
    pub end: NaiveDate,
    /// Its window, days −2 to +3 (the first two days before `start`).
    pub window: Period,
    /// Migraine-like days in its window.
    pub window_days: u32,
    /// Migraine-like days from `start` to `end` in no window (neither its own nor the
    /// next start's).
    pub outside_days: u32,
}

/// What the recorded features show, never a diagnosis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenstrualVerdict {
    /// Fewer than [`MENSTRUAL_CYCLES`] complete consecutive cycles are recorded: this many
    /// more are needed (1 to 3).
    NeedMore {
        /// Complete consecutive cycles still to record.
        cycles: u32,
    },
    /// Migraine-like days in the window of fewer than two of the three cycles.
    NotRelated,
    /// Migraine-like days in the window of at least two of the three cycles: a
    /// "menstrually related pattern" by the recorded features.
    Related,
    /// Related, and no migraine-like day outside the windows in those cycles: a "pure
    /// menstrual pattern" by the recorded features.
    Pure,
}

/// The menstrual pattern as of a date, by the recorded features.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenstrualPattern {
    /// The date it is read on: a cycle is complete when the next start is recorded on or
    /// before it.
    pub as_of: NaiveDate,
    /// The last complete consecutive cycles, oldest first: three, or fewer when the
    /// sequence is shorter (then they are shown but not judged).
    pub cycles: Vec<MenstrualCycle>,
    /// The verdict.
    pub verdict: MenstrualVerdict,
}

impl MenstrualPattern {
    /// How many more complete consecutive cycles are needed; 0 once it is judged.
    pub fn cycles_needed(&self) -> u32 {
        match self.verdict {
            MenstrualVerdict::NeedMore { cycles } => cycles,
            _ => 0,
        }
    }
}

/// The menstruation start days of `diary`'s day records (`menstruation` is `Some(true)`),
/// in order, each once; for a [`Diary`] that holds the whole history (the store answers
/// the same with `Tx::menstruation_starts`).
pub fn menstruation_starts(diary: &Diary) -> Vec<NaiveDate> {
    let mut starts: Vec<NaiveDate> = diary
        .days
        .iter()
        .filter(|r| r.menstruation == Some(true))
        .map(|r| r.day)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// The last complete consecutive cycles as of `as_of`, oldest first, as (start, next
/// start): at most [`MENSTRUAL_CYCLES`], going back from the latest start recorded on or
/// before `as_of` until a gap longer than [`MAX_CYCLE_DAYS`].
fn counted_cycles(starts: &[NaiveDate], as_of: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut known: Vec<NaiveDate> = starts.iter().copied().filter(|s| *s <= as_of).collect();
    known.sort_unstable();
    known.dedup();
    let mut cycles: Vec<(NaiveDate, NaiveDate)> = known
        .windows(2)
        .rev()
        .map(|pair| (pair[0], pair[1]))
        .take_while(|(start, next)| (*next - *start).num_days() <= MAX_CYCLE_DAYS)
        .take(MENSTRUAL_CYCLES as usize)
        .collect();
    cycles.reverse();
    cycles
}

/// The days the pattern as of `as_of` reads: from two days before the first counted
/// cycle's start to the last one's end; `None` without a complete cycle. The caller loads
/// the records of these days for [`menstrual_pattern`].
pub fn menstrual_span(starts: &[NaiveDate], as_of: NaiveDate) -> Option<Period> {
    let cycles = counted_cycles(starts, as_of);
    let (first, _) = cycles.first()?;
    let (_, next) = cycles.last()?;
    Some(Period::new(
        menstrual_window(*first).first,
        next.pred_opt()?,
    ))
}

fn count_in(figures: &[DayFigure], days: impl Fn(NaiveDate) -> bool) -> u32 {
    let n = figures
        .iter()
        .filter(|d| d.migraine_like && days(d.date))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The menstrual pattern as of `as_of` (MODEL.md, "Menstrual pattern"), by the recorded
/// features. `starts` are the menstruation start days (see [`menstruation_starts`]; at
/// least those on or before `as_of`), and `diary` holds the records of
/// [`menstrual_span`]'s days; migraine-like days are those of the figures.
pub fn menstrual_pattern(
    starts: &[NaiveDate],
    diary: &Diary,
    as_of: NaiveDate,
) -> MenstrualPattern {
    let counted = counted_cycles(starts, as_of);
    let figures = match menstrual_span(starts, as_of) {
        Some(span) => days::day_figures(diary, span, None, as_of),
        None => Vec::new(),
    };
    let cycles: Vec<MenstrualCycle> = counted
        .iter()
        .map(|(start, next)| {
            let window = menstrual_window(*start);
            let next_window = menstrual_window(*next);
            let end = next.pred_opt().unwrap_or(*start);
            let cycle = Period::new(*start, end);
            MenstrualCycle {
                start: *start,
                end,
                window,
                window_days: count_in(&figures, |d| window.contains(d)),
                outside_days: count_in(&figures, |d| {
                    cycle.contains(d) && !window.contains(d) && !next_window.contains(d)
                }),
            }
        })
        .collect();
    let have = u32::try_from(cycles.len()).unwrap_or(MENSTRUAL_CYCLES);
    let verdict = if have < MENSTRUAL_CYCLES {
        MenstrualVerdict::NeedMore {
            cycles: MENSTRUAL_CYCLES - have,
        }
    } else if cycles.iter().filter(|c| c.window_days > 0).count() < RELATED_WINDOWS {
        MenstrualVerdict::NotRelated
    } else if cycles.iter().all(|c| c.outside_days == 0) {
        MenstrualVerdict::Pure
    } else {
        MenstrualVerdict::Related
    };
    MenstrualPattern {
        as_of,
        cycles,
        verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::domain::day::DayRecord;
    use crate::domain::medication::Intake;

    fn jan(d: u32) -> NaiveDate {
        date(2026, 1, d)
    }
    fn feb(d: u32) -> NaiveDate {
        date(2026, 2, d)
    }
    fn mar(d: u32) -> NaiveDate {
        date(2026, 3, d)
    }

    /// Starts on 5 January, 2 February, 2 March and 30 March 2026, 28 days apart
    /// (February 2026 has 28 days: 2 February + 28 days = 2 March). Read on 30 March the
    /// three complete cycles are 5 Jan–1 Feb, 2 Feb–1 Mar and 2 Mar–29 Mar, with the
    /// windows 3–7 Jan, 31 Jan–4 Feb and 28 Feb–4 Mar (the last two across a month end).
    fn starts() -> Vec<NaiveDate> {
        vec![jan(5), feb(2), mar(2), mar(30)]
    }

    fn records(starts: &[NaiveDate], more: Vec<DayRecord>) -> Vec<DayRecord> {
        starts
            .iter()
            .map(|s| menstruation(*s))
            .chain(more)
            .collect()
    }

    /// The pattern on `as_of` of [`starts`] with triptans (migraine-like days) on `days`.
    fn pattern_with(days: &[NaiveDate], as_of: NaiveDate) -> MenstrualPattern {
        let intakes: Vec<Intake> = days.iter().map(|d| triptan(*d)).collect();
        let d = diary(vec![], intakes, records(&starts(), vec![]));
        menstrual_pattern(&menstruation_starts(&d), &d, as_of)
    }

    fn counts(p: &MenstrualPattern) -> Vec<(u32, u32)> {
        p.cycles
            .iter()
            .map(|c| (c.window_days, c.outside_days))
            .collect()
    }

    #[test]
    fn the_cycles_run_from_a_start_to_the_day_before_the_next_and_windows_span_five_days() {
        let p = pattern_with(&[], mar(30));
        let spans: Vec<(NaiveDate, NaiveDate, Period)> = p
            .cycles
            .iter()
            .map(|c| (c.start, c.end, c.window))
            .collect();
        assert_eq!(
            spans,
            vec![
                (jan(5), feb(1), Period::new(jan(3), jan(7))),
                (feb(2), mar(1), Period::new(jan(31), feb(4))),
                (mar(2), mar(29), Period::new(feb(28), mar(4))),
            ]
        );
        assert!(p.cycles.iter().all(|c| c.window.len() == 5));
        // From two days before the first start to the day before the fourth.
        assert_eq!(
            menstrual_span(&starts(), mar(30)),
            Some(Period::new(jan(3), mar(29)))
        );
        // No migraine-like day at all: in no window, so not related.
        assert_eq!(p.verdict, MenstrualVerdict::NotRelated);
        assert_eq!(p.cycles_needed(), 0);
    }

    #[test]
    fn migraine_like_days_in_two_of_three_windows_are_related_and_one_outside_not_pure() {
        // 6 Jan is day 2 of cycle 1; 28 Feb is day −2 of cycle 3 (2 March − 2 days, across
        // the month end); 20 Jan lies in cycle 1 between its window (to 7 Jan) and the next
        // start's (from 31 Jan): outside. Windows [1, 0, 1]: two of three → related; one
        // day outside → not pure.
        let p = pattern_with(&[jan(6), feb(28), jan(20)], mar(30));
        assert_eq!(counts(&p), vec![(1, 1), (0, 0), (1, 0)]);
        assert_eq!(p.verdict, MenstrualVerdict::Related);
    }

    #[test]
    fn migraine_like_days_only_in_the_windows_of_two_cycles_are_a_pure_pattern() {
        // As above without 20 January: windows [1, 0, 1], nothing outside → pure.
        let p = pattern_with(&[jan(6), feb(28)], mar(30));
        assert_eq!(counts(&p), vec![(1, 0), (0, 0), (1, 0)]);
        assert_eq!(p.verdict, MenstrualVerdict::Pure);
        // A headache that is not migraine-like (no features) does not spoil it, and an
        // aura attack on day 1 of cycle 2 makes all three windows count.
        let mut d = diary(
            vec![
                attack(
                    1,
                    at(feb(10), 9, 0),
                    Some(at(feb(10), 11, 0)),
                    at(feb(10), 9, 0),
                ),
                aura_attack(2, feb(2)),
            ],
            vec![triptan(jan(6)), triptan(feb(28))],
            records(&starts(), vec![headache_free(feb(11))]),
        );
        let p = menstrual_pattern(&menstruation_starts(&d), &d, mar(30));
        assert_eq!(counts(&p), vec![(1, 0), (1, 0), (1, 0)]);
        assert_eq!(p.verdict, MenstrualVerdict::Pure);
        // One window only: not related, whatever lies outside.
        d.intakes.clear();
        let p = menstrual_pattern(&menstruation_starts(&d), &d, mar(30));
        assert_eq!(counts(&p), vec![(0, 0), (1, 0), (0, 0)]);
        assert_eq!(p.verdict, MenstrualVerdict::NotRelated);
    }

    #[test]
    fn a_window_across_a_month_end_counts_its_days_in_the_other_month() {
        // 31 January is day −2 of the cycle starting 2 February, so it counts for that
        // cycle's window although it lies in January and in cycle 1; and it is not
        // outside for cycle 1 (it is in a window). 4 March is day +3 of the cycle starting
        // 2 March. Windows [0, 1, 1] and nothing outside → pure.
        let p = pattern_with(&[jan(31), mar(4)], mar(30));
        assert_eq!(counts(&p), vec![(0, 0), (1, 0), (1, 0)]);
        assert_eq!(p.verdict, MenstrualVerdict::Pure);
    }

    #[test]
    fn days_minus_two_minus_one_and_plus_three_are_inside_and_minus_three_and_plus_four_out() {
        // Cycle 2 starts 2 Feb: 30 Jan is day −3 (outside, in cycle 1's span), 31 Jan day
        // −2 (inside). Cycle 3 starts 2 Mar: 1 Mar is day −1 (inside, in cycle 2's span but
        // not outside it), 2 Mar day 1, 4 Mar day +3 (inside), 5 Mar day +4 (outside).
        // Windows: cycle 1 none; cycle 2 {31 Jan}; cycle 3 {1, 2, 4 Mar}.
        // Outside: cycle 1 {30 Jan}; cycle 2 none; cycle 3 {5 Mar}.
        let p = pattern_with(&[jan(30), jan(31), mar(1), mar(2), mar(4), mar(5)], mar(30));
        assert_eq!(counts(&p), vec![(0, 1), (1, 0), (3, 1)]);
        assert_eq!(p.verdict, MenstrualVerdict::Related);
        // Day +3 is the window's last day and −2 its first.
        let w = menstrual_window(feb(2));
        assert!(w.contains(jan(31)) && w.contains(feb(4)));
        assert!(!w.contains(jan(30)) && !w.contains(feb(5)));
    }

    #[test]
    fn fewer_than_three_complete_cycles_say_how_many_more_are_needed() {
        let need = |starts: &[NaiveDate], as_of| {
            let d = diary(vec![], vec![], records(starts, vec![]));
            let p = menstrual_pattern(&menstruation_starts(&d), &d, as_of);
            (p.cycles.len(), p.cycles_needed())
        };
        // No start, or one start: no complete cycle, three needed.
        assert_eq!(need(&[], mar(30)), (0, 3));
        assert_eq!(need(&[jan(5)], mar(30)), (0, 3));
        // Two starts: one complete cycle, two more; three starts: one more.
        assert_eq!(need(&[jan(5), feb(2)], mar(30)), (1, 2));
        assert_eq!(need(&[jan(5), feb(2), mar(2)], mar(30)), (2, 1));
        // A cycle is complete when the next start is recorded on or before the date: on
        // 29 March the fourth start (30 March) is not there yet.
        assert_eq!(need(&starts(), mar(29)), (2, 1));
        assert_eq!(need(&starts(), mar(30)), (3, 0));
        assert_eq!(menstrual_span(&[jan(5)], mar(30)), None);
        let d = diary(
            vec![],
            vec![triptan(jan(6))],
            records(&starts()[..3], vec![]),
        );
        let p = menstrual_pattern(&menstruation_starts(&d), &d, mar(30));
        assert_eq!(p.verdict, MenstrualVerdict::NeedMore { cycles: 1 });
        assert_eq!(counts(&p), vec![(1, 0), (0, 0)], "shown, not judged");
    }

    #[test]
    fn a_gap_longer_than_45_days_breaks_the_sequence() {
        // 5 Jan → 2 Feb (28 days) → 1 Apr (58 days: a missed recording) → 29 Apr (28).
        // Read on 10 May the sequence restarts on 1 April: one complete cycle (1–28 April),
        // the older one is not joined to it; two more are needed.
        let starts = [jan(5), feb(2), date(2026, 4, 1), date(2026, 4, 29)];
        let d = diary(vec![], vec![], records(&starts, vec![]));
        let p = menstrual_pattern(&starts, &d, date(2026, 5, 10));
        assert_eq!(p.verdict, MenstrualVerdict::NeedMore { cycles: 2 });
        let spans: Vec<(NaiveDate, NaiveDate)> =
            p.cycles.iter().map(|c| (c.start, c.end)).collect();
        assert_eq!(spans, vec![(date(2026, 4, 1), date(2026, 4, 28))]);
        // 45 days apart still join and 46 do not: 1 Jan → 15 Feb is 45 days (31 + 14),
        // 15 Feb → 17 Mar 30 days (13 + 17), 17 Mar → 2 May 46 days (14 + 30 + 2).
        let starts = [jan(1), feb(15), mar(17), date(2026, 5, 2)];
        let need = |as_of| menstrual_pattern(&starts, &Diary::default(), as_of).cycles_needed();
        assert_eq!(need(date(2026, 5, 1)), 1, "1 Jan–14 Feb and 15 Feb–16 Mar");
        assert_eq!(need(date(2026, 5, 2)), 3, "the last cycle is 46 days long");
    }

    #[test]
    fn only_the_last_three_cycles_count_and_starts_are_read_once_in_order() {
        // Starts from 8 Dec 2025, 28 days apart: four complete cycles on 20 April; the
        // first is not read, so a migraine-like day in the window of 8 Dec (6–10 Dec: 7
        // Dec) changes nothing. Day records come unordered, 2 Feb twice, 20 Jan "no".
        let mut all = vec![date(2025, 12, 8)];
        all.extend(starts());
        let mut days = records(&all, vec![headache_free(jan(10))]);
        days.reverse();
        days.push(menstruation(feb(2)));
        let mut not_start = menstruation(jan(20));
        not_start.menstruation = Some(false);
        days.push(not_start);
        let d = diary(vec![], vec![triptan(date(2025, 12, 7))], days);
        let starts = menstruation_starts(&d);
        assert_eq!(starts, all);
        let p = menstrual_pattern(&starts, &d, date(2026, 4, 20));
        assert_eq!(p.cycles.len(), 3);
        assert_eq!(p.cycles[0].start, jan(5));
        assert_eq!(counts(&p), vec![(0, 0), (0, 0), (0, 0)]);
        // A start after the date is not read: on 29 March the cycles are the three before,
        // 8 Dec–4 Jan first, whose window now holds 7 Dec.
        let p = menstrual_pattern(&starts, &d, mar(29));
        assert_eq!(p.cycles[0].start, date(2025, 12, 8));
        assert_eq!(p.cycles[2].end, mar(1));
        assert_eq!(counts(&p), vec![(1, 0), (0, 0), (0, 0)]);
        assert_eq!(p.verdict, MenstrualVerdict::NotRelated);
    }
}
