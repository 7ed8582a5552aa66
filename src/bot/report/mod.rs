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
use crate::i18n::{Arg, I18n};
use crate::pictures;
use crate::service::report::{self, Report};
use chrono::NaiveDate;
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
    /// The doctor report of this period, as PDF and HTML (`r:<first>:<last>`, dates as
    /// `YYYYMMDD`).
    Doctor(Period),
    /// A read-only link to this period's doctor report (`l:<first>:<last>`).
    Link(Period),
    /// Revoke link `id` (`x:<id>`).
    Revoke(i64),
    /// The live links, each with its revoke button (`k`, from /settings).
    Links,
}

/// The longest period a doctor report covers (a forged button asks for no more).
const DOCTOR_MAX_DAYS: u32 = 366 * 30;

fn compact(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn doctor_period(first: &str, last: &str) -> Option<Period> {
    let day = |s: &str| {
        (s.len() == 8)
            .then(|| NaiveDate::parse_from_str(s, "%Y%m%d").ok())
            .flatten()
    };
    let (first, last) = (day(first)?, day(last)?);
    (first <= last).then(|| Period::new(first, last))
}

fn parse(payload: &str) -> Option<Action> {
    Some(match payload.split_once(':') {
        Some(("s", key)) => Action::Span(Span::from_key(key)?),
        None if payload == "d" => Action::Dates,
        None if payload == "b" => Action::Back,
        None if payload == "m" => Action::Again,
        Some(("r", dates)) => {
            let (first, last) = dates.split_once(':')?;
            Action::Doctor(doctor_period(first, last)?)
        }
        Some(("l", dates)) => {
            let (first, last) = dates.split_once(':')?;
            Action::Link(doctor_period(first, last)?)
        }
        Some(("x", id)) => Action::Revoke(id.parse().ok().filter(|i: &i64| *i > 0)?),
        None if payload == "k" => Action::Links,
        _ => return None,
    })
}

fn encode(action: Action) -> Callback {
    Callback::Report(match action {
        Action::Span(s) => format!("s:{}", s.key()),
        Action::Dates => "d".into(),
        Action::Back => "b".into(),
        Action::Again => "m".into(),
        Action::Doctor(p) => format!("r:{}:{}", compact(p.first), compact(p.last)),
        Action::Link(p) => format!("l:{}:{}", compact(p.first), compact(p.last)),
        Action::Revoke(id) => format!("x:{id}"),
        Action::Links => "k".into(),
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
        Action::Doctor(period) => doctor(ctx, message, period).await,
        Action::Link(period) => link(ctx, message, period).await,
        Action::Revoke(id) => revoke(ctx, message, id).await,
        Action::Links => {
            links_list(ctx).await?;
            Ok(None)
        }
    }
}

/// The settings button that lists the live doctor links.
pub fn links_button(ctx: &Ctx<'_>) -> teloxide_core::types::InlineKeyboardButton {
    button(
        &ctx.bot.i18n,
        ctx.lang,
        "btn-report-links",
        encode(Action::Links),
    )
}

fn until(ctx: &Ctx<'_>, expires_at: i64) -> String {
    let at = chrono::DateTime::from_timestamp(expires_at, 0).unwrap_or(ctx.now);
    text::date_label(
        &ctx.bot.i18n,
        ctx.lang,
        at.with_timezone(&ctx.zone()).date_naive(),
    )
}

/// A read-only link to `period`'s doctor report for the user's doctor, sent once per
/// press (a second press on the same report is answered, nothing more is made); without
/// a public URL configured, the bot says links are unavailable.
async fn link(ctx: &Ctx<'_>, message: MessageId, period: Period) -> anyhow::Result<Option<String>> {
    if period.last > ctx.today() || period.len() > DOCTOR_MAX_DAYS {
        return Ok(Some(ctx.t("error-stale-button")));
    }
    let Some(base) = ctx.bot.public_url.clone() else {
        return Ok(Some(ctx.t("report-link-unavailable")));
    };
    let key = format!("link:{}:{}", ctx.chat, message.0);
    if ctx.tx.outbox_has_key(&format!("{key}:0")).await? {
        return Ok(Some(ctx.t("report-link-already-sent")));
    }
    ctx.out.key_replies(key);
    let (token, made) = crate::service::links::create(
        ctx.tx,
        ctx.user.id,
        period,
        ctx.now.timestamp(),
        ctx.bot.doctor_link_days,
    )
    .await?;
    let url = base.join(&format!("doctor/{token}"))?;
    let range = text::period_label(&ctx.bot.i18n, ctx.lang, period.first, period.last);
    let body = ctx.tr(
        "report-link",
        &[
            ("range", range.into()),
            ("url", url.to_string().into()),
            ("until", until(ctx, made.expires_at).into()),
        ],
    );
    let revoke = button(
        &ctx.bot.i18n,
        ctx.lang,
        "btn-report-link-revoke",
        encode(Action::Revoke(made.id)),
    );
    ctx.send(
        &body,
        Some(ReplyMarkup::InlineKeyboard(inline(vec![vec![revoke]]))),
    )
    .await;
    Ok(Some(ctx.t("report-link-sent")))
}

/// Revokes link `id` at once; its message says so. Another user's link, or one already
/// dead, changes nothing.
async fn revoke(ctx: &Ctx<'_>, message: MessageId, id: i64) -> anyhow::Result<Option<String>> {
    if !ctx
        .tx
        .revoke_doctor_link(ctx.user.id, id, ctx.now.timestamp())
        .await?
    {
        return Ok(Some(ctx.t("report-link-not-live")));
    }
    ctx.edit(message, &ctx.t("report-link-revoked"), None).await;
    Ok(None)
}

/// The live links, one message, each with its revoke button.
async fn links_list(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let links = ctx
        .tx
        .doctor_links(ctx.user.id, ctx.now.timestamp())
        .await?;
    if links.is_empty() {
        ctx.send(&ctx.t("report-links-none"), None).await;
        return Ok(());
    }
    let mut lines = vec![ctx.t("report-links-title")];
    let mut rows = Vec::new();
    for (i, l) in links.iter().enumerate() {
        let range = text::period_label(&ctx.bot.i18n, ctx.lang, l.period.first, l.period.last);
        lines.push(ctx.tr(
            "report-links-line",
            &[
                ("n", Arg::Num(i as i64 + 1)),
                ("range", range.into()),
                ("until", until(ctx, l.expires_at).into()),
            ],
        ));
        let label = ctx.tr("btn-report-link-revoke-n", &[("n", Arg::Num(i as i64 + 1))]);
        rows.push(vec![teloxide_core::types::InlineKeyboardButton::callback(
            label,
            encode(Action::Revoke(l.id)).encode(),
        )]);
    }
    ctx.send(
        &lines.join("\n"),
        Some(ReplyMarkup::InlineKeyboard(inline(rows))),
    )
    .await;
    Ok(())
}

/// The doctor report of `period` as two documents, PDF and HTML, below the report. A
/// second press on the same report sends nothing more; a period that ends after today or
/// spans more than 30 years is a forged button.
async fn doctor(
    ctx: &Ctx<'_>,
    message: MessageId,
    period: Period,
) -> anyhow::Result<Option<String>> {
    if period.last > ctx.today() || period.len() > DOCTOR_MAX_DAYS {
        return Ok(Some(ctx.t("error-stale-button")));
    }
    let key = format!("doctor:{}:{}", ctx.chat, message.0);
    if ctx.tx.outbox_has_key(&format!("{key}:0")).await? {
        return Ok(Some(ctx.t("report-doctor-already-sent")));
    }
    ctx.out.key_replies(key);
    let zone = ctx.zone();
    let bundle =
        crate::doctor::load(ctx.tx, ctx.user.id, period, ctx.today(), ctx.now, zone).await?;
    let made = crate::doctor::make(
        &ctx.bot.i18n,
        ctx.lang,
        &bundle,
        crate::doctor::paper_for(zone),
    )?;
    let range = text::period_label(&ctx.bot.i18n, ctx.lang, period.first, period.last);
    let caption = |key: &str| ctx.tr(key, &[("range", range.clone().into())]);
    ctx.document(
        &format!("{}.pdf", made.name),
        made.pdf,
        &caption("report-doctor-pdf"),
    )
    .await;
    ctx.document(
        &format!("{}.html", made.name),
        made.html.into_bytes(),
        &caption("report-doctor-html"),
    )
    .await;
    Ok(Some(ctx.t("report-doctor-sent")))
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
    let b = |key: &str, a: Action| button(&ctx.bot.i18n, ctx.lang, key, encode(a));
    let mut rows = vec![vec![b("btn-report-again", Action::Again)]];
    if !report.figures.is_empty() || !report.questionnaires.is_empty() {
        rows.insert(
            0,
            vec![
                b("btn-report-doctor", Action::Doctor(period)),
                b("btn-report-link", Action::Link(period)),
            ],
        );
    }
    ctx.show(message, &shown.text, Some(inline(rows))).await;
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
