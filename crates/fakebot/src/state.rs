//! The fake's state: the update queue, recorded calls, the messages per chat,
//! registered files, injected faults and flood control. One mutex guards it
//! all; it is never held across an `.await`.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use serde_json::Value;
use tokio::sync::{Notify, broadcast};

use crate::rate::RateState;
use crate::types::{BotMessage, Call, Fault};

/// Capacity of the broadcast channel behind `FakeBot::subscribe`.
const SUBSCRIBE_CAPACITY: usize = 1 << 16;

/// The method name whose faults apply to every method.
pub(crate) const ANY_METHOD: &str = "*";

/// Everything a server task and the test handle share.
pub(crate) struct Shared {
    pub inner: Mutex<Inner>,
    /// Woken when an update is pushed.
    pub updates_pushed: Notify,
    /// Woken when a call is recorded.
    pub call_recorded: Notify,
    /// Woken when a method is unstalled.
    pub unstalled: Notify,
}

impl Shared {
    pub fn new() -> Arc<Shared> {
        Arc::new(Shared {
            inner: Mutex::new(Inner::default()),
            updates_pushed: Notify::new(),
            call_recorded: Notify::new(),
            unstalled: Notify::new(),
        })
    }

    /// Locks the state. A panic while locked (only possible in a test's own
    /// closure or a bug) must not wedge every later request, so poisoning is
    /// ignored.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Per-chat state.
#[derive(Default)]
pub(crate) struct ChatState {
    /// Last message id handed out in this chat (bot and user messages share
    /// the counter).
    pub last_message_id: i64,
    /// First name of the user, once the fake saw one.
    pub first_name: Option<String>,
    /// Messages sent on behalf of the bot, by message id.
    pub messages: HashMap<i64, BotMessage>,
    /// Ids of bot messages the fake was told to forget: gone for good, as
    /// if the user deleted them.
    pub forgotten: HashSet<i64>,
}

impl ChatState {
    pub fn next_message_id(&mut self) -> i64 {
        self.last_message_id += 1;
        self.last_message_id
    }

    pub fn first_name(&self) -> &str {
        self.first_name.as_deref().unwrap_or("User")
    }
}

/// A file `getFile` knows about.
pub(crate) struct StoredFile {
    pub file_id: String,
    pub file_path: String,
    pub bytes: Arc<Vec<u8>>,
}

/// A fault queued for the calls naming one chat.
pub(crate) struct ChatFault {
    /// The method (lowercase) it applies to, or [`ANY_METHOD`].
    pub method: String,
    pub fault: Fault,
    /// Calls it still answers.
    pub remaining: usize,
}

/// A queued update, kept as the JSON text `getUpdates` serves.
pub(crate) struct PendingUpdate {
    pub id: i64,
    /// The update kind (`"message"`, ..) for `allowed_updates`; `None` for
    /// raw updates, which are served whatever the bot allows.
    pub kind: Option<String>,
    pub text: String,
}

/// The mutable state.
pub(crate) struct Inner {
    pub next_update_id: i64,
    /// Pending updates, sorted by update id (equal ids in push order).
    pub pending: VecDeque<PendingUpdate>,
    pub confirmed_offset: i64,
    pub get_updates_count: u64,
    /// Arrival of every `getUpdates` request (while recording).
    pub get_updates_times: Vec<Instant>,
    pub allowed_updates: Option<HashSet<String>>,
    pub calls: Vec<Call>,
    /// Index of the first call `next_call` / `wait_for` has not consumed.
    pub cursor: usize,
    pub recording: bool,
    pub subscribers: Option<broadcast::Sender<Call>>,
    pub chats: HashMap<i64, ChatState>,
    /// Registered files by file id.
    pub files: HashMap<String, StoredFile>,
    /// File ids by file path, for downloads.
    pub file_paths: HashMap<String, String>,
    pub faults: HashMap<String, VecDeque<Fault>>,
    /// Faults for the calls naming a chat, by chat id, in the order queued.
    pub chat_faults: HashMap<i64, VecDeque<ChatFault>>,
    /// Flood control: the limits, the windows of accepted sends, counters.
    pub rate: RateState,
    pub stalled: HashSet<String>,
    pub next_serial: u64,
}

impl Default for Inner {
    fn default() -> Self {
        Inner {
            next_update_id: 1,
            pending: VecDeque::new(),
            confirmed_offset: 0,
            get_updates_count: 0,
            get_updates_times: Vec::new(),
            allowed_updates: None,
            calls: Vec::new(),
            cursor: 0,
            recording: true,
            subscribers: None,
            chats: HashMap::new(),
            files: HashMap::new(),
            file_paths: HashMap::new(),
            faults: HashMap::new(),
            chat_faults: HashMap::new(),
            rate: RateState::default(),
            stalled: HashSet::new(),
            next_serial: 1,
        }
    }
}

impl Inner {
    /// A number unique within this fake, for ids of callback queries and
    /// files.
    pub fn serial(&mut self) -> u64 {
        let serial = self.next_serial;
        self.next_serial += 1;
        serial
    }

