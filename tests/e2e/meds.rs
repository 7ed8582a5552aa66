//! /settings, the medication list, doses (/took and from an attack), the effect after two
//! hours, the period mark, and buttons that must change nothing.

use crate::db::Backend;
use crate::harness::{TestApp, e2e, t0};
use chrono::{Duration, NaiveDate, NaiveTime};
use chrono_tz::Tz;
use headlog::domain::lang::Lang;
use headlog::domain::medication::{Effect, MedClass, Medication, NewIntake};
use headlog::domain::zones::offset_label;
use headlog::i18n::Arg;

e2e!(
    settings_shows_current_values_and_period_tracking_changes_the_menu,
    the_period_button_marks_today_once_with_undo,
    the_check_in_time_takes_presets_and_typed_times_and_explains_bad_ones,
    a_medication_is_added_edited_and_removed_and_bad_input_is_explained,
    a_long_list_is_paginated,
    took_records_a_dose_with_the_usual_dose_or_a_typed_one_and_exports_it,
    a_dose_for_an_attack_asks_its_effect_after_two_hours_and_exports_it,
    an_effect_answered_in_the_details_editor_keeps_the_editor,
    forged_and_foreign_buttons_change_nothing,
    a_repeated_handling_does_not_double_a_dose,
);

fn s(v: &str) -> Arg {
    Arg::Str(v.to_owned())
}

/// `(label, data)` pairs of buttons: labels by key, data as `M:<payload>`.
fn keyed(app: &TestApp, lang: Lang, buttons: &[(&str, &str)]) -> Vec<(String, String)> {
    buttons
        .iter()
        .map(|(key, payload)| (app.t(lang, key), format!("M:{payload}")))
        .collect()
}

fn menu(app: &TestApp, lang: Lang, period: bool) -> Vec<String> {
    let mut keys = vec!["btn-headache-now", "btn-habits"];
    if period {
        keys.push("btn-period");
    }
    keys.extend(["btn-history", "btn-report", "btn-export", "btn-help"]);
    keys.iter().map(|k| app.t(lang, k)).collect()
}

struct Shown<'a> {
    zone: Tz,
    meds: i64,
    period: bool,
    checkin: Option<&'a str>,
}

fn settings_text(app: &TestApp, lang: Lang, v: Shown<'_>) -> String {
    let zone = app.tr(
        lang,
        "settings-zone-value",
        &[
            ("zone", s(v.zone.name())),
            ("offset", s(&offset_label(v.zone, app.clock_now()))),
        ],
    );
    let on_off = |on: bool| app.t(lang, if on { "settings-on" } else { "settings-off" });
    app.tr(
        lang,
        "settings-screen",
        &[
            ("language", s(lang.native_name())),
            ("zone", zone.into()),
            (
                "meds",
                app.tr(lang, "settings-meds-count", &[("count", v.meds.into())])
                    .into(),
            ),
            ("period", on_off(v.period).into()),
            (
                "checkin",
                v.checkin.map(str::to_owned).unwrap_or(on_off(false)).into(),
            ),
        ],
    )
}

fn settings_buttons(app: &TestApp, lang: Lang, period: bool) -> Vec<(String, String)> {
    let toggle = if period {
        ("settings-btn-period-off", "sp:0")
    } else {
        ("settings-btn-period-on", "sp:1")
    };
    let mut buttons = keyed(
        app,
        lang,
        &[
            ("settings-btn-language", "sl"),
            ("settings-btn-zone", "sz"),
            ("settings-btn-meds", "l:0"),
        ],
    );
    buttons.push((app.t(lang, "btn-report-links"), "P:k".to_owned()));
    buttons.extend(keyed(app, lang, &[toggle, ("settings-btn-checkin", "sc")]));
    buttons.push((app.t(lang, "settings-btn-reminders"), "N:s".to_owned()));
    buttons.push((app.t(lang, "settings-btn-habit-day"), "H:B".to_owned()));
    buttons
}

async fn add_med(
    app: &TestApp,
    user: i64,
    name: &str,
    class: MedClass,
    dose: Option<&str>,
) -> Medication {
    db!(
        app.store,
        insert_medication(user, name, class, dose, t0().timestamp())
    )
    .unwrap()
}

fn today(app: &TestApp, lang: Lang, time: &str) -> String {
    app.tr(lang, "time-today", &[("time", s(time))])
}

