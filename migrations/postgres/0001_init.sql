-- headlog schema v1 (PostgreSQL). Instants are unix seconds (UTC); zones are IANA names.
create table app_user (
    id bigint primary key,
    lang text,
    tg_lang text,
    zone text,
    blocked_at bigint,
    created_at bigint not null,
    updated_at bigint not null
);

create table attack (
    id bigint generated always as identity primary key,
    user_id bigint not null references app_user (id) on delete cascade,
    origin bigint,
    started_at bigint not null,
    ended_at bigint,
    zone text not null,
    intensity integer,
    location text not null default '',
    side text,
    character text,
    worse_with_activity boolean,
    nausea text,
    vomiting boolean,
    light_sensitivity boolean,
    sound_sensitivity boolean,
    aura text not null default '',
    aura_min integer,
    triggers text not null default '',
    trigger_note text,
    disability text,
    comment text,
    created_at bigint not null,
    updated_at bigint not null,
    deleted_at bigint
);
create unique index attack_origin on attack (user_id, origin);
create index attack_user_started on attack (user_id, started_at);

create table medication (
    id bigint generated always as identity primary key,
    user_id bigint not null references app_user (id) on delete cascade,
    name text not null,
    class text not null,
    default_dose text,
    created_at bigint not null,
    updated_at bigint not null,
    deleted_at bigint
);
create index medication_user on medication (user_id);

create table intake (
    id bigint generated always as identity primary key,
    user_id bigint not null references app_user (id) on delete cascade,
    medication_id bigint not null references medication (id) on delete cascade,
    attack_id bigint references attack (id) on delete set null,
    taken_at bigint not null,
    zone text not null,
    dose text,
    effect text,
    origin bigint,
    created_at bigint not null,
    updated_at bigint not null,
    deleted_at bigint
);
create index intake_user_taken on intake (user_id, taken_at);
create unique index intake_origin on intake (user_id, origin);

create table day_record (
    id bigint generated always as identity primary key,
    user_id bigint not null references app_user (id) on delete cascade,
    day text not null,
    zone text not null,
    headache_free boolean,
    menstruation boolean,
    comment text,
    created_at bigint not null,
    updated_at bigint not null,
    deleted_at bigint
);
create unique index day_record_user_day on day_record (user_id, day);

create table dialogue (
    user_id bigint primary key,
    state text not null,
    updated_at bigint not null
);

create table inbox (
    update_id bigint primary key,
    chat_id bigint,
    payload text,
    status text not null default 'pending',
    attempts integer not null default 0,
    received_at bigint not null,
    finished_at bigint
);
create index inbox_pending on inbox (update_id) where status = 'pending';
create index inbox_chat on inbox (chat_id);

create table kv (
    key text primary key,
    value text not null
);
