//! /settings as one message edited in place, the evening check-in time, and the one-tap
//! period mark.

use crate::bot::outbox::MsgRef;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::meds::{Action, button as btn};
use crate::bot::ui::dialogue::{self, Dialogue};
use crate::bot::ui::format::short;
use crate::bot::ui::keyboards::{self, inline as markup};
use crate::domain::user::User;
use crate::domain::zones::{label, offset_label};
use crate::service::checkin::DateError;
use crate::service::meds::{
    self as rules, CHECKIN_PRESETS, CheckinTimeError, PeriodDayError, PeriodMark,
};
use crate::service::settings;
use chrono::{Datelike, NaiveDate, NaiveTime};
use teloxide_core::types::{InlineKeyboardMarkup, MessageId, ReplyMarkup};

/// Longest typed check-in time echoed back in an error.
const ECHO_MAX: usize = 20;

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// The user as stored now (a setting may have changed since the update began).
async fn fresh_user(ctx: &Ctx<'_>) -> anyhow::Result<User> {
    Ok(ctx
        .tx
        .user(ctx.user.id)
        .await?
        .unwrap_or_else(|| ctx.user.clone()))
}

async fn render(ctx: &Ctx<'_>, user: &User) -> anyhow::Result<(String, InlineKeyboardMarkup)> {
    let count = ctx.tx.medications(user.id).await?.len() as i64;
    let zone = match user.zone {
        Some(zone) => ctx.tr(
            "settings-zone-value",
            &[
                ("zone", label(zone).into()),
                ("offset", offset_label(zone, ctx.now).into()),
            ],
        ),
        None => ctx.t("settings-zone-unset"),
    };
    let on_off = |on: bool| ctx.t(if on { "settings-on" } else { "settings-off" });
    let text = ctx.tr(
        "settings-screen",
        &[
            ("language", ctx.lang.native_name().into()),
            ("zone", zone.into()),
            (
                "meds",
                ctx.tr("settings-meds-count", &[("count", count.into())])
                    .into(),
            ),
            ("period", on_off(user.track_menstruation).into()),
            (
                "checkin",
                user.checkin_time
                    .map(hhmm)
                    .unwrap_or_else(|| on_off(false))
                    .into(),
            ),
        ],
    );
    let period = if user.track_menstruation {
        btn_t(ctx, "settings-btn-period-off", Action::Period(false))
    } else {
        btn_t(ctx, "settings-btn-period-on", Action::Period(true))
    };
    let rows = vec![
        vec![
            btn_t(ctx, "settings-btn-language", Action::Language),
            btn_t(ctx, "settings-btn-zone", Action::Zone),
        ],
        vec![btn_t(ctx, "settings-btn-meds", Action::List(0))],
        vec![crate::bot::report::links_button(ctx)],
        vec![period],
        vec![
            btn_t(ctx, "settings-btn-checkin", Action::CheckinMenu),
            crate::bot::ui::callback::reminders::button(
                ctx.t("settings-btn-reminders"),
                crate::bot::ui::callback::reminders::Action::Menu,
            ),
        ],
        vec![crate::bot::ui::callback::habits::button(
            ctx.t("settings-btn-habit-day"),
            crate::bot::ui::callback::habits::Action::DayStart(None),
        )],
    ];
    Ok((text, markup(rows)))
}

/// /settings: a new settings message (any half-typed medication step is dropped).
pub async fn settings(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let waiting = dialogue::load(ctx.tx, ctx.user.id).await?;
    if matches!(
        waiting,
        Some(Dialogue::Meds { .. } | Dialogue::AwaitCheckinTime)
    ) {
        dialogue::save(ctx.tx, ctx.user.id, None, ctx.now.timestamp()).await?;
    }
    let (text, keyboard) = render(ctx, &ctx.user).await?;
    ctx.send(&text, Some(ReplyMarkup::InlineKeyboard(keyboard)))
        .await;
    Ok(())
}