    pub fn chat(&mut self, chat_id: i64) -> &mut ChatState {
        self.chats.entry(chat_id).or_default()
    }

    /// Queues an update, keeping the queue sorted; returns its id.
    pub fn push_update(&mut self, mut update: Value) -> i64 {
        let given = update.get("update_id").and_then(Value::as_i64);
        let id = self.take_id(given);
        if given.is_none()
            && let Value::Object(map) = &mut update
        {
            map.insert("update_id".into(), id.into());
        }
        let kind = crate::json::update_kind(&update).map(str::to_owned);
        let text = update.to_string();
        self.enqueue(PendingUpdate { id, kind, text });
        id
    }

    /// Queues an update given as JSON text, served verbatim; its id is the
    /// `"update_id":N` found in the text, else the next id.
    pub fn push_raw_update(&mut self, text: &str) -> i64 {
        let id = self.take_id(scan_update_id(text));
        self.enqueue(PendingUpdate {
            id,
            kind: None,
            text: text.to_owned(),
        });
        id
    }

    /// The id for a new update: `given`, or else the next one. Later ids
    /// continue after it.
    fn take_id(&mut self, given: Option<i64>) -> i64 {
        let id = given.unwrap_or(self.next_update_id);
        self.next_update_id = self.next_update_id.max(id.saturating_add(1));
        id
    }

    fn enqueue(&mut self, update: PendingUpdate) {
        match self.pending.back() {
            Some(last) if last.id > update.id => {
                let at = self
                    .pending
                    .partition_point(|pending| pending.id <= update.id);
                self.pending.insert(at, update);
            }
            _ => self.pending.push_back(update),
        }
    }

    /// Applies a `getUpdates` offset: confirms (drops) updates before it.
    /// A negative offset keeps only the last `-offset` updates.
    pub fn confirm(&mut self, offset: i64) {
        if offset < 0 {
            let keep = usize::try_from(offset.unsigned_abs()).unwrap_or(usize::MAX);
            while self.pending.len() > keep {
                self.pending.pop_front();
            }
            return;
        }
        while self
            .pending
            .front()
            .is_some_and(|update| update.id < offset)
        {
            self.pending.pop_front();
        }
        self.confirmed_offset = self.confirmed_offset.max(offset);
    }

    /// The JSON texts of up to `limit` pending updates the bot asked for.
    pub fn take_updates(&self, limit: usize) -> Vec<String> {
        let allowed = |update: &PendingUpdate| match (&self.allowed_updates, &update.kind) {
            (Some(allowed), Some(kind)) => allowed.contains(kind),
            _ => true,
        };
        self.pending
            .iter()
            .filter(|update| allowed(update))
            .take(limit)
            .map(|update| update.text.clone())
            .collect()
    }

