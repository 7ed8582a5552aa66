//! Time on the horizontal axis: the period cut into days, weeks or months, and the labels
//! under each, spaced so that they never overlap.

use super::labels;
use super::legend::{BODY, FAINT, MUTED};
use super::svg::{Anchor, Font, Svg, text_width};
use crate::domain::figures::Period;
use crate::domain::lang::Lang;
use crate::i18n::I18n;
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// How long one bar's stretch of time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    Day,
    Week,
    Month,
}

/// The font of axis labels.
pub(super) const LABEL: Font = Font::regular(26.0, MUTED);

/// `period` cut into stretches of `step` (weeks start on Monday; the first and the last
/// stretch are cut to the period).
pub(super) fn buckets(period: Period, step: Step) -> Vec<Period> {
    match step {
        Step::Day => period.days().map(|d| Period::new(d, d)).collect(),
        Step::Month => period.months(),
        Step::Week => {
            let mut out = Vec::new();
            let mut at = period.first;
            while at <= period.last {
                let to_sunday = 6 - u64::from(at.weekday().num_days_from_monday());
                let end = at
                    .checked_add_days(Days::new(to_sunday))
                    .unwrap_or(period.last)
                    .min(period.last);
                out.push(Period::new(at, end));
                match end.succ_opt() {
                    Some(next) => at = next,
                    None => break,
                }
            }
            out
        }
    }
}

/// The index of the bucket holding `day` (buckets in order, without gaps).
pub(super) fn bucket_of(buckets: &[Period], day: NaiveDate) -> Option<usize> {
    let i = buckets.partition_point(|b| b.last < day);
    buckets.get(i).filter(|b| b.contains(day)).map(|_| i)
}

/// Where the buckets stand: the x of the first one's left edge and each one's width.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slots {
    pub left: f32,
    pub width: f32,
}

impl Slots {
    pub fn centre(&self, i: usize) -> f32 {
        self.left + (i as f32 + 0.5) * self.width
    }

    pub fn start(&self, i: usize) -> f32 {
        self.left + i as f32 * self.width
    }
}

/// The smallest of `steps` that keeps labels `room` pixels apart.
fn every(steps: &[usize], slot: f32, room: f32) -> usize {
    steps
        .iter()
        .copied()
        .find(|k| *k as f32 * slot >= room)
        .unwrap_or(*steps.last().unwrap_or(&1))
}

