//! The fake's state: the update queue, recorded calls, the messages per chat,
//! registered files and injected faults. One mutex guards it all; it is never
//! held across an `.await`.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;
use tokio::sync::{Notify, broadcast};

use crate::types::{BotMessage, Call, Fault};

/// Capacity of the broadcast channel behind `FakeBot::subscribe`.
const SUBSCRIBE_CAPACITY: usize = 1 << 16;

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

/// The mutable state.
pub(crate) struct Inner {
    pub next_update_id: i64,
    /// Pending updates, sorted by update id.
    pub pending: VecDeque<(i64, Value)>,
    pub confirmed_offset: i64,
    pub get_updates_count: u64,
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
            allowed_updates: None,
            calls: Vec::new(),
            cursor: 0,
            recording: true,
            subscribers: None,
            chats: HashMap::new(),
            files: HashMap::new(),
            file_paths: HashMap::new(),
            faults: HashMap::new(),
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
        let id = given.unwrap_or(self.next_update_id);
        self.next_update_id = self.next_update_id.max(id + 1);
        if given.is_none()
            && let Value::Object(map) = &mut update
        {
            map.insert("update_id".into(), id.into());
        }
        match self.pending.back() {
            Some((last, _)) if *last > id => {
                let at = self.pending.partition_point(|(pending, _)| *pending <= id);
                self.pending.insert(at, (id, update));
            }
            _ => self.pending.push_back((id, update)),
        }
        id
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
        while self.pending.front().is_some_and(|(id, _)| *id < offset) {
            self.pending.pop_front();
        }
        self.confirmed_offset = self.confirmed_offset.max(offset);
    }

    /// Up to `limit` pending updates the bot asked for.
    pub fn take_updates(&self, limit: usize) -> Vec<Value> {
        let allowed =
            |update: &Value| match (&self.allowed_updates, crate::json::update_kind(update)) {
                (Some(allowed), Some(kind)) => allowed.contains(kind),
                _ => true,
            };
        self.pending
            .iter()
            .map(|(_, update)| update)
            .filter(|update| allowed(update))
            .take(limit)
            .cloned()
            .collect()
    }

    /// Takes the next injected fault for `method`, if any.
    pub fn take_fault(&mut self, method: &str) -> Option<Fault> {
        let queue = self.faults.get_mut(method)?;
        let fault = queue.pop_front();
        if queue.is_empty() {
            self.faults.remove(method);
        }
        fault
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
