//! Habits in the chat: today's checklist (one tap marks done, again undoes; numbers by
//! plus and minus or typed; routines at once; the sick day), a habit's day (skip, clear, note), its
//! card (streaks, strength, this month, the last weeks) and correction calendar, the list
//! to manage them (edit every field, reorder, archive, delete), the creation flow, the
//! reminders on chosen weekdays, and the start of the habit day.
//!
//! What the bot waits to be typed lives in `Dialogue::Habits { data }` ([`State`]), so a
//! restart continues it. Buttons carry what they set (see
//! [`crate::bot::ui::callback::habits`]) and every id is re-checked against the user.

mod card;
mod create;
mod edit;
mod remind;
mod today;

pub use remind::remind;
pub use today::show as today;

use crate::bot::outbox::MsgRef;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::habits::{Action, Field};
use crate::bot::ui::dialogue::{self, Dialogue};
use crate::domain::habits::{AmountError, Kind};
use crate::i18n::Arg;
use crate::service::habits::Refused;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use teloxide_core::types::MessageId;

/// What the habits wait to be typed (the dialogue's `data`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "wait", rename_all = "snake_case")]
enum State {
    /// The creation flow, at `step`.
    Create {
        /// The answers so far.
        draft: create::Draft,
        /// The question asked.
        step: create::Step,
        /// The message asking it (a [`MsgRef`]).
        msg: i64,
    },
    /// A field of a habit, typed.
    Field {
        /// The habit.
        habit: i64,
        /// The field's key.
        field: String,
        /// The message asking it.
        msg: i64,
    },
    /// A number for a habit's day.
    Value {
        /// The habit.
        habit: i64,
        /// The day (`YYYY-MM-DD`).
        day: String,
        /// The day's screen.
        msg: i64,
    },
    /// A note for a habit's day.
    Note {
        /// The habit.
        habit: i64,
        /// The day (`YYYY-MM-DD`).
        day: String,
        /// The question.
        msg: i64,
    },
    /// The time of a new reminder.
    ReminderTime {
        /// The habit.
        habit: i64,
        /// The question.
        msg: i64,
    },
}

async fn load(ctx: &Ctx<'_>) -> anyhow::Result<Option<State>> {
    Ok(match dialogue::load(ctx.tx, ctx.user.id).await? {
        Some(Dialogue::Habits { data }) => serde_json::from_value(data).ok(),
        _ => None,
    })
}

async fn save(ctx: &Ctx<'_>, st: Option<&State>) -> anyhow::Result<()> {
    let state = st
        .map(serde_json::to_value)
        .transpose()?
        .map(|data| Dialogue::Habits { data });
    // Clearing a state that is not there would still take SQLite's write lock.
    if state.is_none() && ctx.tx.dialogue(ctx.user.id).await?.is_none() {
        return Ok(());
    }
    dialogue::save(ctx.tx, ctx.user.id, state.as_ref(), ctx.now.timestamp()).await?;
    Ok(())
}

/// Drops a habits state (another screen took over), leaving other features' states alone.
async fn drop_state(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    if load(ctx).await?.is_some() {
        dialogue::save(ctx.tx, ctx.user.id, None, ctx.now.timestamp()).await?;
    }
    Ok(())
}

fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn parse_iso(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The notice for a refused mark.
fn refused(ctx: &Ctx<'_>, r: Refused) -> String {
    use crate::domain::habits::MarkError;
    ctx.t(match r {
        Refused::Gone => "habits-gone",
        Refused::Day(MarkError::Future) => "habits-error-future",
        Refused::Day(MarkError::TooOld) => "habits-error-too-old",
        Refused::Kind => "error-stale-button",
    })
}

/// The explanation of a refused typed amount.
fn amount_error(ctx: &Ctx<'_>, e: AmountError, text: &str) -> String {
    let input: String = text.trim().chars().take(40).collect();
    match e {
        AmountError::NotANumber => ctx.tr("habits-error-number", &[("input", input.into())]),
        AmountError::OutOfRange => ctx.tr(
            "habits-error-range",
            &[(
                "max",
                Arg::Str(crate::domain::habits::AMOUNT_MAX.to_string()),
            )],
        ),
    }
}

/// The explanation of a refused typed text.
fn text_error(ctx: &Ctx<'_>, max: usize, length: usize) -> String {
    if length == 0 {
        ctx.t("habits-error-empty")
    } else {
        ctx.tr(
            "habits-error-too-long",
            &[
                ("max", (max as i64).into()),
                ("length", (length as i64).into()),
            ],
        )
    }
}

/// A habit's name with its unit and target for numeric ones ("Water (at least 8 glasses)").
fn target_text(ctx: &Ctx<'_>, kind: Kind, unit: Option<&str>) -> Option<String> {
    let Kind::Numeric { target, direction } = kind else {
        return None;
    };
    let amount = crate::domain::habits::format_amount((target * 1000.0).round() as i64);
    let args = [
        ("amount", Arg::Str(amount)),
        ("unit", Arg::Str(unit.unwrap_or("").to_owned())),
    ];
    Some(ctx.tr(
        match direction {
            crate::domain::habits::Direction::AtLeast => "habits-target-at-least",
            crate::domain::habits::Direction::AtMost => "habits-target-at-most",
        },
        &args,
    ))
}

/// A habits button (`H:` payload).
pub async fn on_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    payload: &str,
) -> anyhow::Result<Option<String>> {
    let Some(action) = Action::parse(payload) else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    let at = Some(message);
    match action {
        Action::Today(page) => {
            drop_state(ctx).await?;
            today::render(ctx, at, page, None).await
        }
        Action::Mark(h, day, set, from) => today::mark(ctx, message, h, day, set, from).await,
        Action::Routine(h, day, page) => today::routine(ctx, message, h, day, page).await,
        Action::SickDay(day) => today::sick_day(ctx, message, day).await,
        Action::Day(h, day) => today::day(ctx, at, h, day, None).await,
        Action::Note(h, day) => today::ask_note(ctx, message, h, day).await,
        Action::Card(h) => {
            drop_state(ctx).await?;
            card::card(ctx, at, h).await
        }
        Action::Calendar(h) => {
            drop_state(ctx).await?;
            card::calendar(ctx, message, h).await
        }
        Action::List(archived, page) => {
            drop_state(ctx).await?;
            edit::list(ctx, at, archived, page).await
        }
        Action::Edit(h) => {
            drop_state(ctx).await?;
            edit::menu(ctx, at, h, None).await
        }
        Action::EditField(h, f) => edit::field(ctx, message, h, f).await,
        Action::Choose(h, f, c) => edit::chosen(ctx, message, h, f, c).await,
        Action::Move(h, up) => edit::moved(ctx, message, h, up).await,
        Action::Archive(h, on) => edit::archive(ctx, message, h, on).await,
        Action::AskDelete(h) => edit::ask_delete(ctx, message, h).await,
        Action::Delete(h) => edit::delete(ctx, message, h).await,
        Action::Reminders(h) => {
            drop_state(ctx).await?;
            remind::list(ctx, at, h, None).await
        }
        Action::AddReminder(h) => remind::ask_time(ctx, message, h).await,
        Action::Weekdays(r, mask) => remind::weekdays(ctx, message, r, mask).await,
        Action::DeleteReminder(r) => remind::delete(ctx, message, r).await,
        Action::Goal(h, archive) => edit::goal_answer(ctx, message, h, archive).await,
        Action::New => create::start(ctx, message).await,
        Action::Wizard(c) => create::chosen(ctx, message, c).await,
        Action::Cancel => {
            drop_state(ctx).await?;
            today::render(ctx, at, 0, Some(ctx.t("habits-cancelled"))).await
        }
        Action::DayStart(m) => edit::day_start(ctx, message, m).await,
    }
}

/// Typed text while the habits wait for it (the router passes the dialogue's data).
pub async fn on_text(ctx: &Ctx<'_>, text: &str, data: serde_json::Value) -> anyhow::Result<()> {
    let Ok(st) = serde_json::from_value::<State>(data) else {
        save(ctx, None).await?;
        ctx.send(&ctx.t("error-unknown-input"), None).await;
        return Ok(());
    };
    match st {
        State::Create { draft, step, msg } => create::typed(ctx, text, draft, step, msg).await,
        State::Field { habit, field, msg } => match Field::from_key(&field) {
            Some(f) => edit::typed(ctx, text, habit, f, msg).await,
            None => save(ctx, None).await,
        },
        State::Value { habit, day, msg } => match parse_iso(&day) {
            Some(day) => today::typed_value(ctx, text, habit, day, msg).await,
            None => save(ctx, None).await,
        },
        State::Note { habit, day, msg } => match parse_iso(&day) {
            Some(day) => today::typed_note(ctx, text, habit, day, msg).await,
            None => save(ctx, None).await,
        },
        State::ReminderTime { habit, msg } => remind::typed_time(ctx, text, habit, msg).await,
    }
}

/// Takes the buttons off the message a state asked on (the answer comes as a new one).
async fn retire(ctx: &Ctx<'_>, msg: i64) {
    ctx.retire(MsgRef(msg)).await;
}
