//! Flood control as Telegram applies it: an opt-in limit of accepted sends
//! in any sliding one-second window, overall and per chat, and the counters
//! a benchmark reads (accepted, refused, the busiest window).
//!
//! The arrival instants of accepted sends of the last second are kept in a
//! `VecDeque`, oldest first, so admitting a call costs amortised O(1) and
//! the busiest window is computed exactly: the busiest one-second window
//! always ends at an accepted call, so it is the longest the deque got.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// The methods flood control counts, lowercase: the ones that put or change a
/// message in a chat.
pub(crate) const RATED_METHODS: [&str; 6] = [
    "sendmessage",
    "senddocument",
    "sendphoto",
    "editmessagetext",
    "editmessagecaption",
    "editmessagereplymarkup",
];

/// The length of the sliding window.
const WINDOW: Duration = Duration::from_secs(1);

/// What flood control counted since the fake started or since
/// [`FakeBot::reset_rate_stats`](crate::FakeBot::reset_rate_stats).
///
/// Only the methods flood control counts are counted here (see
/// [`FakeBot::limit_rate`](crate::FakeBot::limit_rate)); they are counted
/// whether or not a limit is set, so a test can also measure how fast a bot
/// sends without limiting it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RateStats {
    /// Calls flood control let through (whatever the method then answered:
    /// a 400 "message is not modified" is an accepted call too).
    pub accepted: u64,
    /// Calls answered 429 by flood control (overall or per chat) and not
    /// executed. Faults injected with [`FakeBot::fail`](crate::FakeBot::fail)
    /// are not counted.
    pub refused: u64,
    /// Of [`RateStats::refused`], the calls the per-chat limit refused while
    /// the overall limit would have let them through.
    pub refused_by_chat: u64,
    /// The most accepted calls in any sliding one-second window.
    pub max_in_window: u32,
    /// The most accepted calls to one chat in any sliding one-second window.
    pub max_in_chat_window: u32,
    /// When the first accepted call arrived.
    pub first_accepted: Option<Instant>,
    /// When the last accepted call arrived.
    pub last_accepted: Option<Instant>,
}

impl RateStats {
    /// Accepted calls per second from the first accepted call to the last
    /// (`None` with fewer than two, or if they arrived at the same instant).
    pub fn mean_rate(&self) -> Option<f64> {
        let span = self.last_accepted?.duration_since(self.first_accepted?);
        (self.accepted >= 2 && !span.is_zero())
            .then(|| (self.accepted - 1) as f64 / span.as_secs_f64())
    }
}

/// A refusal: answer 429 with this `retry_after` (whole seconds, at least 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub retry_after: u32,
}

/// Accepted calls of the last second, oldest first.
#[derive(Default)]
struct Window {
    arrivals: VecDeque<Instant>,
}

impl Window {
    /// Drops arrivals one second or more before `now`.
    fn trim(&mut self, now: Instant) {
        while self
            .arrivals
            .front()
            .is_some_and(|&at| now.saturating_duration_since(at) >= WINDOW)
        {
            self.arrivals.pop_front();
        }
    }

    /// `None` if one more call fits under `limit`, else how long until it
    /// would. Call after [`Window::trim`].
    fn wait(&self, limit: Option<u32>, now: Instant) -> Option<Duration> {
        let limit = usize::try_from(limit?).unwrap_or(usize::MAX);
        let len = self.arrivals.len();
        if len < limit {
            return None;
        }
        // `len - limit + 1` arrivals must leave the window; the last of them
        // is at index `len - limit`.
        let frees = self.arrivals[len - limit] + WINDOW;
        Some(frees.saturating_duration_since(now))
    }

    /// Adds an accepted arrival; returns how many accepted arrivals (at or
    /// after `since`, if given) the window ending now holds.
    fn push(&mut self, now: Instant, since: Option<Instant>) -> u32 {
        self.arrivals.push_back(now);
        let before = since.map_or(0, |since| self.arrivals.partition_point(|&at| at < since));
        u32::try_from(self.arrivals.len() - before).unwrap_or(u32::MAX)
    }
}

