//! The details editor: every attack field in one message, edited in place. An overview
//! lists each field with its value and a button per field; a field's screen saves a choice
//! at once and comes back. "Add details" on the one-tap message walks the fields one by
//! one instead (Skip, Done). Typed fields (times, aura minutes, trigger note, comment) wait
//! for a message in `Dialogue::Details`. Every press re-reads the attack through the
//! user-scoped store, and each choice sets one field, so edits from old messages never
//! undo each other.

mod screen;
mod set;
mod typed;
mod view;

use crate::bot::ui::Ctx;
use crate::bot::ui::callback::details::{Action, Field, Origin, WALK};
use crate::bot::ui::dialogue::{self, Dialogue};
use crate::bot::ui::record;
use crate::domain::attack::Attack;
use serde::{Deserialize, Serialize};
use teloxide_core::types::MessageId;

pub use typed::on_text;

/// What the editor waits for while a typed field's screen is open (`Dialogue::Details`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Waiting {
    /// The attack.
    attack: i64,
    /// The field's payload code.
    field: String,
    /// The origin's payload code.
    origin: String,
    /// The editor's message.
    message: i32,
}

impl Action {
    fn attack(&self) -> i64 {
        match self {
            Action::Add(id)
            | Action::Overview(id, _)
            | Action::Open(id, _, _)
            | Action::Set(id, _, _, _)
            | Action::Toggle(id, _, _, _, _)
            | Action::Skip(id, _, _)
            | Action::Done(id, _) => *id,
        }
    }
}

/// Stops waiting for typed input, if the editor was.
async fn stop_waiting(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    let store = ctx.tx;
    if let Some(Dialogue::Details { .. }) = dialogue::load(store, ctx.user.id).await? {
        dialogue::save(store, ctx.user.id, None, ctx.now.timestamp()).await?;
    }
    Ok(())
}

/// Where the editor goes once `field` is answered.
fn after(origin: Origin, field: Field) -> (Origin, Option<Field>) {
    if let Some(parent) = field.parent() {
        return (origin, Some(parent));
    }
    match (origin, field.next()) {
        (Origin::Walk, Some(next)) => (Origin::Walk, Some(next)),
        (o, _) => (o.settled(), None),
    }
}

/// Shows the overview (`field` = `None`) or a field's screen in `message`; a typed
/// field's screen waits for its text.
async fn show(
    ctx: &Ctx<'_>,
    message: MessageId,
    a: &Attack,
    origin: Origin,
    field: Option<Field>,
) -> anyhow::Result<()> {
    let (text, keyboard) = match field {
        Some(f) => screen::screen(ctx, a, origin, f),
        None => view::overview(ctx, a, origin).await?,
    };
    match field.filter(|f| f.is_typed()) {
        Some(f) => {
            let waiting = Waiting {
                attack: a.id,
                field: f.code().to_owned(),
                origin: origin.code(),
                message: message.0,
            };
            let state = Dialogue::Details {
                data: serde_json::to_value(&waiting)?,
            };
            let store = ctx.tx;
            dialogue::save(store, ctx.user.id, Some(&state), ctx.now.timestamp()).await?;
        }
        None => stop_waiting(ctx).await?,
    }
    ctx.edit(message, &record::fit(text), Some(keyboard)).await;
    Ok(())
}

/// Leaves the editor: back to the attack's own message, or to the record in history.
async fn close(
    ctx: &Ctx<'_>,
    message: MessageId,
    a: &Attack,
    origin: Origin,
) -> anyhow::Result<Option<String>> {
    stop_waiting(ctx).await?;
    match origin {
        Origin::History(page) => record::open(ctx, message, a.id, page).await,
        Origin::Tap | Origin::Walk => {
            let (text, keyboard) = super::attack_message(ctx, a);
            ctx.edit(message, &text, Some(keyboard)).await;
            Ok(None)
        }
    }
}

/// A button of the editor (`D:` callback payload).
pub async fn on_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    payload: &str,
) -> anyhow::Result<Option<String>> {
    let Some(action) = Action::parse(payload) else {
        return Ok(Some(ctx.t("error-stale-button")));
    };
    let Some(a) = ctx.live_attack(action.attack()).await? else {
        return Ok(Some(ctx.t("attack-gone")));
    };
    match action {
        Action::Add(_) => {
            // Walk from the first field still unknown; with none left, the overview.
            match WALK.iter().find(|f| record::value(ctx, &a, **f).is_none()) {
                Some(f) => show(ctx, message, &a, Origin::Walk, Some(*f)).await?,
                None => show(ctx, message, &a, Origin::Tap, None).await?,
            }
            Ok(None)
        }
        Action::Overview(_, origin) => {
            show(ctx, message, &a, origin, None).await?;
            Ok(None)
        }
        Action::Open(_, origin, field) => {
            show(ctx, message, &a, origin, Some(field)).await?;
            Ok(None)
        }
        Action::Skip(_, origin, field) => {
            let (origin, next) = after(origin, field);
            show(ctx, message, &a, origin, next).await?;
            Ok(None)
        }
        Action::Set(_, origin, field, value) => {
            set::button_value(ctx, message, a, origin, field, &value).await
        }
        Action::Toggle(_, origin, field, index, on) => {
            set::toggle(ctx, message, a, origin, field, index, on).await
        }
        Action::Done(_, origin) => close(ctx, message, &a, origin).await,
    }
}
