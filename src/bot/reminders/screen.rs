//! /settings → reminders: each kind on or off with its time (the questionnaire offers
//! among them), a pause of N days and quiet hours, as one message edited in place. Every
//! button sets the value it names.

use super::minutes;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::meds::{Action as SettingsAction, button as settings_button};
use crate::bot::ui::callback::reminders::{Action, Setting, button};
use crate::bot::ui::keyboards::inline;
use crate::domain::reminders::{DiaryMode, Prefs};
use crate::i18n::Arg;
use crate::service::reminders as service;
use chrono::{Duration, NaiveTime};
use teloxide_core::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId};

/// Follow-up delays offered, in minutes (0: off), in the order a tap steps through them.
const DOSE_STEPS: [u32; 5] = [60, 120, 180, 240, 0];
const ATTACK_STEPS: [u32; 5] = [120, 240, 360, 480, 0];
/// Weekly summary hours offered (`None`: off).
const WEEKLY_STEPS: [Option<u32>; 5] = [Some(8), Some(9), Some(10), Some(12), None];
/// Quiet hours offered.
const QUIET_STEPS: [Option<(u32, u32)>; 4] = [Some((22, 7)), Some((23, 8)), Some((21, 9)), None];
/// Pauses offered, in days.
const PAUSES: [u32; 3] = [1, 3, 7];

fn hm(h: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, 0, 0).unwrap_or(NaiveTime::MIN)
}

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// The step after `current` among `steps` (the first when `current` is not one of them).
fn next_of<T: PartialEq + Copy>(steps: &[T], current: T) -> T {
    let i = steps.iter().position(|s| *s == current);
    steps[i.map_or(0, |i| (i + 1) % steps.len())]
}

fn follow_up(ctx: &Ctx<'_>, on: bool, after: u32) -> String {
    if on {
        ctx.tr("remind-after", &[("after", minutes(ctx, after).into())])
    } else {
        ctx.t("remind-off")
    }
}

/// A button that sets `value`, labelled with what it sets ("💊 Dose question → 3 h later").
fn set_to(ctx: &Ctx<'_>, key: &str, value: String, s: Setting) -> InlineKeyboardButton {
    button(ctx.tr(key, &[("value", value.into())]), Action::Set(s))
}

fn quiet_label(ctx: &Ctx<'_>, q: Option<(u32, u32)>) -> String {
    match q {
        Some((f, t)) => format!("{}–{}", hhmm(hm(f)), hhmm(hm(t))),
        None => ctx.t("remind-off"),
    }
}

fn render(ctx: &Ctx<'_>, p: &Prefs) -> (String, InlineKeyboardMarkup) {
    let off = || ctx.t("remind-off");
    let on_off = |on: bool| ctx.t(if on { "remind-on" } else { "remind-off" });
    let mode = ctx.t(match p.diary_mode {
        DiaryMode::Evening => "remind-mode-evening",
        DiaryMode::Morning => "remind-mode-morning",
    });
    let diary = match ctx.user.checkin_time {
        Some(t) => ctx.tr(
            "remind-diary-at",
            &[("time", hhmm(t).into()), ("mode", mode.into())],
        ),
        None => off(),
    };
    let weekly = if p.weekly_on {
        ctx.tr("remind-weekly-at", &[("time", hhmm(p.weekly_time).into())])
    } else {
        off()
    };
    let quiet_now = p
        .quiet
        .map(|(f, t)| (chrono::Timelike::hour(&f), chrono::Timelike::hour(&t)));
    let quiet = quiet_label(ctx, quiet_now);
    let pause = match p.paused_until.filter(|u| *u > ctx.now) {
        Some(until) => ctx.tr(
            "remind-paused-until",
            &[("until", ctx.when(until, ctx.zone()).into())],
        ),
        None => ctx.t("remind-not-paused"),
    };
    let text = ctx.tr(
        "remind-screen",
        &[
            ("diary", diary.into()),
            ("repeat", on_off(p.diary_repeat).into()),
            ("dose", follow_up(ctx, p.dose_on, p.dose_after_min).into()),
            (
                "attack",
                follow_up(ctx, p.attack_on, p.attack_after_min).into(),
            ),
            ("nudge", on_off(p.nudge_on).into()),
            ("weekly", weekly.into()),
            ("quiet", quiet.into()),
            ("pause", pause.into()),
        ],
    );
    let offers = ctx.tr(
        "quest-remind-line",
        &[("value", on_off(p.questionnaire_on).into())],
    );
    let text = format!("{text}\n{offers}");
    let dose_now = if p.dose_on { p.dose_after_min } else { 0 };
    let attack_now = if p.attack_on { p.attack_after_min } else { 0 };
    let weekly_now = p.weekly_on.then(|| chrono::Timelike::hour(&p.weekly_time));
    let b = |key: &str, s: Setting| button(ctx.t(key), Action::Set(s));
    let dose_next = next_of(&DOSE_STEPS, dose_now);
    let attack_next = next_of(&ATTACK_STEPS, attack_now);
    let weekly_next = next_of(&WEEKLY_STEPS, weekly_now);
    let quiet_next = next_of(&QUIET_STEPS, quiet_now);
    let mut rows: Vec<Vec<InlineKeyboardButton>> = vec![
        vec![
            settings_button(ctx.t("remind-btn-time"), SettingsAction::CheckinMenu),
            match p.diary_mode {
                DiaryMode::Evening => b("remind-btn-morning", Setting::Morning(true)),
                DiaryMode::Morning => b("remind-btn-evening", Setting::Morning(false)),
            },
        ],
        vec![if p.diary_repeat {
            b("remind-btn-repeat-off", Setting::Repeat(false))
        } else {
            b("remind-btn-repeat-on", Setting::Repeat(true))
        }],
        vec![set_to(
            ctx,
            "remind-btn-dose",
            follow_up(ctx, dose_next > 0, dose_next),
            Setting::Dose(dose_next),
        )],
        vec![set_to(
            ctx,
            "remind-btn-attack",
            follow_up(ctx, attack_next > 0, attack_next),
            Setting::Attack(attack_next),
        )],
        vec![
            set_to(
                ctx,
                "remind-btn-nudge",
                on_off(!p.nudge_on),
                Setting::Nudge(!p.nudge_on),
            ),
            set_to(
                ctx,
                "remind-btn-weekly",
                weekly_next.map_or_else(off, |h| hhmm(hm(h))),
                Setting::Weekly(weekly_next),
            ),
        ],
        vec![set_to(
            ctx,
            "quest-remind-btn",
            on_off(!p.questionnaire_on),
            Setting::Questionnaires(!p.questionnaire_on),
        )],
        vec![set_to(
            ctx,
            "remind-btn-quiet",
            quiet_label(ctx, quiet_next),
            Setting::Quiet(quiet_next),
        )],
    ];
    if p.paused(ctx.now) {
        rows.push(vec![b("remind-btn-resume-all", Setting::Pause(0))]);
    } else {
        rows.push(
            PAUSES
                .iter()
                .map(|d| {
                    let label = ctx.tr("remind-btn-pause", &[("days", Arg::Num(i64::from(*d)))]);
                    button(label, Action::Set(Setting::Pause(*d)))
                })
                .collect(),
        );
    }
    rows.push(vec![settings_button(
        ctx.t("btn-back"),
        SettingsAction::Settings,
    )]);
    (text, inline(rows))
}

