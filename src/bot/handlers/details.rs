//! The details editor: every attack field in one message edited in place.
//! (Entry points wired by the router; the editor itself is being written.)

use super::Ctx;
use teloxide_core::types::MessageId;

/// A button of the editor (`D:` callback payload).
pub async fn on_button(
    ctx: &Ctx<'_>,
    _message: MessageId,
    _payload: &str,
) -> anyhow::Result<Option<String>> {
    Ok(Some(ctx.t("error-stale-button")))
}

/// Typed input while the editor waits for it.
pub async fn on_text(ctx: &Ctx<'_>, _text: &str, _data: serde_json::Value) -> anyhow::Result<()> {
    ctx.send(&ctx.t("error-unknown-input"), None).await;
    Ok(())
}
