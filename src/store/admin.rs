//! The admin page's rows: one-time login tokens and sessions (known by their SHA-256
//! only), suspensions, when users were last seen, the figures of the dashboard, the users
//! list (ids, times and counts; never diary content), broadcasts and the action log.

use super::exec::{Row, query};
use super::{StoreResult, Tx};

/// A live admin session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminSession {
    /// The admin's Telegram id.
    pub admin_id: i64,
    /// The session's CSRF token (every form carries it).
    pub csrf: String,
}

/// The dashboard's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// Users the store knows.
    pub users: i64,
    /// Users seen in the last 7 days.
    pub active_7d: i64,
    /// Users seen in the last 30 days.
    pub active_30d: i64,
    /// Users who blocked the bot.
    pub blocked_bot: i64,
    /// Users an admin suspended.
    pub suspended: i64,
    /// Records (attacks, doses, day records) created in the last 24 hours.
    pub records_24h: i64,
    /// Records created in the last 7 days.
    pub records_7d: i64,
}

/// One line of the users list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserLine {
    /// The Telegram id.
    pub id: i64,
    /// When the store first saw them.
    pub created_at: i64,
    /// When they last sent something (to the hour).
    pub last_seen_at: Option<i64>,
    /// Their live attacks, doses and day records.
    pub records: i64,
    /// Set while they have blocked the bot.
    pub blocked_at: Option<i64>,
    /// Set while an admin has suspended them.
    pub suspended_at: Option<i64>,
}

/// A broadcast with its counters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broadcast {
    /// Its id.
    pub id: i64,
    /// Who drafted it.
    pub admin_id: i64,
    /// The text sent.
    pub body: String,
    /// Only users speaking this language, when set.
    pub lang: Option<String>,
    /// `draft`, `scheduled`, `sending` (being enqueued), `queued` (all enqueued) or
    /// `cancelled`.
    pub status: String,
    /// When it goes out (Unix seconds, delivery clock).
    pub due_at: Option<i64>,
    /// Messages enqueued.
    pub recipients: i64,
    /// Users left out: suspended by an admin.
    pub skipped: i64,
    /// Delivered.
    pub sent: i64,
    /// Given up on (a permanent error other than a block, or expired).
    pub failed: i64,
    /// Users who blocked the bot (a 403, or known before and not sent to).
    pub blocked: i64,
    /// Messages still waiting in the outbox.
    pub pending: i64,
    /// When it was drafted.
    pub created_at: i64,
}

/// One line of the action log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionLine {
    /// The admin's Telegram id.
    pub admin_id: i64,
    /// What they did (`login`, `block`, `unblock`, `erase`, `broadcast_draft`, …).
    pub action: String,
    /// The user it was done to.
    pub target_user: Option<i64>,
    /// The broadcast it was done to.
    pub broadcast_id: Option<i64>,
    /// When.
    pub created_at: i64,
}

/// A broadcast's rows in the outbox that ended a given way (`o` over `outbox`).
const SENT: &str = "o.status = 'sent'";
const BLOCKED: &str = "o.status = 'failed' and coalesce(o.error, '') like 'blocked:%'";
const FAILED: &str = "(o.status = 'expired' or (o.status = 'failed' \
     and coalesce(o.error, '') not like 'blocked:%'))";

/// A broadcast's columns, its counters being the kept ones plus its rows still in the
/// outbox (counted on reading, so no send ever waits for a shared counter row).
fn broadcast_cols() -> String {
    let live = |cond: &str| {
        format!("(select count(*) from outbox o where o.broadcast_id = b.id and {cond})")
    };
    format!(
        "id, admin_id, body, lang, status, due_at, recipients, skipped, created_at, \
         sent + {} as sent, failed + {} as failed, blocked + {} as blocked, {} as pending",
        live(SENT),
        live(FAILED),
        live(BLOCKED),
        live("o.status = 'pending'")
    )
}

fn broadcast_from_row(r: &Row) -> StoreResult<Broadcast> {
    Ok(Broadcast {
        id: r.try_get("id")?,
        admin_id: r.try_get("admin_id")?,
        body: r.try_get("body")?,
        lang: r.try_get("lang")?,
        status: r.try_get("status")?,
        due_at: r.try_get("due_at")?,
        recipients: r.try_get("recipients")?,
        skipped: r.try_get("skipped")?,
        sent: r.try_get("sent")?,
        failed: r.try_get("failed")?,
        blocked: r.try_get("blocked")?,
        pending: r.try_get("pending")?,
        created_at: r.try_get("created_at")?,
    })
}

