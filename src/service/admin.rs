//! Admin use-cases (PRODUCT.md §5): admins are Telegram ids from configuration
//! (`HEADLOG_ADMIN_IDS`). They sign in to the admin page with a one-time link the bot sends
//! on /admin, or with the Telegram Login Widget; a session then lasts [`SESSION_IDLE`] idle,
//! [`SESSION_MAX`] at most. Tokens and session ids are 256 random bits, kept only as their
//! SHA-256. An admin blocks (suspends), unblocks and erases users and drafts broadcasts;
//! every action is logged (who, what, when; never diary content).

use super::links::{hash, random_token};
use crate::store::{StoreError, Tx};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// How long a login link works, in seconds.
pub const LOGIN_SECS: i64 = 600;
/// A session ends after this many seconds without a request.
pub const SESSION_IDLE: i64 = 8 * 3600;
/// A session ends this many seconds after login whatever happens.
pub const SESSION_MAX: i64 = 24 * 3600;
/// The oldest Login Widget data accepted, in seconds.
pub const WIDGET_MAX_AGE: i64 = 600;
/// The longest broadcast (Telegram's limit for a message).
pub const MAX_BROADCAST: usize = 4096;

/// A new session: its id (the cookie's value, shown once) and its admin.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// The cookie's value.
    pub id: String,
    /// The admin signed in.
    pub admin_id: i64,
}

/// A new one-time login token for `admin_id` (the bot puts it in the link it sends).
pub async fn create_login(tx: &Tx, admin_id: i64, now: i64) -> Result<String, StoreError> {
    let token = random_token()?;
    tx.insert_admin_login(&hash(&token), admin_id, now, now + LOGIN_SECS)
        .await?;
    Ok(token)
}

/// Opens a session for `admin_id` and logs the login.
async fn open_session(
    tx: &Tx,
    admin_id: i64,
    how: &str,
    now: i64,
) -> Result<NewSession, StoreError> {
    let id = random_token()?;
    let csrf = random_token()?;
    tx.insert_admin_session(&hash(&id), admin_id, &csrf, now, now + SESSION_MAX)
        .await?;
    tx.log_admin_action(admin_id, how, None, None, now).await?;
    Ok(NewSession { id, admin_id })
}

/// Uses up a login link's token: a session for its admin, if the token is live and the
/// admin still is one.
pub async fn login_by_link(
    tx: &Tx,
    token: &str,
    admins: &[i64],
    now: i64,
) -> Result<Option<NewSession>, StoreError> {
    if !super::links::well_formed(token) {
        return Ok(None);
    }
    match tx.take_admin_login(&hash(token), now).await? {
        Some(admin) if admins.contains(&admin) => {
            Ok(Some(open_session(tx, admin, "login_link", now).await?))
        }
        _ => Ok(None),
    }
}

/// Why the Login Widget's data was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WidgetRefusal {
    /// The hash does not hold (forged or altered).
    Signature,
    /// `auth_date` too old (or in the future).
    Expired,
    /// Signed, but not an admin.
    NotAdmin,
    /// This exact data was used before.
    Reused,
}

/// The Telegram id the Login Widget's `fields` were signed for: `hash` is
/// HMAC-SHA-256 of the data-check-string (every other field, `key=value`, sorted, joined
/// by newlines) keyed with SHA-256 of the bot token; `auth_date` at most
/// [`WIDGET_MAX_AGE`] old.
pub fn check_widget(
    fields: &[(String, String)],
    bot_token: &str,
    now: i64,
) -> Result<i64, WidgetRefusal> {
    let mut pairs: Vec<&(String, String)> = fields.iter().filter(|(k, _)| k != "hash").collect();
    let Some((_, hash)) = fields.iter().find(|(k, _)| k == "hash") else {
        return Err(WidgetRefusal::Signature);
    };
    pairs.sort();
    let check = pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("\n");
    let key = Sha256::digest(bot_token.as_bytes());
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(&key).map_err(|_| WidgetRefusal::Signature)?;
    mac.update(check.as_bytes());
    let Some(given) = hex(hash) else {
        return Err(WidgetRefusal::Signature);
    };
    mac.verify_slice(&given)
        .map_err(|_| WidgetRefusal::Signature)?;
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.parse::<i64>().ok())
    };
    let at = field("auth_date").ok_or(WidgetRefusal::Signature)?;
    if now - at > WIDGET_MAX_AGE || at - now > 60 {
        return Err(WidgetRefusal::Expired);
    }
    field("id").ok_or(WidgetRefusal::Signature)
}

