# headlog, en: /report (figures and pictures for a period). Keys must match every other language (a test checks).

## Choosing the period
report-choose = 📊 Which period should the report cover?
btn-report-this_week = This week
btn-report-last_week = Last week
btn-report-this_month = This month
btn-report-last_month = Last month
btn-report-last_3_months = Last 3 months
btn-report-all = All time
btn-report-dates = 📅 Two dates…
btn-report-again = 📊 Another period
report-ask-dates = 📅 Send the first and the last day of the period, for example “1.3.2026 31.3.2026” or “2026-03-01 2026-03-31”. One date means from that day to today.
report-dates-unreadable = I couldn't read those dates. Please send them like “1.3.2026 31.3.2026”, or one date for “from then to today”.
report-dates-impossible = That date does not exist in the calendar. Please check the day and the month.
report-dates-too-many = Please send at most two dates: the first and the last day.
report-dates-future = That period starts in the future. Please send a first day up to today.
report-already-sent = The report is above.

## Dates
report-date = { $day } { $month } { $year }
report-date-short = { $day } { $month }
report-month = { $month } { $year }
report-range-month = { $from }–{ $to } { $month } { $year }
report-range-year = { $from } – { $to } { $year }
report-range = { $from } – { $to }

## The summary
report-title = 📊 Report, { $range } ({ $days ->
    [one] 1 day
   *[other] { $days } days
})
report-nothing = Nothing was recorded in this period. When a headache comes, one tap on “{ btn-headache-now }” records it, and the evening check-in (/checkin) notes a day without one.
report-headache-days = { $count ->
    [0] 🤕 No headache days.
    [one] 🤕 Headache on 1 day of { $total }.
   *[other] 🤕 Headache on { $count } days of { $total }.
}
report-migraine-days = { $count ->
    [one] 🧠 1 day migraine-like by the recorded features.
   *[other] 🧠 { $count } days migraine-like by the recorded features.
}
report-free-days = { $count ->
    [one] 🙂 1 headache-free day.
   *[other] 🙂 { $count } headache-free days.
}
report-no-record-days = { $count ->
    [one] ❔ 1 day with no record.
   *[other] ❔ { $count } days with no record.
}
report-attacks = { $count ->
    [one] 🗓 1 attack started.
   *[other] 🗓 { $count } attacks started.
}
report-intensity = 📈 Intensity: { $average } on average, { $peak } at most (0–10).
report-disability = 😣 Days lost to headache: { $lost }; days with reduced activity: { $reduced }.
report-trigger = { $trigger } ({ $count })
report-triggers = ⚡ Most frequent triggers: { $list }.
report-meds = 💊 Acute medication:
report-meds-line = • { $class }: { $count ->
    [one] 1 day
   *[other] { $count } days
}
report-meds-none = 💊 No acute medication recorded.

## Months
report-by-month = By month (headache days · migraine-like · acute medication):
report-months-earlier = { $count ->
    [one] (1 earlier month in the pictures and the export)
   *[other] ({ $count } earlier months in the pictures and the export)
}
report-month-line = { $month }: 🤕 { $headache } · 🧠 { $migraine } · 💊 { $acute }
report-month-line-part = { $month } ({ $days ->
    [one] 1 day
   *[other] { $days } days
}): 🤕 { $headache } · 🧠 { $migraine } · 💊 { $acute }

## Medication-overuse information (ICHD-3 8.2), a fact, never advice
report-overuse = ⚠️ Medication-overuse information, { $month }: { $rules }.
report-overuse-single = { $class } on { $count } days (ICHD-3 counts 10 or more)
report-overuse-simple = simple analgesics and NSAIDs on { $count } days (ICHD-3 counts 15 or more)
report-overuse-multiple = acute medication of { $classes } kinds on { $count } days together (ICHD-3 counts 10 or more)
report-overuse-doctor = This is what the diary records, not a diagnosis: please discuss it with your doctor.
report-overuse-gepant = ℹ️ Gepant and ditan days are shown, but ICHD-3 sets no overuse threshold for them.

