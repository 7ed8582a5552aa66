//! Handlers by feature. Each parses what it got, calls a use-case, renders the answer.

pub mod attack;
pub mod checkin;
pub mod details;
pub mod export;
pub mod forget;
pub mod history;
pub mod info;
pub mod meds;
pub mod settings;
pub mod trash;

use super::BotCtx;
use super::format;
use super::telegram::SendError;
use crate::domain::lang::Lang;
use crate::domain::user::User;
use crate::i18n::Arg;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use teloxide_core::types::{InlineKeyboardMarkup, MessageId, ReplyMarkup};

/// One update being handled: who, in which language, and when.
pub struct Ctx<'a> {
    /// Shared parts.
    pub bot: &'a BotCtx,
    /// The user (created on first sight).
    pub user: User,
    /// The language to answer in.
    pub lang: Lang,
    /// "Now" for this update, from the injected clock.
    pub now: DateTime<Utc>,
    /// The private chat (same id as the user).
    pub chat: i64,
    /// The update being handled (idempotency key for what it creates).
    pub update_id: i64,
    /// For a button press: the inline keyboard of the pressed message, as the user sees it.
    pub keyboard: Option<InlineKeyboardMarkup>,
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

    /// An instant as the user reads it, in `zone`.
    pub fn when(&self, at: DateTime<Utc>, zone: Tz) -> String {
        format::when(&self.bot.i18n, self.lang, at, zone, self.now)
    }

    /// One of this user's attacks, unless it is deleted (or another user's, or never was).
    pub async fn live_attack(
        &self,
        id: i64,
    ) -> anyhow::Result<Option<crate::domain::attack::Attack>> {
        Ok(self
            .bot
            .store
            .attack(self.user.id, id)
            .await?
            .filter(|a| a.deleted_at.is_none()))
    }

    /// The main menu for this user (with the period button while tracking is on).
    pub fn menu(&self) -> ReplyMarkup {
        super::keyboards::main_menu(&self.bot.i18n, self.lang, self.user.track_menstruation)
    }

    /// A duration as the user reads it.
    pub fn duration(&self, d: Duration) -> String {
        format::duration(&self.bot.i18n, self.lang, d)
    }

    /// Sends a message to this chat.
    pub async fn send(&self, text: &str, markup: Option<ReplyMarkup>) -> Option<MessageId> {
        let result = self.bot.tg.send(self.chat, text, markup).await;
        self.settle("sendMessage", result).await
    }

    /// Edits one of the bot's messages in this chat.
    pub async fn edit(
        &self,
        message: MessageId,
        text: &str,
        keyboard: Option<InlineKeyboardMarkup>,
    ) {
        let result = self.bot.tg.edit(self.chat, message, text, keyboard).await;
        self.settle("editMessageText", result).await;
    }

    /// Replaces only the inline keyboard of one of the bot's messages in this chat.
    pub async fn edit_keyboard(&self, message: MessageId, keyboard: InlineKeyboardMarkup) {
        let result = self
            .bot
            .tg
            .edit_keyboard(self.chat, message, keyboard)
            .await;
        self.settle("editMessageReplyMarkup", result).await;
    }

    /// Logs a failed send (ids only) and remembers a block; the diary change stands.
    async fn settle<T>(&self, method: &'static str, result: Result<T, SendError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(SendError::Blocked) => {
                tracing::info!(chat = self.chat, method, "user has blocked the bot");
                let now = self.now.timestamp();
                if let Err(e) = self
                    .bot
                    .store
                    .set_user_blocked(self.user.id, Some(now), now)
                    .await
                {
                    tracing::warn!(error = %e, "could not mark a user blocked");
                }
                None
            }
            Err(SendError::Other(e)) => {
                tracing::warn!(chat = self.chat, method, error = %e, "Bot API call failed");
                None
            }
        }
    }
}
