//! The HTTP API under `/api/v1` for a user's own data: their records, medications, doses,
//! day records (check-ins), figures, questionnaires and export, read through the same
//! store transactions and use-cases as the bot, and one write (an attack, as the one tap
//! records it, with its intensity). The OpenAPI document is at `/api/v1/openapi.json`.
//!
//! Authentication, one of:
//! - `Authorization: Bearer hl_…`, a personal token made in the bot (/token), stored as
//!   its SHA-256;
//! - `Authorization: tma <initData>`, a Telegram Mini App's launch data, its `hash`
//!   checked by HMAC-SHA-256 with the key `HMAC("WebAppData", bot token)` and its
//!   `auth_date` at most [`INIT_DATA_MAX_AGE`] old.
//!
//! Every route reads only the authenticated user's rows: ids of other users' records are
//! simply not found. Errors are one JSON shape, `{"error": {"key": …, "message": …}}`,
//! with a stable key; a 5xx never says why.

use crate::bot::BotCtx;
use crate::domain::attack::{Attack, AttackField};
use crate::domain::figures::Period;
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Days, NaiveDate, SecondsFormat, Utc};
use hmac::{Hmac, KeyInit, Mac};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::Sha256;
use std::sync::Arc;

/// How old a Mini App's `initData` may be.
pub const INIT_DATA_MAX_AGE: i64 = 24 * 3600;
/// The largest request body.
pub const MAX_BODY: usize = 16 * 1024;
/// The longest period a list covers.
const MAX_DAYS: u64 = 3660;

/// What the routes share.
#[derive(Clone)]
pub struct Api {
    ctx: Arc<BotCtx>,
    bot_token: SecretString,
}

/// The API's routes under `/api/v1`.
pub fn router(ctx: Arc<BotCtx>, bot_token: SecretString) -> Router {
    let api = Api { ctx, bot_token };
    let inner = Router::new()
        .route("/openapi.json", get(openapi))
        .route("/me", get(me))
        .route("/attacks", get(attacks).post(new_attack))
        .route("/attacks/{id}", get(attack))
        .route("/medications", get(medications))
        .route("/doses", get(doses))
        .route("/days", get(days))
        .route("/figures", get(figures))
        .route("/questionnaires", get(questionnaires))
        .route("/export", get(export))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "not_found") })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(api);
    Router::new().nest("/api/v1", inner)
}

/// An API error: its status and stable key.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    key: &'static str,
}

impl ApiError {
    fn new(status: StatusCode, key: &'static str) -> ApiError {
        ApiError { status, key }
    }

