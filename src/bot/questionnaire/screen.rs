//! The overview (each questionnaire's last result and when it is due), the history of
//! results, and how a result reads.

use crate::bot::ui::Ctx;
use crate::bot::ui::callback::questionnaire::{Action, button};
use crate::bot::ui::keyboards::inline;
use crate::domain::figures::Period;
use crate::domain::questionnaires::{Answers, Hit6Band, Instrument, MidasGrade, Taken};
use crate::i18n::Arg;
use crate::service::questionnaires::{self as service, Standing};
use chrono::{Datelike, NaiveDate};
use teloxide_core::types::MessageId;

/// Results per history page.
const PAGE: usize = 10;

/// A date as the questionnaires show it ("2 Mar", with the year when it is not this one).
pub(super) fn date(ctx: &Ctx<'_>, day: NaiveDate) -> String {
    let args = [
        ("day", Arg::Num(i64::from(day.day()))),
        ("month", ctx.t(&format!("month-{}", day.month())).into()),
        ("year", Arg::Str(day.year().to_string())),
    ];
    if day.year() == ctx.today().year() {
        ctx.tr("quest-date", &args)
    } else {
        ctx.tr("quest-date-year", &args)
    }
}

fn grade_args(ctx: &Ctx<'_>, g: MidasGrade) -> (String, String) {
    let (roman, meaning) = match g {
        MidasGrade::I => ("I", "quest-midas-grade-1"),
        MidasGrade::II => ("II", "quest-midas-grade-2"),
        MidasGrade::III => ("III", "quest-midas-grade-3"),
        MidasGrade::IV => ("IV", "quest-midas-grade-4"),
    };
    (roman.to_owned(), ctx.t(meaning))
}

fn band(ctx: &Ctx<'_>, b: Hit6Band) -> String {
    ctx.t(match b {
        Hit6Band::Little => "quest-hit6-band-little",
        Hit6Band::SomeImpact => "quest-hit6-band-some",
        Hit6Band::Substantial => "quest-hit6-band-substantial",
        Hit6Band::Severe => "quest-hit6-band-severe",
    })
}

/// "14, grade III (moderate disability)" or "58, substantial impact".
fn score(ctx: &Ctx<'_>, answers: &Answers) -> String {
    match answers {
        Answers::Midas(m) => {
            let (grade, meaning) = grade_args(ctx, m.grade());
            let args = [
                ("score", Arg::Num(i64::from(m.score()))),
                ("grade", grade.into()),
                ("meaning", meaning.into()),
            ];
            ctx.tr("quest-midas-score", &args)
        }
        Answers::Hit6(h) => {
            let args = [
                ("score", Arg::Num(i64::from(h.score()))),
                ("band", band(ctx, h.band()).into()),
            ];
            ctx.tr("quest-hit6-score", &args)
        }
    }
}

fn standing_text(ctx: &Ctx<'_>, s: &Standing) -> String {
    let about = ctx.t(match s.instrument {
        Instrument::Midas => "quest-about-midas",
        Instrument::Hit6 => "quest-about-hit6",
    });
    let last = match &s.last {
        Some(t) => ctx.tr(
            "quest-last",
            &[
                ("date", date(ctx, t.day()).into()),
                ("score", score(ctx, &t.answers).into()),
            ],
        ),
        None => ctx.t("quest-never"),
    };
    let due = match s.due {
        Some(d) if d <= ctx.today() => ctx.t("quest-due-now"),
        Some(d) if s.last.is_none() => ctx.tr("quest-due-first", &[("date", date(ctx, d).into())]),
        Some(d) => ctx.tr("quest-due-on", &[("date", date(ctx, d).into())]),
        None => ctx.t("quest-due-later"),
    };
    format!("{about}\n{last}\n{due}")
}

/// The overview, in `message` (or anew), after `preface` when given.
pub(super) async fn overview(
    ctx: &Ctx<'_>,
    message: Option<MessageId>,
    preface: Option<String>,
) -> anyhow::Result<Option<String>> {
    let standings = service::standings(ctx.tx, ctx.user.id).await?;
    let mut parts: Vec<String> = preface.into_iter().collect();
    parts.push(ctx.t("quest-title"));
    parts.extend(standings.iter().map(|s| standing_text(ctx, s)));
    parts.push(ctx.t("quest-privacy"));
    let keyboard = inline(vec![
        vec![
            button(
                ctx.t("quest-btn-start-midas"),
                Action::Start(Instrument::Midas),
            ),
            button(
                ctx.t("quest-btn-start-hit6"),
                Action::Start(Instrument::Hit6),
            ),
        ],
        vec![button(ctx.t("quest-btn-history"), Action::History(0))],
    ]);
    ctx.show(message, &parts.join("\n\n"), Some(keyboard)).await;
    Ok(None)
}