/// The settings screen again, in place.
pub async fn show(ctx: &Ctx<'_>, message: MessageId) -> anyhow::Result<Option<String>> {
    let (text, keyboard) = render(ctx, &fresh_user(ctx).await?).await?;
    ctx.edit(message, &text, Some(keyboard)).await;
    Ok(None)
}

/// Turns period tracking on or off; the main menu comes back with or without its button.
pub async fn set_period(
    ctx: &Ctx<'_>,
    message: MessageId,
    on: bool,
) -> anyhow::Result<Option<String>> {
    let unchanged = ctx.user.track_menstruation == on;
    if !unchanged {
        settings::set_period_tracking(ctx.tx, ctx.user.id, on, ctx.now).await?;
    }
    show(ctx, message).await?;
    if unchanged {
        return Ok(Some(ctx.t("done")));
    }
    let note = if on {
        let button = ctx.t("btn-period");
        ctx.tr("settings-period-turned-on", &[("button", button.into())])
    } else {
        ctx.t("settings-period-turned-off")
    };
    let menu = keyboards::main_menu(&ctx.bot.i18n, ctx.lang, on);
    ctx.send(&note, Some(menu)).await;
    Ok(None)
}

/// The check-in time choices, in place.
pub async fn checkin_menu(ctx: &Ctx<'_>, message: MessageId) -> anyhow::Result<Option<String>> {
    let user = fresh_user(ctx).await?;
    let current = user
        .checkin_time
        .map(hhmm)
        .unwrap_or_else(|| ctx.t("settings-off"));
    let text = ctx.tr("settings-checkin-question", &[("current", current.into())]);
    let presets = CHECKIN_PRESETS
        .iter()
        .filter_map(|(h, m)| NaiveTime::from_hms_opt(*h, *m, 0))
        .map(|t| btn(hhmm(t), Action::CheckinSet(Some(t))))
        .collect();
    let rows = vec![
        presets,
        vec![
            btn_t(ctx, "settings-btn-checkin-type", Action::CheckinType),
            btn_t(ctx, "settings-btn-checkin-off", Action::CheckinSet(None)),
        ],
        vec![btn_t(ctx, "btn-back", Action::Settings)],
    ];
    ctx.edit(message, &text, Some(markup(rows))).await;
    Ok(None)
}

fn checkin_note(ctx: &Ctx<'_>, at: Option<NaiveTime>) -> String {
    match at {
        Some(t) => ctx.tr("settings-checkin-set", &[("time", hhmm(t).into())]),
        None => ctx.t("settings-checkin-turned-off"),
    }
}

async fn save_checkin(ctx: &Ctx<'_>, at: Option<NaiveTime>) -> anyhow::Result<()> {
    settings::set_checkin_time(ctx.tx, ctx.user.id, at, ctx.now).await?;
    if dialogue::load(ctx.tx, ctx.user.id).await? == Some(Dialogue::AwaitCheckinTime) {
        dialogue::save(ctx.tx, ctx.user.id, None, ctx.now.timestamp()).await?;
    }
    Ok(())
}

/// A preset (or "off"): saved, and the settings screen shows it.
pub async fn set_checkin(
    ctx: &Ctx<'_>,
    message: MessageId,
    at: Option<NaiveTime>,
) -> anyhow::Result<Option<String>> {
    save_checkin(ctx, at).await?;
    show(ctx, message).await?;
    Ok(Some(checkin_note(ctx, at)))
}

/// "Another time": waits for it to be typed.
pub async fn ask_checkin(ctx: &Ctx<'_>) -> anyhow::Result<Option<String>> {
    let waiting = Dialogue::AwaitCheckinTime;
    dialogue::save(ctx.tx, ctx.user.id, Some(&waiting), ctx.now.timestamp()).await?;
    ctx.send(&ctx.t("settings-checkin-ask"), None).await;
    Ok(None)
}