    fn message(&self) -> &'static str {
        match self.key {
            "unauthorized" => "a valid API token or Mini App initData is needed",
            "init_data_expired" => "the Mini App initData is too old",
            "not_found" => "no such thing here",
            "bad_request" => "the request could not be read",
            "invalid_period" => {
                "from and to must be dates (YYYY-MM-DD), from before to, at most 10 years"
            }
            "invalid_attack" => {
                "started_at must be an RFC 3339 time not in the future; intensity 0 to 10"
            }
            "payload_too_large" => "the request body is too large",
            "unavailable" => "please try again shortly",
            _ => "something went wrong",
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": { "key": self.key, "message": self.message() } });
        (self.status, Json(body)).into_response()
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> ApiError {
        if e.is_unavailable() {
            tracing::warn!(error = %e, "API: store unavailable");
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        } else {
            tracing::error!(error = %e, "API: store error");
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal")
        }
    }
}

/// The authenticated user.
pub struct ApiUser(crate::domain::user::User);

/// The user id a Mini App's `initData` was signed for, when its signature holds and it is
/// at most [`INIT_DATA_MAX_AGE`] old at `now`.
pub fn check_init_data(init_data: &str, bot_token: &str, now: i64) -> Result<i64, &'static str> {
    let mut pairs: Vec<(String, String)> = url::form_urlencoded::parse(init_data.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let Some(at) = pairs.iter().position(|(k, _)| k == "hash") else {
        return Err("unauthorized");
    };
    let (_, hash) = pairs.remove(at);
    pairs.sort();
    let check = pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut key =
        <Hmac<Sha256> as KeyInit>::new_from_slice(b"WebAppData").map_err(|_| "unauthorized")?;
    key.update(bot_token.as_bytes());
    let secret = key.finalize().into_bytes();
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&secret).map_err(|_| "unauthorized")?;
    mac.update(check.as_bytes());
    let Some(expected) = hex(&hash) else {
        return Err("unauthorized");
    };
    mac.verify_slice(&expected).map_err(|_| "unauthorized")?;
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let auth_date: i64 = field("auth_date")
        .and_then(|v| v.parse().ok())
        .ok_or("unauthorized")?;
    if now - auth_date > INIT_DATA_MAX_AGE || auth_date > now + 300 {
        return Err("init_data_expired");
    }
    #[derive(Deserialize)]
    struct TgUser {
        id: i64,
    }
    let user: TgUser =
        serde_json::from_str(field("user").ok_or("unauthorized")?).map_err(|_| "unauthorized")?;
    Ok(user.id)
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

impl FromRequestParts<Api> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, api: &Api) -> Result<ApiUser, ApiError> {
        let unauthorized = || ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized");
        let value = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(unauthorized)?;
        let now = api.ctx.clock.now().timestamp();
        let tx = api.ctx.store.begin().await?;
        let user_id = if let Some(token) = value.strip_prefix("Bearer ") {
            let token = token.trim();
            if !token.starts_with(crate::service::links::API_PREFIX) || token.len() > 100 {
                return Err(unauthorized());
            }
            tx.use_api_token(&crate::service::links::hash(token), now)
                .await?
                .ok_or_else(unauthorized)?
        } else if let Some(data) = value.strip_prefix("tma ") {
            check_init_data(data.trim(), api.bot_token.expose_secret(), now)
                .map_err(|key| ApiError::new(StatusCode::UNAUTHORIZED, key))?
        } else {
            return Err(unauthorized());
        };
        let user = tx.user(user_id).await?.ok_or_else(unauthorized)?;
        tx.commit().await?;
        Ok(ApiUser(user))
    }
}

fn time(at: DateTime<Utc>, zone: chrono_tz::Tz) -> String {
    at.with_timezone(&zone)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn attack_json(a: &Attack) -> Value {
    let keys = |v: Vec<&str>| Value::from(v);
    json!({
        "id": a.id,
        "started_at": time(a.started_at, a.zone),
        "ended_at": a.ended_at.map(|e| time(e, a.zone)),
        "end_unknown": a.end_unknown,
        "zone": a.zone.name(),
        "intensity": a.intensity,
        "locations": keys(a.locations.iter().map(|l| l.key()).collect()),
        "side": a.side.map(|s| s.key()),
        "character": a.character.map(|c| c.key()),
        "worse_with_activity": a.worse_with_activity,
        "nausea": a.nausea.map(|n| n.key()),
        "vomiting": a.vomiting,
        "light_sensitivity": a.light_sensitivity,
        "sound_sensitivity": a.sound_sensitivity,
        "aura": keys(a.aura.iter().map(|k| k.key()).collect()),
        "aura_min": a.aura_min,
        "triggers": keys(a.triggers.iter().map(|t| t.key()).collect()),
        "trigger_note": a.trigger_note,
        "disability": a.disability.map(|d| d.key()),
        "comment": a.comment,
        "created_at": time(a.created_at, a.zone),
    })
}

/// A period from `from` and `to` query dates (default: the last 30 days to today).
#[derive(Deserialize)]
struct Range {
    from: Option<String>,
    to: Option<String>,
}

fn period(
    q: &Range,
    user: &crate::domain::user::User,
    now: DateTime<Utc>,
) -> Result<Period, ApiError> {
    let bad = || ApiError::new(StatusCode::BAD_REQUEST, "invalid_period");
    let today = now.with_timezone(&user.zone_or_utc()).date_naive();
    let parse = |s: &Option<String>| -> Result<Option<NaiveDate>, ApiError> {
        s.as_deref()
            .map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad()))
            .transpose()
    };
    let last = parse(&q.to)?.unwrap_or(today);
    let first = match parse(&q.from)? {
        Some(d) => d,
        None => last.checked_sub_days(Days::new(29)).ok_or_else(bad)?,
    };
    if first > last || (last - first).num_days() as u64 >= MAX_DAYS {
        return Err(bad());
    }
    Ok(Period::new(first, last))
}

