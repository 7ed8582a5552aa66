//! A field's screen: its current value, the question, its choices (a toggle set for
//! places, aura kinds and triggers), and the way on (Skip and Done while walking, Clear and
//! Back otherwise).

use super::view::button;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::details::{Action, Field, Origin, WALK};
use crate::bot::ui::record::{line, value};
use crate::domain::attack::{Attack, Aura, Character, Disability, Location, Nausea, Side, Trigger};
use crate::i18n::Arg;
use crate::service::details::{MAX_COMMENT, MAX_TRIGGER_NOTE};
use teloxide_core::types::{InlineKeyboardButton, InlineKeyboardMarkup};

/// Longest free text shown on a button before it is cut with "…".
const BUTTON_TEXT: usize = 24;

/// A choice on a field's screen: its label, the value it sets, whether it is chosen.
type Choice = (String, String, bool);

/// A choice per value of `all`, labelled by the key `prefix` (ending in `-`) followed by the
/// value's key.
fn pick<T: Copy + PartialEq>(
    ctx: &Ctx<'_>,
    prefix: &str,
    all: &[T],
    key: fn(T) -> &'static str,
    chosen: impl Fn(T) -> bool,
) -> Vec<Choice> {
    all.iter()
        .enumerate()
        .map(|(i, v)| {
            let label = ctx.t(&format!("{prefix}{}", key(*v)));
            (label, i.to_string(), chosen(*v))
        })
        .collect()
}

fn bools(ctx: &Ctx<'_>, v: Option<bool>) -> Vec<Choice> {
    vec![
        (ctx.t("details-yes"), "y".into(), v == Some(true)),
        (ctx.t("details-no"), "n".into(), v == Some(false)),
    ]
}

/// The choices of a button field and how many go on a row.
fn choices(ctx: &Ctx<'_>, a: &Attack, field: Field) -> (Vec<Choice>, usize) {
    match field {
        Field::Intensity => {
            let all = (0..=10u8).map(|i| (i.to_string(), i.to_string(), a.intensity == Some(i)));
            (all.collect(), 6)
        }
        Field::Location => (
            pick(ctx, "loc-", Location::ALL, Location::key, |v| {
                a.locations.contains(&v)
            }),
            2,
        ),
        Field::Side => (
            pick(ctx, "side-", Side::ALL, Side::key, |v| a.side == Some(v)),
            3,
        ),
        Field::Character => (
            pick(ctx, "char-", Character::ALL, Character::key, |v| {
                a.character == Some(v)
            }),
            3,
        ),
        Field::Activity => (bools(ctx, a.worse_with_activity), 2),
        Field::Nausea => (
            pick(ctx, "nausea-", Nausea::ALL, Nausea::key, |v| {
                a.nausea == Some(v)
            }),
            3,
        ),
        Field::Vomiting => (bools(ctx, a.vomiting), 2),
        Field::Light => (bools(ctx, a.light_sensitivity), 2),
        Field::Sound => (bools(ctx, a.sound_sensitivity), 2),
        Field::Aura => (
            pick(ctx, "aura-", Aura::ALL, Aura::key, |v| a.aura.contains(&v)),
            2,
        ),
        Field::Triggers => (
            pick(ctx, "trigger-", Trigger::ALL, Trigger::key, |v| {
                a.triggers.contains(&v)
            }),
            2,
        ),
        Field::Disability => (
            pick(ctx, "disability-", Disability::ALL, Disability::key, |v| {
                a.disability == Some(v)
            }),
            1,
        ),
        _ => (Vec::new(), 1),
    }
}

/// Whether a field's choices are toggles (several may be chosen).
pub fn is_multi(field: Field) -> bool {
    matches!(field, Field::Location | Field::Aura | Field::Triggers)
}

fn cut(text: &str) -> String {
    if text.chars().count() <= BUTTON_TEXT {
        return text.to_owned();
    }
    let head: String = text.chars().take(BUTTON_TEXT - 1).collect();
    format!("{head}…")
}

