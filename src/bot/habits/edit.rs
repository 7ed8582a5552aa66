//! Managing habits: the list (active or archived, five a page), a habit's edit menu, every
//! field changed by buttons or typed, the order, archive and delete, the goal's answer and
//! the start of the habit day.

use super::create::{Typed, kind_of, question, read};
use super::{State, retire, save};
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::habits::{Action, Choice, Field, button};
use crate::bot::ui::keyboards::inline;
use crate::domain::habits::{Factor, Habit, Kind, PAGE};
use crate::i18n::Arg;
use crate::service::habits as service;
use teloxide_core::types::{InlineKeyboardButton, MessageId};

/// A factor's name in the user's language.
pub(super) fn factor_name(ctx: &Ctx<'_>, f: Factor) -> String {
    ctx.t(match f {
        Factor::Sleep => "habits-factor-sleep",
        Factor::Water => "habits-factor-water",
        Factor::Caffeine => "habits-factor-caffeine",
        Factor::Alcohol => "habits-factor-alcohol",
        Factor::Exercise => "habits-factor-exercise",
        Factor::Stress => "habits-factor-stress",
        Factor::ScreenTime => "habits-factor-screen-time",
        Factor::Other => "habits-factor-other",
    })
}

/// The list of habits to manage (or the archived ones), page `page`.
pub async fn list(
    ctx: &Ctx<'_>,
    message: Option<MessageId>,
    archived: bool,
    page: u32,
) -> anyhow::Result<Option<String>> {
    let habits = ctx.tx.habits(ctx.user.id, archived).await?;
    let pages = habits.len().div_ceil(PAGE).max(1) as u32;
    let page = page.min(pages - 1);
    let shown: Vec<&Habit> = habits
        .iter()
        .skip(page as usize * PAGE)
        .take(PAGE)
        .collect();
    let title = ctx.t(if archived {
        "habits-archived-title"
    } else {
        "habits-list-title"
    });
    let mut parts = vec![title];
    if habits.is_empty() {
        parts.push(ctx.t(if archived {
            "habits-archived-none"
        } else {
            "habits-none-yet"
        }));
    } else if pages > 1 {
        parts.push(ctx.tr(
            "habits-page",
            &[
                ("page", i64::from(page + 1).into()),
                ("pages", i64::from(pages).into()),
            ],
        ));
    }
    let mut rows: Vec<Vec<InlineKeyboardButton>> = shown
        .iter()
        .map(|h| vec![button(h.name.clone(), Action::Card(h.id))])
        .collect();
    if pages > 1 {
        let mut nav = Vec::new();
        if page > 0 {
            nav.push(button(
                ctx.t("habits-btn-prev"),
                Action::List(archived, page - 1),
            ));
        }
        if page + 1 < pages {
            nav.push(button(
                ctx.t("habits-btn-next"),
                Action::List(archived, page + 1),
            ));
        }
        rows.push(nav);
    }
    if archived {
        rows.push(vec![button(ctx.t("btn-back"), Action::List(false, 0))]);
    } else {
        let prefs = ctx.tx.habit_prefs(ctx.user.id).await?;
        let start = prefs.day_start().format("%H:%M").to_string();
        rows.push(vec![
            button(ctx.t("habits-btn-new"), Action::New),
            button(ctx.t("habits-btn-archived"), Action::List(true, 0)),
        ]);
        rows.push(vec![button(
            ctx.tr("habits-btn-day-start", &[("time", start.into())]),
            Action::DayStart(None),
        )]);
        rows.push(vec![button(ctx.t("habits-btn-today"), Action::Today(0))]);
    }
    ctx.show(message, &parts.join("\n\n"), Some(inline(rows)))
        .await;
    Ok(None)
}

