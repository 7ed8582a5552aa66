-- Habits (PRODUCT.md §2, MODEL.md "Habits"). A habit belongs to its user; origin is the
-- update that created it (a replayed update creates nothing twice). kind is yes_no,
-- at_least or at_most; numeric targets and values are kept in thousandths (as Loop keeps
-- them), so no float is stored. routine groups habits one tap marks done together;
-- position orders the lists; archived habits are out of the checklist but kept.
-- start_day is the habit day it was created on (streaks and scores count from it);
-- goal_met_at is set once the goal was reached and congratulated.
create table habit (
    id integer primary key,
    user_id integer not null references app_user (id) on delete cascade,
    origin integer,
    name text not null,
    description text,
    kind text not null,
    unit text,
    target_milli integer,
    numerator integer not null,
    denominator integer not null,
    goal_days integer,
    factor text,
    routine text,
    position integer not null,
    start_day text not null,
    archived_at integer,
    goal_met_at integer,
    created_at integer not null,
    unique (user_id, origin)
);
create index habit_user on habit (user_id, position);
-- A habit day's mark: done, skipped or value (value_milli), with an optional note. A day
-- without a row is "no entry". day is the habit day (the user's start of day applies).
create table habit_mark (
    habit_id integer not null references habit (id) on delete cascade,
    day text not null,
    status text not null,
    value_milli integer,
    note text,
    updated_at integer not null,
    primary key (habit_id, day)
);
-- A habit's reminders: a local time (HH:MM) on the weekdays of a bit mask (Monday = 1,
-- Sunday = 64). Each has one schedule row (purpose habit, ref its id) while it is armed.
create table habit_reminder (
    id integer primary key,
    habit_id integer not null references habit (id) on delete cascade,
    user_id integer not null references app_user (id) on delete cascade,
    time text not null,
    weekdays integer not null
);
create index habit_reminder_habit on habit_reminder (habit_id);
-- Per-user habit settings: the start of the habit day in minutes after midnight (0 means
-- midnight), and the habit day a sick-day offer was last made (one offer a day).
create table habit_pref (
    user_id integer primary key references app_user (id) on delete cascade,
    day_start_min integer not null default 0,
    sick_offer_day text,
    updated_at integer not null
);
