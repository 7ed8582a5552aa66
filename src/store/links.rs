//! Doctor links in the store: by the hash of their token, scoped to their user.

use super::exec::{Row, query};
use super::{StoreError, StoreResult, Tx};
use crate::domain::figures::Period;
use chrono::NaiveDate;

/// A link to a period's doctor report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoctorLink {
    /// Its id (in the revoke button).
    pub id: i64,
    /// Whose report.
    pub user_id: i64,
    /// The period it shows.
    pub period: Period,
    /// When it was made (Unix seconds).
    pub created_at: i64,
    /// When it stops working (Unix seconds).
    pub expires_at: i64,
}

const COLS: &str = "id, user_id, first_day, last_day, created_at, expires_at";

fn day(row: &Row, col: &str) -> StoreResult<NaiveDate> {
    let s: String = row.try_get(col)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("doctor_link.{col} {s:?}")))
}

fn link_from_row(row: &Row) -> StoreResult<DoctorLink> {
    Ok(DoctorLink {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        period: Period::new(day(row, "first_day")?, day(row, "last_day")?),
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
    })
}

impl Tx {
    /// Keeps a new link, known by `token_hash` only.
    pub async fn insert_doctor_link(
        &self,
        user_id: i64,
        token_hash: &str,
        period: Period,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<DoctorLink> {
        let sql = format!(
            "insert into doctor_link (user_id, token_hash, first_day, last_day, created_at, expires_at) \
             values ($1, $2, $3, $4, $5, $6) returning {COLS}"
        );
        let row = query(sql)
            .bind(user_id)
            .bind(token_hash)
            .bind(period.first.to_string())
            .bind(period.last.to_string())
            .bind(now)
            .bind(expires_at)
            .fetch_one(self)
            .await?;
        link_from_row(&row)
    }

    /// The live link (not expired at `now`, not revoked) whose token hashes to `token_hash`.
    pub async fn live_doctor_link(
        &self,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<Option<DoctorLink>> {
        let sql = format!(
            "select {COLS} from doctor_link where token_hash = $1 and expires_at > $2 \
             and revoked_at is null"
        );
        let row = query(sql)
            .bind(token_hash)
            .bind(now)
            .fetch_optional(self)
            .await?;
        row.as_ref().map(link_from_row).transpose()
    }

    /// The user's live links, newest first.
    pub async fn doctor_links(&self, user_id: i64, now: i64) -> StoreResult<Vec<DoctorLink>> {
        let sql = format!(
            "select {COLS} from doctor_link where user_id = $1 and expires_at > $2 \
             and revoked_at is null order by created_at desc, id desc"
        );
        let rows = query(sql).bind(user_id).bind(now).fetch_all(self).await?;
        rows.iter().map(link_from_row).collect()
    }

    /// Revokes the user's link `id`; false when it is not theirs or already dead.
    pub async fn revoke_doctor_link(&self, user_id: i64, id: i64, now: i64) -> StoreResult<bool> {
        let row = query(
            "update doctor_link set revoked_at = $3 where user_id = $1 and id = $2 \
             and revoked_at is null and expires_at > $3 returning id",
        )
        .bind(user_id)
        .bind(id)
        .bind(now)
        .fetch_optional(self)
        .await?;
        Ok(row.is_some())
    }
}

/// A personal API token, as listed (never its value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// Its id (in the revoke button).
    pub id: i64,
    /// When it was made (Unix seconds).
    pub created_at: i64,
    /// When it was last used, if ever.
    pub last_used_at: Option<i64>,
}

impl Tx {
    /// Keeps a new API token, known by `token_hash` only.
    pub async fn insert_api_token(
        &self,
        user_id: i64,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<i64> {
        let row = query(
            "insert into api_token (user_id, token_hash, created_at) values ($1, $2, $3) returning id",
        )
        .bind(user_id)
        .bind(token_hash)
        .bind(now)
        .fetch_one(self)
        .await?;
        row.try_get("id")
    }

    /// The user a live API token belongs to, noting its use at `now`.
    pub async fn use_api_token(&self, token_hash: &str, now: i64) -> StoreResult<Option<i64>> {
        let row = query(
            "update api_token set last_used_at = $2 where token_hash = $1 and revoked_at is null \
             returning user_id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(self)
        .await?;
        row.map(|r| r.try_get("user_id")).transpose()
    }

    /// The user's live API tokens, oldest first.
    pub async fn api_tokens(&self, user_id: i64) -> StoreResult<Vec<ApiToken>> {
        let rows = query(
            "select id, created_at, last_used_at from api_token where user_id = $1 \
             and revoked_at is null order by id",
        )
        .bind(user_id)
        .fetch_all(self)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ApiToken {
                    id: r.try_get("id")?,
                    created_at: r.try_get("created_at")?,
                    last_used_at: r.try_get("last_used_at")?,
                })
            })
            .collect()
    }

    /// Revokes the user's API token `id`; false when it is not theirs or already revoked.
    pub async fn revoke_api_token(&self, user_id: i64, id: i64, now: i64) -> StoreResult<bool> {
        let row = query(
            "update api_token set revoked_at = $3 where user_id = $1 and id = $2 \
             and revoked_at is null returning id",
        )
        .bind(user_id)
        .bind(id)
        .bind(now)
        .fetch_optional(self)
        .await?;
        Ok(row.is_some())
    }
}
