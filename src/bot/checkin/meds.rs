//! Painkillers: which one (from the list, or typed and added to it), its dose and time;
//! each dose is an intake of the attack (or of the headache-free day). Repeatable.

use super::{Outcome, State};
use crate::bot::ui::Ctx;
use crate::domain::localtime;
use crate::domain::medication::{
    DOSE_MAX, DoseError, MedClass, NAME_MAX, NameError, NewIntake, parse_dose, parse_name,
};
use crate::service::checkin::{DoseAnswer, Step, iso, parse_time_code, parse_time_on};
use crate::service::meds::{self as rules, RecordError};
use chrono::{DateTime, Utc};

fn too_long(ctx: &Ctx<'_>, key: &str, length: usize, max: usize) -> Outcome {
    Outcome::Refuse(ctx.tr(
        key,
        &[
            ("length", (length as i64).into()),
            ("max", (max as i64).into()),
        ],
    ))
}

/// The attack doses are recorded for (none on a headache-free day).
fn for_attack(st: &State) -> Option<i64> {
    st.attack.filter(|_| st.answers.headache == Some(true))
}

/// Records the dose being asked about, taken at `at`.
async fn record(ctx: &Ctx<'_>, st: &mut State, at: DateTime<Utc>) -> anyhow::Result<Outcome> {
    if at > ctx.now {
        return Ok(Outcome::Refuse(ctx.t("checkin-med-time-future")));
    }
    let store = ctx.tx;
    let med = match st.med {
        Some(id) => store.medication(ctx.user.id, id).await?,
        None => None,
    };
    let Some(med) = med else {
        return Ok(Outcome::Go(Step::Meds));
    };
    let zone = ctx.zone();
    let intake = NewIntake {
        medication_id: med.id,
        attack_id: for_attack(st),
        taken_at: at,
        zone,
        dose: st.dose.clone(),
    };
    let intake = match rules::record_dose(store, ctx.user.id, &intake, ctx.update_id, ctx.now).await
    {
        Ok(intake) => intake,
        Err(RecordError::InFuture) => return Ok(Outcome::Refuse(ctx.t("checkin-med-time-future"))),
        Err(RecordError::MedicationGone) => return Ok(Outcome::Go(Step::Meds)),
        Err(RecordError::AttackGone) => return Ok(Outcome::Lost),
        Err(RecordError::Store(e)) => return Err(e.into()),
    };
    let doses = st.answers.medications.get_or_insert_with(Vec::new);
    if !doses.iter().any(|d| d.intake == intake.id) {
        doses.push(DoseAnswer {
            intake: intake.id,
            name: med.name,
            dose: st.dose.take(),
            taken_at: iso(at, zone),
        });
    }
    st.med = None;
    st.dose = None;
    Ok(Outcome::Next)
}

/// A painkiller button; `None` when the value means nothing here.
pub(super) async fn button(
    ctx: &Ctx<'_>,
    st: &mut State,
    value: &str,
) -> anyhow::Result<Option<Outcome>> {
    let store = ctx.tx;
    let next = match (st.step, value) {
        (Step::Meds, "n") => {
            st.answers.medications.get_or_insert_with(Vec::new);
            Outcome::Next
        }
        (Step::Meds | Step::Dose, "s") => Outcome::Next,
        (Step::Meds, _) => {
            let Some(id) = value.strip_prefix('m').and_then(|v| v.parse::<i64>().ok()) else {
                return Ok(None);
            };
            let Some(med) = store.medication(ctx.user.id, id).await? else {
                return Ok(None);
            };
            st.med = Some(med.id);
            st.dose = None;
            Outcome::Go(Step::Dose)
        }
        (Step::Dose, "d") => {
            let med = match st.med {
                Some(id) => store.medication(ctx.user.id, id).await?,
                None => None,
            };
            let Some(dose) = med.and_then(|m| m.default_dose) else {
                return Ok(None);
            };
            st.dose = Some(dose);
            Outcome::Next
        }
        (Step::MedTime, "a") => {
            let start = match for_attack(st) {
                Some(id) => store.attack(ctx.user.id, id).await?,
                None => None,
            };
            let Some(a) = start.filter(|a| a.deleted_at.is_none()) else {
                return Ok(None);
            };
            record(ctx, st, a.started_at).await?
        }
        (Step::MedTime, _) => {
            let Some(t) = value.strip_prefix('t').and_then(parse_time_code) else {
                return Ok(None);
            };
            let Some(day) = st.date() else {
                return Ok(None);
            };
            record(ctx, st, localtime::at(day, t, ctx.zone())).await?
        }
        (Step::MedClass, _) => {
            let Some(class) = value.strip_prefix('c').and_then(MedClass::from_key) else {
                return Ok(None);
            };
            let Some(name) = st.new_med.take() else {
                return Ok(Some(Outcome::Go(Step::Meds)));
            };
            let (med, _) = rules::add_medication(store, ctx.user.id, &name, class, ctx.now).await?;
            st.med = Some(med.id);
            st.dose = None;
            Outcome::Go(Step::Dose)
        }
        (Step::MoreMeds, "y") => Outcome::Go(Step::Meds),
        (Step::MoreMeds, "n") => Outcome::Next,
        _ => return Ok(None),
    };
    Ok(Some(next))
}

/// A typed painkiller name, dose or time.
pub(super) async fn text(ctx: &Ctx<'_>, st: &mut State, text: &str) -> anyhow::Result<Outcome> {
    let store = ctx.tx;
    match st.step {
        Step::Meds => {
            let name = match parse_name(text) {
                Ok(name) => name,
                Err(NameError::Empty) => return Ok(Outcome::Refuse(ctx.t("checkin-q-meds"))),
                Err(NameError::TooLong { length }) => {
                    return Ok(too_long(ctx, "checkin-med-name-too-long", length, NAME_MAX));
                }
            };
            let meds = store.medications(ctx.user.id).await?;
            st.dose = None;
            match rules::find_by_name(&meds, &name) {
                Some(m) => {
                    st.med = Some(m.id);
                    Ok(Outcome::Go(Step::Dose))
                }
                // Not on the list yet: its class decides what the figures count it as.
                None => {
                    st.new_med = Some(name);
                    Ok(Outcome::Go(Step::MedClass))
                }
            }
        }
        Step::Dose => match parse_dose(text) {
            Ok(dose) => {
                st.dose = Some(dose);
                Ok(Outcome::Next)
            }
            Err(DoseError::Empty) => Ok(Outcome::Refuse(ctx.t("checkin-q-dose-empty"))),
            Err(DoseError::Negative) => Ok(Outcome::Refuse(ctx.t("checkin-dose-negative"))),
            Err(DoseError::TooLong { length }) => {
                Ok(too_long(ctx, "checkin-dose-too-long", length, DOSE_MAX))
            }
        },
        _ => {
            let day = st.date().unwrap_or_default();
            match parse_time_on(text, day, ctx.now, ctx.zone()) {
                Ok(at) => record(ctx, st, at).await,
                Err(e) => Ok(Outcome::Refuse(ctx.t(e.key()))),
            }
        }
    }
}