    /// Takes the next injected fault for a call of `method` naming `chat`,
    /// if any: the first one queued for that chat and this method (or every
    /// method), else one queued for the method itself, else one queued for
    /// every method (`"*"`).
    pub fn take_fault(&mut self, method: &str, chat: Option<i64>) -> Option<Fault> {
        if let Some(fault) = chat.and_then(|chat| self.take_chat_fault(method, chat)) {
            return Some(fault);
        }
        [method, ANY_METHOD].into_iter().find_map(|key| {
            let queue = self.faults.get_mut(key)?;
            let fault = queue.pop_front();
            if queue.is_empty() {
                self.faults.remove(key);
            }
            fault
        })
    }

    fn take_chat_fault(&mut self, method: &str, chat: i64) -> Option<Fault> {
        let queue = self.chat_faults.get_mut(&chat)?;
        let at = queue
            .iter()
            .position(|queued| queued.method == method || queued.method == ANY_METHOD)?;
        let queued = &mut queue[at];
        let fault = queued.fault.clone();
        queued.remaining -= 1;
        if queued.remaining == 0 {
            queue.remove(at);
            if queue.is_empty() {
                self.chat_faults.remove(&chat);
            }
        }
        Some(fault)
    }

    /// Records a call (if recording) and sends it to subscribers; returns
    /// its index in `calls` if it was stored.
    pub fn record(&mut self, call: Call) -> Option<usize> {
        if let Some(sender) = &self.subscribers {
            // An error only means no receiver is left.
            let _ = sender.send(call.clone());
        }
        if !self.recording {
            return None;
        }
        self.calls.push(call);
        Some(self.calls.len() - 1)
    }

    pub fn subscribe(&mut self) -> broadcast::Receiver<Call> {
        match &self.subscribers {
            Some(sender) => sender.subscribe(),
            None => {
                let (sender, receiver) = broadcast::channel(SUBSCRIBE_CAPACITY);
                self.subscribers = Some(sender);
                receiver
            }
        }
    }

    /// Stores a file for `getFile` and downloads; returns its file path.
    pub fn store_file(&mut self, file_id: &str, name: &str, bytes: Arc<Vec<u8>>) -> String {
        if let Some(old) = self.files.get(file_id) {
            self.file_paths.remove(&old.file_path);
        }
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let file_path = format!("documents/file_{}_{safe}", self.serial());
        self.file_paths
            .insert(file_path.clone(), file_id.to_owned());
        self.files.insert(
            file_id.to_owned(),
            StoredFile {
                file_id: file_id.to_owned(),
                file_path: file_path.clone(),
                bytes,
            },
        );
        file_path
    }
}

/// The `N` of the first `"update_id":N` in a JSON text, found by a tolerant
/// scan (whitespace around the colon is allowed) rather than parsing, since
/// the text may hold what `serde_json` rejects. `None` if there is none or
/// `N` is not an `i64`.
pub(crate) fn scan_update_id(text: &str) -> Option<i64> {
    const KEY: &str = "\"update_id\"";
    text.match_indices(KEY).find_map(|(at, _)| {
        let rest = text[at + KEY.len()..].trim_start().strip_prefix(':')?;
        let rest = rest.trim_start();
        let digits = rest.strip_prefix('-').unwrap_or(rest);
        let end = digits
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(digits.len());
        let number = &rest[..rest.len() - digits.len() + end];
        number.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::scan_update_id;

    #[test]
    fn scans_update_ids_tolerantly() {
        assert_eq!(scan_update_id(r#"{"update_id":7,"x":1}"#), Some(7));
        assert_eq!(
            scan_update_id(r#"{ "update_id" : 4294967296}"#),
            Some(1 << 32)
        );
        assert_eq!(scan_update_id(r#"{"update_id":-3}"#), Some(-3));
        assert_eq!(
            scan_update_id(r#"{"update_id":"x","m":{"update_id":5}}"#),
            Some(5)
        );
        assert_eq!(
            scan_update_id(r#"{"data":"\ud800","update_id":9}"#),
            Some(9)
        );
        assert_eq!(
            scan_update_id(r#"{"update_id":99999999999999999999}"#),
            None
        );
        assert_eq!(scan_update_id(r#"{"message":{}}"#), None);
    }
}
