# headlog, ru: /report (цифры и графики за период). Ключи совпадают с другими языками (это проверяет тест).

## Выбор периода
report-choose = 📊 За какой период сделать отчёт?
btn-report-this_week = Эта неделя
btn-report-last_week = Прошлая неделя
btn-report-this_month = Этот месяц
btn-report-last_month = Прошлый месяц
btn-report-last_3_months = Последние 3 месяца
btn-report-all = Всё время
btn-report-dates = 📅 Две даты…
btn-report-again = 📊 Другой период
report-ask-dates = 📅 Пришлите первый и последний день периода, например «1.3.2026 31.3.2026» или «2026-03-01 2026-03-31». Одна дата — с этого дня по сегодня.
report-dates-unreadable = Не получилось прочитать даты. Пришлите их так: «1.3.2026 31.3.2026» или одну дату — «с неё по сегодня».
report-dates-impossible = Такой даты нет в календаре. Проверьте, пожалуйста, день и месяц.
report-dates-too-many = Пришлите не больше двух дат: первый и последний день.
report-dates-future = Этот период начинается в будущем. Первый день должен быть не позже сегодняшнего.
report-already-sent = Отчёт — выше.

## Даты
report-date = { $day } { $month } { $year }
report-date-short = { $day } { $month }
report-month = { $month } { $year }
report-range-month = { $from }–{ $to } { $month } { $year }
report-range-year = { $from } – { $to } { $year }
report-range = { $from } – { $to }

## Сводка
report-title = 📊 Отчёт, { $range } ({ $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
})
report-nothing = За этот период ничего не записано. Когда заболит голова, одно нажатие на «{ btn-headache-now }» запишет приступ, а вечерний опрос (/checkin) отметит день без боли.
report-headache-days = { $count ->
    [0] 🤕 Дней с головной болью нет.
    [one] 🤕 Голова болела { $count } день из { $total }.
    [few] 🤕 Голова болела { $count } дня из { $total }.
   *[many] 🤕 Голова болела { $count } дней из { $total }.
}
report-migraine-days = { $count ->
    [one] 🧠 { $count } день похож на мигрень по записанным признакам.
    [few] 🧠 { $count } дня похожи на мигрень по записанным признакам.
   *[many] 🧠 { $count } дней похожи на мигрень по записанным признакам.
}
report-free-days = { $count ->
    [one] 🙂 { $count } день без головной боли.
    [few] 🙂 { $count } дня без головной боли.
   *[many] 🙂 { $count } дней без головной боли.
}
report-no-record-days = { $count ->
    [one] ❔ { $count } день без записей.
    [few] ❔ { $count } дня без записей.
   *[many] ❔ { $count } дней без записей.
}
report-attacks = { $count ->
    [one] 🗓 Начался { $count } приступ.
    [few] 🗓 Началось { $count } приступа.
   *[many] 🗓 Началось { $count } приступов.
}
report-intensity = 📈 Сила боли: в среднем { $average }, самая сильная { $peak } (0–10).
report-disability = 😣 Дней, потерянных из-за боли: { $lost }; дней со сниженной активностью: { $reduced }.
report-trigger = { $trigger } ({ $count })
report-triggers = ⚡ Частые триггеры: { $list }.
report-meds = 💊 Обезболивающие и средства от приступа:
report-meds-line = • { $class }: { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}
report-meds-none = 💊 Лекарств от приступа не записано.

## По месяцам
report-by-month = По месяцам (дни с болью · похожие на мигрень · с лекарством от приступа):
report-months-earlier = { $count ->
    [one] (ещё { $count } более ранний месяц — на графиках и в экспорте)
    [few] (ещё { $count } более ранних месяца — на графиках и в экспорте)
   *[many] (ещё { $count } более ранних месяцев — на графиках и в экспорте)
}
report-month-line = { $month }: 🤕 { $headache } · 🧠 { $migraine } · 💊 { $acute }
report-month-line-part = { $month } ({ $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}): 🤕 { $headache } · 🧠 { $migraine } · 💊 { $acute }

## Избыточный приём лекарств (МКГБ-3, 8.2): факт, не совет
report-overuse = ⚠️ Частый приём лекарств, { $month }: { $rules }.
report-overuse-single = { $class } — { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
} (МКГБ-3 учитывает от 10)
report-overuse-simple = простые анальгетики и НПВП — { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
} (МКГБ-3 учитывает от 15)
report-overuse-multiple = лекарства { $classes } видов вместе — { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
} (МКГБ-3 учитывает от 10)
report-overuse-doctor = Это то, что записано в дневнике, а не диагноз: обсудите это, пожалуйста, с врачом.
report-overuse-gepant = ℹ️ Дни с гепантами и дитанами показаны, но порога избыточного приёма для них в МКГБ-3 нет.

