//! The sick day offered where an attack is recorded: an attack of intensity 7 or more, or
//! a lost day, offers to skip today's habits in one tap (skips freeze the score and keep
//! the streak alive). Here, not in a feature, because the attack editor makes the offer
//! and the habits answer its button.

use super::Ctx;
use super::callback::habits::{Action, button};
use super::keyboards::inline;
use crate::domain::attack::{Attack, AttackField, Disability};
use crate::service::habits::{self as service, SICK_INTENSITY};
use chrono::{DateTime, Duration, Utc};
use teloxide_core::types::ReplyMarkup;

/// True when a change marks a hard day now: an attack of the last day (or still going) given
/// intensity 7 or more, or a lost day.
pub fn hard_day(attack: &Attack, changes: &[AttackField], now: DateTime<Utc>) -> bool {
    let recent = attack
        .ended_at
        .is_none_or(|end| now - end < Duration::hours(24));
    recent
        && changes.iter().any(|c| match c {
            AttackField::Intensity(Some(i)) => *i >= SICK_INTENSITY,
            AttackField::Disability(Some(Disability::LostDay)) => true,
            _ => false,
        })
}

/// Offers the sick day (once a habit day, and only with habits left open today).
pub async fn offer(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let Some(day) = service::sick_offer(ctx.tx, &ctx.user, ctx.now).await? else {
        return Ok(());
    };
    let keyboard = inline(vec![
        vec![button(ctx.t("habits-btn-sick-skip"), Action::SickDay(day))],
        vec![button(ctx.t("habits-btn-today"), Action::Today(0))],
    ]);
    ctx.send(
        &ctx.t("habits-sick-offer"),
        Some(ReplyMarkup::InlineKeyboard(keyboard)),
    )
    .await;
    Ok(())
}
