//! Fuzzes the import parser for headlog's diary CSV (see `import_common`).
#![no_main]

mod import_common;

fuzz_target!(|data: &[u8]| import_common::run(headlog::import::Source::DiaryCsv, data));

use libfuzzer_sys::fuzz_target;
