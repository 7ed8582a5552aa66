# headlog, ru: привычки (PRODUCT.md §2). Ключи совпадают со всеми другими языками (это проверяет тест).

btn-habits = ✅ Привычки
cmd-habits = Привычки на сегодня
settings-btn-habit-day = 🌙 Начало дня для привычек

## Список на сегодня
habits-today-title = ✅ Привычки · { $date }
habits-day-starts = Ваш день для привычек начинается в { $time }.
habits-none-yet = Привычек пока нет. Привычка — всё, что вы хотите делать регулярно (или реже): вода, сон, прогулка, кофе. Нажмите «Новая привычка», чтобы добавить.
habits-today-count = Сделано сегодня: { $done } из { $total }. Нажмите на привычку, чтобы отметить, ещё раз — чтобы отменить; ⋯ — пропустить день, добавить заметку или открыть карточку.
habits-progress = { $value } / { $target } { $unit }
habits-skipped = пропуск
habits-btn-routine = ☑️ { $routine }: всё сделано
habits-routine-done = { $routine }: { $count ->
    [one] { $count } привычка отмечена
    [few] { $count } привычки отмечены
   *[many] { $count } привычек отмечено
}
habits-btn-prev = ‹ Назад
habits-btn-next = Дальше ›
habits-btn-new = ➕ Новая привычка
habits-btn-manage = ⚙️ Управление
habits-btn-today = ✅ Привычки на сегодня
habits-btn-sick-day = 🤒 Болею: пропустить остальное
habits-cancelled = Отменено.

## День привычки
habits-day-title = { $name } · { $date }
habits-target-at-least = Цель: не меньше { $amount } { $unit } в день
habits-target-at-most = Цель: не больше { $amount } { $unit } в день
habits-status-done = ✅ Сделано.
habits-status-skipped = ⏭ Пропущено намеренно: серия не прерывается и не растёт.
habits-status-none = Отметки пока нет.
habits-status-value = 🔸 { $progress }: пока не достигнуто.
habits-status-value-done = ✅ { $progress }: сделано.
habits-type-number = Напишите число, чтобы записать его, или нажмите − / +.
habits-note-shown = 📝 { $note }
habits-btn-done = ✅ Сделано
habits-btn-skip = ⏭ Пропустить день
habits-btn-clear = ✖️ Без отметки
habits-btn-note = 📝 Заметка
habits-btn-card = 📊 Карточка
habits-value-saved = Записано: { $value }.
habits-ask-note = Короткая заметка к «{ $name }», { $date } (до { $max } символов). Отправьте «-», чтобы удалить заметку.
habits-note-saved = Заметка сохранена.
habits-note-removed = Заметка удалена.

## День болезни
habits-sick-offer = 🤒 Тяжёлый день с головной болью. Пропустить оставшиеся привычки на сегодня? Пропуск сохраняет серии и замораживает силу привычки.
habits-btn-sick-skip = ⏭ Пропустить привычки на сегодня
habits-sick-done = ⏭ На сегодня { $count ->
    [one] пропущена { $count } привычка
    [few] пропущены { $count } привычки
   *[many] пропущено { $count } привычек
}. Серии остались как были. Поправляйтесь.
habits-sick-nothing = Сегодня пропускать уже нечего.

## Карточка
habits-card-title = 📊 { $name }
habits-card-streak = 🔥 Серия: { $current ->
    [one] { $current } день
    [few] { $current } дня
   *[many] { $current } дней
} (лучшая { $best })
habits-card-score = 💪 Сила привычки: { $percent } %
habits-card-month = 📅 В этом месяце: { $done } из { $days } дн. ({ $percent } %)
habits-card-weeks = Последние 4 недели:
habits-card-legend = ✅ сделано · ☑️ сделано за период · ⏭ пропуск · 🔸 меньше цели · ▫️ нет отметки · ➖ ещё не начата
habits-card-reminders = ⏰ Напоминания: { $times }
habits-btn-calendar = 📅 Исправить день
habits-btn-reminders = ⏰ Напоминания
habits-btn-edit = ✏️ Изменить
habits-calendar-title = { $name }: последние { $days } дней. Нажмите на день, чтобы исправить отметку.
habits-freq-daily = каждый день
habits-freq-week = { $count ->
    [one] { $count } раз в неделю
    [few] { $count } раза в неделю
   *[many] { $count } раз в неделю
}
habits-freq-month = { $count ->
    [one] { $count } раз в месяц
    [few] { $count } раза в месяц
   *[many] { $count } раз в месяц
}
habits-freq-every = { $days ->
    [one] каждый { $days } день
    [few] каждые { $days } дня
   *[many] каждые { $days } дней
}
habits-freq-custom = { $count ->
    [one] { $count } раз
    [few] { $count } раза
   *[many] { $count } раз
} за { $days } дн.
habits-goal-days = цель { $days } дн.
habits-goal-none = без цели
habits-factor-line = Фактор головной боли: { $factor }
habits-routine-line = Ритуал: { $routine }
habits-archived-line = 🗄 В архиве.

