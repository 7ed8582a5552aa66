//! Wake-ups across replicas. On PostgreSQL a transaction that queued scheduled messages
//! notifies a channel (delivered on commit), and the replica holding the sender lease
//! listens, so it is woken whichever replica's scheduler fired the reminders; SQLite has one
//! process, woken in memory.

use super::{Db, StoreResult, Tx};
use sqlx::postgres::PgListener;

/// The channel of "scheduled messages were queued".
const SCHEDULED: &str = "headlog_scheduled";

impl Tx {
    /// Tells the other replicas' sender that scheduled messages were queued (on commit).
    pub async fn notify_scheduled(&self) -> StoreResult<()> {
        if self.backend() == "postgres" {
            super::exec::query(format!("notify {SCHEDULED}"))
                .execute(self)
                .await?;
        }
        Ok(())
    }
}

/// Listens for "scheduled messages were queued" (PostgreSQL only).
pub struct Listener(Option<PgListener>);

impl Listener {
    /// A listener on `db` (one that never hears anything on SQLite, or when it cannot
    /// connect: the sender then relies on its own wake-ups and its next due time).
    pub async fn scheduled(db: &Db) -> Listener {
        let Db::Postgres(pg) = db else {
            return Listener(None);
        };
        let listener = async {
            let mut l = PgListener::connect_with(pg.pool()).await?;
            l.listen(SCHEDULED).await?;
            Ok::<_, sqlx::Error>(l)
        };
        match listener.await {
            Ok(l) => Listener(Some(l)),
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for scheduled messages");
                Listener(None)
            }
        }
    }

    /// Resolves on the next notification; never on SQLite. A broken connection is
    /// reconnected by sqlx (this then resolves, and the caller looks for work).
    pub async fn recv(&mut self) {
        match &mut self.0 {
            Some(l) => {
                if let Err(e) = l.recv().await {
                    tracing::debug!(error = %e, "listener interrupted");
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
            }
            None => std::future::pending().await,
        }
    }
}
