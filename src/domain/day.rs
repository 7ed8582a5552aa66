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
    /// The evening questionnaire's answers (JSON), when given.
    pub questionnaire: Option<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// One field of a day record, set on its own (the record is created when missing).
#[derive(Debug, Clone, PartialEq)]
pub enum DayField {
    /// "No headache today" (`Some(true)`), or unknown again.
    HeadacheFree(Option<bool>),
    /// A menstruation start.
    Menstruation(Option<bool>),
    /// Comment.
    Comment(Option<String>),
    /// Questionnaire answers (JSON).
    Questionnaire(Option<String>),
}
