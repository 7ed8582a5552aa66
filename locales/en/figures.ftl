# headlog, en: figures (the weekly summary). Keys must match every other language (a test checks).

## The dates a summary covers
figures-range-month = { $from }–{ $to } { $month }
figures-date = { $day } { $month }
figures-range = { $from } – { $to }

## Last week's summary
figures-week-title = 📊 Last week, { $range }
figures-week-nothing = Nothing was recorded that week, and that's all right. When a headache comes, one tap on “{ btn-headache-now }” records it; a day without headache can be noted in the evening check-in (/checkin).
figures-week-headache = { $count ->
    [0] 🤕 No headache days.
    [one] 🤕 Headache on 1 day of { $total }.
   *[other] 🤕 Headache on { $count } days of { $total }.
}
figures-week-migraine = { $count ->
    [one] 🧠 1 day migraine-like by the recorded features.
   *[other] 🧠 { $count } days migraine-like by the recorded features.
}
figures-week-attacks = { $count ->
    [one] 🗓 1 attack started.
   *[other] 🗓 { $count } attacks started.
}
figures-week-meds = 💊 Acute medication:
figures-week-meds-line = • { $class }: { $count ->
    [one] 1 day
   *[other] { $count } days
}
figures-week-meds-none = 💊 No acute medication recorded.
figures-week-free = { $count ->
    [one] 🙂 1 headache-free day.
   *[other] 🙂 { $count } headache-free days.
}
figures-week-no-record = { $count ->
    [one] ❔ 1 day with no record.
   *[other] ❔ { $count } days with no record.
}

figures-week-picture = 📈 The week day by day: the strongest intensity of each day (0–10).
