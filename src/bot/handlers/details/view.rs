//! What the editor shows: each field's value, the overview of every field, and the
//! summary lines history's record view shares with the overview.

use super::payload::{Action, Field, Origin, WALK};
use crate::bot::callback::Callback;
use crate::bot::handlers::Ctx;
use crate::domain::attack::{Attack, Aura, Band, Location, Trigger};
use crate::i18n::Arg;
use teloxide_core::types::{InlineKeyboardButton, InlineKeyboardMarkup};

/// The fields the summary lists, in order (start and end come first, on their own lines).
const SUMMARY: [Field; 13] = WALK;

/// The overview's field buttons, row by row.
const OVERVIEW_ROWS: [&[Field]; 6] = [
    &[Field::Start, Field::End],
    &[Field::Intensity, Field::Location, Field::Side],
    &[Field::Character, Field::Activity, Field::Nausea],
    &[Field::Vomiting, Field::Light, Field::Sound],
    &[Field::Aura, Field::Triggers, Field::Disability],
    &[Field::Comment],
];

/// Telegram's longest message, in UTF-16 code units.
const MAX_MESSAGE: usize = 4096;

/// `text` cut with "…" to fit one message (a long comment of emoji could overflow it).
pub fn fit(text: String) -> String {
    if text.encode_utf16().count() <= MAX_MESSAGE {
        return text;
    }
    let mut units = 0;
    let mut out: String = text
        .chars()
        .take_while(|c| {
            units += c.len_utf16();
            units < MAX_MESSAGE
        })
        .collect();
    out.push('…');
    out
}

/// One editor button.
pub fn button(text: String, action: Action) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(text, Callback::Details(action.encode()).encode())
}

fn labels<T: Copy>(ctx: &Ctx<'_>, prefix: &str, items: &[T], key: fn(T) -> &'static str) -> String {
    items
        .iter()
        .map(|i| ctx.t(&format!("{prefix}-{}", key(*i))))
        .collect::<Vec<_>>()
        .join(", ")
}

fn yes_no(ctx: &Ctx<'_>, v: Option<bool>) -> Option<String> {
    v.map(|b| ctx.t(if b { "details-yes" } else { "details-no" }))
}

fn minutes(ctx: &Ctx<'_>, m: u32) -> String {
    ctx.tr("details-minutes", &[("count", Arg::Num(i64::from(m)))])
}

/// A field's current value as the user reads it; `None` while unknown.
pub fn value(ctx: &Ctx<'_>, a: &Attack, field: Field) -> Option<String> {
    let some = |list: String| Some(list).filter(|s| !s.is_empty());
    match field {
        Field::Start => Some(ctx.when(a.started_at, a.zone)),
        Field::End => a.ended_at.map(|e| ctx.when(e, a.zone)),
        Field::Intensity => a.intensity.map(|i| {
            let args = [
                ("value", Arg::Num(i64::from(i))),
                ("band", ctx.t(Band::of(i).key()).into()),
            ];
            ctx.tr("details-intensity-value", &args)
        }),
        Field::Location => some(labels(ctx, "loc", &a.locations, Location::key)),
        Field::Side => a.side.map(|s| ctx.t(&format!("side-{}", s.key()))),
        Field::Character => a.character.map(|c| ctx.t(&format!("char-{}", c.key()))),
        Field::Activity => yes_no(ctx, a.worse_with_activity),
        Field::Nausea => a.nausea.map(|n| ctx.t(&format!("nausea-{}", n.key()))),
        Field::Vomiting => yes_no(ctx, a.vomiting),
        Field::Light => yes_no(ctx, a.light_sensitivity),
        Field::Sound => yes_no(ctx, a.sound_sensitivity),
        Field::Aura => match (some(labels(ctx, "aura", &a.aura, Aura::key)), a.aura_min) {
            (Some(kinds), Some(m)) => Some(ctx.tr(
                "details-aura-value",
                &[("kinds", kinds.into()), ("minutes", minutes(ctx, m).into())],
            )),
            (kinds, m) => kinds.or_else(|| m.map(|m| minutes(ctx, m))),
        },
        Field::AuraMin => a.aura_min.map(|m| minutes(ctx, m)),
        Field::Triggers => {
            let presets = some(labels(ctx, "trigger", &a.triggers, Trigger::key));
            match (presets, value(ctx, a, Field::TriggerNote)) {
                (Some(p), Some(n)) => Some(format!("{p}, {n}")),
                (p, n) => p.or(n),
            }
        }
        Field::TriggerNote => a
            .trigger_note
            .as_deref()
            .filter(|n| !n.is_empty())
            .map(|n| ctx.tr("details-quoted", &[("text", n.into())])),
        Field::Disability => a
            .disability
            .map(|d| ctx.t(&format!("disability-{}", d.key()))),
        Field::Comment => a.comment.clone().filter(|c| !c.is_empty()),
    }
}

/// "Label: value", with "—" for unknown.
pub fn line(ctx: &Ctx<'_>, field: Field, value: Option<String>) -> String {
    let args = [
        (
            "label",
            ctx.t(&format!("details-field-{}", field.name())).into(),
        ),
        (
            "value",
            value.unwrap_or_else(|| ctx.t("details-unknown")).into(),
        ),
    ];
    ctx.tr("details-line", &args)
}

/// Start, end and duration, then every field: all of them (unknown as "—") for the
/// editor, only the known ones for a doctor-readable record.
pub fn summary_lines(ctx: &Ctx<'_>, a: &Attack, all: bool) -> Vec<String> {
    let mut lines = vec![ctx.tr(
        "record-started",
        &[("start", ctx.when(a.started_at, a.zone).into())],
    )];
    lines.push(match a.ended_at {
        Some(end) => ctx.tr("record-ended", &[("end", ctx.when(end, a.zone).into())]),
        None => ctx.t("record-ongoing"),
    });
    lines.push(ctx.tr(
        "record-duration",
        &[("duration", ctx.duration(a.duration(ctx.now)).into())],
    ));
    for field in SUMMARY {
        match value(ctx, a, field) {
            Some(v) => lines.push(line(ctx, field, Some(v))),
            None if all => lines.push(line(ctx, field, None)),
            None => {}
        }
    }
    lines
}

/// The overview: every field with its value, a button per field, the medication rows.
pub async fn overview(
    ctx: &Ctx<'_>,
    a: &Attack,
    origin: Origin,
) -> anyhow::Result<(String, InlineKeyboardMarkup)> {
    let mut text = vec![ctx.t("details-title")];
    text.extend(summary_lines(ctx, a, true));
    text.push(String::new());
    text.push(ctx.t("details-hint"));
    let origin = origin.settled();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = OVERVIEW_ROWS
        .iter()
        .map(|row| {
            row.iter()
                .map(|f| {
                    let label = ctx.t(&format!("btn-details-{}", f.name()));
                    button(label, Action::Open(a.id, origin, *f))
                })
                .collect()
        })
        .collect();
    rows.extend(crate::bot::handlers::meds::attack_rows(ctx, a).await?);
    rows.push(vec![button(
        ctx.t("btn-details-done"),
        Action::Done(a.id, origin),
    )]);
    Ok((text.join("\n"), InlineKeyboardMarkup::new(rows)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_longer_than_a_message_is_cut_with_an_ellipsis() {
        let short = "Comment: 🤕".to_owned();
        assert_eq!(fit(short.clone()), short);
        let long = fit("🤕".repeat(3000));
        assert_eq!(long.encode_utf16().count(), 4095);
        assert!(long.ends_with("🤕…"));
    }
}
