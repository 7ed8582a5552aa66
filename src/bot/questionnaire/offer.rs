//! The offer the scheduler sends when a questionnaire is due, and its "later" and "not
//! now" buttons ("start" begins the questionnaire in the offer's message).

use super::screen::date;
use super::under_way;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::questionnaire::{Action, button};
use crate::bot::ui::keyboards::inline;
use crate::domain::questionnaires::Instrument;
use crate::domain::reminders::ref_questionnaire;
use crate::service::questionnaires as service;
use crate::store::schedule::DueJob;
use teloxide_core::types::{MessageId, ReplyMarkup};

/// Sends the offer of the questionnaire `due` stands for; nothing (false) when offers are
/// off, it was answered meanwhile (not due any more) or it is being answered now.
pub async fn offer(ctx: &Ctx<'_>, due: &DueJob) -> anyhow::Result<bool> {
    let Some(instrument) = ref_questionnaire(due.job.ref_id) else {
        return Ok(false);
    };
    if !due.prefs.questionnaire_on
        || !service::is_due(ctx.tx, ctx.user.id, instrument, ctx.today()).await?
        || under_way(ctx, instrument).await?
    {
        return Ok(false);
    }
    let text = ctx.t(match instrument {
        Instrument::Midas => "quest-offer-midas",
        Instrument::Hit6 => "quest-offer-hit6",
    });
    let keyboard = inline(vec![
        vec![button(ctx.t("quest-btn-start"), Action::Start(instrument))],
        vec![
            button(ctx.t("quest-btn-later"), Action::Later(instrument)),
            button(ctx.t("quest-btn-not-now"), Action::NotNow(instrument)),
        ],
    ]);
    ctx.send(&text, Some(ReplyMarkup::InlineKeyboard(keyboard)))
        .await;
    Ok(true)
}

/// "Later" (a week on) or "not now" (`skip_round`: the next round) on an offer. Only a
/// questionnaire that is due can be put off; anything else is a stale button.
pub(super) async fn put_off(
    ctx: &Ctx<'_>,
    message: MessageId,
    instrument: Instrument,
    skip_round: bool,
) -> anyhow::Result<Option<String>> {
    if !service::is_due(ctx.tx, ctx.user.id, instrument, ctx.today()).await? {
        return Ok(Some(ctx.t("error-stale-button")));
    }
    let day = service::put_off(
        ctx.tx,
        &ctx.user,
        instrument,
        ctx.today(),
        skip_round,
        ctx.now,
    )
    .await?;
    let text = match day {
        Some(day) => {
            let key = if skip_round {
                "quest-not-now"
            } else {
                "quest-later"
            };
            ctx.tr(key, &[("date", date(ctx, day).into())])
        }
        None => ctx.t("quest-offers-off"),
    };
    ctx.edit(message, &text, None).await;
    Ok(None)
}
