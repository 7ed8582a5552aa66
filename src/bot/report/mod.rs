//! /report: the user picks a period (this week, last week, this month, last month, the
//! last 3 months, everything, or two typed dates) and gets a short text summary, edited
//! into the question in place, with the pictures below it. The figures are
//! [`crate::service::report`]'s; the pictures [`crate::pictures`]'.

pub mod text;

use crate::bot::outbox::MsgRef;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::Callback;
use crate::bot::ui::dialogue::{self, Dialogue};
use crate::bot::ui::keyboards::{button, inline};
use crate::domain::figures::Period;
use crate::domain::lang::Lang;
use crate::domain::report::{DatesError, Span, parse_dates};
use crate::i18n::I18n;
use crate::pictures;
use crate::service::report::{self, Report};
use teloxide_core::types::{InlineKeyboardMarkup, MessageId, ReplyMarkup};

/// What a report button asks for (`P:` payloads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// Report this period (`s:<span>`).
    Span(Span),
    /// Ask for two typed dates (`d`).
    Dates,
    /// Back from the typed dates to the choice (`b`).
    Back,
    /// Another period: a new choice below (`m`).
    Again,
}

fn parse(payload: &str) -> Option<Action> {
    Some(match payload.split_once(':') {
        Some(("s", key)) => Action::Span(Span::from_key(key)?),
        None if payload == "d" => Action::Dates,
        None if payload == "b" => Action::Back,
        None if payload == "m" => Action::Again,
        _ => return None,
    })
}

fn encode(action: Action) -> Callback {
    Callback::Report(match action {
        Action::Span(s) => format!("s:{}", s.key()),
        Action::Dates => "d".into(),
        Action::Back => "b".into(),
        Action::Again => "m".into(),
    })
}

fn choice_keyboard(ctx: &Ctx<'_>) -> InlineKeyboardMarkup {
    let b = |key: &str, a: Action| button(&ctx.bot.i18n, ctx.lang, key, encode(a));
    let span = |s: Span| b(&format!("btn-report-{}", s.key()), Action::Span(s));
    inline(vec![
        vec![span(Span::ThisWeek), span(Span::LastWeek)],
        vec![span(Span::ThisMonth), span(Span::LastMonth)],
        vec![span(Span::Last3Months), span(Span::All)],
        vec![b("btn-report-dates", Action::Dates)],
        vec![crate::bot::ui::callback::questionnaire::button(
            ctx.t("btn-questionnaires"),
            crate::bot::ui::callback::questionnaire::Action::Menu,
        )],
    ])
}

/// /report: asks which period.
pub async fn show(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let keyboard = choice_keyboard(ctx);
    ctx.send(
        &ctx.t("report-choose"),
        Some(ReplyMarkup::InlineKeyboard(keyboard)),
    )
    .await;
    Ok(())
}

/// A report button.
pub async fn on_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    payload: &str,
) -> anyhow::Result<Option<String>> {
    let Some(action) = parse(payload) else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    match action {
        Action::Span(span) => {
            // Only "all time" starts at the first record.
            let first_record = match span {
                Span::All => ctx.tx.first_record_day(ctx.user.id).await?,
                _ => None,
            };
            let period = span.resolve(ctx.today(), first_record);
            send(ctx, Some(message), period).await
        }
        Action::Dates => {
            let state = Dialogue::AwaitReportDates {
                message: i64::from(message.0),
            };
            dialogue::save(ctx.tx, ctx.user.id, Some(&state), ctx.now.timestamp()).await?;
            let back = button(&ctx.bot.i18n, ctx.lang, "btn-back", encode(Action::Back));
            ctx.edit(
                message,
                &ctx.t("report-ask-dates"),
                Some(inline(vec![vec![back]])),
            )
            .await;
            Ok(None)
        }
        Action::Back => {
            clear_waiting(ctx).await?;
            ctx.edit(message, &ctx.t("report-choose"), Some(choice_keyboard(ctx)))
                .await;
            Ok(None)
        }
        Action::Again => {
            ctx.retire(MsgRef(i64::from(message.0))).await;
            show(ctx).await?;
            Ok(None)
        }
    }
}

