## /import: файл из headlog или другого приложения, перенесённый в дневник

cmd-import = Перенести записи из файла (headlog, Migraine Buddy, Loop)
import-intro = 📥 Пришлите файл — прежде чем что-то добавить, я покажу, что в нём:
    • архив headlog (JSON, из /archive) или CSV дневника (из /export);
    • экспорт Migraine Buddy в CSV;
    • экспорт Loop Habit Tracker (ZIP или Habits.csv, а затем Checkmarks.csv).
    Файлы до 20 МБ. Записи, которые уже есть в дневнике, пропускаются, так что повторная отправка ничего не удвоит. Подтверждённый импорт можно один раз отменить.
import-source-archive = архив headlog
import-source-diary_csv = CSV дневника headlog
import-source-migraine_buddy = CSV Migraine Buddy
import-source-loop = экспорт Loop Habit Tracker
import-preview-title = 📥 { $source }: вот что я нашёл.
import-preview-range = Записи с { $first } по { $last }.
import-count-attacks = Приступы: новых { $new }{ $known ->
    [0] {""}
   *[other] , уже в дневнике { $known }
}
import-count-doses = Приёмы лекарств: новых { $new }{ $known ->
    [0] {""}
   *[other] , уже в дневнике { $known }
}
import-count-days = Дни (без головной боли, заметки): новых { $new }{ $known ->
    [0] {""}
   *[other] , уже в дневнике { $known }
}
import-count-medications = Лекарства для списка: новых { $new }{ $known ->
    [0] {""}
   *[other] , уже есть { $known }
}
import-count-questionnaires = Результаты опросников: новых { $new }{ $known ->
    [0] {""}
   *[other] , уже в дневнике { $known }
}
import-count-habits = Привычки: новых { $new }{ $known ->
    [0] {""}
   *[other] , уже есть { $known } (их отметки добавятся к ним)
}
import-count-marks = Отметки привычек: новых { $new }{ $known ->
    [0] {""}
   *[other] , дней уже с отметкой { $known }
}
import-settings = Настройки из архива (часовой пояс, вечерний опрос, напоминания) тоже будут применены.
import-skipped-title = Пропущено:
import-skipped-empty = пустых строк: { $count }
import-skipped-unknown_habit = отметок для привычек, которых у вас нет: { $count } (сначала пришлите Habits.csv или весь ZIP)
import-skipped-auto_mark = дней, которые Loop показывает выполненными только потому, что выполнена норма недели (своих отметок нет): { $count }
import-kept = Столбцы без своего поля сохранены в комментарии к каждому приступу: { $columns }.
import-nothing-new = Всё из этого файла уже есть в дневнике: добавлять нечего.
import-confirm-question = Добавить { $count } { $count ->
    [one] новую запись
    [few] новые записи
   *[other] новых записей
}?
btn-import-confirm = ✅ Импортировать
btn-import-cancel = ✖️ Отмена
btn-import-undo = ↩️ Отменить этот импорт
import-applied = ✅ Импортировано записей: { $count }. Этот импорт можно один раз отменить.
import-cancelled = Импорт отменён: ничего не добавлено.
import-undone = ↩️ Импорт отменён: удалено записей: { $count }.
import-already-applied = Этот импорт уже выполнен.
import-already-undone = Этот импорт уже отменён.
import-download-failed = Не удалось скачать файл из Telegram. Пришлите его ещё раз через минуту.
import-file-changed = Это уже не тот файл, что я показывал. Пришлите его ещё раз.
import-refused-unknown = Я не узнаю этот файл. Я читаю архив (JSON) и CSV дневника headlog, экспорт Migraine Buddy в CSV и экспорт Loop Habit Tracker (ZIP, Habits.csv, Checkmarks.csv). Ничего не добавлено.
import-refused-too_big = Файл больше { $max } МБ — больше бот не может скачать из Telegram. Ничего не добавлено.
import-refused-bad_row = Строка { $row } файла повреждена (не то число полей или лишняя кавычка). Ничего не добавлено: исправьте строку и пришлите файл снова.
import-refused-bad_value = Строка { $row }: значение в «{ $field }» не читается. Ничего не добавлено: исправьте его и пришлите файл снова.
import-refused-bad_field = Значение «{ $field }» не читается. Ничего не добавлено.
import-refused-bad_json = Архив повреждён около строки { $row }{ $field ->
    [none] {""}
   *[other] ({ $field })
}. Ничего не добавлено.
import-refused-newer_schema = У архива версия схемы { $version }, новее той, что читает этот headlog ({ $known }). Ничего не добавлено; его можно будет импортировать после обновления headlog.
import-refused-bad_zip = ZIP-файл повреждён или это не экспорт Loop Habit Tracker. Ничего не добавлено.
import-refused-empty = В файле нет записей. Ничего не добавлено.
