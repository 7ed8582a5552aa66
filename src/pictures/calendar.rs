//! The calendar heat map: one month grid per calendar month, each day coloured by its
//! peak intensity, migraine-like days ringed and acute-medication days dotted.

use super::legend::{
    self, BODY, CALM, FAINT, FREE, INK, Key, MARGIN, MARK, MILD, MODERATE, MUTED, NO_RECORD,
    SEVERE, UNRATED, WIDTH, band_color, ink_on,
};
use super::svg::{Anchor, Font, PathData, Svg};
use super::{Picture, PictureError, labels};
use crate::domain::figures::{DayFigure, Period};
use crate::domain::lang::Lang;
use crate::i18n::{Arg, I18n};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap};

/// The most months one calendar shows: the last ones of a longer period.
pub const MAX_MONTHS: usize = 12;
/// The space between two month grids.
const GAP: f32 = 30.0;
/// The largest day cell, for a period of one or two months.
const MAX_CELL: f32 = 110.0;

/// How a day looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    /// Outside the period, after today or before the first record: not counted.
    Blank,
    NoRecord,
    Free,
    /// Recorded without a headache, not as a headache-free day (an answered check-in).
    Calm,
    Headache(Option<u8>),
}

fn look(day: Option<&DayFigure>, period: Period, today: NaiveDate) -> Look {
    let Some(d) = day.filter(|d| period.contains(d.date) && d.date <= today) else {
        return Look::Blank;
    };
    if d.headache {
        Look::Headache(d.peak_intensity)
    } else if d.headache_free {
        Look::Free
    } else if d.recorded {
        Look::Calm
    } else if d.no_record {
        Look::NoRecord
    } else {
        Look::Blank
    }
}

fn fill(look: Look) -> Option<&'static str> {
    match look {
        Look::Blank => None,
        Look::NoRecord => Some(NO_RECORD.base),
        Look::Free => Some(FREE),
        Look::Calm => Some(CALM),
        Look::Headache(None) => Some(UNRATED),
        // A rated 0 on a headache day still shows as a headache.
        Look::Headache(Some(v)) => Some(band_color(f32::from(v)).unwrap_or(MILD)),
    }
}

/// Monday-first weeks the month's grid needs (4 to 6).
fn weeks_in(year: i32, month: u32) -> u32 {
    let Some(month) = Period::month(year, month) else {
        return 6;
    };
    let offset = month.first.weekday().num_days_from_monday();
    (offset + month.len()).div_ceil(7)
}

