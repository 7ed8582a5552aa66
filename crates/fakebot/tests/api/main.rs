//! End-to-end tests of the fake Bot API over loopback HTTP: raw requests and
//! teloxide-core 0.13 as the client.

mod common;
mod faults;
mod http;
mod rate;
mod roundtrip;
mod updates;
