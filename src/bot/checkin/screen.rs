//! One question on screen: header, notes, question and the buttons, built up in steps.

use super::State;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::Callback;
use crate::domain::attack::Attack;
use crate::domain::localtime;
use crate::service::checkin::{TOTAL, time_code};
use chrono::{NaiveDate, NaiveTime};
use teloxide_core::types::{InlineKeyboardButton, InlineKeyboardMarkup};

/// "today, Tue 10 Mar", "yesterday, …", or the date alone.
pub(super) fn day_label(ctx: &Ctx<'_>, day: NaiveDate) -> String {
    ctx.day_label(day)
}

/// "today 12:00 – 14:00" or "… – still going".
pub(super) fn attack_line(ctx: &Ctx<'_>, a: &Attack) -> String {
    let start = ctx.when(a.started_at, a.zone);
    match a.ended_at {
        Some(end) => ctx.range(a.started_at, end, a.zone),
        None if a.end_unknown => ctx.tr("checkin-attack-line-unknown", &[("start", start.into())]),
        None => ctx.tr("checkin-attack-line-open", &[("start", start.into())]),
    }
}

/// The non-deleted attacks of a local day, in time order.
pub(super) async fn attacks_of_day(ctx: &Ctx<'_>, day: NaiveDate) -> anyhow::Result<Vec<Attack>> {
    let (from, to) = localtime::day_bounds(day, ctx.zone());
    let mut attacks = ctx
        .tx
        .attacks_between(ctx.user.id, from.timestamp(), to.timestamp())
        .await?;
    attacks.sort_by_key(|a| (a.started_at, a.id));
    Ok(attacks)
}

/// A label with a tick when it is the recorded answer.
pub(super) fn tick(label: String, on: bool) -> String {
    if on { format!("✓ {label}") } else { label }
}

/// The question being put together.
pub(super) struct Screen<'c, 'a> {
    pub ctx: &'c Ctx<'a>,
    pub st: &'c State,
    /// The day asked about.
    pub day: NaiveDate,
    /// The attack being filled in, if it is still there.
    pub attack: Option<Attack>,
    /// Lines between the header and the question.
    pub notes: Vec<String>,
    rows: Vec<Vec<InlineKeyboardButton>>,
}

impl<'c, 'a> Screen<'c, 'a> {
    pub fn new(ctx: &'c Ctx<'a>, st: &'c State, day: NaiveDate, attack: Option<Attack>) -> Self {
        Screen {
            ctx,
            st,
            day,
            attack,
            notes: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// A button carrying `<seq>:<step>:<value>`.
    pub fn button(&self, label: String, value: &str) -> InlineKeyboardButton {
        let payload = format!("{}:{}:{value}", self.st.seq, self.st.step.code());
        InlineKeyboardButton::callback(label, Callback::Checkin(payload).encode())
    }

    /// A button labelled by `key`, ticked when `on`.
    pub fn key(&self, key: &str, value: &str, on: bool) -> InlineKeyboardButton {
        self.button(tick(self.ctx.t(key), on), value)
    }

    pub fn row(&mut self, row: Vec<InlineKeyboardButton>) {
        self.rows.push(row);
    }

    /// Buttons `width` to a row.
    pub fn grid(&mut self, buttons: Vec<InlineKeyboardButton>, width: usize) {
        let mut buttons = buttons.into_iter().peekable();
        while buttons.peek().is_some() {
            self.rows.push(buttons.by_ref().take(width).collect());
        }
    }

    pub fn skip(&mut self) {
        let b = self.key("btn-checkin-skip", "s", false);
        self.row(vec![b]);
    }

    /// Yes / No / Skip, the recorded answer ticked.
    pub fn yes_no(&mut self, current: Option<bool>) {
        let row = vec![
            self.key("btn-checkin-yes", "y", current == Some(true)),
            self.key("btn-checkin-no", "n", current == Some(false)),
            self.key("btn-checkin-skip", "s", false),
        ];
        self.row(row);
    }

    /// Quick times, three to a row.
    pub fn times(&mut self, times: Vec<NaiveTime>) {
        let buttons = times
            .into_iter()
            .map(|t| {
                let label = t.format("%H:%M").to_string();
                self.button(label, &format!("t{}", time_code(t)))
            })
            .collect();
        self.grid(buttons, 3);
    }

    /// "Recorded now: …".
    pub fn current(&mut self, value: String) {
        let note = self.ctx.tr("checkin-current", &[("value", value.into())]);
        self.notes.push(note);
    }

    /// The text (header, notes, then the question under `key`, if any) and the buttons.
    pub fn done(self, key: &str) -> (String, Option<InlineKeyboardMarkup>) {
        let ctx = self.ctx;
        let mut text = ctx.tr(
            "checkin-header",
            &[
                ("date", day_label(ctx, self.day).into()),
                ("step", i64::from(self.st.step.number()).into()),
                ("total", i64::from(TOTAL).into()),
            ],
        );
        let question = (!key.is_empty()).then(|| ctx.t(key));
        for part in self.notes.into_iter().chain(question) {
            text.push_str("\n\n");
            text.push_str(&part);
        }
        let keyboard =
            (!self.rows.is_empty()).then(|| crate::bot::ui::keyboards::inline(self.rows));
        (text, keyboard)
    }
}
