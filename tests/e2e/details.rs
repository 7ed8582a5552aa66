//! End-to-end tests: details.