/// The choices after a setting button.
fn apply(p: &mut Prefs, s: Setting, now: chrono::DateTime<chrono::Utc>) {
    match s {
        Setting::Morning(m) => {
            p.diary_mode = if m {
                DiaryMode::Morning
            } else {
                DiaryMode::Evening
            }
        }
        Setting::Repeat(on) => p.diary_repeat = on,
        Setting::Dose(0) => p.dose_on = false,
        Setting::Dose(m) => (p.dose_on, p.dose_after_min) = (true, m),
        Setting::Attack(0) => p.attack_on = false,
        Setting::Attack(m) => (p.attack_on, p.attack_after_min) = (true, m),
        Setting::Nudge(on) => p.nudge_on = on,
        Setting::Weekly(None) => p.weekly_on = false,
        Setting::Weekly(Some(h)) => (p.weekly_on, p.weekly_time) = (true, hm(h)),
        Setting::Quiet(q) => p.quiet = q.map(|(f, t)| (hm(f), hm(t))),
        Setting::Pause(0) => p.paused_until = None,
        Setting::Pause(d) => p.paused_until = Some(now + Duration::days(i64::from(d))),
        Setting::Questionnaires(on) => p.questionnaire_on = on,
    }
}

/// The screen, or a setting changed on it (saved, then shown again in place).
pub async fn on_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    action: Action,
) -> anyhow::Result<Option<String>> {
    let mut prefs = ctx.tx.reminder_prefs(ctx.user.id).await?;
    let mut notice = None;
    if let Action::Set(s) = action {
        let before = prefs.clone();
        apply(&mut prefs, s, ctx.now);
        if prefs != before {
            service::set_prefs(ctx.tx, &ctx.user, &prefs, ctx.now).await?;
        }
        notice = Some(ctx.t("done"));
    }
    let (text, keyboard) = render(ctx, &prefs);
    ctx.edit(message, &text, Some(keyboard)).await;
    Ok(notice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tap_steps_to_the_next_choice_and_wraps() {
        assert_eq!(next_of(&DOSE_STEPS, 120), 180);
        assert_eq!(next_of(&DOSE_STEPS, 0), 60);
        assert_eq!(next_of(&DOSE_STEPS, 45), 60);
        assert_eq!(next_of(&WEEKLY_STEPS, None), Some(8));
        let mut p = Prefs::default();
        let now = chrono::Utc::now();
        apply(&mut p, Setting::Pause(3), now);
        assert!(p.paused(now + Duration::days(2)) && !p.paused(now + Duration::days(3)));
        apply(&mut p, Setting::Dose(0), now);
        assert!(!p.dose_on && p.dose_after_min == 120);
    }
}
