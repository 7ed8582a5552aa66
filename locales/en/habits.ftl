# headlog, en: habits (PRODUCT.md §2). Keys must match every other language (a test checks).

btn-habits = ✅ Habits
cmd-habits = Today's habits
settings-btn-habit-day = 🌙 Start of the habit day

## Today's checklist
habits-today-title = ✅ Habits · { $date }
habits-day-starts = Your habit day starts at { $time }.
habits-none-yet = No habits yet. A habit is anything you want to do regularly (or less of): water, sleep, a walk, coffee. Tap "New habit" to add one.
habits-today-count = Done today: { $done } of { $total }. Tap a habit to mark it, tap again to undo; ⋯ to skip a day, add a note or see the card.
habits-progress = { $value } / { $target } { $unit }
habits-skipped = skipped
habits-btn-routine = ☑️ { $routine }: all done
habits-routine-done = { $routine }: { $count ->
    [one] 1 habit marked done
   *[other] { $count } habits marked done
}
habits-btn-prev = ‹ Previous
habits-btn-next = Next ›
habits-btn-new = ➕ New habit
habits-btn-manage = ⚙️ Manage
habits-btn-today = ✅ Today's habits
habits-btn-sick-day = 🤒 Sick day: skip the rest
habits-cancelled = Cancelled.

## A habit's day
habits-day-title = { $name } · { $date }
habits-target-at-least = Target: at least { $amount } { $unit } a day
habits-target-at-most = Target: at most { $amount } { $unit } a day
habits-status-done = ✅ Done.
habits-status-skipped = ⏭ Skipped on purpose: neither breaks nor extends the streak.
habits-status-none = No entry yet.
habits-status-value = 🔸 { $progress }: not there yet.
habits-status-value-done = ✅ { $progress }: done.
habits-type-number = Type a number to set it, or use − / +.
habits-note-shown = 📝 { $note }
habits-btn-done = ✅ Done
habits-btn-skip = ⏭ Skip this day
habits-btn-clear = ✖️ No entry
habits-btn-note = 📝 Note
habits-btn-card = 📊 Card
habits-value-saved = Saved: { $value }.
habits-ask-note = A short note on { $name }, { $date } (up to { $max } characters). Send "-" to remove the note.
habits-note-saved = Note saved.
habits-note-removed = Note removed.

## Sick day
habits-sick-offer = 🤒 A hard headache day. Skip today's remaining habits? Skipped days keep your streaks alive and freeze the strength score.
habits-btn-sick-skip = ⏭ Skip today's habits
habits-sick-done = ⏭ { $count ->
    [one] 1 habit skipped
   *[other] { $count } habits skipped
} for today. Your streaks stay as they were. Get well soon.
habits-sick-nothing = Nothing left to skip today.

## Card
habits-card-title = 📊 { $name }
habits-card-streak = 🔥 Streak: { $current ->
    [one] 1 day
   *[other] { $current } days
} (best { $best })
habits-card-score = 💪 Strength: { $percent } %
habits-card-month = 📅 This month: { $done } of { $days } days ({ $percent } %)
habits-card-weeks = The last 4 weeks:
habits-card-legend = ✅ done · ☑️ done for the period · ⏭ skipped · 🔸 short of the target · ▫️ no entry · ➖ not started
habits-card-reminders = ⏰ Reminders: { $times }
habits-btn-calendar = 📅 Correct a day
habits-btn-reminders = ⏰ Reminders
habits-btn-edit = ✏️ Edit
habits-calendar-title = { $name }: the last { $days } days. Tap a day to correct it.
habits-freq-daily = every day
habits-freq-week = { $count ->
    [one] once a week
   *[other] { $count } times a week
}
habits-freq-month = { $count ->
    [one] once a month
   *[other] { $count } times a month
}
habits-freq-every = every { $days } days
habits-freq-custom = { $count } times in { $days } days
habits-goal-days = goal { $days } days
habits-goal-none = no goal
habits-factor-line = Headache factor: { $factor }
habits-routine-line = Routine: { $routine }
habits-archived-line = 🗄 Archived.

## Goal
habits-goal-reached = 🎉 { $name }: { $days ->
    [one] 1 day
   *[other] { $days } days
} in a row, your goal is reached! Archive the habit, or keep going?
habits-btn-goal-archive = 🗄 Archive it
habits-btn-goal-keep = ▶️ Keep going
habits-goal-archived = 🗄 { $name } is archived. Its history stays; you can bring it back from Manage → Archived.
habits-goal-kept = ▶️ { $name } stays on your list. Well done!

