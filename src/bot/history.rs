//! History: pages of ten, newest first; a record opens with edit, delete and back.

use crate::bot::ui::Ctx;
use crate::bot::ui::callback::Callback;
use crate::bot::ui::format::short;
use crate::bot::ui::keyboards::{button, inline};
use crate::bot::ui::record;
use crate::domain::attack::Attack;
use crate::domain::medication::Intake;
use crate::service::diary::{self, HistoryPage, PAGE_SIZE};
use crate::service::meds::dose_label;
use teloxide_core::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId, ReplyMarkup};

/// Longest list of dose names on a history line.
const DOSES_MAX: usize = 60;

fn line(ctx: &Ctx<'_>, a: &Attack, doses: &[Intake]) -> String {
    let duration = ctx.attack_duration(a);
    let times = match a.ended_at {
        Some(end) => ctx.tr(
            "history-line",
            &[
                ("range", ctx.range(a.started_at, end, a.zone).into()),
                ("duration", duration.into()),
            ],
        ),
        None if a.end_unknown => ctx.tr(
            "history-line-end-unknown",
            &[("start", ctx.when(a.started_at, a.zone).into())],
        ),
        None => ctx.tr(
            "history-line-open",
            &[
                ("start", ctx.when(a.started_at, a.zone).into()),
                ("duration", duration.into()),
            ],
        ),
    };
    let line = match a.intensity {
        Some(i) => ctx.tr(
            "history-line-intensity",
            &[("line", times.into()), ("intensity", i64::from(i).into())],
        ),
        None => times,
    };
    if doses.is_empty() {
        return line;
    }
    let names: Vec<String> = doses
        .iter()
        .map(|i| dose_label(&i.name, i.dose.as_deref()))
        .collect();
    let args = [
        ("line", line.into()),
        ("doses", short(&names.join(", "), DOSES_MAX).into()),
    ];
    ctx.tr("history-line-doses", &args)
}

async fn render(
    ctx: &Ctx<'_>,
    page: &HistoryPage,
) -> anyhow::Result<(String, Option<InlineKeyboardMarkup>)> {
    if page.items.is_empty() {
        return Ok((ctx.t("history-empty"), None));
    }
    let first = page.page * PAGE_SIZE + 1;
    let last = first + page.items.len() as i64 - 1;
    // "1–1 of 1" is no range: one record on a page is named alone.
    let header = if first == last {
        "history-header-one"
    } else {
        "history-header"
    };
    let mut text = ctx.tr(
        header,
        &[
            ("from", first.into()),
            ("to", last.into()),
            ("total", page.total.into()),
        ],
    );
    let mut numbers: Vec<InlineKeyboardButton> = Vec::new();
    // Numbers go on across pages: the 11th record is 11 on page two, as in the header.
    let ids: Vec<i64> = page.items.iter().map(|a| a.id).collect();
    let all = ctx.tx.intakes_for_attacks(ctx.user.id, &ids).await?;
    for (n, a) in (first..).zip(&page.items) {
        let doses: Vec<Intake> = all
            .iter()
            .filter(|i| i.attack_id == Some(a.id))
            .cloned()
            .collect();
        text.push_str(&format!("\n{n}. {}", line(ctx, a, &doses)));
        numbers.push(InlineKeyboardButton::callback(
            n.to_string(),
            Callback::Open(a.id, page.page).encode(),
        ));
    }
    let mut rows: Vec<Vec<InlineKeyboardButton>> = numbers.chunks(5).map(|c| c.to_vec()).collect();
    let mut nav = Vec::new();
    if page.page > 0 {
        nav.push(button(
            &ctx.bot.i18n,
            ctx.lang,
            "btn-newer",
            Callback::History(page.page - 1),
        ));
    }
    if page.has_older() {
        nav.push(button(
            &ctx.bot.i18n,
            ctx.lang,
            "btn-older",
            Callback::History(page.page + 1),
        ));
    }
    rows.push(nav);
    Ok((text, Some(inline(rows))))
}

/// The newest page, as a new message.
pub async fn show(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let page = diary::history(ctx.tx, ctx.user.id, 0).await?;
    let (text, keyboard) = render(ctx, &page).await?;
    ctx.send(&text, keyboard.map(ReplyMarkup::InlineKeyboard))
        .await;
    Ok(())
}

/// Another page, in place.
pub async fn page(ctx: &Ctx<'_>, message: MessageId, page: i64) -> anyhow::Result<Option<String>> {
    let page = diary::history(ctx.tx, ctx.user.id, page).await?;
    let (text, keyboard) = render(ctx, &page).await?;
    ctx.edit(message, &text, keyboard).await;
    Ok(None)
}

/// Deletes (softly) from the record's view; offers restore.
pub async fn delete(
    ctx: &Ctx<'_>,
    message: MessageId,
    id: i64,
    page: i64,
) -> anyhow::Result<Option<String>> {
    let Some(a) = diary::delete_attack(ctx.tx, ctx.user.id, id, ctx.now).await? else {
        return Ok(Some(ctx.t("attack-gone")));
    };
    let keyboard = inline(vec![vec![
        button(
            &ctx.bot.i18n,
            ctx.lang,
            "btn-restore",
            Callback::Restore(id, page),
        ),
        button(&ctx.bot.i18n, ctx.lang, "btn-back", Callback::History(page)),
    ]]);
    let text = ctx.tr(
        "record-deleted",
        &[("start", ctx.when(a.started_at, a.zone).into())],
    );
    ctx.edit(message, &text, Some(keyboard)).await;
    Ok(None)
}

/// Restores a record deleted from its view and shows it again.
pub async fn restore(
    ctx: &Ctx<'_>,
    message: MessageId,
    id: i64,
    page: i64,
) -> anyhow::Result<Option<String>> {
    let Some(a) = diary::restore_attack(ctx.tx, ctx.user.id, id, ctx.now).await? else {
        return Ok(Some(ctx.t("attack-gone")));
    };
    let notice = ctx.tr(
        "record-restored",
        &[("start", ctx.when(a.started_at, a.zone).into())],
    );
    record::open(ctx, message, id, page).await?;
    Ok(Some(notice))
}
