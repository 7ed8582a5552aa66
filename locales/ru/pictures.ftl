# headlog, ru: the pictures (calendar, intensity, medication). Keys must match every other language (a test checks).

## Месяцы и дни недели на картинках
pictures-month-1 = Январь
pictures-month-2 = Февраль
pictures-month-3 = Март
pictures-month-4 = Апрель
pictures-month-5 = Май
pictures-month-6 = Июнь
pictures-month-7 = Июль
pictures-month-8 = Август
pictures-month-9 = Сентябрь
pictures-month-10 = Октябрь
pictures-month-11 = Ноябрь
pictures-month-12 = Декабрь
pictures-mon-1 = янв
pictures-mon-2 = фев
pictures-mon-3 = мар
pictures-mon-4 = апр
pictures-mon-5 = май
pictures-mon-6 = июн
pictures-mon-7 = июл
pictures-mon-8 = авг
pictures-mon-9 = сен
pictures-mon-10 = окт
pictures-mon-11 = ноя
pictures-mon-12 = дек
pictures-weekday-1 = Пн
pictures-weekday-2 = Вт
pictures-weekday-3 = Ср
pictures-weekday-4 = Чт
pictures-weekday-5 = Пт
pictures-weekday-6 = Сб
pictures-weekday-7 = Вс
pictures-month-year = { $month } { $year }
pictures-date = { $day } { $month }
pictures-date-year = { $date } { $year }
pictures-range = { $from } – { $to }
pictures-nothing = За этот период показать нечего.

## Календарь
pictures-calendar-title = Календарь головной боли
pictures-calendar-last-months = { $count ->
    [one] Последний { $count } месяц периода с { $from }.
    [few] Последние { $count } месяца периода с { $from }.
   *[many] Последние { $count } месяцев периода с { $from }.
}
pictures-calendar-headache-days = Дней с головной болью: { $count }
pictures-calendar-migraine-days = похожих на мигрень: { $count }
pictures-calendar-medication-days = с лекарством от приступа: { $count }

## Пояснения
pictures-legend-free = День без головной боли
pictures-legend-mild = Слабая боль (1–3)
pictures-legend-moderate = Умеренная боль (4–6)
pictures-legend-severe = Сильная боль (7–10)
pictures-legend-unrated = Боль, сила не оценена
pictures-legend-no-record = Нет записи за день
pictures-legend-no-record-week = Нет записей за всю неделю
pictures-legend-no-record-month = Нет записей за весь месяц
pictures-legend-migraine-like = День, похожий на мигрень по записанным признакам
pictures-legend-medication = Принято лекарство от приступа
pictures-legend-calm = Опрос пройден, боли нет
pictures-legend-blank = Не учитывается: вне периода, после сегодняшнего дня или до первой записи
pictures-legend-peak-week = Самая сильная боль недели
pictures-legend-peak-month = Самая сильная боль месяца
pictures-legend-thresholds = Пороги частого приёма по МКГБ-3
pictures-legend-overuse = Частый приём лекарств по МКГБ-3

## Сила боли
pictures-intensity-title = Сила головной боли
pictures-intensity-daily = Столбец — самая сильная боль за день, 0–10.
pictures-intensity-weekly = Столбец — средняя за неделю сила боли в дни с болью (по самой сильной боли дня), 0–10.
pictures-intensity-monthly = Столбец — средняя за месяц сила боли в дни с болью (по самой сильной боли дня), 0–10.
pictures-intensity-none = За этот период головная боль не записана.

## Лекарства от приступа по месяцам
pictures-meds-title = Дни с лекарствами от приступа по месяцам
pictures-meds-subtitle = Дни хотя бы с одним приёмом, по группам (профилактические не учитываются).
pictures-meds-threshold = { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}
pictures-meds-none = За этот период лекарства от приступа не записаны.
pictures-meds-stacked = Группы сложены столбиком: день с двумя группами учтён в каждой.
pictures-meds-thresholds = МКГБ-3 учитывает от 10 дней в месяц с триптаном, эрготамином, опиоидом или комбинированным анальгетиком либо с несколькими группами вместе и от 15 дней с простыми анальгетиками (простые анальгетики и НПВП вместе).
pictures-meds-no-threshold = Дни с гепантами и дитанами показаны (штриховкой), но порога частого приёма для них в МКГБ-3 нет.
pictures-meds-other = Лекарства группы «Другое» показаны, но правила частого приёма их не учитывают.
pictures-meds-partial = Месяц, который период захватывает не целиком, учитывает только дни внутри периода.
pictures-meds-flagged = Частый приём лекарств — это то, что записано в дневнике, а не диагноз: обсудите это, пожалуйста, с врачом.
pictures-meds-flag-title = Частый приём лекарств (МКГБ-3, 8.2):
pictures-meds-flag-line = { $month }: { $rules }
pictures-meds-flag-more = { $count ->
    [one] …и ещё { $count } более ранний месяц (отмечен на графике).
    [few] …и ещё { $count } более ранних месяца (отмечены на графике).
   *[many] …и ещё { $count } более ранних месяцев (отмечены на графике).
}
pictures-meds-rule-single = { $class } — { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
} (от { $threshold })
pictures-meds-rule-simple = простые анальгетики и НПВП — { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
} (от { $threshold })
pictures-meds-rule-multiple = { $classes } { $classes ->
    [one] группа
    [few] группы
   *[many] групп
} вместе — { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
} (от { $threshold })