fn query_or_bad<T>(
    q: Result<Query<T>, axum::extract::rejection::QueryRejection>,
) -> Result<T, ApiError> {
    q.map(|Query(v)| v)
        .map_err(|_| ApiError::new(StatusCode::BAD_REQUEST, "invalid_period"))
}

/// The period asked for and the records the figures would count in it.
async fn period_records(
    api: &Api,
    user: &crate::domain::user::User,
    q: Result<Query<Range>, axum::extract::rejection::QueryRejection>,
) -> Result<(Period, crate::domain::export::Diary), ApiError> {
    let p = period(&query_or_bad(q)?, user, api.ctx.clock.now())?;
    let tx = api.ctx.store.begin().await?;
    let diary = crate::service::figures::records(&tx, user.id, p).await?;
    tx.commit().await?;
    Ok((p, diary))
}

async fn openapi() -> Json<Value> {
    Json(openapi_document())
}

async fn me(State(_): State<Api>, ApiUser(user): ApiUser) -> Json<Value> {
    Json(json!({
        "id": user.id,
        "lang": user.lang().code(),
        "zone": user.zone.map(|z| z.name()),
    }))
}

async fn attacks(
    State(api): State<Api>,
    ApiUser(user): ApiUser,
    q: Result<Query<Range>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let (p, diary) = period_records(&api, &user, q).await?;
    let list: Vec<Value> = diary
        .attacks
        .iter()
        .filter(|a| p.contains(a.started_at.with_timezone(&a.zone).date_naive()))
        .map(attack_json)
        .collect();
    Ok(Json(
        json!({ "from": p.first.to_string(), "to": p.last.to_string(), "attacks": list }),
    ))
}

async fn attack(
    State(api): State<Api>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let not_found = || ApiError::new(StatusCode::NOT_FOUND, "not_found");
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let tx = api.ctx.store.begin().await?;
    let found = tx.attack(user.id, id).await?;
    tx.commit().await?;
    match found {
        Some(a) if a.deleted_at.is_none() => Ok(Json(attack_json(&a))),
        _ => Err(not_found()),
    }
}