/// A habit's edit menu, in `message` (or anew), after `preface`.
pub async fn menu(
    ctx: &Ctx<'_>,
    message: Option<MessageId>,
    habit: i64,
    preface: Option<String>,
) -> anyhow::Result<Option<String>> {
    let Some(h) = ctx.tx.habit(ctx.user.id, habit).await? else {
        return Ok(Some(ctx.t("habits-gone")));
    };
    let mut parts: Vec<String> = preface.into_iter().collect();
    parts.push(ctx.tr("habits-edit-title", &[("name", h.name.clone().into())]));
    parts.push(super::card::about(ctx, &h).join("\n"));
    let f = |key: &str, field: Field| button(ctx.t(key), Action::EditField(h.id, field));
    let mut rows = vec![
        vec![
            f("habits-btn-edit-name", Field::Name),
            f("habits-btn-edit-description", Field::Description),
        ],
        vec![
            f("habits-btn-edit-kind", Field::Kind),
            f("habits-btn-edit-frequency", Field::Frequency),
        ],
    ];
    if h.is_numeric() {
        rows.push(vec![
            f("habits-btn-edit-unit", Field::Unit),
            f("habits-btn-edit-target", Field::Target),
        ]);
    }
    rows.push(vec![
        f("habits-btn-edit-goal", Field::Goal),
        f("habits-btn-edit-factor", Field::Factor),
    ]);
    rows.push(vec![f("habits-btn-edit-routine", Field::Routine)]);
    if h.archived_at.is_none() {
        rows.push(vec![
            button(ctx.t("habits-btn-up"), Action::Move(h.id, true)),
            button(ctx.t("habits-btn-down"), Action::Move(h.id, false)),
        ]);
    }
    rows.push(vec![
        if h.archived_at.is_some() {
            button(ctx.t("habits-btn-unarchive"), Action::Archive(h.id, false))
        } else {
            button(ctx.t("habits-btn-archive"), Action::Archive(h.id, true))
        },
        button(ctx.t("habits-btn-delete"), Action::AskDelete(h.id)),
    ]);
    rows.push(vec![button(ctx.t("btn-back"), Action::Card(h.id))]);
    ctx.show(message, &parts.join("\n\n"), Some(inline(rows)))
        .await;
    Ok(None)
}

/// A field's question: its buttons, and a typed answer read while it is shown.
pub async fn field(
    ctx: &Ctx<'_>,
    message: MessageId,
    habit: i64,
    field: Field,
) -> anyhow::Result<Option<String>> {
    let Some(h) = ctx.tx.habit(ctx.user.id, habit).await? else {
        return Ok(Some(ctx.t("habits-gone")));
    };
    if matches!(field, Field::Unit | Field::Target) && !h.is_numeric() {
        return Ok(Some(ctx.t("error-stale-button")));
    }
    let routines = service::routines(&ctx.tx.all_habits(ctx.user.id).await?);
    let (text, choices) = question(ctx, field, &routines);
    let mut rows: Vec<Vec<InlineKeyboardButton>> = choices
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|(l, c)| button(l, Action::Choose(h.id, field, c)))
                .collect()
        })
        .collect();
    rows.push(vec![button(ctx.t("btn-back"), Action::Edit(h.id))]);
    let title = ctx.tr("habits-edit-title", &[("name", h.name.clone().into())]);
    ctx.edit(message, &format!("{title}\n\n{text}"), Some(inline(rows)))
        .await;
    if matches!(field, Field::Kind | Field::Factor) {
        super::drop_state(ctx).await?;
    } else {
        let st = State::Field {
            habit: h.id,
            field: field.key().to_owned(),
            msg: i64::from(message.0),
        };
        save(ctx, Some(&st)).await?;
    }
    Ok(None)
}

/// Saves a changed habit (re-arming its reminders) and shows the edit menu.
async fn saved(
    ctx: &Ctx<'_>,
    message: Option<MessageId>,
    h: &Habit,
    ask_target: bool,
) -> anyhow::Result<Option<String>> {
    if ctx.tx.update_habit(h).await?.is_none() {
        return Ok(Some(ctx.t("habits-gone")));
    }
    super::drop_state(ctx).await?;
    // A yes/no habit turned numeric has a target of 1 for now: ask for its own.
    if let (true, Some(m)) = (ask_target, message) {
        return field(ctx, m, h.id, Field::Target).await;
    }
    menu(ctx, message, h.id, Some(ctx.t("habits-saved"))).await
}