/// A typed check-in time; a bad one is explained and the old time stays.
pub async fn typed_checkin(ctx: &Ctx<'_>, text: &str) -> anyhow::Result<()> {
    let reply = match rules::parse_checkin_time(text) {
        Ok(at) => {
            save_checkin(ctx, Some(at)).await?;
            checkin_note(ctx, Some(at))
        }
        Err(e) => {
            let key = match e {
                CheckinTimeError::Unrecognised => "settings-checkin-error",
                CheckinTimeError::OutOfRange => "settings-checkin-error-range",
            };
            let input = short(text.trim(), ECHO_MAX);
            ctx.tr(key, &[("input", input.into())])
        }
    };
    ctx.send(&reply, None).await;
    Ok(())
}

fn day_text(ctx: &Ctx<'_>, day: NaiveDate) -> String {
    let month = ctx.t(&format!("month-{}", day.month()));
    ctx.tr(
        "period-date",
        &[
            ("day", day.day().to_string().into()),
            ("month", month.into()),
        ],
    )
}

/// "Marked: today / yesterday / on 5 March", as the day is seen from now.
fn marked_text(ctx: &Ctx<'_>, day: NaiveDate) -> String {
    let today = ctx.today();
    let key = if day == today {
        "period-mark-done"
    } else if today.pred_opt() == Some(day) {
        "period-mark-done-yesterday"
    } else {
        "period-mark-done-day"
    };
    ctx.tr(key, &[("date", day_text(ctx, day).into())])
}

/// Under a mark: undo, and move it to yesterday (while it is on today) or to a typed day.
fn mark_buttons(ctx: &Ctx<'_>, day: NaiveDate) -> InlineKeyboardMarkup {
    let mut moves = Vec::new();
    if day == ctx.today()
        && let Some(yesterday) = day.pred_opt()
    {
        moves.push(btn_t(
            ctx,
            "btn-period-yesterday",
            Action::MovePeriod(day, yesterday),
        ));
    }
    moves.push(btn_t(
        ctx,
        "btn-period-other-day",
        Action::AskPeriodDay(day),
    ));
    markup(vec![
        vec![btn_t(ctx, "btn-undo", Action::Unmark(day))],
        moves,
    ])
}

/// The period button: marks today once, with an undo and a way to move it to an earlier
/// day.
pub async fn mark_period(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    if !ctx.user.track_menstruation {
        ctx.send(&ctx.t("period-mark-off"), Some(ctx.menu())).await;
        return Ok(());
    }
    let store = ctx.tx;
    match rules::mark_period(store, ctx.user.id, ctx.zone(), ctx.now).await? {
        PeriodMark::Marked(day) => {
            let keyboard = mark_buttons(ctx, day);
            ctx.send(
                &marked_text(ctx, day),
                Some(ReplyMarkup::InlineKeyboard(keyboard)),
            )
            .await;
        }
        PeriodMark::Already(day) => {
            let text = ctx.tr(
                "period-mark-already",
                &[("date", day_text(ctx, day).into())],
            );
            ctx.send(&text, None).await;
        }
    }
    Ok(())
}

/// Why a day cannot carry the mark, as the user reads it.
fn period_day_error(ctx: &Ctx<'_>, e: PeriodDayError) -> String {
    let days = ("days", (rules::PERIOD_DAYS_BACK as i64).into());
    match e {
        PeriodDayError::Future => ctx.t("period-day-future"),
        PeriodDayError::TooFarBack => ctx.tr("period-day-too-far", &[days]),
        PeriodDayError::Date(DateError::Invalid) => ctx.t("time-error-invalid-date"),
        PeriodDayError::Date(_) => ctx.t("period-day-unrecognised"),
    }
}

