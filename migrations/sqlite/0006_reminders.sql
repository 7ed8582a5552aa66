-- Reminders. A user's choices live in reminder_pref (a missing row means the defaults);
-- the diary reminder's time stays app_user.checkin_time. Every reminder still to come is
-- one row of `schedule`, keyed by (user, purpose, ref): the daily and weekly ones are
-- moved on after they fire, follow-ups (a dose, an open attack, a check-in left
-- unfinished, a snooze) are removed. The scheduler reads what is due from schedule_due.
create table reminder_pref (
    user_id integer primary key references app_user (id) on delete cascade,
    diary_mode text not null default 'evening',
    diary_repeat boolean not null default false,
    dose_on boolean not null default true,
    dose_after_min integer not null default 120,
    attack_on boolean not null default true,
    attack_after_min integer not null default 240,
    nudge_on boolean not null default true,
    weekly_on boolean not null default true,
    weekly_time text not null default '09:00',
    paused_until integer,
    quiet_from text,
    quiet_to text,
    updated_at integer not null
);
create table schedule (
    user_id integer not null references app_user (id) on delete cascade,
    purpose text not null,
    ref_id integer not null default 0,
    due_at integer not null,
    round integer not null default 0,
    primary key (user_id, purpose, ref_id)
);
create index schedule_due on schedule (due_at);
-- The scheduled lane may hold many rows: the per-chat index serves replies only (busy
-- checks, claims), so a scheduled row costs one index less to write.
drop index outbox_chat;
create index outbox_chat on outbox (chat_id, id) where status = 'pending' and lane = 'reply';
