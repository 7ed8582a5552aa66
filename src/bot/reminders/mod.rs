//! Reminders in the chat: the messages the scheduler sends (the diary reminder, the dose
//! and open-attack follow-ups, the unfinished check-in nudge, the weekly summary) and
//! their buttons; the reminder settings are in [`screen`]. Each message is rendered when
//! due, in the user's language then, and only when it still asks something: a day already
//! answered, a dose whose effect is noted or an attack that ended gets none.

pub mod screen;

use crate::bot::ui::Ctx;
use crate::bot::ui::callback::Callback;
use crate::bot::ui::callback::reminders::{Action, button};
use crate::bot::ui::keyboards::{self, inline};
use crate::domain::medication::Effect;
use crate::domain::reminders::{self as rules, DiaryMode, SNOOZE, TONIGHT};
use crate::service::meds::{self as med_rules, EffectOutcome};
use crate::service::reminders as service;
use crate::store::schedule::DueJob;
use chrono::{Duration, NaiveDate, NaiveTime};
use teloxide_core::types::{InlineKeyboardMarkup, MessageId, ReplyMarkup};

/// Longest "name dose" in a follow-up.
const WHAT_MAX: usize = 80;

fn day_label(ctx: &Ctx<'_>, day: NaiveDate) -> String {
    ctx.day_label(day)
}

/// The diary reminder's buttons about `day`.
fn diary_keyboard(ctx: &Ctx<'_>, day: NaiveDate) -> InlineKeyboardMarkup {
    let r = rules::day_ref(day);
    let mut later = vec![button(ctx.t("remind-btn-hour"), Action::Hour(r))];
    if tonight(ctx, day).is_some() {
        later.push(button(ctx.t("remind-btn-tonight"), Action::Tonight(r)));
    }
    inline(vec![
        vec![
            button(ctx.t("remind-btn-free"), Action::Free(r)),
            button(ctx.t("remind-btn-log"), Action::Log(r)),
        ],
        later,
    ])
}

/// "Tonight" at 21:00 on `day`, when that is more than the hour "later" gives.
fn tonight(ctx: &Ctx<'_>, day: NaiveDate) -> Option<chrono::DateTime<chrono::Utc>> {
    let (h, m) = TONIGHT;
    let at = crate::domain::localtime::at(day, NaiveTime::from_hms_opt(h, m, 0)?, ctx.zone());
    (at > ctx.now + SNOOZE).then_some(at)
}

/// Sends the diary reminder (or its snooze) about `day`, which the scheduler found
/// unanswered (no attack, no headache-free record); true when sent.
pub async fn diary(ctx: &Ctx<'_>, due: &DueJob, day: NaiveDate) -> anyhow::Result<bool> {
    let key = match due.prefs.diary_mode {
        DiaryMode::Evening => "remind-diary-evening",
        DiaryMode::Morning => "remind-diary-morning",
    };
    let text = ctx.tr(key, &[("date", day_label(ctx, day).into())]);
    let markup = diary_keyboard(ctx, day);
    ctx.send(&text, Some(ReplyMarkup::InlineKeyboard(markup)))
        .await;
    Ok(true)
}

/// "How did it work?" for a dose whose effect is not noted yet; true when sent.
pub async fn dose(ctx: &Ctx<'_>, intake_id: i64) -> anyhow::Result<bool> {
    let Some(i) = ctx.tx.intake(ctx.user.id, intake_id).await? else {
        return Ok(false);
    };
    if i.effect.is_some() {
        return Ok(false);
    }
    let what =
        crate::bot::ui::format::short(&med_rules::dose_label(&i.name, i.dose.as_deref()), WHAT_MAX);
    let text = ctx.tr(
        "remind-dose",
        &[
            ("what", what.into()),
            ("time", ctx.when(i.taken_at, i.zone).into()),
        ],
    );
    let row = Effect::ANSWERS
        .iter()
        .map(|e| {
            let label = ctx.t(&format!("took-btn-effect-{}", e.key()));
            button(label, Action::Effect(i.id, *e))
        })
        .collect();
    ctx.send(&text, Some(ReplyMarkup::InlineKeyboard(inline(vec![row]))))
        .await;
    Ok(true)
}

fn going_keyboard(ctx: &Ctx<'_>, attack: i64) -> Vec<teloxide_core::types::InlineKeyboardButton> {
    let (i18n, lang) = (&ctx.bot.i18n, ctx.lang);
    vec![
        keyboards::button(i18n, lang, "btn-ended-now", Callback::EndNow(attack)),
        keyboards::button(i18n, lang, "btn-ended-at", Callback::EndAt(attack)),
    ]
}

/// "Still going?" for an attack that is still open; true when sent.
pub async fn attack(ctx: &Ctx<'_>, attack_id: i64) -> anyhow::Result<bool> {
    let Some(a) = ctx.live_attack(attack_id).await? else {
        return Ok(false);
    };
    if !a.is_open() {
        return Ok(false);
    }
    let text = ctx.tr(
        "remind-attack",
        &[
            ("start", ctx.when(a.started_at, a.zone).into()),
            ("duration", ctx.attack_duration(&a).into()),
        ],
    );
    let rows = vec![
        going_keyboard(ctx, a.id),
        vec![button(ctx.t("remind-btn-going"), Action::Going(a.id))],
    ];
    ctx.send(&text, Some(ReplyMarkup::InlineKeyboard(inline(rows))))
        .await;
    Ok(true)
}

