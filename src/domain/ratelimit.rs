//! The per-user inbound limit (S3: 3 updates a second, bursts of 5): a token bucket per
//! user over the instants the users acted. The first update over the limit is answered
//! once ("slow down"); the rest of the flood is closed without effect and counted.

use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Rate and burst.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// Updates per second, sustained.
    pub per_second: f64,
    /// Updates at once.
    pub burst: f64,
}

impl Default for Rate {
    fn default() -> Self {
        Rate {
            per_second: 3.0,
            burst: 5.0,
        }
    }
}

/// Whether an update is let through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admit {
    /// Within the limit.
    Yes,
    /// The first over the limit in this flood: tell the user once.
    Warn,
    /// Over the limit again: close it without effect.
    Drop,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: DateTime<Utc>,
    warned: bool,
}

/// Buckets of every user seen lately.
#[derive(Debug)]
pub struct RateLimiter {
    rate: Rate,
    buckets: HashMap<i64, Bucket>,
    /// Updates dropped so far.
    pub dropped: u64,
}

impl RateLimiter {
    /// A limiter with `rate`.
    pub fn new(rate: Rate) -> Self {
        RateLimiter {
            rate,
            buckets: HashMap::new(),
            dropped: 0,
        }
    }

    /// Takes a token for `user` acting `at`.
    pub fn admit(&mut self, user: i64, at: DateTime<Utc>) -> Admit {
        if self.buckets.len() > 100_000 {
            let full = self.rate.burst / self.rate.per_second;
            self.buckets
                .retain(|_, b| (at - b.at).as_seconds_f64() < full);
        }
        let rate = self.rate;
        let b = self.buckets.entry(user).or_insert(Bucket {
            tokens: rate.burst,
            at,
            warned: false,
        });
        let elapsed = (at - b.at).as_seconds_f64().max(0.0);
        b.tokens = (b.tokens + elapsed * rate.per_second).min(rate.burst);
        if at > b.at {
            b.at = at;
        }
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            if b.tokens >= 1.0 {
                b.warned = false;
            }
            return Admit::Yes;
        }
        self.dropped += 1;
        if b.warned {
            Admit::Drop
        } else {
            b.warned = true;
            Admit::Warn
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(ms: i64) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(1_700_000_000_000 + ms).unwrap()
    }

    #[test]
    fn a_burst_of_five_passes_and_the_sixth_is_warned_once() {
        let mut l = RateLimiter::new(Rate::default());
        let got: Vec<Admit> = (0..8).map(|_| l.admit(1, at(0))).collect();
        assert_eq!(&got[..5], &[Admit::Yes; 5]);
        assert_eq!(got[5], Admit::Warn);
        assert_eq!(&got[6..], &[Admit::Drop, Admit::Drop]);
        assert_eq!(l.dropped, 3);
    }

    #[test]
    fn after_a_flood_a_real_tap_passes_within_a_second() {
        let mut l = RateLimiter::new(Rate::default());
        for _ in 0..200 {
            l.admit(1, at(0));
        }
        assert_eq!(l.admit(1, at(400)), Admit::Yes);
    }

    #[test]
    fn users_do_not_share_a_bucket() {
        let mut l = RateLimiter::new(Rate::default());
        for _ in 0..10 {
            l.admit(1, at(0));
        }
        assert_eq!(l.admit(2, at(0)), Admit::Yes);
    }

    #[test]
    fn three_a_second_is_sustained() {
        let mut l = RateLimiter::new(Rate::default());
        let admitted = (0..30)
            .filter(|i| l.admit(1, at(i * 334)) == Admit::Yes)
            .count();
        assert_eq!(admitted, 30);
    }
}
