//! End-to-end tests: trash.
