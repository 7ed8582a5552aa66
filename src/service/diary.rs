//! The diary's use-cases: the one tap, ending, deleting and restoring an attack, history,
//! export, erasing everything.

use crate::domain::attack::Attack;
use crate::domain::export::diary_csv;
use crate::domain::user::User;
use crate::store::{StoreError, Tx};
use chrono::{DateTime, Utc};

/// How long a deleted record can be restored from the trash; older ones are purged.
pub const TRASH_KEEP: chrono::Duration = chrono::Duration::days(30);

/// Records per history page.
pub const PAGE_SIZE: i64 = 10;

/// What the one tap did.
#[derive(Debug, Clone, PartialEq)]
pub enum OneTap {
    /// A new attack, starting now.
    Recorded(Attack),
    /// An attack opened less than 72 h ago is still open: nothing new was made.
    AlreadyOpen(Attack),
    /// An attack open for 72 h or more must be closed before a new one starts.
    StaleOpen(Attack),
}

/// Why an attack could not be ended.
#[derive(Debug, thiserror::Error)]
pub enum EndError {
    /// No such attack of this user (or it was deleted).
    #[error("attack not found")]
    NotFound,
    /// It had already ended.
    #[error("attack already ended")]
    AlreadyEnded(Attack),
    /// The end is before the start.
    #[error("end before start")]
    BeforeStart(Attack),
    /// The end is in the future.
    #[error("end in the future")]
    InFuture,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The one tap. `origin` (the update that asked) makes a repeated handling of the same
/// update return the attack it made the first time.
pub async fn one_tap(
    store: &Tx,
    user: &User,
    now: DateTime<Utc>,
    origin: i64,
) -> Result<OneTap, StoreError> {
    if let Some(open) = store.latest_open_attack(user.id).await? {
        return Ok(if open.is_stale_open(now) {
            OneTap::StaleOpen(open)
        } else if store.attack_by_origin(user.id, origin).await?.as_ref() == Some(&open) {
            OneTap::Recorded(open)
        } else {
            OneTap::AlreadyOpen(open)
        });
    }
    let attack = Attack::new(user.id, now, user.zone_or_utc(), now);
    let attack = store.insert_attack(&attack, Some(origin)).await?;
    super::reminders::attack_begun(store, user.id, attack.id, attack.started_at, now).await?;
    Ok(OneTap::Recorded(attack))
}

/// Starts an attack at a given instant (after a stale one was closed).
pub async fn start_attack_at(
    store: &Tx,
    user: &User,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    origin: i64,
) -> Result<Attack, StoreError> {
    let attack = Attack::new(user.id, at, user.zone_or_utc(), now);
    let attack = store.insert_attack(&attack, Some(origin)).await?;
    super::reminders::attack_begun(store, user.id, attack.id, attack.started_at, now).await?;
    Ok(attack)
}

/// Ends an open attack at `at`.
pub async fn end_attack(
    store: &Tx,
    user_id: i64,
    attack_id: i64,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Attack, EndError> {
    if at > now {
        return Err(EndError::InFuture);
    }
    let attack = match store.attack(user_id, attack_id).await? {
        Some(a) if a.deleted_at.is_none() => a,
        _ => return Err(EndError::NotFound),
    };
    if !attack.is_open() {
        return Err(EndError::AlreadyEnded(attack));
    }
    // One rule for every way an end is set (see `details::check_end`).
    let at = match crate::service::details::check_end(&attack, at, now) {
        Ok(at) => at,
        Err(crate::service::details::DetailError::EndInFuture) => return Err(EndError::InFuture),
        Err(_) => return Err(EndError::BeforeStart(attack)),
    };
    match store
        .end_attack(user_id, attack_id, at.timestamp(), now.timestamp())
        .await?
    {
        Some(ended) => Ok(ended),
        // Lost a race with another tap: report what is there now.
        None => match store.attack(user_id, attack_id).await? {
            Some(a) if a.deleted_at.is_none() => Err(EndError::AlreadyEnded(a)),
            _ => Err(EndError::NotFound),
        },
    }
}

/// Soft-deletes an attack (restorable). `None` when the user has no such attack.
/// Deleting a deleted attack keeps its first deletion time.
pub async fn delete_attack(
    store: &Tx,
    user_id: i64,
    attack_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<Attack>, StoreError> {
    match store.attack(user_id, attack_id).await? {
        Some(a) if a.deleted_at.is_some() => Ok(Some(a)),
        Some(_) => {
            store
                .set_attack_deleted(user_id, attack_id, Some(now.timestamp()), now.timestamp())
                .await
        }
        None => Ok(None),
    }
}

/// Restores a soft-deleted attack. `None` when the user has no such attack.
pub async fn restore_attack(
    store: &Tx,
    user_id: i64,
    attack_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<Attack>, StoreError> {
    match store.attack(user_id, attack_id).await? {
        Some(a) if a.deleted_at.is_none() => Ok(Some(a)),
        Some(_) => {
            store
                .set_attack_deleted(user_id, attack_id, None, now.timestamp())
                .await
        }
        None => Ok(None),
    }
}

/// One page of history, newest first.
#[derive(Debug, Clone)]
pub struct HistoryPage {
    /// Page number, 0 for the newest.
    pub page: i64,
    /// Its records.
    pub items: Vec<Attack>,
    /// All records of the user.
    pub total: i64,
}

impl HistoryPage {
    /// Whether older records follow.
    pub fn has_older(&self) -> bool {
        (self.page + 1) * PAGE_SIZE < self.total
    }
}

/// A page of history; a page past the end shows the last one.
pub async fn history(store: &Tx, user_id: i64, page: i64) -> Result<HistoryPage, StoreError> {
    let total = store.count_attacks(user_id).await?;
    let last = ((total - 1).max(0)) / PAGE_SIZE;
    let page = page.clamp(0, last);
    let items = store
        .list_attacks(user_id, PAGE_SIZE, page * PAGE_SIZE)
        .await?;
    Ok(HistoryPage { page, items, total })
}

/// True when the diary CSV would hold something (the /export menu's question).
pub async fn has_records(store: &Tx, user_id: i64) -> Result<bool, StoreError> {
    Ok(crate::domain::export::has_rows(
        &store.diary(user_id).await?,
    ))
}

/// The diary CSV and how many attack and day records it holds; `None` when there is
/// nothing to export.
pub async fn export(store: &Tx, user_id: i64) -> Result<Option<(Vec<u8>, i64)>, StoreError> {
    let diary = store.diary(user_id).await?;
    let csv = diary_csv(&diary);
    if csv.records == 0 && diary.intakes.is_empty() {
        return Ok(None);
    }
    Ok(Some((csv.bytes, csv.records)))
}
