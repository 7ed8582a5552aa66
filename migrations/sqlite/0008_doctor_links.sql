-- Read-only links to a period's doctor report. Only the SHA-256 of the token (256 random
-- bits, shown once in the chat) is kept; a link is dead once expired or revoked.
create table doctor_link (
    id integer primary key,
    user_id integer not null references app_user (id) on delete cascade,
    token_hash text not null unique,
    first_day text not null,
    last_day text not null,
    created_at integer not null,
    expires_at integer not null,
    revoked_at integer
);
create index doctor_link_user on doctor_link (user_id, expires_at);
-- Personal API tokens (/token): only the SHA-256 of the token (shown once) is kept.
create table api_token (
    id integer primary key,
    user_id integer not null references app_user (id) on delete cascade,
    token_hash text not null unique,
    created_at integer not null,
    last_used_at integer,
    revoked_at integer
);
create index api_token_user on api_token (user_id);