## Picture captions
report-picture-calendar = 🗓 Headache days by their strongest intensity; migraine-like days by the recorded features are ringed, days with acute medication dotted.
report-picture-intensity = 📈 Intensity over time (0–10).
report-picture-medication = 💊 Days with acute medication per month, against ICHD-3's overuse thresholds.

## Reliability, the menstrual pattern, before and after a preventive
report-reliability = 📝 { $timely } of { $recorded } recorded days ({ $percent } %) were entered by the end of the next day{ $late ->
    [0] .
    [one] ; 1 entry was made more than 5 days later.
   *[other] ; { $late } entries were made more than 5 days later.
}
report-menstrual-need = { $count ->
    [one] 🩸 Menstrual pattern: 1 more complete cycle is needed (three in a row, starts at most 45 days apart).
   *[other] 🩸 Menstrual pattern: { $count } more complete cycles are needed (three in a row, starts at most 45 days apart).
}
report-menstrual-none = 🩸 By the recorded features, no menstrual pattern: migraine-like days fell in the window (day −2 to +3) of { $hit } of the last { $cycles } cycles.
report-menstrual-related = 🩸 By the recorded features, a menstrually related pattern: migraine-like days fell in the window (day −2 to +3) of { $hit } of the last { $cycles } cycles, and on other days too. Not a diagnosis.
report-menstrual-pure = 🩸 By the recorded features, a pure menstrual pattern: migraine-like days fell in the window (day −2 to +3) of { $hit } of the last { $cycles } cycles and on no other day. Not a diagnosis.
report-preventive = 💊 { $name }, since { $since }:
report-preventive-no-before = there is no complete 28-day block before it (20 recorded days or more) to compare with.
report-preventive-none-before = there were no migraine-like days in the 12 weeks before it, so there is nothing to compare.
report-preventive-before = { $mean } migraine-like days per 28 days before
report-preventive-no-block = its first 28 days are not over yet
report-preventive-block = weeks { $from }–{ $to }: { $count ->
    [one] 1 day
   *[other] { $count } days
}
report-preventive-block-response = weeks { $from }–{ $to }: { $count ->
    [one] 1 day
   *[other] { $count } days
}, a 50 % response
report-preventive-block-incomplete = weeks { $from }–{ $to }: { $count ->
    [one] 1 day
   *[other] { $count } days
}, incomplete ({ $recorded } recorded days)

## The doctor report (PDF and HTML)
btn-report-doctor = 📄 For the doctor: PDF
report-doctor-pdf = 📄 Report for the doctor, { $range }: print it or send it before the visit.
report-doctor-html = 🌐 The same report as a web page: it opens in any browser and prints on A4 or Letter.
report-doctor-sent = The doctor report is below.
report-doctor-already-sent = The doctor report is above.

## Doctor links
btn-report-link = 🔗 Link for the doctor
btn-report-link-revoke = 🚫 Revoke this link
btn-report-link-revoke-n = 🚫 Revoke link { $n }
btn-report-links = 🔗 Doctor links
report-link = 🔗 A link to your report for { $range }, for your doctor:
    { $url }
    Anyone with the link can read this report (and nothing else) until { $until }. Revoke it below or in /settings whenever you like.
report-link-sent = The link is below.
report-link-already-sent = The link is above.
report-link-unavailable = Links for the doctor are not set up on this bot. The PDF works the same: send it to your doctor.
report-link-revoked = 🚫 This link is revoked: it opens nothing any more.
report-link-not-live = That link is already revoked or expired.
report-links-none = 🔗 You have no live links for the doctor. Make one under a report (/report).
report-links-title = 🔗 Your live links for the doctor:
report-links-line = { $n }. { $range }, until { $until }
doctor-link-dead = This link has expired or was revoked. Please ask for a new one.
