//! The one tap and what follows: ended now, ended at a typed time, undo, stale attacks.

use crate::db::Backend;
use crate::harness::{TestApp, e2e, t0};
use chrono::Duration;
use headlog::domain::lang::Lang;

e2e!(
    one_tap_records_now_and_a_second_tap_shows_the_open_attack,
    ended_now_edits_in_place_and_a_double_tap_changes_nothing,
    ended_at_reads_a_typed_time_and_explains_bad_ones,
    undo_removes_the_attack_and_restore_brings_it_back,
    a_stale_open_attack_is_closed_before_a_new_one_starts,
    without_a_zone_times_are_utc_and_the_user_is_told,
    a_range_within_one_day_names_the_day_once,
);

fn buttons(app: &TestApp, lang: Lang, id: i64) -> Vec<(String, String)> {
    vec![
        (app.t(lang, "btn-ended-now"), format!("e:{id}")),
        (app.t(lang, "btn-ended-at"), format!("t:{id}")),
        (app.t(lang, "took-btn"), format!("M:t:{id}")),
        (app.t(lang, "btn-details-add"), format!("D:a:{id}")),
        (app.t(lang, "btn-undo"), format!("u:{id}")),
    ]
}

async fn one_tap_records_now_and_a_second_tap_shows_the_open_attack(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(20, lang);
    app.onboard(&user, chrono_tz::Europe::Moscow).await;
    let reply = app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let start = app.tr(lang, "time-today", &[("time", "12:00".into())]);
    assert_eq!(
        reply.text(),
        Some(
            app.tr(lang, "attack-recorded", &[("start", start.clone().into())])
                .as_str()
        )
    );
    let attack = db!(app.store, latest_open_attack(20))
        .unwrap()
        .expect("an open attack");
    assert_eq!(
        (attack.started_at, attack.zone),
        (t0(), chrono_tz::Europe::Moscow)
    );
    assert_eq!(reply.inline_buttons(), buttons(&app, lang, attack.id));

    app.clock.advance(Duration::minutes(30));
    let again = app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let duration = app.tr(lang, "duration-minutes", &[("m", 30i64.into())]);
    let expected = app.tr(
        lang,
        "attack-already-open",
        &[("start", start.into()), ("duration", duration.into())],
    );
    assert_eq!(again.text(), Some(expected.as_str()));
    assert_eq!(again.inline_buttons(), buttons(&app, lang, attack.id));
    assert_eq!(
        db!(app.store, count_attacks(20)).unwrap(),
        1,
        "no duplicate"
    );
    app.stop().await;
}

async fn ended_now_edits_in_place_and_a_double_tap_changes_nothing(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(21, lang);
    app.onboard(&user, chrono_tz::Europe::Moscow).await;
    let reply = app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let msg = reply.message_id.unwrap();
    app.clock.advance(Duration::minutes(95));
    let (made, answer) = app
        .press_label(&user, msg, &app.t(lang, "btn-ended-now"))
        .await;
    // The same day is named once: "today 12:00 – 13:35".
    let today_noon = app.tr(lang, "time-today", &[("time", "12:00".into())]);
    let args = [
        ("range", format!("{today_noon} – 13:35").into()),
        (
            "duration",
            app.tr(
                lang,
                "duration-hours",
                &[("h", 1i64.into()), ("m", 35i64.into())],
            )
            .into(),
        ),
    ];
    assert_eq!(answer, None);
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].method, "editmessagetext");
    assert_eq!(made[0].target_message_id(), Some(msg));
    assert_eq!(
        made[0].text(),
        Some(app.tr(lang, "attack-ended", &args).as_str())
    );
    let id = db!(app.store, list_attacks(21, 1, 0)).unwrap()[0].id;
    assert_eq!(
        made[0].inline_buttons(),
        vec![
            (app.t(lang, "took-btn"), format!("M:t:{id}")),
            (app.t(lang, "btn-details-add"), format!("D:a:{id}"))
        ],
        "once ended, details can still be added"
    );

    // A second press of the same (stale) button: the end stays where it was.
    app.clock.advance(Duration::minutes(10));
    let (_, answer) = app.press(&user, msg, &format!("e:{id}")).await;
    assert_eq!(answer, Some(app.t(lang, "done")));
    let attack = db!(app.store, attack(21, id)).unwrap().unwrap();
    assert_eq!(attack.ended_at, Some(t0() + Duration::minutes(95)));
    assert_eq!(
        app.fake.message(21, msg).unwrap().text,
        Some(app.tr(lang, "attack-already-ended", &args))
    );
    app.stop().await;
}

