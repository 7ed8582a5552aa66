//! A day record: what the user said about a local day as a whole.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// A local day's record.
#[derive(Debug, Clone, PartialEq)]
pub struct DayRecord {
    /// Id.
    pub id: i64,
    /// The local date.
    pub day: NaiveDate,
    /// The zone the date is read in.
    pub zone: Tz,
    /// True when the user said "no headache today".
    pub headache_free: Option<bool>,
    /// A menstruation start (opt-in).
    pub menstruation: Option<bool>,
    /// Free comment.
    pub comment: Option<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}