/// A value chosen by a button of a field's question.
pub async fn chosen(
    ctx: &Ctx<'_>,
    message: MessageId,
    habit: i64,
    field: Field,
    choice: Choice,
) -> anyhow::Result<Option<String>> {
    let Some(mut h) = ctx.tx.habit(ctx.user.id, habit).await? else {
        return Ok(Some(ctx.t("habits-gone")));
    };
    let was_numeric = h.is_numeric();
    match (field, choice) {
        (Field::Description, Choice::Skip) => h.description = None,
        (Field::Kind, Choice::Kind(k)) => {
            let target = match h.kind {
                Kind::Numeric { target, .. } => Some((target * 1000.0).round() as i64),
                Kind::YesNo => None,
            };
            h.kind = kind_of(k, target);
            if !h.is_numeric() {
                h.unit = None;
            }
        }
        (Field::Frequency, Choice::Freq(f)) => h.freq = f,
        (Field::Goal, Choice::Goal(g)) => {
            h.goal_days = (g > 0).then_some(g);
            h.goal_met_at = None;
        }
        (Field::Factor, Choice::Factor(f)) => h.factor = Some(f),
        (Field::Factor, Choice::Skip) => h.factor = None,
        (Field::Routine, Choice::Routine(i)) => {
            let routines = service::routines(&ctx.tx.all_habits(ctx.user.id).await?);
            match routines.get(usize::from(i)) {
                Some(r) => h.routine = Some(r.clone()),
                None => return Ok(Some(ctx.t("error-stale-button"))),
            }
        }
        (Field::Routine, Choice::Skip) => h.routine = None,
        _ => return Ok(Some(ctx.t("error-stale-button"))),
    }
    let ask_target = !was_numeric && h.is_numeric();
    saved(ctx, Some(message), &h, ask_target).await
}

/// A typed value for a field.
pub async fn typed(
    ctx: &Ctx<'_>,
    text: &str,
    habit: i64,
    field: Field,
    msg: i64,
) -> anyhow::Result<()> {
    let Some(mut h) = ctx.tx.habit(ctx.user.id, habit).await? else {
        save(ctx, None).await?;
        ctx.send(&ctx.t("habits-gone"), None).await;
        return Ok(());
    };
    let value = match read(ctx, field, text) {
        Ok(v) => v,
        Err(explanation) => {
            ctx.send(&explanation, None).await;
            return Ok(());
        }
    };
    match (field, value) {
        (Field::Name, Typed::Text(t)) => h.name = t,
        (Field::Description, Typed::Text(t)) => h.description = Some(t),
        (Field::Unit, Typed::Text(t)) => h.unit = Some(t),
        (Field::Routine, Typed::Text(t)) => h.routine = Some(t),
        (Field::Target, Typed::Amount(v)) => {
            if let Kind::Numeric { direction, .. } = h.kind {
                h.kind = Kind::Numeric {
                    target: v as f64 / 1000.0,
                    direction,
                };
            }
        }
        (Field::Frequency, Typed::Freq(f)) => h.freq = f,
        (Field::Goal, Typed::Goal(g)) => {
            h.goal_days = (g > 0).then_some(g);
            h.goal_met_at = None;
        }
        _ => return Ok(()),
    }
    retire(ctx, msg).await;
    if ctx.tx.update_habit(&h).await?.is_none() {
        return Ok(());
    }
    save(ctx, None).await?;
    menu(ctx, None, h.id, Some(ctx.t("habits-saved"))).await?;
    Ok(())
}

/// Up or down the list; the edit menu again.
pub async fn moved(
    ctx: &Ctx<'_>,
    message: MessageId,
    habit: i64,
    up: bool,
) -> anyhow::Result<Option<String>> {
    if !service::reorder(ctx.tx, ctx.user.id, habit, if up { -1 } else { 1 }).await? {
        return Ok(Some(ctx.t("habits-gone")));
    }
    let habits = ctx.tx.habits(ctx.user.id, false).await?;
    let place = habits.iter().position(|h| h.id == habit).unwrap_or(0) + 1;
    menu(ctx, Some(message), habit, None).await?;
    Ok(Some(ctx.tr(
        "habits-moved",
        &[
            ("place", (place as i64).into()),
            ("count", (habits.len() as i64).into()),
        ],
    )))
}

