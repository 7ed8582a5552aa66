//! A diary owner: one Telegram account.

use super::lang::Lang;
use chrono_tz::Tz;

/// A user as the store keeps them.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    /// The Telegram user id (a private chat has the same id).
    pub id: i64,
    /// The language the user chose, if they chose one.
    pub lang: Option<Lang>,
    /// The `language_code` Telegram last reported.
    pub tg_lang: Option<String>,
    /// The user's time zone, once they told it.
    pub zone: Option<Tz>,
    /// Set while the user has blocked the bot.
    pub blocked_at: Option<i64>,
    /// Local time of the evening check-in (the daily reminder will use it).
    pub checkin_time: Option<chrono::NaiveTime>,
    /// Whether menstruation tracking is on (off by default).
    pub track_menstruation: bool,
}

impl User {
    /// Someone the store does not know (yet, or any more): defaults everywhere.
    pub fn unknown(id: i64) -> Self {
        User {
            id,
            lang: None,
            tg_lang: None,
            zone: None,
            blocked_at: None,
            checkin_time: None,
            track_menstruation: false,
        }
    }

    /// The language to speak: the chosen one, else Telegram's, else English.
    pub fn lang(&self) -> Lang {
        self.lang
            .or_else(|| self.tg_lang.as_deref().map(Lang::from_code))
            .unwrap_or_default()
    }

    /// The zone to read and show times in; UTC until the user says otherwise.
    pub fn zone_or_utc(&self) -> Tz {
        self.zone.unwrap_or(Tz::UTC)
    }
}
