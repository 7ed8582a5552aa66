//! Typed input for the editor's typed fields: start and end times (read in the attack's
//! zone), the intensity, aura minutes, the free-text trigger and the comment.

use super::set::{explain, store_fields};
use super::{Waiting, after, show};
use crate::bot::ui::Ctx;
use crate::bot::ui::callback::details::{Field, Origin};
use crate::bot::ui::dialogue;
use crate::domain::attack::{Attack, AttackField};
use crate::domain::typed_time::parse_typed_time;
use crate::service::details::{self, DetailError, MAX_COMMENT, MAX_TRIGGER_NOTE};
use teloxide_core::types::MessageId;

/// Reads the text for `field`; the value to save or why it is refused.
fn read(ctx: &Ctx<'_>, a: &Attack, field: Field, text: &str) -> Result<AttackField, DetailError> {
    let time = || parse_typed_time(text, ctx.now, a.zone).map_err(DetailError::Time);
    Ok(match field {
        Field::Start => {
            let at = time()?;
            details::check_start(a, at, ctx.now)?;
            AttackField::StartedAt(at)
        }
        Field::End => AttackField::EndedAt(Some(details::check_end(a, time()?, ctx.now)?)),
        Field::Intensity => AttackField::Intensity(Some(details::parse_intensity(text)?)),
        Field::AuraMin => AttackField::AuraMin(Some(details::parse_aura_minutes(text)?)),
        Field::TriggerNote => {
            AttackField::TriggerNote(Some(details::text_value(text, MAX_TRIGGER_NOTE)?))
        }
        _ => AttackField::Comment(Some(details::text_value(text, MAX_COMMENT)?)),
    })
}

async fn give_up(ctx: &Ctx<'_>, key: &str) -> anyhow::Result<()> {
    let store = ctx.tx;
    dialogue::save(store, ctx.user.id, None, ctx.now.timestamp()).await?;
    ctx.send(&ctx.t(key), None).await;
    Ok(())
}

/// Typed input while the editor waits for it. A refused value is explained and the
/// editor keeps waiting; a saved one updates the editor in place.
pub async fn on_text(ctx: &Ctx<'_>, text: &str, data: serde_json::Value) -> anyhow::Result<()> {
    let waiting = serde_json::from_value::<Waiting>(data).ok().and_then(|w| {
        let field = Field::parse(&w.field).filter(|f| f.is_typed())?;
        Some((
            w.attack,
            field,
            Origin::parse(&w.origin)?,
            MessageId(w.message),
        ))
    });
    let Some((id, field, origin, message)) = waiting else {
        return give_up(ctx, "error-unknown-input").await;
    };
    let Some(a) = ctx.live_attack(id).await? else {
        return give_up(ctx, "attack-gone").await;
    };
    let change = match read(ctx, &a, field, text) {
        Ok(change) => change,
        Err(e) => {
            ctx.send(&explain(ctx, e, &a), None).await;
            return Ok(());
        }
    };
    let Some(a) = store_fields(ctx, id, &[change]).await? else {
        return give_up(ctx, "attack-gone").await;
    };
    let (origin, next) = after(origin, field);
    // The editor above shows the saved value: no message of its own (one per step).
    show(ctx, message, &a, origin, next).await?;
    Ok(())
}