/// "It was yesterday": the mark moves, in place.
pub async fn move_period(
    ctx: &Ctx<'_>,
    message: MessageId,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<Option<String>> {
    let moved = rules::move_period(ctx.tx, ctx.user.id, from, to, ctx.zone(), ctx.now).await?;
    match moved {
        Ok(PeriodMark::Marked(day) | PeriodMark::Already(day)) => {
            let keyboard = mark_buttons(ctx, day);
            ctx.edit(message, &marked_text(ctx, day), Some(keyboard))
                .await;
            Ok(None)
        }
        Err(e) => Ok(Some(period_day_error(ctx, e))),
    }
}

/// "Another day…": waits for the day to be typed.
pub async fn ask_period_day(
    ctx: &Ctx<'_>,
    message: MessageId,
    from: NaiveDate,
) -> anyhow::Result<Option<String>> {
    let waiting = Dialogue::AwaitPeriodDay {
        from: from.format("%Y-%m-%d").to_string(),
        message: i64::from(message.0),
    };
    dialogue::save(ctx.tx, ctx.user.id, Some(&waiting), ctx.now.timestamp()).await?;
    let days = ("days", (rules::PERIOD_DAYS_BACK as i64).into());
    ctx.send(&ctx.tr("period-ask-day", &[days]), None).await;
    Ok(None)
}

/// A typed period start day: the mark moves there; the old mark's message says so. A day
/// that cannot be taken is explained and the bot waits on.
pub async fn typed_period_day(
    ctx: &Ctx<'_>,
    text: &str,
    from: &str,
    message: i64,
) -> anyhow::Result<()> {
    let store = ctx.tx;
    let to = match rules::parse_period_day(text, ctx.now, ctx.zone()) {
        Ok(day) => day,
        Err(e) => {
            ctx.send(&period_day_error(ctx, e), None).await;
            return Ok(());
        }
    };
    dialogue::save(store, ctx.user.id, None, ctx.now.timestamp()).await?;
    let Ok(from) = NaiveDate::parse_from_str(from, "%Y-%m-%d") else {
        // Not a state this version wrote: mark the typed day alone.
        return show_moved(ctx, None, to, to).await;
    };
    show_moved(ctx, Some(message), from, to).await
}

async fn show_moved(
    ctx: &Ctx<'_>,
    message: Option<i64>,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<()> {
    let moved = rules::move_period(ctx.tx, ctx.user.id, from, to, ctx.zone(), ctx.now).await?;
    let day = match moved {
        Ok(PeriodMark::Marked(day)) => {
            let keyboard = mark_buttons(ctx, day);
            ctx.send(
                &marked_text(ctx, day),
                Some(ReplyMarkup::InlineKeyboard(keyboard)),
            )
            .await;
            day
        }
        Ok(PeriodMark::Already(day)) => {
            let text = ctx.tr(
                "period-mark-already-day",
                &[("date", day_text(ctx, day).into())],
            );
            ctx.send(&text, None).await;
            day
        }
        Err(e) => {
            ctx.send(&period_day_error(ctx, e), None).await;
            return Ok(());
        }
    };
    if let Some(message) = message.filter(|_| from != to) {
        let text = ctx.tr("period-mark-moved", &[("date", day_text(ctx, day).into())]);
        ctx.edit_ref(MsgRef(message), &text, None).await;
    }
    Ok(())
}

/// Undo of a period mark.
pub async fn unmark(
    ctx: &Ctx<'_>,
    message: MessageId,
    day: NaiveDate,
) -> anyhow::Result<Option<String>> {
    let date = day_text(ctx, day);
    if rules::unmark_period(ctx.tx, ctx.user.id, day, ctx.now).await? {
        let text = ctx.tr("period-mark-undone", &[("date", date.into())]);
        ctx.edit(message, &text, None).await;
        Ok(None)
    } else {
        Ok(Some(
            ctx.tr("period-mark-not-marked", &[("date", date.into())]),
        ))
    }
}

/// A button labelled by a translation key.
fn btn_t(ctx: &Ctx<'_>, key: &str, action: Action) -> teloxide_core::types::InlineKeyboardButton {
    btn(ctx.t(key), action)
}
