//! The creation flow: name, description, kind (with unit and target for numbers),
//! frequency, goal, factor, routine, a first reminder. One question a message: a tapped
//! answer edits it in place, a typed one is answered below. The questions and the reading
//! of typed answers are shared with the editor ([`question`], [`read`]).

use super::{State, amount_error, load, retire, save, text_error};
use crate::bot::outbox::MsgRef;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::habits::{Action, Choice, Field, button};
use crate::bot::ui::keyboards::inline;
use crate::domain::habits::{self as rules, Direction, Factor, Frequency, Kind};
use crate::i18n::Arg;
use crate::service::habits as service;
use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use teloxide_core::types::{InlineKeyboardButton, MessageId, ReplyMarkup};

/// The question being asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// A field.
    Name,
    /// A field.
    Description,
    /// A field.
    Kind,
    /// A field.
    Unit,
    /// A field.
    Target,
    /// A field.
    Frequency,
    /// A field.
    Goal,
    /// A field.
    Factor,
    /// A field.
    Routine,
    /// The first reminder's time.
    Reminder,
}

impl Step {
    fn field(self) -> Option<Field> {
        Some(match self {
            Step::Name => Field::Name,
            Step::Description => Field::Description,
            Step::Kind => Field::Kind,
            Step::Unit => Field::Unit,
            Step::Target => Field::Target,
            Step::Frequency => Field::Frequency,
            Step::Goal => Field::Goal,
            Step::Factor => Field::Factor,
            Step::Routine => Field::Routine,
            Step::Reminder => return None,
        })
    }
}

/// The answers so far.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Draft {
    name: String,
    description: Option<String>,
    kind: Option<String>,
    unit: Option<String>,
    target_milli: Option<i64>,
    freq: Option<(u32, u32)>,
    goal: Option<u32>,
    factor: Option<String>,
    routine: Option<String>,
}

impl Draft {
    fn numeric(&self) -> bool {
        matches!(self.kind.as_deref(), Some("at_least" | "at_most"))
    }

    fn next(&self, step: Step) -> Option<Step> {
        Some(match step {
            Step::Name => Step::Description,
            Step::Description => Step::Kind,
            Step::Kind if self.numeric() => Step::Unit,
            Step::Kind => Step::Frequency,
            Step::Unit => Step::Target,
            Step::Target => Step::Frequency,
            Step::Frequency => Step::Goal,
            Step::Goal => Step::Factor,
            Step::Factor => Step::Routine,
            Step::Routine => Step::Reminder,
            Step::Reminder => return None,
        })
    }

    fn service(&self) -> service::Draft {
        let kind = rules::kind_from_key(
            self.kind.as_deref().unwrap_or("yes_no"),
            self.target_milli.or(Some(1000)),
        )
        .unwrap_or(Kind::YesNo);
        let (numerator, denominator) = self.freq.unwrap_or((1, 1));
        service::Draft {
            name: self.name.clone(),
            description: self.description.clone(),
            kind,
            unit: self.unit.clone().filter(|_| self.numeric()),
            freq: Frequency {
                numerator,
                denominator,
            },
            goal_days: self.goal.filter(|g| *g > 0),
            factor: self.factor.as_deref().and_then(Factor::from_key),
            routine: self.routine.clone(),
        }
    }
}

/// A typed answer, read.
pub(super) enum Typed {
    /// A text (name, description, unit, routine).
    Text(String),
    /// A number in thousandths (target).
    Amount(i64),
    /// A frequency.
    Freq(Frequency),
    /// A goal in days (0: none).
    Goal(u32),
}

/// Reads a typed answer to `field`; the error is the translated explanation.
pub(super) fn read(ctx: &Ctx<'_>, field: Field, text: &str) -> Result<Typed, String> {
    let limited = |max: usize| {
        crate::domain::text::check_text(text, max)
            .map(Typed::Text)
            .map_err(|length| text_error(ctx, max, length))
    };
    match field {
        Field::Name => limited(rules::NAME_MAX),
        Field::Description => limited(rules::DESCRIPTION_MAX),
        Field::Unit => limited(rules::UNIT_MAX),
        Field::Routine => limited(rules::ROUTINE_MAX),
        Field::Target => rules::parse_amount(text, true)
            .map(Typed::Amount)
            .map_err(|e| amount_error(ctx, e, text)),
        Field::Frequency => parse_frequency(text)
            .map(Typed::Freq)
            .ok_or_else(|| ctx.t("habits-error-frequency")),
        Field::Goal => text
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|g| *g <= 3650 && !text.trim().starts_with('+'))
            .map(Typed::Goal)
            .ok_or_else(|| ctx.t("habits-error-goal")),
        Field::Kind | Field::Factor => Err(ctx.t("habits-use-buttons")),
    }
}

