//! Saving from buttons: a value of one field, a toggle of a multi-select field, and the
//! explanations of refused values.

use super::{after, show};
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::details::{Field, Origin};
use crate::domain::attack::{
    Attack, AttackField, Aura, Character, Disability, Location, Nausea, Side, Trigger,
};
use crate::service::details::{self, DetailError};
use teloxide_core::types::MessageId;

/// The translated explanation of a refused value.
pub fn explain(ctx: &Ctx<'_>, error: DetailError, a: &Attack) -> String {
    match error {
        DetailError::TooLong { max, length } => ctx.tr(
            error.key(),
            &[
                ("max", (max as i64).into()),
                ("length", (length as i64).into()),
            ],
        ),
        DetailError::StartAfterEnd(end) => {
            ctx.tr(error.key(), &[("end", ctx.when(end, a.zone).into())])
        }
        DetailError::EndBeforeStart(start) => {
            ctx.tr(error.key(), &[("start", ctx.when(start, a.zone).into())])
        }
        _ => ctx.t(error.key()),
    }
}

/// Sets fields one by one; the attack after the last, or `None` when it is gone.
pub async fn store_fields(
    ctx: &Ctx<'_>,
    id: i64,
    changes: &[AttackField],
) -> anyhow::Result<Option<Attack>> {
    let attack = details::update_attack(ctx.tx, ctx.user.id, id, changes, ctx.now).await?;
    if let Some(a) = &attack
        && crate::bot::ui::sick_day::hard_day(a, changes, ctx.now)
    {
        crate::bot::ui::sick_day::offer(ctx).await?;
    }
    Ok(attack)
}

/// The choice at a button's index.
fn at<T: Copy>(all: &[T], value: &str) -> Option<T> {
    let i: usize = value.parse().ok().filter(|_| value.len() <= 2)?;
    all.get(i).copied()
}

fn yes_no(value: &str) -> Option<bool> {
    match value {
        "y" => Some(true),
        "n" => Some(false),
        _ => None,
    }
}

/// What clearing a field (back to unknown) sets.
fn cleared(field: Field) -> Option<Vec<AttackField>> {
    use AttackField as F;
    Some(match field {
        Field::Start | Field::End => return None,
        Field::Intensity => vec![F::Intensity(None)],
        Field::Location => vec![F::Locations(Vec::new())],
        Field::Side => vec![F::Side(None)],
        Field::Character => vec![F::Character(None)],
        Field::Activity => vec![F::WorseWithActivity(None)],
        Field::Nausea => vec![F::Nausea(None)],
        Field::Vomiting => vec![F::Vomiting(None)],
        Field::Light => vec![F::LightSensitivity(None)],
        Field::Sound => vec![F::SoundSensitivity(None)],
        Field::Aura => vec![F::Aura(Vec::new()), F::AuraMin(None)],
        Field::AuraMin => vec![F::AuraMin(None)],
        Field::Triggers => vec![F::Triggers(Vec::new()), F::TriggerNote(None)],
        Field::TriggerNote => vec![F::TriggerNote(None)],
        Field::Disability => vec![F::Disability(None)],
        Field::Comment => vec![F::Comment(None)],
    })
}

/// What a single-choice button of `field` with `value` sets; `None` for a forged value.
fn chosen(field: Field, value: &str) -> Option<AttackField> {
    use AttackField as F;
    Some(match field {
        Field::Side => F::Side(Some(at(Side::ALL, value)?)),
        Field::Character => F::Character(Some(at(Character::ALL, value)?)),
        Field::Nausea => F::Nausea(Some(at(Nausea::ALL, value)?)),
        Field::Disability => F::Disability(Some(at(Disability::ALL, value)?)),
        Field::Activity => F::WorseWithActivity(Some(yes_no(value)?)),
        Field::Vomiting => F::Vomiting(Some(yes_no(value)?)),
        Field::Light => F::LightSensitivity(Some(yes_no(value)?)),
        Field::Sound => F::SoundSensitivity(Some(yes_no(value)?)),
        _ => return None,
    })
}

/// A single-choice button (or Clear, or Ended now): saves at once, then moves on.
pub async fn button_value(
    ctx: &Ctx<'_>,
    message: MessageId,
    a: Attack,
    origin: Origin,
    field: Field,
    value: &str,
) -> anyhow::Result<Option<String>> {
    let changes = match (field, value) {
        (_, "x") => cleared(field),
        (Field::Intensity, v) => match details::parse_intensity(v) {
            Ok(i) => Some(vec![AttackField::Intensity(Some(i))]),
            Err(e) => return Ok(Some(explain(ctx, e, &a))),
        },
        (Field::End, "n") if !a.is_open() => {
            // An old "Ended now": the end stays where it is.
            show(ctx, message, &a, origin.settled(), None).await?;
            return Ok(Some(ctx.t("done")));
        }
        (Field::End, "n") => match details::check_end(&a, ctx.now, ctx.now) {
            Ok(end) => Some(vec![AttackField::EndedAt(Some(end))]),
            Err(e) => return Ok(Some(explain(ctx, e, &a))),
        },
        (f, v) => chosen(f, v).map(|c| vec![c]),
    };
    let Some(changes) = changes else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    let Some(a) = store_fields(ctx, a.id, &changes).await? else {
        return Ok(Some(ctx.t("attack-gone")));
    };
    let (origin, next) = after(origin, field);
    show(ctx, message, &a, origin, next).await?;
    Ok(None)
}

/// A toggle of a multi-select field: reads the attack fresh, writes the whole set, stays.
pub async fn toggle(
    ctx: &Ctx<'_>,
    message: MessageId,
    a: Attack,
    origin: Origin,
    field: Field,
    index: usize,
    on: bool,
) -> anyhow::Result<Option<String>> {
    use details::choose;
    let change = match field {
        Field::Location => Location::ALL
            .get(index)
            .map(|v| AttackField::Locations(choose(&a.locations, *v, on, Location::ALL))),
        Field::Aura => Aura::ALL
            .get(index)
            .map(|v| AttackField::Aura(Aura::choose(&a.aura, *v, on))),
        Field::Triggers => Trigger::ALL
            .get(index)
            .map(|v| AttackField::Triggers(choose(&a.triggers, *v, on, Trigger::ALL))),
        _ => None,
    };
    let Some(change) = change else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    let Some(a) = store_fields(ctx, a.id, &[change]).await? else {
        return Ok(Some(ctx.t("attack-gone")));
    };
    show(ctx, message, &a, origin, Some(field)).await?;
    Ok(None)
}
