//! End-to-end and contract tests: one test binary (one link), modules by feature.

mod attacks;
mod db;
mod forget;
mod harness;
mod history;
mod onboarding;
mod process;
mod robustness;
mod store_contract;