async fn settings_shows_current_values_and_period_tracking_changes_the_menu(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(70, lang);
    let berlin = chrono_tz::Europe::Berlin;
    app.onboard(&user, berlin).await;
    let shown = |meds: i64, period: bool, checkin: Option<&'static str>| Shown {
        zone: berlin,
        meds,
        period,
        checkin,
    };
    let reply = app.say(&user, "/settings").await;
    assert_eq!(
        reply.text(),
        Some(settings_text(&app, lang, shown(0, false, None)).as_str())
    );
    assert_eq!(reply.inline_buttons(), settings_buttons(&app, lang, false));
    let msg = reply.message_id.unwrap();

    let (made, answer) = app.press(&user, msg, "M:sp:1").await;
    assert_eq!(answer, None);
    assert_eq!(made.len(), 2);
    assert_eq!(made[0].method, "editmessagetext");
    assert_eq!(made[0].target_message_id(), Some(msg));
    assert_eq!(
        made[0].text(),
        Some(settings_text(&app, lang, shown(0, true, None)).as_str())
    );
    assert_eq!(made[0].inline_buttons(), settings_buttons(&app, lang, true));
    let note = app.tr(
        lang,
        "settings-period-turned-on",
        &[("button", app.t(lang, "btn-period").into())],
    );
    assert_eq!(made[1].text(), Some(note.as_str()));
    assert_eq!(made[1].reply_keyboard(), menu(&app, lang, true));
    assert!(
        db!(app.store, user(70))
            .unwrap()
            .unwrap()
            .track_menstruation
    );

    // A double tap changes nothing and sends no second menu.
    let (made, answer) = app.press(&user, msg, "M:sp:1").await;
    assert_eq!(answer, Some(app.t(lang, "done")));
    assert_eq!(made.len(), 1);

    let (made, _) = app.press(&user, msg, "M:sp:0").await;
    assert_eq!(
        made[1].text(),
        Some(app.t(lang, "settings-period-turned-off").as_str())
    );
    assert_eq!(made[1].reply_keyboard(), menu(&app, lang, false));
    assert!(
        !db!(app.store, user(70))
            .unwrap()
            .unwrap()
            .track_menstruation
    );

    // Language and zone open their own questions.
    let (made, _) = app.press(&user, msg, "M:sl").await;
    assert_eq!(
        made[0].text(),
        Some(app.t(lang, "language-choose").as_str())
    );
    let (made, _) = app.press(&user, msg, "M:sz").await;
    assert!(
        made[0]
            .text()
            .unwrap()
            .ends_with(&app.t(lang, "tz-question"))
    );

    // The screen shows what is stored now.
    add_med(&app, 70, "Ibuprofen", MedClass::Nsaid, Some("400 mg")).await;
    let at = NaiveTime::from_hms_opt(21, 0, 0);
    db!(app.store, set_user_checkin_time(70, at, 0)).unwrap();
    let (made, _) = app.press(&user, msg, "M:s").await;
    assert_eq!(
        made[0].text(),
        Some(settings_text(&app, lang, shown(1, false, Some("21:00"))).as_str())
    );
    app.stop().await;
}

async fn the_period_button_marks_today_once_with_undo(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(71, lang);
    app.onboard(&user, chrono_tz::Europe::Moscow).await;
    // Tracking is off: a period button from an old keyboard says where to turn it on.
    let reply = app.say(&user, &app.t(lang, "btn-period")).await;
    assert_eq!(reply.text(), Some(app.t(lang, "period-mark-off").as_str()));
    assert_eq!(reply.reply_keyboard(), menu(&app, lang, false));

    db!(app.store, set_user_menstruation(71, true, 0)).unwrap();
    let date = |d: &str| {
        app.tr(
            lang,
            "period-date",
            &[("day", s(d)), ("month", app.t(lang, "month-3").into())],
        )
    };
    let reply = app.say(&user, &app.t(lang, "btn-period")).await;
    let done = app.tr(lang, "period-mark-done", &[("date", date("10").into())]);
    assert_eq!(reply.text(), Some(done.as_str()));
    assert_eq!(
        reply.inline_buttons(),
        keyed(
            &app,
            lang,
            &[
                ("btn-undo", "pu:20260310"),
                ("btn-period-yesterday", "pm:20260310:20260309"),
                ("btn-period-other-day", "pa:20260310"),
            ]
        )
    );
    let day = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    let record = db!(app.store, day_record(71, day)).unwrap().unwrap();
    assert_eq!(record.menstruation, Some(true));

    let again = app.say(&user, &app.t(lang, "btn-period")).await;
    let already = app.tr(lang, "period-mark-already", &[("date", date("10").into())]);
    assert_eq!(again.text(), Some(already.as_str()));
    assert!(again.inline_buttons().is_empty());

    let msg = reply.message_id.unwrap();
    let (made, answer) = app.press(&user, msg, "M:pu:20260310").await;
    assert_eq!(answer, None);
    let undone = app.tr(lang, "period-mark-undone", &[("date", date("10").into())]);
    assert_eq!(made[0].text(), Some(undone.as_str()));
    let record = db!(app.store, day_record(71, day)).unwrap().unwrap();
    assert_eq!(record.menstruation, None);
    let (_, answer) = app.press(&user, msg, "M:pu:20260310").await;
    let not = app.tr(
        lang,
        "period-mark-not-marked",
        &[("date", date("10").into())],
    );
    assert_eq!(answer, Some(not));

    // 22:00 UTC is already the 11th in Moscow.
    app.clock.advance(Duration::hours(13));
    let reply = app.say(&user, &app.t(lang, "btn-period")).await;
    let done = app.tr(lang, "period-mark-done", &[("date", date("11").into())]);
    assert_eq!(reply.text(), Some(done.as_str()));
    app.stop().await;
}

