# headlog, English. Keys must match every other language (a test checks).

## Main keyboard
btn-headache-now = 🤕 Headache now
btn-history = 📖 History
btn-export = 📤 Export
btn-report = 📊 Report
btn-period = 🩸 Period started
btn-help = ❓ Help

## Commands (the menu button lists these)
cmd-start = Main menu
cmd-history = Your records
cmd-export = Download your diary: CSV, habits, archive or FHIR
cmd-archive = Everything you keep here, as one JSON file
cmd-timezone = Set your time zone
cmd-language = Choose the language
cmd-privacy = What is stored and why
cmd-forget = Erase everything
cmd-cancel = Stop what you are doing
cmd-checkin = Evening check-in
cmd-took = Took a medication
cmd-trash = Deleted records (restore)
cmd-report = Figures and pictures for a period
cmd-settings = Settings
cmd-token = API tokens for your own apps
cmd-help = How to use headlog

## Start
start-greeting = Hi! I'm headlog, your private headache diary.
    Tap “🤕 Headache now” the moment pain starts: one tap records it. Look back in History, download everything with /export. Your diary is yours alone: /privacy.
start-again = Welcome back! The menu is below.
menu-shown = The menu is below.

## Time zone
tz-question = Which time zone are you in? Your diary shows times in it.
    Tap one below, type a city such as Berlin, a name such as Europe/Moscow, an abbreviation such as EST or an offset such as UTC+3, or share your location (used only to look up the zone, never stored).
tz-location-prompt = Or share your location with the button below.
btn-share-location = 📍 Share location
btn-cancel = ✖️ Cancel
tz-set = Time zone: { $zone } ({ $offset }). Your local time now: { $time }.
tz-current = Your time zone is { $zone } ({ $offset }).
tz-unknown = I don't know the time zone “{ $input }”. Try a city such as Berlin, a name such as Europe/Moscow, an abbreviation such as EST, or an offset such as UTC+3.
tz-location-unknown = I found no time zone at that point. Please tap one from the list or type its name.
tz-not-set-hint = Times are in UTC until you set your time zone with /timezone.

## Attacks
attack-recorded = Headache recorded: started { $start }.
    When it ends, tap a button below.
attack-already-open = A headache is already in progress since { $start } ({ $duration }), so I didn't start another.
attack-stale-open = Your headache from { $start } has been open for { $duration }. When did it end? Type a time such as “yesterday 22:00” or “2h ago” (or /cancel).
    Then I'll record the new one from { $now }.
attack-ended = Headache ended: { $range } ({ $duration }).
attack-already-ended = This headache has already ended: { $range } ({ $duration }).
attack-ask-end = When did it end? Type a time such as 16:30, “yesterday 22:00” or “2h ago” (or /cancel).
attack-end-before-start = The end can't be before the start ({ $start }). Please type another time.
attack-end-in-future = That time is in the future. Please type a time that has passed.
attack-undone = Undone: the headache from { $start } is removed.
attack-gone = This record no longer exists.
btn-ended-now = ✅ Ended now
btn-ended-at = 🕐 Ended at…
btn-undo = ↩️ Undo
btn-restore = ↩️ Restore

## Typed times
time-error-empty = Please type a time, such as 14:30.
time-error-unrecognised = I didn't understand that time. Examples: 14:30, today 9:15, yesterday 22:00, 2h ago, 30 min ago, 31.01 08:00.
time-error-invalid-time = That time doesn't exist: hours go from 0 to 23 and minutes from 0 to 59.
time-error-invalid-date = That date doesn't exist in the calendar.
time-error-too-long = That's too long for a time. Examples: 14:30, yesterday 22:00, 2h ago.
time-error-too-far-back = That's too far in the past.

## History
history-empty = Your diary is empty. Tap “🤕 Headache now” when pain starts.
history-header = Your records, { $from }–{ $to } of { $total }:
history-header-one = { $total ->
    [1] Your only record:
   *[other] Your record { $from } of { $total }:
}
history-line-intensity = { $line } · { $intensity }/10
history-line = { $range } · { $duration }
history-line-doses = { $line } · 💊 { $doses }
history-line-end-unknown = { $start } · end not given
history-line-open = { $start } · ongoing, { $duration }
btn-older = Older ›
btn-newer = ‹ Newer
btn-back = ‹ Back
btn-delete = 🗑 Delete
record-title = Headache
record-started = Started: { $start }
record-ended = Ended: { $end }
record-end-unknown = Ended: time not given
record-ongoing = Ended: not yet (ongoing)
record-duration = Duration: { $duration }
record-dose = 💊 { $what } ({ $class }), { $time }: { $effect }
record-effect-none = didn't help
record-effect-partial = helped partly
record-effect-full = helped fully
record-effect-unknown = effect unknown
record-effect-unasked = effect not noted yet
record-deleted = Deleted: the headache from { $start }.
record-restored = Restored: the headache from { $start }.
band-none = no pain
band-mild = mild
band-moderate = moderate
band-severe = severe

## Export
export-empty = Nothing to export yet.
export-choose = 📤 What would you like to download?
    • Diary CSV: one row per attack or day, for a spreadsheet.
    • Habits CSVs: your habits shaped like Loop Habit Tracker's export.
    • Full archive (JSON): everything you keep here, to move or back up.
    • FHIR R4 bundle (JSON): your attacks, headache-free days, doses and questionnaires in the health-record standard, for your doctor's system.
