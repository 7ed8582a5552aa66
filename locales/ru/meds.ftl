# headlog, ru: meds. Keys must match every other language (a test checks).

## Settings
settings-screen = ⚙️ Настройки
    Язык: { $language }
    Часовой пояс: { $zone }
    Список лекарств: { $meds }
    Учёт месячных: { $period }
    Напоминание о дневнике: { $checkin }
settings-zone-value = { $zone } ({ $offset })
settings-zone-unset = не выбран (время по UTC)
settings-meds-count = { $count ->
    [0] пока нет
    [one] { $count } лекарство
    [few] { $count } лекарства
   *[many] { $count } лекарств
}
settings-on = включён
settings-off = выключен
settings-btn-language = 🌐 Язык
settings-btn-zone = 🕐 Часовой пояс
settings-btn-meds = 💊 Лекарства
settings-btn-period-on = 🩸 Включить учёт месячных
settings-btn-period-off = 🩸 Выключить учёт месячных
settings-btn-checkin = 🌙 Время опроса
settings-period-turned-on = Учёт месячных включён. В первый день месячных нажмите в меню «{ $button }».
settings-period-turned-off = Учёт месячных выключен. Отмеченные дни остаются в дневнике.
settings-checkin-question = В какое время напоминать о дневнике? Сейчас: { $current }.
settings-btn-checkin-type = ⌨️ Другое время
settings-btn-checkin-off = 🔕 Не спрашивать
settings-checkin-ask = Напишите время напоминания в виде ЧЧ:ММ, например 21:30 (или /cancel).
settings-checkin-error = «{ $input }» — это не время в виде ЧЧ:ММ. Напишите, например, 21:30 (или /cancel).
settings-checkin-error-range = Времени { $input } не бывает: часы от 00 до 23, минуты от 00 до 59. Напишите, например, 21:30 (или /cancel).
settings-checkin-set = Напоминание о дневнике: каждый день в { $time }.
settings-checkin-turned-off = Напоминание о дневнике выключено.

## Period
period-date = { $day } { $month }
period-mark-done = 🩸 Отмечено: месячные начались сегодня, { $date }.
period-mark-already = Сегодня, { $date }, уже отмечено как начало месячных.
period-mark-undone = Отметка о начале месячных { $date } снята.
period-mark-not-marked = { $date } не отмечено.
period-mark-off = Учёт месячных выключен. Включить его можно в /settings.
period-mark-done-yesterday = 🩸 Отмечено: месячные начались вчера, { $date }.
period-mark-done-day = 🩸 Отмечено: месячные начались { $date }.
period-mark-already-day = { $date } уже отмечено как начало месячных.
period-mark-moved = 🩸 Начало месячных перенесено на { $date }.
btn-period-yesterday = Это было вчера
btn-period-other-day = 📅 Другой день…
period-ask-day = В какой день начались месячные? Напишите дату, например 08.03 или «вчера» (не раньше чем { $days } { $days ->
    [one] день
    [few] дня
   *[many] дней
} назад), или /cancel.
period-day-future = Этот день ещё не наступил. Напишите сегодняшнюю или более раннюю дату.
period-day-too-far = Это слишком давно: начало месячных можно отметить не раньше чем за { $days } { $days ->
    [one] день
    [few] дня
   *[many] дней
} до сегодня.
period-day-unrecognised = Не понял дату. Примеры: 08.03, 08.03.2026, 2026-03-08, вчера.

## Medication list
medclass-simple = Простой анальгетик
medclass-nsaid = НПВП
medclass-triptan = Триптан
medclass-ergot = Эрготамин
medclass-gepant = Гепант
medclass-ditan = Дитан
medclass-opioid = Опиоид
medclass-combination = Комбинированный анальгетик
medclass-preventive = Профилактическое
medclass-other = Другое
med-list-empty = Список лекарств пуст. Добавьте то, что принимаете от головной боли или для профилактики: тогда приём записывается в несколько нажатий.
med-list-title = 💊 Ваши лекарства ({ $count }):
med-list-line = { $n }. { $name } · { $class }
med-list-line-dose = { $n }. { $name } · { $class } · { $dose }
med-list-page = Страница { $page } из { $pages }
med-btn-add = ➕ Добавить лекарство
med-btn-prev = ‹ Назад
med-btn-next = Дальше ›
med-view = 💊 { $name }
    Группа: { $class }
    Обычная доза: { $dose }
