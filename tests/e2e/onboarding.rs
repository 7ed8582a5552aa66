//! /start, the time zone (buttons, typed, location), language, help, privacy, commands.

use crate::db::Backend;
use crate::harness::{TestApp, e2e};
use headlog::domain::lang::Lang;
use headlog::domain::zones::{common_zones, offset_label};

e2e!(
    start_greets_asks_the_zone_once_and_shows_the_menu,
    a_typed_zone_or_a_shared_location_sets_the_zone,
    the_language_follows_telegram_and_can_be_changed,
    help_and_privacy_answer_in_the_users_language,
    the_help_names_buttons_as_they_read,
);

fn menu(app: &TestApp, lang: Lang) -> Vec<String> {
    [
        "btn-headache-now",
        "btn-habits",
        "btn-history",
        "btn-report",
        "btn-export",
        "btn-help",
    ]
    .iter()
    .map(|k| app.t(lang, k))
    .collect()
}

async fn start_greets_asks_the_zone_once_and_shows_the_menu(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(10, lang);
    let calls = app.say_n(&user, "/start", 3).await;
    assert_eq!(
        calls[0].text(),
        Some(app.t(lang, "start-greeting").as_str())
    );
    assert_eq!(calls[1].text(), Some(app.t(lang, "tz-question").as_str()));
    let zone = common_zones(lang)[0];
    let buttons = calls[1].inline_buttons();
    assert_eq!(buttons.len(), common_zones(lang).len());
    assert_eq!(
        buttons[0],
        (
            format!("{} ({})", zone.name(), offset_label(zone, app.clock_now())),
            format!("z:{}", zone.name())
        )
    );
    assert_eq!(
        calls[2].text(),
        Some(app.t(lang, "tz-location-prompt").as_str())
    );
    assert_eq!(
        calls[2].reply_keyboard(),
        vec![app.t(lang, "btn-share-location"), app.t(lang, "btn-cancel")]
    );
    assert_eq!(
        calls[2].params["reply_markup"]["keyboard"][0][0]["request_location"],
        true
    );

    let question = calls[1].message_id.unwrap();
    let (made, answer) = app.press(&user, question, &buttons[0].1).await;
    assert_eq!(answer, None);
    let local = app
        .clock_now()
        .with_timezone(&zone)
        .format("%H:%M")
        .to_string();
    let expected = app.tr(
        lang,
        "tz-set",
        &[
            ("zone", zone.name().into()),
            ("offset", offset_label(zone, app.clock_now()).into()),
            ("time", local.into()),
        ],
    );
    assert_eq!(
        (made[0].method.as_str(), made[0].text()),
        ("editmessagetext", Some(expected.as_str()))
    );
    assert_eq!(made[1].text(), Some(app.t(lang, "menu-shown").as_str()));
    assert_eq!(made[1].reply_keyboard(), menu(&app, lang));
    assert_eq!(made[1].params["reply_markup"]["is_persistent"], true);
    assert_eq!(db!(app.store, user(10)).unwrap().unwrap().zone, Some(zone));

    let again = app.say(&user, "/start").await;
    assert_eq!(again.text(), Some(app.t(lang, "start-again").as_str()));
    assert_eq!(again.reply_keyboard(), menu(&app, lang));
    app.assert_quiet(10).await;
    app.stop().await;
}

async fn a_typed_zone_or_a_shared_location_sets_the_zone(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(11, lang);
    app.say_n(&user, "/timezone", 2).await;
    let unknown = app.say(&user, "Mars/Olympus_Mons").await;
    let expected = app.tr(lang, "tz-unknown", &[("input", "Mars/Olympus_Mons".into())]);
    assert_eq!(unknown.text(), Some(expected.as_str()));
    let long = "x".repeat(300);
    let echo = app.say(&user, &long).await;
    let expected = app.tr(
        lang,
        "tz-unknown",
        &[("input", format!("{}…", "x".repeat(40)).into())],
    );
    assert_eq!(
        echo.text(),
        Some(expected.as_str()),
        "a long input is not echoed whole"
    );

    // The confirmation, then the question retired (its buttons taken off).
    let replies = app.say_n(&user, "europe/berlin", 2).await;
    assert_eq!(replies[1].method, "editmessagereplymarkup");
    let set = &replies[0];
    assert!(set.text().unwrap().starts_with(&app.tr(
        lang,
        "tz-set",
        &[
            ("zone", "Europe/Berlin".into()),
            ("offset", "UTC+01:00".into()),
            ("time", "10:00".into())
        ]
    )));
    assert_eq!(set.reply_keyboard(), menu(&app, lang));
    assert_eq!(
        db!(app.store, user(11)).unwrap().unwrap().zone,
        Some(chrono_tz::Europe::Berlin)
    );

    // With no question pending, typed text is not taken as a zone.
    let other = app.say(&user, "Europe/Paris").await;
    assert_eq!(
        other.text(),
        Some(app.t(lang, "error-unknown-input").as_str())
    );

    let moved = app.share_location(&user, 55.7558, 37.6173).await;
    let expected = app.tr(
        lang,
        "tz-set",
        &[
            ("zone", "Europe/Moscow".into()),
            ("offset", "UTC+03:00".into()),
            ("time", "12:00".into()),
        ],
    );
    assert_eq!(moved.text(), Some(expected.as_str()));
    assert_eq!(
        db!(app.store, user(11)).unwrap().unwrap().zone,
        Some(chrono_tz::Europe::Moscow)
    );
    // The open sea has nautical zones; only impossible coordinates (a forged update) have none.
    let sea = app.share_location(&user, 0.0, -140.0).await;
    let sea_text = sea.text().unwrap_or_default();
    assert!(
        sea_text.contains("UTC-9") && !sea_text.contains("Etc/"),
        "{sea_text:?}"
    );
    let forged = app.share_location(&user, 95.0, 0.0).await;
    assert_eq!(
        forged.text(),
        Some(app.t(lang, "tz-location-unknown").as_str())
    );
    app.stop().await;
}