/// `POST /api/v1/attacks`: `{"started_at"?: RFC 3339, "intensity"?: 0–10}`. With an
/// `Idempotency-Key` header, the same key records one attack however often it is sent.
async fn new_attack(
    State(api): State<Api>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
        } else {
            ApiError::new(StatusCode::BAD_REQUEST, "bad_request")
        }
    })?;
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct NewAttack {
        started_at: Option<String>,
        intensity: Option<i64>,
    }
    let input: NewAttack = serde_json::from_slice(if body.is_empty() { b"{}" } else { &body })
        .map_err(|_| ApiError::new(StatusCode::BAD_REQUEST, "bad_request"))?;
    let invalid = || ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_attack");
    let now = api.ctx.clock.now();
    let at = match input.started_at.as_deref() {
        Some(s) => DateTime::parse_from_rfc3339(s)
            .map_err(|_| invalid())?
            .with_timezone(&Utc),
        None => now,
    };
    if at > now + chrono::Duration::minutes(1) || now - at > chrono::Duration::days(3650) {
        return Err(invalid());
    }
    let intensity = match input.intensity {
        Some(v) => Some(
            u8::try_from(v)
                .ok()
                .filter(|v| *v <= 10)
                .ok_or_else(invalid)?,
        ),
        None => None,
    };
    // The origin the bot keys updates by; API requests take negative ones, from the
    // idempotency key when given.
    let origin = match headers.get("idempotency-key").and_then(|v| v.to_str().ok()) {
        Some(k) if !k.is_empty() && k.len() <= 200 => {
            let h = crate::service::links::hash(&format!("{}:{k}", user.id));
            -(i64::from_str_radix(&h[..15], 16).unwrap_or(1).max(1))
        }
        _ => -(now.timestamp_nanos_opt().unwrap_or(1).max(1)),
    };
    let tx = api.ctx.store.begin().await?;
    let existing = tx.attack_by_origin(user.id, origin).await?;
    let (status, made) = match existing {
        Some(a) => (StatusCode::OK, a),
        None => {
            let a = crate::service::diary::start_attack_at(&tx, &user, at, now, origin).await?;
            let a = match intensity {
                Some(v) => crate::service::details::update_attack(
                    &tx,
                    user.id,
                    a.id,
                    &[AttackField::Intensity(Some(v))],
                    now,
                )
                .await?
                .unwrap_or(a),
                None => a,
            };
            (StatusCode::CREATED, a)
        }
    };
    tx.commit().await?;
    Ok((status, Json(attack_json(&made))))
}

async fn medications(
    State(api): State<Api>,
    ApiUser(user): ApiUser,
) -> Result<Json<Value>, ApiError> {
    let tx = api.ctx.store.begin().await?;
    let meds = tx.medications(user.id).await?;
    tx.commit().await?;
    let list: Vec<Value> = meds
        .iter()
        .map(|m| json!({ "id": m.id, "name": m.name, "class": m.class.key(), "default_dose": m.default_dose }))
        .collect();
    Ok(Json(json!({ "medications": list })))
}

async fn doses(
    State(api): State<Api>,
    ApiUser(user): ApiUser,
    q: Result<Query<Range>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let (p, diary) = period_records(&api, &user, q).await?;
    let list: Vec<Value> = diary
        .intakes
        .iter()
        .filter(|i| p.contains(i.taken_at.with_timezone(&i.zone).date_naive()))
        .map(|i| {
            json!({
                "id": i.id, "medication_id": i.medication_id, "name": i.name,
                "class": i.class.key(), "taken_at": time(i.taken_at, i.zone), "dose": i.dose,
                "attack_id": i.attack_id, "effect": i.effect.map(|e| e.key()),
            })
        })
        .collect();
    Ok(Json(
        json!({ "from": p.first.to_string(), "to": p.last.to_string(), "doses": list }),
    ))
}

async fn days(
    State(api): State<Api>,
    ApiUser(user): ApiUser,
    q: Result<Query<Range>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let p = period(&query_or_bad(q)?, &user, api.ctx.clock.now())?;
    let tx = api.ctx.store.begin().await?;
    let records = tx.day_records(user.id, p.first, p.last).await?;
    tx.commit().await?;
    let list: Vec<Value> = records
        .iter()
        .map(|d| {
            json!({
                "id": d.id, "day": d.day.to_string(), "headache_free": d.headache_free,
                "menstruation": d.menstruation, "comment": d.comment,
            })
        })
        .collect();
    Ok(Json(
        json!({ "from": p.first.to_string(), "to": p.last.to_string(), "days": list }),
    ))
}

