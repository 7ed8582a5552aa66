//! Month names, weekday initials and dates as the pictures print them.

use crate::domain::lang::Lang;
use crate::i18n::{Arg, I18n};
use chrono::{Datelike, NaiveDate};

/// The full month name for a title, nominative (`March`, `Март`).
pub(super) fn month_name(i18n: &I18n, lang: Lang, month: u32) -> String {
    i18n.t(lang, &format!("pictures-month-{month}"))
}

/// The short month name standing alone on an axis, nominative (`Mar`, `май`).
pub(super) fn month_short(i18n: &I18n, lang: Lang, month: u32) -> String {
    i18n.t(lang, &format!("pictures-mon-{month}"))
}

/// A weekday's initial, Monday being 1.
pub(super) fn weekday_initial(i18n: &I18n, lang: Lang, weekday: u32) -> String {
    i18n.t(lang, &format!("pictures-weekday-{weekday}"))
}

/// `March 2026`, `Март 2026`.
pub(super) fn month_title(i18n: &I18n, lang: Lang, year: i32, month: u32) -> String {
    i18n.tr(
        lang,
        "pictures-month-year",
        &[
            ("month", month_name(i18n, lang, month).into()),
            ("year", Arg::Str(year.to_string())),
        ],
    )
}

/// A day without its year: `5 Mar`, `5 мар`.
pub(super) fn day(i18n: &I18n, lang: Lang, date: NaiveDate) -> String {
    i18n.tr(
        lang,
        "pictures-date",
        &[
            ("day", Arg::Str(date.day().to_string())),
            (
                "month",
                i18n.t(lang, &format!("month-{}", date.month())).into(),
            ),
        ],
    )
}

/// A day with its year: `5 Mar 2026`.
pub(super) fn day_year(i18n: &I18n, lang: Lang, date: NaiveDate) -> String {
    i18n.tr(
        lang,
        "pictures-date-year",
        &[
            ("date", day(i18n, lang, date).into()),
            ("year", Arg::Str(date.year().to_string())),
        ],
    )
}

/// `5 Mar – 31 May 2026`, the year once when both days share it.
pub(super) fn range(i18n: &I18n, lang: Lang, first: NaiveDate, last: NaiveDate) -> String {
    let from = if first.year() == last.year() {
        day(i18n, lang, first)
    } else {
        day_year(i18n, lang, first)
    };
    i18n.tr(
        lang,
        "pictures-range",
        &[
            ("from", from.into()),
            ("to", day_year(i18n, lang, last).into()),
        ],
    )
}
