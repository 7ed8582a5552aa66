# headlog, ru: figures (the weekly summary). Keys must match every other language (a test checks).

## The dates a summary covers
figures-range-month = { $from }–{ $to } { $month }
figures-date = { $day } { $month }
figures-range = { $from } – { $to }

## Last week's summary
figures-week-title = 📊 Прошлая неделя, { $range }
figures-week-nothing = За эту неделю записей нет, и ничего страшного. Когда заболит голова, достаточно нажать «{ btn-headache-now }», а день без головной боли можно отметить в вечернем опросе (/checkin).
figures-week-headache = { $count ->
    [0] 🤕 Дней с головной болью не было.
    [one] 🤕 Голова болела { $count } день из { $total }.
    [few] 🤕 Голова болела { $count } дня из { $total }.
   *[many] 🤕 Голова болела { $count } дней из { $total }.
}
figures-week-migraine = { $count ->
    [one] 🧠 { $count } день похож на мигрень по записанным признакам.
    [few] 🧠 { $count } дня похожи на мигрень по записанным признакам.
   *[many] 🧠 { $count } дней похожи на мигрень по записанным признакам.
}
figures-week-attacks = { $count ->
    [one] 🗓 Начался { $count } приступ.
    [few] 🗓 Началось { $count } приступа.
   *[many] 🗓 Началось { $count } приступов.
}
figures-week-meds = 💊 Лекарства от приступа:
figures-week-meds-line = • { $class } — { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}
figures-week-meds-none = 💊 Лекарства от приступа не записаны.
figures-week-free = { $count ->
    [one] 🙂 { $count } день без головной боли.
    [few] 🙂 { $count } дня без головной боли.
   *[many] 🙂 { $count } дней без головной боли.
}
figures-week-no-record = { $count ->
    [one] ❔ { $count } день без записи.
    [few] ❔ { $count } дня без записи.
   *[many] ❔ { $count } дней без записи.
}

figures-week-picture = 📈 Неделя по дням: самая сильная боль за каждый день (0–10).
