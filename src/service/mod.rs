//! Use-cases shared by the bot (and later the HTTP API and the scheduler). They hold the
//! rules; the store holds the data; transports only parse and render.

pub mod account;
pub mod admin;
pub mod archive;
pub mod checkin;
pub mod details;
pub mod diary;
pub mod fhir;
pub mod figures;
pub mod habits;
pub mod import;
pub mod links;
pub mod meds;
pub mod questionnaires;
pub mod reminders;
pub mod report;
pub mod settings;
pub mod trash;