/// Archive or bring back.
pub async fn archive(
    ctx: &Ctx<'_>,
    message: MessageId,
    habit: i64,
    on: bool,
) -> anyhow::Result<Option<String>> {
    let Some(h) = service::set_archived(ctx.tx, &ctx.user, habit, on, ctx.now).await? else {
        return Ok(Some(ctx.t("habits-gone")));
    };
    let key = if on {
        "habits-archived"
    } else {
        "habits-unarchived"
    };
    menu(
        ctx,
        Some(message),
        h.id,
        Some(ctx.tr(key, &[("name", h.name.clone().into())])),
    )
    .await
}

/// "Delete": asks first.
pub async fn ask_delete(
    ctx: &Ctx<'_>,
    message: MessageId,
    habit: i64,
) -> anyhow::Result<Option<String>> {
    let Some(h) = ctx.tx.habit(ctx.user.id, habit).await? else {
        return Ok(Some(ctx.t("habits-gone")));
    };
    let text = ctx.tr("habits-delete-ask", &[("name", h.name.clone().into())]);
    let keyboard = inline(vec![
        vec![button(ctx.t("habits-btn-delete-yes"), Action::Delete(h.id))],
        vec![button(
            ctx.t("habits-btn-archive-instead"),
            Action::Archive(h.id, true),
        )],
        vec![button(ctx.t("btn-back"), Action::Edit(h.id))],
    ]);
    ctx.edit(message, &text, Some(keyboard)).await;
    Ok(None)
}

/// Deletes a habit with its marks and reminders; the list again.
pub async fn delete(
    ctx: &Ctx<'_>,
    message: MessageId,
    habit: i64,
) -> anyhow::Result<Option<String>> {
    let name = ctx.tx.habit(ctx.user.id, habit).await?.map(|h| h.name);
    let Some(name) = name else {
        // Deleted already (a second tap), or never the user's.
        return Ok(Some(ctx.t("habits-gone")));
    };
    ctx.tx.delete_habit(ctx.user.id, habit).await?;
    list(ctx, Some(message), false, 0).await?;
    Ok(Some(ctx.tr("habits-deleted", &[("name", name.into())])))
}

/// The goal's answer: archive the habit, or keep going.
pub async fn goal_answer(
    ctx: &Ctx<'_>,
    message: MessageId,
    habit: i64,
    archive: bool,
) -> anyhow::Result<Option<String>> {
    let Some(h) = ctx.tx.habit(ctx.user.id, habit).await? else {
        return Ok(Some(ctx.t("habits-gone")));
    };
    let text = if archive {
        service::set_archived(ctx.tx, &ctx.user, h.id, true, ctx.now).await?;
        ctx.tr("habits-goal-archived", &[("name", h.name.clone().into())])
    } else {
        ctx.tr("habits-goal-kept", &[("name", h.name.clone().into())])
    };
    let keyboard = inline(vec![vec![button(
        ctx.t("habits-btn-today"),
        Action::Today(0),
    )]]);
    ctx.edit(message, &text, Some(keyboard)).await;
    Ok(None)
}

/// The start of the habit day: the choices, or one chosen.
pub async fn day_start(
    ctx: &Ctx<'_>,
    message: MessageId,
    minutes: Option<u32>,
) -> anyhow::Result<Option<String>> {
    let preface = match minutes {
        Some(m) => {
            service::set_day_start(ctx.tx, &ctx.user, m, ctx.now).await?;
            Some(ctx.t("habits-saved"))
        }
        None => None,
    };
    let prefs = ctx.tx.habit_prefs(ctx.user.id).await?;
    let current = prefs.day_start().format("%H:%M").to_string();
    let mut parts: Vec<String> = preface.into_iter().collect();
    parts.push(ctx.tr("habits-day-start-ask", &[("time", Arg::Str(current))]));
    let choice = |h: u32| {
        let label = format!(
            "{}{h:02}:00",
            if prefs.day_start_min == h * 60 {
                "• "
            } else {
                ""
            }
        );
        button(label, Action::DayStart(Some(h * 60)))
    };
    let keyboard = inline(vec![
        vec![choice(0), choice(2), choice(3)],
        vec![choice(4), choice(5), choice(6)],
        vec![button(ctx.t("btn-back"), Action::List(false, 0))],
    ]);
    ctx.edit(message, &parts.join("\n\n"), Some(keyboard)).await;
    Ok(None)
}