/// Flood control's state: the limits, the windows and the counters.
#[derive(Default)]
pub(crate) struct RateState {
    /// Accepted calls allowed in any one-second window overall.
    pub limit: Option<u32>,
    /// Accepted calls allowed in any one-second window per chat.
    pub chat_limit: Option<u32>,
    all: Window,
    chats: HashMap<i64, Window>,
    stats: RateStats,
    /// After a reset, only arrivals from this instant on count towards the
    /// busiest window.
    since: Option<Instant>,
}

impl RateState {
    /// Whether flood control counts `method` (lowercase).
    pub fn counts(method: &str) -> bool {
        RATED_METHODS.contains(&method)
    }

    /// Admits or refuses a counted call arriving `now` (instants must not go
    /// backwards from one call to the next) for `chat`, if it names one.
    pub fn admit(&mut self, chat: Option<i64>, now: Instant) -> Result<(), Refusal> {
        self.all.trim(now);
        let overall = self.all.wait(self.limit, now);
        let per_chat = match chat {
            Some(chat) => {
                let window = self.chats.entry(chat).or_default();
                window.trim(now);
                window.wait(self.chat_limit, now)
            }
            None => None,
        };
        if overall.is_some() || per_chat.is_some() {
            self.stats.refused += 1;
            if overall.is_none() {
                self.stats.refused_by_chat += 1;
            }
            let wait = overall.max(per_chat).unwrap_or(WINDOW);
            return Err(Refusal {
                retry_after: whole_seconds(wait),
            });
        }
        let in_window = self.all.push(now, self.since);
        self.stats.max_in_window = self.stats.max_in_window.max(in_window);
        if let Some(chat) = chat {
            let in_chat = self.chats.entry(chat).or_default().push(now, self.since);
            self.stats.max_in_chat_window = self.stats.max_in_chat_window.max(in_chat);
        }
        self.stats.accepted += 1;
        self.stats.first_accepted.get_or_insert(now);
        self.stats.last_accepted = Some(now);
        Ok(())
    }

    pub fn stats(&self) -> RateStats {
        self.stats
    }

    /// Starts the counters afresh from `now`. The limits keep counting the
    /// calls of the last second, so a reset never lets a burst through.
    pub fn reset_stats(&mut self, now: Instant) {
        self.stats = RateStats::default();
        self.since = Some(now);
        // Windows of chats quiet for a second hold nothing the limits need.
        self.chats.retain(|_, window| {
            window.trim(now);
            !window.arrivals.is_empty()
        });
    }
}

