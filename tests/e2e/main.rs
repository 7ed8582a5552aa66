//! End-to-end and contract tests: one test binary (one link), modules by feature.

mod db;
mod store_contract;
