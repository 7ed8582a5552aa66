# headlog, русский. Ключи совпадают с английскими (это проверяет тест).

## Main keyboard
btn-headache-now = 🤕 Болит голова
btn-history = 📖 История
btn-export = 📤 Экспорт
btn-period = 🩸 Начались месячные
btn-help = ❓ Помощь

## Commands
cmd-start = Главное меню
cmd-history = Ваши записи
cmd-export = Скачать дневник в CSV
cmd-timezone = Часовой пояс
cmd-language = Выбрать язык
cmd-privacy = Что хранится и зачем
cmd-forget = Стереть всё
cmd-cancel = Прервать текущее действие
cmd-checkin = Вечерний опрос
cmd-took = Принял(а) лекарство
cmd-trash = Удалённые записи (вернуть)
cmd-settings = Настройки
cmd-help = Как пользоваться

## Start
start-greeting = Здравствуйте! Я headlog, ваш личный дневник головной боли.
    Нажмите «🤕 Болит голова», как только начнётся боль: одно нажатие её записывает. Историю смотрите в «История», весь дневник можно скачать командой /export. Дневник видите только вы: /privacy.
start-again = С возвращением! Меню внизу.
menu-shown = Меню внизу.

## Time zone
tz-question = В каком вы часовом поясе? Дневник показывает время в нём.
    Нажмите на вариант ниже, напишите название вроде Europe/Moscow, город вроде Berlin или смещение вроде UTC+3 — или отправьте геопозицию (она нужна только чтобы найти пояс и не сохраняется).
tz-location-prompt = Или отправьте геопозицию кнопкой внизу.
btn-share-location = 📍 Отправить геопозицию
btn-cancel = ✖️ Отмена
tz-set = Часовой пояс: { $zone } ({ $offset }). Ваше местное время сейчас: { $time }.
tz-current = Ваш часовой пояс: { $zone } ({ $offset }).
tz-unknown = Я не знаю часового пояса «{ $input }». Попробуйте название вроде Europe/Moscow, город вроде Berlin или смещение вроде UTC+3.
tz-location-unknown = В этой точке я не нашёл часового пояса. Выберите его из списка или напишите название.
tz-not-set-hint = Пока вы не выбрали часовой пояс (/timezone), время записывается по UTC.

## Attacks
attack-recorded = Головная боль записана: началась { $start }.
    Когда пройдёт, нажмите кнопку ниже.
attack-already-open = Головная боль уже идёт с { $start } ({ $duration }), новую я не начинал.
attack-stale-open = Головная боль с { $start } не закрыта уже { $duration }. Когда она закончилась? Напишите время, например «вчера 22:00» или «2 часа назад» (или /cancel).
    Потом я запишу новую с { $now }.
attack-ended = Головная боль закончилась: { $start } – { $end } ({ $duration }).
attack-already-ended = Эта головная боль уже закончилась: { $start } – { $end } ({ $duration }).
attack-ask-end = Когда она закончилась? Напишите время, например 16:30, «вчера 22:00» или «2 часа назад» (или /cancel).
attack-end-before-start = Конец не может быть раньше начала ({ $start }). Напишите другое время.
attack-end-in-future = Это время ещё не наступило. Напишите время, которое уже прошло.
attack-undone = Отменено: головная боль с { $start } удалена.
attack-gone = Этой записи больше нет.
btn-ended-now = ✅ Прошла сейчас
btn-ended-at = 🕐 Прошла в…
btn-undo = ↩️ Отменить
btn-restore = ↩️ Вернуть

## Typed times
time-error-empty = Напишите время, например 14:30.
time-error-unrecognised = Я не понял это время. Примеры: 14:30, сегодня 9:15, вчера 22:00, 2 часа назад, 30 минут назад, 31.01 08:00.
time-error-invalid-time = Такого времени не бывает: часы от 0 до 23, минуты от 0 до 59.
time-error-invalid-date = Такой даты нет в календаре.
time-error-too-long = Слишком длинно для времени. Примеры: 14:30, вчера 22:00, 2 часа назад.
time-error-too-far-back = Это слишком давно.

