//! The weekly summary (PRODUCT.md §3): last week's figures as a short message. Only what
//! happened is named (classes used, headache-free and unrecorded days when there are
//! some); a week with nothing recorded gets a gentle line instead of zeros. Medication
//! overuse is a monthly figure, so the week does not state it.

use crate::domain::figures::{Figures, Period};
use crate::domain::lang::Lang;
use crate::i18n::{Arg, I18n};
use chrono::{Datelike, NaiveDate};

fn num(n: u32) -> Arg {
    Arg::Num(i64::from(n))
}

fn month(i18n: &I18n, lang: Lang, d: NaiveDate) -> String {
    i18n.t(lang, &format!("month-{}", d.month()))
}

/// `2–8 Mar` within a month, `30 Mar – 5 Apr` across two.
pub fn date_range(i18n: &I18n, lang: Lang, first: NaiveDate, last: NaiveDate) -> String {
    let day = |d: NaiveDate| Arg::Str(d.day().to_string());
    if (first.year(), first.month()) == (last.year(), last.month()) {
        return i18n.tr(
            lang,
            "figures-range-month",
            &[
                ("from", day(first)),
                ("to", day(last)),
                ("month", month(i18n, lang, last).into()),
            ],
        );
    }
    let date = |d: NaiveDate| {
        let args = [("day", day(d)), ("month", month(i18n, lang, d).into())];
        Arg::Str(i18n.tr(lang, "figures-date", &args))
    };
    i18n.tr(
        lang,
        "figures-range",
        &[("from", date(first)), ("to", date(last))],
    )
}

