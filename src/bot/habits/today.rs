//! Today's checklist, a habit's day (mark, skip, clear, number, note), routines at once and
//! the sick day.

use super::{State, amount_error, iso, refused, retire, save, target_text, text_error};
use crate::bot::outbox::MsgRef;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::habits::{Action, From, Set, button};
use crate::bot::ui::keyboards::inline;
use crate::domain::habits::{self as rules, Habit, Kind, Mark, PAGE, format_amount};
use crate::i18n::Arg;
use crate::service::habits::{self as service, Line};
use chrono::NaiveDate;
use teloxide_core::types::{InlineKeyboardButton, MessageId};

/// The habit day now.
async fn habit_today(
    ctx: &Ctx<'_>,
) -> anyhow::Result<(NaiveDate, crate::store::habits::HabitPrefs)> {
    Ok(service::today(ctx.tx, &ctx.user, ctx.now).await?)
}

/// /habits and the menu button: today's checklist, sent anew.
pub async fn show(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    super::drop_state(ctx).await?;
    render(ctx, None, 0, None).await?;
    Ok(())
}

fn value_of(mark: Option<Mark>) -> i64 {
    match mark {
        Some(Mark::Value(v)) => (v * 1000.0).round() as i64,
        _ => 0,
    }
}

/// "3 / 8 glasses".
fn progress(ctx: &Ctx<'_>, habit: &Habit, mark: Option<Mark>) -> String {
    let target = match habit.kind {
        Kind::Numeric { target, .. } => format_amount((target * 1000.0).round() as i64),
        Kind::YesNo => String::new(),
    };
    ctx.tr(
        "habits-progress",
        &[
            ("value", Arg::Str(format_amount(value_of(mark)))),
            ("target", Arg::Str(target)),
            ("unit", Arg::Str(habit.unit.clone().unwrap_or_default())),
        ],
    )
}

fn icon(line: &Line) -> &'static str {
    match line.mark() {
        _ if line.done() => "✅",
        Some(Mark::Skipped) => "⏭",
        Some(Mark::Value(_)) => "🔸",
        _ => "▫️",
    }
}

fn line_text(ctx: &Ctx<'_>, line: &Line) -> String {
    let h = &line.habit;
    let mut s = format!("{} {}", icon(line), h.name);
    if h.is_numeric() {
        s.push_str(" · ");
        s.push_str(&progress(ctx, h, line.mark()));
    }
    if line.mark() == Some(Mark::Skipped) {
        s.push_str(&format!(" ({})", ctx.t("habits-skipped")));
    }
    if line.entry.as_ref().is_some_and(|e| e.note.is_some()) {
        s.push_str(" 📝");
    }
    s
}

