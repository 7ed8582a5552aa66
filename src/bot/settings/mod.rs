//! Settings: language, time zone, the evening check-in time and period tracking, with
//! /settings as one message edited in place. Buttons share the `M:` payloads (see
//! [`crate::bot::ui::callback::meds`]); the router sends the settings ones here.

mod screen;
mod zone;

pub use screen::{mark_period, settings, typed_checkin, typed_period_day};
pub use zone::{ask_language, ask_zone, location, set_language, set_zone, typed_zone};

use crate::bot::ui::Ctx;
use crate::bot::ui::callback::meds::Action;
use teloxide_core::types::MessageId;

/// A button of the settings screens.
pub async fn on_button(
    ctx: &Ctx<'_>,
    message: MessageId,
    action: Action,
) -> anyhow::Result<Option<String>> {
    match action {
        Action::Settings => screen::show(ctx, message).await,
        Action::Language => ask_language(ctx).await.map(|_| None),
        Action::Zone => ask_zone(ctx).await.map(|_| None),
        Action::Period(on) => screen::set_period(ctx, message, on).await,
        Action::CheckinMenu => screen::checkin_menu(ctx, message).await,
        Action::CheckinSet(at) => screen::set_checkin(ctx, message, at).await,
        Action::CheckinType => screen::ask_checkin(ctx).await,
        Action::Unmark(day) => screen::unmark(ctx, message, day).await,
        Action::MovePeriod(from, to) => screen::move_period(ctx, message, from, to).await,
        Action::AskPeriodDay(from) => screen::ask_period_day(ctx, message, from).await,
        _ => Ok(Some(ctx.t("error-stale-button"))),
    }
}
