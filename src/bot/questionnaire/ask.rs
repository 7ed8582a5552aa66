//! The questions, one at a time, the answers checked as they come, and the result.

use super::{State, load, save, screen, shown_on};
use crate::bot::outbox::MsgRef;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::questionnaire::{Action, button};
use crate::bot::ui::keyboards::inline;
use crate::domain::questionnaires::{
    Answers, Hit6, Hit6Answer, Instrument, MIDAS_MAX_DAYS, Midas, MidasError,
};
use crate::i18n::Arg;
use teloxide_core::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId, ReplyMarkup};

/// The MIDAS questions (official wording), in order.
const MIDAS_QUESTIONS: [&str; 5] = [
    "quest-midas-q1",
    "quest-midas-q2",
    "quest-midas-q3",
    "quest-midas-q4",
    "quest-midas-q5",
];
/// The HIT-6 questions (official wording), in order.
const HIT6_QUESTIONS: [&str; 6] = [
    "quest-hit6-q1",
    "quest-hit6-q2",
    "quest-hit6-q3",
    "quest-hit6-q4",
    "quest-hit6-q5",
    "quest-hit6-q6",
];
/// Day counts offered as buttons (any other is typed).
const QUICK_DAYS: [u8; 10] = [0, 1, 2, 3, 5, 7, 10, 14, 20, 30];
/// How long after a result a press on its last question is a double tap.
const DOUBLE_TAP_SECS: i64 = 600;

/// The label key of a HIT-6 answer.
pub(super) fn answer_key(a: Hit6Answer) -> &'static str {
    match a {
        Hit6Answer::Never => "quest-hit6-never",
        Hit6Answer::Rarely => "quest-hit6-rarely",
        Hit6Answer::Sometimes => "quest-hit6-sometimes",
        Hit6Answer::VeryOften => "quest-hit6-very-often",
        Hit6Answer::Always => "quest-hit6-always",
    }
}

fn step_u8(step: usize) -> u8 {
    u8::try_from(step).unwrap_or(u8::MAX)
}

/// The question being asked and its buttons.
fn render(ctx: &Ctx<'_>, instrument: Instrument, step: usize) -> (String, InlineKeyboardMarkup) {
    let n = [
        ("n", Arg::Num(step as i64 + 1)),
        ("total", Arg::Num(instrument.questions() as i64)),
    ];
    let q = step_u8(step);
    let (text, mut rows) = match instrument {
        Instrument::Midas => {
            let text = format!(
                "{}\n\n{}\n\n{}",
                ctx.tr("quest-midas-header", &n),
                ctx.t(MIDAS_QUESTIONS[step.min(4)]),
                ctx.t("quest-midas-how")
            );
            let rows: Vec<Vec<InlineKeyboardButton>> = QUICK_DAYS
                .chunks(5)
                .map(|chunk| {
                    chunk
                        .iter()
                        .map(|d| button(d.to_string(), Action::Days(q, *d)))
                        .collect()
                })
                .collect();
            (text, rows)
        }
        Instrument::Hit6 => {
            let text = format!(
                "{}\n\n{}",
                ctx.tr("quest-hit6-header", &n),
                ctx.t(HIT6_QUESTIONS[step.min(5)])
            );
            let rows = Hit6Answer::ALL
                .chunks(3)
                .map(|chunk| {
                    chunk
                        .iter()
                        .map(|a| button(ctx.t(answer_key(*a)), Action::Hit6(q, *a)))
                        .collect()
                })
                .collect();
            (text, rows)
        }
    };
    let mut last = Vec::new();
    if step > 0 {
        last.push(button(ctx.t("btn-back"), Action::Back(instrument, q)));
    }
    last.push(button(ctx.t("btn-cancel"), Action::Cancel));
    rows.push(last);
    (text, inline(rows))
}