## Creating and editing
habits-new-title = ➕ New habit
habits-new-title-named = ➕ New habit: { $name }
habits-ask-name = What should it be called? Type a short name (up to { $max } characters), e.g. "Drink water" or "Walk 30 minutes".
habits-ask-description = A description or a question to ask yourself? Type it, or skip.
habits-btn-no-description = Skip
habits-ask-kind = Is it done or not done, or do you count something each day?
habits-kind-yes-no = ✅ Yes or no
habits-kind-at-least = 🔼 A number: at least a target
habits-kind-at-most = 🔽 A number: at most a target
habits-ask-unit = What do you count? Type the unit, e.g. glasses, hours, cups.
habits-ask-target = What is the daily target? Type a number, e.g. 8 or 7.5.
habits-ask-frequency = How often? Tap one, or type it as times/days, e.g. 2/7 for twice a week.
habits-ask-goal = A goal? Reaching it means a streak of that many days. 21 days is a good start.
habits-btn-goal = { $days } days
habits-btn-no-goal = No goal
habits-ask-factor = Does it stand for a headache factor? Reports put tagged habits beside your headache days.
habits-btn-no-factor = No factor
habits-ask-routine = Part of a routine? Habits of one routine are marked done with one tap. Tap one, type a new name (up to { $max } characters), or skip.
habits-btn-no-routine = No routine
habits-ask-reminder = A reminder? Type a time like 08:30 (every day; choose the weekdays later), or tap "No reminder".
habits-btn-no-reminder = No reminder
habits-created = ✅ Habit added: { $name }
habits-created-reminder = ⏰ Reminder every day at { $time }.
habits-use-buttons = Please choose with the buttons above.
habits-factor-sleep = 😴 Sleep
habits-factor-water = 💧 Water
habits-factor-caffeine = ☕ Caffeine
habits-factor-alcohol = 🍷 Alcohol
habits-factor-exercise = 🏃 Exercise
habits-factor-stress = 😣 Stress
habits-factor-screen-time = 📱 Screen time
habits-factor-other = 🏷 Other

## Managing
habits-list-title = ⚙️ Your habits. Tap one to open it.
habits-archived-title = 🗄 Archived habits
habits-archived-none = No archived habits.
habits-page = Page { $page } of { $pages }
habits-btn-archived = 🗄 Archived
habits-btn-day-start = 🌙 Day starts at { $time }
habits-edit-title = ✏️ { $name }
habits-btn-edit-name = Name
habits-btn-edit-description = Description
habits-btn-edit-kind = Type
habits-btn-edit-frequency = Frequency
habits-btn-edit-unit = Unit
habits-btn-edit-target = Target
habits-btn-edit-goal = Goal
habits-btn-edit-factor = Factor
habits-btn-edit-routine = Routine
habits-btn-up = ▲ Up
habits-btn-down = ▼ Down
habits-btn-archive = 🗄 Archive
habits-btn-unarchive = ♻️ Bring back
habits-btn-delete = 🗑 Delete
habits-saved = Saved.
habits-moved = Now { $place } of { $count }.
habits-archived = 🗄 { $name } is archived: off today's list, its reminders stop, its history stays.
habits-unarchived = ♻️ { $name } is back on today's list.
habits-delete-ask = Delete { $name } with its whole history and reminders? This can't be undone. Archiving keeps the history instead.
habits-btn-delete-yes = 🗑 Delete for good
habits-btn-archive-instead = 🗄 Archive instead
habits-deleted = { $name } deleted.
habits-gone = This habit is no longer there.
habits-day-start-ask = Your habit day starts at { $time }. If you go to bed after midnight, a later start keeps a late evening on the day before, for habits and their reminders only (your headache diary keeps calendar days).

## Reminders
habits-reminders-title = ⏰ Reminders for { $name }
habits-reminders-none = No reminders yet.
habits-reminders-hint = Tap a weekday to turn it on or off (✓ = on). A habit already done or skipped that day is not reminded.
habits-reminders-archived = The habit is archived: its reminders are paused.
habits-btn-reminder-add = ➕ Add a reminder
habits-btn-reminder-delete = 🗑 Remove { $time }
habits-ask-reminder-time = At what time should I remind you of { $name }? Type it like 08:30.
habits-reminder-added = ⏰ Reminder added at { $time }, every day.
habits-reminder-deleted = Reminder removed.
habits-days-every = every day
habits-days-workdays = Monday to Friday
habits-days-none = no day chosen: this reminder is off
habits-reminder-text = ⏰ Time for: { $name }
habits-btn-enter-number = ✏️ Enter the number
habits-reminder-done = ✅ { $name }: done.
habits-reminder-skipped = ⏭ { $name }: skipped for today.
habits-reminder-cleared = { $name }: no entry.

## Refusals
habits-error-empty = That is empty. Please type something.
habits-error-too-long = That is { $length } characters; at most { $max } fit. Please shorten it.
habits-error-number = "{ $input }" is not a number I can read. Type digits, e.g. 8 or 2.5.
habits-error-range = Please type a number above zero and at most { $max }.
habits-error-frequency = Please type it as times/days, e.g. 3/7 for three times a week (times at most days, days at most 365).
habits-error-goal = Please type a number of days from 1 to 3650, or 0 for no goal.
habits-error-time = "{ $input }" is not a time I can read. Type it like 08:30.
habits-error-time-range = "{ $input }" is not a time of day: hours go from 00 to 23 and minutes from 00 to 59.
habits-error-future = That day has not come yet: a habit is marked on the day or afterwards.
habits-error-too-old = That day is too far back to correct here.
habits-error-too-many = You have { $max } habits already, the most one diary keeps. Delete one to add another.
habits-error-too-many-reminders = A habit has at most { $max } reminders.

## Export
export-habits-caption = Your habits, shaped like Loop Habit Tracker's Habits.csv.
export-checkmarks-caption = Checkmarks.csv: a row per day, a column per habit (2 done, 1 done for the period, 0 short, 3 skipped, -1 no entry; numbers in thousandths, as Loop writes them).
export-scores-caption = Scores.csv: each habit's strength score per day, 0 to 1.
