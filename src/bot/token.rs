//! /token: personal API tokens for the HTTP API (`/api/v1`). A token is shown once, when
//! made; the store keeps only its SHA-256. The screen lists the live ones (when made, when
//! last used) with a button to revoke each; a revoked token stops working at once.

use crate::bot::report::text::date_label;
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::Callback;
use crate::bot::ui::keyboards::inline;
use crate::i18n::Arg;
use teloxide_core::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId, ReplyMarkup};

/// What a /token button asks for (`K:` payloads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// Make a new token (`n`).
    New,
    /// Revoke token `id` (`x:<id>`).
    Revoke(i64),
}

fn parse(payload: &str) -> Option<Action> {
    match payload.split_once(':') {
        None if payload == "n" => Some(Action::New),
        Some(("x", id)) => id.parse().ok().filter(|i| *i > 0).map(Action::Revoke),
        _ => None,
    }
}

fn encode(a: Action) -> String {
    Callback::Token(match a {
        Action::New => "n".into(),
        Action::Revoke(id) => format!("x:{id}"),
    })
    .encode()
}

fn day(ctx: &Ctx<'_>, at: i64) -> String {
    let at = chrono::DateTime::from_timestamp(at, 0).unwrap_or(ctx.now);
    date_label(
        &ctx.bot.i18n,
        ctx.lang,
        at.with_timezone(&ctx.zone()).date_naive(),
    )
}

async fn screen(ctx: &Ctx<'_>) -> anyhow::Result<(String, InlineKeyboardMarkup)> {
    let tokens = ctx.tx.api_tokens(ctx.user.id).await?;
    let mut lines = vec![ctx.t("token-about")];
    if tokens.is_empty() {
        lines.push(ctx.t("token-none"));
    }
    let mut rows = vec![vec![InlineKeyboardButton::callback(
        ctx.t("btn-token-new"),
        encode(Action::New),
    )]];
    for (i, t) in tokens.iter().enumerate() {
        let n = Arg::Num(i as i64 + 1);
        let used = match t.last_used_at {
            Some(at) => ctx.tr("token-used", &[("date", day(ctx, at).into())]),
            None => ctx.t("token-unused"),
        };
        lines.push(ctx.tr(
            "token-line",
            &[
                ("n", n.clone()),
                ("made", day(ctx, t.created_at).into()),
                ("used", used.into()),
            ],
        ));
        rows.push(vec![InlineKeyboardButton::callback(
            ctx.tr("btn-token-revoke", &[("n", n)]),
            encode(Action::Revoke(t.id)),
        )]);
    }
    Ok((lines.join("\n"), inline(rows)))
}

/// /token: the screen.
pub async fn show(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let (text, keyboard) = screen(ctx).await?;
    ctx.send(&text, Some(ReplyMarkup::InlineKeyboard(keyboard)))
        .await;
    Ok(())
}

/// A /token button.
pub async fn on_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    payload: &str,
) -> anyhow::Result<Option<String>> {
    let Some(action) = parse(payload) else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    match action {
        Action::New => {
            // One token per press: a double tap makes no second one.
            let key = format!("token:{}:{}", ctx.chat, message.0);
            if ctx.tx.outbox_has_key(&format!("{key}:0")).await? {
                return Ok(Some(ctx.t("token-already-made")));
            }
            ctx.out.key_replies(key);
            let (token, _) =
                crate::service::links::create_api_token(ctx.tx, ctx.user.id, ctx.now.timestamp())
                    .await?;
            let (text, keyboard) = screen(ctx).await?;
            ctx.edit(message, &text, Some(keyboard)).await;
            ctx.send(&ctx.tr("token-made", &[("token", token.into())]), None)
                .await;
            Ok(None)
        }
        Action::Revoke(id) => {
            if !ctx
                .tx
                .revoke_api_token(ctx.user.id, id, ctx.now.timestamp())
                .await?
            {
                return Ok(Some(ctx.t("token-not-live")));
            }
            let (text, keyboard) = screen(ctx).await?;
            ctx.edit(message, &text, Some(keyboard)).await;
            Ok(Some(ctx.t("token-revoked")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_and_forged_ones_are_refused() {
        for a in [Action::New, Action::Revoke(42)] {
            let data = encode(a);
            let payload = data.strip_prefix("K:").unwrap();
            assert_eq!(parse(payload), Some(a));
        }
        for bad in ["", "x", "x:", "x:0", "x:-3", "x:abc", "n:1", "q"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
