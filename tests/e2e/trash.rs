//! /trash: deleted records of the last 30 days, restorable; older ones are not.

use crate::db::Backend;
use crate::harness::{TestApp, e2e, t0};
use chrono::{Duration, NaiveDate};
use headlog::domain::attack::Attack;
use headlog::domain::day::DayField;
use headlog::domain::lang::Lang;
use headlog::domain::medication::{MedClass, NewIntake};
use headlog::i18n::Arg;

e2e!(
    the_trash_lists_recent_deletions_and_restores_them,
    every_kind_of_deleted_record_is_listed_and_restored,
);

async fn the_trash_lists_recent_deletions_and_restores_them(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(60, lang);
    app.onboard(&user, chrono_tz::UTC).await;
    assert_eq!(
        app.say(&user, "/trash").await.text(),
        Some(app.t(lang, "trash-empty").as_str())
    );

    let start = t0() - Duration::hours(5);
    let mut ids = Vec::new();
    for _ in 0..3 {
        let mut a = Attack::new(60, start, chrono_tz::UTC, start);
        a.ended_at = Some(start + Duration::hours(2));
        ids.push(db!(app.store, insert_attack(&a, None)).unwrap().id);
    }
    let now = t0().timestamp();
    db!(
        app.store,
        set_attack_deleted(60, ids[0], Some(now - 31 * 86_400), now)
    )
    .unwrap();
    db!(
        app.store,
        set_attack_deleted(60, ids[1], Some(now - 3600), now)
    )
    .unwrap();

    let list = app.say(&user, "/trash").await;
    let header = app.tr(lang, "trash-header", &[("count", Arg::Num(1))]);
    let today = |t: &str| app.tr(lang, "time-today", &[("time", t.into())]);
    let line = app.tr(
        lang,
        "trash-line-attack",
        &[
            ("start", today("04:00").into()),
            (
                "duration",
                app.tr(
                    lang,
                    "duration-hours",
                    &[("h", 2i64.into()), ("m", 0i64.into())],
                )
                .into(),
            ),
            ("deleted", today("08:00").into()),
        ],
    );
    assert_eq!(list.text(), Some(format!("{header}\n1. {line}").as_str()));
    let restore = (
        app.tr(lang, "trash-restore", &[("n", Arg::Num(1))]),
        format!("T:r:a:{}:0", ids[1]),
    );
    assert_eq!(list.inline_buttons(), vec![restore.clone()]);

    // An expired deletion, another user's record and garbage restore nothing.
    let msg = list.message_id.unwrap();
    for (data, key) in [
        (format!("T:r:a:{}:0", ids[0]), "trash-gone"),
        (format!("T:r:a:{}:0", ids[2]), "trash-gone"),
        ("T:zz".to_owned(), "error-stale-button"),
        // The button of an older build, and a kind that does not exist.
        (format!("T:r:{}:0", ids[1]), "error-stale-button"),
        (format!("T:r:q:{}:0", ids[1]), "error-stale-button"),
    ] {
        let (made, answer) = app.press(&user, msg, &data).await;
        assert_eq!(answer, Some(app.t(lang, key)), "{data}");
        assert!(made.is_empty());
    }
    let intruder = app.user(61, lang);
    let (_, answer) = app.press(&intruder, msg, &restore.1).await;
    assert_eq!(answer, Some(app.t(lang, "trash-gone")));
    assert_eq!(db!(app.store, count_attacks(60)).unwrap(), 1);

    let (made, answer) = app.press(&user, msg, &restore.1).await;
    assert_eq!(
        answer,
        Some(app.tr(lang, "record-restored", &[("start", today("04:00").into())]))
    );
    assert_eq!(made[0].text(), Some(app.t(lang, "trash-empty").as_str()));
    assert_eq!(db!(app.store, count_attacks(60)).unwrap(), 2);
    // A double tap finds it restored already: nothing changes.
    let (_, answer) = app.press(&user, msg, &restore.1).await;
    assert_eq!(answer, Some(app.t(lang, "trash-gone")));
    assert_eq!(db!(app.store, count_attacks(60)).unwrap(), 2);
    app.stop().await;
}