/// Shows the current question: `message` edited, or a new message that becomes the one
/// edited (the old one keeps no buttons); saves the state.
async fn show(ctx: &Ctx<'_>, st: &mut State, message: Option<MessageId>) -> anyhow::Result<()> {
    let Some(instrument) = st.instrument() else {
        return save(ctx, None).await;
    };
    let (text, keyboard) = render(ctx, instrument, st.step());
    match message {
        Some(m) => {
            ctx.edit(m, &text, Some(keyboard)).await;
            st.msg = i64::from(m.0);
        }
        None => {
            let old = st.msg;
            let markup = Some(ReplyMarkup::InlineKeyboard(keyboard));
            if let Some(r) = ctx.send(&text, markup).await {
                st.msg = r.0;
            }
            ctx.retire(MsgRef(old)).await;
        }
    }
    save(ctx, Some(st)).await
}

/// "Start": the first question, in the pressed message (a questionnaire left elsewhere is
/// dropped, its message without buttons).
pub(super) async fn start(
    ctx: &Ctx<'_>,
    message: MessageId,
    instrument: Instrument,
) -> anyhow::Result<Option<String>> {
    if let Some(old) = load(ctx).await?
        && ctx.resolve(MsgRef(old.msg)).await? != Some(i64::from(message.0))
    {
        ctx.retire(MsgRef(old.msg)).await;
    }
    let mut st = State {
        instrument: instrument.key().to_owned(),
        answers: Vec::new(),
        msg: i64::from(message.0),
    };
    show(ctx, &mut st, Some(message)).await?;
    Ok(None)
}

/// Why a MIDAS answer of `days` to question `step` (after `so_far`) is refused, if it is.
fn refusal(ctx: &Ctx<'_>, so_far: &[u8], days: i64) -> Option<String> {
    if days < 0 {
        return Some(ctx.t("quest-days-negative"));
    }
    let Ok(days) = u8::try_from(days) else {
        return Some(ctx.t("quest-days-too-many"));
    };
    let mut all = [0u8; 5];
    for (slot, d) in all.iter_mut().zip(so_far.iter().chain([days].iter())) {
        *slot = *d;
    }
    match Midas::new(all) {
        Ok(_) => None,
        Err(MidasError::TooManyDays(_)) => Some(ctx.t("quest-days-too-many")),
        Err(MidasError::Overlap(q)) => {
            let missed = so_far.get(q.saturating_sub(2)).copied().unwrap_or(0);
            let left = MIDAS_MAX_DAYS.saturating_sub(missed);
            let key = if q == 2 {
                "quest-days-overlap-work"
            } else {
                "quest-days-overlap-home"
            };
            let args = [
                ("missed", Arg::Num(i64::from(missed))),
                ("left", Arg::Num(i64::from(left))),
            ];
            Some(ctx.tr(key, &args))
        }
    }
}

/// An answer button: question `q` of `instrument`, value `value` (days, or an answer index).
pub(super) async fn pressed(
    ctx: &Ctx<'_>,
    message: MessageId,
    instrument: Instrument,
    q: u8,
    value: u8,
) -> anyhow::Result<Option<String>> {
    let current = shown_on(ctx, message)
        .await?
        .filter(|st| st.instrument() == Some(instrument) && st.step() == usize::from(q));
    let Some(mut st) = current else {
        return Ok(Some(stale_answer(ctx, instrument, q).await?));
    };
    if instrument == Instrument::Midas
        && let Some(why) = refusal(ctx, &st.answers, i64::from(value))
    {
        return Ok(Some(why));
    }
    st.answers.push(value);
    advance(ctx, st, Some(message)).await
}

/// The notice for an answer that does not fit the questionnaire under way: a second tap on
/// the last answer of one just recorded says so; anything else is a stale button.
async fn stale_answer(ctx: &Ctx<'_>, instrument: Instrument, q: u8) -> anyhow::Result<String> {
    if usize::from(q) + 1 == instrument.questions() {
        let last = ctx.tx.last_questionnaire(ctx.user.id, instrument).await?;
        if last.is_some_and(|t| (ctx.now - t.taken_at).num_seconds() < DOUBLE_TAP_SECS) {
            return Ok(ctx.t("quest-already-recorded"));
        }
    }
    Ok(ctx.t("error-stale-button"))
}

