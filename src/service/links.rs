//! Doctor links (PRODUCT.md §5): a read-only link to one period's doctor report, for the
//! user's doctor. The token is 256 random bits from the operating system, shown once in
//! the chat; the store keeps only its SHA-256, so a copy of the database opens nothing. A
//! link lives `days` days (`HEADLOG_DOCTOR_LINK_DAYS`, [`LINK_DAYS`] by default) unless
//! revoked sooner.

use crate::domain::figures::Period;
use crate::store::links::DoctorLink;
use crate::store::{StoreError, Tx};
use base64::Engine;
use sha2::{Digest, Sha256};

/// How long a link works unless configured otherwise, in days.
pub const LINK_DAYS: u32 = 14;
/// Random bytes in a token.
const TOKEN_BYTES: usize = 32;
/// Characters of a token (base64url without padding).
pub const TOKEN_CHARS: usize = 43;

/// The hash a token is known by in the store (hex SHA-256).
pub fn hash(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

/// SHA-256 of `bytes` in lower-case hex (tokens here; an imported file's identity too).
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `token` can be one of ours (anything else is answered without a query).
pub fn well_formed(token: &str) -> bool {
    token.len() == TOKEN_CHARS
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// 256 random bits from the operating system, as base64url.
pub(crate) fn random_token() -> Result<String, StoreError> {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::Unavailable(format!("no randomness from the system: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// The prefix of personal API tokens (`hl_` and 43 characters), so a leaked one is easy to
/// recognise.
pub const API_PREFIX: &str = "hl_";

/// A new personal API token for `user_id`: its value (to show once) and its id.
pub async fn create_api_token(
    tx: &Tx,
    user_id: i64,
    now: i64,
) -> Result<(String, i64), StoreError> {
    let mut token = API_PREFIX.to_owned();
    token.push_str(&random_token()?);
    let id = tx.insert_api_token(user_id, &hash(&token), now).await?;
    Ok((token, id))
}

/// A new link to `period`'s report for `user_id`, working `days` days: its token (to show
/// once) and the link.
pub async fn create(
    tx: &Tx,
    user_id: i64,
    period: Period,
    now: i64,
    days: u32,
) -> Result<(String, DoctorLink), StoreError> {
    let token = random_token()?;
    let expires_at = now + i64::from(days) * 86_400;
    let link = tx
        .insert_doctor_link(user_id, &hash(&token), period, now, expires_at)
        .await?;
    Ok((token, link))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_hash_stably_and_only_well_formed_ones_are_looked_up() {
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let good = "A".repeat(TOKEN_CHARS);
        assert!(well_formed(&good));
        assert!(well_formed("aZ09-_aZ09-_aZ09-_aZ09-_aZ09-_aZ09-_aZ09-_a"));
        for bad in [
            "",
            "short",
            &"A".repeat(44),
            &format!("{}/", "A".repeat(42)),
            &format!("{}%", "A".repeat(42)),
        ] {
            assert!(!well_formed(bad), "{bad}");
        }
    }
}