/// Draws the labels under the axis at `y` (the first baseline) and returns the y below
/// them. Days are labelled `5 Mar`, weeks by their Monday, months by name with the year
/// underneath at January and at the start; over more than three years only the years.
pub(super) fn labels(
    svg: &mut Svg,
    i18n: &I18n,
    lang: Lang,
    buckets: &[Period],
    step: Step,
    slots: Slots,
    y: f32,
) -> f32 {
    let line = LABEL.line_height();
    let mut years: Vec<(f32, String)> = Vec::new();
    let mut firsts: Vec<(f32, String)> = Vec::new();
    let tick = |svg: &mut Svg, x: f32| {
        svg.line(
            (x, y - LABEL.size - 12.0),
            (x, y - LABEL.size - 4.0),
            FAINT,
            2.0,
        )
    };
    match step {
        Step::Day | Step::Week => {
            // The widest day label: two digits and the longest short month.
            let sample = NaiveDate::from_ymd_opt(2000, 9, 30).unwrap_or_default();
            let room = text_width(&labels::day(i18n, lang, sample), LABEL) + 24.0;
            let k = if step == Step::Day {
                every(&[1, 2, 7, 14, 28], slots.width, room)
            } else {
                every(&[1, 2, 4, 8, 13, 26, 52], slots.width, room)
            };
            let mut last_year = None;
            for (i, b) in buckets.iter().enumerate() {
                if step == Step::Day && k > 7 && b.first.weekday() == Weekday::Mon {
                    // A small tick on every Monday between the labels.
                    let x = slots.centre(i);
                    svg.line(
                        (x, y - LABEL.size - 10.0),
                        (x, y - LABEL.size - 4.0),
                        FAINT,
                        1.5,
                    );
                }
                let label_here = if step == Step::Day && k >= 7 {
                    // Weekly labels stand on Mondays.
                    b.first.weekday() == Weekday::Mon
                        && (k == 7 || b.first.iso_week().week().is_multiple_of(k as u32 / 7))
                } else {
                    i.is_multiple_of(k)
                };
                if !label_here {
                    continue;
                }
                let x = slots.centre(i);
                let end = slots.start(buckets.len());
                if x - room / 2.0 < slots.left - 30.0 || x + room / 2.0 > end + 30.0 {
                    continue;
                }
                firsts.push((x, labels::day(i18n, lang, b.first)));
                tick(svg, x);
                if step == Step::Week && last_year != Some(b.first.year()) {
                    years.push((x, b.first.year().to_string()));
                    last_year = Some(b.first.year());
                }
            }
        }
        Step::Month if buckets.len() <= 36 => {
            let room = text_width(&labels::month_short(i18n, lang, 5), LABEL).max(60.0) + 20.0;
            let k = every(&[1, 2, 3, 6, 12], slots.width, room);
            for (i, b) in buckets.iter().enumerate() {
                let month = b.first.month();
                let labelled = ((month - 1) as usize).is_multiple_of(k) || (i == 0 && k <= 2);
                if !labelled {
                    continue;
                }
                let x = slots.centre(i);
                firsts.push((x, labels::month_short(i18n, lang, month)));
                tick(svg, x);
                // The year under the first label and under each January.
                if firsts.len() == 1 || month == 1 {
                    years.push((x, b.first.year().to_string()));
                }
            }
        }
        Step::Month => {
            // Years only, each centred over its months, a tick where it starts.
            let year_w = text_width("2030", LABEL) + 8.0;
            let per_year = 12.0 * slots.width;
            let k = every(&[1, 2, 5, 10], per_year, year_w) as i32;
            let mut i = 0;
            while i < buckets.len() {
                let year = buckets[i].first.year();
                let end = buckets[i..]
                    .iter()
                    .position(|b| b.first.year() != year)
                    .map_or(buckets.len(), |n| i + n);
                let (from, to) = (slots.start(i), slots.start(end));
                if i > 0 {
                    svg.line((from, y - LABEL.size - 14.0), (from, y - 4.0), FAINT, 2.0);
                }
                if year.rem_euclid(k) == 0 && to - from >= year_w * 0.8 {
                    firsts.push(((from + to) / 2.0, year.to_string()));
                }
                i = end;
            }
        }
    }
    for (x, text) in &firsts {
        svg.text(*x, y, LABEL, Anchor::Middle, text);
    }
    if years.is_empty() {
        return y + line - LABEL.size;
    }
    // Years under the labels, dropped where they would touch the previous one.
    let y2 = y + line;
    let mut right = f32::MIN;
    for (x, year) in &years {
        let w = text_width(year, BODY);
        if x - w / 2.0 > right + 16.0 {
            svg.text(
                *x,
                y2,
                LABEL.in_color(super::legend::INK),
                Anchor::Middle,
                year,
            );
            right = x + w / 2.0;
        }
    }
    y2 + line - LABEL.size
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weeks_start_on_monday_and_are_cut_to_the_period() {
        // 4 March 2026 is a Wednesday.
        let p = Period::new(date(2026, 3, 4), date(2026, 3, 17));
        let weeks = buckets(p, Step::Week);
        assert_eq!(
            weeks,
            vec![
                Period::new(date(2026, 3, 4), date(2026, 3, 8)),
                Period::new(date(2026, 3, 9), date(2026, 3, 15)),
                Period::new(date(2026, 3, 16), date(2026, 3, 17)),
            ]
        );
        assert_eq!(bucket_of(&weeks, date(2026, 3, 9)), Some(1));
        assert_eq!(bucket_of(&weeks, date(2026, 3, 17)), Some(2));
        assert_eq!(bucket_of(&weeks, date(2026, 3, 18)), None);
        assert_eq!(bucket_of(&weeks, date(2026, 3, 1)), None);
        assert_eq!(buckets(p, Step::Day).len(), 14);
        assert_eq!(buckets(p, Step::Month), vec![p]);
    }
}
