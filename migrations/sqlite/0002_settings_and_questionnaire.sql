-- User settings for the evening check-in and menstruation tracking; questionnaire answers.
alter table app_user add column checkin_time text;
alter table app_user add column track_menstruation boolean not null default false;
alter table day_record add column questionnaire text;
create index attack_user_deleted on attack (user_id, deleted_at);