/// Last week's summary (`first` Monday to `last` Sunday) from its figures.
pub fn weekly_text(
    i18n: &I18n,
    lang: Lang,
    first: NaiveDate,
    last: NaiveDate,
    f: &Figures,
) -> String {
    let range = date_range(i18n, lang, first, last);
    let mut text = i18n.tr(lang, "figures-week-title", &[("range", range.into())]);
    text.push_str("\n\n");
    if f.is_empty() {
        text.push_str(&i18n.t(lang, "figures-week-nothing"));
        return text;
    }
    let count = |key: &str, n: u32| i18n.tr(lang, key, &[("count", num(n))]);
    let total = Period::new(first, last).len();
    let mut lines = vec![i18n.tr(
        lang,
        "figures-week-headache",
        &[("count", num(f.headache_days)), ("total", num(total))],
    )];
    if f.migraine_like_days > 0 {
        lines.push(count("figures-week-migraine", f.migraine_like_days));
    }
    if f.attacks > 0 {
        lines.push(count("figures-week-attacks", f.attacks));
    }
    let used: Vec<_> = f.acute_days.used().collect();
    if used.is_empty() {
        lines.push(i18n.t(lang, "figures-week-meds-none"));
    } else {
        lines.push(i18n.t(lang, "figures-week-meds"));
        for (class, days) in used {
            let name = i18n.t(lang, &format!("medclass-{}", class.key()));
            lines.push(i18n.tr(
                lang,
                "figures-week-meds-line",
                &[("class", name.into()), ("count", num(days))],
            ));
        }
    }
    if f.headache_free_days > 0 {
        lines.push(count("figures-week-free", f.headache_free_days));
    }
    if f.no_record_days > 0 {
        lines.push(count("figures-week-no-record", f.no_record_days));
    }
    text.push_str(&lines.join("\n"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::figures::ClassDays;
    use crate::domain::medication::MedClass;

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    /// A week of 30 March – 5 April 2026, built by hand.
    fn week() -> Figures {
        let period = Period::new(date(3, 30), date(4, 5));
        Figures {
            period,
            headache_days: 3,
            migraine_like_days: 2,
            headache_free_days: 2,
            recorded_days: 5,
            no_record_days: 1,
            attacks: 4,
            acute_days: ClassDays::default()
                .with(MedClass::Triptan, 2)
                .with(MedClass::Nsaid, 1)
                .with(MedClass::Preventive, 7),
            simple_analgesic_days: 1,
            any_acute_days: 3,
            intensity: None,
            triggers: Vec::new(),
            trigger_notes: 0,
            lost_days: 0,
            reduced_days: 0,
            overuse: Vec::new(),
            days: Vec::new(),
        }
    }

    #[test]
    fn the_weekly_summary_names_the_numbers_in_both_languages() {
        let i18n = I18n::new().unwrap();
        let f = week();
        let (first, last) = (f.period.first, f.period.last);
        let en = weekly_text(&i18n, Lang::En, first, last, &f);
        let ru = weekly_text(&i18n, Lang::Ru, first, last, &f);
        println!("{en}\n\n{ru}");
        for want in [
            "Last week, 30 Mar – 5 Apr",
            "Headache on 3 days of 7.",
            "2 days migraine-like by the recorded features.",
            "4 attacks started.",
            "• Triptan: 2 days",
            "• NSAID: 1 day",
            "2 headache-free days.",
            "1 day with no record.",
        ] {
            assert!(en.contains(want), "{want:?} not in\n{en}");
        }
        for want in [
            "Прошлая неделя, 30 мар – 5 апр",
            "Голова болела 3 дня из 7.",
            "2 дня похожи на мигрень по записанным признакам.",
            "Началось 4 приступа.",
            "• Триптан — 2 дня",
            "• НПВП — 1 день",
            "2 дня без головной боли.",
            "1 день без записи.",
        ] {
            assert!(ru.contains(want), "{want:?} not in\n{ru}");
        }
        for text in [&en, &ru] {
            assert!(!text.contains("7 d") && !text.contains("7 дн"), "{text}");
            assert!(!text.contains("Preventive") && !text.contains("Профилакт"));
        }
    }

    #[test]
    fn russian_plurals_and_zeros_read_naturally() {
        let i18n = I18n::new().unwrap();
        let mut f = week();
        f.period = Period::new(date(3, 2), date(3, 8));
        (f.headache_days, f.migraine_like_days, f.attacks) = (0, 1, 0);
        (f.headache_free_days, f.no_record_days) = (5, 0);
        f.acute_days = ClassDays::default().with(MedClass::Triptan, 1);
        let (first, last) = (f.period.first, f.period.last);
        let ru = weekly_text(&i18n, Lang::Ru, first, last, &f);
        assert!(ru.contains("Прошлая неделя, 2–8 мар"), "{ru}");
        assert!(ru.contains("Дней с головной болью не было."), "{ru}");
        assert!(ru.contains("1 день похож на мигрень"), "{ru}");
        assert!(ru.contains("5 дней без головной боли."), "{ru}");
        assert!(!ru.contains("Начал") && !ru.contains("без записи"), "{ru}");
        let en = weekly_text(&i18n, Lang::En, first, last, &f);
        assert!(en.contains("No headache days."), "{en}");
        assert!(en.contains("1 day migraine-like"), "{en}");
        f.acute_days = ClassDays::default();
        f.migraine_like_days = 0;
        f.any_acute_days = 0;
        let en = weekly_text(&i18n, Lang::En, first, last, &f);
        assert!(en.contains("No acute medication recorded."), "{en}");
        f.attacks = 21;
        let ru = weekly_text(&i18n, Lang::Ru, first, last, &f);
        assert!(ru.contains("Начался 21 приступ."), "{ru}");
    }

    #[test]
    fn a_week_with_nothing_recorded_gets_a_gentle_line_instead_of_zeros() {
        let i18n = I18n::new().unwrap();
        let mut f = week();
        (f.headache_days, f.migraine_like_days, f.attacks) = (0, 0, 0);
        (f.headache_free_days, f.recorded_days, f.no_record_days) = (0, 0, 7);
        (f.acute_days, f.any_acute_days) = (ClassDays::default(), 0);
        let (first, last) = (f.period.first, f.period.last);
        for lang in Lang::ALL {
            let text = weekly_text(&i18n, lang, first, last, &f);
            let (_, body) = text.split_once("\n\n").unwrap();
            assert!(!body.contains('0') && !body.contains('7'), "{text}");
            assert!(text.contains(&i18n.t(lang, "btn-headache-now")), "{text}");
            assert!(text.contains("/checkin"), "{text}");
        }
    }
}