async fn the_check_in_time_takes_presets_and_typed_times_and_explains_bad_ones(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(72, lang);
    let berlin = chrono_tz::Europe::Berlin;
    app.onboard(&user, berlin).await;
    let msg = app.say(&user, "/settings").await.message_id.unwrap();
    let (made, _) = app.press(&user, msg, "M:sc").await;
    let question = |current: String| {
        app.tr(
            lang,
            "settings-checkin-question",
            &[("current", current.into())],
        )
    };
    assert_eq!(
        made[0].text(),
        Some(question(app.t(lang, "settings-off")).as_str())
    );
    let mut expected: Vec<(String, String)> = ["19", "20", "21", "22"]
        .iter()
        .map(|h| (format!("{h}:00"), format!("M:sc:{h}00")))
        .collect();
    expected.extend(keyed(
        &app,
        lang,
        &[
            ("settings-btn-checkin-type", "st"),
            ("settings-btn-checkin-off", "sc:off"),
            ("btn-back", "s"),
        ],
    ));
    assert_eq!(made[0].inline_buttons(), expected);

    let stored = async || db!(app.store, user(72)).unwrap().unwrap().checkin_time;
    let (made, answer) = app.press(&user, msg, "M:sc:2000").await;
    assert_eq!(
        answer,
        Some(app.tr(lang, "settings-checkin-set", &[("time", s("20:00"))]))
    );
    let shown = Shown {
        zone: berlin,
        meds: 0,
        period: false,
        checkin: Some("20:00"),
    };
    assert_eq!(
        made[0].text(),
        Some(settings_text(&app, lang, shown).as_str())
    );
    assert_eq!(stored().await, NaiveTime::from_hms_opt(20, 0, 0));
    let (made, _) = app.press(&user, msg, "M:sc").await;
    assert_eq!(made[0].text(), Some(question("20:00".into()).as_str()));

    let (made, _) = app.press(&user, msg, "M:st").await;
    assert_eq!(
        made[0].text(),
        Some(app.t(lang, "settings-checkin-ask").as_str())
    );
    let long = "9".repeat(300);
    let cut = format!("{}…", "9".repeat(19));
    for (typed, key, echo) in [
        ("25:00", "settings-checkin-error-range", "25:00"),
        ("21:75", "settings-checkin-error-range", "21:75"),
        ("abc", "settings-checkin-error", "abc"),
        ("21:3", "settings-checkin-error", "21:3"),
        (long.as_str(), "settings-checkin-error", cut.as_str()),
    ] {
        let reply = app.say(&user, typed).await;
        let expected = app.tr(lang, key, &[("input", s(echo))]);
        assert_eq!(reply.text(), Some(expected.as_str()), "{typed:?}");
        assert_eq!(stored().await, NaiveTime::from_hms_opt(20, 0, 0));
    }
    let reply = app.say(&user, "21:30").await;
    let set = app.tr(lang, "settings-checkin-set", &[("time", s("21:30"))]);
    assert_eq!(reply.text(), Some(set.as_str()));
    assert_eq!(stored().await, NaiveTime::from_hms_opt(21, 30, 0));
    // The question is over.
    let after = app.say(&user, "22:00").await;
    assert_eq!(
        after.text(),
        Some(app.t(lang, "error-unknown-input").as_str())
    );

    let (_, answer) = app.press(&user, msg, "M:sc:off").await;
    assert_eq!(answer, Some(app.t(lang, "settings-checkin-turned-off")));
    assert_eq!(stored().await, None);
    app.stop().await;
}

fn med_view(app: &TestApp, lang: Lang, name: &str, class: MedClass, dose: Option<&str>) -> String {
    let dose = dose
        .map(str::to_owned)
        .unwrap_or_else(|| app.t(lang, "med-dose-unset"));
    app.tr(
        lang,
        "med-view",
        &[
            ("name", s(name)),
            (
                "class",
                app.t(lang, &format!("medclass-{}", class.key())).into(),
            ),
            ("dose", dose.into()),
        ],
    )
}

fn med_view_buttons(app: &TestApp, lang: Lang, id: i64, page: i64) -> Vec<(String, String)> {
    keyed(
        app,
        lang,
        &[
            ("med-btn-name", &format!("en:{id}")),
            ("med-btn-class", &format!("ec:{id}")),
            ("med-btn-dose", &format!("ed:{id}")),
            ("med-btn-delete", &format!("x:{id}")),
            ("btn-back", &format!("l:{page}")),
        ],
    )
}

fn class_buttons(app: &TestApp, lang: Lang, prefix: &str) -> Vec<(String, String)> {
    MedClass::ALL
        .iter()
        .map(|c| {
            (
                app.t(lang, &format!("medclass-{}", c.key())),
                format!("M:{prefix}{}", c.key()),
            )
        })
        .collect()
}