## Подписи к картинкам
report-picture-calendar = 🗓 Дни с головной болью по самой сильной боли за день; дни, похожие на мигрень по записанным признакам, обведены, дни с лекарством от приступа отмечены точкой.
report-picture-intensity = 📈 Сила боли по времени (0–10).
report-picture-medication = 💊 Дни с лекарствами от приступа по месяцам и пороги избыточного приёма по МКГБ-3.

## Надёжность, менструальная связь, до и после профилактики
report-reliability = 📝 { $timely } из { $recorded } записанных дней ({ $percent } %) внесены не позже конца следующего дня{ $late ->
    [0] .
    [one] ; { $late } запись сделана больше чем через 5 дней.
    [few] ; { $late } записи сделаны больше чем через 5 дней.
   *[many] ; { $late } записей сделаны больше чем через 5 дней.
}
report-menstrual-need = { $count ->
    [one] 🩸 Связь с месячными: нужен ещё { $count } полный цикл (три подряд, начала не дальше 45 дней друг от друга).
    [few] 🩸 Связь с месячными: нужно ещё { $count } полных цикла (три подряд, начала не дальше 45 дней друг от друга).
   *[many] 🩸 Связь с месячными: нужно ещё { $count } полных циклов (три подряд, начала не дальше 45 дней друг от друга).
}
report-menstrual-none = 🩸 По записанным признакам связи с месячными нет: дни, похожие на мигрень, попали в окно (дни −2…+3) { $hit } из последних { $cycles } циклов.
report-menstrual-related = 🩸 По записанным признакам — связь с месячными: дни, похожие на мигрень, попали в окно (дни −2…+3) { $hit } из последних { $cycles } циклов, а также бывали в другие дни. Это не диагноз.
report-menstrual-pure = 🩸 По записанным признакам — только менструальная картина: дни, похожие на мигрень, попали в окно (дни −2…+3) { $hit } из последних { $cycles } циклов и не бывали в другие дни. Это не диагноз.
report-preventive = 💊 { $name }, с { $since }:
report-preventive-no-before = до начала нет полного 28-дневного отрезка (с 20 и более записанными днями), сравнить не с чем.
report-preventive-none-before = за 12 недель до начала не было дней, похожих на мигрень, сравнивать нечего.
report-preventive-before = до начала в среднем { $mean } дня, похожих на мигрень, за 28 дней
report-preventive-no-block = первые 28 дней ещё не прошли
report-preventive-block = недели { $from }–{ $to }: { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}
report-preventive-block-response = недели { $from }–{ $to }: { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}, ответ на 50 %
report-preventive-block-incomplete = недели { $from }–{ $to }: { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}, неполный отрезок ({ $recorded } записанных дней)

## The doctor report (PDF and HTML)
btn-report-doctor = 📄 Для врача: PDF
report-doctor-pdf = 📄 Отчёт для врача, { $range }: распечатайте его или отправьте до приёма.
report-doctor-html = 🌐 Тот же отчёт веб-страницей: открывается в любом браузере и печатается на A4 или Letter.
report-doctor-sent = Отчёт для врача — ниже.
report-doctor-already-sent = Отчёт для врача уже выше.

## Doctor links
btn-report-link = 🔗 Ссылка для врача
btn-report-link-revoke = 🚫 Отозвать ссылку
btn-report-link-revoke-n = 🚫 Отозвать ссылку { $n }
btn-report-links = 🔗 Ссылки для врача
report-link = 🔗 Ссылка на ваш отчёт за { $range } для врача:
    { $url }
    По ссылке этот отчёт (и ничего больше) может прочитать любой, у кого она есть, до { $until }. Отозвать её можно кнопкой ниже или в /settings в любой момент.
report-link-sent = Ссылка — ниже.
report-link-already-sent = Ссылка уже выше.
report-link-unavailable = Ссылки для врача в этом боте не настроены. PDF работает так же: отправьте его врачу.
report-link-revoked = 🚫 Ссылка отозвана и больше ничего не открывает.
report-link-not-live = Эта ссылка уже отозвана или истекла.
report-links-none = 🔗 Действующих ссылок для врача нет. Создать её можно под отчётом (/report).
report-links-title = 🔗 Ваши действующие ссылки для врача:
report-links-line = { $n }. { $range }, до { $until }
doctor-link-dead = Срок действия ссылки истёк, или она отозвана. Попросите новую.
