//! Intensity over time: one bar a day for up to [`DAILY_DAYS`] days, else one a week or a
//! month (the average of the daily peaks on rated headache days, the highest marked).

use super::axis::{self, Slots, Step};
use super::legend::{
    self, BODY, GRID, INK, Key, MARGIN, MARK, MILD, MODERATE, MUTED, NO_RECORD, SEVERE, WIDTH,
    band_color,
};
use super::svg::{Anchor, Font, PathData, Svg};
use super::{Picture, PictureError, labels};
use crate::domain::figures::{DayFigure, Period};
use crate::domain::lang::Lang;
use crate::i18n::I18n;
use chrono::NaiveDate;

/// The longest period drawn one bar a day.
pub const DAILY_DAYS: u32 = 62;
/// The longest period drawn one bar a week (a year and a week); longer, one a month.
pub const WEEKLY_DAYS: u32 = 371;

/// The plot's height (intensity 0 to 10).
const PLOT_H: f32 = 460.0;
/// The background of a stretch with headache days but no rated intensity.
const UNRATED_BG: &str = "#d6d2ee";

/// What one bar's stretch of time holds.
#[derive(Debug, Clone, Copy, Default)]
struct Bar {
    headache: u32,
    rated: u32,
    sum: u32,
    peak: u8,
    migraine_like: bool,
    medication: bool,
    recorded: u32,
    no_record: u32,
}

impl Bar {
    fn add(&mut self, d: &DayFigure) {
        if d.headache {
            self.headache += 1;
            if let Some(v) = d.peak_intensity {
                self.rated += 1;
                self.sum += u32::from(v);
                self.peak = self.peak.max(v);
            }
        }
        self.migraine_like |= d.migraine_like;
        self.medication |= !d.acute.is_empty();
        self.recorded += u32::from(d.recorded);
        self.no_record += u32::from(d.no_record);
    }

    fn average(&self) -> Option<f32> {
        (self.rated > 0).then(|| self.sum as f32 / self.rated as f32)
    }
}

/// Which stretch one bar covers for a period of `days` days.
fn step_for(days: u32) -> Step {
    if days <= DAILY_DAYS {
        Step::Day
    } else if days <= WEEKLY_DAYS {
        Step::Week
    } else {
        Step::Month
    }
}

