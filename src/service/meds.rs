//! Rules for medications and doses.
