//! The evening questionnaire (/checkin). (Entry points wired by the router.)

use super::Ctx;
use teloxide_core::types::MessageId;

/// /checkin.
pub async fn start(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    ctx.send(&ctx.t("error-unknown-command"), None).await;
    Ok(())
}

/// /back, /restart, /stop (meaningful inside the questionnaire).
pub async fn on_command(ctx: &Ctx<'_>, _name: &str) -> anyhow::Result<()> {
    ctx.send(&ctx.t("error-unknown-command"), None).await;
    Ok(())
}

/// A button of the questionnaire (`C:` callback payload).
pub async fn on_button(
    ctx: &Ctx<'_>,
    _message: MessageId,
    _payload: &str,
) -> anyhow::Result<Option<String>> {
    Ok(Some(ctx.t("error-stale-button")))
}

/// Typed input while the questionnaire waits for it.
pub async fn on_text(ctx: &Ctx<'_>, _text: &str, _data: serde_json::Value) -> anyhow::Result<()> {
    ctx.send(&ctx.t("error-unknown-input"), None).await;
    Ok(())
}
