//! MIDAS and HIT-6 in the chat: an overview reached from /report (each questionnaire's
//! last result and when it is next due), the history of results, the questions one at a
//! time in one message edited in place, and the offer the scheduler sends when one is due.
//!
//! The questionnaire under way lives in `Dialogue::Questionnaire { data }` ([`State`]), so
//! a restart continues it. A MIDAS answer is typed (a whole number of days) or tapped; a
//! HIT-6 answer is tapped. Buttons carry their question and value and are re-checked
//! against the state: a press on another message, another question or another
//! questionnaire changes nothing. A completed questionnaire is kept once, keyed by the
//! update that completed it; the scores are [`crate::domain::questionnaires`]'.

mod ask;
mod offer;
mod screen;

pub use offer::offer;

use crate::bot::outbox::MsgRef;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::questionnaire::Action;
use crate::bot::ui::dialogue::{self, Dialogue};
use crate::domain::questionnaires::Instrument;
use serde::{Deserialize, Serialize};
use teloxide_core::types::MessageId;

/// A questionnaire under way (the dialogue's `data`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct State {
    /// Which one (its key).
    instrument: String,
    /// The answers so far: MIDAS days, or HIT-6 answers as indices of `Hit6Answer::ALL`.
    answers: Vec<u8>,
    /// The message showing the question (a [`MsgRef`]); buttons elsewhere are stale.
    msg: i64,
}

impl State {
    fn instrument(&self) -> Option<Instrument> {
        Instrument::from_key(&self.instrument)
    }

    /// The index of the question being asked.
    fn step(&self) -> usize {
        self.answers.len()
    }
}

async fn load(ctx: &Ctx<'_>) -> anyhow::Result<Option<State>> {
    Ok(match dialogue::load(ctx.tx, ctx.user.id).await? {
        Some(Dialogue::Questionnaire { data }) => serde_json::from_value(data).ok(),
        _ => None,
    })
}

async fn save(ctx: &Ctx<'_>, st: Option<&State>) -> anyhow::Result<()> {
    let state = st
        .map(serde_json::to_value)
        .transpose()?
        .map(|data| Dialogue::Questionnaire { data });
    dialogue::save(ctx.tx, ctx.user.id, state.as_ref(), ctx.now.timestamp()).await?;
    Ok(())
}

/// The questionnaire under way, when `message` shows it.
async fn shown_on(ctx: &Ctx<'_>, message: MessageId) -> anyhow::Result<Option<State>> {
    let Some(st) = load(ctx).await? else {
        return Ok(None);
    };
    let here = ctx.resolve(MsgRef(st.msg)).await? == Some(i64::from(message.0));
    Ok(here.then_some(st))
}

/// True while `instrument` is being answered (the scheduler offers it only otherwise).
pub async fn under_way(ctx: &Ctx<'_>, instrument: Instrument) -> anyhow::Result<bool> {
    Ok(load(ctx)
        .await?
        .is_some_and(|st| st.instrument() == Some(instrument)))
}

/// A questionnaire button (`Q:` payload).
pub async fn on_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    payload: &str,
) -> anyhow::Result<Option<String>> {
    let Some(action) = Action::parse(payload) else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    match action {
        Action::Menu => screen::overview(ctx, Some(message), None).await,
        Action::History(page) => screen::history(ctx, message, page).await,
        Action::Start(instrument) => ask::start(ctx, message, instrument).await,
        Action::Days(q, days) => ask::pressed(ctx, message, Instrument::Midas, q, days).await,
        Action::Hit6(q, answer) => {
            let index = crate::domain::questionnaires::Hit6Answer::ALL
                .iter()
                .position(|a| *a == answer)
                .and_then(|i| u8::try_from(i).ok())
                .unwrap_or(0);
            ask::pressed(ctx, message, Instrument::Hit6, q, index).await
        }
        Action::Back(instrument, q) => ask::back(ctx, message, instrument, q).await,
        Action::Cancel => ask::cancel(ctx, message).await,
        Action::Later(instrument) => offer::put_off(ctx, message, instrument, false).await,
        Action::NotNow(instrument) => offer::put_off(ctx, message, instrument, true).await,
    }
}

/// Typed text while a questionnaire is under way (the router passes the dialogue's data).
pub async fn on_text(ctx: &Ctx<'_>, text: &str, data: serde_json::Value) -> anyhow::Result<()> {
    match serde_json::from_value::<State>(data) {
        Ok(st) => ask::typed(ctx, text, st).await,
        Err(_) => {
            save(ctx, None).await?;
            ctx.send(&ctx.t("error-unknown-input"), None).await;
            Ok(())
        }
    }
}
