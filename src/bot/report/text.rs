//! The report's text: the period's figures as a short message, the months one line each,
//! and medication-overuse information as a fact to discuss with a doctor, only when it
//! applies. Only what happened is named; every number comes from [`Report`].

use crate::domain::figures::{
    Figures, MENSTRUAL_CYCLES, MenstrualPattern, MenstrualVerdict, OveruseRule, PreventiveEffect,
    Reliability,
};
use crate::domain::lang::Lang;
use crate::domain::medication::MedClass;
use crate::i18n::{Arg, I18n};
use crate::service::report::Report;
use chrono::{Datelike, NaiveDate};

/// Months listed one line each, the latest ones (a whole history stays readable).
pub const MONTH_LINES: usize = 12;
/// Triggers named, the most frequent first.
const TRIGGERS: usize = 3;

fn num(n: u32) -> Arg {
    Arg::Num(i64::from(n))
}

/// One decimal, with the language's separator (`5.5`, `5,5`).
pub fn decimal(lang: Lang, v: f64) -> String {
    let s = format!("{v:.1}");
    match lang {
        Lang::En => s,
        Lang::Ru => s.replace('.', ","),
    }
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

    fn count(&self, key: &str, n: u32) -> String {
        self.tr(key, &[("count", num(n))])
    }

    fn month(&self, month: u32) -> String {
        self.t(&format!("month-{month}"))
    }

    fn class(&self, class: MedClass) -> String {
        self.t(&format!("medclass-{}", class.key()))
    }

    /// `Sep 2026`.
    fn month_year(&self, d: NaiveDate) -> String {
        self.tr(
            "report-month",
            &[
                ("month", self.month(d.month()).into()),
                ("year", d.year().to_string().into()),
            ],
        )
    }

    /// `9 Mar 2026`.
    fn date(&self, d: NaiveDate) -> String {
        self.tr(
            "report-date",
            &[
                ("day", d.day().to_string().into()),
                ("month", self.month(d.month()).into()),
                ("year", d.year().to_string().into()),
            ],
        )
    }
}

/// `1–31 Mar 2026`, `2 Sep – 1 Dec 2026`, `15 Jun 2025 – 1 Dec 2026`, `1 Dec 2026`.
pub fn period_label(i18n: &I18n, lang: Lang, first: NaiveDate, last: NaiveDate) -> String {
    let w = Words { i18n, lang };
    if first == last {
        return w.date(first);
    }
    let day = |d: NaiveDate| Arg::Str(d.day().to_string());
    let year = Arg::Str(last.year().to_string());
    if (first.year(), first.month()) == (last.year(), last.month()) {
        return w.tr(
            "report-range-month",
            &[
                ("from", day(first)),
                ("to", day(last)),
                ("month", w.month(last.month()).into()),
                ("year", year),
            ],
        );
    }
    if first.year() == last.year() {
        let short = |d: NaiveDate| {
            Arg::Str(w.tr(
                "report-date-short",
                &[("day", day(d)), ("month", w.month(d.month()).into())],
            ))
        };
        return w.tr(
            "report-range-year",
            &[("from", short(first)), ("to", short(last)), ("year", year)],
        );
    }
    w.tr(
        "report-range",
        &[("from", w.date(first).into()), ("to", w.date(last).into())],
    )
}

/// The report as one message (well under Telegram's 4096 characters).
pub fn report_text(i18n: &I18n, lang: Lang, report: &Report) -> String {
    let w = Words { i18n, lang };
    let f = &report.figures;
    let p = f.period;
    let mut text = w.tr(
        "report-title",
        &[
            ("range", period_label(i18n, lang, p.first, p.last).into()),
            ("days", num(p.len())),
        ],
    );
    text.push_str("\n\n");
    if report.figures.is_empty() {
        text.push_str(&w.t("report-nothing"));
        return text;
    }
    let mut lines = totals(&w, f);
    if report.months.len() > 1 {
        lines.push(String::new());
        lines.push(w.t("report-by-month"));
        let skipped = report.months.len().saturating_sub(MONTH_LINES);
        if skipped > 0 {
            lines.push(w.count("report-months-earlier", u32::try_from(skipped).unwrap_or(0)));
        }
        for m in &report.months[skipped..] {
            lines.push(month_line(&w, m));
        }
    }
    let overuse = overuse(&w, report);
    if !overuse.is_empty() {
        lines.push(String::new());
        lines.extend(overuse);
    }
    let more: Vec<String> = [reliability(&w, &report.reliability)]
        .into_iter()
        .flatten()
        .chain(report.menstrual.as_ref().map(|m| menstrual(&w, m)))
        .chain(report.preventives.iter().map(|p| preventive(&w, p)))
        .collect();
    if !more.is_empty() {
        lines.push(String::new());
        lines.extend(more);
    }
    text.push_str(&lines.join("\n"));
    text
}

