//! The plumbing every feature shares: the context of one update ([`Ctx`]) and what it
//! queues to send, callback data, keyboards, formatting, dialogue state and the record
//! screen. Features parse what they got, call a use-case and render the answer here.

pub mod callback;
pub mod dialogue;
pub mod format;
pub mod keyboards;
pub mod record;
pub mod sick_day;
pub mod summary;

use super::BotCtx;
use super::outbox::MsgRef;
use crate::domain::lang::Lang;
use crate::domain::user::User;
use crate::i18n::Arg;
use crate::store::outbox::{Lane, NewOut, OutRow};
use crate::store::{StoreError, Tx};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};
use std::sync::Mutex;
use teloxide_core::types::{InlineKeyboardMarkup, MessageId, ReplyMarkup};

/// One update being handled: who, in which language, when, and the transaction that
/// everything it reads, changes and sends goes through.
pub struct Ctx<'a> {
    /// Shared parts.
    pub bot: &'a BotCtx,
    /// The unit of work's transaction.
    pub tx: &'a Tx,
    /// The user (created on first sight).
    pub user: User,
    /// The language to answer in.
    pub lang: Lang,
    /// "Now" for this update: when the user acted (the message's date, or when a button
    /// press was received), not when it was handled.
    pub now: DateTime<Utc>,
    /// The private chat (same id as the user).
    pub chat: i64,
    /// The update being handled (idempotency key for what it creates).
    pub update_id: i64,
    /// For a button press: the inline keyboard of the pressed message, as the user sees it.
    pub keyboard: Option<InlineKeyboardMarkup>,
    /// What this update sends, as queued in the outbox.
    pub out: Outgoing,
}

/// The messages one unit of work queued, and the first store error met while queuing
/// (the unit of work then rolls back and is tried again).
#[derive(Default)]
pub struct Outgoing {
    state: Mutex<OutState>,
}

#[derive(Default)]
struct OutState {
    /// For a scheduled message: its key (user, purpose, due instant) and due time; its rows
    /// go to the scheduled lane, unclaimed, one dedup key each.
    scheduled: Option<(String, i64)>,
    /// Rows queued so far (numbers the dedup keys of a scheduled message's rows).
    queued: usize,
    /// A scheduled message's rows, inserted by the scheduler with its batch.
    pending: Vec<NewOut>,
    /// Rows this writer claimed and will send itself after commit.
    claimed: Vec<OutRow>,
    /// Whether older replies of this chat wait (then new ones wait behind them).
    busy: Option<bool>,
    /// Replies queued from here on carry dedup keys `{key}:{n}` (see [`Outgoing::key_replies`]).
    reply_key: Option<(String, usize)>,
    error: Option<StoreError>,
}

impl Outgoing {
    /// What a scheduled message queues: the scheduled lane, keyed by `key` (one row per key,
    /// ever, so firing twice sends once), due at `due_at` (unix seconds, delivery clock).
    pub fn scheduled(key: String, due_at: i64) -> Self {
        Outgoing {
            state: Mutex::new(OutState {
                scheduled: Some((key, due_at)),
                ..OutState::default()
            }),
        }
    }

    /// A scheduled message's rows, for the scheduler to insert with its batch.
    pub fn take_scheduled(&self) -> Vec<NewOut> {
        std::mem::take(&mut self.state.lock().unwrap_or_else(|e| e.into_inner()).pending)
    }

    /// Takes the rows to send after commit, or the error that spoiled the unit of work.
    pub fn finish(&self) -> Result<Vec<OutRow>, StoreError> {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        match st.error.take() {
            Some(e) => Err(e),
            None => Ok(std::mem::take(&mut st.claimed)),
        }
    }

    /// Gives every reply queued from now on a dedup key `{key}:0`, `{key}:1`, …, so a second
    /// unit of work queuing the same replies (a double tap) sends nothing more: the store
    /// drops rows whose key was used. [`crate::store::Tx::outbox_has_key`] tells beforehand.
    pub fn key_replies(&self, key: String) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.reply_key = Some((key, st.queued));
    }

    /// True when some queued row is left for the pump.
    pub fn left_for_pump(&self) -> bool {
        let st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.busy == Some(true)
    }
}

