//! The one tap and what follows it: ended now, ended at a typed time, undo.

use crate::bot::outbox::MsgRef;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::Callback;
use crate::bot::ui::dialogue::{self, Dialogue};
use crate::bot::ui::keyboards;
use crate::domain::attack::Attack;
use crate::domain::typed_time::parse_typed_time;
use crate::i18n::Arg;
use crate::service::diary::{self, EndError, OneTap};
use chrono::DateTime;
use teloxide_core::types::{InlineKeyboardMarkup, MessageId, ReplyMarkup};

fn start_arg(ctx: &Ctx<'_>, a: &Attack) -> (&'static str, Arg) {
    ("start", ctx.when(a.started_at, a.zone).into())
}

/// "Headache ended: start – end (duration)", under the given key.
fn ended_text(ctx: &Ctx<'_>, key: &str, a: &Attack) -> String {
    let end = a.ended_at.unwrap_or(ctx.now);
    ctx.tr(
        key,
        &[
            ("range", ctx.range(a.started_at, end, a.zone).into()),
            ("duration", ctx.attack_duration(a).into()),
        ],
    )
}

/// Under an ended attack: "Took medication" and "Add details".
fn ended_keyboard(ctx: &Ctx<'_>, a: &Attack) -> InlineKeyboardMarkup {
    let (i18n, lang) = (&ctx.bot.i18n, ctx.lang);
    keyboards::inline(vec![vec![
        keyboards::took_medication(i18n, lang, a.id),
        keyboards::add_details(i18n, lang, a.id),
    ]])
}

/// The attack's own message (what the details editor's "Done" goes back to).
pub(super) fn attack_message(ctx: &Ctx<'_>, a: &Attack) -> (String, InlineKeyboardMarkup) {
    match tap_view(ctx, a, "attack-recorded") {
        (text, Some(ReplyMarkup::InlineKeyboard(k))) => (text, k),
        (text, _) => (text, ended_keyboard(ctx, a)),
    }
}

/// The message of an attack as the one tap shows it, with its buttons.
fn tap_view(ctx: &Ctx<'_>, a: &Attack, key: &str) -> (String, Option<ReplyMarkup>) {
    if !a.is_open() {
        let keyboard = ended_keyboard(ctx, a);
        return (
            ended_text(ctx, "attack-ended", a),
            Some(ReplyMarkup::InlineKeyboard(keyboard)),
        );
    }
    let mut text = ctx.tr(
        key,
        &[
            start_arg(ctx, a),
            ("duration", ctx.attack_duration(a).into()),
        ],
    );
    if ctx.user.zone.is_none() {
        text.push_str("\n\n");
        text.push_str(&ctx.t("tz-not-set-hint"));
    }
    let keyboard = keyboards::open_attack(&ctx.bot.i18n, ctx.lang, a.id);
    (text, Some(ReplyMarkup::InlineKeyboard(keyboard)))
}

/// "Headache now".
pub async fn one_tap(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let store = ctx.tx;
    match diary::one_tap(store, &ctx.user, ctx.now, ctx.update_id).await? {
        OneTap::Recorded(a) => {
            let (text, markup) = tap_view(ctx, &a, "attack-recorded");
            ctx.send(&text, markup).await;
        }
        OneTap::AlreadyOpen(a) => {
            let (text, markup) = tap_view(ctx, &a, "attack-already-open");
            ctx.send(&text, markup).await;
        }
        OneTap::StaleOpen(a) => {
            let state = Dialogue::AwaitEnd {
                attack: a.id,
                then_start: Some(ctx.now.timestamp()),
                origin: Some(ctx.update_id),
                card: None,
                prompt: None,
            };
            dialogue::save(store, ctx.user.id, Some(&state), ctx.now.timestamp()).await?;
            let text = ctx.tr(
                "attack-stale-open",
                &[
                    start_arg(ctx, &a),
                    ("duration", ctx.attack_duration(&a).into()),
                    ("now", ctx.when(ctx.now, ctx.zone()).into()),
                ],
            );
            ctx.send(&text, None).await;
        }
    }
    Ok(())
}

/// "Ended now" on an attack's message.
pub async fn end_now(ctx: &Ctx<'_>, message: MessageId, id: i64) -> anyhow::Result<Option<String>> {
    let store = ctx.tx;
    match diary::end_attack(store, ctx.user.id, id, ctx.now, ctx.now).await {
        Ok(a) => {
            let keyboard = ended_keyboard(ctx, &a);
            ctx.edit(
                message,
                &ended_text(ctx, "attack-ended", &a),
                Some(keyboard),
            )
            .await;
            Ok(None)
        }
        Err(EndError::AlreadyEnded(a)) => {
            let text = ended_text(ctx, "attack-already-ended", &a);
            ctx.edit(message, &text, Some(ended_keyboard(ctx, &a)))
                .await;
            Ok(Some(ctx.t("done")))
        }
        Err(EndError::NotFound) => Ok(Some(ctx.t("attack-gone"))),
        Err(EndError::Store(e)) => Err(e.into()),
        // The clock cannot put "now" before a start it recorded, but a start typed in
        // another zone's future could: say so instead of guessing.
        Err(EndError::BeforeStart(a)) => Ok(Some(
            ctx.tr("attack-end-before-start", &[start_arg(ctx, &a)]),
        )),
        Err(EndError::InFuture) => Ok(Some(ctx.t("attack-end-in-future"))),
    }
}

