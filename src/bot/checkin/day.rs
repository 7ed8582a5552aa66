//! Answers about the day: which day, headache or not (and which is right when the records
//! say otherwise), which attack to fill in, and the closing comment.

use super::screen::attacks_of_day;
use super::state::who;
use super::{Outcome, State};
use crate::bot::ui::Ctx;
use crate::domain::attack::Attack;
use crate::domain::localtime;
use crate::domain::text::check_text;
use crate::service::checkin::write;
use crate::service::checkin::{Answers, DateError, MAX_COMMENT, Step, parse_date};
use chrono::{Days, NaiveDate};

/// Switches the questionnaire to another day, with what was answered about it before.
async fn switch_day(ctx: &Ctx<'_>, st: &mut State, day: NaiveDate) -> anyhow::Result<Outcome> {
    let record = ctx.tx.day_record(ctx.user.id, day).await?;
    st.day = day.format("%Y-%m-%d").to_string();
    st.attack = None;
    st.med = None;
    st.dose = None;
    st.answers = Answers::from_json(record.and_then(|r| r.questionnaire).as_deref());
    Ok(Outcome::Next)
}

/// Fills in `attack` from now on.
fn fill(st: &mut State, attack: &Attack) {
    if st.answers.attack != Some(attack.id) {
        st.answers.clear_attack();
        st.answers.attack = Some(attack.id);
    }
    st.answers.headache = Some(true);
    st.attack = Some(attack.id);
}

/// There was a headache: the day's attack is filled in (created when there is none;
/// asked for when there are several).
async fn headache(ctx: &Ctx<'_>, st: &mut State, day: NaiveDate) -> anyhow::Result<Outcome> {
    let mut attacks = attacks_of_day(ctx, day).await?;
    st.answers.headache = Some(true);
    if attacks.len() > 1 {
        return Ok(Outcome::Go(Step::Pick));
    }
    let attack = match attacks.pop() {
        Some(a) => a,
        None => write::create_day_attack(ctx.tx, who(ctx), day).await?,
    };
    fill(st, &attack);
    Ok(Outcome::Go(Step::Started))
}

/// No headache: the day is marked headache-free.
async fn headache_free(ctx: &Ctx<'_>, st: &mut State, day: NaiveDate) -> anyhow::Result<Outcome> {
    set_free(ctx, day, Some(true)).await?;
    st.attack = None;
    st.answers.headache = Some(false);
    st.answers.clear_attack();
    Ok(Outcome::Go(Step::Meds))
}

async fn set_free(ctx: &Ctx<'_>, day: NaiveDate, free: Option<bool>) -> anyhow::Result<()> {
    write::set_headache_free(ctx.tx, who(ctx), day, free).await?;
    Ok(())
}

/// A button about the day; `None` when the value means nothing here.
pub(super) async fn button(
    ctx: &Ctx<'_>,
    st: &mut State,
    value: &str,
) -> anyhow::Result<Option<Outcome>> {
    let store = ctx.tx;
    let Some(day) = st.date() else {
        return Ok(None);
    };
    let next = match (st.step, value) {
        (Step::Headache, "y") => {
            let record = store.day_record(ctx.user.id, day).await?;
            if record.and_then(|r| r.headache_free) == Some(true) {
                Outcome::Go(Step::ConflictFree)
            } else {
                headache(ctx, st, day).await?
            }
        }
        (Step::Headache, "n") => {
            if attacks_of_day(ctx, day).await?.is_empty() {
                headache_free(ctx, st, day).await?
            } else {
                Outcome::Go(Step::ConflictAttack)
            }
        }
        (Step::Headache, "d") => Outcome::Go(Step::Date),
        (Step::Date, "0" | "1" | "2") => {
            let back = value.parse().unwrap_or(0);
            let today = localtime::date_of(ctx.now, ctx.zone());
            let day = today.checked_sub_days(Days::new(back)).unwrap_or(today);
            switch_day(ctx, st, day).await?
        }
        (Step::ConflictAttack | Step::ConflictFree, "y") => {
            set_free(ctx, day, None).await?;
            headache(ctx, st, day).await?
        }
        (Step::ConflictAttack, "n") => {
            // Soft-deleted, so the trash can bring them back.
            let attacks = attacks_of_day(ctx, day).await?;
            write::discard_attacks(store, who(ctx), &attacks).await?;
            headache_free(ctx, st, day).await?
        }
        (Step::ConflictFree, "n") => headache_free(ctx, st, day).await?,
        (Step::Pick, _) => {
            let Some(id) = value.strip_prefix('a').and_then(|v| v.parse::<i64>().ok()) else {
                return Ok(None);
            };
            let (from, to) = localtime::day_bounds(day, ctx.zone());
            let Some(a) = store
                .attack(ctx.user.id, id)
                .await?
                .filter(|a| a.deleted_at.is_none())
                .filter(|a| a.started_at < to && a.ended_at.is_none_or(|e| e >= from))
            else {
                return Ok(None);
            };
            fill(st, &a);
            Outcome::Go(Step::Started)
        }
        (Step::Comment, "s") => Outcome::Next,
        _ => return Ok(None),
    };
    Ok(Some(next))
}

/// A typed date or comment.
pub(super) async fn text(ctx: &Ctx<'_>, st: &mut State, text: &str) -> anyhow::Result<Outcome> {
    if st.step == Step::Date {
        return match parse_date(text, ctx.now, ctx.zone()) {
            Ok(day) => switch_day(ctx, st, day).await,
            Err(e) => Ok(Outcome::Refuse(ctx.t(match e {
                DateError::Invalid => "time-error-invalid-date",
                DateError::TooFarBack => "time-error-too-far-back",
                DateError::Future => "checkin-date-future",
                DateError::Unrecognised => "checkin-date-unrecognised",
            }))),
        };
    }
    let comment = match check_text(text, MAX_COMMENT) {
        Ok(c) => c,
        Err(0) => return Ok(Outcome::Refuse(ctx.t("checkin-q-comment"))),
        Err(length) => {
            return Ok(Outcome::Refuse(ctx.tr(
                "checkin-comment-too-long",
                &[
                    ("length", (length as i64).into()),
                    ("max", (MAX_COMMENT as i64).into()),
                ],
            )));
        }
    };
    let Some(day) = st.date() else {
        return Ok(Outcome::Next);
    };
    st.answers.comment = Some(comment.clone());
    let attack = st.attack.filter(|_| st.answers.headache == Some(true));
    write::set_comment(ctx.tx, who(ctx), day, attack, comment).await?;
    Ok(Outcome::Next)
}
