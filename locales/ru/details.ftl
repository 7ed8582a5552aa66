# headlog, ru: details. Keys must match every other language (a test checks).

## Entry points
btn-details-add = ➕ Подробности
btn-details-edit = ✏️ Изменить

## The overview
details-title = ✏️ Подробности о головной боли
details-hint = Нажмите на поле, чтобы изменить его. Каждый выбор сохраняется сразу.
details-line = { $label }: { $value }
details-unknown = —
details-ongoing = ещё нет (идёт)
btn-details-start = 🕐 Начало
btn-details-end = 🏁 Конец
btn-details-intensity = 📊 Сила
btn-details-location = 📍 Где
btn-details-side = ↔️ Сторона
btn-details-character = 〰️ Характер
btn-details-activity = 🚶 Активность
btn-details-nausea = 🤢 Тошнота
btn-details-vomiting = 🤮 Рвота
btn-details-light = 💡 Свет
btn-details-sound = 🔊 Звуки
btn-details-aura = ✨ Аура
btn-details-triggers = ⚡ Причины
btn-details-disability = 📅 День
btn-details-comment = 💬 Комментарий
btn-details-done = ✅ Готово

## A field's screen
details-head = ✏️ Головная боль, началась { $start }
details-step = Вопрос { $n } из { $total }
details-chosen = ✓ { $label }
btn-details-skip = ⏭ Пропустить
btn-details-next = Дальше ›
btn-details-all = ☰ Все поля
btn-details-clear = 🚫 Очистить
btn-details-aura-min = ⏱ Минуты: { $value }
btn-details-trigger-note = ✍️ Своё: { $value }

## Field names
details-field-start = Началась
details-field-end = Закончилась
details-field-intensity = Сила
details-field-location = Где болит
details-field-side = Сторона
details-field-character = Характер
details-field-activity = Хуже от активности
details-field-nausea = Тошнота
details-field-vomiting = Рвота
details-field-light = Мешает свет
details-field-sound = Мешают звуки
details-field-aura = Аура
details-field-aura-min = Длительность ауры
details-field-triggers = Возможные причины
details-field-trigger-note = Другая причина
details-field-disability = Влияние на день
details-field-comment = Комментарий

## Questions
details-ask-start = Когда она началась? Напишите время, например 14:30, «вчера 22:00» или «2 часа назад».
details-ask-end = Когда она закончилась? Напишите время, например 16:30, «вчера 23:00» или «30 минут назад».
details-ask-intensity = Насколько сильная боль, от 0 до 10?
    1–3 слабая · 4–6 умеренная · 7–10 сильная
details-ask-location = Где болит? Отметьте все подходящие места.
details-ask-side = С какой стороны болит?
details-ask-character = Какая это боль?
details-ask-activity = Усиливается ли боль от обычной активности (ходьба, подъём по лестнице)?
details-ask-nausea = Тошнит ли вас?
details-ask-vomiting = Была ли рвота?
details-ask-light = Мешает ли свет?
details-ask-sound = Мешают ли звуки?
details-ask-aura = Была ли аура — нарушения зрения, чувствительности или речи перед болью или вместе с ней? Отметьте все виды; сколько она длилась — кнопкой ниже.
details-ask-aura-min = Сколько минут длилась аура? Напишите целое число от 0 до 1440, например 20.
details-ask-triggers = Что могло её вызвать? Отметьте всё подходящее; своё можно написать кнопкой ✍️.
details-ask-trigger-note = Напишите, что ещё могло её вызвать (до { $max } { $max ->
    [one] символа
   *[other] символов
}).
details-ask-disability = Насколько она помешала вашему дню?
details-ask-comment = Напишите комментарий (до { $max } { $max ->
    [one] символа
   *[other] символов
}).

## Values
details-yes = да
details-no = нет
details-intensity-value = { $value } ({ $band })
details-minutes = { $count ->
    [one] { $count } минута
    [few] { $count } минуты
   *[many] { $count } минут
}
details-aura-value = { $kinds } ({ $minutes })
details-quoted = «{ $text }»
loc-forehead = Лоб
loc-temples = Виски
loc-eyes = За глазами
loc-occiput = Затылок
loc-neck = Шея
loc-whole = Вся голова
side-left = Слева
side-right = Справа
side-both = С обеих сторон
char-pulsating = Пульсирующая
char-pressing = Давящая
char-stabbing = Колющая
nausea-none = Нет
nausea-slight = Лёгкая
nausea-marked = Сильная
aura-none = Не было
aura-visual = Зрительная
aura-sensory = Чувствительная
aura-speech = Речевая
aura-other = Другая
trigger-stress = Стресс
trigger-poor_sleep = Плохой сон
trigger-too_much_sleep = Пересып
trigger-skipped_meal = Пропуск еды
trigger-alcohol = Алкоголь
trigger-caffeine = Кофеин
trigger-weather = Погода
trigger-bright_light = Яркий свет
trigger-strong_smell = Резкий запах
trigger-menstruation = Менструация
trigger-screen_time = Экраны
disability-none = Не помешала
disability-reduced = Продуктивность ≤ 50%
disability-lost_day = Потерянный день

## Refused values (the record keeps its previous value)
details-error-intensity = Сила боли — целое число от 0 до 10. Ничего не изменено.
details-error-aura-min = Минуты ауры — это целое число от 0 до 1440, например 20. Напишите ещё раз.
details-error-empty = В сообщении нет текста. Напишите текст (или /cancel).
details-error-too-long = Слишком длинно: { $length } { $length ->
    [one] символ
    [few] символа
   *[many] символов
}, а здесь можно не больше { $max } { $max ->
    [one] символа
   *[other] символов
}. Сократите, пожалуйста.
details-error-start-future = Начало не может быть в будущем. Напишите время, которое уже прошло.
details-error-start-after-end = Начало не может быть позже конца ({ $end }). Напишите другое время.
