# headlog, en: trash. Keys must match every other language (a test checks).
trash-empty = The trash is empty. Deleted records stay here for 30 days.
trash-header = Deleted in the last 30 days: { $count ->
    [one] 1 record
   *[other] { $count } records
}. Tap a number to restore; after 30 days they are erased for good.
trash-line = { $start } · { $duration } (deleted { $deleted })
trash-restore = ↩️ { $n }