/// A field's screen: its current value, what to do, its choices, the way on.
pub fn screen(
    ctx: &Ctx<'_>,
    a: &Attack,
    origin: Origin,
    field: Field,
) -> (String, InlineKeyboardMarkup) {
    let mut text = vec![ctx.tr(
        "details-head",
        &[("start", ctx.when(a.started_at, a.zone).into())],
    )];
    let walking = origin == Origin::Walk && field.step().is_some();
    if let (true, Some(step)) = (walking, field.step()) {
        let args = [
            ("n", Arg::Num(step as i64 + 1)),
            ("total", Arg::Num(WALK.len() as i64)),
        ];
        text.push(ctx.tr("details-step", &args));
    }
    text.push(String::new());
    let current = match (field, value(ctx, a, field)) {
        (Field::End, None) => Some(ctx.t("details-ongoing")),
        (_, v) => v,
    };
    text.push(line(ctx, field, current.clone()));
    let max = match field {
        Field::Comment => MAX_COMMENT,
        _ => MAX_TRIGGER_NOTE,
    };
    let ask = format!("details-ask-{}", field.name());
    text.push(ctx.tr(&ask, &[("max", Arg::Num(max as i64))]));

    let (options, per_row) = choices(ctx, a, field);
    let mut rows: Vec<Vec<InlineKeyboardButton>> = options
        .chunks(per_row)
        .map(|chunk| {
            chunk
                .iter()
                .map(|(label, v, chosen)| {
                    let label = if *chosen {
                        ctx.tr("details-chosen", &[("label", label.as_str().into())])
                    } else {
                        label.clone()
                    };
                    let action = if is_multi(field) {
                        let i = v.parse().unwrap_or(0);
                        Action::Toggle(a.id, origin, field, i, !*chosen)
                    } else {
                        Action::Set(a.id, origin, field, v.clone())
                    };
                    button(label, action)
                })
                .collect()
        })
        .collect();
    let unknown = || ctx.t("details-unknown");
    match field {
        Field::Aura => {
            let m = value(ctx, a, Field::AuraMin).unwrap_or_else(unknown);
            let label = ctx.tr("btn-details-aura-min", &[("value", m.into())]);
            rows.push(vec![button(
                label,
                Action::Open(a.id, origin, Field::AuraMin),
            )]);
        }
        Field::Triggers => {
            let note = a.trigger_note.as_deref().map_or_else(unknown, cut);
            let label = ctx.tr("btn-details-trigger-note", &[("value", note.into())]);
            rows.push(vec![button(
                label,
                Action::Open(a.id, origin, Field::TriggerNote),
            )]);
        }
        Field::End if a.is_open() => {
            let label = ctx.t("btn-ended-now");
            rows.push(vec![button(
                label,
                Action::Set(a.id, origin, field, "n".into()),
            )]);
        }
        _ => {}
    }
    let mut nav = Vec::new();
    if walking {
        let skip = if is_multi(field) {
            "btn-details-next"
        } else {
            "btn-details-skip"
        };
        nav.push(button(ctx.t(skip), Action::Skip(a.id, origin, field)));
        nav.push(button(
            ctx.t("btn-details-all"),
            Action::Overview(a.id, Origin::Tap),
        ));
        nav.push(button(
            ctx.t("btn-details-done"),
            Action::Done(a.id, origin),
        ));
    } else {
        let clearable = !matches!(field, Field::Start | Field::End);
        if clearable && value(ctx, a, field).is_some() {
            let clear = Action::Set(a.id, origin, field, "x".into());
            nav.push(button(ctx.t("btn-details-clear"), clear));
        }
        let back = match field.parent() {
            Some(parent) => Action::Open(a.id, origin, parent),
            None => Action::Overview(a.id, origin),
        };
        nav.push(button(ctx.t("btn-back"), back));
    }
    rows.push(nav);
    (text.join("\n"), InlineKeyboardMarkup::new(rows))
}
