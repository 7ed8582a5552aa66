//! The account: erasing everything of a user at once (/forget; the HTTP API will offer the
//! same). MODEL.md: records, doses, day records, the trash, received-update records,
//! dialogue state and queued messages all go.

use crate::store::{StoreError, Tx};

/// Erases everything headlog holds about `user_id`, inside the unit of work.
pub async fn forget(store: &Tx, user_id: i64) -> Result<(), StoreError> {
    store.erase_user(user_id).await
}
