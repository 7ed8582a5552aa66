## Reminders: the messages

remind-diary-evening = 🌙 How was your day ({ $date })? Did you have a headache?
remind-diary-morning = ☀️ How were the last 24 hours? Did you have a headache ({ $date })?
remind-btn-free = 🙂 No headache
remind-btn-log = 📝 Log one
remind-btn-hour = ⏰ In an hour
remind-btn-tonight = 🌙 Tonight
remind-free-saved = 🙂 Saved: no headache ({ $date }).
remind-free-refused = You've already recorded a headache that day ({ $date }). To change it, use /checkin.
remind-snoozed = ⏰ OK, I'll ask again at { $time }.
remind-dose = 💊 How did { $what } (taken { $time }) work?
remind-attack = 🤕 Is the headache that began { $start } still going? ({ $duration } so far)
remind-btn-going = Still going
remind-going = OK. Tell me when the headache that began { $start } ends.
remind-attack-over = This attack has ended or was removed: nothing to do.
remind-nudge = 📝 Your check-in isn't finished yet. Shall we complete it?
remind-btn-resume = ▶️ Continue

## Reminders: the settings

settings-btn-reminders = 🔔 Reminders
remind-screen = 🔔 Reminders
    Diary reminder: { $diary }
    Repeat until answered: { $repeat }
    After a dose, “how did it work?”: { $dose }
    After the one tap, “still going?”: { $attack }
    Unfinished check-in, one nudge: { $nudge }
    Weekly summary: { $weekly }
    Quiet hours: { $quiet }
    { $pause }
remind-diary-at = every day at { $time } ({ $mode })
remind-mode-evening = evening: “how was today?”
remind-mode-morning = morning: “how were the last 24 hours?”
remind-after = { $after } later
remind-weekly-at = Mondays at { $time }
remind-paused-until = ⏸ Paused until { $until }.
remind-not-paused = Not paused.
remind-btn-time = 🕘 Time
remind-btn-morning = ☀️ Ask in the morning
remind-btn-evening = 🌙 Ask in the evening
remind-btn-repeat-on = 🔁 Repeat until answered
remind-btn-repeat-off = 🔁 Don't repeat
remind-btn-dose = 💊 Dose question → { $value }
remind-btn-attack = 🤕 “Still going?” → { $value }
remind-btn-nudge = 📝 Nudge → { $value }
remind-btn-weekly = 📊 Weekly → { $value }
remind-btn-quiet = 🌃 Quiet hours → { $value }
remind-on = on
remind-off = off
remind-btn-pause = ⏸ { $days ->
    [one] 1 day
   *[other] { $days } days
}
remind-btn-resume-all = ▶️ Resume reminders