fn hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A session from the Login Widget's data, which works once.
pub async fn login_by_widget(
    tx: &Tx,
    fields: &[(String, String)],
    bot_token: &str,
    admins: &[i64],
    now: i64,
) -> Result<Result<NewSession, WidgetRefusal>, StoreError> {
    let admin = match check_widget(fields, bot_token, now) {
        Ok(id) if admins.contains(&id) => id,
        Ok(_) => return Ok(Err(WidgetRefusal::NotAdmin)),
        Err(e) => return Ok(Err(e)),
    };
    let signature = fields
        .iter()
        .find(|(k, _)| k == "hash")
        .map(|(_, v)| v.to_ascii_lowercase())
        .unwrap_or_default();
    let spent = format!("widget:{signature}");
    if !tx
        .spend_admin_login(&hash(&spent), admin, now, now + WIDGET_MAX_AGE + 60)
        .await?
    {
        return Ok(Err(WidgetRefusal::Reused));
    }
    Ok(Ok(open_session(tx, admin, "login_widget", now).await?))
}

/// The live session whose cookie value is `id`, for an admin still configured.
pub async fn session(
    tx: &Tx,
    id: &str,
    admins: &[i64],
    now: i64,
) -> Result<Option<crate::store::admin::AdminSession>, StoreError> {
    if !super::links::well_formed(id) {
        return Ok(None);
    }
    let found = tx.use_admin_session(&hash(id), now, SESSION_IDLE).await?;
    Ok(found.filter(|s| admins.contains(&s.admin_id)))
}

/// Ends the session whose cookie value is `id`.
pub async fn logout(tx: &Tx, id: &str, admin_id: i64, now: i64) -> Result<(), StoreError> {
    tx.end_admin_session(&hash(id)).await?;
    tx.log_admin_action(admin_id, "logout", None, None, now)
        .await
}

/// What an admin can do to a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserAction {
    /// Suspend: their updates get one polite notice, no diary processing.
    Block,
    /// Lift a suspension.
    Unblock,
    /// Erase everything of theirs, as /forget does.
    Erase,
}

impl UserAction {
    /// From its name in a URL.
    pub fn parse(s: &str) -> Option<UserAction> {
        match s {
            "block" => Some(UserAction::Block),
            "unblock" => Some(UserAction::Unblock),
            "erase" => Some(UserAction::Erase),
            _ => None,
        }
    }

    /// Its name (in URLs and the action log).
    pub fn key(self) -> &'static str {
        match self {
            UserAction::Block => "block",
            UserAction::Unblock => "unblock",
            UserAction::Erase => "erase",
        }
    }
}

/// Does `action` to `user_id`; false when there is no such user (nothing is logged then).
pub async fn act_on_user(
    tx: &Tx,
    admin_id: i64,
    user_id: i64,
    action: UserAction,
    now: i64,
) -> Result<bool, StoreError> {
    if !tx.user_exists(user_id).await? {
        return Ok(false);
    }
    match action {
        UserAction::Block => {
            tx.set_user_suspended(user_id, true, admin_id, now).await?;
        }
        UserAction::Unblock => {
            tx.set_user_suspended(user_id, false, admin_id, now).await?;
        }
        UserAction::Erase => super::account::forget(tx, user_id).await?,
    }
    tx.log_admin_action(admin_id, action.key(), Some(user_id), None, now)
        .await?;
    Ok(true)
}

