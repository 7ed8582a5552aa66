//! What the editor shows: the overview of every field with a button each.

use crate::bot::ui::Ctx;
use crate::bot::ui::callback::Callback;
use crate::bot::ui::callback::details::{Action, Field, Origin};
use crate::bot::ui::record;
use crate::domain::attack::Attack;
use teloxide_core::types::{InlineKeyboardButton, InlineKeyboardMarkup};

/// The overview's field buttons, row by row.
const OVERVIEW_ROWS: [&[Field]; 6] = [
    &[Field::Start, Field::End],
    &[Field::Intensity, Field::Location, Field::Side],
    &[Field::Character, Field::Activity, Field::Nausea],
    &[Field::Vomiting, Field::Light, Field::Sound],
    &[Field::Aura, Field::Triggers, Field::Disability],
    &[Field::Comment],
];

/// One editor button.
pub fn button(text: String, action: Action) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(text, Callback::Details(action.encode()).encode())
}

/// The overview: every field with its value, a button per field, the medication rows.
pub async fn overview(
    ctx: &Ctx<'_>,
    a: &Attack,
    origin: Origin,
) -> anyhow::Result<(String, InlineKeyboardMarkup)> {
    let doses = record::doses(ctx, a).await?;
    let mut text = vec![ctx.t("details-title")];
    text.extend(record::summary_lines(ctx, a, true, &doses));
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
    rows.extend(record::dose_rows(ctx, a, &doses));
    rows.push(vec![button(
        ctx.t("btn-details-done"),
        Action::Done(a.id, origin),
    )]);
    Ok((text.join("\n"), InlineKeyboardMarkup::new(rows)))
}
