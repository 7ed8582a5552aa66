//! Recording a dose (medication → dose → time), for an attack or on its own.

use super::add::ask_class;
use super::state::{self, Step, Took};
use super::tbtn;
use super::{dose_error, typed_med_name};
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::meds::Action;
use crate::bot::ui::callback::meds::button as btn;
use crate::bot::ui::format::short;
use crate::bot::ui::keyboards::inline as markup;
use crate::domain::attack::Attack;
use crate::domain::medication::{Intake, Medication, NewIntake};
use crate::domain::typed_time::parse_typed_time;
use crate::service::meds::{self as rules, RecordError};
use chrono::{DateTime, Utc};
use teloxide_core::types::{InlineKeyboardMarkup, MessageId};

/// Medications per page of the choice.
const PAGE: usize = 8;
/// Longest name on a button.
const LABEL_MAX: usize = 30;

fn med_question(
    ctx: &Ctx<'_>,
    attack: Option<&Attack>,
    meds: &[Medication],
    page: i64,
) -> (String, Option<InlineKeyboardMarkup>) {
    if meds.is_empty() {
        return (ctx.t("took-ask-med-empty"), None);
    }
    let text = match attack {
        Some(a) => ctx.tr(
            "took-ask-med-attack",
            &[("start", ctx.when(a.started_at, a.zone).into())],
        ),
        None => ctx.t("took-ask-med"),
    };
    let (page, items, pages) = rules::page_of(meds, page, PAGE);
    let buttons: Vec<_> = items
        .iter()
        .map(|m| btn(short(&m.name, LABEL_MAX), Action::TookMed(m.id)))
        .collect();
    let mut rows: Vec<_> = buttons.chunks(2).map(<[_]>::to_vec).collect();
    let mut nav = Vec::new();
    if page > 0 {
        nav.push(tbtn(ctx, "med-btn-prev", Action::TookPage(page as i64 - 1)));
    }
    if page + 1 < pages {
        nav.push(tbtn(ctx, "med-btn-next", Action::TookPage(page as i64 + 1)));
    }
    rows.push(nav);
    rows.push(vec![tbtn(ctx, "took-btn-other", Action::TookOther)]);
    (text, Some(markup(rows)))
}

/// Starts recording a dose (as a new message): for `attack`, or with none given, for the
/// attack going on now if there is one. A notice when the attack is gone.
pub async fn start(ctx: &Ctx<'_>, attack: Option<i64>) -> anyhow::Result<Option<String>> {
    let found = match attack {
        Some(id) => match ctx.live_attack(id).await? {
            Some(a) => Some(a),
            None => return Ok(Some(ctx.t("attack-gone"))),
        },
        None => rules::attack_going_on(ctx.tx, ctx.user.id, ctx.now).await?,
    };
    let attack = found.as_ref().map(|a| a.id);
    state::save(
        ctx,
        Some(&Step::TookMed {
            took: Took { attack },
        }),
    )
    .await?;
    let meds = ctx.tx.medications(ctx.user.id).await?;
    let (text, keyboard) = med_question(ctx, found.as_ref(), &meds, 0);
    ctx.show(None, &text, keyboard).await;
    Ok(None)
}

/// The step of a dose being recorded, if the flow is at the medication choice.
async fn took_at_med(ctx: &Ctx<'_>) -> anyhow::Result<Option<Took>> {
    Ok(match state::load(ctx).await? {
        Some(Step::TookMed { took }) => Some(took),
        _ => None,
    })
}

/// Another page of the medication choice.
pub async fn page(ctx: &Ctx<'_>, message: MessageId, page: i64) -> anyhow::Result<Option<String>> {
    let Some(took) = took_at_med(ctx).await? else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    let attack = match took.attack {
        Some(id) => ctx.live_attack(id).await?,
        None => None,
    };
    let meds = ctx.tx.medications(ctx.user.id).await?;
    let (text, keyboard) = med_question(ctx, attack.as_ref(), &meds, page);
    ctx.edit(message, &text, keyboard).await;
    Ok(None)
}

/// A medication chosen from the list.
pub async fn choose(ctx: &Ctx<'_>, message: MessageId, id: i64) -> anyhow::Result<Option<String>> {
    let Some(took) = took_at_med(ctx).await? else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    let Some(m) = ctx.tx.medication(ctx.user.id, id).await? else {
        return Ok(Some(ctx.t("med-gone")));
    };
    ask_dose(ctx, Some(message), took, &m).await?;
    Ok(None)
}

/// "Another one": its name is typed.
pub async fn other(ctx: &Ctx<'_>, message: MessageId) -> anyhow::Result<Option<String>> {
    if took_at_med(ctx).await?.is_none() {
        return Ok(Some(ctx.t("error-stale-button")));
    }
    ctx.edit(message, &ctx.t("took-ask-other"), None).await;
    Ok(None)
}

/// A typed medication name: one on the list is taken, another is added on the spot.
pub async fn typed_med(ctx: &Ctx<'_>, text: &str, took: Took) -> anyhow::Result<()> {
    let Some((name, existing)) = typed_med_name(ctx, text).await? else {
        return Ok(());
    };
    match existing {
        Some(m) => ask_dose(ctx, None, took, &m).await,
        None => ask_class(ctx, name, Some(took), None).await,
    }
}

