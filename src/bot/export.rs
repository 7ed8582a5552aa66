//! /export: the diary CSV as a document.

use crate::bot::ui::Ctx;
use crate::i18n::Arg;
use crate::service::diary;

/// Sends the whole diary as `headlog-YYYY-MM-DD.csv`.
pub async fn export(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let Some((csv, count)) = diary::export(ctx.tx, ctx.user.id).await? else {
        ctx.send(&ctx.t("export-empty"), None).await;
        return Ok(());
    };
    let name = format!(
        "headlog-{}.csv",
        ctx.now.with_timezone(&ctx.zone()).format("%Y-%m-%d")
    );
    let caption = ctx.tr("export-caption", &[("count", Arg::Num(count))]);
    ctx.document(&name, csv, &caption).await;
    Ok(())
}
