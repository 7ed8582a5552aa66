# headlog, en: the pictures (calendar, intensity, medication). Keys must match every other language (a test checks).

## Months and weekdays as the pictures print them
pictures-month-1 = January
pictures-month-2 = February
pictures-month-3 = March
pictures-month-4 = April
pictures-month-5 = May
pictures-month-6 = June
pictures-month-7 = July
pictures-month-8 = August
pictures-month-9 = September
pictures-month-10 = October
pictures-month-11 = November
pictures-month-12 = December
pictures-mon-1 = Jan
pictures-mon-2 = Feb
pictures-mon-3 = Mar
pictures-mon-4 = Apr
pictures-mon-5 = May
pictures-mon-6 = Jun
pictures-mon-7 = Jul
pictures-mon-8 = Aug
pictures-mon-9 = Sep
pictures-mon-10 = Oct
pictures-mon-11 = Nov
pictures-mon-12 = Dec
pictures-weekday-1 = M
pictures-weekday-2 = T
pictures-weekday-3 = W
pictures-weekday-4 = T
pictures-weekday-5 = F
pictures-weekday-6 = S
pictures-weekday-7 = S
pictures-month-year = { $month } { $year }
pictures-date = { $day } { $month }
pictures-date-year = { $date } { $year }
pictures-range = { $from } – { $to }
pictures-nothing = Nothing to show for this period.

## The calendar
pictures-calendar-title = Headache calendar
pictures-calendar-last-months = The last { $count } months of the period from { $from }.
pictures-calendar-headache-days = Headache days: { $count }
pictures-calendar-migraine-days = migraine-like: { $count }
pictures-calendar-medication-days = with acute medication: { $count }

## The legends
pictures-legend-free = Headache-free day
pictures-legend-mild = Mild headache (1–3)
pictures-legend-moderate = Moderate headache (4–6)
pictures-legend-severe = Severe headache (7–10)
pictures-legend-unrated = Headache, intensity not rated
pictures-legend-no-record = No record that day
pictures-legend-no-record-week = No record all week
pictures-legend-no-record-month = No record all month
pictures-legend-migraine-like = Migraine-like by the recorded features
pictures-legend-medication = Acute medication taken
pictures-legend-calm = Check-in answered, no headache
pictures-legend-blank = Not counted: outside the period, after today or before the first record
pictures-legend-peak-week = The week's highest daily peak
pictures-legend-peak-month = The month's highest daily peak
pictures-legend-thresholds = ICHD-3 overuse thresholds
pictures-legend-overuse = Medication-overuse information applies

## Intensity over time
pictures-intensity-title = Headache intensity
pictures-intensity-daily = Each bar: the day's highest intensity, 0–10.
pictures-intensity-weekly = Each bar: the week's average of the daily highest intensity on headache days, 0–10.
pictures-intensity-monthly = Each bar: the month's average of the daily highest intensity on headache days, 0–10.
pictures-intensity-none = No headache recorded in this period.

## Acute medication per month
pictures-meds-title = Acute medication days per month
pictures-meds-subtitle = Days with at least one intake, by class (preventive medication not counted).
pictures-meds-threshold = { $days } days
pictures-meds-none = No acute medication recorded in this period.
pictures-meds-stacked = The classes are stacked: a day with two classes counts once in each.
pictures-meds-thresholds = ICHD-3 counts 10 days or more a month of a triptan, ergotamine, an opioid or a combination analgesic, or of several classes together; and 15 days or more of simple analgesics (NSAIDs and simple analgesics together).
pictures-meds-no-threshold = Gepant and ditan days are shown (hatched), but ICHD-3 sets no overuse threshold for them.
pictures-meds-other = “Other” medications are shown, but the overuse rules do not count them.
pictures-meds-partial = A month cut by the period counts only its days inside the period.
pictures-meds-flagged = Medication-overuse information is what the diary records, not a diagnosis: please discuss it with your doctor.
pictures-meds-flag-title = Medication-overuse information (ICHD-3 8.2) applies in:
pictures-meds-flag-line = { $month }: { $rules }
pictures-meds-flag-more = { $count ->
    [one] …and 1 earlier month, marked in the chart.
   *[other] …and { $count } earlier months, marked in the chart.
}
pictures-meds-rule-single = { $class } on { $days } days ({ $threshold } or more)
pictures-meds-rule-simple = simple analgesics and NSAIDs on { $days } days ({ $threshold } or more)
pictures-meds-rule-multiple = { $classes } classes together on { $days } days ({ $threshold } or more)
