//! How a dose worked two hours later: the answers to the question rows that
//! [`crate::bot::ui::record::dose_rows`] puts under an attack's message.

use super::took::what;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::meds::Action;

use crate::bot::ui::callback::Callback;
use crate::domain::medication::Effect;
use crate::service::meds::{self as rules, EffectOutcome};
use teloxide_core::types::{
    InlineKeyboardButton, InlineKeyboardButtonKind, InlineKeyboardMarkup, MessageId,
};

/// Longest "name dose" in a notice (notices hold 200 characters).
const NOTICE_MAX: usize = 80;

/// How a dose worked: saved once; the attack's message is shown again without the question.
pub async fn effect(
    ctx: &Ctx<'_>,
    message: MessageId,
    id: i64,
    effect: Effect,
) -> anyhow::Result<Option<String>> {
    let store = ctx.tx;
    let intake = match rules::set_effect(store, ctx.user.id, id, effect, ctx.now).await? {
        EffectOutcome::Gone => return Ok(Some(ctx.t("took-dose-gone"))),
        EffectOutcome::Already(_) => return Ok(Some(ctx.t("took-effect-already"))),
        EffectOutcome::Set(intake) => intake,
    };
    let key = format!("took-effect-saved-{}", effect.key());
    let notice = ctx.tr(&key, &[("what", what(&intake, NOTICE_MAX).into())]);
    // The question may stand under the record view or the details editor: take just its
    // rows off the keyboard the user pressed, and leave the rest of that message as it is.
    match (&ctx.keyboard, intake.attack_id) {
        (Some(keyboard), _) => {
            let asked: Vec<String> = Effect::ANSWERS
                .iter()
                .map(|e| Action::Effect(id, *e))
                .chain([Action::EffectHint(id)])
                .map(|a| Callback::Meds(a.encode()).encode())
                .collect();
            let is_question = |b: &InlineKeyboardButton| matches!(&b.kind, InlineKeyboardButtonKind::CallbackData(d) if asked.contains(d));
            let rows = keyboard
                .inline_keyboard
                .iter()
                .filter(|row| !row.iter().any(is_question))
                .cloned()
                .collect::<Vec<_>>();
            ctx.edit_keyboard(message, InlineKeyboardMarkup::new(rows))
                .await;
        }
        (None, Some(attack)) => {
            crate::bot::ui::record::open(ctx, message, attack, 0).await?;
        }
        (None, None) => ctx.edit(message, &notice, None).await,
    }
    Ok(Some(notice))
}

/// The question row of a dose: says which dose it is about.
pub async fn hint(ctx: &Ctx<'_>, id: i64) -> anyhow::Result<Option<String>> {
    let Some(i) = ctx.tx.intake(ctx.user.id, id).await? else {
        return Ok(Some(ctx.t("took-dose-gone")));
    };
    let args = [
        ("what", what(&i, NOTICE_MAX).into()),
        ("time", ctx.when(i.taken_at, i.zone).into()),
    ];
    Ok(Some(ctx.tr("took-effect-hint", &args)))
}
