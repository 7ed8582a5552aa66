//! Answers about the headache itself (start to cause), written into its attack at once.

use super::state::who;
use super::{Outcome, State};
use crate::bot::ui::Ctx;
use crate::domain::attack::parse_intensity;
use crate::domain::attack::{Attack, AttackField, Aura, Character, Location, Nausea, Trigger};
use crate::domain::localtime;
use crate::domain::text::check_text;
use crate::service::checkin::write;
use crate::service::checkin::{MAX_CAUSE, Step, iso, parse_time_code, parse_time_on};
use crate::service::details::{self, DetailError};
use chrono::{DateTime, Utc};

/// The attack being filled in, if it is still there.
async fn attack(ctx: &Ctx<'_>, st: &State) -> anyhow::Result<Option<Attack>> {
    let Some(id) = st.attack else {
        return Ok(None);
    };
    ctx.live_attack(id).await
}

/// Sets one field of the attack (user-scoped); `Lost` when the attack is gone.
async fn set(
    ctx: &Ctx<'_>,
    st: &State,
    field: AttackField,
    then: Outcome,
) -> anyhow::Result<Outcome> {
    let Some(id) = st.attack else {
        return Ok(Outcome::Lost);
    };
    Ok(
        match write::set_attack_answer(ctx.tx, who(ctx), id, &field).await? {
            Some(a) => {
                let changes = std::slice::from_ref(&field);
                if crate::bot::ui::sick_day::hard_day(&a, changes, ctx.now) {
                    crate::bot::ui::sick_day::offer(ctx).await?;
                }
                then
            }
            None => Outcome::Lost,
        },
    )
}

/// A start or an end, checked against the other one and the clock.
async fn time(ctx: &Ctx<'_>, st: &mut State, at: DateTime<Utc>) -> anyhow::Result<Outcome> {
    let Some(a) = attack(ctx, st).await? else {
        return Ok(Outcome::Lost);
    };
    let zone = a.zone;
    // The same rules as the details editor (service::details), in the check-in's words.
    if st.step == Step::Started {
        return match details::check_start(&a, at, ctx.now) {
            Err(DetailError::StartAfterEnd(end)) => {
                let end = ctx.when(end, zone);
                Ok(Outcome::Refuse(
                    ctx.tr("checkin-start-after-end", &[("end", end.into())]),
                ))
            }
            Err(_) => Ok(Outcome::Refuse(ctx.t("checkin-start-future"))),
            Ok(()) => {
                st.answers.started_at = Some(iso(at, zone));
                set(ctx, st, AttackField::StartedAt(at), Outcome::Next).await
            }
        };
    }
    let at = match details::check_end(&a, at, ctx.now) {
        Ok(at) => at,
        Err(DetailError::EndBeforeStart(start)) => {
            let start = ctx.when(start, zone);
            return Ok(Outcome::Refuse(
                ctx.tr("checkin-end-before-start", &[("start", start.into())]),
            ));
        }
        Err(_) => return Ok(Outcome::Refuse(ctx.t("checkin-end-future"))),
    };
    st.answers.ended_at = Some(iso(at, zone));
    st.answers.still_going = Some(false);
    set(ctx, st, AttackField::EndedAt(Some(at)), Outcome::Next).await
}

/// Adds (`+key`) or removes (`-key`) one of several choices, keeping the display order.
fn toggle<T: Copy + PartialEq>(
    all: &[T],
    chosen: &[T],
    value: &str,
    from_key: impl Fn(&str) -> Option<T>,
) -> Option<Vec<T>> {
    let (on, key) = match value.split_at_checked(1)? {
        ("+", key) => (true, key),
        ("-", key) => (false, key),
        _ => return None,
    };
    let item = from_key(key)?;
    Some(crate::service::details::choose(chosen, item, on, all))
}

fn yes_no(value: &str) -> Option<bool> {
    match value {
        "y" => Some(true),
        "n" => Some(false),
        _ => None,
    }
}

