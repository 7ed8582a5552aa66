//! Fuzzes the import parser for Migraine Buddy's CSV (see `import_common`).
#![no_main]

mod import_common;

fuzz_target!(|data: &[u8]| import_common::run(headlog::import::Source::MigraineBuddy, data));

use libfuzzer_sys::fuzz_target;