/// The language a user is spoken to in, as SQL over `app_user u` (as `User::lang`).
const USER_LANG: &str =
    "coalesce(u.lang, case when lower(coalesce(u.tg_lang, '')) like 'ru%' then 'ru' else 'en' end)";

impl Tx {
    /// Keeps a one-time login token for `admin_id`, known by its hash.
    pub async fn insert_admin_login(
        &self,
        token_hash: &str,
        admin_id: i64,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        query("delete from admin_login where expires_at < $1")
            .bind(now - 86_400)
            .execute(self)
            .await?;
        query(
            "insert into admin_login (token_hash, admin_id, created_at, expires_at) \
             values ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(admin_id)
        .bind(now)
        .bind(expires_at)
        .execute(self)
        .await?;
        Ok(())
    }

    /// Uses up a live login token: its admin, once; `None` when unknown, used or expired.
    pub async fn take_admin_login(&self, token_hash: &str, now: i64) -> StoreResult<Option<i64>> {
        query(
            "update admin_login set used_at = $2 where token_hash = $1 and used_at is null \
             and expires_at > $2 returning admin_id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_scalar::<i64>(self)
        .await
    }

    /// Records a used one-time credential (a Login Widget signature) so it works once;
    /// false when it was used before.
    pub async fn spend_admin_login(
        &self,
        token_hash: &str,
        admin_id: i64,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<bool> {
        let row = query(
            "insert into admin_login (token_hash, admin_id, created_at, expires_at, used_at) \
             values ($1, $2, $3, $4, $3) on conflict (token_hash) do nothing returning admin_id",
        )
        .bind(token_hash)
        .bind(admin_id)
        .bind(now)
        .bind(expires_at)
        .fetch_optional(self)
        .await?;
        Ok(row.is_some())
    }

    /// Opens a session known by `id_hash`, lasting until `expires_at` at most.
    pub async fn insert_admin_session(
        &self,
        id_hash: &str,
        admin_id: i64,
        csrf: &str,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        query("delete from admin_session where expires_at < $1")
            .bind(now)
            .execute(self)
            .await?;
        query(
            "insert into admin_session (id_hash, admin_id, csrf, created_at, last_seen_at, expires_at) \
             values ($1, $2, $3, $4, $4, $5)",
        )
        .bind(id_hash)
        .bind(admin_id)
        .bind(csrf)
        .bind(now)
        .bind(expires_at)
        .execute(self)
        .await?;
        Ok(())
    }

    /// The live session known by `id_hash` (used within `idle` seconds, before its end),
    /// noting its use at `now`.
    pub async fn use_admin_session(
        &self,
        id_hash: &str,
        now: i64,
        idle: i64,
    ) -> StoreResult<Option<AdminSession>> {
        let row = query(
            "update admin_session set last_seen_at = $2 where id_hash = $1 and expires_at > $2 \
             and last_seen_at > $3 returning admin_id, csrf",
        )
        .bind(id_hash)
        .bind(now)
        .bind(now - idle)
        .fetch_optional(self)
        .await?;
        row.map(|r| {
            Ok(AdminSession {
                admin_id: r.try_get("admin_id")?,
                csrf: r.try_get("csrf")?,
            })
        })
        .transpose()
    }

    /// Ends a session.
    pub async fn end_admin_session(&self, id_hash: &str) -> StoreResult<()> {
        query("delete from admin_session where id_hash = $1")
            .bind(id_hash)
            .execute(self)
            .await?;
        Ok(())
    }

    /// Notes that a user sent something at `now` (written at most once an hour).
    pub async fn note_user_seen(&self, user_id: i64, now: i64) -> StoreResult<()> {
        query(
            "insert into user_seen (user_id, last_seen_at) values ($1, $2) \
             on conflict (user_id) do update set last_seen_at = excluded.last_seen_at \
             where user_seen.last_seen_at < excluded.last_seen_at - 3600",
        )
        .bind(user_id)
        .bind(now)
        .execute(self)
        .await?;
        Ok(())
    }

    /// Whether an admin suspended the user.
    pub async fn user_suspended(&self, user_id: i64) -> StoreResult<bool> {
        Ok(
            query("select user_id from user_suspension where user_id = $1")
                .bind(user_id)
                .fetch_optional(self)
                .await?
                .is_some(),
        )
    }

    /// Suspends (or lifts the suspension of) a known user; false when there is no such
    /// user or nothing changed.
    pub async fn set_user_suspended(
        &self,
        user_id: i64,
        suspended: bool,
        admin_id: i64,
        now: i64,
    ) -> StoreResult<bool> {
        let done = if suspended {
            query(
                "insert into user_suspension (user_id, admin_id, created_at) \
                 select id, $2, $3 from app_user where id = $1 \
                 on conflict (user_id) do nothing",
            )
            .bind(user_id)
            .bind(admin_id)
            .bind(now)
            .execute(self)
            .await?
        } else {
            query("delete from user_suspension where user_id = $1")
                .bind(user_id)
                .execute(self)
                .await?
        };
        Ok(done.rows_affected() > 0)
    }

    /// Whether the store knows the user.
    pub async fn user_exists(&self, user_id: i64) -> StoreResult<bool> {
        Ok(query("select id from app_user where id = $1")
            .bind(user_id)
            .fetch_optional(self)
            .await?
            .is_some())
    }

    /// The dashboard's figures at `now`.
    pub async fn admin_figures(&self, now: i64) -> StoreResult<Figures> {
        let seen = "select count(*) from user_seen where last_seen_at >= $1";
        Ok(Figures {
            users: self.count("select count(*) from app_user", None).await?,
            active_7d: self.count(seen, Some(now - 7 * 86_400)).await?,
            active_30d: self.count(seen, Some(now - 30 * 86_400)).await?,
            blocked_bot: self
                .count(
                    "select count(*) from app_user where blocked_at is not null",
                    None,
                )
                .await?,
            suspended: self
                .count("select count(*) from user_suspension", None)
                .await?,
            records_24h: self.records_since(now - 86_400).await?,
            records_7d: self.records_since(now - 7 * 86_400).await?,
        })
    }

    async fn count(&self, sql: &str, since: Option<i64>) -> StoreResult<i64> {
        let mut q = query(sql.to_owned());
        if let Some(s) = since {
            q = q.bind(s);
        }
        Ok(q.fetch_scalar::<i64>(self).await?.unwrap_or(0))
    }

    async fn records_since(&self, since: i64) -> StoreResult<i64> {
        let mut n = 0;
        for table in ["attack", "intake", "day_record"] {
            let sql = format!(
                "select count(*) from {table} where created_at >= $1 and deleted_at is null"
            );
            n += self.count(&sql, Some(since)).await?;
        }
        Ok(n)
    }

    /// A page of the users list by id: `limit` users with an id above `after`.
    pub async fn admin_users(&self, after: i64, limit: i64) -> StoreResult<Vec<UserLine>> {
        let rows = query(
            "select u.id, u.created_at, u.blocked_at, s.last_seen_at, p.created_at as suspended_at, \
             (select count(*) from attack a where a.user_id = u.id and a.deleted_at is null) \
             + (select count(*) from intake i where i.user_id = u.id and i.deleted_at is null) \
             + (select count(*) from day_record d where d.user_id = u.id and d.deleted_at is null) \
             as records \
             from app_user u left join user_seen s on s.user_id = u.id \
             left join user_suspension p on p.user_id = u.id \
             where u.id > $1 order by u.id limit $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(self)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(UserLine {
                    id: r.try_get("id")?,
                    created_at: r.try_get("created_at")?,
                    last_seen_at: r.try_get("last_seen_at")?,
                    records: r.try_get("records")?,
                    blocked_at: r.try_get("blocked_at")?,
                    suspended_at: r.try_get("suspended_at")?,
                })
            })
            .collect()
    }

