//! Observing the calls the bot made, counters, fault injection and flood
//! control.

use std::pin::pin;
use std::time::{self, Duration};

use tokio::sync::broadcast;
use tokio::time::Instant;

use crate::FakeBot;
use crate::rate::RateStats;
use crate::state::{ANY_METHOD, ChatFault};
use crate::types::{Call, Fault};

impl FakeBot {
    /// All recorded calls in arrival order (everything except `getUpdates`
    /// and `getMe`), including faulted ones.
    pub fn calls(&self) -> Vec<Call> {
        self.shared.lock().calls.clone()
    }

    /// The next call after the cursor, waiting up to `timeout` for one to
    /// arrive, and advances the cursor past it. The cursor is shared by all
    /// clones of this `FakeBot` and by [`FakeBot::wait_for`].
    pub async fn next_call(&self, timeout: Duration) -> Option<Call> {
        self.wait_for(timeout, |_| true).await
    }

    /// The first call after the cursor for which `pred` holds, waiting up to
    /// `timeout` for it to arrive. On a match the cursor moves past it, so
    /// the calls between the old cursor and the match are skipped for later
    /// `next_call`/`wait_for` (they stay in [`FakeBot::calls`]). On timeout
    /// the cursor does not move and `None` is returned.
    ///
    /// `pred` runs while the fake's state is locked: it must not call back
    /// into the `FakeBot`.
    pub async fn wait_for(&self, timeout: Duration, pred: impl Fn(&Call) -> bool) -> Option<Call> {
        let deadline = Instant::now() + timeout;
        let mut scanned = None;
        loop {
            let mut recorded = pin!(self.shared.call_recorded.notified());
            recorded.as_mut().enable();
            {
                let mut inner = self.shared.lock();
                let from = scanned.unwrap_or(inner.cursor).max(inner.cursor);
                let found = inner.calls[from..]
                    .iter()
                    .position(&pred)
                    .map(|at| from + at);
                if let Some(index) = found {
                    inner.cursor = index + 1;
                    return Some(inner.calls[index].clone());
                }
                scanned = Some(inner.calls.len());
            }
            if tokio::time::timeout_at(deadline, recorded).await.is_err() {
                return None;
            }
        }
    }

    /// Calls that arrived after the cursor, without waiting; moves the
    /// cursor to the end.
    pub fn drain_calls(&self) -> Vec<Call> {
        let mut inner = self.shared.lock();
        let from = inner.cursor.min(inner.calls.len());
        inner.cursor = inner.calls.len();
        inner.calls[from..].to_vec()
    }

    /// A receiver of every call (except `getUpdates`/`getMe`) from now on,
    /// whether or not recording is on. The channel keeps the last 65536
    /// calls; a receiver that falls further behind gets
    /// [`broadcast::error::RecvError::Lagged`].
    pub fn subscribe(&self) -> broadcast::Receiver<Call> {
        self.shared.lock().subscribe()
    }

    /// Turns keeping calls for [`FakeBot::calls`], `next_call` and
    /// `wait_for` on or off (on by default). A long benchmark can turn it
    /// off and use [`FakeBot::subscribe`] so memory does not grow per call.
    pub fn set_recording(&self, on: bool) {
        self.shared.lock().recording = on;
    }

    /// How many `getUpdates` requests arrived (faulted ones included).
    pub fn get_updates_count(&self) -> u64 {
        self.shared.lock().get_updates_count
    }

    /// When each `getUpdates` request arrived, in order (faulted ones
    /// included), e.g. to check that a client waited out a `retry_after`.
    /// Kept only while recording is on (see [`FakeBot::set_recording`]),
    /// unlike [`FakeBot::get_updates_count`].
    pub fn get_updates_times(&self) -> Vec<time::Instant> {
        self.shared.lock().get_updates_times.clone()
    }

    /// The highest non-negative `offset` a `getUpdates` request sent (0 if
    /// none): every update with a smaller id is confirmed and gone.
    pub fn confirmed_offset(&self) -> i64 {
        self.shared.lock().confirmed_offset
    }

    /// How many updates are queued and not yet confirmed.
    pub fn pending_updates(&self) -> usize {
        self.shared.lock().pending.len()
    }

    /// Answers the next `times` calls of `method` (case-insensitive, e.g.
    /// `"sendMessage"`) with `fault` instead of executing them. Faults queue
    /// up: a later `fail` for the same method applies after earlier ones.
    /// Faulted calls are recorded with `fault: true`.
    ///
    /// Every method can fail, `getUpdates` and `getMe` included (they are
    /// not recorded as calls; a faulted `getUpdates` confirms no offset).
    /// The method `"*"` stands for all methods: its faults apply to the
    /// next `times` calls of any method, after the faults queued for that
    /// method itself.
    pub fn fail(&self, method: &str, fault: Fault, times: usize) {
        let mut inner = self.shared.lock();
        let queue = inner.faults.entry(method.to_ascii_lowercase()).or_default();
        queue.extend(std::iter::repeat_n(fault, times));
    }

