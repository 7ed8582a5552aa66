## Напоминания: сообщения

remind-diary-evening = 🌙 Как прошёл день ({ $date })? Болела голова?
remind-diary-morning = ☀️ Как прошли последние сутки ({ $date })? Болела голова?
remind-btn-free = 🙂 Не болела
remind-btn-log = 📝 Записать
remind-btn-hour = ⏰ Через час
remind-btn-tonight = 🌙 Вечером
remind-free-saved = 🙂 Записано: голова не болела ({ $date }).
remind-free-refused = На этот день ({ $date }) уже записана головная боль. Чтобы изменить его, откройте /checkin.
remind-snoozed = ⏰ Хорошо, спрошу ещё раз в { $time }.
remind-dose = 💊 Как помог { $what } (принят { $time })?
remind-attack = 🤕 Головная боль, начавшаяся { $start }, ещё продолжается? (уже { $duration })
remind-btn-going = Ещё болит
remind-going = Хорошо. Сообщите, когда пройдёт боль, начавшаяся { $start }.
remind-attack-over = Этот приступ уже закончился или удалён: делать ничего не нужно.
remind-nudge = 📝 Опрос о дне ещё не закончен. Продолжим?
remind-btn-resume = ▶️ Продолжить

## Напоминания: настройки

settings-btn-reminders = 🔔 Напоминания
remind-screen = 🔔 Напоминания
    Напоминание о дневнике: { $diary }
    Повторять, пока нет ответа: { $repeat }
    После приёма лекарства, «как помогло?»: { $dose }
    После одного нажатия, «ещё болит?»: { $attack }
    Незаконченный опрос, одно напоминание: { $nudge }
    Сводка за неделю: { $weekly }
    Тихие часы: { $quiet }
    { $pause }
remind-diary-at = каждый день в { $time } ({ $mode })
remind-mode-evening = вечером: «как прошёл день?»
remind-mode-morning = утром: «как прошли сутки?»
remind-after = через { $after }
remind-weekly-at = по понедельникам в { $time }
remind-paused-until = ⏸ Пауза до { $until }.
remind-not-paused = Без паузы.
remind-btn-time = 🕘 Время
remind-btn-morning = ☀️ Спрашивать утром
remind-btn-evening = 🌙 Спрашивать вечером
remind-btn-repeat-on = 🔁 Повторять до ответа
remind-btn-repeat-off = 🔁 Не повторять
remind-btn-dose = 💊 Вопрос о лекарстве → { $value }
remind-btn-attack = 🤕 «Ещё болит?» → { $value }
remind-btn-nudge = 📝 Об опросе → { $value }
remind-btn-weekly = 📊 Сводка → { $value }
remind-btn-quiet = 🌃 Тихие часы → { $value }
remind-on = вкл.
remind-off = выкл.
remind-btn-pause = ⏸ { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}
remind-btn-resume-all = ▶️ Возобновить напоминания
