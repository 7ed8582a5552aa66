# headlog, ru: checkin. Keys must match every other language (a test checks).

## Frame of every question
checkin-header = 🌙 Вечерний опрос · { $date } · { $step }/{ $total }
checkin-today = сегодня, { $date }
checkin-yesterday = вчера, { $date }
checkin-date = { $weekday } { $day } { $month }
checkin-date-year = { $date } { $year }
checkin-resumed = ↩️ Продолжим с того места, где вы остановились.
checkin-restarted = 🔄 Начинаем заново. Уже данные ответы остаются сохранёнными.
checkin-use-buttons = Пожалуйста, ответьте кнопками ниже (или /back, /stop).
checkin-current = Сейчас записано: { $value }
btn-checkin-skip = Пропустить ›
btn-checkin-next = Дальше ›
btn-checkin-yes = Да
btn-checkin-no = Нет

## Headache today?
checkin-q-headache = Болела ли голова?
checkin-note-headache-free = ✓ Этот день уже отмечен как день без головной боли.
checkin-note-attacks = { $count ->
    [one] На этот день записан { $count } приступ; «Да» дополнит его.
    [few] На этот день записано { $count } приступа.
   *[many] На этот день записано { $count } приступов.
}
btn-checkin-headache-yes = 🤕 Да
btn-checkin-headache-no-today = 🙂 Сегодня не болела
btn-checkin-headache-no = 🙂 Не болела
btn-checkin-other-day = 📅 Другой день…
checkin-saved-headache-free = ✓ Записано: голова не болела.

## Date
checkin-q-date = За какой день опрос? Выберите кнопкой или напишите дату, например 08.03 или 2026-03-08.
btn-checkin-today = Сегодня
btn-checkin-yesterday = Вчера
checkin-date-future = Эта дата ещё не наступила. Выберите сегодняшний или более ранний день.
checkin-date-unrecognised = Не понял дату. Примеры: 08.03, 08.03.2026, 2026-03-08, вчера.

## A day can't be both
checkin-q-conflict-attack = { $count ->
    [one] На этот день записан приступ:
    [few] На этот день записано { $count } приступа:
   *[many] На этот день записано { $count } приступов:
}
    { $list }
    А вы ответили «не болела». Как правильно?
btn-checkin-was-headache = 🤕 Голова болела
btn-checkin-remove-attacks = { $count ->
    [one] 🙂 Не болела: удалить запись
    [few] 🙂 Не болела: удалить { $count } записи
   *[many] 🙂 Не болела: удалить { $count } записей
}
checkin-q-conflict-free = Этот день отмечен как день без головной боли, а вы ответили «да». Как правильно?
btn-checkin-keep-free = 🙂 Всё-таки не болела
checkin-q-pick = { $count ->
    [one] На этот день записан { $count } приступ. Какой из них заполняем?
    [few] На этот день записано { $count } приступа. Какой из них заполняем?
   *[many] На этот день записано { $count } приступов. Какой из них заполняем?
}
checkin-attack-line-unknown = { $start }, конец не указан
checkin-attack-line-open = { $start } – продолжается
checkin-attack-gone = Запись о приступе за этот день тем временем удалили, поэтому начнём с первого вопроса.