/// After an answer: the next question, or the result once all are answered.
async fn advance(
    ctx: &Ctx<'_>,
    mut st: State,
    message: Option<MessageId>,
) -> anyhow::Result<Option<String>> {
    let Some(instrument) = st.instrument() else {
        save(ctx, None).await?;
        return Ok(Some(ctx.t("error-stale-button")));
    };
    if st.step() < instrument.questions() {
        show(ctx, &mut st, message).await?;
        return Ok(None);
    }
    let Some(answers) = answers_of(instrument, &st.answers) else {
        save(ctx, None).await?;
        return Ok(Some(ctx.t("error-stale-button")));
    };
    save(ctx, None).await?;
    let Some(taken) = crate::service::questionnaires::complete(
        ctx.tx,
        &ctx.user,
        ctx.update_id,
        &answers,
        ctx.now,
    )
    .await?
    else {
        return Ok(Some(ctx.t("quest-already-recorded")));
    };
    let text = super::screen::result_text(ctx, &taken).await?;
    let keyboard = inline(vec![vec![button(
        ctx.t("quest-btn-overview"),
        Action::Menu,
    )]]);
    if message.is_none() {
        ctx.retire(MsgRef(st.msg)).await;
    }
    ctx.show(message, &text, Some(keyboard)).await;
    Ok(None)
}

/// The answers as the domain scores them.
fn answers_of(instrument: Instrument, given: &[u8]) -> Option<Answers> {
    match instrument {
        Instrument::Midas => {
            let days: [u8; 5] = given.try_into().ok()?;
            Midas::new(days).ok().map(Answers::Midas)
        }
        Instrument::Hit6 => {
            let mut answers = [Hit6Answer::Never; 6];
            if given.len() != answers.len() {
                return None;
            }
            for (a, i) in answers.iter_mut().zip(given) {
                *a = *Hit6Answer::ALL.get(usize::from(*i))?;
            }
            Some(Answers::Hit6(Hit6 { answers }))
        }
    }
}

/// A typed answer: a whole number of days for MIDAS; HIT-6 is answered with its buttons.
pub(super) async fn typed(ctx: &Ctx<'_>, text: &str, mut st: State) -> anyhow::Result<()> {
    if st.instrument() != Some(Instrument::Midas) {
        ctx.send(&ctx.t("quest-use-buttons"), None).await;
        return Ok(());
    }
    let Ok(days) = text.trim().parse::<i64>() else {
        ctx.send(&ctx.t("quest-days-unreadable"), None).await;
        return Ok(());
    };
    if let Some(why) = refusal(ctx, &st.answers, days) {
        ctx.send(&why, None).await;
        return Ok(());
    }
    st.answers.push(u8::try_from(days).unwrap_or(0));
    advance(ctx, st, None).await?;
    Ok(())
}

/// "Back" on question `q`: the question before it again, its answer dropped.
pub(super) async fn back(
    ctx: &Ctx<'_>,
    message: MessageId,
    instrument: Instrument,
    q: u8,
) -> anyhow::Result<Option<String>> {
    let current = shown_on(ctx, message)
        .await?
        .filter(|st| st.instrument() == Some(instrument) && st.step() == usize::from(q) && q > 0);
    let Some(mut st) = current else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    st.answers.pop();
    show(ctx, &mut st, Some(message)).await?;
    Ok(None)
}

/// "Cancel": nothing is kept; the overview again, in place.
pub(super) async fn cancel(ctx: &Ctx<'_>, message: MessageId) -> anyhow::Result<Option<String>> {
    if shown_on(ctx, message).await?.is_none() {
        return Ok(Some(ctx.t("error-stale-button")));
    }
    save(ctx, None).await?;
    screen::overview(ctx, Some(message), Some(ctx.t("quest-cancelled"))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_scored_only_when_complete_and_in_range() {
        let m = answers_of(Instrument::Midas, &[3, 0, 12, 4, 90]).unwrap();
        assert_eq!(m.score(), 109);
        assert_eq!(answers_of(Instrument::Midas, &[3, 0, 12, 4]), None);
        assert_eq!(answers_of(Instrument::Midas, &[60, 31, 0, 0, 0]), None);
        let h = answers_of(Instrument::Hit6, &[0, 1, 2, 3, 4, 0]).unwrap();
        assert_eq!(h.score(), 6 + 8 + 10 + 11 + 13 + 6);
        assert_eq!(answers_of(Instrument::Hit6, &[0, 1, 2, 3, 5, 0]), None);
        assert_eq!(answers_of(Instrument::Hit6, &[0; 5]), None);
    }
}
