//! The medication list: pages, one medication's view, editing each field, and taking one
//! off the list (its past doses keep their name). Adding is in `add`.

use super::state::{self, Step};
use super::tbtn;
use super::{class_name, dose_error, typed_med_name};
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::meds::Action;
use crate::bot::ui::callback::meds::button as btn;
use crate::bot::ui::format::short;
use crate::bot::ui::keyboards::inline as markup;
use crate::domain::medication::{MedClass, MedField, Medication};
use crate::service::meds as rules;
use teloxide_core::types::{InlineKeyboardMarkup, MessageId, ReplyMarkup};

/// Medications per page.
const PAGE: usize = 8;
/// Longest name on a button.
const LABEL_MAX: usize = 40;

fn render_list(ctx: &Ctx<'_>, meds: &[Medication], page: i64) -> (String, InlineKeyboardMarkup) {
    let footer = vec![
        tbtn(ctx, "med-btn-add", Action::Add),
        tbtn(ctx, "btn-back", Action::Settings),
    ];
    if meds.is_empty() {
        return (ctx.t("med-list-empty"), markup(vec![footer]));
    }
    let (page, items, pages) = rules::page_of(meds, page, PAGE);
    let mut text = ctx.tr("med-list-title", &[("count", (meds.len() as i64).into())]);
    let mut rows = Vec::new();
    for (i, m) in items.iter().enumerate() {
        let n = (page * PAGE + i + 1) as i64;
        let mut args = vec![
            ("n", n.into()),
            ("name", m.name.clone().into()),
            ("class", class_name(ctx, m.class).into()),
        ];
        let key = match m.default_dose.as_deref() {
            Some(dose) => {
                args.push(("dose", dose.into()));
                "med-list-line-dose"
            }
            None => "med-list-line",
        };
        text.push('\n');
        text.push_str(&ctx.tr(key, &args));
        rows.push(vec![btn(
            short(&m.name, LABEL_MAX),
            Action::Open(m.id, page as i64),
        )]);
    }
    if pages > 1 {
        text.push_str("\n\n");
        let args = [
            ("page", (page as i64 + 1).into()),
            ("pages", (pages as i64).into()),
        ];
        text.push_str(&ctx.tr("med-list-page", &args));
        let mut nav = Vec::new();
        if page > 0 {
            nav.push(tbtn(ctx, "med-btn-prev", Action::List(page as i64 - 1)));
        }
        if page + 1 < pages {
            nav.push(tbtn(ctx, "med-btn-next", Action::List(page as i64 + 1)));
        }
        rows.push(nav);
    }
    rows.push(footer);
    (text, markup(rows))
}

/// The list, a page of it: in place, or anew.
pub async fn show(ctx: &Ctx<'_>, message: Option<MessageId>, page: i64) -> anyhow::Result<()> {
    let meds = ctx.tx.medications(ctx.user.id).await?;
    let (text, keyboard) = render_list(ctx, &meds, page);
    ctx.show(message, &text, Some(keyboard)).await;
    Ok(())
}

fn render_med(ctx: &Ctx<'_>, m: &Medication, page: i64) -> (String, InlineKeyboardMarkup) {
    let dose = m
        .default_dose
        .clone()
        .unwrap_or_else(|| ctx.t("med-dose-unset"));
    let text = ctx.tr(
        "med-view",
        &[
            ("name", m.name.clone().into()),
            ("class", class_name(ctx, m.class).into()),
            ("dose", dose.into()),
        ],
    );
    let rows = vec![
        vec![
            tbtn(ctx, "med-btn-name", Action::Rename(m.id)),
            tbtn(ctx, "med-btn-class", Action::ClassMenu(m.id)),
            tbtn(ctx, "med-btn-dose", Action::EditDose(m.id)),
        ],
        vec![tbtn(ctx, "med-btn-delete", Action::Delete(m.id))],
        vec![tbtn(ctx, "btn-back", Action::List(page))],
    ];
    (text, markup(rows))
}

async fn find(ctx: &Ctx<'_>, id: i64) -> anyhow::Result<Option<Medication>> {
    Ok(ctx.tx.medication(ctx.user.id, id).await?)
}

fn gone(ctx: &Ctx<'_>) -> anyhow::Result<Option<String>> {
    Ok(Some(ctx.t("med-gone")))
}

/// One medication, in place.
pub async fn open(
    ctx: &Ctx<'_>,
    message: MessageId,
    id: i64,
    page: i64,
) -> anyhow::Result<Option<String>> {
    let Some(m) = find(ctx, id).await? else {
        return gone(ctx);
    };
    let (text, keyboard) = render_med(ctx, &m, page);
    ctx.edit(message, &text, Some(keyboard)).await;
    Ok(None)
}

/// One medication as a new message (after typed input).
pub async fn send_med(ctx: &Ctx<'_>, m: &Medication) {
    let (text, keyboard) = render_med(ctx, m, 0);
    ctx.send(&text, Some(ReplyMarkup::InlineKeyboard(keyboard)))
        .await;
}

