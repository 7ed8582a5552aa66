-- The admin page (issue 14): one-time login links, sessions, suspensions by an admin,
-- when a user was last seen, broadcasts with their counters, and the admin action log.
-- Secrets (login tokens, session ids) are kept only as their SHA-256; nothing here holds
-- diary content.
create table admin_login (
    token_hash text primary key,
    admin_id integer not null,
    created_at integer not null,
    expires_at integer not null,
    used_at integer
);
create index admin_login_expires on admin_login (expires_at);

create table admin_session (
    id_hash text primary key,
    admin_id integer not null,
    csrf text not null,
    created_at integer not null,
    last_seen_at integer not null,
    expires_at integer not null
);

-- A user an admin suspended: their updates get one polite notice and no diary processing.
create table user_suspension (
    user_id integer primary key references app_user (id) on delete cascade,
    admin_id integer not null,
    created_at integer not null
);

-- When a user last sent something (to the hour), for the activity figures.
create table user_seen (
    user_id integer primary key references app_user (id) on delete cascade,
    last_seen_at integer not null
);
create index user_seen_at on user_seen (last_seen_at);

-- A broadcast: drafted, scheduled, then enqueued in batches into the outbox's scheduled
-- lane (one row per user, dedup key `broadcast:<id>:<user>`, `outbox.broadcast_id` set).
-- Its outcomes are counted from those rows while they are kept; the counters here hold
-- the users known to have blocked the bot before (not sent to), the suspended ones
-- skipped, and the outcomes of rows the hourly purge has removed.
create table broadcast (
    id integer primary key autoincrement,
    admin_id integer not null,
    body text not null,
    lang text,
    status text not null default 'draft',
    due_at integer,
    cursor integer not null default 0,
    recipients integer not null default 0,
    skipped integer not null default 0,
    sent integer not null default 0,
    failed integer not null default 0,
    blocked integer not null default 0,
    created_at integer not null,
    updated_at integer not null
);

alter table outbox add column broadcast_id integer;
create index outbox_broadcast on outbox (broadcast_id, status) where broadcast_id is not null;

-- Who did what when (admin id, action, target user or broadcast); never diary content.
create table admin_action (
    id integer primary key autoincrement,
    admin_id integer not null,
    action text not null,
    target_user integer,
    broadcast_id integer,
    created_at integer not null
);
