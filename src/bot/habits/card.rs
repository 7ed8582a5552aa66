//! A habit's card (streaks, strength, this month, the last weeks as a text calendar) and
//! its correction calendar (a button per day of the last two weeks).

use super::target_text;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::habits::{Action, button};
use crate::bot::ui::keyboards::inline;
use crate::domain::habits::{DayState, Frequency, Habit};
use crate::i18n::Arg;
use crate::service::habits as service;
use chrono::Datelike;
use teloxide_core::types::MessageId;

fn glyph(s: DayState) -> &'static str {
    match s {
        DayState::Done => "✅",
        DayState::DoneByPeriod => "☑️",
        DayState::Skipped => "⏭",
        DayState::Short => "🔸",
        DayState::Empty => "▫️",
        DayState::Outside => "➖",
    }
}

/// "every day", "3 times a week", "10 times a month", "every 3 days", "2 times in 5 days".
pub(super) fn frequency(ctx: &Ctx<'_>, f: Frequency) -> String {
    let n = i64::from(f.numerator);
    match (f.numerator, f.denominator) {
        (1, 1) => ctx.t("habits-freq-daily"),
        (_, 7) => ctx.tr("habits-freq-week", &[("count", n.into())]),
        (_, 30 | 31) => ctx.tr("habits-freq-month", &[("count", n.into())]),
        (1, d) => ctx.tr("habits-freq-every", &[("days", i64::from(d).into())]),
        (_, d) => ctx.tr(
            "habits-freq-custom",
            &[("count", n.into()), ("days", i64::from(d).into())],
        ),
    }
}

/// The lines that describe a habit: kind and target, frequency, goal, factor, routine.
pub(super) fn about(ctx: &Ctx<'_>, h: &Habit) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(d) = &h.description {
        out.push(d.clone());
    }
    let mut facts = vec![frequency(ctx, h.freq)];
    if let Some(t) = target_text(ctx, h.kind, h.unit.as_deref()) {
        facts.push(t);
    }
    facts.push(match h.goal_days {
        Some(g) => ctx.tr("habits-goal-days", &[("days", i64::from(g).into())]),
        None => ctx.t("habits-goal-none"),
    });
    out.push(facts.join(" · "));
    if let Some(f) = h.factor {
        out.push(ctx.tr(
            "habits-factor-line",
            &[("factor", super::edit::factor_name(ctx, f).into())],
        ));
    }
    if let Some(r) = &h.routine {
        out.push(ctx.tr("habits-routine-line", &[("routine", r.clone().into())]));
    }
    if h.archived_at.is_some() {
        out.push(ctx.t("habits-archived-line"));
    }
    out
}

/// A habit's card, in `message` (or anew).
pub async fn card(
    ctx: &Ctx<'_>,
    message: Option<MessageId>,
    habit: i64,
) -> anyhow::Result<Option<String>> {
    let (today, _) = service::today(ctx.tx, &ctx.user, ctx.now).await?;
    let Some(c) = service::card(ctx.tx, ctx.user.id, habit, today).await? else {
        return Ok(Some(ctx.t("habits-gone")));
    };
    let h = &c.habit;
    let mut parts = vec![ctx.tr("habits-card-title", &[("name", h.name.clone().into())])];
    parts.push(about(ctx, h).join("\n"));
    let percent = |x: f64| Arg::Num((x * 100.0).round() as i64);
    let month_share = if c.month_days == 0 {
        0.0
    } else {
        f64::from(c.month_done) / f64::from(c.month_days)
    };
    parts.push(
        [
            ctx.tr(
                "habits-card-streak",
                &[
                    ("current", i64::from(c.current).into()),
                    ("best", i64::from(c.best).into()),
                ],
            ),
            ctx.tr("habits-card-score", &[("percent", percent(c.score))]),
            ctx.tr(
                "habits-card-month",
                &[
                    ("done", i64::from(c.month_done).into()),
                    ("days", i64::from(c.month_days).into()),
                    ("percent", percent(month_share)),
                ],
            ),
        ]
        .join("\n"),
    );
    // The last weeks, Monday to Sunday: a row a week.
    let header: Vec<String> = (1..=7).map(|d| ctx.t(&format!("weekday-{d}"))).collect();
    let mut grid = vec![header.join(" ")];
    for week in c.weeks.chunks(7) {
        let first = week.first().map(|(d, _)| *d);
        let label = first
            .map(|d| format!("{:>2} {}", d.day(), ctx.t(&format!("month-{}", d.month()))))
            .unwrap_or_default();
        let cells: Vec<&str> = week.iter().map(|(_, s)| glyph(*s)).collect();
        grid.push(format!("{}  {label}", cells.join(" ")));
    }
    parts.push(format!(
        "{}\n{}",
        ctx.t("habits-card-weeks"),
        grid.join("\n")
    ));
    parts.push(ctx.t("habits-card-legend"));
    if !c.reminders.is_empty() {
        let times: Vec<String> = c
            .reminders
            .iter()
            .map(|r| r.time.format("%H:%M").to_string())
            .collect();
        parts.push(ctx.tr(
            "habits-card-reminders",
            &[("times", times.join(", ").into())],
        ));
    }
    let keyboard = inline(vec![
        vec![
            button(ctx.t("habits-btn-calendar"), Action::Calendar(h.id)),
            button(ctx.t("habits-btn-reminders"), Action::Reminders(h.id)),
        ],
        vec![button(ctx.t("habits-btn-edit"), Action::Edit(h.id))],
        vec![
            button(ctx.t("habits-btn-today"), Action::Today(0)),
            button(
                ctx.t("habits-btn-manage"),
                Action::List(h.archived_at.is_some(), 0),
            ),
        ],
    ]);
    ctx.show(message, &parts.join("\n\n"), Some(keyboard)).await;
    Ok(None)
}

/// The correction calendar: the last two weeks, a button a day opening that day.
pub async fn calendar(
    ctx: &Ctx<'_>,
    message: MessageId,
    habit: i64,
) -> anyhow::Result<Option<String>> {
    let Some(h) = ctx.tx.habit(ctx.user.id, habit).await? else {
        return Ok(Some(ctx.t("habits-gone")));
    };
    let (today, _) = service::today(ctx.tx, &ctx.user, ctx.now).await?;
    let days = service::recent(ctx.tx, &h, today).await?;
    let mut rows = Vec::new();
    for week in days.chunks(7) {
        rows.push(
            week.iter()
                .map(|(d, s, _)| {
                    button(
                        [glyph(*s), &d.day().to_string()].concat(),
                        Action::Day(h.id, *d),
                    )
                })
                .collect(),
        );
    }
    rows.push(vec![button(ctx.t("btn-back"), Action::Card(h.id))]);
    let text = ctx.tr(
        "habits-calendar-title",
        &[
            ("name", h.name.clone().into()),
            (
                "days",
                i64::from(crate::domain::habits::CORRECTABLE_DAYS).into(),
            ),
        ],
    );
    ctx.edit(
        message,
        &format!("{text}\n\n{}", ctx.t("habits-card-legend")),
        Some(inline(rows)),
    )
    .await;
    Ok(None)
}
