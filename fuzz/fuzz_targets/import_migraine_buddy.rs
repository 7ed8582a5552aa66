//! Fuzzes the import parser for Migraine Buddy's CSV: any bytes must be read or refused, never
//! panic, and reading stops when the sink does.
#![no_main]

use headlog::import::{self, Context, Record, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let now = chrono::DateTime::from_timestamp(1_773_133_200, 0).unwrap_or_default();
    let ctx = Context {
        zone: chrono_tz::Europe::Berlin,
        today: now.date_naive(),
        now,
    };
    let mut records = 0usize;
    let mut sink = |_: Record| {
        records += 1;
        Ok(())
    };
    let _ = import::parse(Source::MigraineBuddy, data, ctx, &mut sink);
    // Recognition reads at most the head of the file and must not panic either.
    let _ = import::detect("fuzz", data);
});
