//! Rules of the evening questionnaire (S2): which question follows which, where /back goes
//! ([`step`]), what the typed answers accept ([`input`]), the answers kept in the day record
//! ([`answers`]) and the writes each answer makes ([`write`], the only part with I/O).

mod answers;
mod input;
mod step;
pub mod write;

pub use answers::{Answers, DoseAnswer};
pub use input::{
    DateError, default_start, iso, parse_date, parse_time_code, parse_time_on, quick_times,
    time_code,
};
pub use step::Step;

/// Questions shown in the counter ("3/15"): the date is asked beside the first one.
pub const TOTAL: u8 = 15;
/// Longest comment, in characters.
pub const MAX_COMMENT: usize = 2000;
/// Longest cause typed in one's own words, in characters.
pub const MAX_CAUSE: usize = 500;
/// Quick times offered for a start, an end or a dose (local clock, whole hours).
pub const QUICK_HOURS: [u32; 6] = [6, 9, 12, 15, 18, 21];