impl Ctx<'_> {
    /// A message without arguments.
    pub fn t(&self, key: &str) -> String {
        self.bot.i18n.t(self.lang, key)
    }

    /// A message with arguments.
    pub fn tr(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.bot.i18n.tr(self.lang, key, args)
    }

    /// The user's zone (UTC until set).
    pub fn zone(&self) -> Tz {
        self.user.zone_or_utc()
    }

    /// Today in the user's zone.
    pub fn today(&self) -> chrono::NaiveDate {
        crate::domain::localtime::date_of(self.now, self.zone())
    }

    /// "today, Tue 10 Mar", "yesterday, …", or the date alone.
    pub fn day_label(&self, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let ctx = self;
        let weekday = format!("weekday-{}", day.weekday().number_from_monday());
        let date = ctx.tr(
            "checkin-date",
            &[
                ("weekday", ctx.t(&weekday).into()),
                ("day", Arg::Str(day.day().to_string())),
                ("month", ctx.t(&format!("month-{}", day.month())).into()),
            ],
        );
        let today = crate::domain::localtime::date_of(ctx.now, ctx.zone());
        // The year is shown whenever it is not the current one.
        let date = if day.year() == today.year() {
            date
        } else {
            ctx.tr(
                "checkin-date-year",
                &[
                    ("date", date.into()),
                    ("year", Arg::Str(day.year().to_string())),
                ],
            )
        };
        if day == today {
            ctx.tr("checkin-today", &[("date", date.into())])
        } else if today.pred_opt() == Some(day) {
            ctx.tr("checkin-yesterday", &[("date", date.into())])
        } else {
            date
        }
    }

    /// An instant as the user reads it, in `zone`.
    pub fn when(&self, at: DateTime<Utc>, zone: Tz) -> String {
        format::when(&self.bot.i18n, self.lang, at, zone, self.now)
    }

    /// A start–end range as the user reads it, in `zone` (see [`format::range`]).
    pub fn range(&self, start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz) -> String {
        format::range(&self.bot.i18n, self.lang, start, end, zone, self.now)
    }

    /// One of this user's attacks, unless it is deleted (or another user's, or never was).
    pub async fn live_attack(
        &self,
        id: i64,
    ) -> anyhow::Result<Option<crate::domain::attack::Attack>> {
        Ok(self
            .tx
            .attack(self.user.id, id)
            .await?
            .filter(|a| a.deleted_at.is_none()))
    }

    /// The main menu for this user (with the period button while tracking is on).
    pub fn menu(&self) -> ReplyMarkup {
        keyboards::main_menu(&self.bot.i18n, self.lang, self.user.track_menstruation)
    }

    /// A duration as the user reads it.
    pub fn duration(&self, d: Duration) -> String {
        format::duration(&self.bot.i18n, self.lang, d)
    }

    /// An attack's length so far, or "unknown" when its end is not known.
    pub fn attack_duration(&self, a: &crate::domain::attack::Attack) -> String {
        match a.duration(self.now) {
            Some(d) => self.duration(d),
            None => self.t("duration-unknown"),
        }
    }

    /// Queues a call in the outbox (sent after commit); its reference, or `None` when the
    /// store failed (the unit of work then rolls back).
    async fn queue(
        &self,
        kind: &str,
        body: Value,
        file: Option<Vec<u8>>,
        target: Option<i64>,
    ) -> Option<MsgRef> {
        let now = self.bot.outbox.now();
        let (busy, scheduled, reply_key) = {
            let mut st = self.out.state.lock().unwrap_or_else(|e| e.into_inner());
            if st.error.is_some() {
                return None;
            }
            let scheduled = st
                .scheduled
                .as_ref()
                .map(|(key, due)| (format!("{key}:{}", st.queued), *due));
            let reply_key = st
                .reply_key
                .as_ref()
                .map(|(key, from)| format!("{key}:{}", st.queued - from));
            st.queued += 1;
            (st.busy, scheduled, reply_key)
        };
        if let Some((key, due_at)) = scheduled {
            // Queued with the scheduler's batch: no reference to refer to later.
            let m = NewOut {
                chat_id: self.chat,
                lane: Lane::Scheduled,
                kind: kind.to_owned(),
                body: body.to_string(),
                file,
                target,
                dedup_key: Some(key),
                due_at,
            };
            let mut st = self.out.state.lock().unwrap_or_else(|e| e.into_inner());
            st.pending.push(m);
            return None;
        }
        let result = async {
            let busy = match busy {
                Some(b) => b,
                None => self.tx.outbox_chat_busy(self.chat).await?,
            };
            let m = NewOut {
                chat_id: self.chat,
                lane: Lane::Reply,
                kind: kind.to_owned(),
                body: body.to_string(),
                file,
                target,
                dedup_key: reply_key,
                due_at: now,
            };
            let claim = (!busy).then(|| now + self.bot.outbox.policy().claim_secs);
            let id = self.tx.outbox_insert(&m, now, claim).await?;
            Ok::<_, StoreError>((busy, m, id))
        }
        .await;
        let mut st = self.out.state.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok((busy, m, Some(id))) => {
                st.busy = Some(busy);
                if !busy {
                    st.claimed.push(OutRow {
                        id,
                        chat_id: m.chat_id,
                        lane: m.lane,
                        kind: m.kind,
                        body: m.body,
                        file: m.file,
                        target: m.target,
                        due_at: m.due_at,
                        attempts: 0,
                    });
                }
                Some(MsgRef(-id))
            }
            Ok((_, _, None)) => None,
            Err(e) => {
                st.error = Some(e);
                None
            }
        }
    }

    /// The Telegram message id a reference stands for, once known (a message queued by an
    /// earlier update is known once it was sent).
    pub async fn resolve(&self, r: MsgRef) -> Result<Option<i64>, StoreError> {
        if r.0 > 0 {
            return Ok(Some(r.0));
        }
        self.tx.outbox_message_id(-r.0).await
    }

    /// Sends a message to this chat (after commit).
    pub async fn send(&self, text: &str, markup: Option<ReplyMarkup>) -> Option<MsgRef> {
        let mut body = json!({ "text": text });
        if let Some(m) = markup {
            body["reply_markup"] = serde_json::to_value(m).unwrap_or(Value::Null);
        }
        self.queue("sendMessage", body, None, None).await
    }

    /// Sends a message whose link must not be previewed: Telegram would fetch it to make
    /// the preview, and a one-time link is used up by the first fetch.
    pub async fn send_unpreviewed(&self, text: &str) -> Option<MsgRef> {
        let body = json!({ "text": text, "link_preview_options": { "is_disabled": true } });
        self.queue("sendMessage", body, None, None).await
    }

    /// Edits one of the bot's messages in this chat (a new message if it is gone).
    pub async fn edit(
        &self,
        message: MessageId,
        text: &str,
        keyboard: Option<InlineKeyboardMarkup>,
    ) {
        self.edit_ref(MsgRef(i64::from(message.0)), text, keyboard)
            .await;
    }

    /// Shows a screen: edits `message` in place, or sends it anew after typed input.
    pub async fn show(
        &self,
        message: Option<MessageId>,
        text: &str,
        keyboard: Option<InlineKeyboardMarkup>,
    ) {
        match message {
            Some(message) => self.edit(message, text, keyboard).await,
            None => {
                self.send(text, keyboard.map(ReplyMarkup::InlineKeyboard))
                    .await;
            }
        }
    }

    /// Edits a message by reference (see [`MsgRef`]).
    pub async fn edit_ref(
        &self,
        message: MsgRef,
        text: &str,
        keyboard: Option<InlineKeyboardMarkup>,
    ) {
        let mut body = json!({ "text": text });
        if let Some(k) = keyboard {
            body["reply_markup"] = serde_json::to_value(k).unwrap_or(Value::Null);
        }
        self.queue("editMessageText", body, None, Some(message.0))
            .await;
    }

    /// Replaces only the inline keyboard of one of the bot's messages in this chat.
    pub async fn edit_keyboard(&self, message: MessageId, keyboard: InlineKeyboardMarkup) {
        self.edit_keyboard_ref(MsgRef(i64::from(message.0)), keyboard)
            .await;
    }

    /// Takes the buttons off a message the user has moved on from (a question asked again
    /// below, a card that changed elsewhere), so no live buttons are left behind.
    pub async fn retire(&self, message: MsgRef) {
        self.edit_keyboard_ref(message, InlineKeyboardMarkup::default())
            .await;
    }

    /// Replaces the inline keyboard of a message by reference.
    pub async fn edit_keyboard_ref(&self, message: MsgRef, keyboard: InlineKeyboardMarkup) {
        let body = json!({ "reply_markup": serde_json::to_value(keyboard).unwrap_or(Value::Null) });
        self.queue("editMessageReplyMarkup", body, None, Some(message.0))
            .await;
    }

    /// Answers a button press (with a short notice, or silently).
    pub async fn answer(&self, callback_id: &str, text: Option<&str>) {
        let mut body = json!({ "callback_query_id": callback_id });
        if let Some(t) = text {
            body["text"] = Value::from(t);
        }
        self.queue("answerCallbackQuery", body, None, None).await;
    }

    /// Sends a file.
    pub async fn document(&self, file_name: &str, bytes: Vec<u8>, caption: &str) {
        let body = json!({ "caption": caption, "file_name": file_name });
        self.queue("sendDocument", body, Some(bytes), None).await;
    }

    /// Sends a picture (PNG bytes) with a caption.
    pub async fn photo(&self, file_name: &str, png: Vec<u8>, caption: &str) {
        let body = json!({ "caption": caption, "file_name": file_name });
        self.queue("sendPhoto", body, Some(png), None).await;
    }
}
