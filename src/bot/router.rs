//! Routes one update to its handler. Private chats only; every button press is answered.

use super::BotCtx;
use super::callback::Callback;
use super::dialogue::{self, Dialogue};
use super::handlers::{
    Ctx, attack, checkin, details, export, forget, history, info, meds, settings, trash,
};
use std::collections::HashMap;
use teloxide_core::types::{CallbackQuery, ChatMemberUpdated, Message, Update, UpdateKind};

/// Longest text accepted (Telegram's own limit; longer means a forged update).
pub const MAX_TEXT: usize = 4096;

/// Main-menu actions, recognised by their button text in any language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuAction {
    /// Record an attack starting now.
    HeadacheNow,
    /// Show history.
    History,
    /// Export.
    Export,
    /// Help.
    Help,
    /// Cancel (on the share-location keyboard).
    Cancel,
    /// Mark a menstruation start today (shown while tracking is on).
    Period,
}

/// Button texts of every language mapped to their action.
pub fn menu_labels(i18n: &crate::i18n::I18n) -> HashMap<String, MenuAction> {
    [
        ("btn-headache-now", MenuAction::HeadacheNow),
        ("btn-history", MenuAction::History),
        ("btn-export", MenuAction::Export),
        ("btn-help", MenuAction::Help),
        ("btn-cancel", MenuAction::Cancel),
        ("btn-period", MenuAction::Period),
    ]
    .into_iter()
    .flat_map(|(key, action)| i18n.all_langs(key).map(move |(_, text)| (text, action)))
    .collect()
}

/// Handles one update. An `Err` is a failure worth retrying (the store did not answer).
pub async fn handle(bot: &BotCtx, update_id: i64, update: &Update) -> anyhow::Result<()> {
    match &update.kind {
        UpdateKind::Message(msg) => on_message(bot, update_id, msg).await,
        UpdateKind::CallbackQuery(q) => on_callback(bot, update_id, q).await,
        UpdateKind::MyChatMember(m) => on_member(bot, m).await,
        _ => Ok(()),
    }
}

async fn context<'a>(
    bot: &'a BotCtx,
    update_id: i64,
    from: &teloxide_core::types::User,
) -> anyhow::Result<Ctx<'a>> {
    let now = bot.clock.now();
    let id = i64::try_from(from.id.0)?;
    let user = bot
        .store
        .touch_user(id, from.language_code.as_deref(), now.timestamp())
        .await?;
    if user.blocked_at.is_some() {
        bot.store
            .set_user_blocked(id, None, now.timestamp())
            .await?;
    }
    Ok(Ctx {
        bot,
        lang: user.lang(),
        user,
        now,
        chat: id,
        update_id,
        keyboard: None,
    })
}

async fn on_message(bot: &BotCtx, update_id: i64, msg: &Message) -> anyhow::Result<()> {
    let Some(from) = msg.from.as_ref().filter(|_| msg.chat.is_private()) else {
        return Ok(());
    };
    let ctx = context(bot, update_id, from).await?;
    if let Some(loc) = msg.location() {
        return settings::location(&ctx, loc.latitude, loc.longitude).await;
    }
    let Some(text) = msg.text() else {
        ctx.send(&ctx.t("error-unknown-input"), None).await;
        return Ok(());
    };
    let length = text.chars().count();
    if length > MAX_TEXT {
        let args = [
            ("length", (length as i64).into()),
            ("max", (MAX_TEXT as i64).into()),
        ];
        ctx.send(&ctx.tr("error-too-long", &args), None).await;
        return Ok(());
    }
    if let Some(command) = text.strip_prefix('/') {
        return on_command(&ctx, command).await;
    }
    if let Some(action) = bot.menu.get(text.trim()).copied() {
        return on_menu(&ctx, action).await;
    }
    match dialogue::load(bot.store.as_ref(), ctx.user.id).await? {
        Some(Dialogue::AwaitZone) => settings::typed_zone(&ctx, text).await,
        Some(Dialogue::AwaitEnd {
            attack,
            then_start,
            origin,
        }) => attack::typed_end(&ctx, text, attack, then_start, origin).await,
        Some(Dialogue::Details { data }) => details::on_text(&ctx, text, data).await,
        Some(Dialogue::Meds { data }) => meds::on_text(&ctx, text, data).await,
        Some(Dialogue::Checkin { data }) => checkin::on_text(&ctx, text, data).await,
        Some(Dialogue::ConfirmForget { .. }) | None => {
            ctx.send(&ctx.t("error-unknown-input"), None).await;
            Ok(())
        }
    }
}

