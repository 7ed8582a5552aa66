# headlog, ru: отчёт для врача (PDF и HTML). Без эмодзи: в шрифте PDF их нет. Ключи совпадают с другими языками (это проверяет тест).

doctor-title = Дневник головной боли: отчёт для врача
doctor-patient = ФИО: ______________________________   Дата рождения: ________________
doctor-period = Период: { $range } ({ $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}) · составлен { $made } · дни и время по поясу { $zone }
doctor-about = Дневник вёл пациент в headlog, дневнике в Telegram, в основном в тот же день. «Похожий на мигрень» означает «по записанным признакам» (критерии МКГБ-3 в той мере, в какой их записывает дневник) и не является диагнозом. Определения — в конце.
doctor-nothing = За этот период записей нет.
doctor-footer = headlog · дневник головной боли · { $range }
doctor-page-of = стр. {"{"}n{"}"} из {"{"}total{"}"}
doctor-days = { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}
doctor-yes = да

## At a glance
doctor-glance = Коротко
doctor-headache-days = Дни с головной болью
doctor-of-days = { $count } из { $total }
doctor-migraine-days = Дни, похожие на мигрень (по записанным признакам)
doctor-free-days = Дни без головной боли (так и отмечены)
doctor-no-record-days = Дни без записей
doctor-attacks = Начавшиеся приступы
doctor-intensity = Интенсивность, 0–10
doctor-intensity-value = в среднем { $average }, максимум { $peak } (оценено: { $rated })
doctor-not-rated = не оценивалась
doctor-disability = Потерянные дни / дни с активностью вдвое ниже и меньше
doctor-disability-value = { $lost } / { $reduced }
doctor-acute-days = Дни с препаратами для купирования (любыми)
doctor-class-days = из них { $class }
doctor-simple-days = Простые анальгетики и НПВП вместе (разные дни)
doctor-overuse = Избыточное применение препаратов (МКГБ-3 8.2)
doctor-overuse-none = ни в одном месяце
doctor-overuse-months = есть: { $months }
doctor-midas = MIDAS, последний
doctor-hit6 = HIT-6, последний
doctor-midas-score = { $score }, степень { $level } ({ $date })
doctor-hit6-score = { $score }, { $level } ({ $date })
doctor-timely = Записано не позже конца следующего дня
doctor-timely-value = { $percent } % дней с записями; { $late ->
    [0] ни одной записи
    [one] { $late } запись
    [few] { $late } записи
   *[many] { $late } записей
} позже 5 дней

## Months
doctor-months = По месяцам
doctor-col-month = Месяц
doctor-col-recorded = Дни с записями
doctor-col-headache = С головной болью
doctor-col-migraine = Похожие на мигрень
doctor-col-free = Без головной боли
doctor-col-acute = Приём пре­паратов
doctor-col-intensity = Ср. интенсив­ность
doctor-col-lost = Потеряно дней
doctor-col-overuse = Избыточ­ное при­менение
doctor-month-part = { $month } ({ $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
})

## Pictures
doctor-pictures = Календарь и интенсивность
doctor-picture-calendar = Дни с головной болью по самой сильной интенсивности; дни, похожие на мигрень по записанным признакам, обведены, дни с препаратами для купирования отмечены точкой.
doctor-picture-intensity = Интенсивность во времени (0–10).
doctor-picture-medication = Дни с препаратами для купирования по месяцам и пороги избыточного применения МКГБ-3.

## Medication
doctor-medication = Препараты для купирования по классам и месяцам
doctor-medication-none = Препараты для купирования за этот период не записаны.
doctor-col-class-threshold = { $class } (МКГБ-3: от { $threshold })
doctor-col-simple = Простые анальгетики + НПВП (от 15)
doctor-col-any = Учитываемые классы вместе (от 10)
doctor-overuse-none-long = Признаков избыточного применения препаратов (МКГБ-3 8.2) ни в одном месяце периода нет.

## Questionnaires
doctor-questionnaires = Опросники
doctor-questionnaires-none = К концу периода MIDAS и HIT-6 не заполнялись. Бот предлагает их в чате (MIDAS раз в 3 месяца, HIT-6 раз в 4 недели).
doctor-col-date = Дата
doctor-col-questionnaire = Опросник
doctor-col-score = Баллы
doctor-col-level = Степень
doctor-col-answers = Ответы
doctor-col-diary = Дневник за те же дни
doctor-diary-recall = головная боль { $headache }, потеряно { $lost }, снижено { $reduced }; записи за { $recorded } из { $days } дн.
doctor-questionnaires-note = Ответы MIDAS — дни, вспомненные за последние 3 месяца (пропуск работы или учёбы; работа вполсилы и меньше; без домашних дел; домашние дела вполсилы и меньше; пропуск семейных, общественных дел и отдыха); ответы HIT-6 — баллы шести вопросов за последние 4 недели. Рядом — что дневник записал за те же дни.
doctor-midas-grade-1 = I, минимальная или нет
doctor-midas-grade-2 = II, лёгкая
doctor-midas-grade-3 = III, умеренная
doctor-midas-grade-4 = IV, тяжёлая
doctor-hit6-band-little = влияние слабое или его нет
doctor-hit6-band-some = умеренное влияние
doctor-hit6-band-substantial = значительное влияние
doctor-hit6-band-severe = тяжёлое влияние

## Patterns
doctor-patterns = Закономерности и надёжность записей

## Attacks
doctor-attacks-list = Приступы
doctor-attacks-none = За этот период приступы не начинались.
doctor-col-started = Начало
doctor-col-duration = Длитель­ность
doctor-col-intensity-short = 0–10
doctor-col-features = Записанные признаки
doctor-col-doses = Препараты (время, эффект через 2 ч)
doctor-col-notes = Триггеры, влияние на день, комментарий
doctor-end-unknown = окончание неизвестно
doctor-open = продолжается
doctor-loose-doses = Препараты для купирования без записанного приступа

## Definitions
doctor-definitions = Определения
doctor-def-headache = День с головной болью: местный календарный день, в который начался приступ или который приступ занял не меньше 30 минут.
doctor-def-migraine = День, похожий на мигрень: день с головной болью, в который у приступа не меньше двух признаков из «односторонняя», «пульсирующая», «интенсивность 4 и выше», «усиливается при активности» и хотя бы один из «тошнота», «рвота», «свето- и звукобоязнь вместе»; или день начала приступа с аурой; или день приёма триптана, эрготамина, гепанта или дитана. Неизвестное считается отсутствующим.
doctor-def-acute = День с препаратом для купирования: день хотя бы с одним приёмом препарата этого класса; профилактические препараты не считаются.
doctor-def-overuse = Избыточное применение (МКГБ-3 8.2): в календарном месяце 10 и более дней с триптаном, эрготамином, опиоидом или комбинированным анальгетиком, или 15 и более дней с простыми анальгетиками и НПВП вместе, или 10 и более дней с этими классами вместе, если их не меньше двух. Гепанты и дитаны показаны, но порога для них в МКГБ-3 нет.
doctor-def-recorded = День с записью: день с приступом, отметкой «без головной боли» или заполненным вечерним опросом; дни без записей считаются отдельно и никогда не считаются днями без боли.
