# headlog, en: meds. Keys must match every other language (a test checks).

## Settings
settings-screen = ⚙️ Settings
    Language: { $language }
    Time zone: { $zone }
    Medications: { $meds }
    Period tracking: { $period }
    Diary reminder: { $checkin }
settings-zone-value = { $zone } ({ $offset })
settings-zone-unset = not set (times are in UTC)
settings-meds-count = { $count ->
    [0] none yet
    [one] 1 on your list
   *[other] { $count } on your list
}
settings-on = on
settings-off = off
settings-btn-language = 🌐 Language
settings-btn-zone = 🕐 Time zone
settings-btn-meds = 💊 Medications
settings-btn-period-on = 🩸 Turn period tracking on
settings-btn-period-off = 🩸 Turn period tracking off
settings-btn-checkin = 🌙 Check-in time
settings-period-turned-on = Period tracking is on. On the first day of a period, tap “{ $button }” in the menu.
settings-period-turned-off = Period tracking is off. The days you marked stay in your diary.
settings-checkin-question = At what time should I remind you about your diary each day? Now: { $current }.
settings-btn-checkin-type = ⌨️ Another time
settings-btn-checkin-off = 🔕 Off
settings-checkin-ask = Type the time of the diary reminder as HH:MM, such as 21:30 (or /cancel).
settings-checkin-error = “{ $input }” is not a time of the form HH:MM. Type one such as 21:30 (or /cancel).
settings-checkin-error-range = { $input } doesn't exist: hours go from 00 to 23 and minutes from 00 to 59. Type a time such as 21:30 (or /cancel).
settings-checkin-set = Diary reminder: every day at { $time }.
settings-checkin-turned-off = The diary reminder is off.

## Period
period-date = { $day } { $month }
period-mark-done = 🩸 Marked: your period started today, { $date }.
period-mark-already = Today, { $date }, is already marked as the start of your period.
period-mark-undone = Removed: the period start on { $date }.
period-mark-not-marked = { $date } is not marked.
period-mark-off = Period tracking is off. You can turn it on in /settings.
period-mark-done-yesterday = 🩸 Marked: your period started yesterday, { $date }.
period-mark-done-day = 🩸 Marked: your period started on { $date }.
period-mark-already-day = { $date } is already marked as the start of your period.
period-mark-moved = 🩸 The period start moved to { $date }.
btn-period-yesterday = It was yesterday
btn-period-other-day = 📅 Another day…
period-ask-day = On which day did your period start? Type a date such as 08.03 or “yesterday” (up to { $days } days back), or /cancel.
period-day-future = That day hasn't come yet. Please type today or an earlier day.
period-day-too-far = That's too long ago: a period start can be marked up to { $days } days back.
period-day-unrecognised = I didn't understand that date. Examples: 08.03, 08.03.2026, 2026-03-08, yesterday.

## Medication list
medclass-simple = Simple analgesic
medclass-nsaid = NSAID
medclass-triptan = Triptan
medclass-ergot = Ergotamine
medclass-gepant = Gepant
medclass-ditan = Ditan
medclass-opioid = Opioid
medclass-combination = Combination analgesic
medclass-preventive = Preventive
medclass-other = Other
med-list-empty = Your medication list is empty. Add what you take for headaches or to prevent them: then recording a dose takes a few taps.
med-list-title = 💊 Your medications ({ $count }):
med-list-line = { $n }. { $name } · { $class }
med-list-line-dose = { $n }. { $name } · { $class } · { $dose }
med-list-page = Page { $page } of { $pages }
med-btn-add = ➕ Add a medication
med-btn-prev = ‹ Previous
med-btn-next = Next ›
med-view = 💊 { $name }
    Class: { $class }
    Usual dose: { $dose }
med-dose-unset = not set
med-btn-name = ✏️ Name
med-btn-class = 🏷 Class
med-btn-dose = 💊 Usual dose
med-btn-delete = 🗑 Remove from the list
med-btn-skip = Skip
med-btn-no-dose = No usual dose
med-ask-name = Type the name of the medication, such as Ibuprofen (or /cancel).
med-ask-class = Which class is { $name }?
    Gepants (rimegepant, ubrogepant) and ditans (lasmiditan) taken for an attack have classes of their own; anti-CGRP antibodies, and gepants taken daily to prevent attacks, are preventive.
med-tap-class = Please tap the class of { $name } in the message above (or /cancel).
med-ask-new-dose = { $name } ({ $class }) is on your list. Type its usual dose, such as 400 mg, or skip.
med-ask-rename = Type the new name of { $name } (or /cancel).
med-ask-dose = Type the usual dose of { $name }, such as 400 mg (or /cancel).
med-exists = { $name } is already on your list.
med-deleted = Removed from your list: { $name }. Doses you recorded keep its name.
med-gone = This medication is no longer on your list.
med-error-name-empty = A medication needs a name. Type it, such as Ibuprofen (or /cancel).
med-error-name-too-long = That name is too long: { $length } characters, at most { $max }. Type a shorter one (or /cancel).
med-error-dose-empty = Type the dose, such as 400 mg (or /cancel).
med-error-dose-too-long = That dose is too long: { $length } characters, at most { $max }. Type a shorter one, such as 400 mg (or /cancel).
med-error-dose-negative = A dose can't be negative. Type an amount such as 400 mg (or /cancel).

## Doses
took-btn = 💊 Took medication
took-ask-med = Which medication did you take? Tap it, or type the name of another one.
took-ask-med-attack = Which medication did you take for the headache from { $start }? Tap it, or type the name of another one.
took-ask-med-empty = Which medication did you take? Type its name and I'll add it to your list.
took-btn-other = ➕ Another one
took-ask-other = Type the name of the medication (or /cancel).
took-ask-dose = { $name }: which dose? Tap the usual one or type it, such as 400 mg.
took-ask-dose-free = { $name }: which dose? Type it, such as 400 mg, or skip.
took-btn-no-dose = Skip
took-ask-time = When did you take { $what }? Tap “Now” or type a time, such as 14:30 or 2h ago.
took-btn-now = 🕐 Now
took-time-future = That time is in the future. Type a time that has passed (or /cancel).
took-recorded = 💊 Recorded: { $what }, { $time }.
took-recorded-attack = 💊 Recorded: { $what }, { $time }, for the headache from { $start }.
took-effect-question = { $name }: how did it work?
took-effect-hint = { $what }, taken { $time }: how much did it help after 2 hours?
took-btn-effect-none = None
took-btn-effect-partial = Partial
took-btn-effect-full = Full
took-effect-saved-none = Noted: { $what } didn't help.
took-effect-saved-partial = Noted: { $what } helped partly.
took-effect-saved-full = Noted: { $what } helped fully.
took-effect-already = How this dose worked is already noted.
took-dose-gone = This dose no longer exists.