/// "3/7" (three times in seven days), "1/2": the numerator at most the denominator, which
/// is at most a year.
fn parse_frequency(text: &str) -> Option<Frequency> {
    let (n, d) = text.trim().split_once('/')?;
    let num = |s: &str| {
        let s = s.trim();
        s.parse::<u32>().ok().filter(|_| !s.starts_with('+'))
    };
    let (n, d) = (num(n)?, num(d)?);
    (n >= 1 && d >= 1 && n <= d && d <= 365).then_some(Frequency {
        numerator: n,
        denominator: d,
    })
}

/// The frequencies offered as buttons.
const FREQUENCIES: [(u32, u32); 7] = [(1, 1), (1, 2), (1, 7), (3, 7), (5, 7), (4, 30), (10, 30)];
/// The goals offered as buttons (S1's 21 first).
const GOALS: [u32; 4] = [21, 30, 66, 100];

/// A question: its text and its choices, row by row (the caller turns a choice into the
/// creation flow's or the editor's button).
pub(super) fn question(
    ctx: &Ctx<'_>,
    field: Field,
    routines: &[String],
) -> (String, Vec<Vec<(String, Choice)>>) {
    let c = |key: &str, choice: Choice| (ctx.t(key), choice);
    match field {
        Field::Name => (
            ctx.tr(
                "habits-ask-name",
                &[("max", (rules::NAME_MAX as i64).into())],
            ),
            vec![],
        ),
        Field::Description => (
            ctx.t("habits-ask-description"),
            vec![vec![c("habits-btn-no-description", Choice::Skip)]],
        ),
        Field::Kind => (
            ctx.t("habits-ask-kind"),
            vec![
                vec![c("habits-kind-yes-no", Choice::Kind(0))],
                vec![c("habits-kind-at-least", Choice::Kind(1))],
                vec![c("habits-kind-at-most", Choice::Kind(2))],
            ],
        ),
        Field::Unit => (ctx.t("habits-ask-unit"), vec![]),
        Field::Target => (ctx.t("habits-ask-target"), vec![]),
        Field::Frequency => {
            let choices: Vec<(String, Choice)> = FREQUENCIES
                .iter()
                .map(|(n, d)| {
                    let f = Frequency {
                        numerator: *n,
                        denominator: *d,
                    };
                    (super::card::frequency(ctx, f), Choice::Freq(f))
                })
                .collect();
            (
                ctx.t("habits-ask-frequency"),
                choices.chunks(2).map(<[_]>::to_vec).collect(),
            )
        }
        Field::Goal => {
            let mut rows: Vec<Vec<(String, Choice)>> = vec![
                GOALS
                    .iter()
                    .map(|g| {
                        (
                            ctx.tr("habits-btn-goal", &[("days", i64::from(*g).into())]),
                            Choice::Goal(*g),
                        )
                    })
                    .collect(),
            ];
            rows.push(vec![c("habits-btn-no-goal", Choice::Goal(0))]);
            (ctx.t("habits-ask-goal"), rows)
        }
        Field::Factor => {
            let choices: Vec<(String, Choice)> = Factor::ALL
                .iter()
                .map(|f| (super::edit::factor_name(ctx, *f), Choice::Factor(*f)))
                .collect();
            let mut rows: Vec<Vec<(String, Choice)>> =
                choices.chunks(2).map(<[_]>::to_vec).collect();
            rows.push(vec![c("habits-btn-no-factor", Choice::Skip)]);
            (ctx.t("habits-ask-factor"), rows)
        }
        Field::Routine => {
            let mut rows: Vec<Vec<(String, Choice)>> = routines
                .iter()
                .take(10)
                .enumerate()
                .map(|(i, r)| vec![(r.clone(), Choice::Routine(i as u8))])
                .collect();
            rows.push(vec![c("habits-btn-no-routine", Choice::Skip)]);
            (
                ctx.tr(
                    "habits-ask-routine",
                    &[("max", (rules::ROUTINE_MAX as i64).into())],
                ),
                rows,
            )
        }
    }
}

