-- The outbox: every message headlog sends, written in the same transaction as the change
-- that decided it, then sent (reply lane: at once, in order per chat; scheduled lane:
-- drained under the global rate limit). Sent rows lose their body and are purged after
-- two days; /forget removes a user's rows at once.
create table outbox (
    id integer primary key autoincrement,
    chat_id integer not null,
    lane text not null,
    dedup_key text,
    kind text not null,
    body text,
    file blob,
    target integer,
    due_at integer not null,
    created_at integer not null,
    status text not null default 'pending',
    attempts integer not null default 0,
    next_at integer not null,
    claimed_until integer,
    message_id integer,
    finished_at integer,
    error text
);
-- Replies leave `pending` within milliseconds: one small partial index serves them; the
-- scheduled lane, which may hold many future rows, has its own index by due time.
create index outbox_due on outbox (next_at) where status = 'pending' and lane = 'scheduled';
create index outbox_chat on outbox (chat_id, id) where status = 'pending';
create unique index outbox_dedup on outbox (dedup_key) where dedup_key is not null;
create index outbox_finished on outbox (finished_at) where status <> 'pending';
-- The inbox is read by chat among pending rows only; fewer indexes, fewer pages a commit.
create index inbox_chat_pending on inbox (chat_id, update_id) where status = 'pending';
drop index inbox_pending;
drop index inbox_chat;