async fn ended_at_reads_a_typed_time_and_explains_bad_ones(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(22, lang);
    app.onboard(&user, chrono_tz::Europe::Moscow).await;
    let reply = app.say(&user, &app.t(lang, "btn-headache-now")).await;
    app.clock.advance(Duration::hours(3)); // 15:00 local
    let (made, _) = app
        .press_label(
            &user,
            reply.message_id.unwrap(),
            &app.t(lang, "btn-ended-at"),
        )
        .await;
    assert_eq!(made[0].text(), Some(app.t(lang, "attack-ask-end").as_str()));

    let start = app.tr(lang, "time-today", &[("time", "12:00".into())]);
    for (typed, expected) in [
        ("25:00", app.t(lang, "time-error-invalid-time")),
        ("31.02 10:00", app.t(lang, "time-error-invalid-date")),
        ("31.02", app.t(lang, "time-error-invalid-date")),
        ("whenever 🤷", app.t(lang, "time-error-unrecognised")),
        (
            "11:00",
            app.tr(
                lang,
                "attack-end-before-start",
                &[("start", start.clone().into())],
            ),
        ),
        ("today 16:00", app.t(lang, "attack-end-in-future")),
        (&"9".repeat(100), app.t(lang, "time-error-too-long")),
    ] {
        let answer = app.say(&user, typed).await;
        assert_eq!(answer.text(), Some(expected.as_str()), "typed {typed:?}");
        assert!(
            db!(app.store, latest_open_attack(22)).unwrap().is_some(),
            "still open after {typed:?}"
        );
    }
    let typed = if lang == Lang::Ru {
        "30 минут назад"
    } else {
        "30 min ago"
    };
    // The card shows the attack ended and the question becomes the answer: no new message.
    let done = app.say_n(&user, typed, 2).await;
    let args = [
        ("range", format!("{start} – 14:30").into()),
        (
            "duration",
            app.tr(
                lang,
                "duration-hours",
                &[("h", 2i64.into()), ("m", 30i64.into())],
            )
            .into(),
        ),
    ];
    let ended = app.tr(lang, "attack-ended", &args);
    assert_eq!(done[0].method, "editmessagetext");
    assert_eq!(done[0].text(), Some(ended.as_str()));
    assert!(
        !done[0]
            .inline_buttons()
            .iter()
            .any(|(_, d)| d.starts_with("e:"))
    );
    assert_eq!(done[1].method, "editmessagetext");
    assert_eq!(done[1].text(), Some(ended.as_str()));
    assert_ne!(done[0].target_message_id(), done[1].target_message_id());
    app.assert_quiet(22).await;
    let attack = db!(app.store, list_attacks(22, 1, 0)).unwrap().remove(0);
    assert_eq!(attack.ended_at, Some(t0() + Duration::minutes(150)));
    // The question is over: a time typed now is not taken as an end.
    let after = app.say(&user, "14:00").await;
    assert_eq!(
        after.text(),
        Some(app.t(lang, "error-unknown-input").as_str())
    );
    app.stop().await;
}

