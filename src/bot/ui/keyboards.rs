//! Keyboards: the persistent main menu (one tap to "Headache now" at any moment) and the
//! inline keyboards that edit messages in place.

use super::callback::Callback;
use crate::domain::lang::Lang;
use crate::i18n::I18n;
use teloxide_core::types::{
    ButtonRequest, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, KeyboardMarkup,
    ReplyMarkup,
};

/// The main menu's buttons, as translation keys, row by row.
pub const MAIN_MENU: [&[&str]; 2] = [
    &["btn-headache-now", "btn-habits"],
    &["btn-history", "btn-report", "btn-export", "btn-help"],
];

/// The persistent reply keyboard with the main actions; `period` adds the one-tap
/// menstruation mark for users who track it.
pub fn main_menu(i18n: &I18n, lang: Lang, period: bool) -> ReplyMarkup {
    let mut rows: Vec<Vec<KeyboardButton>> = MAIN_MENU
        .iter()
        .map(|row| {
            row.iter()
                .map(|key| KeyboardButton::new(i18n.t(lang, key)))
                .collect()
        })
        .collect();
    if period {
        rows[0].push(KeyboardButton::new(i18n.t(lang, "btn-period")));
    }
    ReplyMarkup::Keyboard(KeyboardMarkup::new(rows).persistent().resize_keyboard())
}

/// A reply keyboard asking for the user's location.
pub fn share_location(i18n: &I18n, lang: Lang) -> ReplyMarkup {
    ReplyMarkup::Keyboard(
        KeyboardMarkup::new([
            vec![
                KeyboardButton::new(i18n.t(lang, "btn-share-location"))
                    .request(ButtonRequest::Location),
            ],
            vec![KeyboardButton::new(i18n.t(lang, "btn-cancel"))],
        ])
        .resize_keyboard(),
    )
}

/// One inline button.
pub fn button(i18n: &I18n, lang: Lang, key: &str, cb: Callback) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(i18n.t(lang, key), cb.encode())
}

/// An inline keyboard from rows.
pub fn inline(rows: Vec<Vec<InlineKeyboardButton>>) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(rows.into_iter().filter(|r| !r.is_empty()))
}

/// The buttons under an open attack: ended now, ended at…, took medication, add
/// details, undo.
pub fn open_attack(i18n: &I18n, lang: Lang, id: i64) -> InlineKeyboardMarkup {
    inline(vec![
        vec![
            button(i18n, lang, "btn-ended-now", Callback::EndNow(id)),
            button(i18n, lang, "btn-ended-at", Callback::EndAt(id)),
        ],
        vec![took_medication(i18n, lang, id)],
        vec![
            add_details(i18n, lang, id),
            button(i18n, lang, "btn-undo", Callback::Undo(id)),
        ],
    ])
}

/// "Took medication": records a dose for the attack.
pub fn took_medication(i18n: &I18n, lang: Lang, id: i64) -> InlineKeyboardButton {
    use super::callback::meds::{Action, button};
    button(i18n.t(lang, "took-btn"), Action::Took(Some(id)))
}

/// "Add details": opens the details editor on an attack.
pub fn add_details(i18n: &I18n, lang: Lang, id: i64) -> InlineKeyboardButton {
    let payload = super::callback::details::add_payload(id);
    button(i18n, lang, "btn-details-add", Callback::Details(payload))
}
