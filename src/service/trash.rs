//! The trash: every kind of record a user can delete (attacks, medications taken off the
//! list, doses, day records), restorable for [`TRASH_KEEP`] after its deletion and purged
//! for good later (see `startup`). The rules live here; transports render the entries.

use crate::domain::attack::Attack;
use crate::domain::day::DayRecord;
use crate::domain::medication::{Intake, Medication};
use crate::service::diary::{self, TRASH_KEEP};
use crate::service::meds::find_by_name;
use crate::store::{StoreError, Tx};
use chrono::{DateTime, NaiveDate, Utc};
use std::cmp::Reverse;

/// What kind of record an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// An attack (with its details and doses).
    Attack,
    /// A medication taken off the list.
    Medication,
    /// One dose.
    Dose,
    /// A day record (the evening check-in's answers, a period mark).
    Day,
}

impl Kind {
    /// A short stable key (for button data).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Attack => "a",
            Kind::Medication => "m",
            Kind::Dose => "i",
            Kind::Day => "d",
        }
    }

    /// The kind of a key; `None` for anything else.
    pub fn from_key(key: &str) -> Option<Kind> {
        [Kind::Attack, Kind::Medication, Kind::Dose, Kind::Day]
            .into_iter()
            .find(|k| k.key() == key)
    }
}

/// A deleted record.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// An attack.
    Attack(Attack),
    /// A removed medication.
    Medication(Medication),
    /// A deleted dose (it keeps its medication's name).
    Dose(Intake),
    /// A deleted day record.
    Day(DayRecord),
}

impl Item {
    /// Its kind.
    pub fn kind(&self) -> Kind {
        match self {
            Item::Attack(_) => Kind::Attack,
            Item::Medication(_) => Kind::Medication,
            Item::Dose(_) => Kind::Dose,
            Item::Day(_) => Kind::Day,
        }
    }

    /// Its id (unique within its kind).
    pub fn id(&self) -> i64 {
        match self {
            Item::Attack(a) => a.id,
            Item::Medication(m) => m.id,
            Item::Dose(i) => i.id,
            Item::Day(d) => d.id,
        }
    }
}

/// One line of the trash: what was deleted, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// When it was deleted.
    pub deleted_at: DateTime<Utc>,
    /// The record, as it was.
    pub item: Item,
}

/// Why a record was not restored.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Not in this user's trash: restored already, deleted longer ago than
    /// [`TRASH_KEEP`], another user's, or never was.
    Gone,
    /// A medication of the same name is on the list again (the list keeps no twins).
    NameTaken(Medication),
    /// The dose belongs to an attack that is deleted: that comes back first.
    AttackDeleted(Intake),
    /// A live record of that day exists already.
    DayTaken(NaiveDate),
}

/// The user's trash, newest deletion first (ties: attacks, medications, doses, days;
/// then newest id first).
pub async fn list(store: &Tx, user_id: i64, now: DateTime<Utc>) -> Result<Vec<Entry>, StoreError> {
    let since = (now - TRASH_KEEP).timestamp();
    let mut all: Vec<Entry> = store
        .deleted_attacks(user_id, since)
        .await?
        .into_iter()
        .filter_map(|a| {
            Some(Entry {
                deleted_at: a.deleted_at?,
                item: Item::Attack(a),
            })
        })
        .collect();
    let entry = |deleted_at, item| Entry { deleted_at, item };
    for (at, m) in store.removed_medications(user_id, since).await? {
        all.push(entry(at, Item::Medication(m)));
    }
    for (at, i) in store.deleted_intakes(user_id, since).await? {
        all.push(entry(at, Item::Dose(i)));
    }
    for (at, d) in store.deleted_day_records(user_id, since).await? {
        all.push(entry(at, Item::Day(d)));
    }
    all.sort_by_key(|e| (Reverse(e.deleted_at), e.item.kind(), Reverse(e.item.id())));
    Ok(all)
}

/// Restores one record of the user's trash; returns it as it is back.
pub async fn restore(
    store: &Tx,
    user_id: i64,
    kind: Kind,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Result<Item, Refusal>, StoreError> {
    // Only what the trash lists now can come back: that is the window and the owner.
    let listed = list(store, user_id, now)
        .await?
        .into_iter()
        .find(|e| e.item.kind() == kind && e.item.id() == id);
    let Some(entry) = listed else {
        return Ok(Err(Refusal::Gone));
    };
    let at = now.timestamp();
    let restored = match entry.item {
        Item::Attack(a) => diary::restore_attack(store, user_id, a.id, now)
            .await?
            .map(Item::Attack),
        Item::Medication(m) => {
            if let Some(twin) = find_by_name(&store.medications(user_id).await?, &m.name) {
                return Ok(Err(Refusal::NameTaken(twin.clone())));
            }
            store
                .restore_medication(user_id, m.id, at)
                .await?
                .map(Item::Medication)
        }
        Item::Dose(i) => {
            if let Some(attack) = i.attack_id {
                // A dose's attack is never purged before the dose (see `purge_deleted`).
                let live = store
                    .attack(user_id, attack)
                    .await?
                    .is_some_and(|a| a.deleted_at.is_none());
                if !live {
                    return Ok(Err(Refusal::AttackDeleted(i)));
                }
            }
            // The dose is read with its medication: the medication exists while it does.
            store
                .set_intake_deleted(user_id, i.id, None, at)
                .await?
                .map(Item::Dose)
        }
        Item::Day(d) => {
            if store.day_record(user_id, d.day).await?.is_some() {
                return Ok(Err(Refusal::DayTaken(d.day)));
            }
            store
                .set_day_record_deleted(user_id, d.id, None, at)
                .await?
                .map(Item::Day)
        }
    };
    Ok(restored.ok_or(Refusal::Gone))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_keys_and_nothing_else_reads_as_one() {
        for kind in [Kind::Attack, Kind::Medication, Kind::Dose, Kind::Day] {
            assert_eq!(Kind::from_key(kind.key()), Some(kind));
        }
        for key in ["", "x", "A", "aa", "m "] {
            assert_eq!(Kind::from_key(key), None, "{key:?}");
        }
    }
}
