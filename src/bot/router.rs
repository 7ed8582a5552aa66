//! Routes one update to its handler. Private chats only; every button press is answered.

use super::BotCtx;
use super::account::{self, forget};
use super::attack::{self, details};
use super::ui::callback::Callback;
use super::ui::callback::meds::Action as MedAction;
use super::ui::dialogue::{self, Dialogue};
use super::ui::{Ctx, Outgoing, record};
use super::{
    checkin, export, habits, history, meds, questionnaire, reminders, report, settings, trash,
};
use crate::domain::ratelimit::Admit;
use crate::domain::user::User;
use crate::store::Tx;
use chrono::{DateTime, Utc};
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
    /// Ask which period to report.
    Report,
    /// Today's habits.
    Habits,
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
        ("btn-report", MenuAction::Report),
        ("btn-habits", MenuAction::Habits),
    ]
    .into_iter()
    .flat_map(|(key, action)| i18n.all_langs(key).map(move |(_, text)| (text, action)))
    .collect()
}

/// Handles one update inside the unit of work `tx`; returns what it queued to send. An
/// `Err` rolls the unit of work back (to be tried again).
pub async fn handle(
    bot: &BotCtx,
    tx: &Tx,
    update_id: i64,
    update: &Update,
    now: DateTime<Utc>,
    admitted: Admit,
) -> anyhow::Result<Outgoing> {
    let ctx = match &update.kind {
        UpdateKind::Message(msg) => match msg.from.as_ref().filter(|_| msg.chat.is_private()) {
            Some(from) => Some((context(bot, tx, update_id, from, now).await?, None)),
            None => None,
        },
        UpdateKind::CallbackQuery(q) => {
            Some((context(bot, tx, update_id, &q.from, now).await?, Some(q)))
        }
        UpdateKind::MyChatMember(m) => {
            on_member(bot, tx, m).await?;
            None
        }
        _ => None,
    };
    let Some((mut ctx, query)) = ctx else {
        return Ok(Outgoing::default());
    };
    // An admin suspended this user: one polite notice, no diary processing at all.
    if tx.user_suspended(ctx.user.id).await? {
        if admitted != Admit::Drop {
            super::admin::suspended(&ctx, query).await;
        } else if let Some(q) = query {
            ctx.answer(&q.id.0, None).await;
        }
        return Ok(ctx.out);
    }
    match (admitted, query) {
        (Admit::Yes, None) => {
            if let UpdateKind::Message(msg) = &update.kind {
                on_message(&ctx, msg).await?;
            }
        }
        (Admit::Yes, Some(q)) => on_callback(&mut ctx, q).await?,
        (Admit::Warn, q) => {
            let text = ctx.t("error-slow-down");
            match q {
                Some(q) => ctx.answer(&q.id.0, Some(&text)).await,
                None => {
                    ctx.send(&text, None).await;
                }
            }
        }
        // Closed without effect; a press is still answered, or its button spins.
        (Admit::Drop, Some(q)) => ctx.answer(&q.id.0, None).await,
        (Admit::Drop, None) => {}
    }
    Ok(ctx.out)
}

async fn context<'a>(
    bot: &'a BotCtx,
    tx: &'a Tx,
    update_id: i64,
    from: &teloxide_core::types::User,
    now: DateTime<Utc>,
) -> anyhow::Result<Ctx<'a>> {
    let id = i64::try_from(from.id.0)?;
    let user = tx
        .touch_user(id, from.language_code.as_deref(), now.timestamp())
        .await?;
    tx.note_user_seen(id, now.timestamp()).await?;
    let user = if user.blocked_at.is_some() {
        crate::service::reminders::set_blocked(tx, id, None, now).await?;
        User {
            blocked_at: None,
            ..user
        }
    } else {
        user
    };
    Ok(Ctx {
        bot,
        tx,
        lang: user.lang(),
        user,
        now,
        chat: id,
        update_id,
        keyboard: None,
        out: Outgoing::default(),
    })
}