async fn a_medication_is_added_edited_and_removed_and_bad_input_is_explained(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(73, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    let msg = app.say(&user, "/settings").await.message_id.unwrap();
    let (made, _) = app.press(&user, msg, "M:l:0").await;
    assert_eq!(made[0].text(), Some(app.t(lang, "med-list-empty").as_str()));
    assert_eq!(
        made[0].inline_buttons(),
        keyed(&app, lang, &[("med-btn-add", "a"), ("btn-back", "s")])
    );
    let (made, _) = app.press(&user, msg, "M:a").await;
    assert_eq!(made[0].text(), Some(app.t(lang, "med-ask-name").as_str()));

    let too_long = |n: i64, max: i64, key: &str| {
        app.tr(lang, key, &[("length", n.into()), ("max", max.into())])
    };
    let huge = "x".repeat(5000);
    let over = "я".repeat(101);
    for (typed, expected) in [
        ("   ", app.t(lang, "med-error-name-empty")),
        (over.as_str(), too_long(101, 100, "med-error-name-too-long")),
        (
            huge.as_str(),
            app.tr(
                lang,
                "error-too-long",
                &[("length", 5000i64.into()), ("max", 4096i64.into())],
            ),
        ),
    ] {
        let reply = app.say(&user, typed).await;
        assert_eq!(reply.text(), Some(expected.as_str()));
    }
    assert!(db!(app.store, medications(73)).unwrap().is_empty());

    let name = "Ibuprofen 💊 \"forte\"'); drop table medication; --";
    let reply = app.say(&user, &format!("  {name} ")).await;
    let ask_class = app.tr(lang, "med-ask-class", &[("name", s(name))]);
    assert_eq!(reply.text(), Some(ask_class.as_str()));
    assert_eq!(reply.inline_buttons(), class_buttons(&app, lang, "nc:"));
    let hint = app.say(&user, "NSAID").await;
    let tap = app.tr(lang, "med-tap-class", &[("name", s(name))]);
    assert_eq!(hint.text(), Some(tap.as_str()));

    let class_msg = reply.message_id.unwrap();
    let (made, _) = app.press(&user, class_msg, "M:nc:nsaid").await;
    let args = [
        ("name", s(name)),
        ("class", app.t(lang, "medclass-nsaid").into()),
    ];
    assert_eq!(
        made[0].text(),
        Some(app.tr(lang, "med-ask-new-dose", &args).as_str())
    );
    assert_eq!(
        made[0].inline_buttons(),
        keyed(&app, lang, &[("med-btn-skip", "ns")])
    );
    // The list it was added from no longer says it is empty.
    assert_eq!(made[1].target_message_id(), Some(msg));
    let list = app.fake.message(73, msg).unwrap().text.unwrap();
    assert!(
        list.starts_with(&app.tr(lang, "med-list-title", &[("count", 1i64.into())])),
        "{list}"
    );
    let meds = db!(app.store, medications(73)).unwrap();
    assert_eq!(meds.len(), 1);
    assert_eq!(
        (meds[0].name.as_str(), meds[0].class),
        (name, MedClass::Nsaid)
    );
    let id = meds[0].id;
    // A second press of the class (a double tap) adds nothing.
    let (_, answer) = app.press(&user, class_msg, "M:nc:nsaid").await;
    assert_eq!(answer, Some(app.t(lang, "error-stale-button")));

    let fifty_one = "1".repeat(51);
    for (typed, expected) in [
        ("-5", app.t(lang, "med-error-dose-negative")),
        ("−5 mg", app.t(lang, "med-error-dose-negative")),
        (
            fifty_one.as_str(),
            too_long(51, 50, "med-error-dose-too-long"),
        ),
    ] {
        let reply = app.say(&user, typed).await;
        assert_eq!(reply.text(), Some(expected.as_str()), "{typed:?}");
    }
    assert_eq!(
        db!(app.store, medication(73, id))
            .unwrap()
            .unwrap()
            .default_dose,
        None
    );
    let view = app.say(&user, "400 mg").await;
    assert_eq!(
        view.text(),
        Some(med_view(&app, lang, name, MedClass::Nsaid, Some("400 mg")).as_str())
    );
    assert_eq!(view.inline_buttons(), med_view_buttons(&app, lang, id, 0));

    // The same name again (in another case) is not a second medication.
    app.press(&user, msg, "M:a").await;
    let calls = app.say_n(&user, &name.to_uppercase(), 2).await;
    let exists = app.tr(lang, "med-exists", &[("name", s(name))]);
    assert_eq!(calls[0].text(), Some(exists.as_str()));
    assert_eq!(db!(app.store, medications(73)).unwrap().len(), 1);

    // Rename.
    let view = view.message_id.unwrap();
    let (made, _) = app.press(&user, view, &format!("M:en:{id}")).await;
    let ask = app.tr(lang, "med-ask-rename", &[("name", s(name))]);
    assert_eq!(made[0].text(), Some(ask.as_str()));
    let reply = app.say(&user, &over).await;
    assert_eq!(
        reply.text(),
        Some(too_long(101, 100, "med-error-name-too-long").as_str())
    );
    let reply = app.say(&user, "Nurofen").await;
    assert_eq!(
        reply.text(),
        Some(med_view(&app, lang, "Nurofen", MedClass::Nsaid, Some("400 mg")).as_str())
    );

    // Class, in place.
    let (made, _) = app.press(&user, view, &format!("M:ec:{id}")).await;
    let ask = app.tr(lang, "med-ask-class", &[("name", s("Nurofen"))]);
    assert_eq!(made[0].text(), Some(ask.as_str()));
    let mut expected = class_buttons(&app, lang, &format!("c:{id}:"));
    expected.push((app.t(lang, "btn-back"), format!("M:o:{id}:0")));
    assert_eq!(made[0].inline_buttons(), expected);
    let (made, _) = app.press(&user, view, &format!("M:c:{id}:triptan")).await;
    assert_eq!(
        made[0].text(),
        Some(med_view(&app, lang, "Nurofen", MedClass::Triptan, Some("400 mg")).as_str())
    );

    // Usual dose: a bad one keeps the old; "no usual dose" clears it.
    let (made, _) = app.press(&user, view, &format!("M:ed:{id}")).await;
    let ask = app.tr(lang, "med-ask-dose", &[("name", s("Nurofen"))]);
    assert_eq!(made[0].text(), Some(ask.as_str()));
    let dose_msg = made[0].message_id.unwrap();
    assert_eq!(
        made[0].inline_buttons(),
        keyed(&app, lang, &[("med-btn-no-dose", &format!("dn:{id}"))])
    );
    let reply = app.say(&user, "-1 mg").await;
    assert_eq!(
        reply.text(),
        Some(app.t(lang, "med-error-dose-negative").as_str())
    );
    let (made, _) = app.press(&user, dose_msg, &format!("M:dn:{id}")).await;
    assert_eq!(
        made[0].text(),
        Some(med_view(&app, lang, "Nurofen", MedClass::Triptan, None).as_str())
    );
    let stored = db!(app.store, medication(73, id)).unwrap().unwrap();
    assert_eq!(
        (stored.class, stored.default_dose),
        (MedClass::Triptan, None)
    );

    // Removing it keeps the doses recorded with its name.
    let dose = NewIntake {
        medication_id: id,
        attack_id: None,
        taken_at: t0() - Duration::hours(1),
        zone: chrono_tz::Europe::Berlin,
        dose: Some("200 mg".into()),
    };
    db!(app.store, insert_intake(73, &dose, None, 0)).unwrap();
    let (made, _) = app.press(&user, view, &format!("M:x:{id}")).await;
    let removed = app.tr(lang, "med-deleted", &[("name", s("Nurofen"))]);
    assert_eq!(made[0].text(), Some(removed.as_str()));
    assert_eq!(
        made[0].inline_buttons(),
        keyed(&app, lang, &[("btn-back", "l:0")])
    );
    assert!(db!(app.store, medications(73)).unwrap().is_empty());
    let doses = db!(app.store, intakes_between(73, 0, i64::MAX)).unwrap();
    assert_eq!(doses[0].name, "Nurofen");
    let (_, answer) = app.press(&user, view, &format!("M:x:{id}")).await;
    assert_eq!(answer, Some(app.t(lang, "med-gone")));
    app.stop().await;
}

async fn a_long_list_is_paginated(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(74, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    let mut meds = Vec::new();
    for i in 1..=10 {
        meds.push(add_med(&app, 74, &format!("Med {i:02}"), MedClass::Other, None).await);
    }
    let msg = app.say(&user, "/settings").await.message_id.unwrap();
    let (made, _) = app.press(&user, msg, "M:l:0").await;
    let other = app.t(lang, "medclass-other");
    let line = |m: &Medication, n: i64| {
        app.tr(
            lang,
            "med-list-line",
            &[("n", n.into()), ("name", s(&m.name)), ("class", s(&other))],
        )
    };
    let page_text = |range: std::ops::Range<usize>, page: i64| {
        let mut text = app.tr(lang, "med-list-title", &[("count", 10i64.into())]);
        for i in range {
            text.push('\n');
            text.push_str(&line(&meds[i], i as i64 + 1));
        }
        text.push_str("\n\n");
        text.push_str(&app.tr(
            lang,
            "med-list-page",
            &[("page", page.into()), ("pages", 2i64.into())],
        ));
        text
    };
    assert_eq!(made[0].text(), Some(page_text(0..8, 1).as_str()));
    let mut expected: Vec<(String, String)> = meds[..8]
        .iter()
        .map(|m| (m.name.clone(), format!("M:o:{}:0", m.id)))
        .collect();
    expected.extend(keyed(
        &app,
        lang,
        &[
            ("med-btn-next", "l:1"),
            ("med-btn-add", "a"),
            ("btn-back", "s"),
        ],
    ));
    assert_eq!(made[0].inline_buttons(), expected);

    let (made, _) = app.press(&user, msg, "M:l:1").await;
    assert_eq!(made[0].text(), Some(page_text(8..10, 2).as_str()));
    assert_eq!(
        made[0].inline_buttons()[2],
        (app.t(lang, "med-btn-prev"), "M:l:0".into())
    );
    // A medication opened from page 2 goes back to page 2.
    let (made, _) = app
        .press(&user, msg, &format!("M:o:{}:1", meds[9].id))
        .await;
    assert_eq!(
        made[0].inline_buttons(),
        med_view_buttons(&app, lang, meds[9].id, 1)
    );

    // The choice of /took is paginated the same way.
    let took = app.say(&user, "/took").await;
    let buttons = took.inline_buttons();
    assert_eq!(buttons.len(), 8 + 2);
    assert_eq!(buttons[8], (app.t(lang, "med-btn-next"), "M:tp:1".into()));
    let (made, _) = app.press(&user, took.message_id.unwrap(), "M:tp:1").await;
    assert_eq!(
        made[0].inline_buttons()[0],
        ("Med 09".into(), format!("M:tm:{}", meds[8].id))
    );
    app.stop().await;
}

async fn took_records_a_dose_with_the_usual_dose_or_a_typed_one_and_exports_it(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(75, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await; // t0 is 10:00 there
    let reply = app.say(&user, "/took").await;
    assert_eq!(
        reply.text(),
        Some(app.t(lang, "took-ask-med-empty").as_str())
    );
    assert!(reply.inline_buttons().is_empty());
    // A medication not on the list is added on the way.
    let class_q = app.say(&user, "Paracetamol").await;
    assert_eq!(class_q.inline_buttons(), class_buttons(&app, lang, "nc:"));
    let flow = class_q.message_id.unwrap();
    let (made, _) = app.press(&user, flow, "M:nc:simple").await;
    let name = [("name", s("Paracetamol"))];
    assert_eq!(
        made[0].text(),
        Some(app.tr(lang, "took-ask-dose-free", &name).as_str())
    );
    assert_eq!(
        made[0].inline_buttons(),
        keyed(&app, lang, &[("took-btn-no-dose", "t0")])
    );
    let (made, _) = app.press(&user, flow, "M:t0").await;
    let ask_time = |what: &str| app.tr(lang, "took-ask-time", &[("what", s(what))]);
    assert_eq!(made[0].text(), Some(ask_time("Paracetamol").as_str()));
    assert_eq!(
        made[0].inline_buttons(),
        keyed(&app, lang, &[("took-btn-now", "tn")])
    );
    let (made, _) = app.press(&user, flow, "M:tn").await;
    let recorded = |what: &str, time: &str| {
        app.tr(
            lang,
            "took-recorded",
            &[("what", s(what)), ("time", today(&app, lang, time).into())],
        )
    };
    assert_eq!(
        made[0].text(),
        Some(recorded("Paracetamol", "10:00").as_str())
    );
    let (_, answer) = app.press(&user, flow, "M:tn").await;
    assert_eq!(
        answer,
        Some(app.t(lang, "error-stale-button")),
        "double tap"
    );

    // The usual dose and now.
    let ibu = add_med(&app, 75, "Ibuprofen", MedClass::Nsaid, Some("400 mg")).await;
    let para = db!(app.store, medications(75)).unwrap()[1].clone();
    let reply = app.say(&user, "/took").await;
    assert_eq!(reply.text(), Some(app.t(lang, "took-ask-med").as_str()));
    let mut expected = vec![
        ("Ibuprofen".to_owned(), format!("M:tm:{}", ibu.id)),
        ("Paracetamol".to_owned(), format!("M:tm:{}", para.id)),
    ];
    expected.extend(keyed(&app, lang, &[("took-btn-other", "ta")]));
    assert_eq!(reply.inline_buttons(), expected);
    let flow = reply.message_id.unwrap();
    let (made, _) = app.press(&user, flow, &format!("M:tm:{}", ibu.id)).await;
    let name = [("name", s("Ibuprofen"))];
    assert_eq!(
        made[0].text(),
        Some(app.tr(lang, "took-ask-dose", &name).as_str())
    );
    let mut expected = vec![("400 mg".to_owned(), "M:td".to_owned())];
    expected.extend(keyed(&app, lang, &[("took-btn-no-dose", "t0")]));
    assert_eq!(made[0].inline_buttons(), expected);
    let (made, _) = app.press(&user, flow, "M:td").await;
    assert_eq!(made[0].text(), Some(ask_time("Ibuprofen 400 mg").as_str()));
    let (made, _) = app.press(&user, flow, "M:tn").await;
    assert_eq!(
        made[0].text(),
        Some(recorded("Ibuprofen 400 mg", "10:00").as_str())
    );

    // A typed name, dose and time, with the bad ones explained.
    app.say(&user, "/took").await;
    let reply = app.say(&user, "ibuprofen").await;
    assert_eq!(
        reply.text(),
        Some(app.tr(lang, "took-ask-dose", &name).as_str())
    );
    for (typed, key) in [
        ("-5", "med-error-dose-negative"),
        ("−5 mg", "med-error-dose-negative"),
    ] {
        assert_eq!(
            app.say(&user, typed).await.text(),
            Some(app.t(lang, key).as_str())
        );
    }
    let reply = app.say(&user, "600 mg").await;
    assert_eq!(reply.text(), Some(ask_time("Ibuprofen 600 mg").as_str()));
    for (typed, key) in [
        ("31.02 08:00", "time-error-invalid-date"),
        ("25:00", "time-error-invalid-time"),
        ("today 11:00", "took-time-future"),
    ] {
        let reply = app.say(&user, typed).await;
        assert_eq!(reply.text(), Some(app.t(lang, key).as_str()), "{typed:?}");
    }
    let reply = app.say(&user, "8:15").await;
    assert_eq!(
        reply.text(),
        Some(recorded("Ibuprofen 600 mg", "08:15").as_str())
    );
    let after = app.say(&user, "8:00").await;
    assert_eq!(
        after.text(),
        Some(app.t(lang, "error-unknown-input").as_str())
    );

    let doses = db!(app.store, intakes_between(75, 0, i64::MAX)).unwrap();
    let seen: Vec<_> = doses
        .iter()
        .map(|i| (i.name.as_str(), i.dose.as_deref(), i.attack_id, i.taken_at))
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                "Ibuprofen",
                Some("600 mg"),
                None,
                t0() - Duration::minutes(105)
            ),
            ("Paracetamol", None, None, t0()),
            ("Ibuprofen", Some("400 mg"), None, t0()),
        ]
    );

    let doc = crate::export_menu::diary(&app, &user).await;
    let mut reader = csv::Reader::from_reader(doc.files[0].bytes.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cells: Vec<(&str, &str)> = rows.iter().map(|r| (&r[0], &r[18])).collect();
    assert_eq!(
        cells,
        vec![
            (
                "day",
                "Ibuprofen|nsaid|600 mg|2026-03-10T08:15:00+01:00|unknown"
            ),
            (
                "day",
                "Paracetamol|simple||2026-03-10T10:00:00+01:00|unknown"
            ),
            (
                "day",
                "Ibuprofen|nsaid|400 mg|2026-03-10T10:00:00+01:00|unknown"
            ),
        ]
    );
    app.stop().await;
}

async fn a_dose_for_an_attack_asks_its_effect_after_two_hours_and_exports_it(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(76, lang);
    app.onboard(&user, chrono_tz::Europe::Moscow).await; // t0 is 12:00 there
    let med = add_med(&app, 76, "Sumatriptan", MedClass::Triptan, Some("50 mg")).await;
    app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let attack = db!(app.store, latest_open_attack(76)).unwrap().unwrap();
    let history = app.say(&user, "/history").await.message_id.unwrap();
    let (made, _) = app.press_label(&user, history, "1").await;
    // The record view's own buttons (delete, back, …) stay as they are; ours come first.
    let split = |buttons: Vec<(String, String)>| -> (Vec<_>, Vec<_>) {
        buttons
            .into_iter()
            .partition(|(_, data)| data.starts_with("M:"))
    };
    let plain = vec![(app.t(lang, "took-btn"), format!("M:t:{}", attack.id))];
    let (mine, theirs) = split(made[0].inline_buttons());
    assert_eq!(mine, plain);
    assert!(theirs.contains(&(app.t(lang, "btn-delete"), format!("d:{}:0", attack.id))));

    let (made, _) = app
        .press(&user, history, &format!("M:t:{}", attack.id))
        .await;
    assert_eq!(made[0].method, "sendmessage");
    let start = today(&app, lang, "12:00");
    let ask = app.tr(
        lang,
        "took-ask-med-attack",
        &[("start", start.clone().into())],
    );
    assert_eq!(made[0].text(), Some(ask.as_str()));
    let flow = made[0].message_id.unwrap();
    app.press(&user, flow, &format!("M:tm:{}", med.id)).await;
    app.press(&user, flow, "M:td").await;
    let (made, _) = app.press(&user, flow, "M:tn").await;
    let what = "Sumatriptan 50 mg";
    let recorded = app.tr(
        lang,
        "took-recorded-attack",
        &[
            ("what", s(what)),
            ("time", start.clone().into()),
            ("start", start.clone().into()),
        ],
    );
    assert_eq!(made[0].text(), Some(recorded.as_str()));
    let intake = db!(app.store, intakes_for_attack(76, attack.id))
        .unwrap()
        .remove(0);

    // Not yet two hours: nothing to ask.
    app.clock.advance(Duration::minutes(119));
    let open = format!("o:{}:0", attack.id);
    let (made, _) = app.press(&user, history, &open).await;
    assert_eq!(
        split(made[0].inline_buttons()),
        (plain.clone(), theirs.clone())
    );
    app.clock.advance(Duration::minutes(1));
    let (made, _) = app.press(&user, history, &open).await;
    let question = app.tr(lang, "took-effect-question", &[("name", s("Sumatriptan"))]);
    let mut asking = plain.clone();
    asking.push((question, format!("M:q:{}", intake.id)));
    asking.extend(keyed(
        &app,
        lang,
        &[
            ("took-btn-effect-none", &format!("f:{}:none", intake.id)),
            (
                "took-btn-effect-partial",
                &format!("f:{}:partial", intake.id),
            ),
            ("took-btn-effect-full", &format!("f:{}:full", intake.id)),
        ],
    ));
    assert_eq!(split(made[0].inline_buttons()), (asking, theirs.clone()));

    let (made, answer) = app
        .press(&user, history, &format!("M:q:{}", intake.id))
        .await;
    assert!(made.is_empty());
    let hint = app.tr(
        lang,
        "took-effect-hint",
        &[("what", s(what)), ("time", start.clone().into())],
    );
    assert_eq!(answer, Some(hint));
    let (made, answer) = app
        .press(&user, history, &format!("M:f:{}:partial", intake.id))
        .await;
    let saved = app.tr(lang, "took-effect-saved-partial", &[("what", s(what))]);
    assert_eq!(answer, Some(saved));
    assert_eq!(made[0].target_message_id(), Some(history));
    assert_eq!(
        split(made[0].inline_buttons()),
        (plain, theirs),
        "the question is gone"
    );
    let (_, answer) = app
        .press(&user, history, &format!("M:f:{}:full", intake.id))
        .await;
    assert_eq!(answer, Some(app.t(lang, "took-effect-already")));
    let stored = db!(app.store, intake(76, intake.id)).unwrap().unwrap();
    assert_eq!(stored.effect, Some(Effect::Partial));

    let doc = crate::export_menu::diary(&app, &user).await;
    let mut reader = csv::Reader::from_reader(doc.files[0].bytes.as_slice());
    assert_eq!(&reader.headers().unwrap()[18], "medications");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        &rows[0][18],
        "Sumatriptan|triptan|50 mg|2026-03-10T12:00:00+03:00|partial"
    );
    app.stop().await;
}