/// Whole seconds, rounded up, at least 1 (Telegram never says 0).
fn whole_seconds(wait: Duration) -> u32 {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    u32::try_from(seconds.max(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::{RateState, Refusal, whole_seconds};

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn the_call_over_the_limit_is_refused_until_the_oldest_leaves_the_window() {
        let t0 = Instant::now();
        let mut rate = RateState {
            limit: Some(3),
            ..RateState::default()
        };
        for i in 0..3 {
            assert_eq!(rate.admit(Some(1), t0 + ms(i * 100)), Ok(()));
        }
        assert_eq!(
            rate.admit(Some(2), t0 + ms(300)),
            Err(Refusal { retry_after: 1 })
        );
        // The first arrival (t0) leaves the window at t0 + 1 s exactly.
        assert!(rate.admit(Some(2), t0 + ms(999)).is_err());
        assert_eq!(rate.admit(Some(2), t0 + ms(1000)), Ok(()));
        assert!(rate.admit(Some(2), t0 + ms(1050)).is_err());
        assert_eq!(rate.admit(Some(2), t0 + ms(1100)), Ok(()));
        let stats = rate.stats();
        assert_eq!(
            (stats.accepted, stats.refused, stats.refused_by_chat),
            (5, 3, 0)
        );
        assert_eq!(stats.max_in_window, 3);
        assert_eq!(stats.first_accepted, Some(t0));
        assert_eq!(stats.last_accepted, Some(t0 + ms(1100)));
    }

    #[test]
    fn the_busiest_window_is_counted_exactly_without_a_limit() {
        let t0 = Instant::now();
        let mut rate = RateState::default();
        // 4 calls at 0..30 ms, 5 at 600..640 ms, 2 at 1650 ms: the busiest
        // window holds the first two groups (9); the last two groups are
        // 1010 ms apart at their closest.
        for offset in [0, 10, 20, 30, 600, 610, 620, 630, 640, 1650, 1651] {
            assert_eq!(rate.admit(None, t0 + ms(offset)), Ok(()));
        }
        assert_eq!(rate.stats().max_in_window, 9);
        assert_eq!(rate.stats().max_in_chat_window, 0, "no chat was named");
        let mean = rate.stats().mean_rate().unwrap();
        assert!((mean - 10.0 / 1.651).abs() < 1e-9, "{mean}");
    }

    #[test]
    fn a_chat_limit_refuses_only_that_chat() {
        let t0 = Instant::now();
        let mut rate = RateState {
            chat_limit: Some(1),
            ..RateState::default()
        };
        assert_eq!(rate.admit(Some(7), t0), Ok(()));
        assert_eq!(
            rate.admit(Some(7), t0 + ms(400)),
            Err(Refusal { retry_after: 1 })
        );
        assert_eq!(rate.admit(Some(8), t0 + ms(400)), Ok(()));
        assert_eq!(rate.admit(None, t0 + ms(400)), Ok(()));
        assert_eq!(rate.admit(Some(7), t0 + ms(1000)), Ok(()));
        let stats = rate.stats();
        assert_eq!(
            (stats.accepted, stats.refused, stats.refused_by_chat),
            (4, 1, 1)
        );
        assert_eq!((stats.max_in_window, stats.max_in_chat_window), (3, 1));
    }

    #[test]
    fn a_lowered_limit_refuses_until_enough_calls_left_the_window() {
        let t0 = Instant::now();
        let mut rate = RateState {
            limit: Some(2),
            ..RateState::default()
        };
        rate.admit(None, t0).unwrap();
        rate.admit(None, t0 + ms(500)).unwrap();
        rate.limit = Some(1);
        // Every kept arrival is less than a second old, so the wait is at
        // most a second: retry_after is 1.
        assert_eq!(
            rate.admit(None, t0 + ms(600)),
            Err(Refusal { retry_after: 1 })
        );
        assert!(rate.admit(None, t0 + ms(1000)).is_err(), "one still in");
        assert_eq!(rate.admit(None, t0 + ms(1500)), Ok(()));
        assert_eq!(whole_seconds(Duration::ZERO), 1);
        assert_eq!(whole_seconds(ms(1000)), 1);
        assert_eq!(whole_seconds(ms(1001)), 2);
    }

    #[test]
    fn a_reset_starts_the_counters_afresh_but_not_the_limit() {
        let t0 = Instant::now();
        let mut rate = RateState {
            limit: Some(2),
            ..RateState::default()
        };
        rate.admit(Some(1), t0).unwrap();
        rate.admit(Some(1), t0 + ms(100)).unwrap();
        rate.reset_stats(t0 + ms(200));
        assert_eq!(rate.stats(), super::RateStats::default());
        assert!(
            rate.admit(Some(1), t0 + ms(300)).is_err(),
            "still 2 in the window"
        );
        rate.admit(Some(1), t0 + ms(1000)).unwrap();
        let stats = rate.stats();
        assert_eq!((stats.accepted, stats.refused), (1, 1));
        assert_eq!(
            (stats.max_in_window, stats.max_in_chat_window),
            (1, 1),
            "calls before the reset are not counted in the busiest window"
        );
    }

    #[test]
    fn a_thousand_calls_a_second_keep_a_second_of_arrivals() {
        let t0 = Instant::now();
        let mut rate = RateState {
            limit: Some(1000),
            ..RateState::default()
        };
        // Ten seconds at one call per millisecond, spread over 50 chats.
        for i in 0..10_000u64 {
            assert_eq!(rate.admit(Some((i % 50) as i64), t0 + ms(i)), Ok(()));
        }
        assert_eq!(rate.all.arrivals.len(), 1000);
        assert_eq!(rate.stats().max_in_window, 1000);
        assert_eq!(rate.stats().max_in_chat_window, 20);
        assert!(rate.admit(None, t0 + ms(9_999)).is_err());
    }
}