/// Intensity over `period` from its `days` (as [`crate::domain::figures::Figures::days`]
/// holds them); days after `today` hold nothing yet.
pub fn intensity(
    days: &[DayFigure],
    period: Period,
    today: NaiveDate,
    i18n: &I18n,
    lang: Lang,
) -> Result<Picture, PictureError> {
    let step = step_for(period.len());
    let buckets = axis::buckets(period, step);
    let mut bars = vec![Bar::default(); buckets.len()];
    for d in days.iter().filter(|d| d.date <= today) {
        if let Some(i) = axis::bucket_of(&buckets, d.date) {
            bars[i].add(d);
        }
    }

    let mut svg = Svg::new(WIDTH);
    let mut subtitles = Vec::new();
    if !period.is_empty() {
        subtitles.push(labels::range(i18n, lang, period.first, period.last));
    }
    subtitles.push(i18n.t(
        lang,
        match step {
            Step::Day => "pictures-intensity-daily",
            Step::Week => "pictures-intensity-weekly",
            Step::Month => "pictures-intensity-monthly",
        },
    ));
    let y = legend::heading(
        &mut svg,
        &i18n.t(lang, "pictures-intensity-title"),
        &subtitles,
    );

    // The plot: intensity 0–10 upwards, labels on the left.
    let top = y + 30.0;
    let left = MARGIN + 44.0;
    let right = svg.width() - MARGIN;
    let bottom = top + PLOT_H;
    let slots = Slots {
        left,
        width: (right - left) / buckets.len().max(1) as f32,
    };
    let y_of = |v: f32| bottom - v / 10.0 * PLOT_H;
    let label = Font::regular(26.0, MUTED);

    let mut stripes = PathData::default();
    for (i, bar) in bars.iter().enumerate() {
        let x = slots.start(i);
        if bar.recorded == 0 && bar.no_record > 0 {
            svg.rect(x, top, slots.width, PLOT_H, NO_RECORD.base);
            stripes.stripes(x, top, slots.width, PLOT_H);
        } else if bar.headache > 0 && bar.rated == 0 {
            svg.rect(x, top, slots.width, PLOT_H, UNRATED_BG);
        }
    }
    svg.path(&stripes, &format!(r#"fill="{}""#, NO_RECORD.stripes));
    for v in (0..=10).step_by(2) {
        let gy = y_of(v as f32);
        svg.line((left, gy), (right, gy), GRID, 1.5);
        svg.text(left - 12.0, gy + 9.0, label, Anchor::End, &v.to_string());
    }
    let gap = if slots.width >= 6.0 { 0.2 } else { 0.0 };
    for (i, bar) in bars.iter().enumerate() {
        let value = match step {
            Step::Day => (bar.rated > 0).then_some(f32::from(bar.peak)),
            Step::Week | Step::Month => bar.average(),
        };
        let Some(value) = value else { continue };
        let x = slots.start(i) + slots.width * gap / 2.0;
        let w = slots.width * (1.0 - gap);
        if let Some(color) = band_color(value) {
            let h = value / 10.0 * PLOT_H;
            svg.rect_with(
                x,
                bottom - h,
                w,
                h,
                (w * 0.15).min(4.0),
                &format!(r#"fill="{color}""#),
            );
        }
        if step != Step::Day {
            // The peak: a dark bar a little wider than the bar, gaps kept between them.
            let py = y_of(f32::from(bar.peak));
            let over = (slots.width * gap / 4.0).min(4.0);
            svg.rect(x - over, py - 2.5, (w + 2.0 * over).max(2.0), 5.0, MARK);
        }
    }
    svg.line((left, bottom), (right, bottom), INK, 2.0);
    svg.line((left, top), (left, bottom), INK, 2.0);

    if bars.iter().all(|b| b.headache == 0) {
        let text = i18n.t(lang, "pictures-intensity-none");
        let lines = super::svg::wrap(&text, BODY, right - left - 80.0);
        // Centred between the gridlines at 4 and 6.
        let y0 =
            y_of(5.0) + BODY.size * 0.36 - (lines.len() as f32 - 1.0) * BODY.line_height() / 2.0;
        svg.lines(
            (left + right) / 2.0,
            y0,
            BODY.in_color(MUTED),
            Anchor::Middle,
            &lines,
        );
    }

    // Under the axis: the day marks, then the dates.
    let mut y = bottom + 8.0;
    if step == Step::Day {
        let r = (slots.width * 0.45).clamp(7.0, 13.0);
        let (row1, row2) = (y + 4.0 + r, y + 14.0 + 3.0 * r);
        for (i, bar) in bars.iter().enumerate() {
            if bar.migraine_like {
                legend::diamond(&mut svg, (slots.centre(i), row1), r);
            }
            if bar.medication {
                legend::dot(&mut svg, (slots.centre(i), row2), r * 0.75);
            }
        }
        y = row2 + r + 6.0;
    }
    let y = axis::labels(&mut svg, i18n, lang, &buckets, step, slots, y + 36.0);

    let mut entries = vec![
        (Key::Fill(MILD), i18n.t(lang, "pictures-legend-mild")),
        (
            Key::Fill(MODERATE),
            i18n.t(lang, "pictures-legend-moderate"),
        ),
        (Key::Fill(SEVERE), i18n.t(lang, "pictures-legend-severe")),
        (
            Key::Fill(UNRATED_BG),
            i18n.t(lang, "pictures-legend-unrated"),
        ),
        (
            Key::Hatch(NO_RECORD),
            i18n.t(
                lang,
                match step {
                    Step::Day => "pictures-legend-no-record",
                    Step::Week => "pictures-legend-no-record-week",
                    Step::Month => "pictures-legend-no-record-month",
                },
            ),
        ),
    ];
    match step {
        Step::Day => {
            entries.push((Key::Diamond, i18n.t(lang, "pictures-legend-migraine-like")));
            entries.push((Key::Dot, i18n.t(lang, "pictures-legend-medication")));
        }
        Step::Week => entries.push((Key::Tick, i18n.t(lang, "pictures-legend-peak-week"))),
        Step::Month => entries.push((Key::Tick, i18n.t(lang, "pictures-legend-peak-month"))),
    }
    let y = legend::legend(&mut svg, y + 24.0, &entries);
    svg.render((y + 20.0).ceil() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_months_are_daily_a_year_weekly_and_longer_monthly() {
        assert_eq!(step_for(1), Step::Day);
        assert_eq!(step_for(62), Step::Day);
        assert_eq!(step_for(63), Step::Week);
        assert_eq!(step_for(366), Step::Week);
        assert_eq!(step_for(372), Step::Month);
        assert_eq!(step_for(3653), Step::Month);
    }
}
