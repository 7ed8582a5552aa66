//! Fuzzes the typed-time parser: any input, any "now", any zone must return, never panic,
//! and an accepted time is a whole minute (of the wall clock or of UTC, see the module).
#![no_main]

use chrono::{DateTime, Timelike};
use libfuzzer_sys::fuzz_target;

// The parser is pure (chrono and chrono-tz only): build its source alone, not the whole bot.
#[path = "../../src/domain/typed_time.rs"]
#[allow(dead_code)]
mod typed_time;
use typed_time::parse_typed_time;

fuzz_target!(|data: &[u8]| {
    if data.len() < 10 {
        return;
    }
    let (head, text) = data.split_at(10);
    let secs = i64::from_le_bytes(head[..8].try_into().unwrap_or_default()) % 20_000_000_000;
    let zones = chrono_tz::TZ_VARIANTS;
    let zone = zones[usize::from(u16::from_le_bytes([head[8], head[9]])) % zones.len()];
    let Some(now) = DateTime::from_timestamp(secs, 0) else {
        return;
    };
    let text = String::from_utf8_lossy(text);
    if let Ok(at) = parse_typed_time(&text, now, zone) {
        // A whole minute of the wall clock (times of day) or of UTC (`now`, amounts ago).
        let local = at.with_timezone(&zone);
        assert_eq!(at.nanosecond(), 0);
        assert!(at.second() == 0 || local.second() == 0, "{text:?} at {now} in {zone}: {at}");
    }
});
