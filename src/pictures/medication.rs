//! Acute-medication days per calendar month and class against ICHD-3's overuse
//! thresholds, months where medication-overuse information applies flagged.

use super::axis::{self, Slots, Step};
use super::legend::{self, BODY, GRID, Hatch, INK, Key, MARGIN, MUTED, OVERUSE, OVERUSE_BG, WIDTH};
use super::svg::{Anchor, Font, PathData, Svg};
use super::{Picture, PictureError, labels};
use crate::domain::figures::{
    ACUTE, COMBINED_DAYS, Figures, MonthOveruse, OveruseRule, Period, SIMPLE_ANALGESIC_DAYS,
    SINGLE_CLASS_DAYS,
};
use crate::domain::lang::Lang;
use crate::domain::medication::MedClass;
use crate::i18n::{Arg, I18n};

/// The plot's height.
const PLOT_H: f32 = 440.0;
/// The narrowest bar of a class beside the others; narrower, the classes are stacked.
const MIN_GROUPED_BAR: f32 = 7.0;
/// The widest bar.
const MAX_BAR: f32 = 90.0;
/// The most flagged months listed under the chart (the latest ones).
const MAX_LISTED: usize = 6;

/// Each class's colour (Okabe–Ito, told apart with every kind of colour blindness).
fn color(class: MedClass) -> &'static str {
    match class {
        MedClass::SimpleAnalgesic => "#56b4e9",
        MedClass::Nsaid => "#0072b2",
        MedClass::Triptan => "#d55e00",
        MedClass::Ergotamine => "#cc79a7",
        MedClass::Gepant => "#009e73",
        MedClass::Ditan => "#e69f00",
        MedClass::Opioid => "#222222",
        MedClass::Combination => "#f0e442",
        MedClass::Other | MedClass::Preventive => "#999999",
    }
}

/// Gepants and ditans: drawn, but ICHD-3 names no overuse threshold for them; hatched.
fn without_threshold(class: MedClass) -> bool {
    matches!(class, MedClass::Gepant | MedClass::Ditan)
}

/// A class's legend key: its colour, hatched white for gepants and ditans.
fn key(class: MedClass) -> Key {
    if without_threshold(class) {
        Key::Hatch(Hatch {
            base: color(class),
            stripes: "#ffffff",
        })
    } else {
        Key::Fill(color(class))
    }
}

fn class_name(i18n: &I18n, lang: Lang, class: MedClass) -> String {
    i18n.t(lang, &format!("medclass-{}", class.key()))
}

/// A rule as one phrase: `Triptan on 12 days (10 or more)`.
fn rule_text(i18n: &I18n, lang: Lang, rule: &OveruseRule) -> String {
    match *rule {
        OveruseRule::SingleClass { class, days } => i18n.tr(
            lang,
            "pictures-meds-rule-single",
            &[
                ("class", class_name(i18n, lang, class).into()),
                ("days", Arg::Num(days.into())),
                ("threshold", Arg::Num(SINGLE_CLASS_DAYS.into())),
            ],
        ),
        OveruseRule::SimpleAnalgesics { days } => i18n.tr(
            lang,
            "pictures-meds-rule-simple",
            &[
                ("days", Arg::Num(days.into())),
                ("threshold", Arg::Num(SIMPLE_ANALGESIC_DAYS.into())),
            ],
        ),
        OveruseRule::MultipleClasses { days, classes } => i18n.tr(
            lang,
            "pictures-meds-rule-multiple",
            &[
                ("classes", Arg::Num(classes.into())),
                ("days", Arg::Num(days.into())),
                ("threshold", Arg::Num(COMBINED_DAYS.into())),
            ],
        ),
    }
}

