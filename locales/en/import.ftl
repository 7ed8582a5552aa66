## /import: a file from headlog or another app read into the diary

cmd-import = Bring in records from a file (headlog, Migraine Buddy, Loop)
import-intro = 📥 Send me a file and I will show what it holds before anything is added:
    • a headlog archive (JSON, from /archive) or diary CSV (from /export);
    • a Migraine Buddy CSV export;
    • a Loop Habit Tracker export (the ZIP, or Habits.csv and then Checkmarks.csv).
    Files up to 20 MB. Records already in your diary are left out, so sending a file twice adds nothing twice. A confirmed import can be undone once.
import-source-archive = headlog archive
import-source-diary_csv = headlog diary CSV
import-source-migraine_buddy = Migraine Buddy CSV
import-source-loop = Loop Habit Tracker export
import-preview-title = 📥 { $source }: here is what I found.
import-preview-range = Records from { $first } to { $last }.
import-count-attacks = Attacks: { $new } new{ $known ->
    [0] {""}
   *[other] , { $known } already in your diary
}
import-count-doses = Doses: { $new } new{ $known ->
    [0] {""}
   *[other] , { $known } already in your diary
}
import-count-days = Days (headache-free, notes): { $new } new{ $known ->
    [0] {""}
   *[other] , { $known } already in your diary
}
import-count-medications = Medications for your list: { $new } new{ $known ->
    [0] {""}
   *[other] , { $known } already there
}
import-count-questionnaires = Questionnaire results: { $new } new{ $known ->
    [0] {""}
   *[other] , { $known } already in your diary
}
import-count-habits = Habits: { $new } new{ $known ->
    [0] {""}
   *[other] , { $known } you already have (their marks join them)
}
import-count-marks = Habit marks: { $new } new{ $known ->
    [0] {""}
   *[other] , { $known } already marked
}
import-settings = Your settings from the archive (time zone, check-in, reminders) will be applied too.
import-skipped-title = Left out:
import-skipped-empty = { $count } empty { $count ->
    [one] row
   *[other] rows
}
import-skipped-unknown_habit = { $count } { $count ->
    [one] mark
   *[other] marks
} for habits you do not have (send Habits.csv or the whole ZIP first)
import-skipped-auto_mark = { $count } { $count ->
    [one] day
   *[other] days
} Loop shows as done only because the week's target was met (not marks of their own)
import-kept = Columns with no field of their own, kept in each attack's comment: { $columns }.
import-nothing-new = Everything in this file is already in your diary: nothing to add.
import-confirm-question = Add { $count } new { $count ->
    [one] record
   *[other] records
}?
btn-import-confirm = ✅ Import
btn-import-cancel = ✖️ Cancel
btn-import-undo = ↩️ Undo this import
import-applied = ✅ Imported { $count } { $count ->
    [one] record
   *[other] records
}. You can undo this import once.
import-cancelled = Import cancelled: nothing was added.
import-undone = ↩️ Import undone: { $count } { $count ->
    [one] record
   *[other] records
} removed.
import-already-applied = This import is already done.
import-already-undone = This import was already undone.
import-download-failed = I could not download that file from Telegram. Please send it again in a minute.
import-file-changed = The file is not the one I previewed any more. Please send it again.
import-refused-unknown = I don't recognise this file. I can read headlog's archive (JSON) and diary CSV, Migraine Buddy's CSV export and Loop Habit Tracker's export (ZIP, Habits.csv, Checkmarks.csv). Nothing was added.
import-refused-too_big = This file is larger than { $max } MB, the most a bot can download from Telegram. Nothing was added.
import-refused-bad_row = Row { $row } of the file is broken (a wrong number of fields or a stray quote). Nothing was added; fix the row and send the file again.
import-refused-bad_value = Row { $row }: the value in “{ $field }” cannot be read. Nothing was added; fix it and send the file again.
import-refused-bad_field = The value of “{ $field }” cannot be read. Nothing was added.
import-refused-bad_json = The archive is damaged near line { $row }{ $field ->
    [none] {""}
   *[other] ({ $field })
}. Nothing was added.
import-refused-newer_schema = This archive has schema version { $version }, newer than this headlog reads ({ $known }). Nothing was added; it can be imported once headlog is updated.
import-refused-bad_zip = This ZIP file is damaged or not a Loop Habit Tracker export. Nothing was added.
import-refused-empty = This file holds no records. Nothing was added.
