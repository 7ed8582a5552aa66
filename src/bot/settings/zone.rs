//! /timezone (buttons, a typed name, or a shared location) and /language.

use crate::bot::outbox::MsgRef;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::Callback;
use crate::bot::ui::dialogue::{self, Dialogue};
use crate::bot::ui::keyboards;
use crate::domain::lang::Lang;
use crate::domain::zones::{common_zones, label, offset_label, parse_zone};
use crate::service::settings;
use chrono_tz::Tz;
use teloxide_core::types::{InlineKeyboardButton, MessageId, ReplyMarkup};

/// Longest typed zone echoed back in an error.
const ECHO_MAX: usize = 40;

/// Asks for the zone: buttons of common zones, then a keyboard to share the location. The
/// question is remembered, to be retired once the zone is set; an earlier question still
/// waiting loses its buttons (only the newest one answers).
pub async fn ask_zone(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let store = ctx.tx;
    if let Some(earlier) = waiting_question(ctx).await? {
        ctx.edit_keyboard_ref(earlier, keyboards::inline(Vec::new()))
            .await;
    }
    let mut text = String::new();
    if let Some(zone) = ctx.user.zone {
        let args = [
            ("zone", label(zone).into()),
            ("offset", offset_label(zone, ctx.now).into()),
        ];
        text.push_str(&ctx.tr("tz-current", &args));
        text.push_str("\n\n");
    }
    text.push_str(&ctx.t("tz-question"));
    let buttons: Vec<InlineKeyboardButton> = common_zones(ctx.lang)
        .iter()
        .map(|z| {
            let caption = format!("{} ({})", label(*z), offset_label(*z, ctx.now));
            InlineKeyboardButton::callback(caption, Callback::Zone(*z).encode())
        })
        .collect();
    let rows = buttons.chunks(2).map(|c| c.to_vec()).collect();
    let question = ctx
        .send(
            &text,
            Some(ReplyMarkup::InlineKeyboard(keyboards::inline(rows))),
        )
        .await;
    let share = keyboards::share_location(&ctx.bot.i18n, ctx.lang);
    ctx.send(&ctx.t("tz-location-prompt"), Some(share)).await;
    let waiting = Dialogue::AwaitZone {
        question: question.map(|q| q.0),
    };
    dialogue::save(store, ctx.user.id, Some(&waiting), ctx.now.timestamp()).await?;
    Ok(())
}

/// The zone question the bot waits on an answer to, if any.
async fn waiting_question(ctx: &Ctx<'_>) -> anyhow::Result<Option<MsgRef>> {
    Ok(match dialogue::load(ctx.tx, ctx.user.id).await? {
        Some(Dialogue::AwaitZone { question }) => question.map(MsgRef),
        _ => None,
    })
}

/// Sets the zone, confirms with the local time, and brings back the main menu in place of
/// the share-location keyboard. `message` is the question whose button was pressed; it
/// becomes the confirmation, without buttons; a question still waiting (when the zone was
/// typed or a location shared) only loses its buttons.
pub async fn set_zone(ctx: &Ctx<'_>, message: Option<MessageId>, zone: Tz) -> anyhow::Result<()> {
    let store = ctx.tx;
    settings::set_zone(store, ctx.user.id, zone, ctx.now).await?;
    let question = match dialogue::load(store, ctx.user.id).await? {
        Some(Dialogue::AwaitZone { question }) => {
            dialogue::save(store, ctx.user.id, None, ctx.now.timestamp()).await?;
            question.map(MsgRef)
        }
        _ => None,
    };
    let text = ctx.tr(
        "tz-set",
        &[
            ("zone", label(zone).into()),
            ("offset", offset_label(zone, ctx.now).into()),
            ("time", crate::bot::ui::format::clock(ctx.now, zone).into()),
        ],
    );
    if let Some(message) = message {
        ctx.edit(message, &text, None).await;
        ctx.send(&ctx.t("menu-shown"), Some(ctx.menu())).await;
    } else {
        ctx.send(&text, Some(ctx.menu())).await;
    }
    // A question still standing (the zone was typed, a location shared, or asked twice)
    // keeps its words but loses its buttons: the answer is below, said once.
    if let Some(question) = question {
        let pressed = message.map(|m| i64::from(m.0));
        if pressed.is_none() || ctx.resolve(question).await? != pressed {
            ctx.retire(question).await;
        }
    }
    Ok(())
}

/// A zone typed while the bot waits for one.
pub async fn typed_zone(ctx: &Ctx<'_>, text: &str) -> anyhow::Result<()> {
    match parse_zone(text) {
        Some(zone) => set_zone(ctx, None, zone).await,
        None => {
            let mut echo: String = text.trim().chars().take(ECHO_MAX).collect();
            if text.trim().chars().count() > ECHO_MAX {
                echo.push('…');
            }
            ctx.send(&ctx.tr("tz-unknown", &[("input", echo.into())]), None)
                .await;
            Ok(())
        }
    }
}

/// A shared location: its zone, looked up offline. The coordinates are not stored.
pub async fn location(ctx: &Ctx<'_>, latitude: f64, longitude: f64) -> anyhow::Result<()> {
    match ctx.bot.location_zones().zone_at(latitude, longitude) {
        Some(zone) => set_zone(ctx, None, zone).await,
        None => {
            ctx.send(&ctx.t("tz-location-unknown"), None).await;
            Ok(())
        }
    }
}

/// /language: one button per language.
pub async fn ask_language(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let row = Lang::ALL
        .iter()
        .map(|l| InlineKeyboardButton::callback(l.native_name(), Callback::Language(*l).encode()))
        .collect();
    let keyboard = keyboards::inline(vec![row]);
    ctx.send(
        &ctx.t("language-choose"),
        Some(ReplyMarkup::InlineKeyboard(keyboard)),
    )
    .await;
    Ok(())
}

/// Sets the language; the menu comes back with its buttons in the new language.
pub async fn set_language(
    ctx: &Ctx<'_>,
    message: MessageId,
    lang: Lang,
) -> anyhow::Result<Option<String>> {
    settings::set_language(ctx.tx, ctx.user.id, lang, ctx.now).await?;
    let i18n = &ctx.bot.i18n;
    ctx.edit(message, &i18n.t(lang, "language-set"), None).await;
    ctx.send(
        &i18n.t(lang, "menu-shown"),
        Some(keyboards::main_menu(
            i18n,
            lang,
            ctx.user.track_menstruation,
        )),
    )
    .await;
    Ok(None)
}
