-- Questionnaire results (MIDAS, HIT-6), kept with their dates. answers holds the answers in
-- order, comma-separated (MIDAS days, HIT-6 answer keys); score is the total, kept for
-- lists; taken_at is when the last answer was given and zone the user's zone then (its
-- local day is the day answered). origin is the update that completed it, so a replayed
-- update records nothing twice.
create table questionnaire (
    id bigint generated always as identity primary key,
    user_id bigint not null references app_user (id) on delete cascade,
    origin bigint,
    instrument text not null,
    answers text not null,
    score integer not null,
    taken_at bigint not null,
    zone text not null,
    unique (user_id, origin)
);
create index questionnaire_user on questionnaire (user_id, taken_at);
-- Questionnaire offers (when MIDAS or HIT-6 is due) can be turned off in the reminder
-- settings; they are on by default.
alter table reminder_pref add column questionnaire_on boolean not null default true;