/// A button of a headache question; `None` when the value means nothing here.
pub(super) async fn button(
    ctx: &Ctx<'_>,
    st: &mut State,
    value: &str,
) -> anyhow::Result<Option<Outcome>> {
    if value == "s" && st.step != Step::Location && st.step != Step::Cause {
        return Ok(Some(Outcome::Next));
    }
    let Some(a) = attack(ctx, st).await? else {
        return Ok(Some(Outcome::Lost));
    };
    let day = st.date().unwrap_or_default();
    let (field, then) = match st.step {
        Step::Started | Step::Ended => {
            if st.step == Step::Ended && value == "g" {
                st.answers.ended_at = None;
                st.answers.still_going = Some(true);
                (AttackField::EndedAt(None), Outcome::Next)
            } else {
                let Some(t) = value.strip_prefix('t').and_then(parse_time_code) else {
                    return Ok(None);
                };
                let at = localtime::at(day, t, ctx.zone());
                return time(ctx, st, at).await.map(Some);
            }
        }
        Step::Aura => {
            let Some(yes) = yes_no(value) else {
                return Ok(None);
            };
            st.answers.aura_visual = Some(yes);
            (
                AttackField::Aura(Aura::answer_visual(&a.aura, yes)),
                Outcome::Next,
            )
        }
        Step::Location | Step::Cause if value == "x" => return Ok(Some(Outcome::Next)),
        Step::Location => {
            let Some(v) = toggle(Location::ALL, &a.locations, value, Location::from_key) else {
                return Ok(None);
            };
            st.answers.locations = Some(v.iter().map(|l| l.key().to_owned()).collect());
            (AttackField::Locations(v), Outcome::Stay)
        }
        Step::Cause => {
            let Some(v) = toggle(Trigger::ALL, &a.triggers, value, Trigger::from_key) else {
                return Ok(None);
            };
            st.answers.triggers = Some(v.iter().map(|t| t.key().to_owned()).collect());
            (AttackField::Triggers(v), Outcome::Stay)
        }
        Step::Character => {
            let c = match value {
                "p" => Character::Pulsating,
                "q" => Character::Pressing,
                _ => return Ok(None),
            };
            st.answers.character = Some(c.key().to_owned());
            (AttackField::Character(Some(c)), Outcome::Next)
        }
        Step::Intensity => {
            let Some(n) = parse_intensity(value) else {
                return Ok(None);
            };
            st.answers.intensity = Some(n);
            (AttackField::Intensity(Some(n)), Outcome::Next)
        }
        Step::Nausea => {
            let Some(n) = Nausea::from_key(value) else {
                return Ok(None);
            };
            st.answers.nausea = Some(n.key().to_owned());
            (AttackField::Nausea(Some(n)), Outcome::Next)
        }
        Step::Activity | Step::Vomiting | Step::Light | Step::Sound => {
            let Some(yes) = yes_no(value) else {
                return Ok(None);
            };
            let (field, answer) = match st.step {
                Step::Activity => (
                    AttackField::WorseWithActivity(Some(yes)),
                    &mut st.answers.worse_with_activity,
                ),
                Step::Vomiting => (AttackField::Vomiting(Some(yes)), &mut st.answers.vomiting),
                Step::Light => (
                    AttackField::LightSensitivity(Some(yes)),
                    &mut st.answers.light_sensitivity,
                ),
                _ => (
                    AttackField::SoundSensitivity(Some(yes)),
                    &mut st.answers.sound_sensitivity,
                ),
            };
            *answer = Some(yes);
            (field, Outcome::Next)
        }
        _ => return Ok(None),
    };
    set(ctx, st, field, then).await.map(Some)
}

/// Typed input to a headache question: a time, an intensity or a cause.
pub(super) async fn text(ctx: &Ctx<'_>, st: &mut State, text: &str) -> anyhow::Result<Outcome> {
    match st.step {
        Step::Started | Step::Ended => {
            let day = st.date().unwrap_or_default();
            match parse_time_on(text, day, ctx.now, ctx.zone()) {
                Ok(at) => time(ctx, st, at).await,
                Err(e) => Ok(Outcome::Refuse(ctx.t(e.key()))),
            }
        }
        Step::Intensity => match parse_intensity(text) {
            Some(n) => {
                st.answers.intensity = Some(n);
                set(ctx, st, AttackField::Intensity(Some(n)), Outcome::Next).await
            }
            None => Ok(Outcome::Refuse(ctx.t("checkin-intensity-invalid"))),
        },
        _ => match check_text(text, MAX_CAUSE) {
            Ok(note) => {
                st.answers.cause_note = Some(note.clone());
                set(ctx, st, AttackField::TriggerNote(Some(note)), Outcome::Stay).await
            }
            Err(length) => Ok(Outcome::Refuse(ctx.tr(
                "checkin-cause-too-long",
                &[
                    ("length", (length as i64).into()),
                    ("max", (MAX_CAUSE as i64).into()),
                ],
            ))),
        },
    }
}
