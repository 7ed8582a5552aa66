//! The evening questionnaire (/checkin), S2's questions in one flow.
//!
//! Button questions are one message edited in place; a typed answer (or a command) is
//! answered by a new message carrying the next question, which then becomes the one edited.
//! The state lives in `Dialogue::Checkin { data }` ([`State`]), so a restart resumes it.
//! Every answer is written at once: into the attack of the day (or the day record), and as
//! JSON into the day record's `questionnaire`.
//!
//! Button payloads are `<seq>:<step>:<value>`: `seq` counts the questions shown, so a press
//! on an older question (or an older message) is stale and changes nothing.

mod answer;
mod day;
mod meds;
mod screen;
mod state;
mod view;
mod view_attack;
mod view_meds;

use crate::bot::outbox::MsgRef;
use crate::bot::ui::Ctx;
use crate::domain::localtime;
use crate::service::checkin::{Answers, Step};
use state::{State, fresh, load, parse_payload, save, write_answers};
use teloxide_core::types::{MessageId, ReplyMarkup};

/// What an answer leads to.
enum Outcome {
    /// The question after this one (or the end).
    Next,
    /// A given question.
    Go(Step),
    /// The same question again (a toggle, or a typed cause beside the toggles).
    Stay,
    /// Refused, with the explanation; nothing changed.
    Refuse(String),
    /// The attack being filled in is gone: back to the first question.
    Lost,
}

/// How the next question reaches the chat.
#[derive(Clone, Copy)]
enum Via {
    /// Editing the message whose button was pressed.
    Edit(MessageId),
    /// A new message (after typed input or a command).
    Send,
}

/// Shows the current question (a new message, or the pressed one edited) and saves.
async fn show(
    ctx: &Ctx<'_>,
    st: &mut State,
    via: Via,
    preface: Option<String>,
) -> anyhow::Result<()> {
    if matches!(via, Via::Send) {
        st.seq += 1;
    }
    let (body, keyboard) = view::render(ctx, st).await?;
    let text = match preface {
        Some(p) => format!("{p}\n\n{body}"),
        None => body,
    };
    match via {
        Via::Edit(message) => {
            ctx.edit(message, &text, keyboard).await;
            st.msg = Some(i64::from(message.0));
        }
        Via::Send => {
            let markup = keyboard.map(ReplyMarkup::InlineKeyboard);
            let old = st.msg;
            if let Some(id) = ctx.send(&text, markup).await {
                st.msg = Some(id.0);
            }
            // The question now stands below: the copy above keeps no live buttons.
            if let Some(old) = old.filter(|old| st.msg != Some(*old)) {
                ctx.retire(MsgRef(old)).await;
            }
        }
    }
    save(ctx, Some(st)).await
}

/// Moves to `step` (a new question: older buttons go stale).
async fn go(
    ctx: &Ctx<'_>,
    st: &mut State,
    step: Step,
    via: Via,
    preface: Option<String>,
) -> anyhow::Result<()> {
    st.step = step;
    if matches!(via, Via::Edit(_)) {
        st.seq += 1;
    }
    show(ctx, st, via, preface).await
}

/// The last answer is in: thanks, and the dialogue ends.
async fn finish(ctx: &Ctx<'_>, mut st: State, via: Via) -> anyhow::Result<()> {
    st.answers.completed = Some(true);
    write_answers(ctx, &st).await?;
    save(ctx, None).await?;
    let date = st
        .date()
        .map(|d| screen::day_label(ctx, d))
        .unwrap_or_default();
    let text = ctx.tr("checkin-done", &[("date", date.into())]);
    match via {
        Via::Edit(message) => ctx.edit(message, &text, None).await,
        Via::Send => {
            ctx.send(&text, Some(ctx.menu())).await;
        }
    }
    Ok(())
}

/// Whether there are answers to write: new ones, not nothing.
fn changed(st: &State, before: &Answers) -> bool {
    st.answers != *before && st.answers != Answers::default()
}

/// Acts on what an answer led to; the answers go to the day record when they changed from
/// `before` (so choosing a day alone leaves no record behind). Returns a refusal's text.
async fn proceed(
    ctx: &Ctx<'_>,
    mut st: State,
    next: Outcome,
    via: Via,
    before: &Answers,
) -> anyhow::Result<Option<String>> {
    let step = match next {
        Outcome::Refuse(text) => return Ok(Some(text)),
        Outcome::Lost => {
            st.attack = None;
            st.answers.clear_attack();
            st.answers.headache = None;
            write_answers(ctx, &st).await?;
            let gone = ctx.t("checkin-attack-gone");
            go(ctx, &mut st, Step::FIRST, via, Some(gone)).await?;
            return Ok(None);
        }
        Outcome::Stay => {
            if changed(&st, before) {
                write_answers(ctx, &st).await?;
            }
            show(ctx, &mut st, via, None).await?;
            return Ok(None);
        }
        Outcome::Go(step) => Some(step),
        Outcome::Next => st.step.next(st.answers.headache),
    };
    if changed(&st, before) {
        write_answers(ctx, &st).await?;
    }
    match step {
        Some(step) => go(ctx, &mut st, step, via, None).await?,
        None => finish(ctx, st, via).await?,
    }
    Ok(None)
}

