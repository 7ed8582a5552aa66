//! /trash: every record deleted in the last 30 days (attacks, medications taken off the
//! list, doses, day records), newest deletion first, each restorable. The rules are in
//! `service::trash`; older deletions are purged for good by a background job.

use crate::bot::ui::Ctx;
use crate::bot::ui::callback::Callback;
use crate::bot::ui::keyboards::inline;
use crate::domain::medication::Intake;
use crate::service::meds::dose_label;
use crate::service::trash::{self, Entry, Item, Kind, Refusal};
use chrono::{Datelike, NaiveDate};
use teloxide_core::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId, ReplyMarkup};

/// Records shown per page.
const PAGE: usize = 10;

/// What a button asks for: `r:<kind>:<id>:<page>` or `p:<page>`.
#[derive(Debug, PartialEq)]
enum Action {
    Restore(Kind, i64, usize),
    Page(usize),
}

fn parse(payload: &str) -> Option<Action> {
    let number = |s: &str| s.parse::<usize>().ok();
    let mut parts = payload.split(':');
    let action = match (parts.next()?, parts.next(), parts.next(), parts.next()) {
        ("r", Some(kind), Some(id), Some(page)) => Action::Restore(
            Kind::from_key(kind)?,
            id.parse().ok().filter(|id: &i64| *id >= 0)?,
            number(page)?,
        ),
        ("p", Some(page), None, None) => Action::Page(number(page)?),
        _ => return None,
    };
    parts.next().is_none().then_some(action)
}

fn encode(action: &Action) -> String {
    let payload = match action {
        Action::Restore(kind, id, page) => format!("r:{}:{id}:{page}", kind.key()),
        Action::Page(page) => format!("p:{page}"),
    };
    Callback::Trash(payload).encode()
}

/// A local date: `9 Mar`, with the year when it is not this year's.
fn date(ctx: &Ctx<'_>, day: NaiveDate) -> String {
    let month = ctx.t(&format!("month-{}", day.month()));
    let (d, m) = (day.day().to_string(), month);
    if day.year() == ctx.now.with_timezone(&ctx.zone()).year() {
        ctx.tr("trash-date", &[("day", d.into()), ("month", m.into())])
    } else {
        let y = day.year().to_string();
        ctx.tr(
            "trash-date-year",
            &[("day", d.into()), ("month", m.into()), ("year", y.into())],
        )
    }
}

fn dose(i: &Intake) -> String {
    dose_label(&i.name, i.dose.as_deref())
}

fn line(ctx: &Ctx<'_>, e: &Entry) -> String {
    let deleted = ("deleted", ctx.when(e.deleted_at, ctx.zone()).into());
    match &e.item {
        Item::Attack(a) => ctx.tr(
            "trash-line-attack",
            &[
                ("start", ctx.when(a.started_at, a.zone).into()),
                ("duration", ctx.attack_duration(a).into()),
                deleted,
            ],
        ),
        Item::Medication(m) => ctx.tr(
            "trash-line-med",
            &[
                ("name", m.name.clone().into()),
                (
                    "class",
                    ctx.t(&format!("medclass-{}", m.class.key())).into(),
                ),
                deleted,
            ],
        ),
        Item::Dose(i) => ctx.tr(
            "trash-line-dose",
            &[
                ("what", dose(i).into()),
                ("time", ctx.when(i.taken_at, i.zone).into()),
                deleted,
            ],
        ),
        Item::Day(d) => ctx.tr(
            "trash-line-day",
            &[("date", date(ctx, d.day).into()), deleted],
        ),
    }
}

