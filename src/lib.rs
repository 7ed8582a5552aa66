//! headlog: a private headache and migraine diary that lives in Telegram.
//!
//! Layers, found by name: [`domain`] (types and rules, no I/O), [`service`] (use-cases
//! shared by the bot and later the API and scheduler), [`store`] (one trait, SQLite and
//! PostgreSQL), [`bot`] (Telegram in and out), [`http`] (health and later the API),
//! [`startup`] (wires them into an [`startup::Application`]).
#![forbid(unsafe_code)]

pub mod bot;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod doctor;
pub mod domain;
#[cfg(feature = "sentry")]
pub mod error_reports;
pub mod http;
pub mod i18n;
pub mod import;
pub mod maintenance;
pub mod metrics;
pub mod pictures;
pub mod service;
pub mod startup;
pub mod store;
pub mod telemetry;