/// Attacks and medications are deleted through the bot (a record's delete button, a
/// medication's "remove from the list"); the bot has no delete for a dose or a day record,
/// so those are deleted through the store.
async fn every_kind_of_deleted_record_is_listed_and_restored(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(62, lang);
    app.onboard(&user, chrono_tz::UTC).await;
    let at = |h: i64| t0() - Duration::hours(h);
    let secs = |h: i64| at(h).timestamp();
    let s = |v: &str| Arg::Str(v.to_owned());
    let today = |t: &str| app.tr(lang, "time-today", &[("time", t.into())]);

    let mut a = Attack::new(62, at(5), chrono_tz::UTC, at(5));
    a.ended_at = Some(at(3));
    let attack = db!(app.store, insert_attack(&a, None)).unwrap();
    let ibu = db!(
        app.store,
        insert_medication(62, "Ibuprofen", MedClass::Nsaid, None, 0)
    )
    .unwrap();
    let suma = db!(
        app.store,
        insert_medication(62, "Sumatriptan", MedClass::Triptan, None, 0)
    )
    .unwrap();
    let dose = |medication_id, attack_id, taken_at, dose: &str| NewIntake {
        medication_id,
        attack_id,
        taken_at,
        zone: chrono_tz::UTC,
        dose: Some(dose.into()),
    };
    let alone = db!(
        app.store,
        insert_intake(62, &dose(suma.id, None, at(2), "50 mg"), None, 0)
    )
    .unwrap();
    let of_attack = db!(
        app.store,
        insert_intake(62, &dose(ibu.id, Some(attack.id), at(4), "400 mg"), None, 0)
    )
    .unwrap();
    let (mar9, mar8) = (
        NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
        NaiveDate::from_ymd_opt(2026, 3, 8).unwrap(),
    );
    let note = |text: &str| DayField::Comment(Some(text.into()));
    let day9 = db!(
        app.store,
        set_day_field(62, mar9, chrono_tz::UTC, &note("slept badly"), 0)
    )
    .unwrap();
    let day8 = db!(
        app.store,
        set_day_field(62, mar8, chrono_tz::UTC, &note("old"), 0)
    )
    .unwrap();
    db!(
        app.store,
        set_intake_deleted(62, alone.id, Some(secs(1)), 0)
    )
    .unwrap();
    db!(
        app.store,
        set_intake_deleted(62, of_attack.id, Some(secs(1) - 1800), 0)
    )
    .unwrap();
    db!(
        app.store,
        set_day_record_deleted(62, day9.id, Some(secs(2)), 0)
    )
    .unwrap();
    db!(
        app.store,
        set_day_record_deleted(62, day8.id, Some(secs(3)), 0)
    )
    .unwrap();
    // A new record of 8 March is written after the old one was deleted.
    db!(
        app.store,
        set_day_field(62, mar8, chrono_tz::UTC, &note("new"), 0)
    )
    .unwrap();

    // Through the bot: the attack at 09:00, the medication at 09:10.
    let msg = app.say(&user, "/settings").await.message_id.unwrap();
    let (made, _) = app.press(&user, msg, &format!("d:{}:0", attack.id)).await;
    assert_eq!(made.len(), 1);
    app.clock.advance(Duration::minutes(10));
    let (made, _) = app.press(&user, msg, &format!("M:x:{}", ibu.id)).await;
    let removed = app.tr(lang, "med-deleted", &[("name", s("Ibuprofen"))]);
    assert_eq!(made[0].text(), Some(removed.as_str()));

    let class = |c: MedClass| app.t(lang, &format!("medclass-{}", c.key()));
    let date = |d: &str| {
        app.tr(
            lang,
            "trash-date",
            &[("day", s(d)), ("month", app.t(lang, "month-3").into())],
        )
    };
    let med_line = app.tr(
        lang,
        "trash-line-med",
        &[
            ("name", s("Ibuprofen")),
            ("class", class(MedClass::Nsaid).into()),
            ("deleted", today("09:10").into()),
        ],
    );
    let two_hours = app.tr(
        lang,
        "duration-hours",
        &[("h", 2i64.into()), ("m", 0i64.into())],
    );
    let attack_line = app.tr(
        lang,
        "trash-line-attack",
        &[
            ("start", today("04:00").into()),
            ("duration", two_hours.into()),
            ("deleted", today("09:00").into()),
        ],
    );
    let dose_line = |what: &str, time: &str, deleted: &str| {
        app.tr(
            lang,
            "trash-line-dose",
            &[
                ("what", s(what)),
                ("time", today(time).into()),
                ("deleted", today(deleted).into()),
            ],
        )
    };
    let day_line = |d: &str, deleted: &str| {
        app.tr(
            lang,
            "trash-line-day",
            &[("date", date(d).into()), ("deleted", today(deleted).into())],
        )
    };
    let listing = |lines: &[String]| {
        let count = lines.len() as i64;
        let mut text = app.tr(lang, "trash-header", &[("count", Arg::Num(count))]);
        for (n, line) in lines.iter().enumerate() {
            text.push_str(&format!("\n{}. {line}", n + 1));
        }
        text
    };
    let buttons = |data: &[String]| -> Vec<(String, String)> {
        data.iter()
            .enumerate()
            .map(|(n, d)| {
                (
                    app.tr(lang, "trash-restore", &[("n", Arg::Num(n as i64 + 1))]),
                    d.clone(),
                )
            })
            .collect()
    };
    let (r_med, r_attack, r_alone, r_of_attack, r_day9, r_day8) = (
        format!("T:r:m:{}:0", ibu.id),
        format!("T:r:a:{}:0", attack.id),
        format!("T:r:i:{}:0", alone.id),
        format!("T:r:i:{}:0", of_attack.id),
        format!("T:r:d:{}:0", day9.id),
        format!("T:r:d:{}:0", day8.id),
    );
    let list = app.say(&user, "/trash").await;
    let lines = [
        med_line.clone(),
        attack_line,
        dose_line("Sumatriptan 50 mg", "07:00", "08:00"),
        dose_line("Ibuprofen 400 mg", "05:00", "07:30"),
        day_line("9", "07:00"),
        day_line("8", "06:00"),
    ];
    assert_eq!(list.text(), Some(listing(&lines).as_str()));
    let data = [&r_med, &r_attack, &r_alone, &r_of_attack, &r_day9, &r_day8].map(|d| d.clone());
    assert_eq!(list.inline_buttons(), buttons(&data));
    let msg = list.message_id.unwrap();

    // Refused politely, changing nothing: a dose of a deleted attack, a day that has a
    // live record again, and another user's record.
    let refusals = [
        (
            &r_of_attack,
            app.tr(
                lang,
                "trash-refuse-dose",
                &[("what", s("Ibuprofen 400 mg"))],
            ),
        ),
        (
            &r_day8,
            app.tr(lang, "trash-refuse-day", &[("date", date("8").into())]),
        ),
    ];
    for (data, expected) in refusals {
        let (made, answer) = app.press(&user, msg, data).await;
        assert_eq!(answer.as_ref(), Some(&expected), "{data}");
        assert!(made.is_empty());
    }
    let intruder = app.user(63, lang);
    let (made, answer) = app.press(&intruder, msg, &r_med).await;
    assert_eq!(answer, Some(app.t(lang, "trash-gone")));
    assert!(made.is_empty());

    // Each comes back and leaves the trash.
    let (made, answer) = app.press(&user, msg, &r_attack).await;
    assert_eq!(
        answer,
        Some(app.tr(lang, "record-restored", &[("start", today("04:00").into())]))
    );
    assert_eq!(
        made[0].text(),
        Some(
            listing(&[&lines[0], &lines[2], &lines[3], &lines[4], &lines[5]].map(|l| l.clone()))
                .as_str()
        )
    );
    let (_, answer) = app.press(&user, msg, &r_of_attack).await;
    let restored_dose = |what: &str, time: &str| {
        app.tr(
            lang,
            "trash-restored-dose",
            &[("what", s(what)), ("time", today(time).into())],
        )
    };
    assert_eq!(answer, Some(restored_dose("Ibuprofen 400 mg", "05:00")));
    let (_, answer) = app.press(&user, msg, &r_med).await;
    assert_eq!(
        answer,
        Some(app.tr(lang, "trash-restored-med", &[("name", s("Ibuprofen"))]))
    );
    let (_, answer) = app.press(&user, msg, &r_alone).await;
    assert_eq!(answer, Some(restored_dose("Sumatriptan 50 mg", "07:00")));
    let (made, answer) = app.press(&user, msg, &r_day9).await;
    assert_eq!(
        answer,
        Some(app.tr(lang, "trash-restored-day", &[("date", date("9").into())]))
    );
    assert_eq!(made[0].text(), Some(listing(&[lines[5].clone()]).as_str()));
    assert_eq!(
        made[0].inline_buttons(),
        buttons(std::slice::from_ref(&r_day8))
    );
    let (_, answer) = app.press(&user, msg, &r_med).await;
    assert_eq!(answer, Some(app.t(lang, "trash-gone")), "restored already");

    // Back where they were: the medication list, the history with its dose, the day.
    let settings = app.say(&user, "/settings").await.message_id.unwrap();
    let (made, _) = app.press(&user, settings, "M:l:0").await;
    let med = |n: i64, name: &str, c: MedClass| {
        app.tr(
            lang,
            "med-list-line",
            &[
                ("n", n.into()),
                ("name", s(name)),
                ("class", class(c).into()),
            ],
        )
    };
    let mut meds = app.tr(lang, "med-list-title", &[("count", 2i64.into())]);
    for line in [
        med(1, "Ibuprofen", MedClass::Nsaid),
        med(2, "Sumatriptan", MedClass::Triptan),
    ] {
        meds.push('\n');
        meds.push_str(&line);
    }
    assert_eq!(made[0].text(), Some(meds.as_str()));
    assert_eq!(db!(app.store, count_attacks(62)).unwrap(), 1);
    let doses = db!(app.store, intakes_for_attack(62, attack.id)).unwrap();
    assert_eq!(
        doses.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![of_attack.id]
    );
    let diary = db!(app.store, diary(62)).unwrap();
    let mut ids: Vec<i64> = diary.intakes.iter().map(|i| i.id).collect();
    ids.sort();
    assert_eq!(ids, vec![alone.id, of_attack.id]);
    let back = db!(app.store, day_record(62, mar9)).unwrap().unwrap();
    assert_eq!(
        (back.id, back.comment.as_deref()),
        (day9.id, Some("slept badly"))
    );
    let live8 = db!(app.store, day_record(62, mar8)).unwrap().unwrap();
    assert_eq!(
        live8.comment.as_deref(),
        Some("new"),
        "the newer record is untouched"
    );
    app.stop().await;
}