/// The nudge about a check-in left unfinished (the caller knows it is under way).
pub async fn nudge(ctx: &Ctx<'_>) -> anyhow::Result<bool> {
    let rows = vec![vec![button(ctx.t("remind-btn-resume"), Action::Resume)]];
    ctx.send(
        &ctx.t("remind-nudge"),
        Some(ReplyMarkup::InlineKeyboard(inline(rows))),
    )
    .await;
    Ok(true)
}

/// A reminder's button (the router sends "log one" and "continue" to the check-in).
pub async fn on_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    action: Action,
) -> anyhow::Result<Option<String>> {
    match action {
        Action::Free(r) => {
            let Some(day) = rules::ref_day(r) else {
                return Ok(Some(ctx.t("error-stale-button")));
            };
            let a = crate::service::checkin::write::Answering {
                user_id: ctx.user.id,
                zone: ctx.zone(),
                now: ctx.now,
                update_id: ctx.update_id,
            };
            let date = day_label(ctx, day);
            let text = if service::mark_headache_free(ctx.tx, a, day).await? {
                ctx.tr("remind-free-saved", &[("date", date.into())])
            } else {
                ctx.tr("remind-free-refused", &[("date", date.into())])
            };
            ctx.edit(message, &text, None).await;
            Ok(None)
        }
        Action::Hour(r) | Action::Tonight(r) => {
            let Some(day) = rules::ref_day(r) else {
                return Ok(Some(ctx.t("error-stale-button")));
            };
            let at = match action {
                Action::Tonight(_) => tonight(ctx, day).unwrap_or(ctx.now + SNOOZE),
                _ => ctx.now + SNOOZE,
            };
            service::snooze(ctx.tx, ctx.user.id, day, at).await?;
            let time = at.with_timezone(&ctx.zone()).format("%H:%M").to_string();
            let text = ctx.tr("remind-snoozed", &[("time", time.into())]);
            ctx.edit(message, &text, None).await;
            Ok(None)
        }
        Action::Effect(id, effect) => {
            // A replayed press (or one on a dose deleted since) only says so.
            let text = match med_rules::set_effect(ctx.tx, ctx.user.id, id, effect, ctx.now).await?
            {
                EffectOutcome::Gone => return Ok(Some(ctx.t("took-dose-gone"))),
                EffectOutcome::Already(_) => return Ok(Some(ctx.t("took-effect-already"))),
                EffectOutcome::Set(i) => {
                    let what = crate::bot::ui::format::short(
                        &med_rules::dose_label(&i.name, i.dose.as_deref()),
                        WHAT_MAX,
                    );
                    ctx.tr(
                        &format!("took-effect-saved-{}", effect.key()),
                        &[("what", what.into())],
                    )
                }
            };
            ctx.edit(message, &text, None).await;
            Ok(None)
        }
        Action::Going(id) => {
            let Some(a) = ctx.live_attack(id).await?.filter(|a| a.is_open()) else {
                ctx.edit(message, &ctx.t("remind-attack-over"), None).await;
                return Ok(None);
            };
            let text = ctx.tr(
                "remind-going",
                &[("start", ctx.when(a.started_at, a.zone).into())],
            );
            ctx.edit(
                message,
                &text,
                Some(inline(vec![going_keyboard(ctx, a.id)])),
            )
            .await;
            Ok(None)
        }
        Action::Menu | Action::Set(_) => screen::on_button(ctx, message, action).await,
        Action::Log(_) | Action::Resume => Ok(Some(ctx.t("error-stale-button"))),
    }
}

/// Minutes as the settings read them ("2 h", "30 min").
pub fn minutes(ctx: &Ctx<'_>, m: u32) -> String {
    ctx.duration(Duration::minutes(i64::from(m)))
}

/// The weekly summary of the week before (figures as MODEL.md defines them); none for a
/// user who has recorded nothing yet.
pub async fn weekly(ctx: &Ctx<'_>, due: &DueJob) -> anyhow::Result<bool> {
    let Some(since) = ctx.tx.first_record_day(ctx.user.id).await? else {
        return Ok(false);
    };
    // The diary has begun: the questionnaire offers can be armed (kept if pending).
    crate::service::questionnaires::arm(ctx.tx, &ctx.user, &due.prefs, ctx.now).await?;
    let at = chrono::DateTime::from_timestamp(due.job.due_at, 0).unwrap_or(ctx.now);
    let (first, last) = rules::week_before(at, ctx.zone());
    let period = crate::domain::figures::Period::new(first, last);
    let figures = crate::service::figures::for_period_since(
        ctx.tx,
        ctx.user.id,
        Some(since),
        period,
        ctx.today(),
    )
    .await?;
    let text = crate::bot::ui::summary::weekly_text(&ctx.bot.i18n, ctx.lang, first, last, &figures);
    ctx.send(&text, None).await;
    if !figures.is_empty() {
        let i18n = &ctx.bot.i18n;
        match crate::pictures::intensity(&figures.days, period, ctx.today(), i18n, ctx.lang) {
            Ok(p) => {
                let caption = ctx.t("figures-week-picture");
                ctx.photo("week.png", p.png, &caption).await;
            }
            // A drawing bug must not cost the user the summary.
            Err(e) => tracing::error!(error = %e, "the weekly picture failed"),
        }
    }
    Ok(true)
}
