//! /admin: an admin (`HEADLOG_ADMIN_IDS`) gets a one-time login link to the admin page,
//! working [`LOGIN_SECS`](crate::service::admin::LOGIN_SECS) seconds, once, and never
//! previewed (a preview's fetch would use it up). Anyone else gets the unknown-command
//! answer, so the command gives nothing away. Also the one notice a suspended user's
//! updates get instead of the diary.

use super::ui::Ctx;
use teloxide_core::types::CallbackQuery;

/// Answers /admin.
pub async fn login_link(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    if !ctx.bot.admin_ids.contains(&ctx.user.id) {
        ctx.send(&ctx.t("error-unknown-command"), None).await;
        return Ok(());
    }
    let Some(base) = ctx.bot.public_url.clone() else {
        ctx.send(&ctx.t("admin-no-public-url"), None).await;
        return Ok(());
    };
    let now = ctx.bot.clock.now().timestamp();
    let token = crate::service::admin::create_login(ctx.tx, ctx.user.id, now).await?;
    let url = base.join(&format!("admin/login/{token}"))?;
    let minutes = crate::service::admin::LOGIN_SECS / 60;
    let text = ctx.tr(
        "admin-login-link",
        &[("url", url.to_string().into()), ("minutes", minutes.into())],
    );
    ctx.send_unpreviewed(&text).await;
    tracing::info!(admin = ctx.user.id, "admin login link sent");
    Ok(())
}

/// What a suspended user gets for any update: a message is answered with the notice, a
/// button press with the notice on the press (so it does not spin); nothing else happens.
pub async fn suspended(ctx: &Ctx<'_>, query: Option<&CallbackQuery>) {
    let text = ctx.t("admin-suspended");
    match query {
        Some(q) => ctx.answer(&q.id.0, Some(&text)).await,
        None => {
            ctx.send(&text, None).await;
        }
    }
}
