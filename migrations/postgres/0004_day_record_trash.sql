-- A deleted day record stays in the trash (restorable for 30 days) while the user writes a
-- new record of that day: only live records are one per user and day.
drop index day_record_user_day;
create unique index day_record_user_day on day_record (user_id, day) where deleted_at is null;