async fn forged_and_foreign_buttons_change_nothing(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let (owner, intruder) = (app.user(77, lang), app.user(78, lang));
    let zone = chrono_tz::Europe::Berlin;
    app.onboard(&owner, zone).await;
    app.onboard(&intruder, zone).await;
    let med = add_med(&app, 77, "Ibuprofen", MedClass::Nsaid, Some("400 mg")).await;
    let attack = headlog::domain::attack::Attack::new(77, t0() - Duration::hours(3), zone, t0());
    let attack = db!(app.store, insert_attack(&attack, None)).unwrap();
    let dose = NewIntake {
        medication_id: med.id,
        attack_id: Some(attack.id),
        taken_at: t0() - Duration::hours(3),
        zone,
        dose: Some("400 mg".into()),
    };
    let intake = db!(app.store, insert_intake(77, &dose, None, 0)).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    let mark = headlog::domain::day::DayField::Menstruation(Some(true));
    db!(app.store, set_day_field(77, day, zone, &mark, 0)).unwrap();

    let msg = app.say(&intruder, "/settings").await.message_id.unwrap();
    let before = app.fake.message(78, msg).unwrap().text;
    let stale = app.t(lang, "error-stale-button");
    let (m, a, i) = (med.id, attack.id, intake.id);
    let date = app.tr(
        lang,
        "period-date",
        &[("day", s("10")), ("month", app.t(lang, "month-3").into())],
    );
    let cases: Vec<(String, String)> = vec![
        ("M:zz".into(), stale.clone()),
        ("M:o:1".into(), stale.clone()),
        ("M:x:abc".into(), stale.clone()),
        ("M:f:1:unknown".into(), stale.clone()),
        ("M:c:1:aspirin".into(), stale.clone()),
        ("M:pu:20260231".into(), stale.clone()),
        ("M:sc:2500".into(), stale.clone()),
        ("M:t:1:2".into(), stale.clone()),
        (format!("M:o:{m}:0"), app.t(lang, "med-gone")),
        (format!("M:en:{m}"), app.t(lang, "med-gone")),
        (format!("M:ec:{m}"), app.t(lang, "med-gone")),
        (format!("M:c:{m}:opioid"), app.t(lang, "med-gone")),
        (format!("M:ed:{m}"), app.t(lang, "med-gone")),
        (format!("M:dn:{m}"), app.t(lang, "med-gone")),
        (format!("M:x:{m}"), app.t(lang, "med-gone")),
        (format!("M:t:{a}"), app.t(lang, "attack-gone")),
        (format!("M:f:{i}:full"), app.t(lang, "took-dose-gone")),
        (format!("M:q:{i}"), app.t(lang, "took-dose-gone")),
        (format!("M:tm:{m}"), stale.clone()),
        ("M:tn".into(), stale.clone()),
        ("M:td".into(), stale.clone()),
        ("M:nc:nsaid".into(), stale.clone()),
        (
            "M:pu:20260310".into(),
            app.tr(lang, "period-mark-not-marked", &[("date", date.into())]),
        ),
    ];
    for (data, expected) in cases {
        let (made, answer) = app.press(&intruder, msg, &data).await;
        assert_eq!(answer, Some(expected), "{data}");
        assert!(made.is_empty(), "{data}: {made:?}");
    }
    // Inside a flow, another user's medication is still not theirs.
    let took = app.say(&intruder, "/took").await.message_id.unwrap();
    let (_, answer) = app.press(&intruder, took, &format!("M:tm:{m}")).await;
    assert_eq!(answer, Some(app.t(lang, "med-gone")));

    assert_eq!(app.fake.message(78, msg).unwrap().text, before);
    assert_eq!(db!(app.store, medication(77, m)).unwrap(), Some(med));
    let kept = db!(app.store, intake(77, i)).unwrap().unwrap();
    assert_eq!((kept.effect, kept.dose.as_deref()), (None, Some("400 mg")));
    assert!(db!(app.store, medications(78)).unwrap().is_empty());
    assert!(
        db!(app.store, intakes_between(78, 0, i64::MAX))
            .unwrap()
            .is_empty()
    );
    let record = db!(app.store, day_record(77, day)).unwrap().unwrap();
    assert_eq!(record.menstruation, Some(true));
    app.stop().await;
}

