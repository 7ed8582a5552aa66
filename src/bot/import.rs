//! /import and every document a user sends: the file is downloaded, recognised and
//! counted, and a preview (what it holds, the date range, what is left out and why, what
//! was kept in comments) is shown with Import / Cancel. Import downloads the file again
//! by its Telegram id, checks it is the same file (SHA-256) and writes it in this update's
//! unit of work, so it lands whole or not at all; the result offers one undo.
//!
//! The download happens inside the update's unit of work: on SQLite that holds the writer
//! for as long as Telegram takes to hand over at most 20 MB (a fraction of a second from
//! its data centres); the bot's other users wait that long.

use crate::bot::api::DownloadError;
use crate::bot::report::text::date_label;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::{Callback, ImportAction};
use crate::bot::ui::keyboards::{button, inline};
use crate::i18n::Arg;
use crate::import::{self, MAX_FILE_BYTES, Refusal, RefusalKey, Source};
use crate::service::import::{Outcome, Summary};
use std::sync::Arc;
use teloxide_core::types::{Document, MessageId};

/// /import: what can be sent.
pub async fn intro(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    ctx.send(&ctx.t("import-intro"), None).await;
    Ok(())
}

fn source_name(ctx: &Ctx<'_>, source: Source) -> String {
    ctx.t(match source {
        Source::Archive => "import-source-archive",
        Source::DiaryCsv => "import-source-diary_csv",
        Source::MigraineBuddy => "import-source-migraine_buddy",
        Source::Loop => "import-source-loop",
    })
}

/// The translated explanation of a refusal.
fn refusal_text(ctx: &Ctx<'_>, r: &Refusal) -> String {
    let row = Arg::Num(r.row.map_or(0, |n| i64::try_from(n).unwrap_or(i64::MAX)));
    let field = || Arg::Str(r.field.clone().unwrap_or_default());
    match r.key {
        RefusalKey::Unknown => ctx.t("import-refused-unknown"),
        RefusalKey::TooBig => ctx.tr(
            "import-refused-too_big",
            &[("max", Arg::Num((MAX_FILE_BYTES / (1024 * 1024)) as i64))],
        ),
        RefusalKey::BadRow => ctx.tr("import-refused-bad_row", &[("row", row)]),
        RefusalKey::BadValue if r.row.is_some() => ctx.tr(
            "import-refused-bad_value",
            &[("row", row), ("field", field())],
        ),
        RefusalKey::BadValue => ctx.tr("import-refused-bad_field", &[("field", field())]),
        RefusalKey::BadJson => ctx.tr(
            "import-refused-bad_json",
            &[
                ("row", row),
                (
                    "field",
                    Arg::Str(r.field.clone().unwrap_or_else(|| "none".into())),
                ),
            ],
        ),
        RefusalKey::NewerSchema => ctx.tr(
            "import-refused-newer_schema",
            &[
                ("version", field()),
                (
                    "known",
                    Arg::Num(i64::from(crate::service::archive::SCHEMA_VERSION)),
                ),
            ],
        ),
        RefusalKey::BadZip => ctx.t("import-refused-bad_zip"),
        RefusalKey::Empty => ctx.t("import-refused-empty"),
    }
}

fn count_line(ctx: &Ctx<'_>, key: &str, c: crate::service::import::Count) -> Option<String> {
    let n = |v: u64| Arg::Num(i64::try_from(v).unwrap_or(i64::MAX));
    (c.new + c.known > 0).then(|| ctx.tr(key, &[("new", n(c.new)), ("known", n(c.known))]))
}

