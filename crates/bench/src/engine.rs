//! The player: owns the users, starts their actions on the fake and matches
//! the calls headlog makes to the action in flight in each chat.
//!
//! One task does all of it (see [`crate::phase`]), reading the fake's call
//! stream, so no state is shared or locked. Each chat has at most one action
//! in flight; its chat-bound calls count down the replies it expects, the
//! first one gives the latency and the last one frees the user and hands
//! over the button the user remembers.

use std::time::{Duration, Instant};

use fakebot::{Call, FakeBot};
use tokio::sync::broadcast;

use crate::report::PhaseStats;
use crate::rng::XorShift;
use crate::users::{Action, Button, IdleSet, Input, SimUser};

/// An action whose replies have not all arrived after this long is lost.
pub const LOST_AFTER: Duration = Duration::from_secs(30);

/// With no reply for this long while an action this old waits, headlog has
/// stopped answering and the run fails.
pub const STALL_AFTER: Duration = Duration::from_secs(10);

/// An action waiting for its replies.
#[derive(Clone, Debug)]
struct Flight {
    action: Action,
    /// Taken just before the update was pushed.
    started: Instant,
    /// Chat-bound calls still expected.
    remaining: u32,
    /// Whether the first reply (and so the latency) was seen.
    answered: bool,
    /// The button to remember, once a reply showed it.
    found: Option<Button>,
}

/// The users, what they have in flight, and the current phase's counts.
pub struct Engine {
    pub(crate) fake: FakeBot,
    pub(crate) rx: broadcast::Receiver<Call>,
    pub(crate) users: Vec<SimUser>,
    flights: Vec<Option<Flight>>,
    pub(crate) idle: IdleSet,
    pub(crate) in_flight: usize,
    pub(crate) rng: XorShift,
    first_chat: i64,
    /// What the current phase counted so far.
    pub(crate) stats: PhaseStats,
    /// Whether answered actions count towards the window's throughput.
    pub(crate) window_open: bool,
    /// When the last chat-bound reply arrived.
    pub(crate) last_reply: Instant,
    /// Whether phases also count the PostgreSQL server's CPU (a PostgreSQL run).
    pub count_postgres: bool,
}

impl Engine {
    /// `count` users with chat ids from `first_chat`, all idle, listening on
    /// `rx` (a subscription to `fake`'s calls).
    pub fn new(
        fake: FakeBot,
        rx: broadcast::Receiver<Call>,
        count: usize,
        first_chat: i64,
        seed: u64,
    ) -> Engine {
        Engine {
            fake,
            rx,
            users: (0..count)
                .map(|i| SimUser::new(first_chat + i as i64))
                .collect(),
            flights: vec![None; count],
            idle: IdleSet::all(count),
            in_flight: 0,
            rng: XorShift::new(seed),
            first_chat,
            stats: PhaseStats::default(),
            count_postgres: false,
            window_open: false,
            last_reply: Instant::now(),
        }
    }

    /// How many users finished onboarding.
    pub fn onboarded(&self) -> usize {
        self.users.iter().filter(|user| user.onboarded).count()
    }

    /// Starts `action` for idle `user`; `false` (nothing started) if the user
    /// is busy or lacks the button the action presses.
    pub fn start(&mut self, user: usize, action: Action) -> bool {
        if self.flights.get(user).is_none_or(Option::is_some) {
            return false;
        }
        let Some(input) = self.users[user].take_input(action) else {
            return false;
        };
        self.idle.remove(user);
        let tg = &self.users[user].tg;
        let started = Instant::now();
        match &input {
            Input::Text(text) => self.fake.send_text(tg, text),
            Input::Press(button) => self.fake.press(tg, button.message_id, &button.data),
        };
        self.flights[user] = Some(Flight {
            action,
            started,
            remaining: action.expected_calls(),
            answered: false,
            found: None,
        });
        self.in_flight += 1;
        self.stats.started += 1;
        true
    }

    /// Starts the next action of the measured mix for idle `user`.
    pub fn start_chosen(&mut self, user: usize) -> bool {
        let action = self.users[user].choose(&mut self.rng);
        self.start(user, action)
    }

    /// Matches one call headlog made. Returns the user and action if this
    /// call was the last reply that action expected.
    pub fn on_call(&mut self, call: &Call) -> Option<(usize, Action)> {
        // Calls without a chat (answerCallbackQuery, setMyCommands, ..) are
        // not replies to count.
        let chat = call.chat_id()?;
        let user = chat
            .checked_sub(self.first_chat)
            .and_then(|offset| usize::try_from(offset).ok())
            .filter(|&user| user < self.users.len());
        let Some(flight) = user.and_then(|user| self.flights[user].as_mut()) else {
            self.stats.unexpected += 1;
            return None;
        };
        let user = user?;
        self.last_reply = Instant::now();
        if !flight.answered {
            flight.answered = true;
            let latency = call.at.saturating_duration_since(flight.started);
            let micros = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
            self.stats.latencies_us.push(micros);
        }
        if flight.found.is_none()
            && let Some(prefix) = flight.action.wanted_prefix()
        {
            flight.found = find_button(call, prefix);
        }
        flight.remaining = flight.remaining.saturating_sub(1);
        if flight.remaining > 0 {
            return None;
        }
        let flight = self.flights[user].take()?;
        self.users[user].remember(flight.action, flight.found);
        self.finish(user);
        self.stats.completed += 1;
        if self.window_open {
            self.stats.completed_in_window += 1;
        }
        Some((user, flight.action))
    }

    /// Gives up on actions in flight for longer than [`LOST_AFTER`]; returns
    /// their users (now idle).
    pub fn expire_lost(&mut self) -> Vec<usize> {
        let now = Instant::now();
        let lost: Vec<usize> = self
            .flights
            .iter()
            .enumerate()
            .filter(|(_, flight)| {
                flight
                    .as_ref()
                    .is_some_and(|f| now.duration_since(f.started) >= LOST_AFTER)
            })
            .map(|(user, _)| user)
            .collect();
        for &user in &lost {
            self.flights[user] = None;
            self.finish(user);
            self.stats.lost += 1;
        }
        lost
    }

    /// An error if headlog stopped answering: no reply for [`STALL_AFTER`]
    /// while an action at least that old waits.
    pub fn check_stall(&self) -> Result<(), String> {
        let now = Instant::now();
        if now.duration_since(self.last_reply) < STALL_AFTER {
            return Ok(());
        }
        let oldest = self
            .flights
            .iter()
            .flatten()
            .min_by_key(|flight| flight.started);
        match oldest {
            Some(flight) if now.duration_since(flight.started) >= STALL_AFTER => Err(format!(
                "replies stopped arriving: no reply from headlog for {:.0} s while {} actions \
                 wait (the oldest, {:?}, for {:.0} s)",
                now.duration_since(self.last_reply).as_secs_f64(),
                self.in_flight,
                flight.action,
                now.duration_since(flight.started).as_secs_f64(),
            )),
            _ => Ok(()),
        }
    }

    /// Marks `user` idle after its action ended one way or the other.
    fn finish(&mut self, user: usize) {
        self.idle.insert(user);
        self.in_flight = self.in_flight.saturating_sub(1);
    }
}

/// The first inline button of `call` whose data starts with `prefix`, with
/// the message it is under (the message the call produced, or edited).
fn find_button(call: &Call, prefix: &str) -> Option<Button> {
    let message_id = call.message_id.or_else(|| call.target_message_id())?;
    call.inline_buttons()
        .into_iter()
        .find(|(_, data)| data.starts_with(prefix))
        .map(|(_, data)| Button { message_id, data })
}