async fn on_message(ctx: &Ctx<'_>, msg: &Message) -> anyhow::Result<()> {
    let bot = ctx.bot;
    if let Some(loc) = msg.location() {
        return settings::location(ctx, loc.latitude, loc.longitude).await;
    }
    if let Some(doc) = msg.document() {
        return super::import::on_document(ctx, doc).await;
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
        return on_command(ctx, command).await;
    }
    if let Some(action) = bot.menu.get(text.trim()).copied() {
        return on_menu(ctx, action).await;
    }
    match dialogue::load(ctx.tx, ctx.user.id).await? {
        Some(Dialogue::AwaitZone { .. }) => settings::typed_zone(ctx, text).await,
        Some(Dialogue::AwaitCheckinTime) => settings::typed_checkin(ctx, text).await,
        Some(Dialogue::AwaitPeriodDay { from, message }) => {
            settings::typed_period_day(ctx, text, &from, message).await
        }
        Some(Dialogue::AwaitEnd {
            attack,
            then_start,
            origin,
            card,
            prompt,
        }) => {
            let ask = attack::AskedEnd {
                attack,
                then_start,
                origin,
                card,
                prompt,
            };
            attack::typed_end(ctx, text, ask).await
        }
        Some(Dialogue::AwaitReportDates { message }) => {
            report::typed_dates(ctx, text, message).await
        }
        Some(Dialogue::Details { data }) => details::on_text(ctx, text, data).await,
        Some(Dialogue::Meds { data }) => meds::on_text(ctx, text, data).await,
        Some(Dialogue::Checkin { data }) => checkin::on_text(ctx, text, data).await,
        Some(Dialogue::Questionnaire { data }) => questionnaire::on_text(ctx, text, data).await,
        Some(Dialogue::Habits { data }) => habits::on_text(ctx, text, data).await,
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
        "start" => {
            if account::start(ctx).await? {
                settings::ask_zone(ctx).await?;
            }
            Ok(())
        }
        "help" => account::help(ctx).await,
        "privacy" => account::privacy(ctx).await,
        "cancel" => account::cancel(ctx).await,
        "history" => history::show(ctx).await,
        "export" => export::export(ctx).await,
        "archive" => export::archive(ctx).await,
        "import" => super::import::intro(ctx).await,
        "timezone" => settings::ask_zone(ctx).await,
        "language" => settings::ask_language(ctx).await,
        "forget" => forget::ask(ctx).await,
        "settings" => settings::settings(ctx).await,
        "took" => meds::took(ctx).await,
        "checkin" => checkin::start(ctx).await,
        "trash" => trash::show(ctx).await,
        "report" => report::show(ctx).await,
        "token" => super::token::show(ctx).await,
        "habits" => habits::today(ctx).await,
        "admin" => super::admin::login_link(ctx).await,
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
    let store = ctx.tx;
    if action != MenuAction::Cancel && store.dialogue(ctx.user.id).await?.is_some() {
        dialogue::save(store, ctx.user.id, None, ctx.now.timestamp()).await?;
    }
    match action {
        MenuAction::HeadacheNow => attack::one_tap(ctx).await,
        MenuAction::History => history::show(ctx).await,
        MenuAction::Export => export::export(ctx).await,
        MenuAction::Help => account::help(ctx).await,
        MenuAction::Cancel => account::cancel(ctx).await,
        MenuAction::Period => settings::mark_period(ctx).await,
        MenuAction::Report => report::show(ctx).await,
        MenuAction::Habits => habits::today(ctx).await,
    }
}

async fn on_callback(ctx: &mut Ctx<'_>, q: &CallbackQuery) -> anyhow::Result<()> {
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
            let notice = on_button(ctx, message, cb).await?;
            if visible {
                notice
            } else {
                notice.or_else(|| Some(ctx.t("done")))
            }
        }
        _ => Some(ctx.t("error-stale-button")),
    };
    ctx.answer(&q.id.0, notice.as_deref()).await;
    Ok(())
}

