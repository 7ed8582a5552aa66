//! End-to-end tests: meds.
