# headlog, en: MIDAS and HIT-6 (the questionnaires a neurologist scores). Keys must match every other language (a test checks).

## The overview (from /report)
btn-questionnaires = 📋 Questionnaires (MIDAS, HIT-6)
quest-title = 📋 Questionnaires for your doctor
quest-about-midas = MIDAS: how many days headaches kept you from work, school, housework and leisure over the last 3 months (5 questions).
quest-about-hit6 = HIT-6: how much headaches affected your life over the last 4 weeks (6 questions).
quest-last = Last answered { $date }: { $score }.
quest-never = Not answered yet.
quest-due-now = Due now.
quest-due-on = Next due { $date }.
quest-due-first = First due { $date }, four weeks into your diary.
quest-due-later = Due once your diary has run for 4 weeks.
quest-privacy = Your answers stay in your diary; they are listed in your report for the doctor.
quest-btn-start-midas = ▶️ Start MIDAS
quest-btn-start-hit6 = ▶️ Start HIT-6
quest-btn-history = 🗂 History
quest-btn-overview = 📋 Questionnaires
quest-date = { $day } { $month }
quest-date-year = { $day } { $month } { $year }
quest-range = { $from } – { $to }

## Scores
quest-midas-score = { $score }, grade { $grade } ({ $meaning })
quest-hit6-score = { $score }, { $band }
quest-midas-grade-1 = little or no disability
quest-midas-grade-2 = mild disability
quest-midas-grade-3 = moderate disability
quest-midas-grade-4 = severe disability
quest-hit6-band-little = little or no impact
quest-hit6-band-some = some impact
quest-hit6-band-substantial = substantial impact
quest-hit6-band-severe = severe impact

## History
quest-history-title = 🗂 Questionnaire results, newest first ({ $count })
quest-history-empty = No results yet.
quest-history-page = Page { $page } of { $pages }
quest-btn-newer = ‹ Newer
quest-btn-older = Older ›

## MIDAS (Migraine Disability Assessment), official wording
quest-midas-header = 📋 MIDAS · question { $n } of { $total }
quest-midas-how = Type the number of days (0 to 90), or tap one below. If you are not sure, give your best estimate.
quest-midas-q1 = On how many days in the last 3 months did you miss work or school because of your headaches?
quest-midas-q2 = How many days in the last 3 months was your productivity at work or school reduced by half or more because of your headaches? (Do not include days you counted in the previous question where you missed work or school.)
quest-midas-q3 = On how many days in the last 3 months did you not do household work (such as housework, home repairs and maintenance, shopping, caring for children and relatives) because of your headaches?
quest-midas-q4 = How many days in the last 3 months was your productivity in household work reduced by half or more because of your headaches? (Do not include days you counted in the previous question where you did not do household work.)
quest-midas-q5 = On how many days in the last 3 months did you miss family, social or leisure activities because of your headaches?
quest-days-unreadable = Please send a whole number of days from 0 to 90, for example 3.
quest-days-negative = A number of days can't be below 0. Please send a number from 0 to 90.
quest-days-too-many = The last 3 months hold at most 90 days. Please send a number from 0 to 90.
quest-days-overlap-work = You missed work or school on { $missed ->
    [one] 1 day
   *[other] { $missed } days
}, and those are not counted again here, so { $left ->
    [0] no days are left: please send 0.
    [one] at most 1 day is left: please send 0 or 1.
   *[other] at most { $left } days are left: please send a number from 0 to { $left }.
}
quest-days-overlap-home = You did no household work on { $missed ->
    [one] 1 day
   *[other] { $missed } days
}, and those are not counted again here, so { $left ->
    [0] no days are left: please send 0.
    [one] at most 1 day is left: please send 0 or 1.
   *[other] at most { $left } days are left: please send a number from 0 to { $left }.
}

## HIT-6 (Headache Impact Test), official wording
quest-hit6-header = 📋 HIT-6 · question { $n } of { $total }
quest-hit6-q1 = When you have headaches, how often is the pain severe?
quest-hit6-q2 = How often do headaches limit your ability to do usual daily activities including household work, work, school, or social activities?
quest-hit6-q3 = When you have a headache, how often do you wish you could lie down?
quest-hit6-q4 = In the past 4 weeks, how often have you felt too tired to do work or daily activities because of your headaches?
quest-hit6-q5 = In the past 4 weeks, how often have you felt fed up or irritated because of your headaches?
quest-hit6-q6 = In the past 4 weeks, how often did headaches limit your ability to concentrate on work or daily activities?
quest-hit6-never = Never
quest-hit6-rarely = Rarely
quest-hit6-sometimes = Sometimes
quest-hit6-very-often = Very often
quest-hit6-always = Always
quest-use-buttons = Please answer with one of the buttons under the question.

## The result
quest-result-midas = ✅ MIDAS saved: { $score }.
quest-result-hit6 = ✅ HIT-6 saved: { $score } (the scale runs from 36 to 78).
quest-recalled-midas = Your answers are recalled: days as you remember them over the last 3 months.
quest-recalled-hit6 = Your answers are recalled: how you remember the last 4 weeks.
quest-diary-midas = Your diary recorded for the same 90 days ({ $range }): { $headache ->
    [one] 1 headache day
   *[other] { $headache } headache days
}, { $lost ->
    [one] 1 day lost
   *[other] { $lost } days lost
}, { $reduced ->
    [one] 1 day with activity reduced
   *[other] { $reduced } days with activity reduced
}.
quest-diary-hit6 = Your diary recorded { $headache ->
    [one] 1 headache day
   *[other] { $headache } headache days
} in the same 28 days ({ $range }).
quest-diary-since = Your diary begins on { $date }, so it covers only part of that time.
quest-already-recorded = This questionnaire is already recorded.
quest-cancelled = Stopped. Nothing was saved.

## The offer, when one is due
quest-offer-midas = 📋 Your 3-monthly MIDAS is due — 5 questions, about 2 minutes.
quest-offer-hit6 = 📋 Your 4-weekly HIT-6 is due — 6 questions, about 2 minutes.
quest-btn-start = ▶️ Start
quest-btn-later = ⏰ In a week
quest-btn-not-now = Not now
quest-later = ⏰ OK, I'll offer it again on { $date }.
quest-not-now = OK, not this time. I'll offer it again on { $date }. You can always take it under /report → Questionnaires.
quest-offers-off = OK. Questionnaire offers are off (/settings → Reminders); the questionnaires stay under /report → Questionnaires.

## Reminder settings
quest-remind-line = Questionnaire offers (MIDAS, HIT-6, when due): { $value }
quest-remind-btn = 📋 Questionnaire offers → { $value }
