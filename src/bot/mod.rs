//! Telegram in and out: intake (inbox before offset), the router, handlers per feature,
//! and the client wrapper that sends replies at once, honouring 429 retry_after.

pub mod callback;
pub mod dialogue;
pub mod format;
pub(crate) mod handlers;
pub mod intake;
pub mod keyboards;
pub mod router;
pub mod telegram;

use crate::clock::Clock;
use crate::domain::zones::LocationZones;
use crate::i18n::I18n;
use crate::store::Store;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use telegram::Telegram;

/// What handlers need, built once and shared.
pub struct BotCtx {
    /// The store.
    pub store: Arc<dyn Store>,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// Translations.
    pub i18n: Arc<I18n>,
    /// The Bot API client.
    pub tg: Telegram,
    /// Main-menu button texts of every language.
    pub menu: HashMap<String, router::MenuAction>,
    zones: OnceLock<LocationZones>,
}

impl BotCtx {
    /// Builds the context.
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        i18n: Arc<I18n>,
        tg: Telegram,
    ) -> Self {
        BotCtx {
            menu: router::menu_labels(&i18n),
            store,
            clock,
            i18n,
            tg,
            zones: OnceLock::new(),
        }
    }

    /// The location-to-zone finder, opened on first use (it is not needed at start-up).
    pub fn location_zones(&self) -> &LocationZones {
        self.zones.get_or_init(LocationZones::new)
    }
}