/// The calendar of `period` from its `days` (as [`crate::domain::figures::Figures::days`]
/// holds them; days outside the period are not drawn). `today` is the user's local date:
/// later days stay blank. Over more than [`MAX_MONTHS`] months, the last ones are shown.
pub fn calendar(
    days: &[DayFigure],
    period: Period,
    today: NaiveDate,
    i18n: &I18n,
    lang: Lang,
) -> Result<Picture, PictureError> {
    let by_date: HashMap<NaiveDate, &DayFigure> = days.iter().map(|d| (d.date, d)).collect();
    let all = period.months();
    let shown = &all[all.len().saturating_sub(MAX_MONTHS)..];
    let mut svg = Svg::new(WIDTH);

    // Over more than MAX_MONTHS months the title names the months shown.
    let from = shown.first().map_or(period.first, |m| m.first);
    let mut subtitles = Vec::new();
    if !period.is_empty() {
        subtitles.push(labels::range(i18n, lang, from, period.last));
    }
    if all.len() > shown.len() {
        subtitles.push(i18n.tr(
            lang,
            "pictures-calendar-last-months",
            &[
                ("count", Arg::Num(shown.len() as i64)),
                ("from", labels::day_year(i18n, lang, period.first).into()),
            ],
        ));
    }
    // The counts cover the months shown, so that they match the grids.
    let counted = days
        .iter()
        .filter(|d| period.contains(d.date) && d.date >= from && d.date <= today);
    let (mut headache, mut migraine, mut meds) = (0, 0, 0);
    for d in counted {
        headache += i64::from(d.headache);
        migraine += i64::from(d.migraine_like);
        meds += i64::from(!d.acute.is_empty());
    }
    let count = |key: &str, n: i64| i18n.tr(lang, key, &[("count", Arg::Num(n))]);
    let parts = [
        count("pictures-calendar-headache-days", headache),
        count("pictures-calendar-migraine-days", migraine),
        count("pictures-calendar-medication-days", meds),
    ];
    let max = svg.width() - 2.0 * MARGIN;
    subtitles.extend(legend::join_fitting(&parts, legend::SUBTITLE, max));
    let mut y = legend::heading(
        &mut svg,
        &i18n.t(lang, "pictures-calendar-title"),
        &subtitles,
    );
    y += 24.0;

    let cols = match shown.len() {
        0 | 1 => 1,
        2 | 4 => 2,
        _ => 3,
    };
    let full = svg.width() - 2.0 * MARGIN;
    let cell = ((full - (cols as f32 - 1.0) * GAP) / cols as f32 / 7.0)
        .min(MAX_CELL)
        .floor();
    let grid_w = cell * 7.0;
    let x0 = (svg.width() - (cols as f32 * grid_w + (cols as f32 - 1.0) * GAP)) / 2.0;
    let title_font = Font::bold((cell * 0.62).clamp(28.0, 40.0), INK);
    let head_font = Font::bold((cell * 0.5).clamp(24.0, 32.0), MUTED);
    let day_font = Font::regular((cell * 0.5).clamp(22.0, 38.0), INK);
    let title_h = title_font.size + 16.0;
    let head_h = head_font.size + 14.0;

    let initials: Vec<String> = (1..=7)
        .map(|wd| labels::weekday_initial(i18n, lang, wd))
        .collect();
    let mut layers = Layers::new(cell, day_font);
    let mut calm_seen = false;
    for row in shown.chunks(cols) {
        let weeks = row
            .iter()
            .map(|m| weeks_in(m.first.year(), m.first.month()))
            .max()
            .unwrap_or(6);
        for (c, cut) in row.iter().enumerate() {
            let (year, month) = (cut.first.year(), cut.first.month());
            let Some(whole) = Period::month(year, month) else {
                continue;
            };
            let x = x0 + c as f32 * (grid_w + GAP);
            let title = labels::month_title(i18n, lang, year, month);
            svg.text(
                x + grid_w / 2.0,
                y + title_font.size,
                title_font,
                Anchor::Middle,
                &title,
            );
            for (wd, initial) in initials.iter().enumerate() {
                let cx = x + (wd as f32 + 0.5) * cell;
                let baseline = y + title_h + head_font.size;
                layers
                    .headers
                    .glyphs(cx, baseline, head_font, Anchor::Middle, initial);
            }
            let top = y + title_h + head_h;
            let offset = whole.first.weekday().num_days_from_monday();
            for date in whole.days() {
                let n = offset + date.day0();
                let (cx, cy) = (x + (n % 7) as f32 * cell, top + (n / 7) as f32 * cell);
                let day = by_date.get(&date).copied();
                let look = look(day, period, today);
                calm_seen |= look == Look::Calm;
                layers.day((cx, cy), look, day, date);
            }
        }
        y += title_h + head_h + weeks as f32 * cell + GAP;
    }
    layers.draw(&mut svg, head_font.color);
    if shown.is_empty() {
        y = legend::notes(&mut svg, y, BODY, &[i18n.t(lang, "pictures-nothing")]) + GAP;
    }

    let mut entries = vec![
        (Key::Fill(FREE), i18n.t(lang, "pictures-legend-free")),
        (Key::Fill(MILD), i18n.t(lang, "pictures-legend-mild")),
        (
            Key::Fill(MODERATE),
            i18n.t(lang, "pictures-legend-moderate"),
        ),
        (Key::Fill(SEVERE), i18n.t(lang, "pictures-legend-severe")),
        (Key::Fill(UNRATED), i18n.t(lang, "pictures-legend-unrated")),
        (
            Key::Hatch(NO_RECORD),
            i18n.t(lang, "pictures-legend-no-record"),
        ),
        (Key::Ring, i18n.t(lang, "pictures-legend-migraine-like")),
        (Key::Dot, i18n.t(lang, "pictures-legend-medication")),
    ];
    if calm_seen {
        entries.push((Key::Fill(CALM), i18n.t(lang, "pictures-legend-calm")));
    }
    entries.push((Key::Blank, i18n.t(lang, "pictures-legend-blank")));
    let y = legend::legend(&mut svg, y, &entries);
    svg.render((y + 20.0).ceil() as u32)
}

