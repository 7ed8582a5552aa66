//! /forget: erase everything after a confirmation tied to this one request; the main menu
//! then comes back as a new user has it.

use crate::bot::ui::Ctx;
use crate::bot::ui::callback::Callback;
use crate::bot::ui::dialogue::{self, Dialogue};
use crate::bot::ui::keyboards::{self, button, inline};
use crate::service::account;
use teloxide_core::types::{MessageId, ReplyMarkup};

/// Asks for confirmation. The update id serves as the nonce: a button from an older
/// /forget, or a forged one, confirms nothing.
pub async fn ask(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let nonce = ctx.update_id;
    let state = Dialogue::ConfirmForget { nonce };
    dialogue::save(ctx.tx, ctx.user.id, Some(&state), ctx.now.timestamp()).await?;
    let keyboard = inline(vec![vec![
        button(
            &ctx.bot.i18n,
            ctx.lang,
            "btn-forget-yes",
            Callback::Forget(nonce),
        ),
        button(
            &ctx.bot.i18n,
            ctx.lang,
            "btn-forget-no",
            Callback::KeepDiary,
        ),
    ]]);
    ctx.send(
        &ctx.t("forget-confirm"),
        Some(ReplyMarkup::InlineKeyboard(keyboard)),
    )
    .await;
    Ok(())
}

/// "Erase everything".
pub async fn confirm(
    ctx: &Ctx<'_>,
    message: MessageId,
    nonce: i64,
) -> anyhow::Result<Option<String>> {
    let store = ctx.tx;
    match dialogue::load(store, ctx.user.id).await? {
        Some(Dialogue::ConfirmForget { nonce: expected }) if expected == nonce => {
            account::forget(store, ctx.user.id).await?;
            tracing::info!(chat = ctx.chat, "user erased their diary");
            ctx.edit(message, &ctx.t("forget-done"), None).await;
            // The settings are gone with the rest: the menu is the default one again
            // (`ctx.menu()` would read the user as they were before the erasure).
            let menu = keyboards::main_menu(&ctx.bot.i18n, ctx.lang, false);
            ctx.send(&ctx.t("menu-shown"), Some(menu)).await;
            Ok(None)
        }
        _ => {
            ctx.edit(message, &ctx.t("forget-expired"), None).await;
            Ok(Some(ctx.t("forget-expired")))
        }
    }
}

/// "Keep my diary".
pub async fn keep(ctx: &Ctx<'_>, message: MessageId) -> anyhow::Result<Option<String>> {
    let store = ctx.tx;
    if matches!(
        dialogue::load(store, ctx.user.id).await?,
        Some(Dialogue::ConfirmForget { .. })
    ) {
        dialogue::save(store, ctx.user.id, None, ctx.now.timestamp()).await?;
    }
    ctx.edit(message, &ctx.t("forget-kept"), None).await;
    Ok(None)
}