/// A kind chosen by its button's index, keeping a numeric habit's target.
pub(super) fn kind_of(index: u8, target_milli: Option<i64>) -> Kind {
    let target = target_milli.unwrap_or(1000) as f64 / 1000.0;
    match index {
        1 => Kind::Numeric {
            target,
            direction: Direction::AtLeast,
        },
        2 => Kind::Numeric {
            target,
            direction: Direction::AtMost,
        },
        _ => Kind::YesNo,
    }
}

async fn routines_of(ctx: &Ctx<'_>) -> anyhow::Result<Vec<String>> {
    Ok(service::routines(&ctx.tx.all_habits(ctx.user.id).await?))
}

/// Asks `step`: edits `message`, or sends it anew; the state then waits on it.
async fn ask(
    ctx: &Ctx<'_>,
    message: Option<MessageId>,
    draft: Draft,
    step: Step,
) -> anyhow::Result<()> {
    let (text, choices) = match step.field() {
        Some(field) => question(ctx, field, &routines_of(ctx).await?),
        None => (
            ctx.t("habits-ask-reminder"),
            vec![vec![(ctx.t("habits-btn-no-reminder"), Choice::Skip)]],
        ),
    };
    let mut rows: Vec<Vec<InlineKeyboardButton>> = choices
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|(l, c)| button(l, Action::Wizard(c)))
                .collect()
        })
        .collect();
    rows.push(vec![button(ctx.t("btn-cancel"), Action::Cancel)]);
    let title = if draft.name.is_empty() {
        ctx.t("habits-new-title")
    } else {
        ctx.tr(
            "habits-new-title-named",
            &[("name", draft.name.clone().into())],
        )
    };
    let text = format!("{title}\n\n{text}");
    let msg = match message {
        Some(m) => {
            ctx.edit(m, &text, Some(inline(rows))).await;
            Some(MsgRef(i64::from(m.0)))
        }
        None => {
            ctx.send(&text, Some(ReplyMarkup::InlineKeyboard(inline(rows))))
                .await
        }
    };
    if let Some(msg) = msg {
        save(
            ctx,
            Some(&State::Create {
                draft,
                step,
                msg: msg.0,
            }),
        )
        .await?;
    }
    Ok(())
}

/// "New habit": the first question, in the message pressed.
pub async fn start(ctx: &Ctx<'_>, message: MessageId) -> anyhow::Result<Option<String>> {
    let count = ctx.tx.all_habits(ctx.user.id).await?.len();
    if count >= MAX_HABITS {
        return Ok(Some(ctx.tr(
            "habits-error-too-many",
            &[("max", (MAX_HABITS as i64).into())],
        )));
    }
    ask(ctx, Some(message), Draft::default(), Step::Name).await?;
    Ok(None)
}

/// The most habits one user keeps (archived ones count).
pub const MAX_HABITS: usize = 100;

/// A tapped answer: applies to the question shown in `message` only.
pub async fn chosen(
    ctx: &Ctx<'_>,
    message: MessageId,
    choice: Choice,
) -> anyhow::Result<Option<String>> {
    let Some(State::Create {
        mut draft,
        step,
        msg,
    }) = load(ctx).await?
    else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    if ctx.resolve(MsgRef(msg)).await? != Some(i64::from(message.0)) {
        return Ok(Some(ctx.t("error-stale-button")));
    }
    let fits = match (step, choice) {
        (Step::Description, Choice::Skip) => {
            draft.description = None;
            true
        }
        (Step::Kind, Choice::Kind(k)) => {
            draft.kind = Some(rules::kind_key(kind_of(k, None)).to_owned());
            true
        }
        (Step::Frequency, Choice::Freq(f)) => {
            draft.freq = Some((f.numerator, f.denominator));
            true
        }
        (Step::Goal, Choice::Goal(g)) => {
            draft.goal = Some(g);
            true
        }
        (Step::Factor, Choice::Factor(f)) => {
            draft.factor = Some(f.key().to_owned());
            true
        }
        (Step::Factor, Choice::Skip) => {
            draft.factor = None;
            true
        }
        (Step::Routine, Choice::Routine(i)) => match routines_of(ctx).await?.get(usize::from(i)) {
            Some(r) => {
                draft.routine = Some(r.clone());
                true
            }
            None => false,
        },
        (Step::Routine, Choice::Skip) => {
            draft.routine = None;
            true
        }
        (Step::Reminder, Choice::Skip) => {
            finish(ctx, Some(message), &draft, None).await?;
            return Ok(None);
        }
        _ => false,
    };
    if !fits {
        return Ok(Some(ctx.t("error-stale-button")));
    }
    match draft.next(step) {
        Some(next) => ask(ctx, Some(message), draft, next).await?,
        None => finish(ctx, Some(message), &draft, None).await?,
    }
    Ok(None)
}