async fn figures(
    State(api): State<Api>,
    ApiUser(user): ApiUser,
    q: Result<Query<Range>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let now = api.ctx.clock.now();
    let p = period(&query_or_bad(q)?, &user, now)?;
    let today = now.with_timezone(&user.zone_or_utc()).date_naive();
    let tx = api.ctx.store.begin().await?;
    let r = crate::service::report::load(&tx, user.id, p, today).await?;
    tx.commit().await?;
    let f = &r.figures;
    let classes: serde_json::Map<String, Value> = f
        .acute_days
        .used()
        .map(|(c, n)| (c.key().to_owned(), Value::from(n)))
        .collect();
    let months: Vec<Value> = r
        .months
        .iter()
        .map(|m| {
            json!({
                "from": m.period.first.to_string(), "to": m.period.last.to_string(), "headache_days": m.headache_days,
                "migraine_like_days": m.migraine_like_days, "acute_medication_days": m.any_acute_days,
                "overuse": m.overuse.iter().any(|o| o.applies()),
            })
        })
        .collect();
    Ok(Json(json!({
        "from": p.first.to_string(), "to": p.last.to_string(),
        "headache_days": f.headache_days, "migraine_like_days": f.migraine_like_days,
        "headache_free_days": f.headache_free_days, "recorded_days": f.recorded_days,
        "no_record_days": f.no_record_days, "attacks": f.attacks,
        "intensity": f.intensity.as_ref().map(|i| json!({ "average": i.average(), "peak": i.peak })),
        "lost_days": f.lost_days, "reduced_days": f.reduced_days,
        "acute_medication_days": f.any_acute_days, "acute_days_by_class": classes,
        "simple_analgesic_days": f.simple_analgesic_days,
        "overuse_months": f.overuse.iter().filter(|o| o.applies()).map(|o| o.days.first.to_string()).collect::<Vec<_>>(),
        "months": months,
    })))
}

async fn questionnaires(
    State(api): State<Api>,
    ApiUser(user): ApiUser,
) -> Result<Json<Value>, ApiError> {
    let tx = api.ctx.store.begin().await?;
    let all = tx.questionnaires(user.id, i64::MAX).await?;
    tx.commit().await?;
    let list: Vec<Value> = all
        .iter()
        .map(|t| {
            json!({
                "id": t.id, "instrument": t.answers.instrument().key(), "day": t.day().to_string(),
                "taken_at": time(t.taken_at, t.zone), "score": t.answers.score(),
                "level": t.answers.level_key(), "answers": t.answers.encode(),
            })
        })
        .collect();
    Ok(Json(json!({ "questionnaires": list })))
}

