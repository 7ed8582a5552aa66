//! A user's settings: language, time zone, the evening check-in time and period tracking.
//! The bot's settings screens call these (and the HTTP API will).

use crate::domain::lang::Lang;
use crate::store::{StoreError, Tx};
use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;

/// Sets the zone new records are made in (old records keep theirs).
pub async fn set_zone(
    store: &Tx,
    user_id: i64,
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    store.set_user_zone(user_id, zone, now.timestamp()).await?;
    rearm(store, user_id, now).await
}

/// The daily and weekly reminders follow the user's zone and check-in time.
async fn rearm(store: &Tx, user_id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
    match store.user(user_id).await? {
        Some(user) => super::reminders::rearm(store, &user, now).await,
        None => Ok(()),
    }
}

/// Sets the language the bot answers in.
pub async fn set_language(
    store: &Tx,
    user_id: i64,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    store
        .set_user_lang(user_id, Some(lang), now.timestamp())
        .await
}

/// Sets (or, with `None`, turns off) the evening check-in's local time.
pub async fn set_checkin_time(
    store: &Tx,
    user_id: i64,
    at: Option<NaiveTime>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    store
        .set_user_checkin_time(user_id, at, now.timestamp())
        .await?;
    rearm(store, user_id, now).await
}

/// Turns menstruation tracking on or off.
pub async fn set_period_tracking(
    store: &Tx,
    user_id: i64,
    on: bool,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    store
        .set_user_menstruation(user_id, on, now.timestamp())
        .await
}
