//! The admin page under `/admin` (PRODUCT.md §5): server-rendered HTML, no script.
//!
//! - Sign-in: `GET /admin/login/{token}` uses up a one-time token from the bot's /admin
//!   link; `GET /admin/login/widget` checks the Telegram Login Widget's signature. Either
//!   opens a session: a random id in the cookie `hl_admin` (`HttpOnly`, `SameSite=Strict`,
//!   `Path=/admin`, `Secure` when `HEADLOG_PUBLIC_URL` is https), kept as its SHA-256; it
//!   ends after 8 h idle or 24 h.
//! - Every POST carries the session's CSRF token and must come from this origin
//!   (`Sec-Fetch-Site` and `Origin`, when the browser sends them); otherwise 403. Under
//!   `Referrer-Policy: no-referrer` a browser's own form post says `Origin: null`: that is
//!   accepted only beside `Sec-Fetch-Site: same-origin`, which no page can forge.
//! - Every response carries a strict Content-Security-Policy and the other security headers.
//! - Refusals are a page with a stable key (`data-key`), and show nothing else.

mod pages;

use crate::bot::BotCtx;
use crate::config::Settings;
use crate::service::admin::{self as admin, UserAction};
use crate::store::admin::AdminSession;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, RawQuery, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;

/// The session cookie's name.
pub const COOKIE: &str = "hl_admin";
/// The largest form body (a broadcast of 4096 characters, percent-encoded).
const MAX_BODY: usize = 64 * 1024;
/// Users per page of the list.
const PAGE: i64 = 50;
/// The policy of every page but the sign-in page with the Login Widget.
const CSP: &str = "default-src 'none'; style-src 'self'; form-action 'self'; \
                   frame-ancestors 'none'; base-uri 'none'";
/// The sign-in page with the Login Widget: its script and frame come from Telegram.
const CSP_WIDGET: &str = "default-src 'none'; style-src 'self'; form-action 'self'; \
                          frame-ancestors 'none'; base-uri 'none'; \
                          script-src https://telegram.org; frame-src https://oauth.telegram.org";

/// What the admin page needs beyond the bot's context.
#[derive(Clone)]
pub struct AdminConfig {
    /// The bot token (the Login Widget's signature is keyed with its SHA-256).
    pub bot_token: SecretString,
    /// The bot's username, for the Login Widget.
    pub bot_username: Option<String>,
    /// The public base URL (its scheme decides the cookie's `Secure`; its origin is one
    /// a form may come from).
    pub public_url: Option<url::Url>,
}

impl AdminConfig {
    /// From the settings.
    pub fn from_settings(s: &Settings) -> AdminConfig {
        AdminConfig {
            bot_token: s.bot_token.clone(),
            bot_username: s.bot_username.clone(),
            public_url: s.public_url.clone(),
        }
    }
}

#[derive(Clone)]
struct Admin {
    ctx: Arc<BotCtx>,
    cfg: Arc<AdminConfig>,
}

impl Admin {
    fn now(&self) -> i64 {
        self.ctx.clock.now().timestamp()
    }
}

/// The routes under `/admin`.
pub fn router(ctx: Arc<BotCtx>, cfg: AdminConfig) -> Router {
    let state = Admin {
        ctx,
        cfg: Arc::new(cfg),
    };
    let inner = Router::new()
        .route("/", get(dashboard))
        .route("/style.css", get(style))
        .route("/login", get(login_page))
        .route("/login/widget", get(login_widget))
        .route("/login/{token}", get(login_link))
        .route("/logout", post(logout))
        .route("/users/{id}/{action}", get(confirm_user).post(act_on_user))
        .route("/broadcasts", post(new_broadcast))
        .route("/broadcasts/{id}", get(broadcast))
        .route("/broadcasts/{id}/send", post(send_broadcast))
        .route("/broadcasts/{id}/cancel", post(cancel_broadcast))
        .fallback(|| async { Refusal::new(StatusCode::NOT_FOUND, "not_found") })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::map_response(secure))
        .with_state(state);
    Router::new().nest("/admin", inner)
}

/// The security headers of every admin response (a handler's own CSP is kept).
async fn secure(mut response: Response) -> Response {
    let h = response.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
    }
    for (name, value) in [
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        h.insert(name, HeaderValue::from_static(value));
    }
    h.insert(
        HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex, nofollow"),
    );
    response
}

/// A refused request: its status and stable key.
#[derive(Debug)]
struct Refusal {
    status: StatusCode,
    key: &'static str,
}

impl Refusal {
    fn new(status: StatusCode, key: &'static str) -> Refusal {
        Refusal { status, key }
    }