    /// Writes a line of the action log.
    pub async fn log_admin_action(
        &self,
        admin_id: i64,
        action: &str,
        target_user: Option<i64>,
        broadcast_id: Option<i64>,
        now: i64,
    ) -> StoreResult<()> {
        query(
            "insert into admin_action (admin_id, action, target_user, broadcast_id, created_at) \
             values ($1, $2, $3, $4, $5)",
        )
        .bind(admin_id)
        .bind(action)
        .bind(target_user)
        .bind(broadcast_id)
        .bind(now)
        .execute(self)
        .await?;
        Ok(())
    }

    /// The newest `limit` lines of the action log.
    pub async fn admin_actions(&self, limit: i64) -> StoreResult<Vec<ActionLine>> {
        let rows = query(
            "select admin_id, action, target_user, broadcast_id, created_at from admin_action \
             order by id desc limit $1",
        )
        .bind(limit)
        .fetch_all(self)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ActionLine {
                    admin_id: r.try_get("admin_id")?,
                    action: r.try_get("action")?,
                    target_user: r.try_get("target_user")?,
                    broadcast_id: r.try_get("broadcast_id")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    /// Keeps a broadcast draft; its id.
    pub async fn insert_broadcast(
        &self,
        admin_id: i64,
        body: &str,
        lang: Option<&str>,
        due_at: Option<i64>,
        now: i64,
    ) -> StoreResult<i64> {
        query(
            "insert into broadcast (admin_id, body, lang, due_at, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $5) returning id",
        )
        .bind(admin_id)
        .bind(body)
        .bind(lang)
        .bind(due_at)
        .bind(now)
        .fetch_scalar::<i64>(self)
        .await
        .map(Option::unwrap_or_default)
    }

    /// One broadcast with its counters.
    pub async fn broadcast(&self, id: i64) -> StoreResult<Option<Broadcast>> {
        let sql = format!("select {} from broadcast b where id = $1", broadcast_cols());
        let row = query(sql).bind(id).fetch_optional(self).await?;
        row.as_ref().map(broadcast_from_row).transpose()
    }

    /// The newest `limit` broadcasts.
    pub async fn broadcasts(&self, limit: i64) -> StoreResult<Vec<Broadcast>> {
        let sql = format!(
            "select {} from broadcast b order by id desc limit $1",
            broadcast_cols()
        );
        let rows = query(sql).bind(limit).fetch_all(self).await?;
        rows.iter().map(broadcast_from_row).collect()
    }

    /// Moves a broadcast from one status to another (`due_at` set when given); false when
    /// it was not in `from`.
    pub async fn set_broadcast_status(
        &self,
        id: i64,
        from: &str,
        to: &str,
        due_at: Option<i64>,
        now: i64,
    ) -> StoreResult<bool> {
        let done = query(
            "update broadcast set status = $3, due_at = coalesce($4, due_at), updated_at = $5 \
             where id = $1 and status = $2",
        )
        .bind(id)
        .bind(from)
        .bind(to)
        .bind(due_at)
        .bind(now)
        .execute(self)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Broadcasts due at `now` whose recipients are not all enqueued yet, oldest first.
    pub async fn broadcasts_to_enqueue(&self, now: i64) -> StoreResult<Vec<i64>> {
        let rows = query(
            "select id from broadcast where status in ('scheduled', 'sending') and due_at <= $1 \
             order by due_at, id",
        )
        .bind(now)
        .fetch_all(self)
        .await?;
        rows.iter().map(|r| r.try_get("id")).collect()
    }

    /// The earliest due time of a scheduled broadcast.
    pub async fn next_broadcast_due(&self) -> StoreResult<Option<i64>> {
        query("select min(due_at) from broadcast where status in ('scheduled', 'sending')")
            .fetch_optional(self)
            .await?
            .map(|r| r.first::<Option<i64>>())
            .transpose()
            .map(Option::flatten)
    }

    /// Enqueues the broadcast's next batch of users (up to `batch`, by id) into the
    /// scheduled lane, due at `now`: users suspended by an admin are skipped, users known
    /// to have blocked the bot are counted as blocked without a send. Returns how many
    /// messages were enqueued, or `None` when every user was reached (it is then
    /// `queued`) or another worker moved it on meanwhile.
    pub async fn broadcast_enqueue_batch(
        &self,
        id: i64,
        batch: i64,
        now: i64,
    ) -> StoreResult<Option<u64>> {
        // Taking the row first: a second replica doing the same waits here, then finds
        // the cursor moved and the status unchanged, and does the next batch instead.
        let Some(row) = query(
            "update broadcast set status = 'sending', updated_at = $2 where id = $1 \
             and status in ('scheduled', 'sending') returning cursor, body, lang",
        )
        .bind(id)
        .bind(now)
        .fetch_optional(self)
        .await?
        else {
            return Ok(None);
        };
        let cursor: i64 = row.try_get("cursor")?;
        let text: String = row.try_get("body")?;
        let lang: Option<String> = row.try_get("lang")?;
        let hi = query(
            "select max(id) from (select id from app_user where id > $1 order by id limit $2) t",
        )
        .bind(cursor)
        .bind(batch)
        .fetch_optional(self)
        .await?
        .map(|r| r.first::<Option<i64>>())
        .transpose()?
        .flatten();
        let Some(hi) = hi else {
            query("update broadcast set status = 'queued', updated_at = $2 where id = $1")
                .bind(id)
                .bind(now)
                .execute(self)
                .await?;
            return Ok(None);
        };
        let in_range = format!(
            "u.id > $1 and u.id <= $2 and ($3 = '' or {USER_LANG} = $3) \
             and not exists (select 1 from user_suspension p where p.user_id = u.id)"
        );
        let filter = lang.clone().unwrap_or_default();
        let body =
            serde_json::json!({ "text": text, "link_preview_options": {"is_disabled": true} })
                .to_string();
        let enqueued = query(format!(
            "insert into outbox (chat_id, lane, dedup_key, kind, body, due_at, created_at, next_at, \
             broadcast_id) select u.id, 'scheduled', $4 || cast(u.id as text), 'sendMessage', $5, \
             $6, $6, $6, $7 from app_user u where {in_range} and u.blocked_at is null \
             on conflict (dedup_key) where dedup_key is not null do nothing"
        ))
        .bind(cursor)
        .bind(hi)
        .bind(filter.as_str())
        .bind(format!("broadcast:{id}:"))
        .bind(body)
        .bind(now)
        .bind(id)
        .execute(self)
        .await?
        .rows_affected();
        let known_blocked = query(format!(
            "select count(*) from app_user u where {in_range} and u.blocked_at is not null"
        ))
        .bind(cursor)
        .bind(hi)
        .bind(filter.as_str())
        .fetch_scalar::<i64>(self)
        .await?
        .unwrap_or(0);
        let suspended = query(format!(
            "select count(*) from app_user u where u.id > $1 and u.id <= $2 \
             and ($3 = '' or {USER_LANG} = $3) \
             and exists (select 1 from user_suspension p where p.user_id = u.id)"
        ))
        .bind(cursor)
        .bind(hi)
        .bind(filter.as_str())
        .fetch_scalar::<i64>(self)
        .await?
        .unwrap_or(0);
        query(
            "update broadcast set cursor = $2, recipients = recipients + $3, \
             blocked = blocked + $4, skipped = skipped + $5 where id = $1",
        )
        .bind(id)
        .bind(hi)
        .bind(enqueued as i64)
        .bind(known_blocked)
        .bind(suspended)
        .execute(self)
        .await?;
        Ok(Some(enqueued))
    }

    /// Adds the outcomes of broadcast rows that finished before `before` to their
    /// broadcasts' counters, before the purge deletes those rows (same transaction).
    pub async fn broadcast_fold_finished(&self, before: i64) -> StoreResult<u64> {
        let ended = |cond: &str| {
            format!(
                "(select count(*) from outbox o where o.broadcast_id = broadcast.id \
                 and o.status <> 'pending' and o.finished_at < $1 and {cond})"
            )
        };
        let sql = format!(
            "update broadcast set sent = sent + {}, failed = failed + {}, blocked = blocked + {} \
             where id in (select broadcast_id from outbox where broadcast_id is not null \
             and status <> 'pending' and finished_at < $1)",
            ended(SENT),
            ended(FAILED),
            ended(BLOCKED)
        );
        Ok(query(sql).bind(before).execute(self).await?.rows_affected())
    }

    /// Messages of a broadcast still waiting in the outbox.
    pub async fn broadcast_pending(&self, id: i64) -> StoreResult<i64> {
        Ok(
            query("select count(*) from outbox where broadcast_id = $1 and status = 'pending'")
                .bind(id)
                .fetch_scalar::<i64>(self)
                .await?
                .unwrap_or(0),
        )
    }
}
