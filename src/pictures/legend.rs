//! The shared look: colours, hatching, titles, notes and the legend under each picture.

use super::svg::{Anchor, Font, PathData, Svg, wrap};

/// Every picture's width in pixels: a phone shows it edge to edge.
pub const WIDTH: u32 = 1080;
/// The margin on the left and the right.
pub(super) const MARGIN: f32 = 36.0;

/// Text colours.
pub(super) const INK: &str = "#1a1a1a";
pub(super) const MUTED: &str = "#555555";
pub(super) const FAINT: &str = "#b0b0b0";
pub(super) const GRID: &str = "#dddddd";

/// Intensity bands, light to dark (ColorBrewer OrRd: told apart by lightness alone, so
/// they survive every kind of colour blindness and a grey-scale print).
pub(super) const MILD: &str = "#fdcc8a";
pub(super) const MODERATE: &str = "#e9642f";
pub(super) const SEVERE: &str = "#8c0a0a";
/// A headache day whose intensity was not rated: another hue (blue-violet).
pub(super) const UNRATED: &str = "#8e86c4";
/// A headache-free day: a light blue.
pub(super) const FREE: &str = "#b9d7ee";
/// A recorded day without headache that is not a headache-free record (a check-in).
pub(super) const CALM: &str = "#e3eef6";
/// The migraine-like mark and the medication dot.
pub(super) const MARK: &str = "#111111";

/// A month where medication-overuse information applies: its column and its flag.
pub(super) const OVERUSE_BG: &str = "#f9d3d3";
pub(super) const OVERUSE: &str = "#c0162d";

/// A fill with diagonal stripes over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hatch {
    pub base: &'static str,
    pub stripes: &'static str,
}

/// The grey hatching of "no record" days.
pub(super) const NO_RECORD: Hatch = Hatch {
    base: "#f1f1f1",
    stripes: "#c4c4c4",
};

/// The fonts of titles, of the lines under them and of everything else.
pub(super) const TITLE: Font = Font::bold(40.0, INK);
pub(super) const SUBTITLE: Font = Font::regular(28.0, MUTED);
pub(super) const BODY: Font = Font::regular(26.0, INK);

/// The colour of an intensity 0–10 (MODEL.md's bands); `None` for 0.
pub(super) fn band_color(intensity: f32) -> Option<&'static str> {
    if intensity < 0.5 {
        None
    } else if intensity < 3.5 {
        Some(MILD)
    } else if intensity < 6.5 {
        Some(MODERATE)
    } else {
        Some(SEVERE)
    }
}

/// A readable text colour on `fill`.
pub(super) fn ink_on(fill: &str) -> &'static str {
    match fill {
        MODERATE | SEVERE | UNRATED => "#ffffff",
        _ => INK,
    }
}