async fn render(
    ctx: &Ctx<'_>,
    page: usize,
) -> anyhow::Result<(String, Option<InlineKeyboardMarkup>)> {
    let all = trash::list(ctx.tx, ctx.user.id, ctx.now).await?;
    if all.is_empty() {
        return Ok((ctx.t("trash-empty"), None));
    }
    let pages = all.len().div_ceil(PAGE);
    let page = page.min(pages - 1);
    let items = &all[page * PAGE..(page * PAGE + PAGE).min(all.len())];
    let mut text = ctx.tr("trash-header", &[("count", (all.len() as i64).into())]);
    let mut buttons = Vec::new();
    for (i, e) in items.iter().enumerate() {
        text.push_str(&format!("\n{}. {}", i + 1, line(ctx, e)));
        let label = ctx.tr("trash-restore", &[("n", ((i + 1) as i64).into())]);
        let action = Action::Restore(e.item.kind(), e.item.id(), page);
        buttons.push(InlineKeyboardButton::callback(label, encode(&action)));
    }
    let mut rows: Vec<Vec<InlineKeyboardButton>> = buttons.chunks(3).map(<[_]>::to_vec).collect();
    let mut nav = Vec::new();
    if page > 0 {
        let newer = encode(&Action::Page(page - 1));
        nav.push(InlineKeyboardButton::callback(ctx.t("btn-newer"), newer));
    }
    if page + 1 < pages {
        let older = encode(&Action::Page(page + 1));
        nav.push(InlineKeyboardButton::callback(ctx.t("btn-older"), older));
    }
    rows.push(nav);
    Ok((text, Some(inline(rows))))
}

/// /trash.
pub async fn show(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let (text, keyboard) = render(ctx, 0).await?;
    ctx.send(&text, keyboard.map(ReplyMarkup::InlineKeyboard))
        .await;
    Ok(())
}

/// What the user is told after a restore.
fn restored(ctx: &Ctx<'_>, item: &Item) -> String {
    match item {
        Item::Attack(a) => ctx.tr(
            "record-restored",
            &[("start", ctx.when(a.started_at, a.zone).into())],
        ),
        Item::Medication(m) => ctx.tr("trash-restored-med", &[("name", m.name.clone().into())]),
        Item::Dose(i) => ctx.tr(
            "trash-restored-dose",
            &[
                ("what", dose(i).into()),
                ("time", ctx.when(i.taken_at, i.zone).into()),
            ],
        ),
        Item::Day(d) => ctx.tr("trash-restored-day", &[("date", date(ctx, d.day).into())]),
    }
}

fn refused(ctx: &Ctx<'_>, refusal: &Refusal) -> String {
    match refusal {
        Refusal::Gone => ctx.t("trash-gone"),
        Refusal::NameTaken(m) => ctx.tr("trash-refuse-med", &[("name", m.name.clone().into())]),
        Refusal::AttackDeleted(i) => ctx.tr("trash-refuse-dose", &[("what", dose(i).into())]),
        Refusal::DayTaken(day) => ctx.tr("trash-refuse-day", &[("date", date(ctx, *day).into())]),
    }
}

/// Restore and paging buttons.
pub async fn on_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    payload: &str,
) -> anyhow::Result<Option<String>> {
    let Some(action) = parse(payload) else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    let (page, notice) = match action {
        Action::Page(page) => (page, None),
        Action::Restore(kind, id, page) => {
            match trash::restore(ctx.tx, ctx.user.id, kind, id, ctx.now).await? {
                Ok(item) => (page, Some(restored(ctx, &item))),
                Err(refusal) => return Ok(Some(refused(ctx, &refusal))),
            }
        }
    };
    let (text, keyboard) = render(ctx, page).await?;
    ctx.edit(message, &text, keyboard).await;
    Ok(notice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_round_trip_within_64_bytes() {
        for action in [
            Action::Restore(Kind::Attack, i64::MAX, usize::MAX),
            Action::Restore(Kind::Medication, 0, 0),
            Action::Restore(Kind::Dose, 7, 2),
            Action::Restore(Kind::Day, 9, 1),
            Action::Page(usize::MAX),
        ] {
            let data = encode(&action);
            assert!(data.len() <= 64, "{data}");
            let Some(Callback::Trash(payload)) = Callback::parse(&data) else {
                panic!("{data} is no trash button");
            };
            assert_eq!(parse(&payload), Some(action));
        }
    }

    #[test]
    fn forged_payloads_are_refused() {
        for payload in [
            "",
            "r",
            "r:a",
            "r:a:1",
            "r:5:0",
            "r:x:1:0",
            "r:a:-1:0",
            "r:a:1:-1",
            "r:a:1:0:0",
            "r:a:99999999999999999999:0",
            "r:a: 1:0",
            "p",
            "p:",
            "p:1:2",
            "p:-1",
            "zz",
        ] {
            assert_eq!(parse(payload), None, "{payload:?}");
        }
    }
}
