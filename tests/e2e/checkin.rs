//! End-to-end tests: checkin.
