# headlog, en: trash. Keys must match every other language (a test checks).
trash-empty = The trash is empty. Deleted records stay here for 30 days.
trash-header = Deleted in the last 30 days: { $count ->
    [one] 1 record
   *[other] { $count } records
}. Tap a number to restore; after 30 days they are erased for good.
trash-line-attack = 🤕 Headache { $start } · { $duration } (deleted { $deleted })
trash-line-med = 💊 Medication { $name } · { $class } (removed from the list { $deleted })
trash-line-dose = 💊 Dose { $what }, taken { $time } (deleted { $deleted })
trash-line-day = 📅 Day record of { $date } (deleted { $deleted })
trash-date = { $day } { $month }
trash-date-year = { $day } { $month } { $year }
trash-restore = ↩️ { $n }
trash-restored-med = { $name } is back on your medication list.
trash-restored-dose = Restored: the dose of { $what } taken { $time }.
trash-restored-day = Restored: the day record of { $date }.
trash-gone = This is no longer in the trash: it was restored already or deleted more than 30 days ago.
trash-refuse-med = { $name } is on your list already, so this removed copy stays in the trash.
trash-refuse-dose = The dose of { $what } belongs to a deleted headache record: restore that record first.
trash-refuse-day = { $date } has a newer day record already, so this deleted one stays in the trash.