/// Asks the dose: the usual one as a button, or typed.
pub async fn ask_dose(
    ctx: &Ctx<'_>,
    message: Option<MessageId>,
    took: Took,
    m: &Medication,
) -> anyhow::Result<()> {
    state::save(ctx, Some(&Step::TookDose { took, med: m.id })).await?;
    let name = [("name", m.name.clone().into())];
    let skip = tbtn(ctx, "took-btn-no-dose", Action::NoDose);
    let (text, row) = match m.default_dose.as_deref() {
        Some(dose) => (
            ctx.tr("took-ask-dose", &name),
            vec![btn(short(dose, LABEL_MAX), Action::DefaultDose), skip],
        ),
        None => (ctx.tr("took-ask-dose-free", &name), vec![skip]),
    };
    ctx.show(message, &text, Some(markup(vec![row]))).await;
    Ok(())
}

/// The usual dose (`usual`) or no dose, by button.
pub async fn dose_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    usual: bool,
) -> anyhow::Result<Option<String>> {
    let Some(Step::TookDose { took, med }) = state::load(ctx).await? else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    let Some(m) = ctx.tx.medication(ctx.user.id, med).await? else {
        state::save(ctx, None).await?;
        return Ok(Some(ctx.t("med-gone")));
    };
    let dose = if usual { m.default_dose.clone() } else { None };
    ask_time(ctx, Some(message), took, &m, dose).await?;
    Ok(None)
}

/// A typed dose.
pub async fn typed_dose(ctx: &Ctx<'_>, text: &str, took: Took, med: i64) -> anyhow::Result<()> {
    let dose = match crate::domain::medication::parse_dose(text) {
        Ok(dose) => dose,
        Err(e) => {
            ctx.send(&dose_error(ctx, e), None).await;
            return Ok(());
        }
    };
    let Some(m) = ctx.tx.medication(ctx.user.id, med).await? else {
        state::save(ctx, None).await?;
        ctx.send(&ctx.t("med-gone"), None).await;
        return Ok(());
    };
    ask_time(ctx, None, took, &m, Some(dose)).await
}

async fn ask_time(
    ctx: &Ctx<'_>,
    message: Option<MessageId>,
    took: Took,
    m: &Medication,
    dose: Option<String>,
) -> anyhow::Result<()> {
    let what = rules::dose_label(&m.name, dose.as_deref());
    let step = Step::TookTime {
        took,
        med: m.id,
        dose,
    };
    state::save(ctx, Some(&step)).await?;
    let text = ctx.tr("took-ask-time", &[("what", what.into())]);
    let keyboard = markup(vec![vec![tbtn(ctx, "took-btn-now", Action::Now)]]);
    ctx.show(message, &text, Some(keyboard)).await;
    Ok(())
}

/// "Now".
pub async fn now(ctx: &Ctx<'_>, message: MessageId) -> anyhow::Result<Option<String>> {
    let Some(Step::TookTime { took, med, dose }) = state::load(ctx).await? else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    match record(ctx, took, med, dose, ctx.now).await? {
        Ok(text) => {
            ctx.edit(message, &text, None).await;
            Ok(None)
        }
        Err(problem) => Ok(Some(problem)),
    }
}

/// A typed time: read in the user's zone; one in the future is refused.
pub async fn typed_time(
    ctx: &Ctx<'_>,
    text: &str,
    took: Took,
    med: i64,
    dose: Option<String>,
) -> anyhow::Result<()> {
    let reply = match parse_typed_time(text, ctx.now, ctx.zone()) {
        Err(e) => ctx.t(e.key()),
        Ok(at) => match record(ctx, took, med, dose, at).await? {
            Ok(text) | Err(text) => text,
        },
    };
    ctx.send(&reply, None).await;
    Ok(())
}

/// Records the dose (keyed by this update, so handling it again never doubles it) and
/// ends the flow. `Ok(Ok(text))` says what was recorded; `Ok(Err(text))` why not.
async fn record(
    ctx: &Ctx<'_>,
    took: Took,
    med: i64,
    dose: Option<String>,
    at: DateTime<Utc>,
) -> anyhow::Result<Result<String, String>> {
    let new = NewIntake {
        medication_id: med,
        attack_id: took.attack,
        taken_at: at,
        zone: ctx.zone(),
        dose,
    };
    let store = ctx.tx;
    let problem = match rules::record_dose(store, ctx.user.id, &new, ctx.update_id, ctx.now).await {
        Ok(intake) => {
            state::save(ctx, None).await?;
            return Ok(Ok(recorded_text(ctx, &intake).await?));
        }
        // The flow stays: another time may be typed.
        Err(RecordError::InFuture) => return Ok(Err(ctx.t("took-time-future"))),
        Err(RecordError::MedicationGone) => ctx.t("med-gone"),
        Err(RecordError::AttackGone) => ctx.t("attack-gone"),
        Err(RecordError::Store(e)) => return Err(e.into()),
    };
    state::save(ctx, None).await?;
    Ok(Err(problem))
}

/// `name dose` of a dose, cut to `max` characters.
pub fn what(i: &Intake, max: usize) -> String {
    short(&rules::dose_label(&i.name, i.dose.as_deref()), max)
}

async fn recorded_text(ctx: &Ctx<'_>, i: &Intake) -> anyhow::Result<String> {
    let mut args = vec![
        ("what", what(i, usize::MAX).into()),
        ("time", ctx.when(i.taken_at, i.zone).into()),
    ];
    let attack = match i.attack_id {
        Some(id) => ctx.live_attack(id).await?,
        None => None,
    };
    Ok(match attack {
        Some(a) => {
            args.push(("start", ctx.when(a.started_at, a.zone).into()));
            ctx.tr("took-recorded-attack", &args)
        }
        None => ctx.tr("took-recorded", &args),
    })
}
