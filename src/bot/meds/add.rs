//! Adding a medication: name → class → usual dose (or, while recording a dose, name →
//! class → that dose).

use super::list::{open, send_med};
use super::state::{self, Step, Took};
use super::tbtn;
use super::{class_name, typed_med_name};
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::meds::Action;
use crate::bot::ui::callback::meds::button as btn;
use crate::bot::ui::keyboards::inline as markup;
use crate::domain::medication::MedClass;
use crate::service::meds as rules;
use teloxide_core::types::{InlineKeyboardMarkup, MessageId, ReplyMarkup};

/// "Add a medication": waits for its name.
pub async fn ask_new_name(ctx: &Ctx<'_>, list: MessageId) -> anyhow::Result<Option<String>> {
    let list = Some(i64::from(list.0));
    state::save(ctx, Some(&Step::NewName { list })).await?;
    ctx.send(&ctx.t("med-ask-name"), None).await;
    Ok(None)
}

/// The class question for a new medication.
pub fn class_question(ctx: &Ctx<'_>, name: &str) -> (String, InlineKeyboardMarkup) {
    let buttons: Vec<_> = MedClass::ALL
        .iter()
        .map(|c| btn(class_name(ctx, *c), Action::NewClass(*c)))
        .collect();
    let text = ctx.tr("med-ask-class", &[("name", name.into())]);
    (text, markup(buttons.chunks(2).map(<[_]>::to_vec).collect()))
}

/// Asks the class of a medication to add (`took`: then a dose of it is recorded).
pub async fn ask_class(
    ctx: &Ctx<'_>,
    name: String,
    took: Option<Took>,
    list: Option<i64>,
) -> anyhow::Result<()> {
    let (text, keyboard) = class_question(ctx, &name);
    state::save(ctx, Some(&Step::NewClass { name, took, list })).await?;
    ctx.send(&text, Some(ReplyMarkup::InlineKeyboard(keyboard)))
        .await;
    Ok(())
}

/// A typed name of a medication to add.
pub async fn typed_name(ctx: &Ctx<'_>, text: &str, list: Option<i64>) -> anyhow::Result<()> {
    let Some((name, existing)) = typed_med_name(ctx, text).await? else {
        return Ok(());
    };
    if let Some(existing) = existing {
        state::save(ctx, None).await?;
        let note = ctx.tr("med-exists", &[("name", existing.name.clone().into())]);
        ctx.send(&note, None).await;
        send_med(ctx, &existing).await;
        return Ok(());
    }
    ask_class(ctx, name, None, list).await
}

/// The class of the medication being added: it goes on the list.
pub async fn new_class(
    ctx: &Ctx<'_>,
    message: MessageId,
    class: MedClass,
) -> anyhow::Result<Option<String>> {
    let Some(Step::NewClass { name, took, list }) = state::load(ctx).await? else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    let store = ctx.tx;
    let (m, _) = rules::add_medication(store, ctx.user.id, &name, class, ctx.now).await?;
    if let Some(took) = took {
        return super::took::ask_dose(ctx, Some(message), took, &m)
            .await
            .map(|_| None);
    }
    state::save(ctx, Some(&Step::NewDose { med: m.id })).await?;
    let args = [
        ("name", m.name.clone().into()),
        ("class", class_name(ctx, m.class).into()),
    ];
    let keyboard = markup(vec![vec![tbtn(ctx, "med-btn-skip", Action::SkipNewDose)]]);
    ctx.edit(message, &ctx.tr("med-ask-new-dose", &args), Some(keyboard))
        .await;
    // The list above no longer says what it said ("empty", or one fewer): shown anew.
    if let Some(list) = list.and_then(|id| i32::try_from(id).ok()) {
        super::list::show(ctx, Some(MessageId(list)), 0).await?;
    }
    Ok(None)
}

/// "Skip" the usual dose of a medication just added: its view.
pub async fn skip_new_dose(ctx: &Ctx<'_>, message: MessageId) -> anyhow::Result<Option<String>> {
    let Some(Step::NewDose { med }) = state::load(ctx).await? else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    state::save(ctx, None).await?;
    open(ctx, message, med, 0).await
}
