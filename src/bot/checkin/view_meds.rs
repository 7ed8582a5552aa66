//! How the painkiller questions and the closing comment read.

use super::State;
use super::screen::Screen;
use crate::bot::ui::format;
use crate::domain::localtime;
use crate::domain::medication::{Intake, MedClass};
use crate::service::checkin::{Step, quick_times};

/// Most painkillers offered as buttons (the others can be typed).
const MAX_MED_BUTTONS: usize = 10;

/// Doses recorded for the attack being filled in, or without an attack on that day.
async fn doses(s: &Screen<'_, '_>) -> anyhow::Result<Vec<Intake>> {
    let (ctx, st) = (s.ctx, s.st);
    let store = ctx.tx;
    Ok(match for_attack(st) {
        Some(id) => store.intakes_for_attack(ctx.user.id, id).await?,
        None => {
            let (from, to) = localtime::day_bounds(s.day, ctx.zone());
            let all = store
                .intakes_between(ctx.user.id, from.timestamp(), to.timestamp())
                .await?;
            all.into_iter().filter(|i| i.attack_id.is_none()).collect()
        }
    })
}

fn for_attack(st: &State) -> Option<i64> {
    st.attack.filter(|_| st.answers.headache == Some(true))
}

/// "Recorded:" and a line per dose.
fn dose_lines(s: &mut Screen<'_, '_>, doses: &[Intake]) {
    let ctx = s.ctx;
    if doses.is_empty() {
        return;
    }
    let mut text = ctx.t("checkin-doses");
    for i in doses {
        let time = ctx.when(i.taken_at, i.zone);
        let name = i.name.clone().into();
        let line = match i.dose.as_deref() {
            Some(dose) => ctx.tr(
                "checkin-dose-line",
                &[("name", name), ("dose", dose.into()), ("time", time.into())],
            ),
            None => ctx.tr(
                "checkin-dose-line-plain",
                &[("name", name), ("time", time.into())],
            ),
        };
        text.push('\n');
        text.push_str(&line);
    }
    s.notes.push(text);
}

/// The question's key; buttons and notes go into `s`.
pub(super) async fn render(s: &mut Screen<'_, '_>) -> anyhow::Result<&'static str> {
    let (ctx, st) = (s.ctx, s.st);
    let store = ctx.tx;
    Ok(match st.step {
        Step::Meds => {
            if st.answers.headache == Some(false) {
                s.notes.push(ctx.t("checkin-saved-headache-free"));
            }
            let doses = doses(s).await?;
            dose_lines(s, &doses);
            let meds = store.medications(ctx.user.id).await?;
            let buttons = meds
                .iter()
                .take(MAX_MED_BUTTONS)
                .map(|m| s.button(m.name.clone(), &format!("m{}", m.id)))
                .collect();
            s.grid(buttons, 2);
            let none = st
                .answers
                .medications
                .as_ref()
                .is_some_and(|m| m.is_empty());
            let row = vec![
                s.key("btn-checkin-no-meds", "n", none),
                s.key("btn-checkin-skip", "s", false),
            ];
            s.row(row);
            "checkin-q-meds"
        }
        Step::MedClass => {
            let name = st.new_med.clone().unwrap_or_default();
            let buttons = MedClass::ALL
                .iter()
                .map(|c| {
                    let label = ctx.t(&format!("medclass-{}", c.key()));
                    s.button(label, &format!("c{}", c.key()))
                })
                .collect();
            s.grid(buttons, 2);
            s.notes
                .push(ctx.tr("checkin-q-med-class", &[("name", name.into())]));
            ""
        }
        Step::MoreMeds => {
            let doses = doses(s).await?;
            dose_lines(s, &doses);
            let buttons = vec![
                s.key("btn-checkin-another", "y", false),
                s.key("btn-checkin-no-more", "n", false),
            ];
            s.grid(buttons, 1);
            "checkin-q-more-meds"
        }
        Step::Dose | Step::MedTime => {
            let med = match st.med {
                Some(id) => store.medication(ctx.user.id, id).await?,
                None => None,
            };
            let name = med.as_ref().map(|m| m.name.clone()).unwrap_or_default();
            let key = if st.step == Step::Dose {
                if let Some(dose) = med.and_then(|m| m.default_dose) {
                    let b = s.button(dose, "d");
                    s.row(vec![b]);
                }
                s.skip();
                "checkin-q-dose"
            } else {
                s.times(quick_times(s.day, ctx.now, ctx.zone(), None));
                if let Some(a) = s.attack.as_ref().filter(|_| for_attack(st).is_some()) {
                    let time = format::clock(a.started_at, a.zone);
                    let label = ctx.tr("btn-checkin-at-start", &[("time", time.into())]);
                    let b = s.button(label, "a");
                    s.row(vec![b]);
                }
                "checkin-q-med-time"
            };
            s.notes.push(ctx.tr(key, &[("name", name.into())]));
            ""
        }
        _ => {
            let comment = match s.attack.as_ref().filter(|_| for_attack(st).is_some()) {
                Some(a) => a.comment.clone(),
                None => store
                    .day_record(ctx.user.id, s.day)
                    .await?
                    .and_then(|r| r.comment),
            };
            if let Some(c) = comment {
                s.current(c);
            }
            s.skip();
            "checkin-q-comment"
        }
    })
}