/// /checkin: starts the questionnaire about today, or resumes the one under way.
pub async fn start(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    if let Some(mut st) = load(ctx).await? {
        let note = ctx.t("checkin-resumed");
        return show(ctx, &mut st, Via::Send, Some(note)).await;
    }
    start_on(ctx, localtime::date_of(ctx.now, ctx.zone())).await
}

/// Starts the questionnaire about `day` (a diary reminder's "log one"), or resumes the one
/// under way. A questionnaire left unfinished is nudged once, later.
pub async fn start_on(ctx: &Ctx<'_>, day: chrono::NaiveDate) -> anyhow::Result<()> {
    if let Some(mut st) = load(ctx).await? {
        let note = ctx.t("checkin-resumed");
        return show(ctx, &mut st, Via::Send, Some(note)).await;
    }
    crate::service::reminders::checkin_begun(ctx.tx, ctx.user.id, ctx.now).await?;
    let mut st = fresh(ctx, day, 0).await?;
    show(ctx, &mut st, Via::Send, None).await
}

/// True while a questionnaire is under way (its nudge is then worth sending).
pub async fn under_way(ctx: &Ctx<'_>) -> anyhow::Result<bool> {
    Ok(load(ctx).await?.is_some())
}

/// /back, /restart, /stop.
pub async fn on_command(ctx: &Ctx<'_>, name: &str) -> anyhow::Result<()> {
    let Some(mut st) = load(ctx).await? else {
        ctx.send(&ctx.t("checkin-none-under-way"), None).await;
        return Ok(());
    };
    match name {
        "back" => match st.step.back(st.answers.headache) {
            Some(step) => go(ctx, &mut st, step, Via::Send, None).await,
            None => {
                ctx.send(&ctx.t("checkin-back-first"), None).await;
                Ok(())
            }
        },
        "restart" => {
            let old = st.msg;
            let mut st = fresh(ctx, localtime::date_of(ctx.now, ctx.zone()), st.seq).await?;
            st.msg = old;
            let note = ctx.t("checkin-restarted");
            show(ctx, &mut st, Via::Send, Some(note)).await
        }
        _ => {
            save(ctx, None).await?;
            ctx.send(&ctx.t("checkin-stopped"), Some(ctx.menu())).await;
            if let Some(old) = st.msg {
                ctx.retire(MsgRef(old)).await;
            }
            Ok(())
        }
    }
}

/// A button of the questionnaire (`C:` callback payload).
pub async fn on_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    payload: &str,
) -> anyhow::Result<Option<String>> {
    let stale = Some(ctx.t("error-stale-button"));
    let (Some(mut st), Some((seq, step, value))) = (load(ctx).await?, parse_payload(payload))
    else {
        return Ok(stale);
    };
    let on_current = match st.msg {
        None => true,
        Some(m) => ctx.resolve(crate::bot::outbox::MsgRef(m)).await? == Some(i64::from(message.0)),
    };
    if seq != st.seq || step != st.step || !on_current {
        return Ok(stale);
    }
    let before = st.answers.clone();
    let next = match step {
        Step::Date
        | Step::Headache
        | Step::ConflictAttack
        | Step::ConflictFree
        | Step::Pick
        | Step::Comment => day::button(ctx, &mut st, value).await?,
        Step::Meds | Step::MedClass | Step::Dose | Step::MedTime | Step::MoreMeds => {
            meds::button(ctx, &mut st, value).await?
        }
        _ => answer::button(ctx, &mut st, value).await?,
    };
    match next {
        Some(next) => proceed(ctx, st, next, Via::Edit(message), &before).await,
        None => Ok(stale),
    }
}

/// Typed input while the questionnaire waits.
pub async fn on_text(ctx: &Ctx<'_>, text: &str, data: serde_json::Value) -> anyhow::Result<()> {
    let Ok(mut st) = serde_json::from_value::<State>(data) else {
        save(ctx, None).await?;
        ctx.send(&ctx.t("error-unknown-input"), None).await;
        return Ok(());
    };
    if !st.step.takes_text() {
        let hint = ctx.t("checkin-use-buttons");
        return show(ctx, &mut st, Via::Send, Some(hint)).await;
    }
    let before = st.answers.clone();
    let next = match st.step {
        Step::Date | Step::Comment => day::text(ctx, &mut st, text).await?,
        Step::Meds | Step::Dose | Step::MedTime => meds::text(ctx, &mut st, text).await?,
        _ => answer::text(ctx, &mut st, text).await?,
    };
    if let Some(refusal) = proceed(ctx, st, next, Via::Send, &before).await? {
        ctx.send(&refusal, None).await;
    }
    Ok(())
}
