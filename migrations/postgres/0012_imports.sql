-- Imports (issue 12): one row per file a user sent, from its preview to its undo. source
-- is what the file was recognised as (archive, diary_csv, migraine_buddy, loop); file_id
-- is Telegram's, so the confirmed import downloads the file again; sha256 (hex) makes
-- sure it is the same file the preview counted; summary is the preview's counts (JSON).
-- state: previewed, applied, cancelled, undone. Every record an import wrote carries its
-- import_id, so undoing it deletes exactly those.
create table import_batch (
    id bigint generated always as identity primary key,
    user_id bigint not null references app_user (id) on delete cascade,
    source text not null,
    file_id text not null,
    file_name text,
    sha256 text not null,
    summary text not null,
    state text not null,
    created_at bigint not null,
    applied_at bigint,
    undone_at bigint
);
create index import_batch_user on import_batch (user_id, created_at);
alter table attack add column import_id bigint;
alter table intake add column import_id bigint;
alter table day_record add column import_id bigint;
alter table medication add column import_id bigint;
alter table questionnaire add column import_id bigint;
alter table habit add column import_id bigint;
alter table habit_mark add column import_id bigint;
