//! Telegram in and out. Transport: intake (inbox before offset, one unit of work per
//! update), the router, the outbox sender and the Bot API client. Shared plumbing: [`ui`]
//! (context, callback data, keyboards, formatting, dialogue state, the record screen).
//! Features, each in its own module and never importing one another (the router composes
//! them): [`attack`] (the one-tap card, its details editor), [`meds`] (the list, doses and
//! their effect), [`checkin`], [`history`], [`trash`], [`export`], [`report`], [`questionnaire`] (MIDAS and HIT-6), [`habits`], [`settings`] (language,
//! zone, check-in time, period tracking), [`account`] (/start, /help, /privacy, /forget), [`admin`] (/admin for admins, the
//! notice to a suspended user); [`broadcasts`] enqueues admins' broadcasts.

pub mod account;
pub mod admin;
pub mod api;
pub mod attack;
pub mod broadcasts;
pub mod checkin;
pub mod export;
pub mod habits;
pub mod history;
pub mod import;
pub mod intake;
pub mod meds;
pub mod outbox;
pub mod pace;
pub mod poll;
pub mod questionnaire;
pub mod reminders;
pub mod report;
pub mod router;
pub mod scheduler;
pub mod sender;
pub mod settings;
pub mod token;
pub mod trash;
pub mod ui;

use crate::clock::Clock;
use crate::domain::ratelimit::Rate;
use crate::domain::zones::LocationZones;
use crate::i18n::I18n;
use crate::store::Db;
use api::BotApi;
use outbox::Outbox;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// What handlers need, built once and shared.
pub struct BotCtx {
    /// The store.
    pub store: Db,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// Translations.
    pub i18n: Arc<I18n>,
    /// The Bot API client for getUpdates (its timeout outlasts a long poll).
    pub poll_api: BotApi,
    /// The sender of everything in the outbox.
    pub outbox: Arc<Outbox>,
    /// The per-user inbound limit.
    pub rate: Rate,
    /// Main-menu button texts of every language.
    pub menu: HashMap<String, router::MenuAction>,
    /// Woken when a unit of work changed a schedule (the scheduler sleeps on it).
    pub schedule_changed: tokio::sync::Notify,
    /// The public base URL doctor links start with (`HEADLOG_PUBLIC_URL`); without it
    /// there are none.
    pub public_url: Option<url::Url>,
    /// How many days a doctor link works.
    pub doctor_link_days: u32,
    /// Telegram ids of the admins (`HEADLOG_ADMIN_IDS`): /admin answers them with a login
    /// link to the admin page; everyone else gets the unknown-command answer.
    pub admin_ids: Vec<i64>,
    /// Woken when an admin confirmed a broadcast (its enqueuer sleeps on it).
    pub broadcast_wake: tokio::sync::Notify,
    zones: OnceLock<LocationZones>,
}

impl BotCtx {
    /// Builds the context.
    pub fn new(
        store: Db,
        clock: Arc<dyn Clock>,
        i18n: Arc<I18n>,
        poll_api: BotApi,
        outbox: Arc<Outbox>,
    ) -> Self {
        BotCtx {
            menu: router::menu_labels(&i18n),
            store,
            clock,
            i18n,
            poll_api,
            outbox,
            rate: Rate::default(),
            schedule_changed: tokio::sync::Notify::new(),
            public_url: None,
            doctor_link_days: crate::service::links::LINK_DAYS,
            admin_ids: Vec::new(),
            broadcast_wake: tokio::sync::Notify::new(),
            zones: OnceLock::new(),
        }
    }

    /// The location-to-zone finder, opened on first use (it is not needed at start-up).
    pub fn location_zones(&self) -> &LocationZones {
        self.zones.get_or_init(LocationZones::new)
    }
}