/// One line of the history.
fn history_line(ctx: &Ctx<'_>, t: &Taken) -> String {
    let name = match t.answers.instrument() {
        Instrument::Midas => "MIDAS",
        Instrument::Hit6 => "HIT-6",
    };
    format!("{} · {name} {}", date(ctx, t.day()), score(ctx, &t.answers))
}

/// The results, newest first, `PAGE` to a page.
pub(super) async fn history(
    ctx: &Ctx<'_>,
    message: MessageId,
    page: u32,
) -> anyhow::Result<Option<String>> {
    let all = service::history(ctx.tx, ctx.user.id, ctx.now).await?;
    let pages = all.len().div_ceil(PAGE).max(1);
    let page = (page as usize).min(pages - 1);
    let mut lines = vec![ctx.tr(
        "quest-history-title",
        &[("count", Arg::Num(all.len() as i64))],
    )];
    if all.is_empty() {
        lines.push(ctx.t("quest-history-empty"));
    }
    lines.extend(
        all.iter()
            .skip(page * PAGE)
            .take(PAGE)
            .map(|t| history_line(ctx, t)),
    );
    let mut nav = Vec::new();
    let p = u32::try_from(page).unwrap_or(0);
    if page > 0 {
        nav.push(button(ctx.t("quest-btn-newer"), Action::History(p - 1)));
    }
    if page + 1 < pages {
        nav.push(button(ctx.t("quest-btn-older"), Action::History(p + 1)));
    }
    let mut rows = vec![nav];
    rows.push(vec![button(ctx.t("btn-back"), Action::Menu)]);
    rows.retain(|r| !r.is_empty());
    if pages > 1 {
        let args = [
            ("page", Arg::Num(page as i64 + 1)),
            ("pages", Arg::Num(pages as i64)),
        ];
        lines.push(ctx.tr("quest-history-page", &args));
    }
    ctx.edit(message, &lines.join("\n"), Some(inline(rows)))
        .await;
    Ok(None)
}

fn range(ctx: &Ctx<'_>, p: Period) -> String {
    ctx.tr(
        "quest-range",
        &[
            ("from", date(ctx, p.first).into()),
            ("to", date(ctx, p.last).into()),
        ],
    )
}

/// A result as shown when it is completed: the score and its meaning, that the answers are
/// recalled, and beside them what the diary recorded over the same days.
pub(super) async fn result_text(ctx: &Ctx<'_>, t: &Taken) -> anyhow::Result<String> {
    let instrument = t.answers.instrument();
    let period = t.recall();
    let f = service::recall_figures(ctx.tx, ctx.user.id, instrument, t.day(), ctx.today()).await?;
    let n = |v: u32| Arg::Num(i64::from(v));
    let args = [("score", Arg::Str(score(ctx, &t.answers)))];
    let mut parts = vec![match instrument {
        Instrument::Midas => ctx.tr("quest-result-midas", &args),
        Instrument::Hit6 => ctx.tr("quest-result-hit6", &args),
    }];
    let diary = match instrument {
        Instrument::Midas => ctx.tr(
            "quest-diary-midas",
            &[
                ("range", range(ctx, period).into()),
                ("headache", n(f.headache_days)),
                ("lost", n(f.lost_days)),
                ("reduced", n(f.reduced_days)),
            ],
        ),
        Instrument::Hit6 => ctx.tr(
            "quest-diary-hit6",
            &[
                ("range", range(ctx, period).into()),
                ("headache", n(f.headache_days)),
            ],
        ),
    };
    parts.push(ctx.t(match instrument {
        Instrument::Midas => "quest-recalled-midas",
        Instrument::Hit6 => "quest-recalled-hit6",
    }));
    parts.push(diary);
    let first = ctx.tx.first_record_day(ctx.user.id).await?;
    if let Some(first) = first.filter(|d| *d > period.first) {
        parts.push(ctx.tr("quest-diary-since", &[("date", date(ctx, first).into())]));
    }
    Ok(parts.join("\n\n"))
}