btn-export-diary = 📄 Diary CSV
btn-export-habits = ✅ Habits CSVs
btn-export-archive = 🗄 Full archive (JSON)
btn-export-fhir = 🏥 FHIR R4 bundle (JSON)
export-already-sent = Already sent: see the file below.
export-fhir-caption = Your diary as a FHIR R4 bundle ({ $count ->
    [one] 1 resource
   *[other] { $count } resources
}), shaped by the HL7 FHIR Symptoms guide: an Observation per attack, headache-free days as absent symptoms, a MedicationStatement per dose, a QuestionnaireResponse per MIDAS or HIT-6. It carries no name; the README lists the codes.
archive-caption = Your whole headlog archive: every record, medication, dose, questionnaire, habit with its marks and reminders, and your settings (format headlog-archive, schema version { $version }; the README describes it).
export-caption = Your headlog diary: { records-count }. It opens in any spreadsheet: one row per attack or day, times with their UTC offset; an empty cell means not recorded.
records-count = { $count ->
    [one] 1 record
   *[other] { $count } records
}

## Forget
forget-confirm = This erases your whole diary at once: every record, the trash, your settings. It can't be undone. Want a copy first? Send /export.
btn-forget-yes = 🗑 Erase everything
btn-forget-no = Keep my diary
forget-done = Everything is erased. If you write again, you'll start a new, empty diary.
forget-kept = Nothing was erased.
forget-expired = This confirmation is no longer valid. Send /forget again.

## Language
language-choose = Choose your language:
language-set = Language: English.

## Help and privacy
help = headlog is a private diary of headaches and migraine attacks.
    • “🤕 Headache now”: records an attack starting now. Then tap “✅ Ended now”, or “🕐 Ended at…” and type the time.
    • “➕ Add details” under an attack (or “✏️ Edit” on a record in “📖 History”): intensity, where, nausea, triggers, comment and more.
    • “💊 Took medication” under an attack, or /took: the dose goes with the attack going on, if there is one.
    • /checkin: the evening questionnaire; “🙂 No headache today” is one tap.
    • “📖 History”: your records, newest first; open one to see, edit or delete it. /trash: restore deleted ones (30 days).
    • “📊 Report” or /report: figures and pictures for a week, a month, 3 months, all of it or two dates you type, to read yourself or show your doctor.
    • “✅ Habits” or /habits: today's habits (water, sleep, a walk…), one tap each; streaks, reminders on the days you choose.
    • /export: download your diary as CSV, your habits as Loop-shaped CSVs, everything as one JSON archive, or a FHIR R4 bundle for your doctor's system.
    • /settings: language, time zone, medications, period tracking (it adds a “🩸 Period started” button), check-in time.
    • /privacy: what is stored; /forget: erase everything.
    • /cancel: stop what you are doing.
    Times can be typed as 14:30, today 9:15, yesterday 22:00, 2h ago, 30 min ago, 31.01 08:00 or 2026-01-31 08:00.
    headlog is not a medical device and gives no medical advice.
privacy = What headlog stores: your Telegram user id, language and time zone, and what you enter in the diary (times, details, comments). Nothing else: no name, no phone number, no contacts, no location (a shared location is used once to find your time zone and is not kept).
    Why: to show your diary back to you and to let you export it.
    Who can see it: only you, through this chat. The people running this bot can technically access the database; it is not shared with anyone, and there is no advertising or third-party analytics.
    How long: until you delete it. Deleted records can be restored for 30 days, then they are purged. /forget erases everything at once.
    Time zones from a location are looked up offline with boundary data © OpenStreetMap contributors (ODbL).

## Errors and small answers
error-too-long = That message is too long ({ $length } characters; at most { $max }).
error-unknown-command = I don't know that command. See /help.
error-unknown-input = I didn't understand that. Use the buttons below, or see /help.
error-stale-button = This button is no longer valid.
error-not-recorded = Sorry, I could not process that message, and it was not recorded. Please send it again, or see /help.
error-slow-down = That is a lot at once: I am skipping messages for a moment. Please wait a second and try again.
cancelled = Cancelled.
nothing-to-cancel = There was nothing to cancel.
done = Done.

## Dates and durations
time-today = today { $time }
time-yesterday = yesterday { $time }
time-date = { $weekday } { $day } { $month } { $time }
time-date-year = { $day } { $month } { $year } { $time }
time-range = { $start } – { $end }
duration-unknown = unknown
duration-minutes = { $m } min
duration-hours = { $m ->
    [0] { $h } h
   *[other] { $h } h { $m } min
}
duration-days = { $h ->
    [0] { $d } d
   *[other] { $d } d { $h } h
}
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec
weekday-1 = Mon
weekday-2 = Tue
weekday-3 = Wed
weekday-4 = Thu
weekday-5 = Fri
weekday-6 = Sat
weekday-7 = Sun

## /token: personal API tokens
token-about = 🔑 API tokens let your own apps and scripts read your diary through headlog's HTTP API (/api/v1; send the token as “Authorization: Bearer …”). Anyone with a token can read your diary: keep it secret, revoke it when you no longer need it.
token-none = You have no API tokens.
token-line = { $n }. made { $made }, { $used }
token-used = last used { $date }
token-unused = never used
btn-token-new = ➕ New token
btn-token-revoke = 🚫 Revoke token { $n }
token-made = 🔑 Your new API token (shown only now, headlog keeps only its fingerprint):
    { $token }
token-already-made = The token is below; press /token for another one.
token-revoked = Revoked: it stopped working now.
token-not-live = That token is already revoked.
