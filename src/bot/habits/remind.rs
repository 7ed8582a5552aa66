//! A habit's reminders (several, each at a local time on chosen weekdays) and the reminder
//! the scheduler sends, which is not sent for a habit done or skipped that day.

use super::{State, retire, save, target_text};
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::habits::{Action, From, Set, button};
use crate::bot::ui::keyboards::inline;
use crate::domain::habits::{self as rules, weekday_bit};
use crate::i18n::Arg;
use crate::service::habits as service;
use crate::store::habits::HabitReminder;
use chrono::Weekday;
use teloxide_core::types::{InlineKeyboardButton, MessageId};

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn days_text(ctx: &Ctx<'_>, mask: u8) -> String {
    match mask & rules::EVERY_WEEKDAY {
        rules::EVERY_WEEKDAY => ctx.t("habits-days-every"),
        rules::WORKDAYS => ctx.t("habits-days-workdays"),
        0 => ctx.t("habits-days-none"),
        m => WEEK
            .iter()
            .filter(|d| m & weekday_bit(**d) != 0)
            .map(|d| ctx.t(&format!("weekday-{}", d.number_from_monday())))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// A habit's reminders, in `message` (or anew), after `preface`.
pub async fn list(
    ctx: &Ctx<'_>,
    message: Option<MessageId>,
    habit: i64,
    preface: Option<String>,
) -> anyhow::Result<Option<String>> {
    let Some(h) = ctx.tx.habit(ctx.user.id, habit).await? else {
        return Ok(Some(ctx.t("habits-gone")));
    };
    let reminders = ctx.tx.habit_reminders(h.id).await?;
    let mut parts: Vec<String> = preface.into_iter().collect();
    parts.push(ctx.tr("habits-reminders-title", &[("name", h.name.clone().into())]));
    if reminders.is_empty() {
        parts.push(ctx.t("habits-reminders-none"));
    } else {
        parts.push(
            reminders
                .iter()
                .map(|r| {
                    format!(
                        "⏰ {} · {}",
                        r.time.format("%H:%M"),
                        days_text(ctx, r.weekdays)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
        );
        parts.push(ctx.t("habits-reminders-hint"));
    }
    if h.archived_at.is_some() {
        parts.push(ctx.t("habits-reminders-archived"));
    }
    let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
    for r in &reminders {
        rows.push(weekday_row(ctx, r));
        rows.push(vec![button(
            ctx.tr(
                "habits-btn-reminder-delete",
                &[("time", Arg::Str(r.time.format("%H:%M").to_string()))],
            ),
            Action::DeleteReminder(r.id),
        )]);
    }
    if reminders.len() < rules::REMINDERS_MAX {
        rows.push(vec![button(
            ctx.t("habits-btn-reminder-add"),
            Action::AddReminder(h.id),
        )]);
    }
    rows.push(vec![button(ctx.t("btn-back"), Action::Card(h.id))]);
    ctx.show(message, &parts.join("\n\n"), Some(inline(rows)))
        .await;
    Ok(None)
}

/// Seven toggles, each carrying the mask it leaves (a replayed press changes nothing).
fn weekday_row(ctx: &Ctx<'_>, r: &HabitReminder) -> Vec<InlineKeyboardButton> {
    WEEK.iter()
        .map(|d| {
            let bit = weekday_bit(*d);
            let on = r.weekdays & bit != 0;
            let name = ctx.t(&format!("weekday-{}", d.number_from_monday()));
            let label = if on { format!("✓{name}") } else { name };
            button(label, Action::Weekdays(r.id, r.weekdays ^ bit))
        })
        .collect()
}

/// "Add a reminder": asks for its time.
pub async fn ask_time(
    ctx: &Ctx<'_>,
    message: MessageId,
    habit: i64,
) -> anyhow::Result<Option<String>> {
    let Some(h) = ctx.tx.habit(ctx.user.id, habit).await? else {
        return Ok(Some(ctx.t("habits-gone")));
    };
    if ctx.tx.habit_reminders(h.id).await?.len() >= rules::REMINDERS_MAX {
        return Ok(Some(ctx.tr(
            "habits-error-too-many-reminders",
            &[("max", (rules::REMINDERS_MAX as i64).into())],
        )));
    }
    let text = ctx.tr(
        "habits-ask-reminder-time",
        &[("name", h.name.clone().into())],
    );
    let keyboard = inline(vec![vec![button(
        ctx.t("btn-back"),
        Action::Reminders(h.id),
    )]]);
    ctx.edit(message, &text, Some(keyboard)).await;
    let st = State::ReminderTime {
        habit: h.id,
        msg: i64::from(message.0),
    };
    save(ctx, Some(&st)).await?;
    Ok(None)
}

/// A typed reminder time: the reminder, every day, then the list to choose its weekdays.
pub async fn typed_time(ctx: &Ctx<'_>, text: &str, habit: i64, msg: i64) -> anyhow::Result<()> {
    use crate::service::meds::CheckinTimeError;
    let at = match crate::service::meds::parse_checkin_time(text) {
        Ok(at) => at,
        Err(e) => {
            let input: String = text.trim().chars().take(20).collect();
            let key = match e {
                CheckinTimeError::Unrecognised => "habits-error-time",
                CheckinTimeError::OutOfRange => "habits-error-time-range",
            };
            ctx.send(&ctx.tr(key, &[("input", input.into())]), None)
                .await;
            return Ok(());
        }
    };
    save(ctx, None).await?;
    let Some(h) = ctx.tx.habit(ctx.user.id, habit).await? else {
        ctx.send(&ctx.t("habits-gone"), None).await;
        return Ok(());
    };
    if ctx.tx.habit_reminders(h.id).await?.len() >= rules::REMINDERS_MAX {
        let text = ctx.tr(
            "habits-error-too-many-reminders",
            &[("max", (rules::REMINDERS_MAX as i64).into())],
        );
        ctx.send(&text, None).await;
        return Ok(());
    }
    let r = ctx
        .tx
        .insert_habit_reminder(ctx.user.id, h.id, at, rules::EVERY_WEEKDAY)
        .await?;
    let prefs = ctx.tx.habit_prefs(ctx.user.id).await?;
    service::arm(
        ctx.tx,
        &ctx.user,
        &r,
        &prefs,
        h.archived_at.is_none(),
        ctx.now,
    )
    .await?;
    retire(ctx, msg).await;
    let saved = ctx.tr(
        "habits-reminder-added",
        &[("time", Arg::Str(at.format("%H:%M").to_string()))],
    );
    list(ctx, None, h.id, Some(saved)).await?;
    Ok(())
}

/// A weekday toggle: the reminder's new mask.
pub async fn weekdays(
    ctx: &Ctx<'_>,
    message: MessageId,
    reminder: i64,
    mask: u8,
) -> anyhow::Result<Option<String>> {
    let Some(r) = ctx.tx.habit_reminder(ctx.user.id, reminder).await? else {
        return Ok(Some(ctx.t("habits-gone")));
    };
    ctx.tx
        .set_habit_reminder_weekdays(ctx.user.id, r.id, mask)
        .await?;
    let active = ctx
        .tx
        .habit(ctx.user.id, r.habit_id)
        .await?
        .is_some_and(|h| h.archived_at.is_none());
    let prefs = ctx.tx.habit_prefs(ctx.user.id).await?;
    let changed = HabitReminder {
        weekdays: mask,
        ..r
    };
    service::arm(ctx.tx, &ctx.user, &changed, &prefs, active, ctx.now).await?;
    list(ctx, Some(message), changed.habit_id, None).await?;
    Ok((mask == 0).then(|| ctx.t("habits-days-none")))
}

/// Deletes a reminder.
pub async fn delete(
    ctx: &Ctx<'_>,
    message: MessageId,
    reminder: i64,
) -> anyhow::Result<Option<String>> {
    let Some(r) = ctx.tx.habit_reminder(ctx.user.id, reminder).await? else {
        return Ok(Some(ctx.t("habits-gone")));
    };
    ctx.tx.delete_habit_reminder(ctx.user.id, r.id).await?;
    list(ctx, Some(message), r.habit_id, None).await?;
    Ok(Some(ctx.t("habits-reminder-deleted")))
}

/// The scheduled reminder of a habit (`ref_id`: the reminder); false when not sent (done
/// or skipped that day, archived, gone).
pub async fn remind(ctx: &Ctx<'_>, reminder: i64) -> anyhow::Result<bool> {
    let Some((h, day, _)) = service::due_reminder(ctx.tx, &ctx.user, reminder, ctx.now).await?
    else {
        return Ok(false);
    };
    let mut parts = vec![ctx.tr("habits-reminder-text", &[("name", h.name.clone().into())])];
    if let Some(t) = target_text(ctx, h.kind, h.unit.as_deref()) {
        parts.push(t);
    }
    let first = if h.is_numeric() {
        button(ctx.t("habits-btn-enter-number"), Action::Day(h.id, day))
    } else {
        button(
            ctx.t("habits-btn-done"),
            Action::Mark(h.id, day, Set::Done, From::Reminder),
        )
    };
    let keyboard = inline(vec![
        vec![
            first,
            button(
                ctx.t("habits-btn-skip"),
                Action::Mark(h.id, day, Set::Skip, From::Reminder),
            ),
        ],
        vec![button(ctx.t("habits-btn-today"), Action::Today(0))],
    ]);
    ctx.send(
        &parts.join("\n"),
        Some(teloxide_core::types::ReplyMarkup::InlineKeyboard(keyboard)),
    )
    .await;
    Ok(true)
}
