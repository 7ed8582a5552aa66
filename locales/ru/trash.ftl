# headlog, ru: trash. Keys must match every other language (a test checks).
trash-empty = Корзина пуста. Удалённые записи хранятся здесь 30 дней.
trash-header = Удалено за последние 30 дней: { $count ->
    [one] { $count } запись
    [few] { $count } записи
   *[many] { $count } записей
}. Нажмите номер, чтобы вернуть; через 30 дней записи стираются насовсем.
trash-line-attack = 🤕 Головная боль { $start } · { $duration } (удалено { $deleted })
trash-line-med = 💊 Лекарство { $name } · { $class } (убрано из списка { $deleted })
trash-line-dose = 💊 Приём лекарства { $what }, { $time } (удалено { $deleted })
trash-line-day = 📅 Запись дня { $date } (удалено { $deleted })
trash-date = { $day } { $month }
trash-date-year = { $day } { $month } { $year }
trash-restore = ↩️ { $n }
trash-restored-med = { $name } снова в вашем списке лекарств.
trash-restored-dose = Восстановлено: приём лекарства { $what }, { $time }.
trash-restored-day = Восстановлено: запись дня { $date }.
trash-gone = Этого уже нет в корзине: запись уже восстановлена или удалена больше 30 дней назад.
trash-refuse-med = { $name } уже есть в вашем списке, поэтому убранная копия остаётся в корзине.
trash-refuse-dose = Приём лекарства { $what } относится к удалённой записи о головной боли: сначала восстановите её.
trash-refuse-day = Для { $date } уже есть более новая запись дня, поэтому удалённая остаётся в корзине.
