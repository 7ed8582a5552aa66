//! What the doctor report says, in order, as a [`Doc`]: page one answers "how many headache
//! and migraine-like days, how much acute medication, how bad" (the key figures, then the
//! months); the pictures; acute medication by class against ICHD-3's overuse thresholds;
//! the questionnaires beside the diary's own counts; the patterns (menstrual, reliability,
//! before and after a preventive); every attack with its details and doses; and the
//! definitions. Every number is one of [`crate::domain::figures`]'; nothing is counted here.

use super::Bundle;
use super::doc::{Block, Column, Doc, Figure, Table};
use crate::bot::report::text::{
    date_label, decimal, menstrual_line, month_label, overuse_lines, period_label, preventive_line,
    reliability_line,
};
use crate::domain::attack::{Attack, Aura, Location, Trigger};
use crate::domain::figures::{ACUTE, Figures, Period, is_simple_analgesic};
use crate::domain::lang::Lang;
use crate::domain::medication::{Intake, MedClass};
use crate::domain::questionnaires::{Answers, Taken};
use crate::i18n::{Arg, I18n};
use crate::pictures;
use crate::service::meds::dose_label;
use chrono::Datelike;

fn num(n: u32) -> Arg {
    Arg::Num(i64::from(n))
}

/// A chat sentence without its leading emoji (the PDF's font has none).
fn plain(text: &str) -> String {
    text.trim_start_matches(|c: char| {
        !(c.is_ascii_alphanumeric() || ('\u{0400}'..='\u{04FF}').contains(&c))
    })
    .to_owned()
}

struct Words<'a> {
    i18n: &'a I18n,
    lang: Lang,
}