/// Why a broadcast draft was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftRefusal {
    /// No text, or longer than [`MAX_BROADCAST`].
    Text,
    /// An unknown language filter.
    Lang,
}

/// Keeps a broadcast draft (nothing is sent until it is confirmed).
pub async fn draft_broadcast(
    tx: &Tx,
    admin_id: i64,
    text: &str,
    lang: Option<&str>,
    due_at: Option<i64>,
    now: i64,
) -> Result<Result<i64, DraftRefusal>, StoreError> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_BROADCAST {
        return Ok(Err(DraftRefusal::Text));
    }
    let lang = lang.filter(|l| !l.is_empty());
    if let Some(l) = lang
        && !crate::domain::lang::Lang::ALL.iter().any(|x| x.code() == l)
    {
        return Ok(Err(DraftRefusal::Lang));
    }
    let id = tx
        .insert_broadcast(admin_id, text, lang, due_at, now)
        .await?;
    tx.log_admin_action(admin_id, "broadcast_draft", None, Some(id), now)
        .await?;
    Ok(Ok(id))
}

/// Confirms a draft: it goes out at `due_at` (`wall`, the delivery clock's now, or the
/// time chosen); false when it is not a draft (any more). The log is written at `now`.
pub async fn confirm_broadcast(
    tx: &Tx,
    admin_id: i64,
    id: i64,
    due_at: i64,
    wall: i64,
    now: i64,
) -> Result<bool, StoreError> {
    if !tx
        .set_broadcast_status(id, "draft", "scheduled", Some(due_at), now)
        .await?
    {
        return Ok(false);
    }
    let what = if due_at <= wall {
        "broadcast_send"
    } else {
        "broadcast_schedule"
    };
    tx.log_admin_action(admin_id, what, None, Some(id), now)
        .await?;
    Ok(true)
}

/// Cancels a draft or a scheduled broadcast not yet started; false otherwise.
pub async fn cancel_broadcast(
    tx: &Tx,
    admin_id: i64,
    id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let done = tx
        .set_broadcast_status(id, "draft", "cancelled", None, now)
        .await?
        || tx
            .set_broadcast_status(id, "scheduled", "cancelled", None, now)
            .await?;
    if done {
        tx.log_admin_action(admin_id, "broadcast_cancel", None, Some(id), now)
            .await?;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(fields: &[(&str, &str)], token: &str) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let mut sorted = pairs.clone();
        sorted.sort();
        let check = sorted
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("\n");
        let key = Sha256::digest(token.as_bytes());
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&key).unwrap();
        mac.update(check.as_bytes());
        let hash: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        pairs.push(("hash".into(), hash));
        pairs
    }

    #[test]
    fn the_login_widget_data_holds_only_signed_fresh_and_unaltered() {
        let token = "123:abc";
        let good = signed(
            &[("id", "42"), ("first_name", "A"), ("auth_date", "1000")],
            token,
        );
        assert_eq!(check_widget(&good, token, 1100), Ok(42));
        assert_eq!(
            check_widget(&good, token, 1000 + WIDGET_MAX_AGE + 1),
            Err(WidgetRefusal::Expired)
        );
        assert_eq!(
            check_widget(&good, "123:other", 1100),
            Err(WidgetRefusal::Signature)
        );
        let mut altered = good.clone();
        altered[0].1 = "43".into();
        assert_eq!(
            check_widget(&altered, token, 1100),
            Err(WidgetRefusal::Signature)
        );
        let unsigned: Vec<_> = good.into_iter().filter(|(k, _)| k != "hash").collect();
        assert_eq!(
            check_widget(&unsigned, token, 1100),
            Err(WidgetRefusal::Signature)
        );
    }

    #[test]
    fn user_actions_round_trip_through_their_names() {
        for a in [UserAction::Block, UserAction::Unblock, UserAction::Erase] {
            assert_eq!(UserAction::parse(a.key()), Some(a));
        }
        assert_eq!(UserAction::parse("delete"), None);
    }
}
