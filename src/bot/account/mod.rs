//! The account: /start, /help, /privacy, /cancel and /forget.

pub mod forget;

use crate::bot::ui::Ctx;
use crate::bot::ui::dialogue;

/// Greets. Returns whether the time zone is still to be asked (the router then asks it).
pub async fn start(ctx: &Ctx<'_>) -> anyhow::Result<bool> {
    if ctx.user.zone.is_some() {
        let menu = ctx.menu();
        ctx.send(&ctx.t("start-again"), Some(menu)).await;
        return Ok(false);
    }
    ctx.send(&ctx.t("start-greeting"), None).await;
    Ok(true)
}

/// How to use headlog.
pub async fn help(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let menu = ctx.menu();
    ctx.send(&ctx.t("help"), Some(menu)).await;
    Ok(())
}

/// What is stored, why, for how long, who can see it.
pub async fn privacy(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    ctx.send(&ctx.t("privacy"), None).await;
    Ok(())
}

/// Leaves whatever the bot was waiting for; nothing saved is touched.
pub async fn cancel(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let store = ctx.tx;
    let had = dialogue::load(store, ctx.user.id).await?.is_some();
    dialogue::save(store, ctx.user.id, None, ctx.now.timestamp()).await?;
    let key = if had {
        "cancelled"
    } else {
        "nothing-to-cancel"
    };
    let menu = ctx.menu();
    ctx.send(&ctx.t(key), Some(menu)).await;
    Ok(())
}
