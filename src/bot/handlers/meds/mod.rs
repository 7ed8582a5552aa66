//! Medications (the user's list, doses, the effect after two hours), the /settings menu
//! and the one-tap menstruation mark. Buttons are `M:<payload>` (see `payload`); typed
//! input follows the step kept in `Dialogue::Meds` (see `state`).

mod add;
mod effect;
mod list;
mod payload;
mod screens;
mod state;
mod took;

use super::Ctx;
use crate::bot::callback::Callback;
use crate::bot::keyboards;
use crate::domain::attack::Attack;
use crate::domain::medication::MedClass;
use crate::service::meds::{DOSE_MAX, DoseError, NAME_MAX, NameError};
use payload::Action;
use state::Step;
use teloxide_core::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId, ReplyMarkup};

/// Rows for an attack's message (editor, record view): "took medication", and for each
/// dose taken two or more hours ago without an effect, the effect buttons.
pub async fn attack_rows(
    ctx: &Ctx<'_>,
    attack: &Attack,
) -> anyhow::Result<Vec<Vec<InlineKeyboardButton>>> {
    effect::attack_rows(ctx, attack).await
}

/// /took: a dose on its own (preventive or stray).
pub async fn took(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    if let Some(notice) = took::start(ctx, None).await? {
        ctx.send(&notice, None).await;
    }
    Ok(())
}

/// /settings.
pub async fn settings(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    screens::settings(ctx).await
}

/// The "period started" menu button.
pub async fn mark_period(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    screens::mark_period(ctx).await
}

/// A button of these screens (`M:` callback payload).
pub async fn on_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    payload: &str,
) -> anyhow::Result<Option<String>> {
    let Some(action) = Action::parse(payload) else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    match action {
        Action::Settings => screens::show(ctx, message).await,
        Action::Language => super::settings::ask_language(ctx).await.map(|_| None),
        Action::Zone => super::settings::ask_zone(ctx).await.map(|_| None),
        Action::Period(on) => screens::set_period(ctx, message, on).await,
        Action::CheckinMenu => screens::checkin_menu(ctx, message).await,
        Action::CheckinSet(at) => screens::set_checkin(ctx, message, at).await,
        Action::CheckinType => screens::ask_checkin(ctx).await,
        Action::List(page) => list::show(ctx, Some(message), page).await.map(|_| None),
        Action::Add => add::ask_new_name(ctx).await,
        Action::Open(id, page) => list::open(ctx, message, id, page).await,
        Action::Rename(id) => list::ask_rename(ctx, id).await,
        Action::ClassMenu(id) => list::class_menu(ctx, message, id).await,
        Action::SetClass(id, class) => list::set_class(ctx, message, id, class).await,
        Action::EditDose(id) => list::ask_dose(ctx, id).await,
        Action::ClearDose(id) => list::clear_dose(ctx, message, id).await,
        Action::Delete(id) => list::delete(ctx, message, id).await,
        Action::NewClass(class) => add::new_class(ctx, message, class).await,
        Action::SkipNewDose => add::skip_new_dose(ctx, message).await,
        Action::Took(attack) => took::start(ctx, attack).await,
        Action::TookPage(page) => took::page(ctx, message, page).await,
        Action::TookMed(id) => took::choose(ctx, message, id).await,
        Action::TookOther => took::other(ctx, message).await,
        Action::DefaultDose => took::dose_button(ctx, message, true).await,
        Action::NoDose => took::dose_button(ctx, message, false).await,
        Action::Now => took::now(ctx, message).await,
        Action::Effect(id, effect) => effect::effect(ctx, message, id, effect).await,
        Action::EffectHint(id) => effect::hint(ctx, id).await,
        Action::Unmark(day) => screens::unmark(ctx, message, day).await,
    }
}