async fn the_language_follows_telegram_and_can_be_changed(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(12, lang);
    let other = if lang == Lang::En { Lang::Ru } else { Lang::En };
    let chooser = app.say(&user, "/language").await;
    assert_eq!(
        chooser.text(),
        Some(app.t(lang, "language-choose").as_str())
    );
    assert_eq!(
        chooser.inline_buttons(),
        vec![
            ("English".into(), "l:en".into()),
            ("Русский".into(), "l:ru".into())
        ]
    );
    let (made, _) = app
        .press(
            &user,
            chooser.message_id.unwrap(),
            &format!("l:{}", other.code()),
        )
        .await;
    assert_eq!(made[0].text(), Some(app.t(other, "language-set").as_str()));
    assert_eq!(
        made[1].reply_keyboard(),
        menu(&app, other),
        "the menu comes back in the new language"
    );
    let help = app.say(&user, "/help").await;
    assert_eq!(help.text(), Some(app.t(other, "help").as_str()));
    // Buttons of either language work, whatever the chosen one.
    let tap = app.say(&user, &app.t(lang, "btn-history")).await;
    assert_eq!(tap.text(), Some(app.t(other, "history-empty").as_str()));
    // A Telegram language headlog does not speak falls back to English.
    let german = fakebot::TgUser::new(13, Some("de"));
    let reply = app.say(&german, "/help").await;
    assert_eq!(reply.text(), Some(app.t(Lang::En, "help").as_str()));
    app.stop().await;
}

async fn help_and_privacy_answer_in_the_users_language(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(14, lang);
    assert_eq!(
        app.say(&user, "/help").await.text(),
        Some(app.t(lang, "help").as_str())
    );
    assert_eq!(
        app.say(&user, "/privacy").await.text(),
        Some(app.t(lang, "privacy").as_str())
    );
    assert_eq!(
        app.say(&user, &app.t(lang, "btn-help")).await.text(),
        Some(app.t(lang, "help").as_str())
    );
    assert_eq!(
        app.say(&user, "/cancel").await.text(),
        Some(app.t(lang, "nothing-to-cancel").as_str())
    );
    assert_eq!(
        app.say(&user, "/frobnicate").await.text(),
        Some(app.t(lang, "error-unknown-command").as_str())
    );
    assert_eq!(
        app.say(&user, "/help@headlog_bot extra").await.text(),
        Some(app.t(lang, "help").as_str())
    );

    // The command menu is registered in both languages.
    let commands = app.calls_after(0, 2, |c| c.method == "setmycommands").await;
    for l in Lang::ALL {
        let call = commands
            .iter()
            .find(|c| {
                c.param("language_code").and_then(|v| v.as_str())
                    == (l != Lang::En).then_some(l.code())
            })
            .expect("commands for each language");
        let list = call.params["commands"].as_array().unwrap();
        assert_eq!(list.len(), 18);
        assert_eq!(list[0]["command"], "start");
        assert_eq!(list[0]["description"], app.t(l, "cmd-start").as_str());
    }
    app.stop().await;
}

/// The help quotes buttons (“…” in English, «…» in Russian): each quoted name is the
/// label of a button the user is shown, emoji included.
async fn the_help_names_buttons_as_they_read(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(15, lang);
    app.onboard(&user, chrono_tz::Europe::Moscow).await;
    let settings = app.say(&user, "/settings").await;
    let on = app.t(lang, "settings-btn-period-on");
    app.press_label(&user, settings.message_id.unwrap(), &on)
        .await;
    let card = app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let help = app.say(&user, "/help").await;
    let text = help.text().unwrap().to_owned();
    let quote = |label: &str| match lang {
        Lang::En => format!("“{label}”"),
        Lang::Ru => format!("«{label}»"),
    };
    // The reply keyboard under the help itself (Help and Export aside: the help names
    // /export as a command).
    let mut shown: Vec<String> = help
        .reply_keyboard()
        .into_iter()
        .filter(|l| *l != app.t(lang, "btn-help") && *l != app.t(lang, "btn-export"))
        .collect();
    assert_eq!(shown.len(), 5, "{shown:?}");
    // The attack's card: ended now, ended at…, add details.
    shown.extend(card.inline_buttons().into_iter().take(3).map(|(l, _)| l));
    for label in &shown {
        assert!(
            text.contains(&quote(label)),
            "{label:?} not in the help: {text}"
        );
    }
    let literal = match lang {
        Lang::En => "“💊 Took medication” under an attack",
        Lang::Ru => "«💊 Принято лекарство» под приступом",
    };
    assert!(text.contains(literal), "{text}");
    app.stop().await;
}
