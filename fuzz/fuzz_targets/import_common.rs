//! What every import fuzz target checks: any bytes given as `source` must be read or
//! refused, never panic; recognising them must not panic either.

use headlog::import::{self, Context, Record, Source};

/// Reads `data` as `source` into a sink that only counts.
pub fn run(source: Source, data: &[u8]) {
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
    let _ = import::parse(source, data, ctx, &mut sink);
    let _ = import::detect(data);
}