    fn message(&self) -> &'static str {
        match self.key {
            "login_invalid" => {
                "This sign-in link does not work: it was used already, it expired, or it never existed. Send /admin to the bot for a new one."
            }
            "widget_invalid" => "The Telegram sign-in could not be verified.",
            "not_admin" => "This Telegram account is not an admin.",
            "no_session" => "Please sign in first (send /admin to the bot).",
            "csrf" => "This form has expired or did not come from this page. Reload and try again.",
            "cross_site" => "Requests from other sites are refused.",
            "not_found" => "There is nothing here.",
            "bad_request" => "The form could not be read.",
            "unavailable" => "The database is unavailable; please try again shortly.",
            _ => "Something went wrong.",
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let hint = matches!(self.key, "no_session" | "login_invalid" | "widget_invalid");
        let html = pages::refusal(self.key, self.message(), hint);
        let mut r = html_page(self.status, html);
        r.headers_mut().insert(
            HeaderName::from_static("x-admin-error"),
            HeaderValue::from_static(self.key),
        );
        r
    }
}

impl From<crate::store::StoreError> for Refusal {
    fn from(e: crate::store::StoreError) -> Refusal {
        if e.is_unavailable() {
            tracing::warn!(error = %e, "admin: store unavailable");
            Refusal::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        } else {
            tracing::error!(error = %e, "admin: store error");
            Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, "internal")
        }
    }
}

fn html_page(status: StatusCode, html: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_owned())]).into_response()
}

/// The session cookie's value, if the request has one.
fn cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
}

/// The signed-in admin's session, or 401.
async fn session(a: &Admin, headers: &HeaderMap) -> Result<(String, AdminSession), Refusal> {
    let no = || Refusal::new(StatusCode::UNAUTHORIZED, "no_session");
    let id = cookie(headers).ok_or_else(no)?;
    let now = a.now();
    let found = a
        .ctx
        .store
        .run(async |tx| admin::session(tx, &id, &a.ctx.admin_ids, now).await)
        .await?;
    found.map(|s| (id, s)).ok_or_else(no)
}

/// A form's fields.
fn form(body: &Bytes) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn field<'f>(fields: &'f [(String, String)], name: &str) -> Option<&'f str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The origins a form may be posted from: the public URL's, and this host's.
fn origin_allowed(origin: &str, headers: &HeaderMap, cfg: &AdminConfig) -> bool {
    if let Some(public) = &cfg.public_url
        && public.origin().ascii_serialization() == origin
    {
        return true;
    }
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        .is_some_and(|rest| rest == host)
}

/// A POST from a signed-in admin, from this site, with the session's CSRF token; else
/// 401 or 403.
async fn checked_post(
    a: &Admin,
    headers: &HeaderMap,
    fields: &[(String, String)],
) -> Result<(String, AdminSession), Refusal> {
    let cross = || Refusal::new(StatusCode::FORBIDDEN, "cross_site");
    // Every value counts: a request carrying two must pass with both. A page cannot set
    // Sec-Fetch-Site; when the browser says same-origin, `Origin: null` (what a form post
    // carries under `Referrer-Policy: no-referrer`) is no objection.
    let fetch_site = headers.get_all("sec-fetch-site").iter().count() > 0;
    for site in headers.get_all("sec-fetch-site") {
        let site = site.to_str().unwrap_or("");
        if site != "same-origin" && site != "none" {
            return Err(cross());
        }
    }
    for origin in headers.get_all(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        if fetch_site && origin == "null" {
            continue;
        }
        if !origin_allowed(origin, headers, &a.cfg) {
            return Err(cross());
        }
    }
    let (id, s) = session(a, headers).await?;
    let given = field(fields, "csrf").unwrap_or("");
    let same: bool = subtle::ConstantTimeEq::ct_eq(given.as_bytes(), s.csrf.as_bytes()).into();
    if !same || given.is_empty() {
        return Err(Refusal::new(StatusCode::FORBIDDEN, "csrf"));
    }
    Ok((id, s))
}

fn session_cookie(a: &Admin, id: &str) -> String {
    let secure = a
        .cfg
        .public_url
        .as_ref()
        .is_some_and(|u| u.scheme() == "https");
    let mut c = format!(
        "{COOKIE}={id}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age={}",
        admin::SESSION_MAX
    );
    if secure {
        c.push_str("; Secure");
    }
    c
}

fn signed_in(a: &Admin, s: &admin::NewSession) -> Response {
    tracing::info!(admin = s.admin_id, "admin signed in");
    let mut r = html_page(StatusCode::OK, pages::signed_in());
    if let Ok(v) = HeaderValue::from_str(&session_cookie(a, &s.id)) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        pages::STYLE,
    )
        .into_response()
}

