//! /export: the diary CSV as a document, and the habits as Loop-shaped CSVs
//! (`Habits.csv`, `Checkmarks.csv`, `Scores.csv`) when there are habits; /archive: the
//! full archive as JSON.

use crate::bot::ui::Ctx;
use crate::i18n::Arg;
use crate::service::{diary, habits};

/// Sends the whole diary as `headlog-YYYY-MM-DD.csv`, then the habits' three files.
pub async fn export(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let diary = diary::export(ctx.tx, ctx.user.id).await?;
    let (today, _) = habits::today(ctx.tx, &ctx.user, ctx.now).await?;
    let habits = habits::export(ctx.tx, ctx.user.id, today).await?;
    if diary.is_none() && habits.is_none() {
        ctx.send(&ctx.t("export-empty"), None).await;
        return Ok(());
    }
    if let Some((csv, count)) = diary {
        let name = format!(
            "headlog-{}.csv",
            ctx.now.with_timezone(&ctx.zone()).format("%Y-%m-%d")
        );
        let caption = ctx.tr("export-caption", &[("count", Arg::Num(count))]);
        ctx.document(&name, csv, &caption).await;
    }
    if let Some(h) = habits {
        ctx.document("Habits.csv", h.habits, &ctx.t("export-habits-caption"))
            .await;
        ctx.document(
            "Checkmarks.csv",
            h.checkmarks,
            &ctx.t("export-checkmarks-caption"),
        )
        .await;
        ctx.document("Scores.csv", h.scores, &ctx.t("export-scores-caption"))
            .await;
    }
    Ok(())
}

/// Sends the full archive as `headlog-archive-YYYY-MM-DD.json`.
pub async fn archive(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let json = crate::service::archive::export(ctx.tx, &ctx.user, ctx.now).await?;
    let name = format!(
        "headlog-archive-{}.json",
        ctx.now.with_timezone(&ctx.zone()).format("%Y-%m-%d")
    );
    let caption = ctx.tr(
        "archive-caption",
        &[(
            "version",
            Arg::Num(i64::from(crate::service::archive::SCHEMA_VERSION)),
        )],
    );
    ctx.document(&name, json, &caption).await;
    Ok(())
}