/// The grids' shapes gathered by kind and colour, each kind drawn as one path in order:
/// fills, stripes, rings, numbers, dots (see [`PathData`]).
struct Layers {
    /// The side of a day's square.
    cell: f32,
    /// The font of the day numbers.
    font: Font,
    fills: BTreeMap<&'static str, PathData>,
    stripes: PathData,
    rings: PathData,
    headers: PathData,
    numbers: BTreeMap<&'static str, PathData>,
    dots: PathData,
}

impl Layers {
    fn new(cell: f32, font: Font) -> Layers {
        Layers {
            cell,
            font,
            fills: BTreeMap::new(),
            stripes: PathData::default(),
            rings: PathData::default(),
            headers: PathData::default(),
            numbers: BTreeMap::new(),
            dots: PathData::default(),
        }
    }

    /// One day's square at `(x, y)`: its fill, number, ring and dot.
    fn day(&mut self, (x, y): (f32, f32), look: Look, day: Option<&DayFigure>, date: NaiveDate) {
        let (cell, font) = (self.cell, self.font);
        let pad = (cell * 0.07).max(2.5);
        let number = date.day().to_string();
        let baseline = y + cell / 2.0 + font.size * 0.36;
        let (cx, inner) = (x + cell / 2.0, cell - 2.0 * pad);
        let Some(color) = fill(look) else {
            let faint = self.numbers.entry(FAINT).or_default();
            faint.glyphs(cx, baseline, font, Anchor::Middle, &number);
            return;
        };
        let fills = self.fills.entry(color).or_default();
        let r = cell * 0.12;
        fills.rounded_rect(x + pad, y + pad, inner, inner, r);
        if look == Look::NoRecord {
            let at = pad + r * 0.3;
            self.stripes
                .stripes(x + at, y + at, cell - 2.0 * at, cell - 2.0 * at);
        }
        if day.is_some_and(|d| d.migraine_like) {
            let w = legend::ring_width(cell);
            let (at, size) = (w / 2.0, cell - w);
            self.rings
                .rounded_rect(x + at, y + at, size, size, cell * 0.16);
        }
        let ink = self.numbers.entry(ink_on(color)).or_default();
        ink.glyphs(cx, baseline, font, Anchor::Middle, &number);
        if day.is_some_and(|d| !d.acute.is_empty()) {
            let r = (cell * 0.11).max(5.5);
            let at = cell - pad - r - 1.0;
            self.dots.circle((x + at, y + at), r);
        }
    }

    fn draw(&self, svg: &mut Svg, header: &str) {
        for (color, data) in &self.fills {
            svg.path(data, &format!(r#"fill="{color}""#));
        }
        svg.path(&self.stripes, &format!(r#"fill="{}""#, NO_RECORD.stripes));
        let ring = format!(
            r#"fill="none" stroke="{MARK}" stroke-width="{:.2}""#,
            legend::ring_width(self.cell)
        );
        svg.path(&self.rings, &ring);
        svg.path(&self.headers, &format!(r#"fill="{header}""#));
        for (color, data) in &self.numbers {
            svg.path(data, &format!(r#"fill="{color}""#));
        }
        svg.path(
            &self.dots,
            &format!(r##"fill="{MARK}" stroke="#ffffff" stroke-width="2""##),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_grids_have_four_to_six_monday_first_weeks() {
        // February 2027 starts on a Monday and has 28 days; March 2026 starts on a Sunday.
        assert_eq!(weeks_in(2027, 2), 4);
        assert_eq!(weeks_in(2026, 3), 6);
        assert_eq!(weeks_in(2026, 4), 5);
    }
}
