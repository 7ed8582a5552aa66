//! `GET /doctor/{token}`: the doctor report a link opens, as one HTML page, read from the
//! store when opened (so it shows the diary as it is now, for the link's period). Only a
//! live link opens it; an unknown, malformed, expired or revoked one is the same 404 page,
//! which says nothing of whose it was. Never indexed, never cached, no referrer sent, no
//! script, nothing loaded from elsewhere; nothing else of the user is reachable from it.

use crate::bot::BotCtx;
use crate::service::links;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::sync::Arc;

/// The route, reading through `ctx`.
pub fn router(ctx: Arc<BotCtx>) -> Router {
    Router::new()
        .route("/doctor/{token}", get(open))
        .with_state(ctx)
}

fn page(status: StatusCode, html: String) -> Response {
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CACHE_CONTROL, "no-store"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'",
        ),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.insert(
        "x-robots-tag",
        HeaderValue::from_static("noindex, nofollow"),
    );
    response
}

fn gone(ctx: &BotCtx) -> Response {
    // The link's language is unknown here: both.
    let text = crate::domain::lang::Lang::ALL
        .iter()
        .map(|l| crate::doctor::html::escape(&ctx.i18n.t(*l, "doctor-link-dead")))
        .collect::<Vec<_>>()
        .join("<br>");
    page(
        StatusCode::NOT_FOUND,
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"robots\" \
             content=\"noindex, nofollow\"><title>headlog</title></head><body><p>{text}</p></body></html>"
        ),
    )
}

async fn open(State(ctx): State<Arc<BotCtx>>, Path(token): Path<String>) -> Response {
    if !links::well_formed(&token) {
        return gone(&ctx);
    }
    match render(&ctx, &token).await {
        Ok(Some(html)) => page(StatusCode::OK, html),
        Ok(None) => gone(&ctx),
        Err(e) => {
            tracing::warn!(error = %e, "a doctor link could not be read");
            page(
                StatusCode::SERVICE_UNAVAILABLE,
                "<!DOCTYPE html><p>Please try again in a minute.</p>".to_owned(),
            )
        }
    }
}

async fn render(ctx: &BotCtx, token: &str) -> anyhow::Result<Option<String>> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    let Some(link) = tx
        .live_doctor_link(&links::hash(token), now.timestamp())
        .await?
    else {
        tx.commit().await?;
        return Ok(None);
    };
    let Some(user) = tx.user(link.user_id).await? else {
        tx.commit().await?;
        return Ok(None);
    };
    let zone = user.zone_or_utc();
    let today = now.with_timezone(&zone).date_naive();
    let bundle = crate::doctor::load(&tx, user.id, link.period, today, now, zone).await?;
    tx.commit().await?;
    let doc = crate::doctor::content::document(&ctx.i18n, user.lang(), &bundle);
    Ok(Some(crate::doctor::html::html(
        &doc,
        crate::doctor::paper_for(zone),
    )))
}