/// A typed usual dose (of a medication just added, or edited).
pub async fn typed_dose(ctx: &Ctx<'_>, text: &str, med: i64) -> anyhow::Result<()> {
    let dose = match crate::domain::medication::parse_dose(text) {
        Ok(dose) => dose,
        Err(e) => {
            ctx.send(&dose_error(ctx, e), None).await;
            return Ok(());
        }
    };
    set_field(ctx, med, MedField::DefaultDose(Some(dose))).await
}

async fn set_field(ctx: &Ctx<'_>, med: i64, field: MedField) -> anyhow::Result<()> {
    let changed = rules::update_medication(ctx.tx, ctx.user.id, med, &field, ctx.now).await?;
    state::save(ctx, None).await?;
    match changed {
        Some(m) => send_med(ctx, &m).await,
        None => {
            ctx.send(&ctx.t("med-gone"), None).await;
        }
    }
    Ok(())
}

/// "Name": waits for the new one.
pub async fn ask_rename(ctx: &Ctx<'_>, id: i64) -> anyhow::Result<Option<String>> {
    let Some(m) = find(ctx, id).await? else {
        return gone(ctx);
    };
    state::save(ctx, Some(&Step::Rename { med: id })).await?;
    let text = ctx.tr("med-ask-rename", &[("name", m.name.into())]);
    ctx.send(&text, None).await;
    Ok(None)
}

/// A typed new name; one already on the list (another medication) is refused.
pub async fn typed_rename(ctx: &Ctx<'_>, text: &str, med: i64) -> anyhow::Result<()> {
    let Some((name, existing)) = typed_med_name(ctx, text).await? else {
        return Ok(());
    };
    if let Some(other) = existing.filter(|m| m.id != med) {
        let note = ctx.tr("med-exists", &[("name", other.name.clone().into())]);
        ctx.send(&note, None).await;
        return Ok(());
    }
    set_field(ctx, med, MedField::Name(name)).await
}

/// "Class": the choices, in place.
pub async fn class_menu(
    ctx: &Ctx<'_>,
    message: MessageId,
    id: i64,
) -> anyhow::Result<Option<String>> {
    let Some(m) = find(ctx, id).await? else {
        return gone(ctx);
    };
    let buttons: Vec<_> = MedClass::ALL
        .iter()
        .map(|c| btn(class_name(ctx, *c), Action::SetClass(id, *c)))
        .collect();
    let mut rows: Vec<_> = buttons.chunks(2).map(<[_]>::to_vec).collect();
    rows.push(vec![tbtn(ctx, "btn-back", Action::Open(id, 0))]);
    let text = ctx.tr("med-ask-class", &[("name", m.name.into())]);
    ctx.edit(message, &text, Some(markup(rows))).await;
    Ok(None)
}

/// Sets one field from a button and shows the medication again in that message.
async fn change_in_place(
    ctx: &Ctx<'_>,
    message: MessageId,
    id: i64,
    field: MedField,
) -> anyhow::Result<Option<String>> {
    let Some(m) = rules::update_medication(ctx.tx, ctx.user.id, id, &field, ctx.now).await? else {
        return gone(ctx);
    };
    let (text, keyboard) = render_med(ctx, &m, 0);
    ctx.edit(message, &text, Some(keyboard)).await;
    Ok(None)
}

/// A class chosen for a medication on the list.
pub async fn set_class(
    ctx: &Ctx<'_>,
    message: MessageId,
    id: i64,
    class: MedClass,
) -> anyhow::Result<Option<String>> {
    change_in_place(ctx, message, id, MedField::Class(class)).await
}

/// "Usual dose": waits for it, or "no usual dose".
pub async fn ask_dose(ctx: &Ctx<'_>, id: i64) -> anyhow::Result<Option<String>> {
    let Some(m) = find(ctx, id).await? else {
        return gone(ctx);
    };
    state::save(ctx, Some(&Step::EditDose { med: id })).await?;
    let text = ctx.tr("med-ask-dose", &[("name", m.name.into())]);
    let keyboard = markup(vec![vec![tbtn(
        ctx,
        "med-btn-no-dose",
        Action::ClearDose(id),
    )]]);
    ctx.send(&text, Some(ReplyMarkup::InlineKeyboard(keyboard)))
        .await;
    Ok(None)
}

/// "No usual dose" (also ends a wait for a typed dose of this medication).
pub async fn clear_dose(
    ctx: &Ctx<'_>,
    message: MessageId,
    id: i64,
) -> anyhow::Result<Option<String>> {
    if state::load(ctx).await? == Some(Step::EditDose { med: id }) {
        state::save(ctx, None).await?;
    }
    change_in_place(ctx, message, id, MedField::DefaultDose(None)).await
}

/// Takes a medication off the list; doses already recorded keep its name.
pub async fn delete(ctx: &Ctx<'_>, message: MessageId, id: i64) -> anyhow::Result<Option<String>> {
    let Some(m) = find(ctx, id).await? else {
        return gone(ctx);
    };
    let store = ctx.tx;
    if !store
        .delete_medication(ctx.user.id, id, ctx.now.timestamp())
        .await?
    {
        return gone(ctx);
    }
    let text = ctx.tr("med-deleted", &[("name", m.name.into())]);
    let keyboard = markup(vec![vec![tbtn(ctx, "btn-back", Action::List(0))]]);
    ctx.edit(message, &text, Some(keyboard)).await;
    Ok(None)
}
