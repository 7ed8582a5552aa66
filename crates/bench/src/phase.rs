//! Running one phase: the warm-up, an open loop at a fixed rate, or the
//! closed loop; then draining what is still in flight.

use std::time::Duration;

use tokio::sync::broadcast::error::RecvError;
use tokio::time::{Instant, MissedTickBehavior};

use crate::child::Headlog;
use crate::engine::Engine;
use crate::report::PhaseStats;
use crate::users::Action;

/// How often the child, lost actions and stalls are checked.
const HOUSEKEEPING: Duration = Duration::from_millis(50);

/// How a phase starts actions.
#[derive(Clone, Copy, Debug)]
pub enum Mode {
    /// Every user does `/start` and the zone press, `parallel` users at once;
    /// ends when all are done.
    Warmup {
        /// Users onboarding at the same time.
        parallel: usize,
    },
    /// One action for a random idle user every `1 / per_second` s, for
    /// `window`.
    Open {
        /// Target actions per second.
        per_second: f64,
        /// How long actions are started.
        window: Duration,
    },
    /// Every user always has an action in flight, for `window`.
    Closed {
        /// How long actions are started.
        window: Duration,
    },
}

impl Engine {
    /// Runs a phase to its end, drained, and returns what it counted.
    /// Fails if headlog exits, stops answering, or the call stream lagged.
    pub async fn run(&mut self, mode: Mode, child: &mut Headlog) -> Result<PhaseStats, String> {
        self.stats = PhaseStats::default();
        self.window_open = true;
        let cpu_before = child.cpu_ticks();
        let own_before = crate::child::own_ticks();
        let machine_before = crate::child::machine_busy_ticks();
        let db_before = self
            .count_postgres
            .then(crate::child::postgres_ticks)
            .flatten();
        let begin = Instant::now();
        self.last_reply = begin.into_std();
        let mut next_new = 0;
        let (window, rate) = match mode {
            Mode::Warmup { parallel } => {
                while next_new < parallel.min(self.users.len()) {
                    self.start(next_new, Action::Start);
                    next_new += 1;
                }
                (None, 0.0)
            }
            Mode::Open { per_second, window } => (Some(window), per_second),
            Mode::Closed { window } => {
                for user in self.idle.users() {
                    self.start_chosen(user);
                }
                (Some(window), 0.0)
            }
        };
        let period = if rate > 0.0 {
            Duration::from_secs_f64(1.0 / rate).max(Duration::from_millis(1))
        } else {
            Duration::from_secs(3600)
        };
        let mut ticker = tokio::time::interval(period);
        ticker.set_missed_tick_behavior(MissedTickBehavior::Skip);
        let mut housekeeping = tokio::time::interval(HOUSEKEEPING);
        // The warm-up has no window: a deadline that never comes stands in.
        let window_end =
            tokio::time::sleep_until(begin + window.unwrap_or(Duration::from_secs(86_400)));
        tokio::pin!(window_end);
        let mut issued: u64 = 0;
        loop {
            tokio::select! {
                received = self.rx.recv() => {
                    let call = match received {
                        Ok(call) => call,
                        Err(RecvError::Lagged(missed)) => return Err(lagged(missed)),
                        Err(RecvError::Closed) => {
                            return Err("the fake Bot API's call stream closed".to_owned())
                        }
                    };
                    if let Some((user, action)) = self.on_call(&call) {
                        self.follow_up(mode, user, action, &mut next_new);
                    }
                }
                _ = ticker.tick(), if rate > 0.0 && self.window_open => {
                    let planned = window.map_or(0, |w| (w.as_secs_f64() * rate).round() as u64);
                    let due = ((begin.elapsed().as_secs_f64() * rate).floor() as u64 + 1)
                        .min(planned);
                    while issued < due {
                        issued += 1;
                        match self.idle.pick(&mut self.rng) {
                            Some(user) => {
                                self.start_chosen(user);
                            }
                            None => self.stats.skipped += 1,
                        }
                    }
                }
                _ = &mut window_end, if window.is_some() && self.window_open => {
                    self.window_open = false;
                    self.stats.window = begin.elapsed();
                }
                _ = housekeeping.tick() => {
                    if let Some(why) = child.exited() {
                        return Err(why);
                    }
                    let lost = self.expire_lost();
                    if matches!(mode, Mode::Warmup { .. }) {
                        for _ in lost {
                            self.start_new(&mut next_new);
                        }
                    }
                    self.check_stall()?;
                }
            }
            let finished = match mode {
                Mode::Warmup { .. } => self.in_flight == 0,
                _ => !self.window_open && self.in_flight == 0,
            };
            if finished {
                break;
            }
        }
        self.stats.elapsed = begin.elapsed();
        if window.is_none() {
            self.stats.window = self.stats.elapsed;
        }
        self.stats.cpu_ticks = match (cpu_before, child.cpu_ticks()) {
            (Some(before), Some(after)) => Some(after.saturating_sub(before)),
            _ => None,
        };
        let db_after = self
            .count_postgres
            .then(crate::child::postgres_ticks)
            .flatten();
        self.stats.db_ticks = db_before.zip(db_after).map(|(b, a)| a.saturating_sub(b));
        let spent = |before: Option<u64>, after: Option<u64>| Some(after?.saturating_sub(before?));
        let machine = spent(machine_before, crate::child::machine_busy_ticks());
        let own = spent(own_before, crate::child::own_ticks());
        self.stats.other_ticks =
            machine
                .zip(own)
                .zip(self.stats.cpu_ticks)
                .map(|((machine, own), headlog)| {
                    machine
                        .saturating_sub(own + headlog)
                        .saturating_sub(self.stats.db_ticks.unwrap_or(0))
                });
        Ok(std::mem::take(&mut self.stats))
    }

    /// What starts when `user`'s `action` got all its replies: in the
    /// warm-up the zone press after `/start`, else the next user's `/start`;
    /// in the closed loop the user's next action while the window is open.
    fn follow_up(&mut self, mode: Mode, user: usize, action: Action, next_new: &mut usize) {
        match mode {
            Mode::Warmup { .. } => {
                let zone_pressed = action == Action::Start && self.start(user, Action::Zone);
                if !zone_pressed {
                    self.start_new(next_new);
                }
            }
            Mode::Closed { .. } if self.window_open => {
                self.start_chosen(user);
            }
            Mode::Open { .. } | Mode::Closed { .. } => {}
        }
    }

    /// Warm-up: `/start` for the next user who has not started yet, if any.
    fn start_new(&mut self, next_new: &mut usize) {
        while *next_new < self.users.len() {
            let user = *next_new;
            *next_new += 1;
            if self.start(user, Action::Start) {
                return;
            }
        }
    }
}

/// The error for a lagging call stream.
fn lagged(missed: u64) -> String {
    format!(
        "the bench fell behind the fake's call stream and {missed} calls were dropped \
         (RecvError::Lagged); replies went unseen, so the figures would be invalid"
    )
}