async fn login_page(State(a): State<Admin>) -> Response {
    let mut r = html_page(StatusCode::OK, pages::login(a.cfg.bot_username.as_deref()));
    if a.cfg.bot_username.is_some() {
        r.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP_WIDGET),
        );
    }
    r
}

async fn login_link(
    State(a): State<Admin>,
    Path(token): Path<String>,
) -> Result<Response, Refusal> {
    let now = a.now();
    let made = a
        .ctx
        .store
        .run(async |tx| admin::login_by_link(tx, &token, &a.ctx.admin_ids, now).await)
        .await?;
    match made {
        Some(s) => Ok(signed_in(&a, &s)),
        None => {
            tracing::info!("admin sign-in refused: link unknown, used or expired");
            Err(Refusal::new(StatusCode::UNAUTHORIZED, "login_invalid"))
        }
    }
}

async fn login_widget(
    State(a): State<Admin>,
    RawQuery(query): RawQuery,
) -> Result<Response, Refusal> {
    let fields = form(&Bytes::from(query.unwrap_or_default()));
    let now = a.now();
    let token = a.cfg.bot_token.expose_secret().to_owned();
    let made = a
        .ctx
        .store
        .run(async |tx| admin::login_by_widget(tx, &fields, &token, &a.ctx.admin_ids, now).await)
        .await?;
    match made {
        Ok(s) => Ok(signed_in(&a, &s)),
        Err(why) => {
            tracing::info!(reason = ?why, "admin widget sign-in refused");
            Err(match why {
                admin::WidgetRefusal::NotAdmin => Refusal::new(StatusCode::FORBIDDEN, "not_admin"),
                _ => Refusal::new(StatusCode::UNAUTHORIZED, "widget_invalid"),
            })
        }
    }
}

async fn logout(
    State(a): State<Admin>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Refusal> {
    let fields = form(&body);
    let (id, s) = checked_post(&a, &headers, &fields).await?;
    let now = a.now();
    a.ctx
        .store
        .run(async |tx| admin::logout(tx, &id, s.admin_id, now).await)
        .await?;
    let mut r = see_other("/admin/login");
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{COOKIE}=; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=0"
    )) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(r)
}

#[derive(serde::Deserialize)]
struct DashQuery {
    after: Option<i64>,
    done: Option<String>,
}

async fn dashboard(
    State(a): State<Admin>,
    headers: HeaderMap,
    Query(q): Query<DashQuery>,
) -> Result<Response, Refusal> {
    let (_, s) = session(&a, &headers).await?;
    let after = q.after.unwrap_or(0).max(0);
    let now = a.now();
    let wall = a.ctx.outbox.now();
    let tx = a.ctx.store.begin().await?;
    let figures = tx.admin_figures(now).await?;
    let outbox = tx.outbox_counts().await?;
    let lanes = tx.outbox_pending_by_lane(wall).await?;
    let mut users = tx.admin_users(after, PAGE + 1).await?;
    let broadcasts = tx.broadcasts(20).await?;
    let actions = tx.admin_actions(50).await?;
    tx.commit().await?;
    let more = users.len() as i64 > PAGE;
    users.truncate(PAGE as usize);
    let st = &a.ctx.outbox.stats;
    let load = |c: &std::sync::atomic::AtomicU64| c.load(std::sync::atomic::Ordering::Relaxed);
    let notice = match q.done.as_deref() {
        Some("block") => Some("The user is suspended."),
        Some("unblock") => Some("The user's suspension is lifted."),
        Some("erase") => Some("The user is erased."),
        Some("cancel") => Some("The broadcast is cancelled."),
        _ => None,
    };
    let html = pages::dashboard(&pages::Dashboard {
        admin_id: s.admin_id,
        csrf: &s.csrf,
        figures: &figures,
        outbox: &outbox,
        lanes: &lanes,
        process: [
            ("sent", load(&st.sent)),
            ("failed", load(&st.failed)),
            ("retried", load(&st.retried)),
            ("expired", load(&st.expired)),
            ("rate limited (429)", load(&st.limited)),
        ],
        users: &users,
        after,
        more,
        broadcasts: &broadcasts,
        actions: &actions,
        notice,
    });
    Ok(html_page(StatusCode::OK, html))
}

async fn confirm_user(
    State(a): State<Admin>,
    headers: HeaderMap,
    Path((id, action)): Path<(i64, String)>,
) -> Result<Response, Refusal> {
    let (_, s) = session(&a, &headers).await?;
    let action =
        UserAction::parse(&action).ok_or(Refusal::new(StatusCode::NOT_FOUND, "not_found"))?;
    let known = a.ctx.store.run(async |tx| tx.user_exists(id).await).await?;
    if !known {
        return Err(Refusal::new(StatusCode::NOT_FOUND, "not_found"));
    }
    Ok(html_page(
        StatusCode::OK,
        pages::confirm_user(id, action.key(), &s.csrf),
    ))
}

