# headlog, en: the doctor report (PDF and HTML). No emoji: the PDF's font has none. Keys must match every other language (a test checks).

doctor-title = Headache diary: report for the doctor
doctor-patient = Name: ______________________________   Date of birth: ________________
doctor-period = Period: { $range } ({ $days ->
    [one] 1 day
   *[other] { $days } days
}) · made on { $made } · days and times in { $zone }
doctor-about = Kept by the patient in headlog, a diary in Telegram, mostly on the day. “Migraine-like” means by the recorded features (ICHD-3 criteria as far as a diary records them), never a diagnosis. Definitions at the end.
doctor-nothing = Nothing was recorded in this period.
doctor-footer = headlog · headache diary · { $range }
doctor-page-of = page {"{"}n{"}"} of {"{"}total{"}"}
doctor-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
doctor-yes = yes

## At a glance
doctor-glance = At a glance
doctor-headache-days = Headache days
doctor-of-days = { $count } of { $total } days
doctor-migraine-days = Migraine-like days (by the recorded features)
doctor-free-days = Headache-free days (recorded as such)
doctor-no-record-days = Days with no record
doctor-attacks = Attacks started
doctor-intensity = Intensity, 0–10
doctor-intensity-value = { $average } on average, { $peak } at most ({ $rated } rated)
doctor-not-rated = not rated
doctor-disability = Days lost / days with activity reduced by half or more
doctor-disability-value = { $lost } / { $reduced }
doctor-acute-days = Days with acute medication (any class)
doctor-class-days = of them, { $class }
doctor-simple-days = Simple analgesics and NSAIDs together (distinct days)
doctor-overuse = Medication-overuse information (ICHD-3 8.2)
doctor-overuse-none = applies in no month
doctor-overuse-months = applies in { $months }
doctor-midas = MIDAS, latest
doctor-hit6 = HIT-6, latest
doctor-midas-score = { $score }, grade { $level } ({ $date })
doctor-hit6-score = { $score }, { $level } ({ $date })
doctor-timely = Entered by the end of the next day
doctor-timely-value = { $percent } % of recorded days; { $late ->
    [0] no entry
    [one] 1 entry
   *[other] { $late } entries
} more than 5 days late

## Months
doctor-months = By month
doctor-col-month = Month
doctor-col-recorded = Recorded days
doctor-col-headache = Headache days
doctor-col-migraine = Migraine-like days
doctor-col-free = Headache-free days
doctor-col-acute = Acute medication days
doctor-col-intensity = Mean intensity
doctor-col-lost = Days lost
doctor-col-overuse = Over­use in­for­ma­tion
doctor-month-part = { $month } ({ $days ->
    [one] 1 day
   *[other] { $days } days
})

## Pictures
doctor-pictures = Calendar and intensity
doctor-picture-calendar = Headache days by their strongest intensity; migraine-like days by the recorded features are ringed, days with acute medication dotted.
doctor-picture-intensity = Intensity over time (0–10).
doctor-picture-medication = Days with acute medication per month against ICHD-3's overuse thresholds.

## Medication
doctor-medication = Acute medication by class and month
doctor-medication-none = No acute medication was recorded in this period.
doctor-col-class-threshold = { $class } (ICHD-3: { $threshold }+)
doctor-col-simple = Simple analgesics + NSAIDs (15+)
doctor-col-any = Counted classes together (10+)
doctor-overuse-none-long = Medication-overuse information (ICHD-3 8.2) applies in no month of this period.

## Questionnaires
doctor-questionnaires = Questionnaires
doctor-questionnaires-none = No MIDAS or HIT-6 was answered by the end of this period. They are offered in the chat (MIDAS every 3 months, HIT-6 every 4 weeks).
doctor-col-date = Date
doctor-col-questionnaire = Question­naire
doctor-col-score = Score
doctor-col-level = Grade or band
doctor-col-answers = Answers
doctor-col-diary = The diary for the same days
doctor-diary-recall = headache on { $headache }, lost { $lost }, reduced { $reduced }; { $recorded } of { $days } days recorded
doctor-questionnaires-note = MIDAS answers are days recalled over the last 3 months (missed work or school; work at half or less; no household work; household work at half or less; missed family, social or leisure activities); HIT-6 answers are the points of its six questions over the last 4 weeks. Beside them, what the diary recorded for the same days.
doctor-midas-grade-1 = I, little or no disability
doctor-midas-grade-2 = II, mild disability
doctor-midas-grade-3 = III, moderate disability
doctor-midas-grade-4 = IV, severe disability
doctor-hit6-band-little = little or no impact
doctor-hit6-band-some = some impact
doctor-hit6-band-substantial = substantial impact
doctor-hit6-band-severe = severe impact

## Patterns
doctor-patterns = Patterns and reliability

## Attacks
doctor-attacks-list = Attacks
doctor-attacks-none = No attack started in this period.
doctor-col-started = Started
doctor-col-duration = Lasted
doctor-col-intensity-short = 0–10
doctor-col-features = Recorded features
doctor-col-doses = Medication (time, effect after 2 h)
doctor-col-notes = Triggers, effect on the day, comment
doctor-end-unknown = end not known
doctor-open = still going
doctor-loose-doses = Acute medication taken without a recorded attack

## Definitions
doctor-definitions = Definitions
doctor-def-headache = Headache day: a local day on which an attack starts, or which an attack covers for at least 30 minutes.
doctor-def-migraine = Migraine-like day: a headache day with an attack with at least two of one-sided, pulsating, intensity 4 or more, worse with activity, and at least one of nausea, vomiting, or light and sound sensitivity together; or the start day of an attack with aura; or a day with a triptan, ergotamine, gepant or ditan. Unknown counts as absent.
doctor-def-acute = Acute-medication day: a day with at least one dose of that class; preventive doses never count.
doctor-def-overuse = Medication-overuse information (ICHD-3 8.2): in a calendar month, 10 or more days of a triptan, ergotamine, opioid or combination analgesic, or 15 or more days of simple analgesics and NSAIDs together, or 10 or more days of those classes together when at least two are used. Gepants and ditans are shown but ICHD-3 sets no threshold for them.
doctor-def-recorded = Recorded day: a day with an attack, a headache-free record or an answered check-in; days without one are counted as “no record”, never as headache-free.