/// A rectangle with corners rounded by `r`, hatched with `hatch` (the stripes kept off
/// the corners).
pub(super) fn hatched(svg: &mut Svg, (x, y, w, h): (f32, f32, f32, f32), r: f32, hatch: Hatch) {
    svg.rect_with(x, y, w, h, r, &format!(r#"fill="{}""#, hatch.base));
    let mut stripes = PathData::default();
    let inset = r * 0.3;
    stripes.stripes(x + inset, y + inset, w - 2.0 * inset, h - 2.0 * inset);
    svg.path(&stripes, &format!(r#"fill="{}""#, hatch.stripes));
}

/// The title and, under it, wrapped subtitle lines; returns the y below them.
pub(super) fn heading(svg: &mut Svg, title: &str, subtitles: &[String]) -> f32 {
    let max = svg.width() - 2.0 * MARGIN;
    let mut y = 58.0;
    for line in wrap(title, TITLE, max) {
        svg.text(MARGIN, y, TITLE, Anchor::Start, &line);
        y += TITLE.line_height();
    }
    y += 2.0;
    for sub in subtitles {
        let lines = wrap(sub, SUBTITLE, max);
        y = svg.lines(MARGIN, y, SUBTITLE, Anchor::Start, &lines);
    }
    y
}

/// `parts` joined by ` · ` into lines at most `max` wide, breaking only between parts
/// (a part too wide on its own is wrapped later like any text).
pub(super) fn join_fitting(parts: &[String], font: Font, max: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(line) if super::svg::text_width(&format!("{line} · {part}"), font) <= max => {
                line.push_str(" · ");
                line.push_str(part);
            }
            _ => lines.push(part.clone()),
        }
    }
    lines
}

/// Wrapped notes in the body font from `y`; returns the y below them.
pub(super) fn notes(svg: &mut Svg, y: f32, font: Font, notes: &[String]) -> f32 {
    let max = svg.width() - 2.0 * MARGIN;
    let mut y = y + font.size;
    for note in notes {
        let lines = wrap(note, font, max);
        y = svg.lines(MARGIN, y, font, Anchor::Start, &lines) + 6.0;
    }
    y - font.size
}

/// What a legend entry shows before its words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Key {
    /// A square filled with a colour.
    Fill(&'static str),
    /// A hatched square.
    Hatch(Hatch),
    /// An empty square with a faint outline.
    Blank,
    /// A light square with the migraine-like ring.
    Ring,
    /// The acute-medication dot.
    Dot,
    /// The migraine-like diamond.
    Diamond,
    /// A short dark bar: a peak.
    Tick,
    /// A dashed line.
    Dashed,
    /// The medication-overuse column with its flag.
    Flag,
}

const KEY: f32 = 34.0;
const KEY_GAP: f32 = 14.0;

/// Draws a key in a `KEY`-sized square whose top left is (x, y).
pub(super) fn draw_key(svg: &mut Svg, key: Key, x: f32, y: f32) {
    let c = (x + KEY / 2.0, y + KEY / 2.0);
    match key {
        Key::Fill(fill) => svg.rect_with(x, y, KEY, KEY, 5.0, &format!(r#"fill="{fill}""#)),
        Key::Hatch(hatch) => hatched(svg, (x, y, KEY, KEY), 5.0, hatch),
        Key::Blank => svg.rect_with(
            x + 1.0,
            y + 1.0,
            KEY - 2.0,
            KEY - 2.0,
            5.0,
            &format!(r#"fill="white" stroke="{GRID}" stroke-width="2""#),
        ),
        Key::Ring => {
            svg.rect_with(
                x + 4.0,
                y + 4.0,
                KEY - 8.0,
                KEY - 8.0,
                4.0,
                &format!(r#"fill="{MODERATE}""#),
            );
            ring(svg, x, y, KEY);
        }
        Key::Dot => dot(svg, c, 7.0),
        Key::Diamond => diamond(svg, c, 11.0),
        Key::Tick => svg.rect(x + 2.0, c.1 - 3.0, KEY - 4.0, 6.0, MARK),
        Key::Dashed => svg.line_with(
            (x, c.1),
            (x + KEY, c.1),
            INK,
            3.0,
            r#"stroke-dasharray="8 5""#,
        ),
        Key::Flag => {
            svg.rect(x, y, KEY, KEY, OVERUSE_BG);
            svg.rect_with(
                x + 2.0,
                y,
                KEY - 4.0,
                9.0,
                2.0,
                &format!(r#"fill="{OVERUSE}""#),
            );
        }
    }
}

/// The stroke width of the migraine-like ring around a `size` square.
pub(super) fn ring_width(size: f32) -> f32 {
    (size * 0.08).clamp(2.5, 5.0)
}

/// The migraine-like ring around a `size` square at (x, y).
pub(super) fn ring(svg: &mut Svg, x: f32, y: f32, size: f32) {
    let w = ring_width(size);
    svg.rect_with(
        x + w / 2.0,
        y + w / 2.0,
        size - w,
        size - w,
        size * 0.16,
        &format!(r#"fill="none" stroke="{MARK}" stroke-width="{w:.2}""#),
    );
}

/// The acute-medication dot: dark with a white edge, visible on any fill.
pub(super) fn dot(svg: &mut Svg, c: (f32, f32), r: f32) {
    svg.circle(c, r, MARK, "#ffffff", (r * 0.3).max(1.5));
}

/// The migraine-like diamond of the intensity picture.
pub(super) fn diamond(svg: &mut Svg, (x, y): (f32, f32), r: f32) {
    svg.polygon(
        &[(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
        MARK,
        "#ffffff",
        1.0,
    );
}

/// Draws the legend from `y` in two columns; an entry that needs more than two lines
/// there takes a whole row. Returns the y below it.
pub(super) fn legend(svg: &mut Svg, y: f32, entries: &[(Key, String)]) -> f32 {
    let full = svg.width() - 2.0 * MARGIN;
    let gutter = 24.0;
    let half = (full - gutter) / 2.0;
    let room = |width: f32| width - KEY - KEY_GAP;
    // Rows of (entry, its lines), each entry with the width it gets.
    let mut rows: Vec<Vec<(&Key, Vec<String>)>> = Vec::new();
    let mut open: Option<(&Key, Vec<String>)> = None;
    for (key, text) in entries {
        let lines = wrap(text, BODY, room(half));
        if lines.len() <= 2 {
            match open.take() {
                Some(first) => rows.push(vec![first, (key, lines)]),
                None => open = Some((key, lines)),
            }
        } else {
            rows.extend(open.take().map(|first| vec![first]));
            rows.push(vec![(key, wrap(text, BODY, room(full)))]);
        }
    }
    rows.extend(open.map(|first| vec![first]));

    let line = BODY.line_height();
    let mut y = y;
    for row in rows {
        let lines = row.iter().map(|(_, l)| l.len()).max().unwrap_or(1);
        for (i, (key, text)) in row.iter().enumerate() {
            let x = MARGIN + i as f32 * (half + gutter);
            // The key stands by the first line; the text's first baseline centres on it.
            draw_key(svg, **key, x, y);
            let base = y + KEY / 2.0 + BODY.size * 0.36;
            svg.lines(x + KEY + KEY_GAP, base, BODY, Anchor::Start, text);
        }
        y += KEY.max(line) + line * (lines as f32 - 1.0) + 14.0;
    }
    y
}