/// Typed input while these screens wait for it.
pub async fn on_text(ctx: &Ctx<'_>, text: &str, data: serde_json::Value) -> anyhow::Result<()> {
    let Some(step) = Step::from_data(data) else {
        state::save(ctx, None).await?;
        ctx.send(&ctx.t("error-unknown-input"), None).await;
        return Ok(());
    };
    match step {
        Step::NewName => add::typed_name(ctx, text).await,
        Step::NewClass { name, .. } => {
            let hint = ctx.tr("med-tap-class", &[("name", name.into())]);
            ctx.send(&hint, None).await;
            Ok(())
        }
        Step::NewDose { med } | Step::EditDose { med } => list::typed_dose(ctx, text, med).await,
        Step::Rename { med } => list::typed_rename(ctx, text, med).await,
        Step::CheckinTime => screens::typed_checkin(ctx, text).await,
        Step::TookMed { took } => took::typed_med(ctx, text, took).await,
        Step::TookDose { took, med } => took::typed_dose(ctx, text, took, med).await,
        Step::TookTime { took, med, dose } => took::typed_time(ctx, text, took, med, dose).await,
    }
}

/// The explanation of a refused name.
/// A typed medication name, checked (a bad one is explained to the user and gives `None`),
/// with the medication of that name already on the user's list, if there is one.
pub async fn typed_med_name(
    ctx: &Ctx<'_>,
    text: &str,
) -> anyhow::Result<Option<(String, Option<crate::domain::medication::Medication>)>> {
    let name = match crate::service::meds::parse_name(text) {
        Ok(name) => name,
        Err(e) => {
            ctx.send(&name_error(ctx, e), None).await;
            return Ok(None);
        }
    };
    let meds = ctx.tx.medications(ctx.user.id).await?;
    let existing = crate::service::meds::find_by_name(&meds, &name).cloned();
    Ok(Some((name, existing)))
}

pub fn name_error(ctx: &Ctx<'_>, e: NameError) -> String {
    match e {
        NameError::Empty => ctx.t("med-error-name-empty"),
        NameError::TooLong { length } => ctx.tr(
            "med-error-name-too-long",
            &[
                ("length", (length as i64).into()),
                ("max", (NAME_MAX as i64).into()),
            ],
        ),
    }
}

/// The explanation of a refused dose.
pub fn dose_error(ctx: &Ctx<'_>, e: DoseError) -> String {
    match e {
        DoseError::Empty => ctx.t("med-error-dose-empty"),
        DoseError::Negative => ctx.t("med-error-dose-negative"),
        DoseError::TooLong { length } => ctx.tr(
            "med-error-dose-too-long",
            &[
                ("length", (length as i64).into()),
                ("max", (DOSE_MAX as i64).into()),
            ],
        ),
    }
}

/// A button of these screens with a label.
fn btn(label: impl Into<String>, action: Action) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, Callback::Meds(action.encode()).encode())
}

/// A button of these screens labelled by a translation key.
fn tbtn(ctx: &Ctx<'_>, key: &str, action: Action) -> InlineKeyboardButton {
    btn(ctx.t(key), action)
}

/// The translated name of a class.
fn class_name(ctx: &Ctx<'_>, class: MedClass) -> String {
    ctx.t(&format!("medclass-{}", class.key()))
}

/// Text cut to `max` characters, with an ellipsis when cut (button labels, notices).
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// An inline keyboard from rows.
fn markup(rows: Vec<Vec<InlineKeyboardButton>>) -> InlineKeyboardMarkup {
    keyboards::inline(rows)
}

/// Shows a screen: edits `message` in place, or sends it anew after typed input.
async fn show_screen(
    ctx: &Ctx<'_>,
    message: Option<MessageId>,
    text: &str,
    keyboard: Option<InlineKeyboardMarkup>,
) {
    match message {
        Some(message) => ctx.edit(message, text, keyboard).await,
        None => {
            ctx.send(text, keyboard.map(ReplyMarkup::InlineKeyboard))
                .await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(short("Ibuprofen", 9), "Ibuprofen");
        assert_eq!(short("Ибупрофен форте", 5), "Ибуп…");
    }
}
