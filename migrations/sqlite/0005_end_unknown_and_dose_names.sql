-- An attack the evening check-in records is closed with its end unknown until the user
-- gives one (never left open unless the user says it is still going).
alter table attack add column end_unknown boolean not null default false;
-- A dose keeps the medication's name as it was when taken; renaming the medication later
-- does not rewrite past doses.
alter table intake add column med_name text;
update intake set med_name = (select m.name from medication m where m.id = intake.medication_id);
