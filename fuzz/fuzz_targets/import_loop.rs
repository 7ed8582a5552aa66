//! Fuzzes the import parser for Loop Habit Tracker's export (ZIP or CSV) (see `import_common`).
#![no_main]

mod import_common;

fuzz_target!(|data: &[u8]| import_common::run(headlog::import::Source::Loop, data));

use libfuzzer_sys::fuzz_target;
