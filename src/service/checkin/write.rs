//! The questionnaire's writes: into the day's attack, the day record and the answers kept
//! with it. The bot calls these (and the HTTP API will), never the store directly.

use crate::domain::attack::{Attack, AttackField};
use crate::domain::day::DayField;
use crate::store::{StoreError, Tx};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// Who answers, when, in which zone, and the update that asked (makes a repeat a no-op).
#[derive(Debug, Clone, Copy)]
pub struct Answering {
    /// The user.
    pub user_id: i64,
    /// The user's zone now.
    pub zone: Tz,
    /// When the user answered.
    pub now: DateTime<Utc>,
    /// The update that carried the answer.
    pub update_id: i64,
}

/// "Yes" on a day without an attack: one is recorded, over with its end unknown until the
/// user gives it (never left open unless the user says it is still going).
pub async fn create_day_attack(
    store: &Tx,
    who: Answering,
    day: NaiveDate,
) -> Result<Attack, StoreError> {
    let start = super::default_start(day, who.now, who.zone);
    let mut new = Attack::new(who.user_id, start, who.zone, who.now);
    new.end_unknown = true;
    store.insert_attack(&new, Some(who.update_id)).await
}

/// Marks the day headache-free (`Some(true)`), or takes the mark away (`None`).
pub async fn set_headache_free(
    store: &Tx,
    who: Answering,
    day: NaiveDate,
    free: Option<bool>,
) -> Result<(), StoreError> {
    let field = DayField::HeadacheFree(free);
    store
        .set_day_field(who.user_id, day, who.zone, &field, who.now.timestamp())
        .await?;
    Ok(())
}

/// "A day can't be both": the day's attacks go to the trash (restorable) when the user
/// says there was no headache after all.
pub async fn discard_attacks(
    store: &Tx,
    who: Answering,
    attacks: &[Attack],
) -> Result<(), StoreError> {
    let now = who.now.timestamp();
    for a in attacks {
        store
            .set_attack_deleted(who.user_id, a.id, Some(now), now)
            .await?;
    }
    Ok(())
}

/// An answer written into the attack being filled in; `None` when it is gone.
pub async fn set_attack_answer(
    store: &Tx,
    who: Answering,
    attack: i64,
    field: &AttackField,
) -> Result<Option<Attack>, StoreError> {
    store
        .set_attack_field(who.user_id, attack, field, who.now.timestamp())
        .await
}

/// The closing comment: on the attack when there is one (and it still exists), else on
/// the day record.
pub async fn set_comment(
    store: &Tx,
    who: Answering,
    day: NaiveDate,
    attack: Option<i64>,
    comment: String,
) -> Result<(), StoreError> {
    if let Some(id) = attack {
        let field = AttackField::Comment(Some(comment.clone()));
        if set_attack_answer(store, who, id, &field).await?.is_some() {
            return Ok(());
        }
    }
    let field = DayField::Comment(Some(comment));
    store
        .set_day_field(who.user_id, day, who.zone, &field, who.now.timestamp())
        .await?;
    Ok(())
}

/// Keeps the answers so far with the day record (JSON, see [`super::Answers`]).
pub async fn save_answers(
    store: &Tx,
    who: Answering,
    day: NaiveDate,
    answers: &super::Answers,
) -> Result<(), StoreError> {
    let field = DayField::Questionnaire(Some(answers.to_json()));
    store
        .set_day_field(who.user_id, day, who.zone, &field, who.now.timestamp())
        .await?;
    Ok(())
}