async fn on_command(ctx: &Ctx<'_>, command: &str) -> anyhow::Result<()> {
    let name = command
        .split_whitespace()
        .next()
        .unwrap_or("")
        .split('@')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match name.as_str() {
        "start" => info::start(ctx).await,
        "help" => info::help(ctx).await,
        "privacy" => info::privacy(ctx).await,
        "cancel" => info::cancel(ctx).await,
        "history" => history::show(ctx).await,
        "export" => export::export(ctx).await,
        "timezone" => settings::ask_zone(ctx).await,
        "language" => settings::ask_language(ctx).await,
        "forget" => forget::ask(ctx).await,
        "settings" => meds::settings(ctx).await,
        "took" => meds::took(ctx).await,
        "checkin" => checkin::start(ctx).await,
        "trash" => trash::show(ctx).await,
        "back" | "restart" | "stop" => checkin::on_command(ctx, &name).await,
        _ => {
            ctx.send(&ctx.t("error-unknown-command"), None).await;
            Ok(())
        }
    }
}

async fn on_menu(ctx: &Ctx<'_>, action: MenuAction) -> anyhow::Result<()> {
    // A menu tap abandons whatever the bot was waiting for.
    // (Read first: clearing a state that isn't there would still take SQLite's write lock.)
    let store = ctx.bot.store.as_ref();
    if action != MenuAction::Cancel && store.dialogue(ctx.user.id).await?.is_some() {
        dialogue::save(store, ctx.user.id, None, ctx.now.timestamp()).await?;
    }
    match action {
        MenuAction::HeadacheNow => attack::one_tap(ctx).await,
        MenuAction::History => history::show(ctx).await,
        MenuAction::Export => export::export(ctx).await,
        MenuAction::Help => info::help(ctx).await,
        MenuAction::Cancel => info::cancel(ctx).await,
        MenuAction::Period => meds::mark_period(ctx).await,
    }
}

async fn on_callback(bot: &BotCtx, update_id: i64, q: &CallbackQuery) -> anyhow::Result<()> {
    let mut ctx = context(bot, update_id, &q.from).await?;
    ctx.keyboard = q
        .message
        .as_ref()
        .and_then(|m| m.regular_message())
        .and_then(|m| m.reply_markup())
        .cloned();
    let message = q
        .message
        .as_ref()
        .filter(|m| m.chat().id.0 == ctx.chat)
        .map(|m| m.id());
    // Telegram sends an "inaccessible" message for old ones: the press is genuine, but an
    // edit cannot show its result, so the answer says it was done.
    let visible = q
        .message
        .as_ref()
        .is_some_and(|m| m.regular_message().is_some());
    let parsed = q.data.as_deref().and_then(Callback::parse);
    let notice = match (parsed, message) {
        (Some(cb), Some(message)) => {
            let notice = on_button(&ctx, message, cb).await?;
            if visible {
                notice
            } else {
                notice.or_else(|| Some(ctx.t("done")))
            }
        }
        _ => Some(ctx.t("error-stale-button")),
    };
    if let Err(e) = bot.tg.answer(&q.id.0, notice.as_deref()).await {
        tracing::warn!(chat = ctx.chat, error = %e, "answerCallbackQuery failed");
    }
    Ok(())
}

async fn on_button(
    ctx: &Ctx<'_>,
    message: teloxide_core::types::MessageId,
    cb: Callback,
) -> anyhow::Result<Option<String>> {
    match cb {
        Callback::EndNow(id) => attack::end_now(ctx, message, id).await,
        Callback::EndAt(id) => attack::ask_end(ctx, id).await,
        Callback::Undo(id) => attack::undo(ctx, message, id).await,
        Callback::Redo(id) => attack::redo(ctx, message, id).await,
        Callback::History(page) => history::page(ctx, message, page).await,
        Callback::Open(id, page) => history::open(ctx, message, id, page).await,
        Callback::Delete(id, page) => history::delete(ctx, message, id, page).await,
        Callback::Restore(id, page) => history::restore(ctx, message, id, page).await,
        Callback::Zone(zone) => settings::set_zone(ctx, Some(message), zone)
            .await
            .map(|_| None),
        Callback::Language(lang) => settings::set_language(ctx, message, lang).await,
        Callback::Forget(nonce) => forget::confirm(ctx, message, nonce).await,
        Callback::KeepDiary => forget::keep(ctx, message).await,
        Callback::Details(p) => details::on_button(ctx, message, &p).await,
        Callback::Meds(p) => meds::on_button(ctx, message, &p).await,
        Callback::Checkin(p) => checkin::on_button(ctx, message, &p).await,
        Callback::Trash(p) => trash::on_button(ctx, message, &p).await,
    }
}

async fn on_member(bot: &BotCtx, m: &ChatMemberUpdated) -> anyhow::Result<()> {
    if !m.chat.is_private() {
        return Ok(());
    }
    let now = bot.clock.now().timestamp();
    let id = i64::try_from(m.from.id.0)?;
    let blocked = m.new_chat_member.is_banned() || m.new_chat_member.is_left();
    tracing::info!(chat = id, blocked, "chat membership changed");
    bot.store
        .set_user_blocked(id, blocked.then_some(now), now)
        .await?;
    Ok(())
}