## Цель
habits-goal-reached = 🎉 { $name }: { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
} подряд — цель достигнута! Убрать привычку в архив или продолжать?
habits-btn-goal-archive = 🗄 В архив
habits-btn-goal-keep = ▶️ Продолжать
habits-goal-archived = 🗄 «{ $name }» в архиве. История сохранена; вернуть можно в Управление → Архив.
habits-goal-kept = ▶️ «{ $name }» остаётся в списке. Отлично!

## Создание и изменение
habits-new-title = ➕ Новая привычка
habits-new-title-named = ➕ Новая привычка: { $name }
habits-ask-name = Как её назвать? Напишите короткое название (до { $max } символов), например «Пить воду» или «Прогулка 30 минут».
habits-ask-description = Описание или вопрос к себе? Напишите или пропустите.
habits-btn-no-description = Пропустить
habits-ask-kind = Это «сделано или нет» или вы что-то считаете каждый день?
habits-kind-yes-no = ✅ Да или нет
habits-kind-at-least = 🔼 Число: не меньше цели
habits-kind-at-most = 🔽 Число: не больше цели
habits-ask-unit = Что вы считаете? Напишите единицу, например стаканы, часы, чашки.
habits-ask-target = Какая цель на день? Напишите число, например 8 или 7,5.
habits-ask-frequency = Как часто? Выберите или напишите как раз/дней, например 2/7 — дважды в неделю.
habits-ask-goal = Цель? Её достижение — серия из стольких дней. 21 день — хорошее начало.
habits-btn-goal = { $days } дн.
habits-btn-no-goal = Без цели
habits-ask-factor = Это фактор головной боли? В отчётах отмеченные привычки стоят рядом с днями головной боли.
habits-btn-no-factor = Не фактор
habits-ask-routine = Входит в ритуал? Привычки одного ритуала отмечаются одним нажатием. Выберите, напишите новое название (до { $max } символов) или пропустите.
habits-btn-no-routine = Без ритуала
habits-ask-reminder = Напоминать? Напишите время, например 08:30 (каждый день; дни недели можно выбрать потом), или нажмите «Без напоминания».
habits-btn-no-reminder = Без напоминания
habits-created = ✅ Привычка добавлена: { $name }
habits-created-reminder = ⏰ Напоминание каждый день в { $time }.
habits-use-buttons = Пожалуйста, выберите кнопкой выше.
habits-factor-sleep = 😴 Сон
habits-factor-water = 💧 Вода
habits-factor-caffeine = ☕ Кофеин
habits-factor-alcohol = 🍷 Алкоголь
habits-factor-exercise = 🏃 Физическая нагрузка
habits-factor-stress = 😣 Стресс
habits-factor-screen-time = 📱 Время у экрана
habits-factor-other = 🏷 Другое

