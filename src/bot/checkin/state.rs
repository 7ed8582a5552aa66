//! The questionnaire's state (the dialogue's `data`), kept in the database so a restart
//! resumes it, and the answers written into the day record.

use crate::bot::ui::Ctx;
use crate::bot::ui::dialogue::{self, Dialogue};
use crate::service::checkin::write::{self, Answering};
use crate::service::checkin::{Answers, Step};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where the questionnaire stands (the dialogue's `data`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct State {
    /// The local date asked about, `YYYY-MM-DD`.
    pub day: String,
    /// The question being asked.
    pub step: Step,
    /// Questions shown so far; buttons carry it.
    pub seq: u32,
    /// The message that shows the question (buttons elsewhere are stale).
    #[serde(default)]
    pub msg: Option<i64>,
    /// The attack being filled in.
    #[serde(default)]
    pub attack: Option<i64>,
    /// The painkiller being recorded.
    #[serde(default)]
    pub med: Option<i64>,
    /// Its dose.
    #[serde(default)]
    pub dose: Option<String>,
    /// A painkiller typed that is not on the list, until its class is chosen.
    #[serde(default)]
    pub new_med: Option<String>,
    /// The answers so far (also in the day record).
    #[serde(default)]
    pub answers: Answers,
}

impl State {
    /// The day asked about.
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&self.day, "%Y-%m-%d").ok()
    }
}

/// The state of a questionnaire under way, if any.
pub(super) async fn load(ctx: &Ctx<'_>) -> anyhow::Result<Option<State>> {
    Ok(match dialogue::load(ctx.tx, ctx.user.id).await? {
        Some(Dialogue::Checkin { data }) => serde_json::from_value(data).ok(),
        _ => None,
    })
}

pub(super) async fn save(ctx: &Ctx<'_>, st: Option<&State>) -> anyhow::Result<()> {
    let state = st
        .map(serde_json::to_value)
        .transpose()?
        .map(|data| Dialogue::Checkin { data });
    dialogue::save(ctx.tx, ctx.user.id, state.as_ref(), ctx.now.timestamp()).await?;
    Ok(())
}

/// A fresh questionnaire about `day`, with what was answered about it before.
pub(super) async fn fresh(ctx: &Ctx<'_>, day: NaiveDate, seq: u32) -> anyhow::Result<State> {
    let record = ctx.tx.day_record(ctx.user.id, day).await?;
    Ok(State {
        day: day.format("%Y-%m-%d").to_string(),
        step: Step::FIRST,
        seq,
        msg: None,
        attack: None,
        med: None,
        dose: None,
        new_med: None,
        answers: Answers::from_json(record.and_then(|r| r.questionnaire).as_deref()),
    })
}

/// The user answering now, as the questionnaire's writes take it.
pub(super) fn who(ctx: &Ctx<'_>) -> Answering {
    Answering {
        user_id: ctx.user.id,
        zone: ctx.zone(),
        now: ctx.now,
        update_id: ctx.update_id,
    }
}

/// Writes the answers into the day record.
pub(super) async fn write_answers(ctx: &Ctx<'_>, st: &State) -> anyhow::Result<()> {
    let Some(day) = st.date() else {
        return Ok(());
    };
    write::save_answers(ctx.tx, who(ctx), day, &st.answers).await?;
    Ok(())
}

/// Splits `<seq>:<step>:<value>`.
pub(super) fn parse_payload(payload: &str) -> Option<(u32, Step, &str)> {
    let mut parts = payload.splitn(3, ':');
    let seq = parts.next()?.parse().ok()?;
    let step = Step::from_code(parts.next()?)?;
    Some((seq, step, parts.next()?))
}
