//! End-to-end and contract tests: one test binary (one link), modules by feature.

mod db;
mod forget;
mod harness;
mod history;
mod attacks;
mod onboarding;
mod process;
mod robustness;
mod store_contract;