/// "Ended at…" on the card `message`: asks for the time.
pub async fn ask_end(ctx: &Ctx<'_>, message: MessageId, id: i64) -> anyhow::Result<Option<String>> {
    let store = ctx.tx;
    match store.attack(ctx.user.id, id).await? {
        Some(a) if a.deleted_at.is_none() && a.is_open() => {
            let prompt = ctx.send(&ctx.t("attack-ask-end"), None).await;
            let state = Dialogue::AwaitEnd {
                attack: id,
                then_start: None,
                origin: None,
                card: Some(i64::from(message.0)),
                prompt: prompt.map(|p| p.0),
            };
            dialogue::save(store, ctx.user.id, Some(&state), ctx.now.timestamp()).await?;
            Ok(None)
        }
        Some(a) if a.deleted_at.is_none() => Ok(Some(ended_text(ctx, "attack-already-ended", &a))),
        _ => Ok(Some(ctx.t("attack-gone"))),
    }
}

/// What the bot waits for a typed end time about (from `Dialogue::AwaitEnd`).
pub struct AskedEnd {
    /// The attack to end.
    pub attack: i64,
    /// Start of an attack to record afterwards (unix seconds).
    pub then_start: Option<i64>,
    /// The update that asked for it.
    pub origin: Option<i64>,
    /// The attack's card.
    pub card: Option<i64>,
    /// The question asking for the time.
    pub prompt: Option<i64>,
}

/// A typed end time, while the bot waits for one. Given from a card, the card shows the
/// attack ended and the question becomes the answer: no new message, no stale buttons.
pub async fn typed_end(ctx: &Ctx<'_>, text: &str, ask: AskedEnd) -> anyhow::Result<()> {
    let AskedEnd {
        attack: id,
        then_start,
        origin,
        card,
        prompt,
    } = ask;
    let store = ctx.tx;
    let at = match parse_typed_time(text, ctx.now, ctx.zone()) {
        Ok(at) => at,
        Err(e) => {
            ctx.send(&ctx.t(e.key()), None).await;
            return Ok(());
        }
    };
    let reply = match diary::end_attack(store, ctx.user.id, id, at, ctx.now).await {
        Ok(a) => {
            let text = ended_text(ctx, "attack-ended", &a);
            if let Some(card) = card {
                ctx.edit_ref(MsgRef(card), &text, Some(ended_keyboard(ctx, &a)))
                    .await;
            }
            text
        }
        Err(EndError::BeforeStart(a)) => {
            ctx.send(
                &ctx.tr("attack-end-before-start", &[start_arg(ctx, &a)]),
                None,
            )
            .await;
            return Ok(());
        }
        Err(EndError::InFuture) => {
            ctx.send(&ctx.t("attack-end-in-future"), None).await;
            return Ok(());
        }
        Err(EndError::AlreadyEnded(a)) => ended_text(ctx, "attack-already-ended", &a),
        Err(EndError::NotFound) => ctx.t("attack-gone"),
        Err(EndError::Store(e)) => return Err(e.into()),
    };
    dialogue::save(store, ctx.user.id, None, ctx.now.timestamp()).await?;
    match prompt {
        Some(prompt) => ctx.edit_ref(MsgRef(prompt), &reply, None).await,
        None => {
            let menu = ctx.menu();
            ctx.send(&reply, Some(menu)).await;
        }
    }
    if let (Some(start), Some(origin)) = (
        then_start.and_then(|s| DateTime::from_timestamp(s, 0)),
        origin,
    ) {
        let a = diary::start_attack_at(store, &ctx.user, start, ctx.now, origin).await?;
        let (text, markup) = tap_view(ctx, &a, "attack-recorded");
        ctx.send(&text, markup).await;
    }
    Ok(())
}

/// "Undo" right after the one tap: the attack goes to the trash, restorable.
pub async fn undo(ctx: &Ctx<'_>, message: MessageId, id: i64) -> anyhow::Result<Option<String>> {
    let Some(a) = diary::delete_attack(ctx.tx, ctx.user.id, id, ctx.now).await? else {
        return Ok(Some(ctx.t("attack-gone")));
    };
    let keyboard = keyboards::inline(vec![vec![keyboards::button(
        &ctx.bot.i18n,
        ctx.lang,
        "btn-restore",
        Callback::Redo(id),
    )]]);
    ctx.edit(
        message,
        &ctx.tr("attack-undone", &[start_arg(ctx, &a)]),
        Some(keyboard),
    )
    .await;
    Ok(None)
}

/// "Restore" after an undo: the attack's message comes back as it was.
pub async fn redo(ctx: &Ctx<'_>, message: MessageId, id: i64) -> anyhow::Result<Option<String>> {
    let Some(a) = diary::restore_attack(ctx.tx, ctx.user.id, id, ctx.now).await? else {
        return Ok(Some(ctx.t("attack-gone")));
    };
    let (text, markup) = tap_view(ctx, &a, "attack-recorded");
    let keyboard = match markup {
        Some(ReplyMarkup::InlineKeyboard(k)) => Some(k),
        _ => None,
    };
    ctx.edit(message, &text, keyboard).await;
    Ok(None)
}
