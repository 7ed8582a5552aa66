//! Dialogue state: what the bot is waiting for from a user, kept in the database so a
//! restart resumes it.

use crate::store::{StoreError, Tx};
use serde::{Deserialize, Serialize};

/// What the next typed message means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Dialogue {
    /// A time zone name or a location.
    AwaitZone {
        /// The question with the zone buttons (a [`crate::bot::outbox::MsgRef`]), retired
        /// once the zone is set; absent in states saved before it was kept.
        #[serde(default)]
        question: Option<i64>,
    },
    /// A typed evening check-in time.
    AwaitCheckinTime,
    /// The day a period start is to move to, typed.
    AwaitPeriodDay {
        /// The day the mark is on now (`YYYY-MM-DD`).
        from: String,
        /// The mark's message, retired once the mark moved.
        message: i64,
    },
    /// The end time of an attack; when `then_start` is set, a new attack starting then
    /// (asked for by update `origin`) is recorded once the old one is closed.
    AwaitEnd {
        /// The attack to end.
        attack: i64,
        /// Start of the attack to record afterwards (unix seconds).
        then_start: Option<i64>,
        /// The update that asked for it.
        origin: Option<i64>,
        /// The attack's card, shown ended once the time is given.
        #[serde(default)]
        card: Option<i64>,
        /// The question asking for the time, turned into the answer.
        #[serde(default)]
        prompt: Option<i64>,
    },
    /// Two typed dates for a report.
    AwaitReportDates {
        /// The question asking for them, retired once they are read.
        message: i64,
    },
    /// A pending /forget; only the button carrying this nonce confirms it.
    ConfirmForget {
        /// The nonce.
        nonce: i64,
    },
    /// The details editor waits for typed input; its state is its own.
    Details {
        /// State owned by `handlers::details`.
        data: serde_json::Value,
    },
    /// The medications and /settings screens wait for typed input.
    Meds {
        /// State owned by `handlers::meds`.
        data: serde_json::Value,
    },
    /// The evening questionnaire is under way.
    Checkin {
        /// State owned by `handlers::checkin`.
        data: serde_json::Value,
    },
    /// MIDAS or HIT-6 is under way (a typed MIDAS answer is read).
    Questionnaire {
        /// State owned by `bot::questionnaire`.
        data: serde_json::Value,
    },
    /// The habits wait for typed input (a name, a number, a note, a time).
    Habits {
        /// State owned by `bot::habits`.
        data: serde_json::Value,
    },
}

/// Loads the user's state; an unreadable one (from an older version) counts as none.
pub async fn load(store: &Tx, user_id: i64) -> Result<Option<Dialogue>, StoreError> {
    Ok(store
        .dialogue(user_id)
        .await?
        .and_then(|s| serde_json::from_str(&s).ok()))
}

/// Saves (or clears, with `None`) the user's state.
pub async fn save(
    store: &Tx,
    user_id: i64,
    state: Option<&Dialogue>,
    now: i64,
) -> Result<(), StoreError> {
    let json = state
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Other(anyhow::anyhow!("dialogue state: {e}")))?;
    store.set_dialogue(user_id, json.as_deref(), now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zone_question_saved_before_its_message_was_kept_still_reads() {
        let old: Dialogue = serde_json::from_str(r#"{"state":"await_zone"}"#).unwrap();
        assert_eq!(old, Dialogue::AwaitZone { question: None });
        let new = Dialogue::AwaitZone { question: Some(-7) };
        let json = serde_json::to_string(&new).unwrap();
        assert_eq!(serde_json::from_str::<Dialogue>(&json).unwrap(), new);
    }
}