async fn clear_waiting(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    if matches!(
        dialogue::load(ctx.tx, ctx.user.id).await?,
        Some(Dialogue::AwaitReportDates { .. })
    ) {
        dialogue::save(ctx.tx, ctx.user.id, None, ctx.now.timestamp()).await?;
    }
    Ok(())
}

/// Typed dates while the question waits for them (`prompt`: its message).
pub async fn typed_dates(ctx: &Ctx<'_>, text: &str, prompt: i64) -> anyhow::Result<()> {
    let period = match parse_dates(text, ctx.today()) {
        Ok(p) => p,
        Err(e) => {
            let key = match e {
                DatesError::Unreadable => "report-dates-unreadable",
                DatesError::Impossible => "report-dates-impossible",
                DatesError::TooMany => "report-dates-too-many",
                DatesError::Future => "report-dates-future",
            };
            ctx.send(&ctx.t(key), None).await;
            return Ok(());
        }
    };
    dialogue::save(ctx.tx, ctx.user.id, None, ctx.now.timestamp()).await?;
    ctx.retire(MsgRef(prompt)).await;
    send(ctx, None, period).await?;
    Ok(())
}

/// The report of `period`: edited into `message` (the question) or sent anew, with the
/// pictures below. A second press on the same question (a double tap) sends nothing more.
async fn send(
    ctx: &Ctx<'_>,
    message: Option<MessageId>,
    period: Period,
) -> anyhow::Result<Option<String>> {
    if let Some(m) = message {
        let key = format!("report:{}:{}", ctx.chat, m.0);
        if ctx.tx.outbox_has_key(&format!("{key}:0")).await? {
            return Ok(Some(ctx.t("report-already-sent")));
        }
        ctx.out.key_replies(key);
    }
    let report = report::load(ctx.tx, ctx.user.id, period, ctx.today()).await?;
    let shown = render(&ctx.bot.i18n, ctx.lang, &report);
    let again = button(
        &ctx.bot.i18n,
        ctx.lang,
        "btn-report-again",
        encode(Action::Again),
    );
    ctx.show(message, &shown.text, Some(inline(vec![vec![again]])))
        .await;
    // The pictures below it, one message each.
    for shot in shown.pictures {
        ctx.photo(&format!("{}.png", shot.name), shot.png, &shot.caption)
            .await;
    }
    Ok(None)
}

/// A report as the user sees it: its text and its pictures.
pub struct Shown {
    /// The message.
    pub text: String,
    /// The pictures, in the order they are sent.
    pub pictures: Vec<Shot>,
}

/// One picture of a report.
pub struct Shot {
    /// A file name without extension (`calendar`).
    pub name: &'static str,
    /// Its caption.
    pub caption: String,
    /// The PNG.
    pub png: Vec<u8>,
}

/// The report's text and pictures (`headlog demo` writes the same).
pub fn render(i18n: &I18n, lang: Lang, report: &Report) -> Shown {
    Shown {
        text: text::report_text(i18n, lang, report),
        pictures: if report.figures.is_empty() {
            Vec::new()
        } else {
            shots(i18n, lang, report)
        },
    }
}

/// The pictures a report can hold, by file name (and caption key `report-picture-{name}`).
pub const PICTURES: [&str; 3] = ["calendar", "intensity", "medication"];

/// The pictures of a report with something in it: the calendar and intensity over time,
/// and acute medication per month when any was taken.
fn shots(i18n: &I18n, lang: Lang, report: &Report) -> Vec<Shot> {
    let f = &report.figures;
    let mut made = vec![
        (
            PICTURES[0],
            pictures::calendar(&f.days, f.period, report.today, i18n, lang),
        ),
        (
            PICTURES[1],
            pictures::intensity(&f.days, f.period, report.today, i18n, lang),
        ),
    ];
    if f.any_acute_days > 0 {
        made.push((
            PICTURES[2],
            pictures::medication(&report.months, i18n, lang),
        ));
    }
    made.into_iter()
        .filter_map(|(name, picture)| match picture {
            Ok(p) => Some(Shot {
                name,
                caption: i18n.t(lang, &format!("report-picture-{name}")),
                png: p.png,
            }),
            Err(e) => {
                // A drawing bug must not cost the user the rest of the report.
                tracing::error!(picture = name, error = %e, "a report picture failed");
                None
            }
        })
        .collect()
}