## History
history-empty = Дневник пуст. Нажмите «🤕 Болит голова», когда начнётся боль.
history-header = Ваши записи, { $from }–{ $to } из { $total }:
history-line = { $start } – { $end } · { $duration }
history-line-open = { $start } · идёт, { $duration }
btn-older = Раньше ›
btn-newer = ‹ Позже
btn-back = ‹ Назад
btn-delete = 🗑 Удалить
record-title = Головная боль
record-started = Началась: { $start }
record-ended = Закончилась: { $end }
record-ongoing = Закончилась: ещё нет (идёт)
record-duration = Длительность: { $duration }
record-deleted = Удалено: головная боль с { $start }.
record-restored = Возвращено: головная боль с { $start }.
band-none = нет боли
band-mild = слабая
band-moderate = умеренная
band-severe = сильная

## Export
export-empty = Пока нечего выгружать.
export-caption = Ваш дневник headlog: { records-count }. Столбцы описаны в README.
records-count = { $count ->
    [one] { $count } запись
    [few] { $count } записи
   *[many] { $count } записей
}

## Forget
forget-confirm = Это сразу сотрёт весь дневник: все записи, корзину и настройки. Отменить будет нельзя. Нужна копия? Отправьте /export.
btn-forget-yes = 🗑 Стереть всё
btn-forget-no = Оставить дневник
forget-done = Всё стёрто. Если напишете снова, начнётся новый, пустой дневник.
forget-kept = Ничего не стёрто.
forget-expired = Это подтверждение больше не действует. Отправьте /forget ещё раз.

## Language
language-choose = Выберите язык:
language-set = Язык: русский.

## Help and privacy
help = headlog — личный дневник головной боли и приступов мигрени.
    • 🤕 Болит голова: записывает приступ, начавшийся сейчас. Потом нажмите «Прошла сейчас» или «Прошла в…» и напишите время.
    • 📖 История: ваши записи, сначала новые; откройте запись, чтобы посмотреть или удалить её.
    • /export: весь дневник в файле CSV.
    • /timezone, /language: настройки.
    • /privacy: что хранится; /forget: стереть всё.
    • /cancel: прервать текущее действие.
    Время можно писать так: 14:30, сегодня 9:15, вчера 22:00, 2 часа назад, 30 минут назад, 31.01 08:00 или 2026-01-31 08:00.
    headlog — не медицинское изделие и не даёт медицинских советов.
privacy = Что хранит headlog: ваш id в Telegram, язык и часовой пояс, а также то, что вы вносите в дневник (время, подробности, комментарии). Больше ничего: ни имени, ни телефона, ни контактов, ни геопозиции (отправленная геопозиция один раз используется для поиска часового пояса и не сохраняется).
    Зачем: чтобы показывать дневник вам и давать его выгрузить.
    Кто видит: только вы, в этом чате. Те, кто запускает этого бота, технически имеют доступ к базе данных; данные никому не передаются, рекламы и сторонней аналитики нет.
    Как долго: пока вы их не удалите. Удалённые записи можно вернуть в течение 30 дней, потом они стираются. /forget сразу стирает всё.
    Часовой пояс по геопозиции определяется без сети по данным о границах © участники OpenStreetMap (ODbL).

## Errors and small answers
error-too-long = Сообщение слишком длинное ({ $length } символов; можно не больше { $max }).
error-unknown-command = Я не знаю такой команды. Смотрите /help.
error-unknown-input = Я не понял. Пользуйтесь кнопками внизу или смотрите /help.
error-stale-button = Эта кнопка больше не действует.
error-internal = У меня что-то пошло не так; всё, что вы ввели, сохранено. Попробуйте ещё раз через минуту.
cancelled = Отменено.
nothing-to-cancel = Отменять нечего.
done = Готово.

## Dates and durations
time-today = сегодня { $time }
time-yesterday = вчера { $time }
time-date = { $weekday } { $day } { $month } { $time }
time-date-year = { $day } { $month } { $year } { $time }
duration-minutes = { $m } мин
duration-hours = { $h } ч { $m } мин
duration-days = { $d } д { $h } ч
month-1 = янв
month-2 = фев
month-3 = мар
month-4 = апр
month-5 = мая
month-6 = июн
month-7 = июл
month-8 = авг
month-9 = сен
month-10 = окт
month-11 = ноя
month-12 = дек
weekday-1 = пн
weekday-2 = вт
weekday-3 = ср
weekday-4 = чт
weekday-5 = пт
weekday-6 = сб
weekday-7 = вс
