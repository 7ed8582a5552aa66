//! Typed zones as users write them: Russian city names, МСК±N, abbreviations, and offsets
//! shown back as typed (never as the inverted `Etc/GMT-3`).

use crate::db::Backend;
use crate::harness::{TestApp, e2e};
use chrono_tz::Tz;
use fakebot::TgUser;
use headlog::domain::lang::Lang;

e2e!(
    russian_city_names_and_moscow_offsets_set_the_zone,
    a_typed_offset_is_shown_back_as_typed,
    a_set_zone_retires_its_question_and_the_location_keyboard,
);

/// Asks for the zone, types `typed`, and checks the confirmation and the stored zone.
/// At the test start (09:00 UTC) the local time is `time`.
async fn types_zone(
    app: &TestApp,
    user: &TgUser,
    lang: Lang,
    typed: &str,
    (zone, shown, offset, time): (Tz, &str, &str, &str),
) {
    let question = app.say_n(user, "/timezone", 2).await[0].message_id;
    // The confirmation with the menu, said once; the question loses its buttons.
    let replies = app.say_n(user, typed, 2).await;
    let reply = &replies[0];
    assert_eq!(
        (replies[1].method.as_str(), replies[1].target_message_id()),
        ("editmessagereplymarkup", question)
    );
    let expected = app.tr(
        lang,
        "tz-set",
        &[
            ("zone", shown.into()),
            ("offset", offset.into()),
            ("time", time.into()),
        ],
    );
    assert_eq!(reply.text(), Some(expected.as_str()), "typed {typed:?}");
    assert!(
        !reply.reply_keyboard().is_empty(),
        "the menu comes back after {typed:?}"
    );
    assert_eq!(
        db!(app.store, user(user.id)).unwrap().unwrap().zone,
        Some(zone),
        "typed {typed:?}"
    );
}

async fn russian_city_names_and_moscow_offsets_set_the_zone(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(40, lang);
    use chrono_tz::{Asia, Europe};
    let moscow = (Europe::Moscow, "Europe/Moscow", "UTC+03:00", "12:00");
    types_zone(&app, &user, lang, "Москва", moscow).await;
    let yekaterinburg = (
        Asia::Yekaterinburg,
        "Asia/Yekaterinburg",
        "UTC+05:00",
        "14:00",
    );
    types_zone(&app, &user, lang, "Екатеринбург", yekaterinburg).await;
    types_zone(&app, &user, lang, "МСК", moscow).await;
    let krasnoyarsk = (Asia::Krasnoyarsk, "Asia/Krasnoyarsk", "UTC+07:00", "16:00");
    types_zone(&app, &user, lang, "МСК+4", krasnoyarsk).await;
    types_zone(&app, &user, lang, "санкт петербург", moscow).await;
    types_zone(&app, &user, lang, "МСК+2", yekaterinburg).await;

    // A name the table does not know is still refused, echoed as typed.
    app.say_n(&user, "/timezone", 2).await;
    let unknown = app.say(&user, "Мордор").await;
    let expected = app.tr(lang, "tz-unknown", &[("input", "Мордор".into())]);
    assert_eq!(unknown.text(), Some(expected.as_str()));
    assert_eq!(
        db!(app.store, user(40)).unwrap().unwrap().zone,
        Some(Asia::Yekaterinburg)
    );
    app.stop().await;
}

async fn a_typed_offset_is_shown_back_as_typed(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(41, lang);
    let plus3 = (chrono_tz::Etc::GMTMinus3, "UTC+3", "UTC+03:00", "12:00");
    types_zone(&app, &user, lang, "UTC+3", plus3).await;

    // Asked again, and in /settings, the zone is still the offset the user gave.
    let asked = app.say_n(&user, "/timezone", 2).await;
    let current = app.tr(
        lang,
        "tz-current",
        &[("zone", "UTC+3".into()), ("offset", "UTC+03:00".into())],
    );
    let expected = format!("{current}\n\n{}", app.t(lang, "tz-question"));
    assert_eq!(asked[0].text(), Some(expected.as_str()));
    app.say(&user, "/cancel").await;
    let settings = app.say(&user, "/settings").await;
    let shown = app.tr(
        lang,
        "settings-zone-value",
        &[("zone", "UTC+3".into()), ("offset", "UTC+03:00".into())],
    );
    let text = settings.text().unwrap_or_default();
    assert!(text.contains(&shown) && !text.contains("Etc/"), "{text:?}");

    let new_york = (
        chrono_tz::America::New_York,
        "America/New_York",
        "UTC-04:00",
        "05:00",
    );
    types_zone(&app, &user, lang, "new york", new_york).await;
    let utc_minus5 = (chrono_tz::Etc::GMTPlus5, "UTC-5", "UTC-05:00", "04:00");
    types_zone(&app, &user, lang, "UTC-5", utc_minus5).await;
    types_zone(&app, &user, lang, "EST", new_york).await;
    // `GMT+0` is an IANA name of its own; it is shown as UTC too.
    let gmt0 = (Tz::GMTPlus0, "UTC", "UTC+00:00", "09:00");
    types_zone(&app, &user, lang, "GMT+0", gmt0).await;
    app.stop().await;
}

