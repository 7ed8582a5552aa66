//! End-to-end and contract tests: one test binary (one link), modules by feature.

mod db;
mod harness;
mod attacks;
mod onboarding;
mod store_contract;
