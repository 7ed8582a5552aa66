//! /export: a menu (one message, its buttons kept) offering the diary CSV, the habits as
//! Loop-shaped CSVs (`Habits.csv`, `Checkmarks.csv`, `Scores.csv`, shown only with habits),
//! the full archive as JSON and a FHIR R4 bundle; /archive: the full archive at once.

use crate::bot::ui::Ctx;
use crate::bot::ui::callback::export::Choice;
use crate::bot::ui::keyboards::inline;
use crate::i18n::Arg;
use crate::service::{diary, fhir, habits};
use teloxide_core::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId, ReplyMarkup};

/// How long a second press of the same choice is taken for a double tap (seconds): the
/// dedup key holds the minute, and the minute before is checked too, so 60–120 s.
const DOUBLE_TAP_S: i64 = 60;

fn label_key(choice: Choice) -> &'static str {
    match choice {
        Choice::Diary => "btn-export-diary",
        Choice::Habits => "btn-export-habits",
        Choice::Archive => "btn-export-archive",
        Choice::Fhir => "btn-export-fhir",
    }
}

fn keyboard(ctx: &Ctx<'_>, with_habits: bool) -> InlineKeyboardMarkup {
    let rows = Choice::ALL
        .into_iter()
        .filter(|c| with_habits || *c != Choice::Habits)
        .map(|c| {
            vec![InlineKeyboardButton::callback(
                ctx.t(label_key(c)),
                c.callback().encode(),
            )]
        })
        .collect();
    inline(rows)
}

/// Today in the user's zone, for file names.
fn day(ctx: &Ctx<'_>) -> String {
    ctx.now
        .with_timezone(&ctx.zone())
        .format("%Y-%m-%d")
        .to_string()
}

/// /export: the menu, or "nothing to export" when there is neither a record nor a habit.
pub async fn export(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let with_diary = diary::has_records(ctx.tx, ctx.user.id).await?;
    let with_habits = !ctx.tx.all_habits(ctx.user.id).await?.is_empty();
    if !with_diary && !with_habits {
        ctx.send(&ctx.t("export-empty"), None).await;
        return Ok(());
    }
    let keyboard = keyboard(ctx, with_habits);
    ctx.send(
        &ctx.t("export-choose"),
        Some(ReplyMarkup::InlineKeyboard(keyboard)),
    )
    .await;
    Ok(())
}

/// A menu button: sends what it names below the menu, once per double tap.
pub async fn on_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    payload: &str,
) -> anyhow::Result<Option<String>> {
    let Some(choice) = Choice::parse(payload) else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    let minute = ctx.now.timestamp().div_euclid(DOUBLE_TAP_S);
    let key = |m: i64| format!("export:{}:{}:{}:{m}", ctx.chat, message.0, choice.key());
    for m in [minute, minute - 1] {
        if ctx.tx.outbox_has_key(&format!("{}:0", key(m))).await? {
            return Ok(Some(ctx.t("export-already-sent")));
        }
    }
    let sent = match choice {
        Choice::Diary => send_diary(ctx, &key(minute)).await?,
        Choice::Habits => send_habits(ctx, &key(minute)).await?,
        Choice::Archive => {
            ctx.out.key_replies(key(minute));
            archive(ctx).await?;
            true
        }
        Choice::Fhir => {
            ctx.out.key_replies(key(minute));
            send_fhir(ctx).await?;
            true
        }
    };
    Ok((!sent).then(|| ctx.t("export-empty")))
}

async fn send_diary(ctx: &Ctx<'_>, key: &str) -> anyhow::Result<bool> {
    let Some((csv, count)) = diary::export(ctx.tx, ctx.user.id).await? else {
        return Ok(false);
    };
    ctx.out.key_replies(key.to_owned());
    let caption = ctx.tr("export-caption", &[("count", Arg::Num(count))]);
    ctx.document(&format!("headlog-{}.csv", day(ctx)), csv, &caption)
        .await;
    Ok(true)
}

async fn send_habits(ctx: &Ctx<'_>, key: &str) -> anyhow::Result<bool> {
    let (today, _) = habits::today(ctx.tx, &ctx.user, ctx.now).await?;
    let Some(h) = habits::export(ctx.tx, ctx.user.id, today).await? else {
        return Ok(false);
    };
    ctx.out.key_replies(key.to_owned());
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
    Ok(true)
}

async fn send_fhir(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let made = fhir::export(ctx.tx, &ctx.user, ctx.now).await?;
    let caption = ctx.tr(
        "export-fhir-caption",
        &[("count", Arg::Num(i64::try_from(made.resources)?))],
    );
    ctx.document(
        &format!("headlog-fhir-{}.json", day(ctx)),
        made.json,
        &caption,
    )
    .await;
    Ok(())
}

/// Sends the full archive as `headlog-archive-YYYY-MM-DD.json`.
pub async fn archive(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let json = crate::service::archive::export(ctx.tx, &ctx.user, ctx.now).await?;
    let caption = ctx.tr(
        "archive-caption",
        &[(
            "version",
            Arg::Num(i64::from(crate::service::archive::SCHEMA_VERSION)),
        )],
    );
    ctx.document(
        &format!("headlog-archive-{}.json", day(ctx)),
        json,
        &caption,
    )
    .await;
    Ok(())
}