## Управление
habits-list-title = ⚙️ Ваши привычки. Нажмите, чтобы открыть.
habits-archived-title = 🗄 Архив привычек
habits-archived-none = В архиве пусто.
habits-page = Страница { $page } из { $pages }
habits-btn-archived = 🗄 Архив
habits-btn-day-start = 🌙 День начинается в { $time }
habits-edit-title = ✏️ { $name }
habits-btn-edit-name = Название
habits-btn-edit-description = Описание
habits-btn-edit-kind = Тип
habits-btn-edit-frequency = Частота
habits-btn-edit-unit = Единица
habits-btn-edit-target = Цель на день
habits-btn-edit-goal = Цель в днях
habits-btn-edit-factor = Фактор
habits-btn-edit-routine = Ритуал
habits-btn-up = ▲ Выше
habits-btn-down = ▼ Ниже
habits-btn-archive = 🗄 В архив
habits-btn-unarchive = ♻️ Вернуть
habits-btn-delete = 🗑 Удалить
habits-saved = Сохранено.
habits-moved = Теперь { $place } из { $count }.
habits-archived = 🗄 «{ $name }» в архиве: её нет в списке на сегодня, напоминания остановлены, история сохранена.
habits-unarchived = ♻️ «{ $name }» снова в списке на сегодня.
habits-delete-ask = Удалить «{ $name }» со всей историей и напоминаниями? Отменить будет нельзя. Архив сохраняет историю.
habits-btn-delete-yes = 🗑 Удалить навсегда
habits-btn-archive-instead = 🗄 Лучше в архив
habits-deleted = «{ $name }» удалена.
habits-gone = Этой привычки больше нет.
habits-day-start-ask = Ваш день для привычек начинается в { $time }. Если вы ложитесь после полуночи, поздний вечер с более поздним началом дня останется на предыдущем дне — только для привычек и их напоминаний (дневник головной боли ведёт календарные дни).

## Напоминания
habits-reminders-title = ⏰ Напоминания: { $name }
habits-reminders-none = Напоминаний пока нет.
habits-reminders-hint = Нажмите на день недели, чтобы включить или выключить его (✓ — включён). Если привычка в этот день уже сделана или пропущена, напоминания не будет.
habits-reminders-archived = Привычка в архиве: её напоминания на паузе.
habits-btn-reminder-add = ➕ Добавить напоминание
habits-btn-reminder-delete = 🗑 Убрать { $time }
habits-ask-reminder-time = Во сколько напомнить о «{ $name }»? Напишите время, например 08:30.
habits-reminder-added = ⏰ Напоминание в { $time }, каждый день.
habits-reminder-deleted = Напоминание убрано.
habits-days-every = каждый день
habits-days-workdays = с понедельника по пятницу
habits-days-none = дни не выбраны: напоминание выключено
habits-reminder-text = ⏰ Пора: { $name }
habits-btn-enter-number = ✏️ Ввести число
habits-reminder-done = ✅ { $name }: сделано.
habits-reminder-skipped = ⏭ { $name }: на сегодня пропуск.
habits-reminder-cleared = { $name }: без отметки.

## Отказы
habits-error-empty = Пусто. Пожалуйста, напишите что-нибудь.
habits-error-too-long = Здесь { $length } символов, а помещается не больше { $max }. Пожалуйста, сократите.
habits-error-number = «{ $input }» — не число, которое я могу прочитать. Напишите цифрами, например 8 или 2,5.
habits-error-range = Пожалуйста, напишите число больше нуля и не больше { $max }.
habits-error-frequency = Пожалуйста, напишите как раз/дней, например 3/7 — три раза в неделю (раз не больше, чем дней, дней не больше 365).
habits-error-goal = Пожалуйста, напишите число дней от 1 до 3650 или 0 — без цели.
habits-error-time = «{ $input }» — не время, которое я могу прочитать. Напишите, например, 08:30.
habits-error-time-range = «{ $input }» — не время суток: часы от 00 до 23, минуты от 00 до 59.
habits-error-future = Этот день ещё не наступил: привычку отмечают в тот же день или позже.
habits-error-too-old = Этот день слишком давно, здесь его не исправить.
habits-error-too-many = У вас уже { $max } привычек — столько помещается в один дневник. Удалите одну, чтобы добавить новую.
habits-error-too-many-reminders = У привычки не больше { $max } напоминаний.

## Экспорт
export-habits-caption = Ваши привычки в формате Habits.csv из Loop Habit Tracker.
export-checkmarks-caption = Checkmarks.csv: строка — день, столбец — привычка (2 сделано, 1 сделано за период, 0 меньше цели, 3 пропуск, -1 нет отметки; числа в тысячных, как пишет Loop).
export-scores-caption = Scores.csv: сила каждой привычки по дням, от 0 до 1.