    /// Answers the next `times` calls of `method` (case-insensitive, or
    /// `"*"` for every method) whose `chat_id` is `chat_id` with `fault`
    /// instead of executing them; calls to other chats are served as usual.
    /// Faults for a chat apply before those queued with [`FakeBot::fail`],
    /// in the order they were queued; `times` may be `usize::MAX` (the fault
    /// then stays until [`FakeBot::clear_chat_faults`]). Calls without a
    /// `chat_id` (`answerCallbackQuery`, `getUpdates`, ..) are never
    /// affected. Faulted calls are recorded with `fault: true`.
    ///
    /// A user who blocked the bot:
    /// `fake.fail_chat(42, "*", Fault::Forbidden, usize::MAX)`, which is
    /// what [`FakeBot::block_chat`] does.
    pub fn fail_chat(&self, chat_id: i64, method: &str, fault: Fault, times: usize) {
        if times == 0 {
            return;
        }
        let method = method.to_ascii_lowercase();
        let mut inner = self.shared.lock();
        inner
            .chat_faults
            .entry(chat_id)
            .or_default()
            .push_back(ChatFault {
                method,
                fault,
                remaining: times,
            });
    }

    /// From now on, every call naming `chat_id` gets 403 `"Forbidden: bot
    /// was blocked by the user"`, as when the user blocked the bot, until
    /// [`FakeBot::clear_chat_faults`]. Faults queued for the chat before
    /// apply first.
    pub fn block_chat(&self, chat_id: i64) {
        self.fail_chat(chat_id, ANY_METHOD, Fault::Forbidden, usize::MAX);
    }

    /// Drops every fault queued for `chat_id` with [`FakeBot::fail_chat`] or
    /// [`FakeBot::block_chat`] (an unblocked user).
    pub fn clear_chat_faults(&self, chat_id: i64) {
        self.shared.lock().chat_faults.remove(&chat_id);
    }

    /// Turns overall flood control on with `per_second` accepted calls in
    /// any sliding one-second window, or off with `None` or 0 (the default).
    ///
    /// A counted call (see the crate documentation: the sends and edits of
    /// messages) is accepted only if fewer than `per_second` accepted calls
    /// arrived in the last second (1000 ms); otherwise it is answered 429
    /// `"Too Many Requests: retry after N"` with
    /// `"parameters":{"retry_after":N}` (N whole seconds until a call would
    /// fit, so 1), recorded with `error_code: Some(429)` and `fault: false`,
    /// and not executed (no message, no edit). A refused call does not count
    /// towards the limit. A call is counted when it arrives, before it is
    /// executed or stalled; faults injected with [`FakeBot::fail`] or
    /// [`FakeBot::fail_chat`] answer first and are not counted.
    ///
    /// The calls of the last second are kept while the limit changes, so
    /// turning it on (or lowering it) can refuse a call at once.
    pub fn limit_rate(&self, per_second: impl Into<Option<u32>>) {
        self.shared.lock().rate.limit = per_second.into().filter(|&n| n > 0);
    }

    /// Turns per-chat flood control on with `per_second` accepted calls to
    /// one chat (by `chat_id`) in any sliding one-second window, or off with
    /// `None` or 0 (the default). Telegram allows about one message a second
    /// per chat. Works like [`FakeBot::limit_rate`], alone or beside it; a
    /// call without a `chat_id` is never refused by it.
    pub fn limit_chat_rate(&self, per_second: impl Into<Option<u32>>) {
        self.shared.lock().rate.chat_limit = per_second.into().filter(|&n| n > 0);
    }

    /// What flood control counted since the fake started or the last
    /// [`FakeBot::reset_rate_stats`]; counted whether or not a limit is on.
    pub fn rate_stats(&self) -> RateStats {
        self.shared.lock().rate.stats()
    }

    /// Starts the counters of [`FakeBot::rate_stats`] afresh (e.g. between
    /// the phases of a benchmark). The limits still see the calls of the last
    /// second, so a reset never lets a burst through; the busiest window
    /// counts only calls after the reset.
    pub fn reset_rate_stats(&self) {
        self.shared.lock().rate.reset_stats(time::Instant::now());
    }

    /// Holds every call of `method` (case-insensitive) from now on: it is
    /// recorded when it arrives but answered only after
    /// [`FakeBot::unstall`]. Queued faults are answered without stalling.
    pub fn stall(&self, method: &str) {
        self.shared
            .lock()
            .stalled
            .insert(method.to_ascii_lowercase());
    }

    /// Releases `method`: held calls are executed and answered normally, in
    /// no particular order; the recorded calls get their `message_id` and
    /// `error_code` (subscribers saw them on arrival, without). A held call
    /// is executed even if its client gave up waiting, as Telegram would.
    pub fn unstall(&self, method: &str) {
        self.shared
            .lock()
            .stalled
            .remove(&method.to_ascii_lowercase());
        self.shared.unstalled.notify_waiters();
    }
}