/// The preview's text.
fn preview_text(ctx: &Ctx<'_>, source: Source, s: &Summary) -> String {
    let mut lines = vec![ctx.tr(
        "import-preview-title",
        &[("source", Arg::Str(source_name(ctx, source)))],
    )];
    if let (Some(first), Some(last)) = (s.first, s.last) {
        let label = |d| Arg::Str(date_label(&ctx.bot.i18n, ctx.lang, d));
        lines.push(ctx.tr(
            "import-preview-range",
            &[("first", label(first)), ("last", label(last))],
        ));
    }
    lines.push(String::new());
    for (key, count) in [
        ("import-count-attacks", s.attacks),
        ("import-count-doses", s.doses),
        ("import-count-days", s.days),
        ("import-count-medications", s.medications),
        ("import-count-questionnaires", s.questionnaires),
        ("import-count-habits", s.habits),
        ("import-count-marks", s.marks),
    ] {
        lines.extend(count_line(ctx, key, count));
    }
    if s.settings {
        lines.push(ctx.t("import-settings"));
    }
    if !s.skipped.is_empty() {
        lines.push(String::new());
        lines.push(ctx.t("import-skipped-title"));
        for (reason, count) in &s.skipped {
            let key = match import::SkipReason::from_key(reason) {
                Some(import::SkipReason::Empty) => "import-skipped-empty",
                Some(import::SkipReason::UnknownHabit) => "import-skipped-unknown_habit",
                Some(import::SkipReason::AutoMark) => "import-skipped-auto_mark",
                None => continue,
            };
            let n = Arg::Num(i64::try_from(*count).unwrap_or(i64::MAX));
            lines.push(format!("• {}", ctx.tr(key, &[("count", n)])));
        }
    }
    if !s.kept.is_empty() {
        lines.push(String::new());
        lines.push(ctx.tr("import-kept", &[("columns", Arg::Str(s.kept.join(", ")))]));
    }
    lines.join("\n")
}

/// Downloads a file, or says why not (the answer already sent).
async fn download(ctx: &Ctx<'_>, file_id: &str) -> Option<Vec<u8>> {
    match ctx.bot.poll_api.download(file_id, MAX_FILE_BYTES).await {
        Ok(bytes) => Some(bytes),
        Err(DownloadError::TooBig) => {
            let text = refusal_text(ctx, &Refusal::new(RefusalKey::TooBig));
            ctx.send(&text, None).await;
            None
        }
        Err(DownloadError::Failed(reason)) => {
            tracing::warn!(%reason, "import: download failed");
            ctx.send(&ctx.t("import-download-failed"), None).await;
            None
        }
    }
}

async fn today(ctx: &Ctx<'_>) -> anyhow::Result<chrono::NaiveDate> {
    Ok(crate::service::habits::today(ctx.tx, &ctx.user, ctx.now)
        .await?
        .0)
}

/// A document the user sent: recognised and previewed.
pub async fn on_document(ctx: &Ctx<'_>, doc: &Document) -> anyhow::Result<()> {
    if u64::from(doc.file.size) > MAX_FILE_BYTES {
        let text = refusal_text(ctx, &Refusal::new(RefusalKey::TooBig));
        ctx.send(&text, None).await;
        return Ok(());
    }
    let file_id = doc.file.id.0.clone();
    let Some(bytes) = download(ctx, &file_id).await else {
        return Ok(());
    };
    let Some(source) = import::detect(&bytes) else {
        let text = refusal_text(ctx, &Refusal::new(RefusalKey::Unknown));
        ctx.send(&text, None).await;
        return Ok(());
    };
    let sha = crate::service::links::sha256_hex(&bytes);
    let today = today(ctx).await?;
    let outcome = crate::service::import::walk(
        ctx.tx,
        &ctx.user,
        source,
        Arc::new(bytes),
        today,
        ctx.now,
        None,
    )
    .await?;
    let summary = match outcome {
        Ok(s) => s,
        Err(refusal) => {
            ctx.send(&refusal_text(ctx, &refusal), None).await;
            return Ok(());
        }
    };
    let mut text = preview_text(ctx, source, &summary);
    let count = summary.new_records();
    // Settings alone are no reason to import (a re-sent archive carries them too).
    if count == 0 {
        text.push_str("\n\n");
        text.push_str(&ctx.t("import-nothing-new"));
        ctx.send(&text, None).await;
        return Ok(());
    }
    let id = ctx
        .tx
        .insert_import_batch(
            ctx.user.id,
            source.key(),
            &file_id,
            doc.file_name.as_deref(),
            &sha,
            &summary.to_json(),
            ctx.now.timestamp(),
        )
        .await?;
    text.push_str("\n\n");
    text.push_str(&ctx.tr(
        "import-confirm-question",
        &[("count", Arg::Num(i64::try_from(count).unwrap_or(i64::MAX)))],
    ));
    let (i18n, lang) = (&ctx.bot.i18n, ctx.lang);
    let keyboard = inline(vec![vec![
        button(
            i18n,
            lang,
            "btn-import-confirm",
            Callback::Import(ImportAction::Confirm, id),
        ),
        button(
            i18n,
            lang,
            "btn-import-cancel",
            Callback::Import(ImportAction::Cancel, id),
        ),
    ]]);
    ctx.send(&text, Some(keyboard.into())).await;
    Ok(())
}