async fn a_repeated_handling_does_not_double_a_dose(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(79, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    let med = add_med(&app, 79, "Topiramate", MedClass::Preventive, Some("25 mg")).await;
    let flow = app.say(&user, "/took").await.message_id.unwrap();
    app.press(&user, flow, &format!("M:tm:{}", med.id)).await;
    app.press(&user, flow, "M:td").await;
    let waiting = db!(app.store, dialogue(79)).unwrap();
    assert!(waiting.is_some());

    // The update that records the dose, handled directly twice, as after a crash that
    // struck between recording it and clearing the question.
    let api = headlog::bot::api::BotApi::new(
        app.fake.token(),
        &url::Url::parse(&app.fake.api_url()).unwrap(),
        Duration::seconds(5).to_std().unwrap(),
    );
    let clock: std::sync::Arc<dyn headlog::clock::Clock> = std::sync::Arc::new(app.clock.clone());
    let outbox = std::sync::Arc::new(headlog::bot::outbox::Outbox::new(
        app.store.clone(),
        api.clone(),
        clock.clone(),
        Default::default(),
    ));
    let bot = headlog::bot::BotCtx::new(
        app.store.clone(),
        clock,
        std::sync::Arc::new(headlog::i18n::I18n::new().unwrap()),
        api,
        outbox,
    );
    let now = headlog::clock::Clock::now(&app.clock);
    let json = serde_json::json!({
        "update_id": 9000,
        "message": {
            "message_id": 90, "date": 1_773_133_200, "text": "9:30",
            "chat": {"id": 79, "type": "private", "first_name": "U"},
            "from": {"id": 79, "is_bot": false, "first_name": "U", "language_code": lang.code()}
        }
    });
    let update: teloxide_core::types::Update = serde_json::from_str(&json.to_string()).unwrap();
    let handle = async || {
        let tx = app.store.begin().await.unwrap();
        let admit = headlog::domain::ratelimit::Admit::Yes;
        headlog::bot::router::handle(&bot, &tx, 9000, &update, now, admit)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    };
    handle().await;
    assert_eq!(db!(app.store, dialogue(79)).unwrap(), None);
    db!(app.store, set_dialogue(79, waiting.as_deref(), 0)).unwrap();
    handle().await;

    let doses = db!(app.store, intakes_between(79, 0, i64::MAX)).unwrap();
    assert_eq!(doses.len(), 1, "recorded once");
    assert_eq!(doses[0].taken_at, t0() - Duration::minutes(30));
    assert_eq!(doses[0].dose.as_deref(), Some("25 mg"));
    app.stop().await;
}

async fn an_effect_answered_in_the_details_editor_keeps_the_editor(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(79, lang);
    app.onboard(&user, chrono_tz::UTC).await;
    let med = add_med(&app, 79, "Ibuprofen", MedClass::Nsaid, Some("400 mg")).await;
    app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let attack = db!(app.store, latest_open_attack(79)).unwrap().unwrap();
    let dose = NewIntake {
        medication_id: med.id,
        attack_id: Some(attack.id),
        taken_at: app.clock_now(),
        zone: chrono_tz::UTC,
        dose: Some("400 mg".into()),
    };
    let intake = db!(app.store, insert_intake(79, &dose, None, 0)).unwrap();
    app.clock.advance(Duration::hours(2));

    let history = app.say(&user, "/history").await.message_id.unwrap();
    app.press_label(&user, history, "1").await;
    let (made, _) = app
        .press(&user, history, &format!("D:o:{}:h0", attack.id))
        .await;
    let editor_text = made[0].text().unwrap().to_owned();
    let before = made[0].inline_buttons();
    let effect = format!("M:f:{}:partial", intake.id);
    assert!(before.iter().any(|(_, d)| *d == effect), "{before:?}");

    let (made, answer) = app.press(&user, history, &effect).await;
    let saved = app.tr(
        lang,
        "took-effect-saved-partial",
        &[("what", s("Ibuprofen 400 mg"))],
    );
    assert_eq!(answer, Some(saved));
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].method, "editmessagereplymarkup");
    let question = format!("M:q:{}", intake.id);
    let after: Vec<(String, String)> = before
        .into_iter()
        .filter(|(_, d)| !d.starts_with(&format!("M:f:{}:", intake.id)) && *d != question)
        .collect();
    assert_eq!(
        made[0].inline_buttons(),
        after,
        "only the question rows are gone"
    );
    let shown = app.fake.message(79, history).unwrap();
    assert_eq!(
        shown.text.as_deref(),
        Some(editor_text.as_str()),
        "still the editor"
    );
    app.stop().await;
}
