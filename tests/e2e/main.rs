//! End-to-end and contract tests: one test binary (one link), modules by feature.

mod attacks;
mod checkin;
mod db;
mod details;
mod forget;
mod harness;
mod history;
mod meds;
mod onboarding;
mod process;
mod robustness;
mod store_contract;
mod trash;