async fn undo_removes_the_attack_and_restore_brings_it_back(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(23, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    let reply = app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let msg = reply.message_id.unwrap();
    let (made, _) = app.press_label(&user, msg, &app.t(lang, "btn-undo")).await;
    let start = app.tr(lang, "time-today", &[("time", "10:00".into())]);
    assert_eq!(
        made[0].text(),
        Some(
            app.tr(lang, "attack-undone", &[("start", start.clone().into())])
                .as_str()
        )
    );
    assert_eq!(db!(app.store, count_attacks(23)).unwrap(), 0);
    let (made, _) = app
        .press_label(&user, msg, &app.t(lang, "btn-restore"))
        .await;
    assert_eq!(
        made[0].text(),
        Some(
            app.tr(lang, "attack-recorded", &[("start", start.into())])
                .as_str()
        )
    );
    assert_eq!(db!(app.store, count_attacks(23)).unwrap(), 1);
    // Undo twice (a double tap) deletes once and keeps the first deletion time.
    let id = db!(app.store, list_attacks(23, 1, 0)).unwrap()[0].id;
    app.press(&user, msg, &format!("u:{id}")).await;
    let first = db!(app.store, attack(23, id)).unwrap().unwrap().deleted_at;
    app.clock.advance(Duration::minutes(1));
    app.press(&user, msg, &format!("u:{id}")).await;
    assert_eq!(
        db!(app.store, attack(23, id)).unwrap().unwrap().deleted_at,
        first
    );
    app.stop().await;
}

async fn a_stale_open_attack_is_closed_before_a_new_one_starts(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(24, lang);
    app.onboard(&user, chrono_tz::UTC).await;
    app.say(&user, &app.t(lang, "btn-headache-now")).await;
    app.clock.advance(Duration::hours(73));
    let ask = app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let args = [
        (
            "start",
            app.tr(
                lang,
                "time-date",
                &[
                    ("weekday", app.t(lang, "weekday-2").into()),
                    ("day", "10".into()),
                    ("month", app.t(lang, "month-3").into()),
                    ("time", "09:00".into()),
                ],
            )
            .into(),
        ),
        (
            "duration",
            app.tr(
                lang,
                "duration-days",
                &[("d", 3i64.into()), ("h", 1i64.into())],
            )
            .into(),
        ),
        (
            "now",
            app.tr(lang, "time-today", &[("time", "10:00".into())])
                .into(),
        ),
    ];
    assert_eq!(
        ask.text(),
        Some(app.tr(lang, "attack-stale-open", &args).as_str())
    );
    assert_eq!(
        db!(app.store, count_attacks(24)).unwrap(),
        1,
        "nothing new yet"
    );

    let typed = if lang == Lang::Ru {
        "10.03 18:00"
    } else {
        "10.03 at 18:00"
    };
    let replies = app.say_n(&user, typed, 2).await;
    let tuesday = |time: &str| {
        app.tr(
            lang,
            "time-date",
            &[
                ("weekday", app.t(lang, "weekday-2").into()),
                ("day", "10".into()),
                ("month", app.t(lang, "month-3").into()),
                ("time", time.into()),
            ],
        )
    };
    let ended = [
        ("range", format!("{} – 18:00", tuesday("09:00")).into()),
        (
            "duration",
            app.tr(
                lang,
                "duration-hours",
                &[("h", 9i64.into()), ("m", 0i64.into())],
            )
            .into(),
        ),
    ];
    assert_eq!(
        replies[0].text(),
        Some(app.tr(lang, "attack-ended", &ended).as_str())
    );
    let recorded = app.tr(
        lang,
        "attack-recorded",
        &[(
            "start",
            app.tr(lang, "time-today", &[("time", "10:00".into())])
                .into(),
        )],
    );
    assert_eq!(replies[1].text(), Some(recorded.as_str()));
    let attacks = db!(app.store, list_attacks(24, 10, 0)).unwrap();
    assert_eq!(attacks.len(), 2);
    assert_eq!(attacks[0].started_at, t0() + Duration::hours(73));
    assert!(attacks[0].is_open());
    assert_eq!(attacks[1].ended_at, Some(t0() + Duration::hours(9)));
    app.stop().await;
}

async fn without_a_zone_times_are_utc_and_the_user_is_told(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(25, lang);
    let reply = app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let start = app.tr(lang, "time-today", &[("time", "09:00".into())]);
    let expected = format!(
        "{}\n\n{}",
        app.tr(lang, "attack-recorded", &[("start", start.into())]),
        app.t(lang, "tz-not-set-hint")
    );
    assert_eq!(reply.text(), Some(expected.as_str()));
    assert_eq!(
        db!(app.store, list_attacks(25, 1, 0)).unwrap()[0].zone,
        chrono_tz::UTC
    );
    app.stop().await;
}

/// "today 12:00 – today 14:00" said the day twice: a range within one local day names it
/// once, in the ended message, its double tap and the history; across midnight both days.
async fn a_range_within_one_day_names_the_day_once(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(25, lang);
    // 12:00 in Moscow at the start.
    app.onboard(&user, chrono_tz::Europe::Moscow).await;
    let reply = app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let msg = reply.message_id.unwrap();
    app.clock.advance(Duration::hours(2));
    let (made, _) = app
        .press_label(&user, msg, &app.t(lang, "btn-ended-now"))
        .await;
    let (ended, already) = match lang {
        Lang::En => (
            "Headache ended: today 12:00 – 14:00 (2 h).",
            "This headache has already ended: today 12:00 – 14:00 (2 h).",
        ),
        Lang::Ru => (
            "Головная боль закончилась: сегодня 12:00 – 14:00 (2 ч).",
            "Эта головная боль уже закончилась: сегодня 12:00 – 14:00 (2 ч).",
        ),
    };
    assert_eq!(made[0].text(), Some(ended));
    let id = db!(app.store, list_attacks(25, 1, 0)).unwrap()[0].id;
    let (_, answer) = app.press(&user, msg, &format!("e:{id}")).await;
    assert_eq!(answer, Some(app.t(lang, "done")));
    assert_eq!(
        app.fake.message(25, msg).unwrap().text.as_deref(),
        Some(already)
    );

    // 23:00 to 01:00: two days, both named.
    app.clock.advance(Duration::hours(9));
    let reply = app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let msg = reply.message_id.unwrap();
    app.clock.advance(Duration::hours(2));
    let (made, _) = app
        .press_label(&user, msg, &app.t(lang, "btn-ended-now"))
        .await;
    let across = match lang {
        Lang::En => "Headache ended: yesterday 23:00 – today 01:00 (2 h).",
        Lang::Ru => "Головная боль закончилась: вчера 23:00 – сегодня 01:00 (2 ч).",
    };
    assert_eq!(made[0].text(), Some(across));

    let history = app.say(&user, "/history").await;
    let lines: Vec<&str> = history.text().unwrap().lines().skip(1).collect();
    let expected = match lang {
        Lang::En => [
            "1. yesterday 23:00 – today 01:00 · 2 h",
            "2. yesterday 12:00 – 14:00 · 2 h",
        ],
        Lang::Ru => [
            "1. вчера 23:00 – сегодня 01:00 · 2 ч",
            "2. вчера 12:00 – 14:00 · 2 ч",
        ],
    };
    assert_eq!(lines, expected);
    app.stop().await;
}