impl Words<'_> {
    fn t(&self, key: &str) -> String {
        self.i18n.t(self.lang, key)
    }

    fn tr(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.i18n.tr(self.lang, key, args)
    }

    fn days(&self, n: u32) -> String {
        self.tr("doctor-days", &[("count", num(n))])
    }

    fn date(&self, d: chrono::NaiveDate) -> String {
        date_label(self.i18n, self.lang, d)
    }

    fn class(&self, c: MedClass) -> String {
        self.t(&format!("medclass-{}", c.key()))
    }

    fn labels<T: Copy>(&self, prefix: &str, items: &[T], key: fn(T) -> &'static str) -> String {
        items
            .iter()
            .map(|i| self.t(&format!("{prefix}{}", key(*i))))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The doctor report of `bundle` in `lang`.
pub fn document(i18n: &I18n, lang: Lang, bundle: &Bundle) -> Doc {
    let w = Words { i18n, lang };
    let r = &bundle.report;
    let f = &r.figures;
    let p = f.period;
    let range = period_label(i18n, lang, p.first, p.last);
    let made = bundle.made_at.with_timezone(&bundle.zone);
    let mut blocks = vec![
        Block::Title(w.t("doctor-title")),
        Block::Subtitle(w.t("doctor-patient")),
        Block::Subtitle(w.tr(
            "doctor-period",
            &[
                ("range", range.clone().into()),
                ("days", num(p.len())),
                ("made", w.date(made.date_naive()).into()),
                ("zone", bundle.zone.name().into()),
            ],
        )),
        Block::Note(w.t("doctor-about")),
    ];
    if f.is_empty() {
        blocks.push(Block::Para(w.t("doctor-nothing")));
    } else {
        blocks.push(Block::Heading(w.t("doctor-glance")));
        blocks.push(Block::Facts(glance(&w, bundle)));
        if r.months.len() > 1 {
            blocks.push(Block::Heading(w.t("doctor-months")));
            blocks.push(Block::Table(months(&w, &r.months)));
        }
        blocks.extend(figures(&w, bundle));
        blocks.extend(medication(&w, bundle));
    }
    blocks.extend(questionnaires(&w, bundle));
    blocks.extend(patterns(&w, bundle));
    if !f.is_empty() {
        blocks.extend(attacks(&w, bundle));
    }
    blocks.push(Block::Heading(w.t("doctor-definitions")));
    for key in [
        "doctor-def-headache",
        "doctor-def-migraine",
        "doctor-def-acute",
        "doctor-def-overuse",
        "doctor-def-recorded",
    ] {
        blocks.push(Block::Note(w.t(key)));
    }
    Doc {
        lang: match lang {
            Lang::En => "en",
            Lang::Ru => "ru",
        },
        title: format!("{} ({range})", w.t("doctor-title")),
        footer: w.tr("doctor-footer", &[("range", range.into())]),
        page_of: w.t("doctor-page-of"),
        blocks,
    }
}

fn latest(all: &[Taken], midas: bool) -> Option<&Taken> {
    all.iter()
        .rev()
        .find(|t| matches!(t.answers, Answers::Midas(_)) == midas)
}

fn score_line(w: &Words<'_>, t: &Taken) -> String {
    let key = match t.answers {
        Answers::Midas(_) => "doctor-midas-score",
        Answers::Hit6(_) => "doctor-hit6-score",
    };
    w.tr(
        key,
        &[
            ("score", Arg::Num(i64::from(t.answers.score()))),
            ("level", level(w, &t.answers).into()),
            ("date", w.date(t.day()).into()),
        ],
    )
}

/// The grade (MIDAS) or band (HIT-6) of `answers`, with its meaning.
fn level(w: &Words<'_>, answers: &Answers) -> String {
    match answers {
        Answers::Midas(m) => w.t(&format!("doctor-midas-grade-{}", m.grade().key())),
        Answers::Hit6(h) => w.t(&format!("doctor-hit6-band-{}", h.band().key())),
    }
}

/// Page one's key figures.
fn glance(w: &Words<'_>, b: &Bundle) -> Vec<(String, String)> {
    let r = &b.report;
    let f = &r.figures;
    let mut facts = vec![
        (
            w.t("doctor-headache-days"),
            w.tr(
                "doctor-of-days",
                &[
                    ("count", num(f.headache_days)),
                    ("total", num(f.period.len())),
                ],
            ),
        ),
        (w.t("doctor-migraine-days"), w.days(f.migraine_like_days)),
        (w.t("doctor-free-days"), w.days(f.headache_free_days)),
        (w.t("doctor-no-record-days"), w.days(f.no_record_days)),
        (w.t("doctor-attacks"), f.attacks.to_string()),
        (
            w.t("doctor-intensity"),
            match &f.intensity {
                Some(i) => w.tr(
                    "doctor-intensity-value",
                    &[
                        ("average", decimal(w.lang, i.average()).into()),
                        ("peak", Arg::Num(i64::from(i.peak))),
                        ("rated", num(i.rated)),
                    ],
                ),
                None => w.t("doctor-not-rated"),
            },
        ),
        (
            w.t("doctor-disability"),
            w.tr(
                "doctor-disability-value",
                &[("lost", num(f.lost_days)), ("reduced", num(f.reduced_days))],
            ),
        ),
        (w.t("doctor-acute-days"), w.days(f.any_acute_days)),
    ];
    for (class, days) in f.acute_days.used() {
        facts.push((
            w.tr("doctor-class-days", &[("class", w.class(class).into())]),
            w.days(days),
        ));
    }
    if f.acute_days.used().any(|(c, _)| is_simple_analgesic(c)) {
        facts.push((w.t("doctor-simple-days"), w.days(f.simple_analgesic_days)));
    }
    let months: Vec<String> = f
        .overuse
        .iter()
        .filter(|m| m.applies())
        .map(|m| month_label(w.i18n, w.lang, m.days.first))
        .collect();
    facts.push((
        w.t("doctor-overuse"),
        if months.is_empty() {
            w.t("doctor-overuse-none")
        } else {
            w.tr(
                "doctor-overuse-months",
                &[("months", months.join(", ").into())],
            )
        },
    ));
    for (midas, key) in [(true, "doctor-midas"), (false, "doctor-hit6")] {
        if let Some(t) = latest(&r.questionnaires, midas) {
            facts.push((w.t(key), score_line(w, t)));
        }
    }
    if let Some(share) = r.reliability.share() {
        facts.push((
            w.t("doctor-timely"),
            w.tr(
                "doctor-timely-value",
                &[
                    ("percent", Arg::Num((share * 100.0).round() as i64)),
                    ("late", num(r.reliability.late_records)),
                ],
            ),
        ));
    }
    facts
}

/// The acute classes used in the period, in ICHD-3 order.
fn used_classes(f: &Figures) -> Vec<MedClass> {
    ACUTE
        .iter()
        .copied()
        .filter(|c| f.acute_days.get(*c) > 0)
        .collect()
}

fn months(w: &Words<'_>, months: &[Figures]) -> Table {
    let columns = vec![
        Column::text(w.t("doctor-col-month"), 1.3),
        Column::number(w.t("doctor-col-recorded"), 1.0),
        Column::number(w.t("doctor-col-headache"), 1.0),
        Column::number(w.t("doctor-col-migraine"), 1.0),
        Column::number(w.t("doctor-col-free"), 1.0),
        Column::number(w.t("doctor-col-acute"), 1.0),
        Column::number(w.t("doctor-col-intensity"), 1.0),
        Column::number(w.t("doctor-col-lost"), 1.0),
        Column::text(w.t("doctor-col-overuse"), 1.0),
    ];
    let rows = months
        .iter()
        .map(|m| {
            let mut month = month_label(w.i18n, w.lang, m.period.first);
            let whole = Period::month(m.period.first.year(), m.period.first.month());
            if whole.is_some_and(|w| m.period.len() < w.len()) {
                month = w.tr(
                    "doctor-month-part",
                    &[("month", month.into()), ("days", num(m.period.len()))],
                );
            }
            vec![
                month,
                m.recorded_days.to_string(),
                m.headache_days.to_string(),
                m.migraine_like_days.to_string(),
                m.headache_free_days.to_string(),
                m.any_acute_days.to_string(),
                m.intensity
                    .as_ref()
                    .map(|i| decimal(w.lang, i.average()))
                    .unwrap_or_else(|| "–".into()),
                m.lost_days.to_string(),
                if m.overuse.iter().any(|o| o.applies()) {
                    w.t("doctor-yes")
                } else {
                    "–".into()
                },
            ]
        })
        .collect();
    Table { columns, rows }
}

fn figure(w: &Words<'_>, name: &'static str, picture: pictures::Picture) -> Block {
    Block::Figure(Figure {
        name,
        width: picture.width,
        height: picture.height,
        png: picture.png,
        caption: w.t(&format!("doctor-picture-{name}")),
    })
}

/// The calendar and intensity pictures.
fn figures(w: &Words<'_>, b: &Bundle) -> Vec<Block> {
    let r = &b.report;
    let f = &r.figures;
    let mut blocks = vec![Block::Heading(w.t("doctor-pictures"))];
    let drawn = [
        (
            "calendar",
            pictures::calendar(&f.days, f.period, r.today, w.i18n, w.lang),
        ),
        (
            "intensity",
            pictures::intensity(&f.days, f.period, r.today, w.i18n, w.lang),
        ),
    ];
    for (name, picture) in drawn {
        match picture {
            Ok(p) => blocks.push(figure(w, name, p)),
            Err(e) => tracing::error!(picture = name, error = %e, "a doctor-report picture failed"),
        }
    }
    blocks
}

/// Acute medication by class per month against the thresholds.
fn medication(w: &Words<'_>, b: &Bundle) -> Vec<Block> {
    let r = &b.report;
    let f = &r.figures;
    let mut blocks = vec![Block::Heading(w.t("doctor-medication"))];
    if f.any_acute_days == 0 {
        blocks.push(Block::Para(w.t("doctor-medication-none")));
        return blocks;
    }
    let classes = used_classes(f);
    let simple = classes.iter().any(|c| is_simple_analgesic(*c));
    let mut columns = vec![Column::text(w.t("doctor-col-month"), 1.5)];
    for c in &classes {
        let title = match threshold(*c) {
            Some(t) => w.tr(
                "doctor-col-class-threshold",
                &[("class", w.class(*c).into()), ("threshold", num(t))],
            ),
            None => w.class(*c),
        };
        columns.push(Column::number(title, 1.0));
    }
    if simple {
        columns.push(Column::number(w.t("doctor-col-simple"), 1.1));
    }
    columns.push(Column::number(w.t("doctor-col-any"), 1.0));
    let rows = f
        .overuse
        .iter()
        .map(|m| {
            let mut row = vec![month_label(w.i18n, w.lang, m.days.first)];
            row.extend(classes.iter().map(|c| m.acute_days.get(*c).to_string()));
            if simple {
                row.push(m.simple_analgesic_days.to_string());
            }
            row.push(m.counted_days.to_string());
            row
        })
        .collect();
    blocks.push(Block::Table(Table { columns, rows }));
    let lines: Vec<String> = overuse_lines(w.i18n, w.lang, r)
        .iter()
        .map(|l| plain(l))
        .collect();
    if lines.is_empty() {
        blocks.push(Block::Para(w.t("doctor-overuse-none-long")));
    }
    blocks.extend(lines.into_iter().map(Block::Para));
    match pictures::medication(&r.months, w.i18n, w.lang) {
        Ok(p) => blocks.push(figure(w, "medication", p)),
        Err(e) => tracing::error!(error = %e, "the doctor-report medication picture failed"),
    }
    blocks
}

/// ICHD-3's days-per-month threshold of a class alone (8.2): 10 for triptans, ergotamine,
/// opioids and combination analgesics, 15 for simple analgesics and NSAIDs; none for
/// gepants, ditans and other.
fn threshold(c: MedClass) -> Option<u32> {
    match c {
        MedClass::Triptan | MedClass::Ergotamine | MedClass::Opioid | MedClass::Combination => {
            Some(10)
        }
        MedClass::SimpleAnalgesic | MedClass::Nsaid => Some(15),
        _ => None,
    }
}

fn questionnaires(w: &Words<'_>, b: &Bundle) -> Vec<Block> {
    let r = &b.report;
    let mut blocks = vec![Block::Heading(w.t("doctor-questionnaires"))];
    if r.questionnaires.is_empty() {
        blocks.push(Block::Para(w.t("doctor-questionnaires-none")));
        return blocks;
    }
    let columns = vec![
        Column::text(w.t("doctor-col-date"), 1.2),
        Column::text(w.t("doctor-col-questionnaire"), 1.3),
        Column::number(w.t("doctor-col-score"), 0.8),
        Column::text(w.t("doctor-col-level"), 1.6),
        Column::text(w.t("doctor-col-answers"), 1.6),
        Column::text(w.t("doctor-col-diary"), 2.4),
    ];
    let rows = r
        .questionnaires
        .iter()
        .rev()
        .map(|t| {
            let (name, answers) = match t.answers {
                Answers::Midas(m) => ("MIDAS", m.days().map(|d| d.to_string()).join(" · ")),
                Answers::Hit6(h) => (
                    "HIT-6",
                    h.answers.map(|a| a.points().to_string()).join(" · "),
                ),
            };
            let diary = b
                .recall
                .get(&t.id)
                .map(|f| {
                    w.tr(
                        "doctor-diary-recall",
                        &[
                            ("headache", num(f.headache_days)),
                            ("lost", num(f.lost_days)),
                            ("reduced", num(f.reduced_days)),
                            ("recorded", num(f.recorded_days)),
                            ("days", num(f.period.len())),
                        ],
                    )
                })
                .unwrap_or_default();
            vec![
                w.date(t.day()),
                name.to_owned(),
                t.answers.score().to_string(),
                level(w, &t.answers),
                answers,
                diary,
            ]
        })
        .collect();
    blocks.push(Block::Table(Table { columns, rows }));
    blocks.push(Block::Note(w.t("doctor-questionnaires-note")));
    blocks
}

fn patterns(w: &Words<'_>, b: &Bundle) -> Vec<Block> {
    let r = &b.report;
    let lines: Vec<String> = r
        .menstrual
        .as_ref()
        .map(|m| menstrual_line(w.i18n, w.lang, m))
        .into_iter()
        .chain(reliability_line(w.i18n, w.lang, &r.reliability))
        .chain(
            r.preventives
                .iter()
                .map(|p| preventive_line(w.i18n, w.lang, p)),
        )
        .map(|l| plain(&l))
        .collect();
    if lines.is_empty() {
        return Vec::new();
    }
    let mut blocks = vec![Block::Heading(w.t("doctor-patterns"))];
    blocks.extend(lines.into_iter().map(Block::Para));
    blocks
}

fn yes_no(w: &Words<'_>, label: &str, v: Option<bool>) -> Option<String> {
    v.map(|b| {
        format!(
            "{}: {}",
            w.t(label),
            w.t(if b { "details-yes" } else { "details-no" })
        )
    })
}

/// An attack's recorded features, one short clause each.
fn features(w: &Words<'_>, a: &Attack) -> String {
    let field =
        |name: &str, value: String| format!("{}: {value}", w.t(&format!("details-field-{name}")));
    let mut parts = Vec::new();
    if !a.locations.is_empty() {
        parts.push(field(
            "location",
            w.labels("loc-", &a.locations, Location::key),
        ));
    }
    if let Some(s) = a.side {
        parts.push(field("side", w.t(&format!("side-{}", s.key()))));
    }
    if let Some(c) = a.character {
        parts.push(field("character", w.t(&format!("char-{}", c.key()))));
    }
    parts.extend(yes_no(w, "details-field-activity", a.worse_with_activity));
    if let Some(n) = a.nausea {
        parts.push(field("nausea", w.t(&format!("nausea-{}", n.key()))));
    }
    parts.extend(yes_no(w, "details-field-vomiting", a.vomiting));
    parts.extend(yes_no(w, "details-field-light", a.light_sensitivity));
    parts.extend(yes_no(w, "details-field-sound", a.sound_sensitivity));
    if !a.aura.is_empty() {
        let mut aura = w.labels("aura-", &a.aura, Aura::key);
        if let Some(m) = a.aura_min {
            aura = format!("{aura} ({})", w.tr("details-minutes", &[("count", num(m))]));
        }
        parts.push(field("aura", aura));
    }
    parts.join("; ")
}

fn notes(w: &Words<'_>, a: &Attack) -> String {
    let mut parts = Vec::new();
    let mut triggers = w.labels("trigger-", &a.triggers, Trigger::key);
    if let Some(n) = a.trigger_note.as_deref().filter(|n| !n.is_empty()) {
        triggers = if triggers.is_empty() {
            n.to_owned()
        } else {
            format!("{triggers}, {n}")
        };
    }
    if !triggers.is_empty() {
        parts.push(format!("{}: {triggers}", w.t("details-field-triggers")));
    }
    if let Some(d) = a.disability {
        parts.push(w.t(&format!("disability-{}", d.key())));
    }
    if let Some(c) = a.comment.as_deref().filter(|c| !c.is_empty()) {
        parts.push(format!("“{c}”"));
    }
    parts.join("\n")
}

fn dose(w: &Words<'_>, i: &Intake, with_date: bool) -> String {
    let local = i.taken_at.with_timezone(&i.zone);
    let time = if with_date {
        format!("{}, {}", w.date(local.date_naive()), local.format("%H:%M"))
    } else {
        local.format("%H:%M").to_string()
    };
    let effect = match i.effect {
        Some(e) => w.t(&format!("record-effect-{}", e.key())),
        None => w.t("record-effect-unasked"),
    };
    format!(
        "{} {time} ({effect})",
        dose_label(&i.name, i.dose.as_deref())
    )
}

/// Every attack that started in the period with its details and doses, then the doses
/// taken without an attack.
fn attacks(w: &Words<'_>, b: &Bundle) -> Vec<Block> {
    let r = &b.report;
    let period = r.figures.period;
    let mut blocks = vec![Block::Heading(w.t("doctor-attacks-list"))];
    let attacks: Vec<&Attack> = r
        .diary
        .attacks
        .iter()
        .filter(|a| period.contains(a.started_at.with_timezone(&a.zone).date_naive()))
        .collect();
    if attacks.is_empty() {
        blocks.push(Block::Para(w.t("doctor-attacks-none")));
    } else {
        let columns = vec![
            Column::text(w.t("doctor-col-started"), 1.35),
            Column::text(w.t("doctor-col-duration"), 0.8),
            Column::number(w.t("doctor-col-intensity-short"), 0.55),
            Column::text(w.t("doctor-col-features"), 2.6),
            Column::text(w.t("doctor-col-doses"), 1.9),
            Column::text(w.t("doctor-col-notes"), 1.9),
        ];
        let rows = attacks
            .iter()
            .map(|a| {
                let local = a.started_at.with_timezone(&a.zone);
                let doses: Vec<String> = r
                    .diary
                    .intakes
                    .iter()
                    .filter(|i| i.attack_id == Some(a.id))
                    .map(|i| dose(w, i, false))
                    .collect();
                let duration = match a.ended_at {
                    Some(end) => {
                        crate::bot::ui::format::duration(w.i18n, w.lang, end - a.started_at)
                    }
                    None if a.end_unknown => w.t("doctor-end-unknown"),
                    None => w.t("doctor-open"),
                };
                vec![
                    format!("{}, {}", w.date(local.date_naive()), local.format("%H:%M")),
                    duration,
                    a.intensity
                        .map(|i| i.to_string())
                        .unwrap_or_else(|| "–".into()),
                    features(w, a),
                    doses.join("\n"),
                    notes(w, a),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table { columns, rows }));
    }
    let loose: Vec<String> = r
        .diary
        .intakes
        .iter()
        .filter(|i| i.attack_id.is_none())
        .filter(|i| period.contains(i.taken_at.with_timezone(&i.zone).date_naive()))
        .filter(|i| i.class != MedClass::Preventive)
        .map(|i| dose(w, i, true))
        .collect();
    if !loose.is_empty() {
        blocks.push(Block::Heading(w.t("doctor-loose-doses")));
        blocks.push(Block::Table(Table {
            columns: vec![Column::text(w.t("doctor-col-doses"), 1.0)],
            rows: loose.into_iter().map(|d| vec![d]).collect(),
        }));
    }
    blocks
}
