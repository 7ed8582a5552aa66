//! The scheduled lane's pace: at most `per_second` sends in any sliding second overall
//! (Telegram answers 429 past about 30/s; 25/s by default leaves room for replies), at most
//! one a second per chat, and a pause when Telegram asks for one (`retry_after`). Pure
//! bookkeeping over instants the caller passes in, so it is tested by stepping time.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// A chat gets one scheduled message a second at most.
pub const PER_CHAT: Duration = Duration::from_secs(1);
/// The window is a little longer than a second: sends leave in order but may arrive a few
/// milliseconds apart from when they left, and a window counted at the far end must never
/// see one more than the limit.
pub const WINDOW: Duration = Duration::from_millis(1010);

/// Where the lane stands.
#[derive(Debug)]
pub struct Pace {
    per_second: usize,
    sent: VecDeque<Instant>,
    chats: HashMap<i64, Instant>,
    paused_until: Option<Instant>,
}

impl Pace {
    /// A pace of `per_second` sends (at least 1).
    pub fn new(per_second: u32) -> Self {
        Pace {
            per_second: per_second.max(1) as usize,
            sent: VecDeque::new(),
            chats: HashMap::new(),
            paused_until: None,
        }
    }

    /// How long to wait before the next send may leave (zero: now).
    pub fn wait(&mut self, now: Instant) -> Duration {
        if let Some(until) = self.paused_until {
            if now < until {
                return until - now;
            }
            self.paused_until = None;
        }
        while self
            .sent
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            self.sent.pop_front();
        }
        if self.sent.len() < self.per_second {
            return Duration::ZERO;
        }
        self.sent
            .front()
            .map_or(Duration::ZERO, |first| WINDOW - now.duration_since(*first))
    }

    /// True when `chat` may get a scheduled message now.
    pub fn chat_ready(&self, chat: i64, now: Instant) -> bool {
        self.chats
            .get(&chat)
            .is_none_or(|last| now.duration_since(*last) >= PER_CHAT)
    }

    /// A send to `chat` left at `now`.
    pub fn record(&mut self, chat: i64, now: Instant) {
        self.sent.push_back(now);
        self.chats.insert(chat, now);
        if self.chats.len() > 4 * self.per_second + 64 {
            self.chats
                .retain(|_, last| now.duration_since(*last) < PER_CHAT);
        }
    }

    /// Telegram asked to wait: nothing leaves before `now + wait`.
    pub fn pause(&mut self, now: Instant, wait: Duration) {
        let until = now + wait;
        self.paused_until = Some(self.paused_until.map_or(until, |u| u.max(until)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_more_than_the_limit_in_any_second_and_the_full_limit_is_reached() {
        let start = Instant::now();
        let mut pace = Pace::new(25);
        let mut at = start;
        let mut times = Vec::new();
        while times.len() < 250 {
            let wait = pace.wait(at);
            if wait.is_zero() {
                pace.record(times.len() as i64, at);
                times.push(at);
            } else {
                at += wait;
            }
        }
        for (i, t) in times.iter().enumerate() {
            let in_window = times[i..]
                .iter()
                .take_while(|u| u.duration_since(*t) < Duration::from_secs(1))
                .count();
            assert!(
                in_window <= 25,
                "{in_window} sends within a second of send {i}"
            );
        }
        let span = times[249].duration_since(times[0]).as_secs_f64();
        let rate = 249.0 / span;
        assert!(rate > 24.0, "rate {rate:.2}/s");
    }

    #[test]
    fn a_chat_waits_a_second_and_a_429_pauses_everything() {
        let t = Instant::now();
        let mut pace = Pace::new(25);
        pace.record(7, t);
        assert!(!pace.chat_ready(7, t + Duration::from_millis(999)));
        assert!(pace.chat_ready(7, t + PER_CHAT));
        assert!(pace.chat_ready(8, t));
        pace.pause(t, Duration::from_secs(3));
        assert_eq!(
            pace.wait(t + Duration::from_secs(1)),
            Duration::from_secs(2)
        );
        assert_eq!(pace.wait(t + Duration::from_secs(3)), Duration::ZERO);
    }
}
