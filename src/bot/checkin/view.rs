//! How each question reads: the first question, the date, which is right, which attack.
//! (The headache's questions are in `view_attack`, painkillers and the comment in
//! `view_meds`.)

use super::screen::{Screen, attack_line, attacks_of_day, day_label, tick};
use super::{State, view_attack, view_meds};
use crate::bot::ui::Ctx;
use crate::domain::localtime;
use crate::service::checkin::Step;
use chrono::Days;
use teloxide_core::types::InlineKeyboardMarkup;

/// The current question's text and buttons.
pub(super) async fn render(
    ctx: &Ctx<'_>,
    st: &State,
) -> anyhow::Result<(String, Option<InlineKeyboardMarkup>)> {
    let day = st
        .date()
        .unwrap_or_else(|| localtime::date_of(ctx.now, ctx.zone()));
    let attack = match st.attack {
        Some(id) => ctx
            .tx
            .attack(ctx.user.id, id)
            .await?
            .filter(|a| a.deleted_at.is_none()),
        None => None,
    };
    let mut s = Screen::new(ctx, st, day, attack);
    let key = match st.step {
        Step::Headache => headache(&mut s).await?,
        Step::Date => date(&mut s),
        Step::ConflictAttack => conflict(&mut s).await?,
        Step::ConflictFree => {
            let buttons = vec![
                s.key("btn-checkin-was-headache", "y", false),
                s.key("btn-checkin-keep-free", "n", false),
            ];
            s.grid(buttons, 1);
            "checkin-q-conflict-free"
        }
        Step::Pick => {
            let attacks = attacks_of_day(ctx, day).await?;
            let count = attacks.len() as i64;
            s.notes
                .push(ctx.tr("checkin-q-pick", &[("count", count.into())]));
            let buttons = attacks
                .iter()
                .map(|a| s.button(attack_line(ctx, a), &format!("a{}", a.id)))
                .collect();
            s.grid(buttons, 1);
            ""
        }
        Step::Meds
        | Step::MoreMeds
        | Step::MedClass
        | Step::Dose
        | Step::MedTime
        | Step::Comment => view_meds::render(&mut s).await?,
        _ => view_attack::render(&mut s),
    };
    Ok(s.done(key))
}

/// Headache? Yes / No headache (today) / Another day…
async fn headache(s: &mut Screen<'_, '_>) -> anyhow::Result<&'static str> {
    let ctx = s.ctx;
    let record = ctx.tx.day_record(ctx.user.id, s.day).await?;
    if record.and_then(|r| r.headache_free) == Some(true) {
        s.notes.push(ctx.t("checkin-note-headache-free"));
    }
    let count = attacks_of_day(ctx, s.day).await?.len() as i64;
    if count > 0 {
        s.notes
            .push(ctx.tr("checkin-note-attacks", &[("count", count.into())]));
    }
    let no = if s.day == localtime::date_of(ctx.now, ctx.zone()) {
        "btn-checkin-headache-no-today"
    } else {
        "btn-checkin-headache-no"
    };
    let row = vec![
        s.key("btn-checkin-headache-yes", "y", false),
        s.key(no, "n", false),
    ];
    s.row(row);
    let other = s.key("btn-checkin-other-day", "d", false);
    s.row(vec![other]);
    Ok("checkin-q-headache")
}

/// Today / Yesterday / the day before (or a typed date).
fn date(s: &mut Screen<'_, '_>) -> &'static str {
    let today = localtime::date_of(s.ctx.now, s.ctx.zone());
    let before = today.checked_sub_days(Days::new(2)).unwrap_or(today);
    let row = vec![
        s.key("btn-checkin-today", "0", s.day == today),
        s.key(
            "btn-checkin-yesterday",
            "1",
            today.pred_opt() == Some(s.day),
        ),
        s.button(tick(day_label(s.ctx, before), s.day == before), "2"),
    ];
    s.row(row);
    "checkin-q-date"
}

/// "No headache", but attacks are recorded: which is right?
async fn conflict(s: &mut Screen<'_, '_>) -> anyhow::Result<&'static str> {
    let ctx = s.ctx;
    let attacks = attacks_of_day(ctx, s.day).await?;
    let count = attacks.len() as i64;
    let list: Vec<String> = attacks
        .iter()
        .map(|a| format!("• {}", attack_line(ctx, a)))
        .collect();
    s.notes.push(ctx.tr(
        "checkin-q-conflict-attack",
        &[("count", count.into()), ("list", list.join("\n").into())],
    ));
    let yes = s.key("btn-checkin-was-headache", "y", false);
    let label = ctx.tr("btn-checkin-remove-attacks", &[("count", count.into())]);
    let no = s.button(label, "n");
    s.grid(vec![yes, no], 1);
    Ok("")
}