async fn on_button(
    ctx: &Ctx<'_>,
    message: teloxide_core::types::MessageId,
    cb: Callback,
) -> anyhow::Result<Option<String>> {
    match cb {
        Callback::EndNow(id) => attack::end_now(ctx, message, id).await,
        Callback::Import(action, id) => super::import::on_button(ctx, message, action, id).await,
        Callback::EndAt(id) => attack::ask_end(ctx, message, id).await,
        Callback::Undo(id) => attack::undo(ctx, message, id).await,
        Callback::Redo(id) => attack::redo(ctx, message, id).await,
        Callback::History(page) => history::page(ctx, message, page).await,
        Callback::Open(id, page) => record::open(ctx, message, id, page).await,
        Callback::Delete(id, page) => history::delete(ctx, message, id, page).await,
        Callback::Restore(id, page) => history::restore(ctx, message, id, page).await,
        Callback::Zone(zone) => settings::set_zone(ctx, Some(message), zone)
            .await
            .map(|_| None),
        Callback::Language(lang) => settings::set_language(ctx, message, lang).await,
        Callback::Forget(nonce) => forget::confirm(ctx, message, nonce).await,
        Callback::KeepDiary => forget::keep(ctx, message).await,
        Callback::Details(p) => details::on_button(ctx, message, &p).await,
        Callback::Meds(p) => match MedAction::parse(&p) {
            Some(action) if action.is_settings() => settings::on_button(ctx, message, action).await,
            Some(action) => meds::on_button(ctx, message, action).await,
            None => Ok(Some(ctx.t("error-stale-button"))),
        },
        Callback::Checkin(p) => checkin::on_button(ctx, message, &p).await,
        Callback::Trash(p) => trash::on_button(ctx, message, &p).await,
        Callback::Remind(p) => on_reminder(ctx, message, &p).await,
        Callback::Report(p) => report::on_button(ctx, message, &p).await,
        Callback::Quest(p) => questionnaire::on_button(ctx, message, &p).await,
        Callback::Token(p) => super::token::on_button(ctx, message, &p).await,
        Callback::Habit(p) => habits::on_button(ctx, message, &p).await,
        Callback::Export(p) => export::on_button(ctx, message, &p).await,
    }
}

/// A reminder's button: "log one" and "continue" open the check-in; the rest are the
/// reminder feature's.
async fn on_reminder(
    ctx: &Ctx<'_>,
    message: teloxide_core::types::MessageId,
    payload: &str,
) -> anyhow::Result<Option<String>> {
    use super::ui::callback::reminders::Action;
    match Action::parse(payload) {
        Some(Action::Log(r)) => {
            let Some(day) = crate::domain::reminders::ref_day(r) else {
                return Ok(Some(ctx.t("error-stale-button")));
            };
            ctx.retire(super::outbox::MsgRef(i64::from(message.0)))
                .await;
            checkin::start_on(ctx, day).await?;
            Ok(None)
        }
        Some(Action::Resume) => {
            ctx.retire(super::outbox::MsgRef(i64::from(message.0)))
                .await;
            checkin::start(ctx).await?;
            Ok(None)
        }
        Some(action) => reminders::on_button(ctx, message, action).await,
        None => Ok(Some(ctx.t("error-stale-button"))),
    }
}

async fn on_member(bot: &BotCtx, tx: &Tx, m: &ChatMemberUpdated) -> anyhow::Result<()> {
    if !m.chat.is_private() {
        return Ok(());
    }
    let now = bot.clock.now();
    let id = i64::try_from(m.from.id.0)?;
    let blocked = m.new_chat_member.is_banned() || m.new_chat_member.is_left();
    tracing::info!(chat = id, blocked, "chat membership changed");
    let at = blocked.then_some(now.timestamp());
    crate::service::reminders::set_blocked(tx, id, at, now).await?;
    Ok(())
}
