# headlog, en: details. Keys must match every other language (a test checks).

## Entry points
btn-details-add = ➕ Add details
btn-details-edit = ✏️ Edit

## The overview
details-title = ✏️ Headache details
details-hint = Tap a field to change it. Each choice is saved at once.
details-line = { $label }: { $value }
details-unknown = —
details-ongoing = not yet (ongoing)
btn-details-start = 🕐 Start
btn-details-end = 🏁 End
btn-details-intensity = 📊 Intensity
btn-details-location = 📍 Where
btn-details-side = ↔️ Side
btn-details-character = 〰️ Character
btn-details-activity = 🚶 Activity
btn-details-nausea = 🤢 Nausea
btn-details-vomiting = 🤮 Vomiting
btn-details-light = 💡 Light
btn-details-sound = 🔊 Sound
btn-details-aura = ✨ Aura
btn-details-triggers = ⚡ Triggers
btn-details-disability = 📅 Day
btn-details-comment = 💬 Comment
btn-details-done = ✅ Done

## A field's screen
details-head = ✏️ Headache that started { $start }
details-step = Question { $n } of { $total }
details-chosen = ✓ { $label }
btn-details-skip = ⏭ Skip
btn-details-next = Next ›
btn-details-all = ☰ All fields
btn-details-clear = 🚫 Clear
btn-details-aura-min = ⏱ Minutes: { $value }
btn-details-trigger-note = ✍️ Other: { $value }

## Field names
details-field-start = Started
details-field-end = Ended
details-field-intensity = Intensity
details-field-location = Where
details-field-side = Side
details-field-character = Character
details-field-activity = Worse with activity
details-field-nausea = Nausea
details-field-vomiting = Vomiting
details-field-light = Bothered by light
details-field-sound = Bothered by sound
details-field-aura = Aura
details-field-aura-min = Aura lasted
details-field-triggers = Possible triggers
details-field-trigger-note = Other trigger
details-field-disability = Effect on the day
details-field-comment = Comment

## Questions
details-ask-start = When did it start? Type a time such as 14:30, “yesterday 22:00” or “2h ago”.
details-ask-end = When did it end? Type a time such as 16:30, “yesterday 23:00” or “30 min ago”.
details-ask-intensity = How strong is the pain, from 0 to 10?
    1–3 mild · 4–6 moderate · 7–10 severe
details-ask-location = Where does it hurt? Tap every place that applies.
details-ask-side = Which side hurts?
details-ask-character = What does the pain feel like?
details-ask-activity = Does routine activity (walking, climbing stairs) make it worse?
details-ask-nausea = Do you feel sick (nausea)?
details-ask-vomiting = Did you vomit?
details-ask-light = Does light bother you?
details-ask-sound = Do sounds bother you?
details-ask-aura = Was there an aura: visual, sensory or speech disturbances before or with the pain? Tap every kind; set how long it lasted below.
details-ask-aura-min = How many minutes did the aura last? Type a whole number from 0 to 1440, such as 20.
details-ask-triggers = What might have set it off? Tap every one that applies; add your own with ✍️.
details-ask-trigger-note = Type what else might have set it off (up to { $max } characters).
details-ask-disability = How much did it affect your day?
details-ask-comment = Type a comment (up to { $max } characters).

## Values
details-yes = yes
details-no = no
details-intensity-value = { $value } ({ $band })
details-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
details-aura-value = { $kinds } ({ $minutes })
details-quoted = “{ $text }”
loc-forehead = Forehead
loc-temples = Temples
loc-eyes = Behind the eyes
loc-occiput = Back of the head
loc-neck = Neck
loc-whole = Whole head
side-left = Left
side-right = Right
side-both = Both sides
char-pulsating = Pulsating
char-pressing = Pressing
char-stabbing = Stabbing
nausea-none = None
nausea-slight = Slight
nausea-marked = Marked
aura-none = None
aura-visual = Visual
aura-sensory = Sensory
aura-speech = Speech
aura-other = Other
trigger-stress = Stress
trigger-poor_sleep = Poor sleep
trigger-too_much_sleep = Too much sleep
trigger-skipped_meal = Skipped meal
trigger-alcohol = Alcohol
trigger-caffeine = Caffeine
trigger-weather = Weather
trigger-bright_light = Bright light
trigger-strong_smell = Strong smell
trigger-menstruation = Menstruation
trigger-screen_time = Screen time
disability-none = Not affected
disability-reduced = ≤ 50% productive
disability-lost_day = Lost day

## Refused values (the record keeps its previous value)
details-error-intensity = Intensity is a whole number from 0 to 10. Nothing was changed.
details-error-aura-min = Aura minutes must be a whole number from 0 to 1440, such as 20. Please type it again.
details-error-empty = There's no text in that message. Please type some text (or /cancel).
details-error-too-long = That's too long: { $length } characters, and the limit here is { $max }. Please shorten it.
details-error-start-future = The start can't be in the future. Please type a time that has passed.
details-error-start-after-end = The start can't be after the end ({ $end }). Please type another time.