fn totals(w: &Words<'_>, f: &Figures) -> Vec<String> {
    let mut lines = vec![w.tr(
        "report-headache-days",
        &[
            ("count", num(f.headache_days)),
            ("total", num(f.period.len())),
        ],
    )];
    if f.migraine_like_days > 0 {
        lines.push(w.count("report-migraine-days", f.migraine_like_days));
    }
    if f.headache_free_days > 0 {
        lines.push(w.count("report-free-days", f.headache_free_days));
    }
    if f.no_record_days > 0 {
        lines.push(w.count("report-no-record-days", f.no_record_days));
    }
    if f.attacks > 0 {
        lines.push(w.count("report-attacks", f.attacks));
    }
    if let Some(i) = &f.intensity {
        lines.push(w.tr(
            "report-intensity",
            &[
                ("average", decimal(w.lang, i.average()).into()),
                ("peak", Arg::Num(i64::from(i.peak))),
            ],
        ));
    }
    if f.lost_days > 0 || f.reduced_days > 0 {
        lines.push(w.tr(
            "report-disability",
            &[("lost", num(f.lost_days)), ("reduced", num(f.reduced_days))],
        ));
    }
    if !f.triggers.is_empty() {
        let named: Vec<String> = f
            .triggers
            .iter()
            .take(TRIGGERS)
            .map(|t| {
                w.tr(
                    "report-trigger",
                    &[
                        (
                            "trigger",
                            w.t(&format!("trigger-{}", t.trigger.key())).into(),
                        ),
                        ("count", num(t.attacks)),
                    ],
                )
            })
            .collect();
        lines.push(w.tr("report-triggers", &[("list", named.join(", ").into())]));
    }
    let used: Vec<_> = f.acute_days.used().collect();
    if used.is_empty() {
        lines.push(w.t("report-meds-none"));
    } else {
        lines.push(w.t("report-meds"));
        for (class, days) in used {
            lines.push(w.tr(
                "report-meds-line",
                &[("class", w.class(class).into()), ("count", num(days))],
            ));
        }
    }
    lines
}

fn month_line(w: &Words<'_>, m: &Figures) -> String {
    let key = if m.period.first.day() == 1 && m.period.last.succ_opt().is_none_or(|d| d.day() == 1)
    {
        "report-month-line"
    } else {
        "report-month-line-part"
    };
    w.tr(
        key,
        &[
            ("month", w.month_year(m.period.first).into()),
            ("headache", num(m.headache_days)),
            ("migraine", num(m.migraine_like_days)),
            ("acute", num(m.any_acute_days)),
            ("days", num(m.period.len())),
        ],
    )
}

fn overuse(w: &Words<'_>, report: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    for m in report.figures.overuse.iter().filter(|m| m.applies()) {
        let rules: Vec<String> = m
            .rules
            .iter()
            .map(|r| match *r {
                OveruseRule::SingleClass { class, days } => w.tr(
                    "report-overuse-single",
                    &[("class", w.class(class).into()), ("count", num(days))],
                ),
                OveruseRule::SimpleAnalgesics { days } => w.count("report-overuse-simple", days),
                OveruseRule::MultipleClasses { days, classes } => w.tr(
                    "report-overuse-multiple",
                    &[("count", num(days)), ("classes", num(classes))],
                ),
            })
            .collect();
        lines.push(w.tr(
            "report-overuse",
            &[
                ("month", w.month_year(m.days.first).into()),
                ("rules", rules.join("; ").into()),
            ],
        ));
    }
    if !lines.is_empty() {
        lines.push(w.t("report-overuse-doctor"));
    }
    let f = &report.figures;
    if f.acute_days.get(MedClass::Gepant) + f.acute_days.get(MedClass::Ditan) > 0 {
        lines.push(w.t("report-overuse-gepant"));
    }
    lines
}

