# headlog, ru: trash. Keys must match every other language (a test checks).
trash-empty = Корзина пуста. Удалённые записи хранятся здесь 30 дней.
trash-header = Удалено за последние 30 дней: { $count ->
    [one] { $count } запись
    [few] { $count } записи
   *[many] { $count } записей
}. Нажмите номер, чтобы вернуть; через 30 дней записи стираются насовсем.
trash-line = { $start } · { $duration } (удалено { $deleted })
trash-restore = ↩️ { $n }
