//! End-to-end and contract tests: one test binary (one link), modules by feature.

/// Runs one store operation in its own transaction and commits it (tests read and arrange
/// the store between updates; holding a transaction would hold up the bot).
macro_rules! db {
    ($store:expr, $($call:tt)+) => {{
        let tx = $store.begin().await.expect("begin a transaction");
        let result = tx.$($call)+.await;
        tx.commit().await.expect("commit");
        result
    }};
}

mod admin;
mod admin_browser;
mod api;
mod archive;
mod attacks;
mod backup;
mod checkin;
mod cli;
mod db;
mod deploy;
mod details;
mod doctor;
mod doses;
mod export_csv;
mod export_menu;
mod faults;
mod fhir_check;
mod forget;
mod habits;
mod harness;
mod history;
mod import;
mod logs;
mod meds;
mod metrics;
mod onboarding;
mod outage;
mod period;
mod process;
mod questionnaires;
mod reminders;
mod replicas;
mod report;
mod retention;
mod robustness;
mod shutdown;
mod store_contract;
mod trash;
mod webhook;
mod zones;