async fn act_on_user(
    State(a): State<Admin>,
    headers: HeaderMap,
    Path((id, action)): Path<(i64, String)>,
    body: Bytes,
) -> Result<Response, Refusal> {
    let fields = form(&body);
    let (_, s) = checked_post(&a, &headers, &fields).await?;
    let action =
        UserAction::parse(&action).ok_or(Refusal::new(StatusCode::NOT_FOUND, "not_found"))?;
    let now = a.now();
    let done = a
        .ctx
        .store
        .run(async |tx| admin::act_on_user(tx, s.admin_id, id, action, now).await)
        .await?;
    if !done {
        return Err(Refusal::new(StatusCode::NOT_FOUND, "not_found"));
    }
    tracing::info!(
        admin = s.admin_id,
        user = id,
        action = action.key(),
        "admin action"
    );
    Ok(see_other(&format!("/admin?done={}", action.key())))
}

/// `YYYY-MM-DDTHH:MM` (a `datetime-local` input), read as UTC.
fn parse_at(s: &str) -> Option<i64> {
    chrono::NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M")
        .ok()
        .map(|t| t.and_utc().timestamp())
}

async fn new_broadcast(
    State(a): State<Admin>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Refusal> {
    let fields = form(&body);
    let (_, s) = checked_post(&a, &headers, &fields).await?;
    let bad = || Refusal::new(StatusCode::BAD_REQUEST, "bad_request");
    let text = field(&fields, "text").unwrap_or("").replace("\r\n", "\n");
    let lang = field(&fields, "lang");
    let at = match field(&fields, "at")
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        Some(v) => Some(parse_at(v).ok_or_else(bad)?),
        None => None,
    };
    let now = a.now();
    let made = a
        .ctx
        .store
        .run(async |tx| admin::draft_broadcast(tx, s.admin_id, &text, lang, at, now).await)
        .await?;
    let id = made.map_err(|_| bad())?;
    Ok(see_other(&format!("/admin/broadcasts/{id}")))
}

async fn broadcast(
    State(a): State<Admin>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, Refusal> {
    let (_, s) = session(&a, &headers).await?;
    let found = a.ctx.store.run(async |tx| tx.broadcast(id).await).await?;
    let x = found.ok_or(Refusal::new(StatusCode::NOT_FOUND, "not_found"))?;
    Ok(html_page(
        StatusCode::OK,
        pages::broadcast(&x, &s.csrf, a.ctx.outbox.now()),
    ))
}

async fn send_broadcast(
    State(a): State<Admin>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, Refusal> {
    let fields = form(&body);
    let (_, s) = checked_post(&a, &headers, &fields).await?;
    let (now, wall) = (a.now(), a.ctx.outbox.now());
    let done = a
        .ctx
        .store
        .run(async |tx| {
            let Some(x) = tx.broadcast(id).await? else {
                return Ok(false);
            };
            // Broadcasts go out by the delivery clock (the wall clock), as the outbox does.
            let due = match field(&fields, "when") {
                Some("scheduled") => x.due_at.filter(|t| *t > wall).unwrap_or(wall),
                _ => wall,
            };
            admin::confirm_broadcast(tx, s.admin_id, id, due, wall, now).await
        })
        .await?;
    if !done {
        return Err(Refusal::new(StatusCode::NOT_FOUND, "not_found"));
    }
    tracing::info!(admin = s.admin_id, broadcast = id, "broadcast confirmed");
    a.ctx.broadcast_wake.notify_one();
    Ok(see_other(&format!("/admin/broadcasts/{id}")))
}

async fn cancel_broadcast(
    State(a): State<Admin>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, Refusal> {
    let fields = form(&body);
    let (_, s) = checked_post(&a, &headers, &fields).await?;
    let now = a.now();
    let done = a
        .ctx
        .store
        .run(async |tx| admin::cancel_broadcast(tx, s.admin_id, id, now).await)
        .await?;
    if !done {
        return Err(Refusal::new(StatusCode::NOT_FOUND, "not_found"));
    }
    Ok(see_other("/admin?done=cancel"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_read_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; hl_admin=abc; b=2"),
        );
        assert_eq!(cookie(&h).as_deref(), Some("abc"));
        assert_eq!(cookie(&HeaderMap::new()), None);
    }

    #[test]
    fn a_form_time_is_read_as_utc() {
        assert_eq!(parse_at("2026-03-10T09:00"), Some(1_773_133_200));
        assert_eq!(parse_at("tomorrow"), None);
    }
}
