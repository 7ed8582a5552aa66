//! /trash: deleted records of the last 30 days, to restore. (Being written.)

use super::Ctx;
use teloxide_core::types::MessageId;

/// /trash.
pub async fn show(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    ctx.send(&ctx.t("error-unknown-command"), None).await;
    Ok(())
}

/// A button of the trash (`T:` callback payload).
pub async fn on_button(
    ctx: &Ctx<'_>,
    _message: MessageId,
    _payload: &str,
) -> anyhow::Result<Option<String>> {
    Ok(Some(ctx.t("error-stale-button")))
}