async fn export(State(api): State<Api>, ApiUser(user): ApiUser) -> Result<Response, ApiError> {
    let tx = api.ctx.store.begin().await?;
    let csv = crate::service::diary::export(&tx, user.id).await?;
    tx.commit().await?;
    let bytes = csv.map(|(b, _)| b).unwrap_or_default();
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"headlog.csv\"",
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The routes of the API, for the document and the tests: method, path, summary.
pub const ROUTES: [(&str, &str, &str); 10] = [
    ("get", "/api/v1/me", "The authenticated user"),
    (
        "get",
        "/api/v1/attacks",
        "Attacks that started in a period (from, to)",
    ),
    (
        "post",
        "/api/v1/attacks",
        "Record an attack (started_at, intensity; Idempotency-Key)",
    ),
    ("get", "/api/v1/attacks/{id}", "One attack"),
    ("get", "/api/v1/medications", "The medication list"),
    ("get", "/api/v1/doses", "Doses taken in a period (from, to)"),
    (
        "get",
        "/api/v1/days",
        "Day records (check-ins) of a period (from, to)",
    ),
    (
        "get",
        "/api/v1/figures",
        "The figures of a period (from, to), as the reports count them",
    ),
    ("get", "/api/v1/questionnaires", "MIDAS and HIT-6 results"),
    ("get", "/api/v1/export", "The diary as CSV"),
];

/// The OpenAPI 3.1 document of [`ROUTES`].
pub fn openapi_document() -> Value {
    let error = json!({
        "description": "An error",
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
    });
    let mut paths = serde_json::Map::new();
    for (method, path, summary) in ROUTES {
        let mut params = Vec::new();
        if summary.contains("(from, to)") {
            for name in ["from", "to"] {
                params.push(json!({ "name": name, "in": "query", "required": false,
                    "schema": { "type": "string", "format": "date" } }));
            }
        }
        if path.contains("{id}") {
            params.push(json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }));
        }
        let mut op = json!({
            "summary": summary,
            "parameters": params,
            "responses": {
                "200": { "description": "OK" },
                "400": error, "401": error, "404": error, "503": error,
            },
        });
        if method == "post" {
            op["requestBody"] = json!({ "content": { "application/json": { "schema": {
                "type": "object", "additionalProperties": false,
                "properties": { "started_at": { "type": "string", "format": "date-time" },
                                "intensity": { "type": "integer", "minimum": 0, "maximum": 10 } } } } } });
            op["responses"]["201"] = json!({ "description": "Recorded" });
            op["responses"]["413"] = error.clone();
            op["responses"]["422"] = error.clone();
        }
        paths
            .entry(path.to_owned())
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .map(|o| o.insert(method.to_owned(), op));
    }
    json!({
        "openapi": "3.1.0",
        "info": { "title": "headlog API", "version": "1" },
        "servers": [{ "url": "/" }],
        "security": [{ "token": [] }, { "miniApp": [] }],
        "components": {
            "securitySchemes": {
                "token": { "type": "http", "scheme": "bearer", "description": "A personal token from /token in the bot" },
                "miniApp": { "type": "apiKey", "in": "header", "name": "Authorization",
                             "description": "tma <initData> of a Telegram Mini App, at most 24 h old" },
            },
            "schemas": {
                "Error": { "type": "object", "properties": { "error": { "type": "object",
                    "properties": { "key": { "type": "string" }, "message": { "type": "string" } } } } }
            }
        },
        "paths": paths,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign(fields: &[(&str, &str)], token: &str) -> String {
        let mut sorted: Vec<_> = fields.to_vec();
        sorted.sort();
        let check = sorted
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut key = <Hmac<Sha256> as KeyInit>::new_from_slice(b"WebAppData").unwrap();
        key.update(token.as_bytes());
        let secret = key.finalize().into_bytes();
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&secret).unwrap();
        mac.update(check.as_bytes());
        let hash: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in fields {
            out.append_pair(k, v);
        }
        out.append_pair("hash", &hash);
        out.finish()
    }

    #[test]
    fn init_data_is_accepted_only_signed_fresh_and_whole() {
        let token = "123456:TEST-token";
        let user = r#"{"id":42,"first_name":"A"}"#;
        let now = 1_800_000_000;
        let good = sign(
            &[
                ("auth_date", &now.to_string()),
                ("user", user),
                ("query_id", "q"),
            ],
            token,
        );
        assert_eq!(check_init_data(&good, token, now + 60), Ok(42));
        assert_eq!(
            check_init_data(&good, "999:other", now),
            Err("unauthorized")
        );
        assert_eq!(
            check_init_data(&good, token, now + INIT_DATA_MAX_AGE + 1),
            Err("init_data_expired")
        );
        let tampered = good.replace("%22id%22%3A42", "%22id%22%3A43");
        assert_ne!(tampered, good);
        assert_eq!(check_init_data(&tampered, token, now), Err("unauthorized"));
        assert_eq!(
            check_init_data("auth_date=1&user=x", token, now),
            Err("unauthorized")
        );
        assert_eq!(check_init_data("", token, now), Err("unauthorized"));
        let no_user = sign(&[("auth_date", &now.to_string())], token);
        assert_eq!(check_init_data(&no_user, token, now), Err("unauthorized"));
    }

    #[test]
    fn the_document_lists_every_route() {
        let doc = openapi_document();
        for (method, path, _) in ROUTES {
            assert!(doc["paths"][path][method].is_object(), "{method} {path}");
        }
    }
}
