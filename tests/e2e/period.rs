//! The period mark moved to an earlier day: "It was yesterday", or a typed day, within a
//! month back and never ahead.

use crate::db::Backend;
use crate::harness::{TestApp, e2e};
use chrono::NaiveDate;
use headlog::domain::lang::Lang;

e2e!(
    a_period_start_can_be_moved_to_yesterday,
    a_period_start_can_be_moved_to_a_typed_day_and_bad_days_are_refused,
);

/// A day of March 2026.
fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

async fn marked(app: &TestApp, user: i64, d: NaiveDate) -> bool {
    db!(app.store, day_record(user, d))
        .unwrap()
        .is_some_and(|r| r.menstruation == Some(true))
}

/// Tracking on, the period button tapped at 12:00 in Moscow on Tuesday 10 March.
async fn mark_today(app: &TestApp, lang: Lang, id: i64) -> (fakebot::TgUser, i64) {
    let user = app.user(id, lang);
    app.onboard(&user, chrono_tz::Europe::Moscow).await;
    db!(app.store, set_user_menstruation(id, true, 0)).unwrap();
    let reply = app.say(&user, &app.t(lang, "btn-period")).await;
    let (text, buttons) = match lang {
        Lang::En => (
            "🩸 Marked: your period started today, 10 Mar.",
            ["↩️ Undo", "It was yesterday", "📅 Another day…"],
        ),
        Lang::Ru => (
            "🩸 Отмечено: месячные начались сегодня, 10 мар.",
            ["↩️ Отменить", "Это было вчера", "📅 Другой день…"],
        ),
    };
    assert_eq!(reply.text(), Some(text));
    let labels: Vec<String> = reply.inline_buttons().into_iter().map(|b| b.0).collect();
    assert_eq!(labels, buttons);
    assert!(marked(app, id, day(10)).await);
    (user, reply.message_id.unwrap())
}

async fn a_period_start_can_be_moved_to_yesterday(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let (user, msg) = mark_today(&app, lang, 80).await;
    let yesterday = app.t(lang, "btn-period-yesterday");
    let (made, answer) = app.press_label(&user, msg, &yesterday).await;
    assert_eq!(answer, None);
    let (text, buttons) = match lang {
        Lang::En => (
            "🩸 Marked: your period started yesterday, 9 Mar.",
            ["↩️ Undo", "📅 Another day…"],
        ),
        Lang::Ru => (
            "🩸 Отмечено: месячные начались вчера, 9 мар.",
            ["↩️ Отменить", "📅 Другой день…"],
        ),
    };
    assert_eq!(made.len(), 1, "{made:?}");
    assert_eq!(
        (made[0].method.as_str(), made[0].target_message_id()),
        ("editmessagetext", Some(msg))
    );
    assert_eq!(made[0].text(), Some(text));
    let labels: Vec<String> = made[0].inline_buttons().into_iter().map(|b| b.0).collect();
    assert_eq!(labels, buttons);
    assert!(marked(&app, 80, day(9)).await);
    assert!(
        !marked(&app, 80, day(10)).await,
        "the mark moved, not copied"
    );

    // Its undo takes back yesterday's mark.
    let undo = app.t(lang, "btn-undo");
    let (made, _) = app.press_label(&user, msg, &undo).await;
    let undone = match lang {
        Lang::En => "Removed: the period start on 9 Mar.",
        Lang::Ru => "Отметка о начале месячных 9 мар снята.",
    };
    assert_eq!(made[0].text(), Some(undone));
    assert!(!marked(&app, 80, day(9)).await);
    app.stop().await;
}

async fn a_period_start_can_be_moved_to_a_typed_day_and_bad_days_are_refused(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let (user, msg) = mark_today(&app, lang, 81).await;
    let other = app.t(lang, "btn-period-other-day");
    let (made, answer) = app.press_label(&user, msg, &other).await;
    assert_eq!(answer, None);
    let ask = match lang {
        Lang::En => {
            "On which day did your period start? Type a date such as 08.03 or “yesterday” (up to 31 days back), or /cancel."
        }
        Lang::Ru => {
            "В какой день начались месячные? Напишите дату, например 08.03 или «вчера» (не раньше чем 31 день назад), или /cancel."
        }
    };
    assert_eq!(made[0].text(), Some(ask));

    let refusals = match lang {
        Lang::En => [
            (
                "12.03.2026",
                "That day hasn't come yet. Please type today or an earlier day.",
            ),
            (
                "01.02",
                "That's too long ago: a period start can be marked up to 31 days back.",
            ),
            ("31.02", "That date doesn't exist in the calendar."),
            (
                "soon",
                "I didn't understand that date. Examples: 08.03, 08.03.2026, 2026-03-08, yesterday.",
            ),
        ],
        Lang::Ru => [
            (
                "12.03.2026",
                "Этот день ещё не наступил. Напишите сегодняшнюю или более раннюю дату.",
            ),
            (
                "01.02",
                "Это слишком давно: начало месячных можно отметить не раньше чем за 31 день до сегодня.",
            ),
            ("31.02", "Такой даты нет в календаре."),
            (
                "скоро",
                "Не понял дату. Примеры: 08.03, 08.03.2026, 2026-03-08, вчера.",
            ),
        ],
    };
    for (typed, expected) in refusals {
        let reply = app.say(&user, typed).await;
        assert_eq!(reply.text(), Some(expected), "typed {typed:?}");
    }
    assert!(marked(&app, 81, day(10)).await, "refused days move nothing");

    // The bot still waits: a good day moves the mark, and the old message says so.
    let replies = app.say_n(&user, "07.03", 2).await;
    let (text, moved) = match lang {
        Lang::En => (
            "🩸 Marked: your period started on 7 Mar.",
            "🩸 The period start moved to 7 Mar.",
        ),
        Lang::Ru => (
            "🩸 Отмечено: месячные начались 7 мар.",
            "🩸 Начало месячных перенесено на 7 мар.",
        ),
    };
    assert_eq!(replies[0].text(), Some(text));
    assert_eq!(
        replies[0].inline_buttons(),
        vec![
            (app.t(lang, "btn-undo"), "M:pu:20260307".to_owned()),
            (
                app.t(lang, "btn-period-other-day"),
                "M:pa:20260307".to_owned()
            ),
        ]
    );
    assert_eq!(
        (replies[1].method.as_str(), replies[1].target_message_id()),
        ("editmessagetext", Some(msg))
    );
    assert_eq!(replies[1].text(), Some(moved));
    assert!(app.fake.message(81, msg).unwrap().reply_markup.is_none());
    assert!(marked(&app, 81, day(7)).await);
    assert!(!marked(&app, 81, day(10)).await);
    assert!(db!(app.store, dialogue(81)).unwrap().is_none());
    // A date typed now is no answer to anything.
    let after = app.say(&user, "08.03").await;
    assert_eq!(
        after.text(),
        Some(app.t(lang, "error-unknown-input").as_str())
    );
    app.stop().await;
}