## The headache
checkin-q-started = Когда началась боль? Напишите время, например 14:30 или «2 часа назад», или выберите кнопкой.
checkin-start-future = Начало не может быть в будущем. Напишите время, которое уже прошло.
checkin-start-after-end = Начало не может быть позже конца ({ $end }). Напишите другое время.
checkin-q-ended = Когда боль прошла? Напишите время, например 16:30, или выберите кнопкой.
checkin-end-unknown = не указано
checkin-still-going = ещё продолжается
btn-checkin-still-going = ⏳ Ещё болит
checkin-end-before-start = Конец не может быть раньше начала ({ $start }). Напишите другое время.
checkin-end-future = Это время ещё не наступило. Напишите время, которое уже прошло.
checkin-q-aura = За час до начала боли были ли нарушения зрения (вспышки, зигзаги, слепые пятна)?
checkin-q-location = Где болело? Отметьте всё подходящее и нажмите «Дальше».
btn-checkin-loc-forehead = Лоб
btn-checkin-loc-temples = Виски
btn-checkin-loc-eyes = За глазами
btn-checkin-loc-occiput = Затылок
btn-checkin-loc-neck = Шея
btn-checkin-loc-whole = Вся голова
checkin-q-character = Боль была пульсирующей или давящей (сдавливающей)?
btn-checkin-pulsating = 💓 Пульсирующая
btn-checkin-pressing = 🗜 Давящая
checkin-q-activity = Усиливалась ли боль от обычной активности (ходьба, подъём по лестнице)?
checkin-q-intensity = Насколько сильной была боль в худший момент, от 1 (слабая) до 10 (сильнее не бывает)? Нажмите или напишите число.
checkin-intensity-invalid = Нужно целое число от 0 до 10.
checkin-q-nausea = Была ли тошнота?
btn-checkin-nausea-marked = Сильная
btn-checkin-nausea-slight = Лёгкая
btn-checkin-nausea-none = Нет
checkin-q-vomiting = Была ли рвота?
checkin-q-light = Раздражал ли свет?
checkin-q-sound = Раздражали ли звуки?
checkin-q-cause = Что могло вызвать боль? Отметьте всё подходящее или напишите своими словами, затем нажмите «Дальше».
checkin-cause-note = Своими словами: { $text }
checkin-cause-too-long = Слишком длинно ({ $length ->
    [one] { $length } символ
    [few] { $length } символа
   *[many] { $length } символов
}, можно не больше { $max }).
btn-checkin-trigger-stress = Стресс
btn-checkin-trigger-poor_sleep = Плохой сон
btn-checkin-trigger-too_much_sleep = Пересып
btn-checkin-trigger-skipped_meal = Пропуск еды
btn-checkin-trigger-alcohol = Алкоголь
btn-checkin-trigger-caffeine = Кофеин
btn-checkin-trigger-weather = Погода
btn-checkin-trigger-bright_light = Яркий свет
btn-checkin-trigger-strong_smell = Резкий запах
btn-checkin-trigger-menstruation = Менструация
btn-checkin-trigger-screen_time = Экраны

## Painkillers
checkin-q-meds = Принимали обезболивающее? Выберите из своего списка или напишите название.
btn-checkin-no-meds = Не принимал(а)
checkin-doses = Записано:
checkin-dose-line = • { $name } { $dose }, { $time }
checkin-dose-line-plain = • { $name }, { $time }
checkin-q-med-class = «{ $name }» ещё нет в вашем списке. Что это за лекарство? (Статистика дней с болью считает обезболивающие по видам.)
checkin-q-dose-empty = Напишите дозу, например 400 мг, или пропустите.
checkin-q-dose = { $name }: какая доза? Напишите, например 400 мг, или пропустите.
checkin-q-med-time = { $name }: когда приняли? Напишите время, например 14:30, или выберите кнопкой.
btn-checkin-at-start = В начале боли ({ $time })
checkin-q-more-meds = Принимали что-то ещё?
btn-checkin-another = ➕ Ещё одно
btn-checkin-no-more = Нет, это всё ›
checkin-med-name-too-long = Слишком длинное название ({ $length ->
    [one] { $length } символ
    [few] { $length } символа
   *[many] { $length } символов
}, можно не больше { $max }).
checkin-dose-negative = Доза не может быть отрицательной. Напишите её ещё раз, например 400 мг.
checkin-dose-too-long = Слишком длинная запись дозы ({ $length ->
    [one] { $length } символ
    [few] { $length } символа
   *[many] { $length } символов
}, можно не больше { $max }).
checkin-med-time-future = Это время ещё не наступило. Напишите время, которое уже прошло.

## Comment and the end
checkin-q-comment = Хотите что-то добавить? Напишите комментарий или пропустите.
checkin-comment-too-long = Комментарий слишком длинный ({ $length ->
    [one] { $length } символ
    [few] { $length } символа
   *[many] { $length } символов
}, можно не больше { $max }).
checkin-done = ✅ Опрос сохранён ({ $date }). Спасибо!
checkin-stopped = Опрос остановлен. Всё, что вы ответили, сохранено; /checkin — пройти его снова.
checkin-back-first = Это первый вопрос, до него ничего нет. /stop — выйти из опроса.
checkin-none-under-way = Сейчас опрос не идёт. Отправьте /checkin, чтобы начать.