fn reliability(w: &Words<'_>, r: &Reliability) -> Option<String> {
    let share = r.share()?;
    let percent = (share * 100.0).round() as i64;
    Some(w.tr(
        "report-reliability",
        &[
            ("timely", num(r.timely_days)),
            ("recorded", num(r.recorded_days)),
            ("percent", Arg::Num(percent)),
            ("late", num(r.late_records)),
        ],
    ))
}

fn menstrual(w: &Words<'_>, m: &MenstrualPattern) -> String {
    let hit = m.cycles.iter().filter(|c| c.window_days > 0).count();
    let args = [
        ("hit", Arg::Num(i64::try_from(hit).unwrap_or(0))),
        ("cycles", num(MENSTRUAL_CYCLES)),
    ];
    match m.verdict {
        MenstrualVerdict::NeedMore { cycles } => w.count("report-menstrual-need", cycles),
        MenstrualVerdict::NotRelated => w.tr("report-menstrual-none", &args),
        MenstrualVerdict::Related => w.tr("report-menstrual-related", &args),
        MenstrualVerdict::Pure => w.tr("report-menstrual-pure", &args),
    }
}

fn preventive(w: &Words<'_>, p: &PreventiveEffect) -> String {
    let head = w.tr(
        "report-preventive",
        &[
            ("name", p.name.clone().into()),
            ("since", w.date(p.first_day).into()),
        ],
    );
    let Some(mean) = p.mean_before.filter(|m| *m > 0.0) else {
        let key = if p.mean_before.is_some() {
            "report-preventive-none-before"
        } else {
            "report-preventive-no-before"
        };
        return format!("{head} {}", w.t(key));
    };
    let mut parts = vec![w.tr(
        "report-preventive-before",
        &[("mean", decimal(w.lang, mean).into())],
    )];
    if p.after.is_empty() {
        parts.push(w.t("report-preventive-no-block"));
    }
    for (i, b) in p.after.iter().enumerate() {
        let key = match b.response {
            _ if !b.block.complete() => "report-preventive-block-incomplete",
            Some(true) => "report-preventive-block-response",
            _ => "report-preventive-block",
        };
        parts.push(w.tr(
            key,
            &[
                ("from", Arg::Num(i64::try_from(4 * i + 1).unwrap_or(0))),
                ("to", Arg::Num(i64::try_from(4 * i + 4).unwrap_or(0))),
                ("count", num(b.block.migraine_like_days)),
                ("recorded", num(b.block.recorded_days)),
            ],
        ));
    }
    format!("{head} {}", parts.join("; "))
}

/// A date as reports write it (`9 Mar 2026`).
pub fn date_label(i18n: &I18n, lang: Lang, d: NaiveDate) -> String {
    Words { i18n, lang }.date(d)
}

/// A month as reports write it (`Sep 2026`).
pub fn month_label(i18n: &I18n, lang: Lang, d: NaiveDate) -> String {
    Words { i18n, lang }.month_year(d)
}

/// The medication-overuse information of the report, one line per month it applies to,
/// then the note to discuss it (empty when it applies to none); and the gepant note.
pub fn overuse_lines(i18n: &I18n, lang: Lang, report: &Report) -> Vec<String> {
    overuse(&Words { i18n, lang }, report)
}

/// The reliability sentence, when any day was recorded.
pub fn reliability_line(i18n: &I18n, lang: Lang, r: &Reliability) -> Option<String> {
    reliability(&Words { i18n, lang }, r)
}

/// The menstrual-pattern sentence.
pub fn menstrual_line(i18n: &I18n, lang: Lang, m: &MenstrualPattern) -> String {
    menstrual(&Words { i18n, lang }, m)
}

/// The before-and-after sentence of one preventive.
pub fn preventive_line(i18n: &I18n, lang: Lang, p: &PreventiveEffect) -> String {
    preventive(&Words { i18n, lang }, p)
}
