//! The Bot API client: teloxide-core's `Bot` (types and requests) plus the policy for
//! replies: sent at once (no Throttle), retried after `retry_after` on a 429 and once or
//! twice on a network error, and a blocked user reported to the caller.

use std::future::Future;
use std::time::Duration;
use teloxide_core::errors::{ApiError, RequestError};
use teloxide_core::prelude::*;
use teloxide_core::types::{ChatId, InlineKeyboardMarkup, InputFile, MessageId, ReplyMarkup};
use url::Url;

/// Longest wait honoured for one 429 before giving up on a reply.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);

/// Why a send did not go through.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The user blocked the bot or deleted their account: stop sending to them.
    #[error("the user blocked the bot")]
    Blocked,
    /// Anything else, after retries.
    #[error(transparent)]
    Other(RequestError),
}

/// The Bot API client.
#[derive(Clone)]
pub struct Telegram {
    bot: Bot,
}

impl Telegram {
    /// A client for `token` talking to the Bot API at `api_url`.
    pub fn new(token: &str, api_url: Url) -> Self {
        let client = teloxide_core::net::default_reqwest_settings()
            .timeout(Duration::from_secs(75))
            .build()
            .unwrap_or_default();
        Telegram {
            bot: Bot::with_client(token, client).set_api_url(api_url),
        }
    }

    /// The underlying teloxide bot, for requests without reply policy (polling).
    pub fn bot(&self) -> &Bot {
        &self.bot
    }

    /// Runs `call` under the reply policy.
    pub async fn retrying<T, F, Fut>(&self, call: F) -> Result<T, SendError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, RequestError>>,
    {
        let mut network_retries = 0;
        let mut limit_retries = 0;
        loop {
            match call().await {
                Ok(v) => return Ok(v),
                Err(RequestError::RetryAfter(secs)) if limit_retries < 3 => {
                    limit_retries += 1;
                    let wait = secs.duration().min(MAX_RETRY_AFTER);
                    tracing::warn!(
                        wait_ms = wait.as_millis() as u64,
                        "Bot API asked to retry later"
                    );
                    tokio::time::sleep(wait).await;
                }
                Err(RequestError::Network(_)) if network_retries < 2 => {
                    network_retries += 1;
                    tokio::time::sleep(Duration::from_millis(200 * network_retries)).await;
                }
                Err(RequestError::Api(
                    ApiError::BotBlocked | ApiError::UserDeactivated | ApiError::BotKicked,
                )) => return Err(SendError::Blocked),
                Err(e) => return Err(SendError::Other(e)),
            }
        }
    }

    /// Sends a text message; returns its id.
    pub async fn send(
        &self,
        chat: i64,
        text: &str,
        markup: Option<ReplyMarkup>,
    ) -> Result<MessageId, SendError> {
        let msg = self
            .retrying(|| {
                let mut req = self.bot.send_message(ChatId(chat), text);
                if let Some(m) = markup.clone() {
                    req = req.reply_markup(m);
                }
                req.into_future()
            })
            .await?;
        Ok(msg.id)
    }

    /// Replaces a message's text and inline keyboard. "Not modified" counts as done.
    pub async fn edit(
        &self,
        chat: i64,
        message: MessageId,
        text: &str,
        keyboard: Option<InlineKeyboardMarkup>,
    ) -> Result<(), SendError> {
        let result = self
            .retrying(|| {
                let mut req = self.bot.edit_message_text(ChatId(chat), message, text);
                if let Some(k) = keyboard.clone() {
                    req = req.reply_markup(k);
                }
                req.into_future()
            })
            .await;
        match result {
            Ok(_) | Err(SendError::Other(RequestError::Api(ApiError::MessageNotModified))) => {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Replaces a message's inline keyboard. "Not modified" counts as done.
    pub async fn edit_keyboard(
        &self,
        chat: i64,
        message: MessageId,
        keyboard: InlineKeyboardMarkup,
    ) -> Result<(), SendError> {
        let result = self
            .retrying(|| {
                self.bot
                    .edit_message_reply_markup(ChatId(chat), message)
                    .reply_markup(keyboard.clone())
                    .into_future()
            })
            .await;
        match result {
            Ok(_) | Err(SendError::Other(RequestError::Api(ApiError::MessageNotModified))) => {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Answers a button press (with a short notice, or silently).
    pub async fn answer(&self, callback_id: &str, text: Option<&str>) -> Result<(), SendError> {
        self.retrying(|| {
            let mut req = self
                .bot
                .answer_callback_query(teloxide_core::types::CallbackQueryId(
                    callback_id.to_owned(),
                ));
            if let Some(t) = text {
                req = req.text(t);
            }
            req.into_future()
        })
        .await
        .map(|_| ())
    }

    /// Sends a file.
    pub async fn document(
        &self,
        chat: i64,
        file_name: &str,
        bytes: Vec<u8>,
        caption: &str,
    ) -> Result<(), SendError> {
        self.retrying(|| {
            self.bot
                .send_document(
                    ChatId(chat),
                    InputFile::memory(bytes.clone()).file_name(file_name.to_owned()),
                )
                .caption(caption)
                .into_future()
        })
        .await
        .map(|_| ())
    }
}
