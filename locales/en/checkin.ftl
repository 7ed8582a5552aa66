# headlog, en: checkin. Keys must match every other language (a test checks).

## Frame of every question
checkin-header = 🌙 Evening check-in · { $date } · { $step }/{ $total }
checkin-today = today, { $date }
checkin-yesterday = yesterday, { $date }
checkin-date = { $weekday } { $day } { $month }
checkin-date-year = { $date } { $year }
checkin-resumed = ↩️ Let's continue where you stopped.
checkin-restarted = 🔄 Starting over. What you already answered stays saved.
checkin-use-buttons = Please answer with the buttons below (or /back, /stop).
checkin-current = Recorded now: { $value }
btn-checkin-skip = Skip ›
btn-checkin-next = Next ›
btn-checkin-yes = Yes
btn-checkin-no = No

## Headache today?
checkin-q-headache = Did you have a headache?
checkin-note-headache-free = ✓ This day is already marked headache-free.
checkin-note-attacks = { $count ->
    [one] One headache is recorded on this day; “Yes” fills it in.
   *[other] { $count } headaches are recorded on this day.
}
btn-checkin-headache-yes = 🤕 Yes
btn-checkin-headache-no-today = 🙂 No headache today
btn-checkin-headache-no = 🙂 No headache
btn-checkin-other-day = 📅 Another day…
checkin-saved-headache-free = ✓ Saved: no headache.

## Date
checkin-q-date = Which day is this check-in for? Tap one, or type a date such as 08.03 or 2026-03-08.
btn-checkin-today = Today
btn-checkin-yesterday = Yesterday
checkin-date-future = That date is in the future. Please choose today or an earlier day.
checkin-date-unrecognised = I didn't understand that date. Examples: 08.03, 08.03.2026, 2026-03-08, yesterday.

## A day can't be both
checkin-q-conflict-attack = { $count ->
    [one] A headache is recorded on this day:
   *[other] { $count } headaches are recorded on this day:
}
    { $list }
    You answered “no headache”. Which is right?
btn-checkin-was-headache = 🤕 There was a headache
btn-checkin-remove-attacks = { $count ->
    [one] 🙂 No headache: delete the record
   *[other] 🙂 No headache: delete { $count } records
}
checkin-q-conflict-free = This day is marked headache-free, but you answered “yes”. Which is right?
btn-checkin-keep-free = 🙂 No headache after all
checkin-q-pick = { $count } headaches are recorded on this day. Which one shall we fill in?
checkin-attack-line-unknown = { $start }, end not given
checkin-attack-line-open = { $start } – still going
checkin-attack-gone = The headache record of this day was deleted meanwhile, so let's start from the first question.

## The headache
checkin-q-started = When did it start? Type a time such as 14:30 or “2h ago”, or tap one.
checkin-start-future = The start can't be in the future. Please type a time that has passed.
checkin-start-after-end = The start can't be after the end ({ $end }). Please type another time.
checkin-q-ended = When did it stop? Type a time such as 16:30, or tap one.
checkin-end-unknown = not given
checkin-still-going = still going
btn-checkin-still-going = ⏳ Still going
checkin-end-before-start = The end can't be before the start ({ $start }). Please type another time.
checkin-end-future = That time is in the future. Please type a time that has passed.
checkin-q-aura = In the hour before it started, did you see visual disturbances (flashes, zigzag lines, blind spots)?
checkin-q-location = Where did it hurt? Tap all that apply, then “Next”.
btn-checkin-loc-forehead = Forehead
btn-checkin-loc-temples = Temples
btn-checkin-loc-eyes = Behind the eyes
btn-checkin-loc-occiput = Back of the head
btn-checkin-loc-neck = Neck
btn-checkin-loc-whole = Whole head
checkin-q-character = Was the pain pulsating or pressing (squeezing)?
btn-checkin-pulsating = 💓 Pulsating
btn-checkin-pressing = 🗜 Pressing
checkin-q-activity = Did routine activity (walking, climbing stairs) make it worse?
checkin-q-intensity = How strong was it at its worst, from 1 (mild) to 10 (the worst imaginable)? Tap or type a number.
checkin-intensity-invalid = Please give a whole number from 0 to 10.
checkin-q-nausea = Did you feel sick (nausea)?
btn-checkin-nausea-marked = Marked
btn-checkin-nausea-slight = Slight
btn-checkin-nausea-none = None
checkin-q-vomiting = Did you vomit?
checkin-q-light = Did light bother you?
checkin-q-sound = Did sounds bother you?
checkin-q-cause = What might have caused it? Tap all that apply, or type it in your own words; then “Next”.
checkin-cause-note = In your words: { $text }
checkin-cause-too-long = That's too long ({ $length ->
    [one] { $length } character
   *[other] { $length } characters
}; at most { $max }).
btn-checkin-trigger-stress = Stress
btn-checkin-trigger-poor_sleep = Poor sleep
btn-checkin-trigger-too_much_sleep = Too much sleep
btn-checkin-trigger-skipped_meal = Skipped meal
btn-checkin-trigger-alcohol = Alcohol
btn-checkin-trigger-caffeine = Caffeine
btn-checkin-trigger-weather = Weather
btn-checkin-trigger-bright_light = Bright light
btn-checkin-trigger-strong_smell = Strong smell
btn-checkin-trigger-menstruation = Menstruation
btn-checkin-trigger-screen_time = Screen time

## Painkillers
checkin-q-meds = Did you take any painkillers? Tap one from your list or type its name.
btn-checkin-no-meds = None
checkin-doses = Recorded:
checkin-dose-line = • { $name } { $dose }, { $time }
checkin-dose-line-plain = • { $name }, { $time }
checkin-q-med-class = “{ $name }” is not on your list yet. What kind of medication is it? (Headache-day figures count painkillers by kind.)
checkin-q-dose-empty = Please type the dose, such as 400 mg, or skip.
checkin-q-dose = { $name }: what dose? Type it (such as 400 mg), or skip.
checkin-q-med-time = { $name }: when did you take it? Type a time such as 14:30, or tap one.
btn-checkin-at-start = At the start ({ $time })
checkin-q-more-meds = Anything else?
btn-checkin-another = ➕ Another one
btn-checkin-no-more = No, that's all ›
checkin-med-name-too-long = That name is too long ({ $length ->
    [one] { $length } character
   *[other] { $length } characters
}; at most { $max }).
checkin-dose-negative = A dose can't be negative. Please type it again, such as 400 mg.
checkin-dose-too-long = That dose is too long ({ $length ->
    [one] { $length } character
   *[other] { $length } characters
}; at most { $max }).
checkin-med-time-future = That time is in the future. Please type a time that has passed.

## Comment and the end
checkin-q-comment = Anything else to note? Type a comment, or skip.
checkin-comment-too-long = That comment is too long ({ $length ->
    [one] { $length } character
   *[other] { $length } characters
}; at most { $max }).
checkin-done = ✅ Check-in saved ({ $date }). Thank you!
checkin-stopped = Check-in stopped. Everything you answered is saved; send /checkin to go through it again.
checkin-back-first = This is the first question; there's nothing before it. /stop leaves the check-in.
checkin-none-under-way = There's no check-in under way. Send /checkin to start one.
