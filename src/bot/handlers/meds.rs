//! Medications (the user's list, doses, the effect after two hours), the /settings menu
//! and the one-tap menstruation mark. (Entry points wired by the router.)

use super::Ctx;
use crate::domain::attack::Attack;
use teloxide_core::types::{InlineKeyboardButton, MessageId};

/// Rows for an attack's message (editor, record view): "took medication", and for each
/// dose taken two or more hours ago without an effect, the effect buttons.
pub async fn attack_rows(
    _ctx: &Ctx<'_>,
    _attack: &Attack,
) -> anyhow::Result<Vec<Vec<InlineKeyboardButton>>> {
    Ok(Vec::new())
}

/// /took: a dose on its own (preventive or stray).
pub async fn took(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    ctx.send(&ctx.t("error-unknown-command"), None).await;
    Ok(())
}

/// /settings.
pub async fn settings(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    ctx.send(&ctx.t("error-unknown-command"), None).await;
    Ok(())
}

/// The "period started" menu button.
pub async fn mark_period(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    ctx.send(&ctx.t("error-unknown-input"), None).await;
    Ok(())
}

/// A button of these screens (`M:` callback payload).
pub async fn on_button(
    ctx: &Ctx<'_>,
    _message: MessageId,
    _payload: &str,
) -> anyhow::Result<Option<String>> {
    Ok(Some(ctx.t("error-stale-button")))
}

/// Typed input while these screens wait for it.
pub async fn on_text(ctx: &Ctx<'_>, _text: &str, _data: serde_json::Value) -> anyhow::Result<()> {
    ctx.send(&ctx.t("error-unknown-input"), None).await;
    Ok(())
}