/// Once the zone is set (a button, a typed name, a shared location), the question's zone
/// buttons are retired, the question reads the confirmation, and the share-location
/// keyboard gives way to the main menu.
async fn a_set_zone_retires_its_question_and_the_location_keyboard(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let chat = 42;
    let user = app.user(chat, lang);
    let menu: Vec<String> = crate::harness::main_menu(lang);
    let location: Vec<String> = match lang {
        Lang::En => vec!["📍 Share location", "✖️ Cancel"],
        Lang::Ru => vec!["📍 Отправить геопозицию", "✖️ Отмена"],
    }
    .into_iter()
    .map(str::to_owned)
    .collect();
    let berlin = match lang {
        Lang::En => "Time zone: Europe/Berlin (UTC+01:00). Your local time now: 10:00.",
        Lang::Ru => "Часовой пояс: Europe/Berlin (UTC+01:00). Ваше местное время сейчас: 10:00.",
    };
    assert_eq!(
        app.tr(
            lang,
            "tz-set",
            &[
                ("zone", "Europe/Berlin".into()),
                ("offset", "UTC+01:00".into()),
                ("time", "10:00".into()),
            ],
        ),
        berlin
    );

    // Onboarding, then a zone button.
    let asked = app.say_n(&user, "/start", 3).await;
    let question = asked[1].message_id.unwrap();
    assert_eq!(app.live_buttons(chat, "z:"), vec![question]);
    assert_eq!(app.current_reply_keyboard(chat), location);
    let (made, answer) = app
        .press_label(&user, question, "Europe/Berlin (UTC+01:00)")
        .await;
    assert_eq!(answer, None);
    assert_eq!(made.len(), 2, "{made:?}");
    assert_eq!(made[0].method, "editmessagetext");
    assert_eq!(made[0].text(), Some(berlin));
    assert!(made[0].inline_buttons().is_empty());
    assert_eq!(made[1].reply_keyboard(), menu);
    assert_eq!(
        app.fake.message(chat, question).unwrap().text.as_deref(),
        Some(berlin)
    );
    assert!(app.live_buttons(chat, "z:").is_empty());
    assert_eq!(app.current_reply_keyboard(chat), menu);

    // Asked twice, then typed: both questions lose their buttons.
    let first = app.say_n(&user, "/timezone", 2).await[0]
        .message_id
        .unwrap();
    // The earlier question loses its buttons first, then the new one is asked.
    let again = app.say_n(&user, "/timezone", 3).await;
    assert_eq!(
        (again[0].method.as_str(), again[0].target_message_id()),
        ("editmessagereplymarkup", Some(first))
    );
    let second = again[1].message_id.unwrap();
    assert_eq!(
        app.live_buttons(chat, "z:"),
        vec![second],
        "only the newest answers"
    );
    assert_eq!(app.current_reply_keyboard(chat), location);
    let replies = app.say_n(&user, "Berlin", 2).await;
    assert_eq!(replies[0].text(), Some(berlin));
    assert_eq!(replies[0].reply_keyboard(), menu);
    assert_eq!(
        (replies[1].method.as_str(), replies[1].target_message_id()),
        ("editmessagereplymarkup", Some(second))
    );
    assert!(app.live_buttons(chat, "z:").is_empty());
    assert_eq!(app.current_reply_keyboard(chat), menu);

    // A shared location does the same.
    let third = app.say_n(&user, "/timezone", 2).await[0]
        .message_id
        .unwrap();
    app.share_location(&user, 52.52, 13.40).await;
    app.calls_after(0, 1, |c| {
        c.method == "editmessagereplymarkup" && c.target_message_id() == Some(third)
    })
    .await;
    assert!(app.live_buttons(chat, "z:").is_empty());
    assert_eq!(app.current_reply_keyboard(chat), menu);
    app.stop().await;
}