/// Acute-medication days per month from the figures of each calendar month (as
/// [`crate::domain::figures::months`] gives them, in order). Every month is on the axis,
/// those without acute medication too.
pub fn medication(months: &[Figures], i18n: &I18n, lang: Lang) -> Result<Picture, PictureError> {
    let buckets: Vec<Period> = months.iter().map(|f| f.period).collect();
    let overuse: Vec<Option<&MonthOveruse>> = months.iter().map(|f| f.overuse.first()).collect();
    let used: Vec<MedClass> = ACUTE
        .iter()
        .copied()
        .filter(|c| months.iter().any(|f| f.acute_days.get(*c) > 0))
        .collect();

    let mut svg = Svg::new(WIDTH);
    let mut subtitles = Vec::new();
    if let (Some(first), Some(last)) = (buckets.first(), buckets.last()) {
        subtitles.push(labels::range(i18n, lang, first.first, last.last));
    }
    subtitles.push(i18n.t(lang, "pictures-meds-subtitle"));
    let y = legend::heading(&mut svg, &i18n.t(lang, "pictures-meds-title"), &subtitles);

    // The thresholds' labels stand right of the plot, clear of the bars.
    let threshold_font = Font::bold(24.0, INK);
    let threshold_labels: Vec<(u32, String)> = [SINGLE_CLASS_DAYS, SIMPLE_ANALGESIC_DAYS]
        .into_iter()
        .map(|days| {
            let text = i18n.tr(
                lang,
                "pictures-meds-threshold",
                &[("days", Arg::Num(days.into()))],
            );
            (days, text)
        })
        .collect();
    let gutter = threshold_labels
        .iter()
        .map(|(_, t)| super::svg::text_width(t, threshold_font))
        .fold(0.0, f32::max)
        + 12.0;
    let top = y + 44.0;
    let left = MARGIN + 44.0;
    let right = svg.width() - MARGIN - gutter;
    let bottom = top + PLOT_H;
    let slots = Slots {
        left,
        width: (right - left) / buckets.len().max(1) as f32,
    };
    let grouped = !used.is_empty() && slots.width * 0.8 / used.len() as f32 >= MIN_GROUPED_BAR;
    let highest = months
        .iter()
        .map(|f| {
            let days = used.iter().map(|c| f.acute_days.get(*c));
            if grouped {
                days.max().unwrap_or(0)
            } else {
                days.sum()
            }
        })
        .max()
        .unwrap_or(0);
    let tick = if highest > 40 { 10 } else { 5 };
    let y_max = (highest + 1).max(SIMPLE_ANALGESIC_DAYS + 5).div_ceil(tick) * tick;
    let y_of = |v: f32| bottom - v / y_max as f32 * PLOT_H;
    let label = Font::regular(26.0, MUTED);

    // Flagged months: a red column and a red strip above the plot.
    for (i, o) in overuse.iter().enumerate() {
        if o.is_some_and(|o| o.applies()) {
            let (x, w) = (slots.start(i), slots.width);
            svg.rect(x, top, w, PLOT_H, OVERUSE_BG);
            svg.rect_with(
                x + w * 0.05,
                top - 22.0,
                w * 0.9,
                14.0,
                3.0,
                &format!(r#"fill="{OVERUSE}""#),
            );
        }
    }
    for v in (0..=y_max).step_by(tick as usize) {
        let gy = y_of(v as f32);
        svg.line((left, gy), (right, gy), GRID, 1.5);
        svg.text(left - 12.0, gy + 9.0, label, Anchor::End, &v.to_string());
    }

    let value_font = Font::bold(24.0, INK);
    // The white stripes of gepant and ditan bars, drawn over all bars at once.
    let mut white = PathData::default();
    for (i, f) in months.iter().enumerate() {
        // The bars of a month, centred in its slot, none wider than MAX_BAR.
        let classes = if grouped { used.len() } else { 1 } as f32;
        let w = (slots.width * 0.8 / classes).min(MAX_BAR);
        let room = w * classes;
        let x0 = slots.centre(i) - room / 2.0;
        if grouped {
            for (k, class) in used.iter().enumerate() {
                let days = f.acute_days.get(*class);
                if days == 0 {
                    continue;
                }
                let h = bottom - y_of(days as f32);
                let x = x0 + k as f32 * w;
                bar(&mut svg, &mut white, (x, bottom - h, w, h), *class);
                if w >= 30.0 {
                    svg.text(
                        x + w / 2.0,
                        bottom - h - 8.0,
                        value_font,
                        Anchor::Middle,
                        &days.to_string(),
                    );
                }
            }
        } else {
            let mut at = 0;
            for class in &used {
                let days = f.acute_days.get(*class);
                if days == 0 {
                    continue;
                }
                let (y1, y2) = (y_of((at + days) as f32), y_of(at as f32));
                bar(&mut svg, &mut white, (x0, y1, room, y2 - y1), *class);
                at += days;
            }
        }
    }

    svg.path(&white, r##"fill="#ffffff""##);

    // The thresholds, dashed, their labels at the right end.
    for (days, text) in &threshold_labels {
        let ty = y_of(*days as f32);
        svg.line_with(
            (left, ty),
            (right, ty),
            INK,
            3.0,
            r#"stroke-dasharray="12 7""#,
        );
        svg.text(right + 10.0, ty + 8.0, threshold_font, Anchor::Start, text);
    }
    svg.line((left, bottom), (right, bottom), INK, 2.0);
    svg.line((left, top), (left, bottom), INK, 2.0);

    if used.is_empty() {
        let text = i18n.t(lang, "pictures-meds-none");
        let lines = super::svg::wrap(&text, BODY, right - left - 80.0);
        // Between the bottom and the lower threshold, clear of the dashed lines.
        let y0 = y_of(SINGLE_CLASS_DAYS as f32 / 2.0) + BODY.size * 0.36;
        svg.lines(
            (left + right) / 2.0,
            y0,
            BODY.in_color(MUTED),
            Anchor::Middle,
            &lines,
        );
    }

    let y = axis::labels(
        &mut svg,
        i18n,
        lang,
        &buckets,
        Step::Month,
        slots,
        bottom + 40.0,
    );

    let mut entries: Vec<(Key, String)> = used
        .iter()
        .map(|c| (key(*c), class_name(i18n, lang, *c)))
        .collect();
    entries.push((Key::Dashed, i18n.t(lang, "pictures-legend-thresholds")));
    let flagged: Vec<&MonthOveruse> = overuse
        .iter()
        .flatten()
        .filter(|o| o.applies())
        .copied()
        .collect();
    if !flagged.is_empty() {
        entries.push((Key::Flag, i18n.t(lang, "pictures-legend-overuse")));
    }
    let mut y = legend::legend(&mut svg, y + 24.0, &entries);

    let mut notes = vec![i18n.t(lang, "pictures-meds-thresholds")];
    if !grouped && used.len() > 1 {
        notes.push(i18n.t(lang, "pictures-meds-stacked"));
    }
    if used.iter().any(|c| without_threshold(*c)) {
        notes.push(i18n.t(lang, "pictures-meds-no-threshold"));
    }
    if used.contains(&MedClass::Other) {
        notes.push(i18n.t(lang, "pictures-meds-other"));
    }
    if overuse.iter().flatten().any(|o| !o.whole) {
        notes.push(i18n.t(lang, "pictures-meds-partial"));
    }
    y = legend::notes(&mut svg, y + 4.0, BODY.in_color(MUTED), &notes);
    if !flagged.is_empty() {
        let title = i18n.t(lang, "pictures-meds-flag-title");
        y = legend::notes(&mut svg, y + 10.0, Font::bold(BODY.size, INK), &[title]);
        // The latest months first: what a doctor reads first.
        let mut lines = Vec::new();
        for o in flagged.iter().rev().take(MAX_LISTED) {
            let (year, month) = o.year_month();
            let rules: Vec<String> = o.rules.iter().map(|r| rule_text(i18n, lang, r)).collect();
            lines.push(i18n.tr(
                lang,
                "pictures-meds-flag-line",
                &[
                    ("month", labels::month_title(i18n, lang, year, month).into()),
                    ("rules", rules.join("; ").into()),
                ],
            ));
        }
        if flagged.len() > MAX_LISTED {
            lines.push(i18n.tr(
                lang,
                "pictures-meds-flag-more",
                &[("count", Arg::Num((flagged.len() - MAX_LISTED) as i64))],
            ));
        }
        y = legend::notes(&mut svg, y, BODY, &lines);
        let doctor = i18n.t(lang, "pictures-meds-flagged");
        y = legend::notes(&mut svg, y + 4.0, BODY.in_color(MUTED), &[doctor]);
    }
    svg.render((y + 24.0).ceil() as u32)
}

/// One class's bar, outlined so that light colours stand out from white; the stripes of
/// a class without an overuse threshold go to `stripes`.
fn bar(svg: &mut Svg, stripes: &mut PathData, (x, y, w, h): (f32, f32, f32, f32), class: MedClass) {
    let stroke = if w >= 5.0 {
        r##" stroke="#333333" stroke-width="1""##
    } else {
        ""
    };
    svg.rect_with(
        x,
        y,
        w,
        h,
        0.0,
        &format!(r#"fill="{}"{stroke}"#, color(class)),
    );
    if without_threshold(class) && w > 2.0 && h > 2.0 {
        stripes.stripes(x + 1.0, y + 1.0, w - 2.0, h - 2.0);
    }
}
