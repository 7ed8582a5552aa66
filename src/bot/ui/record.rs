//! The record screen every feature shows an attack with: its fields as a doctor reads
//! them, each dose taken for it, and the medication rows under it (history's record view,
//! the details editor, the effect answer).

use crate::bot::ui::Ctx;
use crate::bot::ui::callback::details::{Field, WALK};
use crate::bot::ui::callback::meds::{Action as MedAction, button as med_button};
use crate::bot::ui::callback::{Callback, details as details_payload};
use crate::bot::ui::format::short;
use crate::bot::ui::keyboards::{button, inline};
use crate::domain::attack::{Attack, Aura, Band, Location, Trigger};
use crate::domain::medication::{Effect, Intake};
use crate::i18n::Arg;
use crate::service::meds as med_rules;
use teloxide_core::types::{InlineKeyboardButton, MessageId};

/// The fields the summary lists, in order (start and end come first, on their own lines).
const SUMMARY: [Field; 13] = WALK;
/// Longest medication name on a button.
const LABEL_MAX: usize = 30;

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

/// The labels of `items`, comma-separated; each is the key `prefix` (ending in `-`) followed
/// by the item's key.
pub fn labels<T: Copy>(
    ctx: &Ctx<'_>,
    prefix: &str,
    items: &[T],
    key: fn(T) -> &'static str,
) -> String {
    items
        .iter()
        .map(|i| ctx.t(&format!("{prefix}{}", key(*i))))
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
        Field::Location => some(labels(ctx, "loc-", &a.locations, Location::key)),
        Field::Side => a.side.map(|s| ctx.t(&format!("side-{}", s.key()))),
        Field::Character => a.character.map(|c| ctx.t(&format!("char-{}", c.key()))),
        Field::Activity => yes_no(ctx, a.worse_with_activity),
        Field::Nausea => a.nausea.map(|n| ctx.t(&format!("nausea-{}", n.key()))),
        Field::Vomiting => yes_no(ctx, a.vomiting),
        Field::Light => yes_no(ctx, a.light_sensitivity),
        Field::Sound => yes_no(ctx, a.sound_sensitivity),
        Field::Aura => match (some(labels(ctx, "aura-", &a.aura, Aura::key)), a.aura_min) {
            (Some(kinds), Some(m)) => Some(ctx.tr(
                "details-aura-value",
                &[("kinds", kinds.into()), ("minutes", minutes(ctx, m).into())],
            )),
            (kinds, m) => kinds.or_else(|| m.map(|m| minutes(ctx, m))),
        },
        Field::AuraMin => a.aura_min.map(|m| minutes(ctx, m)),
        Field::Triggers => {
            let presets = some(labels(ctx, "trigger-", &a.triggers, Trigger::key));
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
/// editor, only the known ones for a doctor-readable record; then each of its `doses`.
pub fn summary_lines(ctx: &Ctx<'_>, a: &Attack, all: bool, doses: &[Intake]) -> Vec<String> {
    let mut lines = vec![ctx.tr(
        "record-started",
        &[("start", ctx.when(a.started_at, a.zone).into())],
    )];
    lines.push(match a.ended_at {
        Some(end) => ctx.tr("record-ended", &[("end", ctx.when(end, a.zone).into())]),
        None if a.end_unknown => ctx.t("record-end-unknown"),
        None => ctx.t("record-ongoing"),
    });
    lines.push(ctx.tr(
        "record-duration",
        &[("duration", ctx.attack_duration(a).into())],
    ));
    for field in SUMMARY {
        match value(ctx, a, field) {
            Some(v) => lines.push(line(ctx, field, Some(v))),
            None if all => lines.push(line(ctx, field, None)),
            None => {}
        }
    }
    lines.extend(doses.iter().map(|i| dose_line(ctx, i)));
    lines
}

/// One dose as the record lists it: what, its class, when, and how it worked.
pub fn dose_line(ctx: &Ctx<'_>, i: &Intake) -> String {
    let effect = match i.effect {
        Some(e) => ctx.t(&format!("record-effect-{}", e.key())),
        None => ctx.t("record-effect-unasked"),
    };
    let args = [
        (
            "what",
            med_rules::dose_label(&i.name, i.dose.as_deref()).into(),
        ),
        (
            "class",
            ctx.t(&format!("medclass-{}", i.class.key())).into(),
        ),
        ("time", ctx.when(i.taken_at, i.zone).into()),
        ("effect", effect.into()),
    ];
    ctx.tr("record-dose", &args)
}

/// The doses taken for an attack, read once per screen (its lines and its rows use them).
pub async fn doses(ctx: &Ctx<'_>, a: &Attack) -> anyhow::Result<Vec<Intake>> {
    Ok(ctx.tx.intakes_for_attack(ctx.user.id, a.id).await?)
}

/// "Took medication", then the effect question of each of `doses` due for one.
pub fn dose_rows(
    ctx: &Ctx<'_>,
    attack: &Attack,
    doses: &[Intake],
) -> Vec<Vec<InlineKeyboardButton>> {
    let took = med_button(ctx.t("took-btn"), MedAction::Took(Some(attack.id)));
    let mut rows = vec![vec![took]];
    for i in doses.iter().filter(|i| med_rules::effect_due(i, ctx.now)) {
        let name = short(&i.name, LABEL_MAX);
        let question = ctx.tr("took-effect-question", &[("name", name.into())]);
        rows.push(vec![med_button(question, MedAction::EffectHint(i.id))]);
        rows.push(
            Effect::ANSWERS
                .iter()
                .map(|e| {
                    let label = ctx.t(&format!("took-btn-effect-{}", e.key()));
                    med_button(label, MedAction::Effect(i.id, *e))
                })
                .collect(),
        );
    }
    rows
}

/// A record as a doctor reads it: start, end, duration, every known detail, each dose.
fn record_text(ctx: &Ctx<'_>, a: &Attack, doses: &[Intake]) -> String {
    let mut lines = vec![ctx.t("record-title")];
    lines.extend(summary_lines(ctx, a, false, doses));
    fit(lines.join("\n"))
}

/// Opens a record in place: its fields and doses, medication rows, edit, delete and back
/// to history's `page`.
pub async fn open(
    ctx: &Ctx<'_>,
    message: MessageId,
    id: i64,
    page: i64,
) -> anyhow::Result<Option<String>> {
    let Some(a) = ctx.live_attack(id).await? else {
        return Ok(Some(ctx.t("attack-gone")));
    };
    let doses = doses(ctx, &a).await?;
    let mut rows = dose_rows(ctx, &a, &doses);
    let edit = details_payload::edit_payload(id, page);
    rows.push(vec![
        button(
            &ctx.bot.i18n,
            ctx.lang,
            "btn-details-edit",
            Callback::Details(edit),
        ),
        button(
            &ctx.bot.i18n,
            ctx.lang,
            "btn-delete",
            Callback::Delete(id, page),
        ),
        button(&ctx.bot.i18n, ctx.lang, "btn-back", Callback::History(page)),
    ]);
    let text = record_text(ctx, &a, &doses);
    ctx.edit(message, &text, Some(inline(rows))).await;
    Ok(None)
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