med-dose-unset = не указана
med-btn-name = ✏️ Название
med-btn-class = 🏷 Группа
med-btn-dose = 💊 Обычная доза
med-btn-delete = 🗑 Убрать из списка
med-btn-skip = Пропустить
med-btn-no-dose = Без обычной дозы
med-ask-name = Напишите название лекарства, например Ибупрофен (или /cancel).
med-ask-class = К какой группе относится «{ $name }»?
    У гепантов (римегепант, уброгепант) и дитанов (ласмидитан), принятых при приступе, свои группы; антитела к CGRP и гепанты, которые принимают каждый день для профилактики, относятся к профилактическим.
med-tap-class = Выберите группу лекарства «{ $name }» кнопкой в сообщении выше (или /cancel).
med-ask-new-dose = «{ $name }» ({ $class }) теперь в вашем списке. Напишите обычную дозу, например 400 мг, или пропустите.
med-ask-rename = Напишите новое название вместо «{ $name }» (или /cancel).
med-ask-dose = Напишите обычную дозу лекарства «{ $name }», например 400 мг (или /cancel).
med-exists = «{ $name }» уже есть в вашем списке.
med-deleted = Убрано из списка: { $name }. Записанные приёмы сохраняют название.
med-gone = Этого лекарства больше нет в вашем списке.
med-error-name-empty = У лекарства должно быть название. Напишите его, например Ибупрофен (или /cancel).
med-error-name-too-long = Слишком длинное название: { $length } { $length ->
    [one] символ
    [few] символа
   *[many] символов
}, а можно не больше { $max }. Напишите покороче (или /cancel).
med-error-dose-empty = Напишите дозу, например 400 мг (или /cancel).
med-error-dose-too-long = Слишком длинная доза: { $length } { $length ->
    [one] символ
    [few] символа
   *[many] символов
}, а можно не больше { $max }. Напишите покороче, например 400 мг (или /cancel).
med-error-dose-negative = Доза не может быть отрицательной. Напишите количество, например 400 мг (или /cancel).

## Doses
took-btn = 💊 Принято лекарство
took-ask-med = Какое лекарство вы приняли? Нажмите на него или напишите название другого.
took-ask-med-attack = Какое лекарство вы приняли от головной боли ({ $start })? Нажмите на него или напишите название другого.
took-ask-med-empty = Какое лекарство вы приняли? Напишите название, и я добавлю его в ваш список.
took-btn-other = ➕ Другое
took-ask-other = Напишите название лекарства (или /cancel).
took-ask-dose = { $name }: какая доза? Нажмите на обычную или напишите, например 400 мг.
took-ask-dose-free = { $name }: какая доза? Напишите, например 400 мг, или пропустите.
took-btn-no-dose = Пропустить
took-ask-time = Когда вы приняли «{ $what }»? Нажмите «Сейчас» или напишите время, например 14:30 или 2 часа назад.
took-btn-now = 🕐 Сейчас
took-time-future = Это время ещё не наступило. Напишите время, которое уже прошло (или /cancel).
took-recorded = 💊 Записано: { $what }, { $time }.
took-recorded-attack = 💊 Записано: { $what }, { $time }, от головной боли ({ $start }).
took-effect-question = { $name }: помогло?
took-effect-hint = { $what }, принято { $time }: насколько помогло через 2 часа?
took-btn-effect-none = Нет
took-btn-effect-partial = Частично
took-btn-effect-full = Полностью
took-effect-saved-none = Записано: { $what } — не помогло.
took-effect-saved-partial = Записано: { $what } — помогло частично.
took-effect-saved-full = Записано: { $what } — помогло полностью.
took-effect-already = Действие этого приёма уже записано.
took-dose-gone = Этого приёма больше нет.