/// A press on an import's button; the notice to answer it with.
pub async fn on_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    action: ImportAction,
    id: i64,
) -> anyhow::Result<Option<String>> {
    let Some(batch) = ctx.tx.import_batch(ctx.user.id, id).await? else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    let Some(source) = Source::from_key(&batch.source) else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    let now = ctx.now.timestamp();
    match action {
        ImportAction::Cancel => {
            if !ctx
                .tx
                .set_import_state(ctx.user.id, id, "previewed", "cancelled", now)
                .await?
            {
                return Ok(Some(already(ctx, &batch.state)));
            }
            ctx.edit(message, &ctx.t("import-cancelled"), None).await;
            Ok(None)
        }
        ImportAction::Confirm => {
            if batch.state != "previewed" {
                return Ok(Some(already(ctx, &batch.state)));
            }
            let Some(bytes) = download(ctx, &batch.file_id).await else {
                return Ok(None);
            };
            if crate::service::links::sha256_hex(&bytes) != batch.sha256 {
                ctx.send(&ctx.t("import-file-changed"), None).await;
                return Ok(None);
            }
            if !ctx
                .tx
                .set_import_state(ctx.user.id, id, "previewed", "applied", now)
                .await?
            {
                return Ok(Some(already(ctx, &batch.state)));
            }
            let today = today(ctx).await?;
            let outcome: Outcome = crate::service::import::walk(
                ctx.tx,
                &ctx.user,
                source,
                Arc::new(bytes),
                today,
                ctx.now,
                Some(id),
            )
            .await?;
            // The same bytes were read whole by the preview; a refusal now is a bug, and
            // the unit of work rolls back rather than keep half of the file.
            let summary =
                outcome.map_err(|r| anyhow::anyhow!("import {id}: refused on apply: {r:?}"))?;
            let count = Arg::Num(i64::try_from(summary.new_records()).unwrap_or(i64::MAX));
            let keyboard = inline(vec![vec![button(
                &ctx.bot.i18n,
                ctx.lang,
                "btn-import-undo",
                Callback::Import(ImportAction::Undo, id),
            )]]);
            ctx.edit(
                message,
                &ctx.tr("import-applied", &[("count", count)]),
                Some(keyboard),
            )
            .await;
            tracing::info!(
                import = id,
                source = source.key(),
                records = summary.new_records(),
                "import applied"
            );
            Ok(None)
        }
        ImportAction::Undo => {
            if !ctx
                .tx
                .set_import_state(ctx.user.id, id, "applied", "undone", now)
                .await?
            {
                return Ok(Some(already(ctx, &batch.state)));
            }
            let gone = crate::service::import::undo(ctx.tx, &ctx.user, id, ctx.now).await?;
            let count = Arg::Num(i64::try_from(gone).unwrap_or(i64::MAX));
            ctx.edit(message, &ctx.tr("import-undone", &[("count", count)]), None)
                .await;
            tracing::info!(import = id, records = gone, "import undone");
            Ok(None)
        }
    }
}

/// The answer to a press on an import that is past that step.
fn already(ctx: &Ctx<'_>, state: &str) -> String {
    match state {
        "applied" => ctx.t("import-already-applied"),
        "undone" => ctx.t("import-already-undone"),
        "cancelled" => ctx.t("import-cancelled"),
        _ => ctx.t("error-stale-button"),
    }
}
