//! /trash: records deleted in the last 30 days, newest deletion first, each restorable.
//! Older deletions are purged for good by a background job (see `startup`).

use crate::bot::ui::Ctx;
use crate::bot::ui::callback::Callback;
use crate::bot::ui::keyboards::inline;
use crate::domain::attack::Attack;
use crate::service::diary;
use teloxide_core::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId, ReplyMarkup};

/// Records shown per page.
const PAGE: usize = 10;

enum Action {
    Restore(i64, usize),
    Page(usize),
}

fn parse(payload: &str) -> Option<Action> {
    let (tag, rest) = payload.split_once(':')?;
    match tag {
        "r" => {
            let (id, page) = rest.split_once(':')?;
            Some(Action::Restore(id.parse().ok()?, page.parse().ok()?))
        }
        "p" => Some(Action::Page(rest.parse().ok()?)),
        _ => None,
    }
}

fn line(ctx: &Ctx<'_>, a: &Attack) -> String {
    let start = ctx.when(a.started_at, a.zone);
    let deleted = a
        .deleted_at
        .map(|d| ctx.when(d, ctx.zone()))
        .unwrap_or_default();
    ctx.tr(
        "trash-line",
        &[
            ("start", start.into()),
            ("duration", ctx.attack_duration(a).into()),
            ("deleted", deleted.into()),
        ],
    )
}

async fn render(
    ctx: &Ctx<'_>,
    page: usize,
) -> anyhow::Result<(String, Option<InlineKeyboardMarkup>)> {
    let since = (ctx.now - diary::TRASH_KEEP).timestamp();
    let all = ctx.tx.deleted_attacks(ctx.user.id, since).await?;
    if all.is_empty() {
        return Ok((ctx.t("trash-empty"), None));
    }
    let pages = all.len().div_ceil(PAGE);
    let page = page.min(pages - 1);
    let items = &all[page * PAGE..(page * PAGE + PAGE).min(all.len())];
    let mut text = ctx.tr("trash-header", &[("count", (all.len() as i64).into())]);
    let mut buttons = Vec::new();
    for (i, a) in items.iter().enumerate() {
        text.push_str(&format!("\n{}. {}", i + 1, line(ctx, a)));
        let label = ctx.tr("trash-restore", &[("n", ((i + 1) as i64).into())]);
        buttons.push(InlineKeyboardButton::callback(
            label,
            Callback::Trash(format!("r:{}:{page}", a.id)).encode(),
        ));
    }
    let mut rows: Vec<Vec<InlineKeyboardButton>> = buttons.chunks(3).map(<[_]>::to_vec).collect();
    let mut nav = Vec::new();
    if page > 0 {
        nav.push(InlineKeyboardButton::callback(
            ctx.t("btn-newer"),
            Callback::Trash(format!("p:{}", page - 1)).encode(),
        ));
    }
    if page + 1 < pages {
        nav.push(InlineKeyboardButton::callback(
            ctx.t("btn-older"),
            Callback::Trash(format!("p:{}", page + 1)).encode(),
        ));
    }
    rows.push(nav);
    Ok((text, Some(inline(rows))))
}

/// /trash.
pub async fn show(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let (text, keyboard) = render(ctx, 0).await?;
    ctx.send(&text, keyboard.map(ReplyMarkup::InlineKeyboard))
        .await;
    Ok(())
}

/// Restore and paging buttons.
pub async fn on_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    payload: &str,
) -> anyhow::Result<Option<String>> {
    let Some(action) = parse(payload) else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    let (page, notice) = match action {
        Action::Page(page) => (page, None),
        Action::Restore(id, page) => {
            let store = ctx.tx;
            let restorable = store.attack(ctx.user.id, id).await?.is_some_and(|a| {
                a.deleted_at
                    .is_some_and(|d| d >= ctx.now - diary::TRASH_KEEP)
            });
            if !restorable {
                return Ok(Some(ctx.t("attack-gone")));
            }
            let restored =
                crate::service::diary::restore_attack(store, ctx.user.id, id, ctx.now).await?;
            let notice = restored.map(|a| {
                ctx.tr(
                    "record-restored",
                    &[("start", ctx.when(a.started_at, a.zone).into())],
                )
            });
            (page, notice)
        }
    };
    let (text, keyboard) = render(ctx, page).await?;
    ctx.edit(message, &text, keyboard).await;
    Ok(notice)
}
