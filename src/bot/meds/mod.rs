//! Medications: the user's list, recording a dose (/took, or from an attack's message)
//! and how it worked two hours later. Buttons are `M:<payload>` (see
//! [`crate::bot::ui::callback::meds`]); typed input follows the step kept in
//! `Dialogue::Meds` (see `state`).

mod add;
mod effect;
mod list;
mod state;
mod took;

use crate::bot::ui::Ctx;
use crate::bot::ui::callback::meds::Action;
use crate::bot::ui::callback::meds::button as btn;
use crate::domain::medication::MedClass;
use crate::domain::medication::{DOSE_MAX, DoseError, NAME_MAX, NameError};
use state::Step;
use teloxide_core::types::{InlineKeyboardButton, MessageId};

/// /took: a dose on its own (preventive or stray).
pub async fn took(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    if let Some(notice) = took::start(ctx, None).await? {
        ctx.send(&notice, None).await;
    }
    Ok(())
}

/// A button of these screens (the router parsed its `M:` payload).
pub async fn on_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    action: Action,
) -> anyhow::Result<Option<String>> {
    match action {
        Action::List(page) => list::show(ctx, Some(message), page).await.map(|_| None),
        Action::Add => add::ask_new_name(ctx, message).await,
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
        _ => Ok(Some(ctx.t("error-stale-button"))),
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
        Step::NewName { list } => add::typed_name(ctx, text, list).await,
        Step::NewClass { name, .. } => {
            let hint = ctx.tr("med-tap-class", &[("name", name.into())]);
            ctx.send(&hint, None).await;
            Ok(())
        }
        Step::NewDose { med } | Step::EditDose { med } => list::typed_dose(ctx, text, med).await,
        Step::Rename { med } => list::typed_rename(ctx, text, med).await,
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
    let name = match crate::domain::medication::parse_name(text) {
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

/// A button of these screens labelled by a translation key.
fn tbtn(ctx: &Ctx<'_>, key: &str, action: Action) -> InlineKeyboardButton {
    btn(ctx.t(key), action)
}

/// The translated name of a class.
fn class_name(ctx: &Ctx<'_>, class: MedClass) -> String {
    ctx.t(&format!("medclass-{}", class.key()))
}

#[cfg(test)]
mod tests {
    use crate::bot::ui::format::short;

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(short("Ibuprofen", 9), "Ibuprofen");
        assert_eq!(short("Ибупрофен форте", 5), "Ибуп…");
    }
}