/// Today's checklist at `page`, in `message` (or anew), after `preface` when given.
pub async fn render(
    ctx: &Ctx<'_>,
    message: Option<MessageId>,
    page: u32,
    preface: Option<String>,
) -> anyhow::Result<Option<String>> {
    let (day, prefs) = habit_today(ctx).await?;
    let lines = service::checklist(ctx.tx, ctx.user.id, day).await?;
    let mut parts: Vec<String> = preface.into_iter().collect();
    parts.push(ctx.tr("habits-today-title", &[("date", ctx.day_label(day).into())]));
    if prefs.day_start_min > 0 {
        let start = prefs.day_start().format("%H:%M").to_string();
        parts.push(ctx.tr("habits-day-starts", &[("time", start.into())]));
    }
    if lines.is_empty() {
        parts.push(ctx.t("habits-none-yet"));
        let keyboard = inline(vec![
            vec![button(ctx.t("habits-btn-new"), Action::New)],
            vec![button(ctx.t("habits-btn-manage"), Action::List(false, 0))],
        ]);
        ctx.show(message, &parts.join("\n\n"), Some(keyboard)).await;
        return Ok(None);
    }
    let pages = lines.len().div_ceil(PAGE) as u32;
    let page = page.min(pages.saturating_sub(1));
    let shown: Vec<&Line> = lines.iter().skip(page as usize * PAGE).take(PAGE).collect();
    let done = lines.iter().filter(|l| l.done()).count();
    parts.push(
        shown
            .iter()
            .map(|l| line_text(ctx, l))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    parts.push(ctx.tr(
        "habits-today-count",
        &[
            ("done", (done as i64).into()),
            ("total", (lines.len() as i64).into()),
        ],
    ));
    let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
    let from = From::Today(page);
    for l in &shown {
        let h = &l.habit;
        if h.is_numeric() {
            let label = format!("{} {} · {}", icon(l), h.name, progress(ctx, h, l.mark()));
            rows.push(vec![button(label, Action::Day(h.id, day))]);
        } else {
            let set = if l.done() { Set::Clear } else { Set::Done };
            rows.push(vec![
                button(
                    format!("{} {}", icon(l), h.name),
                    Action::Mark(h.id, day, set, from),
                ),
                button("⋯", Action::Day(h.id, day)),
            ]);
        }
    }
    // A routine with something left to do: one tap marks its yes/no habits done.
    for routine in service::routines(&shown.iter().map(|l| l.habit.clone()).collect::<Vec<_>>()) {
        let of: Vec<&Line> = lines
            .iter()
            .filter(|l| l.habit.routine.as_deref() == Some(routine.as_str()))
            .collect();
        let open = of.iter().any(|l| !l.habit.is_numeric() && !l.done());
        if let (true, Some(first)) = (open, of.first()) {
            let label = ctx.tr("habits-btn-routine", &[("routine", routine.clone().into())]);
            rows.push(vec![button(
                label,
                Action::Routine(first.habit.id, day, page),
            )]);
        }
    }
    if pages > 1 {
        let mut nav = Vec::new();
        if page > 0 {
            nav.push(button(ctx.t("habits-btn-prev"), Action::Today(page - 1)));
        }
        if page + 1 < pages {
            nav.push(button(ctx.t("habits-btn-next"), Action::Today(page + 1)));
        }
        rows.push(nav);
    }
    if lines.iter().any(|l| l.mark().is_none()) {
        rows.push(vec![button(
            ctx.t("habits-btn-sick-day"),
            Action::SickDay(day),
        )]);
    }
    rows.push(vec![
        button(ctx.t("habits-btn-new"), Action::New),
        button(ctx.t("habits-btn-manage"), Action::List(false, 0)),
    ]);
    ctx.show(message, &parts.join("\n\n"), Some(inline(rows)))
        .await;
    Ok(None)
}

fn mark_of(set: Set) -> Option<Mark> {
    match set {
        Set::Done => Some(Mark::Done),
        Set::Skip => Some(Mark::Skipped),
        Set::Clear => None,
        Set::Value(v) => Some(Mark::Value(v as f64 / 1000.0)),
    }
}

/// A mark button: sets the mark and redraws the screen it was pressed on.
pub async fn mark(
    ctx: &Ctx<'_>,
    message: MessageId,
    habit: i64,
    day: NaiveDate,
    set: Set,
    from: From,
) -> anyhow::Result<Option<String>> {
    let marked =
        match service::set_mark(ctx.tx, &ctx.user, habit, day, mark_of(set), ctx.now).await? {
            Ok(m) => m,
            Err(r) => return Ok(Some(refused(ctx, r))),
        };
    if marked.goal_reached {
        congratulate(ctx, &marked.habit).await;
    }
    match from {
        From::Today(page) => render(ctx, Some(message), page, None).await,
        From::Day => self::day(ctx, Some(message), habit, day, None).await,
        From::Reminder => {
            let key = match set {
                Set::Skip => "habits-reminder-skipped",
                Set::Clear => "habits-reminder-cleared",
                _ => "habits-reminder-done",
            };
            let text = ctx.tr(key, &[("name", marked.habit.name.clone().into())]);
            let keyboard = inline(vec![vec![button(
                ctx.t("habits-btn-today"),
                Action::Today(0),
            )]]);
            ctx.edit(message, &text, Some(keyboard)).await;
            Ok(None)
        }
    }
}

/// Reaching the goal: congratulates once and offers to archive or keep going.
pub(super) async fn congratulate(ctx: &Ctx<'_>, habit: &Habit) {
    let text = ctx.tr(
        "habits-goal-reached",
        &[
            ("name", habit.name.clone().into()),
            ("days", i64::from(habit.goal_days.unwrap_or(0)).into()),
        ],
    );
    let keyboard = inline(vec![vec![
        button(
            ctx.t("habits-btn-goal-archive"),
            Action::Goal(habit.id, true),
        ),
        button(ctx.t("habits-btn-goal-keep"), Action::Goal(habit.id, false)),
    ]]);
    ctx.send(
        &text,
        Some(teloxide_core::types::ReplyMarkup::InlineKeyboard(keyboard)),
    )
    .await;
}

/// The routine button: marks its yes/no habits done and redraws the checklist.
pub async fn routine(
    ctx: &Ctx<'_>,
    message: MessageId,
    habit: i64,
    day: NaiveDate,
    page: u32,
) -> anyhow::Result<Option<String>> {
    let marked = match service::mark_routine(ctx.tx, &ctx.user, habit, day, ctx.now).await? {
        Ok(m) => m,
        Err(r) => return Ok(Some(refused(ctx, r))),
    };
    for h in &marked.goals {
        congratulate(ctx, h).await;
    }
    let notice = ctx.tr(
        "habits-routine-done",
        &[
            ("routine", marked.routine.into()),
            ("count", i64::from(marked.marked).into()),
        ],
    );
    render(ctx, Some(message), page, None).await?;
    Ok(Some(notice))
}

/// The sick day: skips what is left open and says so in the message pressed.
pub async fn sick_day(
    ctx: &Ctx<'_>,
    message: MessageId,
    day: NaiveDate,
) -> anyhow::Result<Option<String>> {
    let skipped = match service::skip_open(ctx.tx, &ctx.user, day, ctx.now).await? {
        Ok(n) => n,
        Err(r) => return Ok(Some(refused(ctx, r))),
    };
    let text = if skipped == 0 {
        ctx.t("habits-sick-nothing")
    } else {
        ctx.tr("habits-sick-done", &[("count", i64::from(skipped).into())])
    };
    let keyboard = inline(vec![vec![button(
        ctx.t("habits-btn-today"),
        Action::Today(0),
    )]]);
    ctx.edit(message, &text, Some(keyboard)).await;
    Ok(None)
}

/// One habit's day: its mark, note and buttons; a numeric habit's day reads a typed number.
pub async fn day(
    ctx: &Ctx<'_>,
    message: Option<MessageId>,
    habit: i64,
    day: NaiveDate,
    preface: Option<String>,
) -> anyhow::Result<Option<String>> {
    let Some(h) = ctx.tx.habit(ctx.user.id, habit).await? else {
        return Ok(Some(ctx.t("habits-gone")));
    };
    let (today, _) = habit_today(ctx).await?;
    if let Err(e) = rules::markable(day, today) {
        return Ok(Some(refused(ctx, service::Refused::Day(e))));
    }
    let entry = ctx
        .tx
        .habit_entries(h.id, day, day)
        .await?
        .into_iter()
        .next();
    let mark = entry.as_ref().and_then(|e| e.mark);
    let mut parts: Vec<String> = preface.into_iter().collect();
    parts.push(ctx.tr(
        "habits-day-title",
        &[
            ("name", h.name.clone().into()),
            ("date", ctx.day_label(day).into()),
        ],
    ));
    if let Some(t) = target_text(ctx, h.kind, h.unit.as_deref()) {
        parts.push(t);
    }
    let status = match mark {
        _ if rules::done(h.kind, mark) && !h.is_numeric() => ctx.t("habits-status-done"),
        Some(Mark::Skipped) => ctx.t("habits-status-skipped"),
        Some(Mark::Value(_)) => {
            let key = if rules::done(h.kind, mark) {
                "habits-status-value-done"
            } else {
                "habits-status-value"
            };
            ctx.tr(key, &[("progress", progress(ctx, &h, mark).into())])
        }
        _ => ctx.t("habits-status-none"),
    };
    parts.push(status);
    if let Some(note) = entry.as_ref().and_then(|e| e.note.clone()) {
        parts.push(ctx.tr("habits-note-shown", &[("note", note.into())]));
    }
    let from = From::Day;
    let mut rows = Vec::new();
    if h.is_numeric() {
        let v = value_of(mark);
        let step = 1000;
        rows.push(vec![
            button(
                "−1",
                Action::Mark(h.id, day, Set::Value((v - step).max(0)), from),
            ),
            button("+1", Action::Mark(h.id, day, Set::Value(v + step), from)),
        ]);
        parts.push(ctx.t("habits-type-number"));
    } else {
        rows.push(vec![button(
            ctx.t("habits-btn-done"),
            Action::Mark(h.id, day, Set::Done, from),
        )]);
    }
    rows.push(vec![
        button(
            ctx.t("habits-btn-skip"),
            Action::Mark(h.id, day, Set::Skip, from),
        ),
        button(
            ctx.t("habits-btn-clear"),
            Action::Mark(h.id, day, Set::Clear, from),
        ),
    ]);
    rows.push(vec![
        button(ctx.t("habits-btn-note"), Action::Note(h.id, day)),
        button(ctx.t("habits-btn-card"), Action::Card(h.id)),
    ]);
    let back = if day == today {
        Action::Today(0)
    } else {
        Action::Calendar(h.id)
    };
    rows.push(vec![button(ctx.t("btn-back"), back)]);
    let shown = match message {
        Some(m) => {
            ctx.edit(m, &parts.join("\n\n"), Some(inline(rows))).await;
            Some(MsgRef(i64::from(m.0)))
        }
        None => {
            ctx.send(
                &parts.join("\n\n"),
                Some(teloxide_core::types::ReplyMarkup::InlineKeyboard(inline(
                    rows,
                ))),
            )
            .await
        }
    };
    // A numeric day reads a typed number; any other screen stops waiting for one.
    match (h.is_numeric(), shown) {
        (true, Some(msg)) => {
            let st = State::Value {
                habit: h.id,
                day: iso(day),
                msg: msg.0,
            };
            save(ctx, Some(&st)).await?;
        }
        _ => super::drop_state(ctx).await?,
    }
    Ok(None)
}

/// A typed number for a numeric habit's day.
pub async fn typed_value(
    ctx: &Ctx<'_>,
    text: &str,
    habit: i64,
    day: NaiveDate,
    msg: i64,
) -> anyhow::Result<()> {
    let milli = match rules::parse_amount(text, false) {
        Ok(v) => v,
        Err(e) => {
            ctx.send(&amount_error(ctx, e, text), None).await;
            return Ok(());
        }
    };
    let mark = Some(Mark::Value(milli as f64 / 1000.0));
    match service::set_mark(ctx.tx, &ctx.user, habit, day, mark, ctx.now).await? {
        Ok(m) => {
            retire(ctx, msg).await;
            if m.goal_reached {
                congratulate(ctx, &m.habit).await;
            }
            let saved = ctx.tr(
                "habits-value-saved",
                &[("value", Arg::Str(format_amount(milli)))],
            );
            self::day(ctx, None, habit, day, Some(saved)).await?;
        }
        Err(r) => {
            save(ctx, None).await?;
            ctx.send(&refused(ctx, r), None).await;
        }
    }
    Ok(())
}

/// "Note": asks for a short note on the day.
pub async fn ask_note(
    ctx: &Ctx<'_>,
    message: MessageId,
    habit: i64,
    day: NaiveDate,
) -> anyhow::Result<Option<String>> {
    let Some(h) = ctx.tx.habit(ctx.user.id, habit).await? else {
        return Ok(Some(ctx.t("habits-gone")));
    };
    let (today, _) = habit_today(ctx).await?;
    if let Err(e) = rules::markable(day, today) {
        return Ok(Some(refused(ctx, service::Refused::Day(e))));
    }
    let text = ctx.tr(
        "habits-ask-note",
        &[
            ("name", h.name.clone().into()),
            ("date", ctx.day_label(day).into()),
            ("max", (rules::NOTE_MAX as i64).into()),
        ],
    );
    let keyboard = inline(vec![vec![button(
        ctx.t("btn-back"),
        Action::Day(h.id, day),
    )]]);
    ctx.edit(message, &text, Some(keyboard)).await;
    let st = State::Note {
        habit: h.id,
        day: iso(day),
        msg: i64::from(message.0),
    };
    save(ctx, Some(&st)).await?;
    Ok(None)
}

/// A typed note ("-" removes it).
pub async fn typed_note(
    ctx: &Ctx<'_>,
    text: &str,
    habit: i64,
    day: NaiveDate,
    msg: i64,
) -> anyhow::Result<()> {
    let note = if text.trim() == "-" {
        None
    } else {
        match crate::domain::text::check_text(text, rules::NOTE_MAX) {
            Ok(t) => Some(t),
            Err(length) => {
                ctx.send(&text_error(ctx, rules::NOTE_MAX, length), None)
                    .await;
                return Ok(());
            }
        }
    };
    let Some(h) = ctx.tx.habit(ctx.user.id, habit).await? else {
        save(ctx, None).await?;
        ctx.send(&ctx.t("habits-gone"), None).await;
        return Ok(());
    };
    let (today, _) = habit_today(ctx).await?;
    if let Err(e) = rules::markable(day, today) {
        save(ctx, None).await?;
        ctx.send(&refused(ctx, service::Refused::Day(e)), None)
            .await;
        return Ok(());
    }
    ctx.tx
        .set_habit_note(h.id, day, note.as_deref(), ctx.now.timestamp())
        .await?;
    retire(ctx, msg).await;
    let saved = ctx.t(if note.is_some() {
        "habits-note-saved"
    } else {
        "habits-note-removed"
    });
    // The day's screen drops the note's state (or waits for a number, for a numeric habit).
    self::day(ctx, None, h.id, day, Some(saved)).await?;
    Ok(())
}