/// A typed answer to the question asked.
pub async fn typed(
    ctx: &Ctx<'_>,
    text: &str,
    mut draft: Draft,
    step: Step,
    msg: i64,
) -> anyhow::Result<()> {
    if step == Step::Reminder {
        return match crate::service::meds::parse_checkin_time(text) {
            Ok(at) => {
                retire(ctx, msg).await;
                finish(ctx, None, &draft, Some(at)).await
            }
            Err(_) => {
                let input: String = text.trim().chars().take(20).collect();
                ctx.send(
                    &ctx.tr("habits-error-time", &[("input", input.into())]),
                    None,
                )
                .await;
                Ok(())
            }
        };
    }
    let Some(field) = step.field() else {
        return Ok(());
    };
    let value = match read(ctx, field, text) {
        Ok(v) => v,
        Err(explanation) => {
            ctx.send(&explanation, None).await;
            return Ok(());
        }
    };
    match (field, value) {
        (Field::Name, Typed::Text(t)) => draft.name = t,
        (Field::Description, Typed::Text(t)) => draft.description = Some(t),
        (Field::Unit, Typed::Text(t)) => draft.unit = Some(t),
        (Field::Routine, Typed::Text(t)) => draft.routine = Some(t),
        (Field::Target, Typed::Amount(v)) => draft.target_milli = Some(v),
        (Field::Frequency, Typed::Freq(f)) => draft.freq = Some((f.numerator, f.denominator)),
        (Field::Goal, Typed::Goal(g)) => draft.goal = Some(g),
        _ => return Ok(()),
    }
    retire(ctx, msg).await;
    match draft.next(step) {
        Some(next) => ask(ctx, None, draft, next).await,
        None => finish(ctx, None, &draft, None).await,
    }
}

/// Creates the habit (once per update) with its first reminder, and shows it.
async fn finish(
    ctx: &Ctx<'_>,
    message: Option<MessageId>,
    draft: &Draft,
    reminder: Option<NaiveTime>,
) -> anyhow::Result<()> {
    save(ctx, None).await?;
    let Some(habit) = service::create(
        ctx.tx,
        &ctx.user,
        &draft.service(),
        Some(ctx.update_id),
        ctx.now,
    )
    .await?
    else {
        return Ok(());
    };
    if let Some(at) = reminder {
        let r = ctx
            .tx
            .insert_habit_reminder(ctx.user.id, habit.id, at, rules::EVERY_WEEKDAY)
            .await?;
        let prefs = ctx.tx.habit_prefs(ctx.user.id).await?;
        service::arm(ctx.tx, &ctx.user, &r, &prefs, true, ctx.now).await?;
    }
    let mut parts = vec![ctx.tr("habits-created", &[("name", habit.name.clone().into())])];
    parts.push(super::card::about(ctx, &habit).join("\n"));
    if let Some(at) = reminder {
        parts.push(ctx.tr(
            "habits-created-reminder",
            &[("time", Arg::Str(at.format("%H:%M").to_string()))],
        ));
    }
    let keyboard = inline(vec![
        vec![button(ctx.t("habits-btn-today"), Action::Today(0))],
        vec![
            button(ctx.t("habits-btn-reminders"), Action::Reminders(habit.id)),
            button(ctx.t("habits-btn-card"), Action::Card(habit.id)),
        ],
    ]);
    ctx.show(message, &parts.join("\n\n"), Some(keyboard)).await;
    Ok(())
}
